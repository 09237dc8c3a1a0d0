/**
 * A comment's files: images of the types ever shown inline (INLINE_IMAGE_TYPES) as a small preview
 * linking to the file, everything else as a download link with its name and size. The `url` is the
 * server's signed, short-lived one; names are people's text, shown as text. The agents' inbox
 * lists a comment's files with it too.
 */
import { INLINE_IMAGE_TYPES } from '../../../server/contract/rules.js';
import type { AttachedFile } from '../../../server/contract/types.js';
import { filesMessages } from '../../i18n/en-files.js';
import { adoptFilesStyles } from './styles.js';

/** `root`: the widget's shadow root, where its styles are adopted; the inbox styles the list in its own stylesheet. */
export function FileList({ files, root }: { files: AttachedFile[]; root?: ShadowRoot }) {
  if (!files.length) return null;
  if (root) adoptFilesStyles(root);
  return (
    <ul class="files">
      {files.map((file) => (
        <li key={file.id}>
          {INLINE_IMAGE_TYPES.includes(file.contentType) ? (
            <a class="preview" href={file.url} target="_blank" rel="noopener noreferrer">
              <img src={file.url} alt={file.name} loading="lazy" referrerpolicy="no-referrer" />
            </a>
          ) : (
            // A new tab, like the preview's: a link that has expired answers with an error page, which
            // must not take the host's page away (a download itself only ever opens the save dialog).
            <a class="download" href={file.url} download={file.name} target="_blank" rel="noopener noreferrer">
              <span class="upload-name">{file.name}</span> <span class="muted">{filesMessages.size(file.size)}</span>
            </a>
          )}
        </li>
      ))}
    </ul>
  );
}
