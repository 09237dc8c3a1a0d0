/** The confirmation after a request was sent, with its number. */
import { messages } from '../../i18n/en.js';
import type { WidgetModel } from '../state.js';

export function SentView({ model, number, email }: { model: WidgetModel; number: number; email: string }) {
  return (
    <div class="view sent" role="status">
      <svg class="sent-icon" viewBox="0 0 24 24" aria-hidden="true">
        <path d="M5 12.5l4.5 4.5L19 7.5" />
      </svg>
      <h3 class="article-heading" tabIndex={-1} data-autofocus>
        {messages.sentTitle}
      </h3>
      <p>{messages.sentBody(number)}</p>
      {email && <p class="muted">{messages.sentEmail(email)}</p>}
      <button type="button" class="secondary" onClick={() => model.navigation.show({ name: 'home' })}>
        {messages.backToHelp}
      </button>
    </div>
  );
}
