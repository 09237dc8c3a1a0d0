/**
 * Signed download URLs: `PUBLIC_URL/api/v1/files/<id>/<name>?e=<expiry>&s=<signature>`, the
 * signature an HMAC of the id and the expiry under a key derived from the server's key (the one
 * member sessions are signed with), so a URL can be neither made up nor extended. A URL is issued
 * only with a view its reader may see (services/member-requests.ts, services/agents.ts) and works
 * for ATTACHMENT_URL_MINUTES. Expiry is rounded up to the minute, so views read within one minute
 * give the same URL, and the browser's cache can answer a preview shown again.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { AttachedFile } from '../contract/types.js';
import type { StoredFile } from '../store/types.js';
import type { Clock } from '../services/clock.js';

export interface DownloadUrls {
  /** The files of a comment, each with its signed URL. */
  attached(files: StoredFile[]): AttachedFile[];
  /** Whether a download's `e` and `s` were signed here for file `id`, and if so, until when (ms since the epoch). */
  check(id: string, expiry: string | undefined, signature: string | undefined): { kind: 'forged' } | { kind: 'expired' } | { kind: 'valid'; until: number };
}

export const DOWNLOAD_PATH = '/api/v1/files';

// The name in the path is only what a browser saves the file as, when it goes by the URL; `.` and `..` would move the path itself.
const inPath = (name: string) => (/^\.+$/.test(name) ? 'file' : name);

export function createDownloadUrls(serverKey: string, publicUrl: string, lifetimeMinutes: number, clock: Clock): DownloadUrls {
  // Its own key, so a signature made here can be nothing else's (and no other signature one of these).
  const key = createHmac('sha256', serverKey).update('porthole attachment downloads').digest();
  const sign = (id: string, expiry: number) => createHmac('sha256', key).update(`${id}\n${expiry}`).digest('base64url');
  return {
    attached(files) {
      const expiry = Math.ceil((clock().getTime() + lifetimeMinutes * 60_000) / 60_000) * 60;
      return files.map((file) => ({
        ...file,
        url: `${publicUrl}${DOWNLOAD_PATH}/${encodeURIComponent(file.id)}/${encodeURIComponent(inPath(file.name))}?e=${expiry}&s=${sign(file.id, expiry)}`,
      }));
    },
    check(id, expiry, signature) {
      if (!expiry || !signature || !/^\d{1,12}$/.test(expiry)) return { kind: 'forged' };
      const expected = Buffer.from(sign(id, Number(expiry)));
      const given = Buffer.from(signature);
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { kind: 'forged' };
      const until = Number(expiry) * 1000;
      return until <= clock().getTime() ? { kind: 'expired' } : { kind: 'valid', until };
    },
  };
}
