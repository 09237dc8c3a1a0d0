/**
 * The right column: one request — subject, status, category and its fields, the people on it,
 * the requester's rating, the whole history (internal notes marked as such) and, unless it is closed, the composer and the
 * status change. Everything people wrote is rendered as text.
 */
import { useEffect, useRef } from 'preact/hooks';
import type { AgentRequest, AgentStatus } from '../../../contract/types.js';
import { dateTime, fieldLabel, STATUS_CHOICES, STATUS_LABELS } from '../format.js';
import { requestPath } from '../routing.js';
import type { InboxModel } from '../state.js';
import { FileList } from '../../../../widget/panel/files/FileList.js';
import { Composer } from './Composer.js';
import { Problem } from './Problem.js';
import { StatusBadge } from './StatusBadge.js';
import { TeamFacts } from './TeamFacts.js';
import { UnverifiedSender } from './UnverifiedSender.js';

export function RequestPane({ model }: { model: InboxModel }) {
  const number = model.openNumber.value;
  const detail = model.request.detail.value;
  if (number === null)
    return (
      <main class="detail empty" id="detail">
        <p class="muted">Choose a request from the queue to read and answer it.</p>
      </main>
    );
  return (
    <main class="detail" id="detail" aria-busy={detail.state === 'loading'}>
      {detail.state === 'loading' ? (
        <p class="muted pad">Loading request #{number}…</p>
      ) : detail.state === 'error' ? (
        <div class="pad">
          {detail.error.status === 404 ? (
            <p class="problem" role="alert">
              Request #{number} does not exist.
            </p>
          ) : (
            <Problem error={detail.error} onRetry={model.request.reload} />
          )}
        </div>
      ) : (
        <RequestView model={model} request={detail.value} />
      )}
    </main>
  );
}

