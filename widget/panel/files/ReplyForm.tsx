/**
 * A member's "Add to conversation": the text, the files attached to it, and "Mark as solved" —
 * which, with a reply still in the box, asks whether to send it first.
 * It comes with the files chunk rather than the member chunk: it is what carries files, and the
 * member chunk has no room for them.
 */
import { useEffect, useRef } from 'preact/hooks';
import type { RequestDetail } from '../../../server/contract/types.js';
import { filesMessages } from '../../i18n/words.js';
import type { RequestsModel } from '../member/requests-model.js';
import { isUploading } from '../models/uploads.js';
import type { MemberHost } from '../state.js';
import { Attach } from './Attach.js';
import { sendProblemText, uploadFile } from './add-files.js';
import { refusalText } from './refusal-text.js';

export function ReplyForm({ model, requests, request }: { model: MemberHost; requests: RequestsModel; request: RequestDetail }) {
  const problem = requests.problem.value;
  const config = model.config.value;
  // The server's limits come with the site config, which the panel fetches first; until then there is nothing to attach with.
  const limits = config.state === 'ready' ? config.value.attachments : undefined;
  const blocked = requests.busy.value !== null || isUploading(requests.files.value);
  // Asked only while there is a reply to send: sent (or emptied) meanwhile, the question is moot.
  const confirming = requests.confirmSolve.value && Boolean(requests.reply.value.trim());
  // Solving with text still in the box would leave it unsent without a word: ask first.
  const markSolved = () => (requests.reply.value.trim() ? (requests.confirmSolve.value = true) : requests.solve(request.id));
  return (
    <form
      class="form reply"
      onSubmit={(event) => {
        event.preventDefault();
        if (requests.reply.value.trim() && !blocked) void requests.sendReply(request.id);
      }}
    >
      <div class="field">
        <label for="ph-reply">{filesMessages.addToConversation}</label>
        {/* The form's problem describes the text; the text is invalid when the server named it (`fields.body`). */}
        <textarea
          id="ph-reply"
          rows={3}
          aria-describedby={problem ? 'ph-reply-problem' : undefined}
          aria-invalid={Boolean(problem?.fields.body)}
          value={requests.reply.value}
          onInput={(event) => (requests.reply.value = event.currentTarget.value)}
        />
      </div>
      {/* A mail link's session has no member but may attach to its one request, with its own token. */}
      {limits && (
        <Attach
          id="ph-reply-files"
          uploads={requests.files}
          root={model.root}
          limits={limits}
          send={(file) => model.session.call((token) => uploadFile(model.api, file, token))}
        />
      )}
      {problem && (
        <p id="ph-reply-problem" class="form-error" role="alert">
          {(limits && sendProblemText(problem.code, limits)) || refusalText(problem)}
        </p>
      )}
      <div class="actions">
        <button type="submit" class="primary" disabled={blocked || !requests.reply.value.trim()}>
          {requests.busy.value === 'reply' ? filesMessages.sending : filesMessages.sendReply}
        </button>
        {request.can.solve && !confirming && (
          <button type="button" class="secondary" disabled={requests.busy.value !== null} onClick={markSolved}>
            {filesMessages.markSolved}
          </button>
        )}
      </div>
      {confirming && <SendFirst requests={requests} id={request.id} done={() => (requests.confirmSolve.value = false)} />}
    </form>
  );
}

/** "Mark as solved" with a reply still unsent: send it first, solve without it, or go back to writing. */
function SendFirst({ requests, id, done }: { requests: RequestsModel; id: number; done: () => void }) {
  const first = useRef<HTMLButtonElement>(null);
  useEffect(() => first.current?.focus(), []);
  const busy = requests.busy.value !== null;
  const solve = () => requests.solve(id).then(done);
  return (
    <div class="send-first" role="group" aria-labelledby="ph-send-first">
      <p id="ph-send-first">{filesMessages.unsentReply}</p>
      <div class="actions">
        <button
          ref={first}
          type="button"
          class="primary"
          disabled={busy}
          // The solve waits for the reply; a reply refused stays in the box with its reason, unsolved.
          onClick={() => requests.sendReply(id).then(() => (requests.problem.peek() ? done() : solve()))}
        >
          {filesMessages.sendAndSolve}
        </button>
        <button type="button" class="secondary" disabled={busy} onClick={solve}>
          {filesMessages.solveWithoutSending}
        </button>
        <button type="button" class="secondary" disabled={busy} onClick={done}>
          {filesMessages.cancel}
        </button>
      </div>
    </div>
  );
}
