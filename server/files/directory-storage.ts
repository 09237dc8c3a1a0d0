/**
 * Attachments in a files directory (FILES_DIR, by default beside the SQLite file): each at
 * `<dir>/<siteId>/<key>`, so one site's files are one folder of its own. A file is written to a
 * temporary name in the same folder, flushed to disk, then renamed into place (atomic on one file
 * system): a crash mid-upload never leaves a half file under a real key.
 */
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { assertSafeKeys, type FileStorage } from './storage.js';

export function directoryStorage(dir: string): FileStorage {
  const folderOf = (siteId: string) => join(dir, siteId);
  return {
    async write(siteId, key, body) {
      assertSafeKeys(siteId, key);
      const folder = folderOf(siteId);
      await mkdir(folder, { recursive: true });
      // Starts with a dot: never a key (SAFE_KEY has no dot), so a temporary file can never be opened as one.
      const temporary = join(folder, `.${key}.${randomBytes(6).toString('hex')}.part`);
      const file = await open(temporary, 'wx', 0o600);
      let size = 0;
      try {
        for await (const chunk of body) {
          await file.write(chunk);
          size += chunk.byteLength;
        }
        await file.sync();
      } catch (error) {
        await file.close();
        await rm(temporary, { force: true });
        throw error;
      }
      await file.close();
      await rename(temporary, join(folder, key));
      await syncFolder(folder);
      return size;
    },
    async open(siteId, key) {
      assertSafeKeys(siteId, key);
      // Opened before the stream is handed on, so a missing file is known before an answer starts.
      const handle = await open(join(folderOf(siteId), key), 'r').catch((error: NodeJS.ErrnoException) => {
        if (error.code === 'ENOENT') return undefined;
        throw error;
      });
      return handle?.createReadStream();
    },
    async remove(siteId, key) {
      assertSafeKeys(siteId, key);
      await rm(join(folderOf(siteId), key), { force: true });
    },
  };
}

/** The rename itself survives power loss only once the folder's entry is on disk too. */
async function syncFolder(folder: string): Promise<void> {
  const handle = await open(folder, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
