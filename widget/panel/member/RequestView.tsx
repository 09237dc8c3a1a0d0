/**
 * One request: the whole public conversation with its files, who is copied, and the reply form
 * (../files/ReplyForm.tsx). Everything people wrote is shown as text, never as HTML.
 */
import { filesChunk } from '../files-chunk.js';
import { useEffect, useRef } from 'preact/hooks';
import type { RatingScore } from '../../../server/contract/types.js';
import { messages, memberMessages } from '../../i18n/words.js';
import { Notice, Skeleton } from '../components/Notice.js';
import type { MemberHost } from '../state.js';
import type { RequestsModel } from './requests-model.js';
import { StatusBadge } from './StatusBadge.js';
import { dateTime } from '../../kit/time.js';
import { locale } from '../language.js';

/** `asked`: the score a solve mail's link chose (`rate=good`), to confirm; a link never stores a rating by itself. */
export function RequestView({ model, requests, id, asked }: { model: MemberHost; requests: RequestsModel; id: number; asked?: RatingScore }) {
  useEffect(() => requests.open(id, asked), [id]);
  const heading = useRef<HTMLHeadingElement>(null);
  const detail = requests.detail.value;
  // Until this request has arrived (the model may still hold the one shown before), say it is loading.
  const shown = detail.state === 'ready' && detail.value.id === id;
  // The panel moved focus when the view opened, while this was still loading: move it to the title now.
  useEffect(() => {
    if (shown && model.navigation.isOpen.peek()) heading.current?.focus();
  }, [shown, id]);
  if (detail.state === 'loading' || (detail.state === 'ready' && !shown)) return <Skeleton view />;
  if (detail.state === 'error') {
    // 403: not this session's to see (a mail link's session opens its one request only).
    const missing = detail.error.status === 404 || detail.error.status === 403;
    const text = detail.error.code === 'session_expired' ? memberMessages.sessionEnded : missing ? memberMessages.requestMissing : messages.offline;
    return (
      <div class="view">
        <Notice text={text} onRetry={missing ? undefined : () => requests.open(id)} />
      </div>
    );
  }

  const request = detail.value;
  const problem = requests.problem.value;
  // The reply form and the files come with the files chunk, fetched with the member's features.
  const Files = filesChunk.loaded.value;
  const closed = request.status === 'closed';
  const followUp = () => {
    model.prefill({ subject: memberMessages.followUpSubject(request.id, request.subject), category: request.category.id });
    model.navigation.show({ name: 'contact' });
  };

  return (
    <article class="view request" aria-labelledby="ph-request-title">
      <h3 ref={heading} id="ph-request-title" class="article-heading" tabIndex={-1} data-autofocus dir="auto">
        {request.subject}
      </h3>
      <p class="request-meta">
        <StatusBadge status={request.status} />
        <span>
          {memberMessages.requestTitle(request.id)} · {request.category.name}
        </span>
        {Files && <Files.FollowUpOf model={model} request={request} />}
      </p>
      {request.ccs.length > 0 && (
        <p class="muted ccs">
          {memberMessages.copied}: {request.ccs.map((cc) => cc.name).join(', ')}
        </p>
      )}

      {/* Present from the start, so screen readers follow it: live updates say here what changed. */}
      <p class="visually-hidden" aria-live="polite">
        {requests.news.value}
      </p>
      <ol class="thread">
        {request.comments.map((comment) => (
          <li key={comment.id} class={comment.author.role === 'agent' ? 'message from-agent' : 'message'}>
            <p class="message-author">
              <strong>{comment.author.you ? memberMessages.you : comment.author.name}</strong>
              {comment.author.role === 'agent' && <span class="tag">{memberMessages.support}</span>}
              <time dateTime={comment.createdAt}>{dateTime(comment.createdAt, locale.value)}</time>
            </p>
            {/* People write in their own language, whatever the panel's: each text takes its own direction. */}
            <p class="message-body" dir="auto">
              {comment.body}
            </p>
            {Files && <Files.FileList files={comment.attachments} root={model.root} renew={requests.reread} />}
          </li>
        ))}
      </ol>

      {Files && request.can.rate && <Files.Rating model={model} requests={requests} request={request} />}
      {closed || problem?.code === 'request_closed' ? (
        // Not a warning: closing is how a request ends. Its status says Closed; this says what comes next.
        <div class="closed-note" role="status">
          <p class="muted">{memberMessages.closedNote}</p>
          <button type="button" class="secondary" onClick={followUp}>
            {memberMessages.followUp}
          </button>
        </div>
      ) : (
        Files && <Files.ReplyForm model={model} requests={requests} request={request} />
      )}
    </article>
  );
}
