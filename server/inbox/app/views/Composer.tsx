/**
 * Writing on a request: a public reply (the customer sees it) or an internal note (the team only),
 * its files (the widget's attach control), and the status it leaves the request in. Ctrl/⌘+Enter sends.
 */
import type { AgentRequest, AgentStatus } from '../../../contract/types.js';
import { Attach } from '../../../../widget/panel/files/Attach.js';
import { isUploading } from '../../../../widget/panel/models/uploads.js';
import { STATUS_CHOICES, STATUS_LABELS } from '../format.js';
import type { InboxModel } from '../state.js';
import { Problem } from './Problem.js';

export function Composer({ model, request }: { model: InboxModel; request: AgentRequest }) {
  const open = model.request;
  const isPublic = open.mode.value === 'public';
  const problem = open.sendProblem.value;
  const sending = open.sending.value;
  const uploading = isUploading(open.files.value);
  // The server's attachment limits come with the agent's `me`; the composer is only ever shown signed in.
  const session = model.session.value;
  const limits = session.state === 'signed-in' ? session.me.attachments : undefined;
  // The first choice is what happens when the agent picks nothing: the server's own default.
  const statusChoices = isPublic
    ? [{ value: '', label: 'Pending — awaiting customer' }, ...STATUS_CHOICES.filter((choice) => choice.value !== 'pending')]
    : [{ value: '', label: `Keep current (${STATUS_LABELS[request.status]})` }, ...STATUS_CHOICES];

  return (
    <form
      class={isPublic ? 'composer' : 'composer note'}
      aria-labelledby="composer-title"
      onSubmit={(event) => {
        event.preventDefault();
        void open.send();
      }}
    >
      <h2 id="composer-title" class="visually-hidden">
        Respond
      </h2>
      <fieldset class="segmented">
        <legend class="visually-hidden">Kind of message</legend>
        <label>
          <input type="radio" name="composer-mode" value="public" checked={isPublic} onChange={() => open.setMode('public')} />
          <span>Public reply</span>
        </label>
        <label>
          <input type="radio" name="composer-mode" value="note" checked={!isPublic} onChange={() => open.setMode('note')} />
          <span>Internal note</span>
        </label>
      </fieldset>
      <label for="composer-body" class="visually-hidden">
        {isPublic ? 'Reply to the customer' : 'Internal note for the team'}
      </label>
      <textarea
        id="composer-body"
        rows={5}
        placeholder={isPublic ? 'Write a reply to the customer…' : 'Write a note only the support team can see…'}
        aria-describedby="composer-hint"
        value={open.draft.value}
        onInput={(event) => open.setDraft(event.currentTarget.value)}
        onKeyDown={(event) => {
          if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
            event.preventDefault();
            void open.send();
          }
        }}
      />
      <p id="composer-hint" class="hint">
        {isPublic ? 'The customer and anyone copied will see this reply.' : 'Only the support team sees internal notes.'} Ctrl+Enter sends.
      </p>
      {limits && <Attach id="composer-files" uploads={open.files} send={open.uploadFile} limits={limits} />}
      {problem && <Problem error={problem} />}
      <div class="composer-actions">
        <label for="composer-status">Then set status</label>
        <select
          id="composer-status"
          value={open.replyStatus.value}
          onChange={(event) => (open.replyStatus.value = event.currentTarget.value as AgentStatus | '')}
        >
          {statusChoices.map((choice) => (
            <option key={choice.value} value={choice.value}>
              {choice.label}
            </option>
          ))}
        </select>
        <button type="submit" class="primary" disabled={sending || uploading}>
          {sending ? 'Sending…' : isPublic ? 'Send reply' : 'Add note'}
        </button>
        <span class="sent" role="status">
          {open.sentNotice.value}
        </span>
      </div>
    </form>
  );
}
