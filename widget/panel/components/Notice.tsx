/**
 * What stands in place of content: a polite message when it could not load, with a way to try
 * again (Notice), and grey lines while it is on its way (Skeleton). One module, so every chunk that
 * shows them shares the one the first load already has instead of adding a file to it.
 */
import { messages } from '../../i18n/words.js';

export function Notice({ text, onRetry }: { text: string; onRetry?: () => void }) {
  return (
    <div class="notice" role="status">
      <p>{text}</p>
      {onRetry && (
        <button type="button" class="secondary" onClick={onRetry}>
          {messages.retry}
        </button>
      )}
    </div>
  );
}

/**
 * Content still on its way: grey lines where it will be (drawn by the panel's styles), so the view keeps its shape instead of
 * flashing a word. Busy for assistive technology, which hears the visually hidden "Loading…".
 * `view`: it stands for a whole view (with the view's padding), not a part of one.
 */
export const Skeleton = ({ view }: { view?: boolean }) => (
  <div class={view ? 'view skeleton' : 'skeleton'} aria-busy="true">
    <span class="visually-hidden">{messages.loading}</span>
  </div>
);
