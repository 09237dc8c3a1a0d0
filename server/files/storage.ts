/**
 * Where attachments' bytes live, behind one small interface with two implementations: a files
 * directory (directory-storage.ts, with SQLite) and the database itself on PostgreSQL
 * (store/pg/file-chunks.ts), so several instances share files with no other service. A file is
 * keyed by its site and a random key the server made — never a name a user chose — so no upload
 * can name a path, and erasing one site's files cannot reach another's.
 */
import { randomBytes } from 'node:crypto';
import type { Readable } from 'node:stream';

export interface FileStorage {
  /**
   * Stores `body` under (site, key) as it arrives, and resolves with its size once all of it is
   * durable. When `body` fails (too big, refused type, the client left) or the write does, nothing
   * of it is left behind and the error is thrown on.
   */
  write(siteId: string, key: string, body: AsyncIterable<Uint8Array>): Promise<number>;
  /** The stored bytes as a stream, read as they are sent (never whole into memory); undefined when there are none (lost, or deleted meanwhile). */
  open(siteId: string, key: string): Promise<Readable | undefined>;
  /** Deletes the file; a file already gone is no error. */
  remove(siteId: string, key: string): Promise<void>;
}

/** What site ids and storage keys are made of: letters, digits, `_` and `-` — never `/`, `.` or anything a path could use. */
export const SAFE_KEY = /^[A-Za-z0-9_-]{1,100}$/;

/** A new storage key: random, so a file's place says nothing and cannot be guessed. */
export const newStorageKey = (): string => randomBytes(18).toString('base64url');

export function assertSafeKeys(siteId: string, key: string): void {
  if (!SAFE_KEY.test(siteId) || !SAFE_KEY.test(key)) throw new Error('file storage keys must be server-made ids');
}
