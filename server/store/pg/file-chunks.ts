/**
 * Attachments' bytes in PostgreSQL itself (server/files/storage.ts): every instance on the database
 * reads what any one wrote, with no shared disk or other service. A file is a run of chunks of
 * CHUNK_BYTES, each inserted as soon as it has arrived — each its own statement, so an upload on a
 * slow line holds a pooled connection only while a chunk is written, and memory holds one chunk.
 * A failed upload deletes what it wrote; a crash mid-upload leaves chunks no attachment names,
 * which housekeeping removes a day later (`removeOrphanChunksBefore`).
 */
import { Readable } from 'node:stream';
import { and, eq, lt, notExists, sql } from 'drizzle-orm';
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
    async open(siteId, key) {
      assertSafeKeys(siteId, key);
      const chunk = (seq: number) =>
        alone(pool, async (session) => {
          const [row] = await session
            .select({ bytes: fileChunks.bytes })
            .from(fileChunks)
            .where(and(ofFile(siteId, key), eq(fileChunks.seq, seq)));
          return row?.bytes;
        });
      // The first chunk read before the stream is handed on, so a file without bytes is known before an answer starts.
      const first = await chunk(0);
      if (!first) return undefined;
      // Then one chunk at a time, as the reader asks for more (Readable.from pulls lazily).
      return Readable.from(
        (async function* () {
          yield first;
          for (let seq = 1; ; seq++) {
            const bytes = await chunk(seq);
            if (!bytes) return;
            yield bytes;
          }
        })(),
        { objectMode: false },
      );
    },
    remove: (siteId, key) => (assertSafeKeys(siteId, key), remove(siteId, key)),
  };
}

/**
 * The chunks of files begun before `before` that no attachment record names: left by an upload cut
 * off by a crash. Found by their first chunk (file_chunks_first_created_idx), so the sweep reads
 * only one row per file, never the bytes.
 */
export async function removeOrphanChunksBefore(pool: pg.Pool, before: string): Promise<void> {
  await alone(pool, async (session) => {
    const orphans = session
      .select({ siteId: fileChunks.siteId, storageKey: fileChunks.storageKey })
      .from(fileChunks)
      .where(
        and(
          eq(fileChunks.seq, 0),
          lt(fileChunks.createdAt, before),
          notExists(
            session
              .select({ id: attachments.id })
              .from(attachments)
              .where(and(eq(attachments.siteId, fileChunks.siteId), eq(attachments.storageKey, fileChunks.storageKey))),
          ),
        ),
      );
    await session.delete(fileChunks).where(sql`(${fileChunks.siteId}, ${fileChunks.storageKey}) in (${orphans})`);
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
