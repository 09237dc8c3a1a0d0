/**
 * A comment's files: images of the types ever shown inline (INLINE_IMAGE_TYPES) as a small preview
 * linking to the file, everything else as a download link with its name and size. The `url` is the
 * server's signed, short-lived one, renewed when it has ended (./renew-urls.ts); names are people's
 * text, shown as text. The agents' inbox lists a comment's files with it too.
 */
import { INLINE_IMAGE_TYPES } from '../../../server/contract/rules.js';
import type { AttachedFile } from '../../../server/contract/types.js';
import { filesMessages } from '../../i18n/words.js';
import { hasExpired, renewAfterFailure, renewed, type Renew } from './renew-urls.js';
import { adoptFilesStyles } from './styles.js';

/** Opens `file` as its link would: in a new tab, or saved under its name. */
function follow(file: AttachedFile, download: boolean) {
  const link = Object.assign(document.createElement('a'), { href: file.url, target: '_blank', rel: 'noopener noreferrer' });
  if (download) link.download = file.name;
  link.click();
}

/**
 * `root`: the widget's shadow root, where its styles are adopted; the inbox styles the list in its own stylesheet.
 * `renew`: re-reads the request, for fresh URLs when these have ended (./renew-urls.ts).
 */
export function FileList({ files, root, renew }: { files: AttachedFile[]; root?: ShadowRoot; renew?: Renew }) {
  if (!files.length) return null;
  if (root) adoptFilesStyles(root);
  // A link whose URL has ended would answer 410: follow the fresh one instead (or the old one, if the re-read failed).
  const open = (file: AttachedFile, download: boolean) => (event: MouseEvent) => {
    if (!renew || !hasExpired(file.url)) return;
    event.preventDefault();
    renewed(renew).then(
      (fresh) => follow(fresh.find((other) => other.id === file.id) ?? file, download),
      () => follow(file, download),
    );
  };
  return (
    <ul class="files">
      {files.map((file) => (
        <li key={file.id}>
          {INLINE_IMAGE_TYPES.includes(file.contentType) ? (
            <a class="preview" href={file.url} target="_blank" rel="noopener noreferrer" onClick={open(file, false)}>
              <img src={file.url} alt={file.name} loading="lazy" referrerpolicy="no-referrer" onError={renew && (() => renewAfterFailure(renew, file.url))} />
            </a>
          ) : (
            // A new tab, like the preview's: a link that has expired answers with an error page, which
            // must not take the host's page away (a download itself only ever opens the save dialog).
            <a class="download" href={file.url} download={file.name} target="_blank" rel="noopener noreferrer" onClick={open(file, true)}>
              <span class="upload-name">{file.name}</span> <span class="muted">{filesMessages.size(file.size)}</span>
            </a>
          )}
        </li>
      ))}
    </ul>
  );
}
