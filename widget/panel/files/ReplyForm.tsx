/**
 * A member's "Add to conversation": the text, the files attached to it, and "Mark as solved".
 * It comes with the files chunk rather than the member chunk: it is what carries files, and the
 * member chunk has no room for them.
 */
import type { RequestDetail } from '../../../server/contract/types.js';
import { messages, filesMessages } from '../../i18n/words.js';
import type { RequestsModel } from '../member/requests-model.js';
import { isUploading } from '../models/uploads.js';
import type { MemberHost } from '../state.js';
import { Attach } from './Attach.js';
import { sendProblemText, uploadFile } from './add-files.js';

export function ReplyForm({ model, requests, request }: { model: MemberHost; requests: RequestsModel; request: RequestDetail }) {
  const problem = requests.problem.value;
  const config = model.config.value;
  // The server's limits come with the site config, which the panel fetches first; until then there is nothing to attach with.
  const limits = config.state === 'ready' ? config.value.attachments : undefined;
  const blocked = requests.busy.value !== null || isUploading(requests.files.value);
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
          {(limits && sendProblemText(problem.code, limits)) ||
            (problem.code === 'session_expired' ? messages.sessionEnded : problem.code === 'network' ? messages.offline : problem.message)}
        </p>
      )}
      <div class="actions">
        <button type="submit" class="primary" disabled={blocked || !requests.reply.value.trim()}>
          {requests.busy.value === 'reply' ? messages.sending : filesMessages.sendReply}
        </button>
        {request.can.solve && (
          <button type="button" class="secondary" disabled={requests.busy.value !== null} onClick={() => requests.solve(request.id)}>
            {filesMessages.markSolved}
          </button>
        )}
      </div>
    </form>
  );
}
