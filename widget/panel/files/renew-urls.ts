/**
 * Signed file URLs work for minutes (ATTACHMENT_URL_MINUTES): a view left open longer would show
 * broken previews and links answering 410. It heals by re-reading its request — the fetch it made
 * it with — once, when a preview fails or before following a link that has expired, and by using
 * the fresh URLs. No polling: nothing is fetched for a view nobody uses.
 */
import type { AttachedFile } from '../../../server/contract/types.js';

/** Re-reads the request the files are shown with (and shows it); its comments carry fresh URLs. */
export type Renew = () => Promise<{ comments: { attachments: AttachedFile[] }[] }>;

/** Whether a signed URL has ended: its `e` is its end in unix seconds (server/files/download-urls.ts). */
export function hasExpired(url: string): boolean {
  const end = new URL(url, location.href).searchParams.get('e');
  return end !== null && Number(end) * 1000 <= Date.now();
}

// One re-read at a time per view, however many of its files ask at once (every preview of a pane
// fails together when their URLs end together).
const running = new WeakMap<Renew, Promise<AttachedFile[]>>();

/** The request's files with fresh URLs. */
export function renewed(renew: Renew): Promise<AttachedFile[]> {
  let files = running.get(renew);
  if (!files) {
    files = renew()
      .then((request) => {
        const fresh = request.comments.flatMap((comment) => comment.attachments);
        for (const file of fresh) renewedWith.add(file.url);
        return fresh;
      })
      .finally(() => running.delete(renew));
    running.set(renew, files);
  }
  return files;
}

// URLs a preview's failure re-read for, and those a re-read gave: one of them failing again fails
// for another reason than its age, and asking again would loop.
const renewedWith = new Set<string>();

/** A preview failed to load: re-read once, unless its URL is already one of a re-read's. */
export function renewAfterFailure(renew: Renew, url: string): void {
  if (renewedWith.has(url)) return;
  renewedWith.add(url);
  renewed(renew).catch(() => undefined); // the preview stays broken; its link still tries on a click
}
