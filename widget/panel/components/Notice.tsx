/** A polite message in place of content that could not load, with a way to try again. */
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
