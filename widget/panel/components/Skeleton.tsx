/**
 * Content still on its way: grey lines where it will be, so the view keeps its shape instead of
 * flashing a word. Busy for assistive technology, which hears the visually hidden "Loading…".
 * `view`: it stands for a whole view (the view's padding), not a part of one.
 */
import { messages } from '../../i18n/words.js';

export const Skeleton = ({ view }: { view?: boolean }) => (
  <div class={view ? 'view skeleton' : 'skeleton'} aria-busy="true">
    <span class="visually-hidden">{messages.loading}</span>
    <i />
    <i />
    <i />
  </div>
);