function RequestView({ model, request }: { model: InboxModel; request: AgentRequest }) {
  const heading = useRef<HTMLHeadingElement>(null);
  const wantsFocus = model.focusRequest.value;
  useEffect(() => {
    if (!wantsFocus) return;
    heading.current?.focus();
    model.focusRequest.value = false;
  }, [request.id, wantsFocus]);
  const closed = request.status === 'closed';
  const fields = Object.entries(request.fields);

  return (
    <article class="request" aria-labelledby="request-title">
      <header class="request-head">
        <div class="request-title-block">
          <p class="request-number">
            #{request.id} · opened <time dateTime={request.createdAt}>{dateTime(request.createdAt)}</time>
          </p>
          <h1 id="request-title" ref={heading} tabIndex={-1}>
            {request.subject}
          </h1>
          <p class="request-meta">
            <StatusBadge status={request.status} />
            <span>{request.category.name}</span>
            {!request.senderVerified && <UnverifiedSender />}
            {request.followUpOf !== undefined && (
              <a
                class="follow-up"
                href={requestPath(request.followUpOf)}
                onClick={(event) => {
                  if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
                  event.preventDefault();
                  model.openRequest(request.followUpOf!);
                }}
              >
                Follow-up to #{request.followUpOf}
              </a>
            )}
          </p>
        </div>
        {closed ? <p class="closed-note">Closed — cannot be changed</p> : <StatusControl model={model} request={request} />}
      </header>

      <TeamFacts model={model} request={request} />

      <dl class="facts">
        <div>
          <dt>Requester</dt>
          <dd>
            <Person contact={request.requester} />
          </dd>
        </div>
        <div>
          <dt>Organization</dt>
          <dd>{request.organization ? request.organization.name : <span class="muted">None</span>}</dd>
        </div>
        <div>
          <dt>CCs</dt>
          <dd>
            {request.ccs.length === 0 ? (
              <span class="muted">None</span>
            ) : (
              <ul class="ccs">
                {request.ccs.map((cc) => (
                  <li key={cc.email}>
                    <Person contact={cc} />
                  </li>
                ))}
              </ul>
            )}
          </dd>
        </div>
        <div>
          <dt>Category</dt>
          <dd>{request.category.name}</dd>
        </div>
        <div>
          <dt>Rating</dt>
          <dd>
            <RatingFact rating={request.rating} />
          </dd>
        </div>
        {fields.map(([key, value]) => (
          <div key={key}>
            <dt>{fieldLabel(key)}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>

      <section class="history" aria-labelledby="history-title">
        <h2 id="history-title">History</h2>
        <ol>
          {request.comments.map((comment) => {
            const note = !comment.public;
            const kind = note ? 'entry note' : comment.author.role === 'agent' ? 'entry reply' : 'entry customer';
            return (
              <li key={comment.id} class={kind}>
                <p class="entry-head">
                  <strong>{comment.author.name}</strong>
                  {note ? (
                    <span class="tag note-tag">Internal note</span>
                  ) : comment.author.role === 'agent' ? (
                    <span class="tag reply-tag">Public reply</span>
                  ) : (
                    <span class="tag">Customer</span>
                  )}
                  {comment.sentFrom && (
                    <span class="tag unverified" title={`Replied by mail to an address sent to someone else, from ${comment.sentFrom}`}>
                      Sent from another address: {comment.sentFrom}
                    </span>
                  )}
                  <time dateTime={comment.createdAt}>{dateTime(comment.createdAt)}</time>
                </p>
                <p class="entry-body">{comment.body}</p>
                <FileList files={comment.attachments} renew={model.request.reread} />
              </li>
            );
          })}
        </ol>
      </section>

      {closed ? <ClosedNotice model={model} /> : <Composer model={model} request={request} />}
    </article>
  );
}

/** The requester's rating, once given: the score, their comment (as text) and when. */
function RatingFact({ rating }: { rating: AgentRequest['rating'] }) {
  if (!rating) return <span class="muted">Not rated</span>;
  return (
    <>
      <span class={`rating-score ${rating.score}`}>{rating.score === 'good' ? 'Good' : 'Bad'}</span>
      {rating.comment && <span class="rating-comment">“{rating.comment}”</span>}
      <time class="rating-when" dateTime={rating.ratedAt}>
        {dateTime(rating.ratedAt)}
      </time>
    </>
  );
}

/** A person on the request: name (or email), member or guest, and the email beneath. */
function Person({ contact }: { contact: AgentRequest['requester'] }) {
  return (
    <>
      <span class="person">{contact.name || contact.email}</span>
      <span class={contact.member ? 'tag member' : 'tag'}>{contact.member ? 'Member' : 'Guest'}</span>
      {contact.name && <span class="email">{contact.email}</span>}
    </>
  );
}

/** Where the composer was: why nothing more can be done, and what was being written when it closed. */
function ClosedNotice({ model }: { model: InboxModel }) {
  const { request: open } = model;
  const problem = open.sendProblem.value ?? open.statusProblem.value;
  const unsent = open.draft.value.trim() ? open.draft.value : '';
  return (
    <div class="closed-banner">
      {problem?.code === 'request_closed' ? (
        <p class="problem" role="alert">
          This request was closed before your message was sent, so it was not added.
        </p>
      ) : (
        problem && <Problem error={problem} />
      )}
      <p>No more replies, notes or status changes on a closed request. The customer can submit a follow-up request.</p>
      {unsent && (
        <>
          <p class="unsent-label">Your unsent text, to copy:</p>
          <p class="entry-body unsent">{unsent}</p>
        </>
      )}
    </div>
  );
}

function StatusControl({ model, request }: { model: InboxModel; request: AgentRequest }) {
  const { request: open } = model;
  const chosen = open.nextStatus.value;
  const problem = open.statusProblem.value;
  return (
    <form
      class="status-control"
      onSubmit={(event) => {
        event.preventDefault();
        void open.changeStatus();
      }}
    >
      <label for="status-select">Status</label>
      <div class="status-row">
        <select id="status-select" value={chosen} onChange={(event) => (open.nextStatus.value = event.currentTarget.value as AgentStatus)}>
          {chosen === '' && (
            <option value="" disabled>
              {STATUS_LABELS[request.status]}
            </option>
          )}
          {STATUS_CHOICES.map((choice) => (
            <option key={choice.value} value={choice.value}>
              {choice.label}
            </option>
          ))}
        </select>
        <button type="submit" class="secondary" disabled={!chosen || chosen === request.status || open.changingStatus.value}>
          {open.changingStatus.value ? 'Updating…' : 'Update'}
        </button>
      </div>
      {problem && <Problem error={problem} />}
    </form>
  );
}
