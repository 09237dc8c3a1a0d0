/**
 * "Attach files": the browser's own file input (keyboard and screen readers know it), labelled,
 * and the files chosen so far, each with its state and a button to take it off before sending.
 * Names are the visitor's text, shown as text. The agents' inbox shows it too (server/inbox/app).
 */
import type { Signal } from '@preact/signals';
import { useRef } from 'preact/hooks';
import { filesMessages } from '../../i18n/words.js';
import type { Upload } from '../models/uploads.js';
import type { AttachmentLimitsBody } from '../../../server/contract/types.js';
import { addFiles, retryUpload, type SendFile } from './add-files.js';
import { Notice } from '../components/Notice.js';
import { adoptFilesStyles } from './styles.js';
import { adoptFormStyles } from '../form-styles.js';

interface AttachProps {
  /** The input's id: unique in the panel. */
  id: string;
  uploads: Signal<Upload[]>;
  send: SendFile;
  /** The server's: the site config's `attachments` in the widget, the agent's `me` in the inbox. */
  limits: AttachmentLimitsBody;
  /** The widget's shadow root, where its styles are adopted; the inbox styles it in its own stylesheet. */
  root?: ShadowRoot;
}

export function Attach({ id, uploads, send, limits, root }: AttachProps) {
  if (root) {
    adoptFormStyles(root);
    adoptFilesStyles(root);
  }
  const input = useRef<HTMLInputElement>(null);
  const chosen = uploads.value;
  // Full: the control says so and takes no more (a choice of too many keeps the first that fit).
  const full = chosen.length >= limits.perMessage;
  return (
    <div class="field attach">
      <label for={id}>{filesMessages.attach}</label>
      <p class="hint" id={`${id}-hint`}>
        {filesMessages.attachHint(limits.perMessage, limits.maxBytes)}
      </p>
      <input
        ref={input}
        id={id}
        type="file"
        multiple
        aria-describedby={full ? `${id}-hint ${id}-full` : `${id}-hint`}
        onChange={(event) => {
          const chooser = event.currentTarget;
          addFiles(uploads, [...(chooser.files ?? [])], send, limits);
          chooser.value = ''; // so the same file can be chosen again after it was removed
        }}
      />
      {full && (
        <p class="hint" id={`${id}-full`} role="status">
          {filesMessages.full(limits.perMessage)}
        </p>
      )}
      {chosen.length > 0 && (
        <ul class="uploads" aria-live="polite">
          {chosen.map((upload) => (
            <li key={upload.key} class={`upload ${upload.state}`}>
              <span class="upload-name">{upload.file.name}</span>
              <span class="muted">{filesMessages.size(upload.file.size)}</span>
              {upload.state !== 'failed' && <span class="muted">{upload.state === 'uploading' ? filesMessages.uploading : filesMessages.attached}</span>}
              <button
                type="button"
                class="remove"
                aria-label={filesMessages.remove(upload.file.name)}
                onClick={() => {
                  uploads.value = uploads.value.filter((other) => other.key !== upload.key);
                  // Its button is gone with it: focus goes back to the input rather than to the page.
                  input.current?.focus();
                }}
              >
                ×
              </button>
              {upload.problem && (
                <Notice text={upload.problem.text} onRetry={upload.problem.retry ? () => retryUpload(uploads, upload.key, send, limits) : undefined} />
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
