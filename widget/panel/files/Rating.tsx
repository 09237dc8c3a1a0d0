/**
 * "How did we do?" on a solved request the member may rate (`can.rate`): Good or Bad, an optional
 * comment, and a send. Choosing a score only selects it — the rating is stored when it is sent —
 * so a solve mail's link (`asked`, from `rate=good` in its fragment) can pre-select one and ask to
 * confirm it: following a link never rates. A rating given may be changed: choosing again and
 * sending replaces it. It rides in the files chunk, which a member's request view loads anyway.
 */
import { useState } from 'preact/hooks';
import { LIMITS } from '../../../server/contract/rules.js';
import type { RatingScore, RequestDetail, RequestDetailBody } from '../../../server/contract/types.js';
import { messages, filesMessages as words } from '../../i18n/words.js';
import { ApiError, bearer, post } from '../api.js';
import type { RequestsModel } from '../member/requests-model.js';
import type { MemberHost } from '../state.js';
import { adoptFilesStyles } from './styles.js';

const SCORES: RatingScore[] = ['good', 'bad'];

interface RatingProps {
  model: MemberHost;
  requests: RequestsModel;
  request: RequestDetail;
  /** The score a mail's link chose, to confirm. */
  asked?: RatingScore;
}

export function Rating({ model, requests, request, asked }: RatingProps) {
  adoptFilesStyles(model.root);
  const given = request.rating;
  // A link's score that is already the one given needs no confirming.
  const [chosen, choose] = useState<RatingScore | undefined>(asked !== given?.score ? asked : undefined);
  const [fromLink, setFromLink] = useState(chosen !== undefined);
  const [comment, setComment] = useState(given?.comment ?? '');
  const [sending, setSending] = useState(false);
  const [problem, setProblem] = useState<ApiError>();
  const shown = chosen ?? given?.score;

  const send = async (event: Event) => {
    event.preventDefault();
    if (!chosen || sending) return;
    setSending(true);
    setProblem(undefined);
    const body = comment.trim() ? { score: chosen, comment: comment.trim() } : { score: chosen };
    try {
      const answer = await model.session.call((token) =>
        model.api.call<RequestDetailBody>(`requests/${request.id}/rating`, { ...post(body, bearer(token)), method: 'PUT' }),
      );
      choose(undefined);
      setFromLink(false);
      requests.showUpdated(answer.request);
    } catch (error) {
      setProblem(error instanceof ApiError ? error : new ApiError(0, 'network', String(error)));
    } finally {
      setSending(false);
    }
  };

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
              choose(score);
              setFromLink(false);
            }}
          >
            {score === 'good' ? words.rateGood : words.rateBad}
          </button>
        ))}
      </div>
      {chosen ? (
        <form class="form rate-form" onSubmit={send}>
          {fromLink && <p class="rate-confirm">{words.rateConfirm}</p>}
          <div class="field">
            <label for="ph-rate-comment">{words.rateComment}</label>
            <textarea
              id="ph-rate-comment"
              rows={2}
              maxLength={LIMITS.ratingComment}
              value={comment}
              onInput={(event) => setComment(event.currentTarget.value)}
            />
          </div>
          {problem && (
            <p class="form-error" role="alert">
              {problem.code === 'session_expired' ? messages.sessionEnded : problem.code === 'network' ? messages.offline : problem.message}
            </p>
          )}
          <div class="actions">
            <button type="submit" class="primary" disabled={sending}>
              {sending ? messages.sending : words.rateSend}
            </button>
            <button type="button" class="secondary" disabled={sending} onClick={() => choose(undefined)}>
              {words.cancel}
            </button>
          </div>
        </form>
      ) : (
        given && (
          <p class="muted rate-thanks" role="status">
            {words.rateThanks}
          </p>
        )
      )}
    </section>
  );
}
