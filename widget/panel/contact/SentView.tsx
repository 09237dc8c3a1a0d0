/** The confirmation after a request was sent, with its number. */
import { contactMessages } from '../../i18n/words.js';
import type { ViewModel } from '../state.js';

export function SentView({ model, number, email }: { model: ViewModel; number: number; email: string }) {
  return (
    <div class="view sent" role="status">
      <svg class="sent-icon" viewBox="0 0 24 24" aria-hidden="true">
        <path d="M5 12.5l4.5 4.5L19 7.5" />
      </svg>
      <h3 class="article-heading" tabIndex={-1} data-autofocus>
        {contactMessages.sentTitle}
      </h3>
      <p>{contactMessages.sentBody(number)}</p>
      {email && <p class="muted">{contactMessages.sentEmail(email)}</p>}
      {/* A member's request is in their list now: they can go straight to it. */}
      <div class="sent-actions">
        {model.session.member.value && (
          <button type="button" class="primary" onClick={() => model.navigation.show({ name: 'request', id: number })}>
            {contactMessages.viewRequest}
          </button>
        )}
        <button type="button" class="secondary" onClick={() => model.navigation.show({ name: 'home' })}>
          {contactMessages.backToHelp}
        </button>
      </div>
    </div>
  );
}
