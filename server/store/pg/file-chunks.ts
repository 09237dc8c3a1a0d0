/**
 * Attachments' bytes in PostgreSQL itself (server/files/storage.ts): every instance on the database
 * reads what any one wrote, with no shared disk or other service. A file is a run of chunks of
 * CHUNK_BYTES, each inserted as soon as it has arrived — each its own statement, so an upload on a
 * slow line holds a pooled connection only while a chunk is written, and memory holds one chunk.
 * A failed upload deletes what it wrote; a crash mid-upload leaves chunks no attachment names,
 * which housekeeping removes a day later (`removeOrphanChunksBefore`).
 */
import { Readable } from 'node:stream';
import { and, eq, lt, notExists } from 'drizzle-orm';
import type pg from 'pg';
import { alone } from './client.js';
import { attachments, fileChunks } from './schema.js';
import { assertSafeKeys, type FileStorage } from '../../files/storage.js';

export const CHUNK_BYTES = 256 * 1024;

export function pgFileStorage(pool: pg.Pool, now: () => string): FileStorage {
  const ofFile = (siteId: string, key: string) => and(eq(fileChunks.siteId, siteId), eq(fileChunks.storageKey, key));
  const remove = (siteId: string, key: string) =>
    alone(pool, async (session) => {
      await session.delete(fileChunks).where(ofFile(siteId, key));
    });
  return {
    async write(siteId, key, body) {
      assertSafeKeys(siteId, key);
      let seq = 0;
      let size = 0;
      const insert = (bytes: Buffer) =>
        alone(pool, async (session) => {
          await session.insert(fileChunks).values({ siteId, storageKey: key, seq: seq++, bytes, createdAt: now() });
        });
      try {
        for await (const chunks of rechunked(body)) {
          await insert(chunks);
          size += chunks.length;
        }
      } catch (error) {
        await remove(siteId, key);
        throw error;
      }
      return size;
    },
    open(siteId, key) {
      assertSafeKeys(siteId, key);
      // One chunk read at a time, as the reader asks for more (Readable.from pulls lazily).
      return Readable.from(
        (async function* () {
          for (let seq = 0; ; seq++) {
            const [row] = await alone(pool, (session) =>
              session
                .select({ bytes: fileChunks.bytes })
                .from(fileChunks)
                .where(and(ofFile(siteId, key), eq(fileChunks.seq, seq))),
            );
            if (!row) return;
            yield row.bytes;
          }
        })(),
        { objectMode: false },
      );
    },
    remove: (siteId, key) => (assertSafeKeys(siteId, key), remove(siteId, key)),
  };
}

/** Chunks older than `before` that no attachment row names: left by an upload cut off by a crash. */
export async function removeOrphanChunksBefore(pool: pg.Pool, before: string): Promise<void> {
  await alone(pool, async (session) => {
    await session.delete(fileChunks).where(
      and(
        lt(fileChunks.createdAt, before),
        notExists(
          session
            .select({ id: attachments.id })
            .from(attachments)
            .where(and(eq(attachments.siteId, fileChunks.siteId), eq(attachments.storageKey, fileChunks.storageKey))),
        ),
      ),
    );
  });
}

/** The body in pieces of CHUNK_BYTES (the last one shorter), whatever sizes it arrived in. */
async function* rechunked(body: AsyncIterable<Uint8Array>): AsyncIterable<Buffer> {
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  for await (const piece of body) {
    let rest = Buffer.from(piece.buffer, piece.byteOffset, piece.byteLength);
    while (pendingBytes + rest.length >= CHUNK_BYTES) {
      const take = CHUNK_BYTES - pendingBytes;
      yield Buffer.concat([...pending, rest.subarray(0, take)]);
      rest = rest.subarray(take);
      pending = [];
      pendingBytes = 0;
    }
    if (rest.length) {
      // Copied: the stream may reuse the memory of what it handed over.
      pending.push(Buffer.from(rest));
      pendingBytes += rest.length;
    }
  }
  if (pendingBytes) yield Buffer.concat(pending);
}
