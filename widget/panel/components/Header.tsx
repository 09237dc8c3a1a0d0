/** The panel's top bar: back (when not on the home view), the title, and close. */
import { messages } from '../../i18n/words.js';

export function Header({ title, onBack, onClose }: { title: string; onBack?: () => void; onClose: () => void }) {
  return (
    <header class="header">
      {onBack && (
        <button type="button" class="icon-button back" aria-label={messages.back} onClick={onBack}>
          <svg viewBox="0 0 24 24" aria-hidden="true">
            <path d="M15 5l-7 7 7 7" />
          </svg>
        </button>
      )}
      <h2 id="ph-title" class="title">
        {title}
      </h2>
      <button type="button" class="icon-button" aria-label={messages.close} onClick={onClose}>
        <svg viewBox="0 0 24 24" aria-hidden="true">
          <path d="M6 6l12 12M18 6L6 18" />
        </svg>
      </button>
    </header>
  );
}
