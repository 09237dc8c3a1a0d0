/**
 * "How did we do?" on a solved request the member may rate (`can.rate`): Good or Bad, an optional
 * comment, and a send. Choosing a score only selects it — the rating is stored when it is sent —
 * so a solve mail's link (`rate=good` in its fragment) can pre-select one and ask to confirm it:
 * following a link never rates. A rating given may be changed: choosing again and sending replaces
 * it. Its state is the requests model's (`rating`); it rides in the files chunk, which a member's
 * request view loads anyway.
 */
import { LIMITS } from '../../../server/contract/rules.js';
import type { RatingScore, RequestDetail } from '../../../server/contract/types.js';
import { filesMessages as words } from '../../i18n/words.js';
import type { RequestsModel } from '../member/requests-model.js';
import type { MemberHost } from '../state.js';
import { refusalText } from './refusal-text.js';
import { adoptFilesStyles } from './styles.js';

const SCORES: RatingScore[] = ['good', 'bad'];

export function Rating({ model, requests, request }: { model: MemberHost; requests: RequestsModel; request: RequestDetail }) {
  adoptFilesStyles(model.root);
  const { chosen, fromLink, comment, sending, problem } = requests.rating;
  const shown = chosen.value ?? request.rating?.score;
  const failure = problem.value;

  return (
    <section class="rating" aria-labelledby="ph-rate-title">
      <h4 id="ph-rate-title" class="rate-title">
        {words.rateTitle}
      </h4>
      <div class="rate-scores" role="group" aria-labelledby="ph-rate-title">
        {SCORES.map((score) => (
          <button
            key={score}
            type="button"
            class={`secondary rate-${score}`}
            aria-pressed={shown === score}
            onClick={() => {
              chosen.value = score;
              fromLink.value = false;
            }}
          >
            {score === 'good' ? words.rateGood : words.rateBad}
          </button>
        ))}
      </div>
      {chosen.value ? (
        <form
          class="form rate-form"
          onSubmit={(event) => {
            event.preventDefault();
            void requests.rate(request.id);
          }}
        >
          {fromLink.value && <p class="rate-confirm">{words.rateConfirm}</p>}
          <div class="field">
            <label for="ph-rate-comment">{words.rateComment}</label>
            <textarea
              id="ph-rate-comment"
              rows={2}
              maxLength={LIMITS.ratingComment}
              value={comment.value}
              onInput={(event) => (comment.value = event.currentTarget.value)}
            />
          </div>
          {failure && (
            <p class="form-error" role="alert">
              {refusalText(failure)}
            </p>
          )}
          <div class="actions">
            <button type="submit" class="primary" disabled={sending.value}>
              {sending.value ? words.sending : words.rateSend}
            </button>
            <button type="button" class="secondary" disabled={sending.value} onClick={() => (chosen.value = undefined)}>
              {words.cancel}
            </button>
          </div>
        </form>
      ) : (
        request.rating && (
          <p class="muted rate-thanks" role="status">
            {words.rateThanks}
          </p>
        )
      )}
    </section>
  );
}
