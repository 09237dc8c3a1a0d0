/**
 * Keeping an uploaded file: its name checked as display text, its type decided by its bytes
 * (file-types.ts), its size capped as it arrives, the site's quota kept — and only then its record
 * stored, unclaimed, for a message to claim. The HTTP uploads and the inbound mail pipeline both
 * come through `keepAttachment`, so the same rules apply to a file however it arrived.
 */
import { newId } from '../store/ids.js';
import type { Uploader } from '../store/types.js';
import type { Attachment } from '../contract/types.js';
import { LIMITS, lineProblem } from '../contract/rules.js';
import { ApiError, validationFailed } from '../errors.js';
import type { Services } from '../services/context.js';
import { SNIFF_BYTES, sniff } from './file-types.js';
import { newStorageKey } from './storage.js';

export interface IncomingFile {
  siteId: string;
  uploader: Uploader;
  /** Display text only (never a path): one line, at most LIMITS.fileName characters. */
  filename: string;
  /** What the sender said it is; only consulted for plain text, which has no magic number. */
  declaredType: string | undefined;
  body: AsyncIterable<Uint8Array>;
}

const sizeText = (bytes: number) => (bytes >= 1024 * 1024 ? `${Math.floor(bytes / (1024 * 1024))} MB` : `${Math.floor(bytes / 1024)} KB`);

// `connection: close`: the rest of the body is not read, so the connection cannot carry another request.
export const tooLarge = (maxBytes: number) =>
  new ApiError(413, 'file_too_large', `Files can be at most ${sizeText(maxBytes)}.`, undefined, { connection: 'close' });
const unsupported = () =>
  new ApiError(415, 'unsupported_file_type', 'This kind of file cannot be attached. Images, PDFs, office documents, ZIP and text files can.');
const overQuota = () => new ApiError(413, 'site_quota_exceeded', 'This site has no room for more files.', undefined, { connection: 'close' });

/** Stores the file and its (unclaimed) record; throws ApiError 400, 413 or 415 — and then nothing of it is kept. */
export async function keepAttachment(services: Pick<Services, 'store' | 'files' | 'clock' | 'config'>, file: IncomingFile): Promise<Attachment> {
  const { store, files, config } = services;
  const limits = config.attachments;
  const name = file.filename.trim();
  const problem = !name ? 'is required' : name.length > LIMITS.fileName ? 'is too long' : lineProblem(name) && 'contains characters that are not allowed';
  if (problem) throw validationFailed({ filename: problem });
  // Refused before a byte is read when the site is full already; the exact sum is checked again when the record is stored.
  if ((await store.attachments.siteBytes(file.siteId)) >= limits.siteQuotaBytes) throw overQuota();

  const source = file.body[Symbol.asyncIterator]();
  const head = await readHead(source, limits.maxBytes);
  if (!head.length) throw validationFailed({ body: 'is empty' });
  const kept = await sniff(head, file.declaredType);
  if (!kept) throw unsupported();

  const key = newStorageKey();
  const size = await files.storage.write(file.siteId, key, checked(head, source, limits.maxBytes, kept.text));
  const row = {
    id: newId('att'),
    siteId: file.siteId,
    uploaderEndUserId: file.uploader.kind === 'end_user' ? file.uploader.id : null,
    uploaderAgentId: file.uploader.kind === 'agent' ? file.uploader.id : null,
    onlyRequest: file.uploader.kind === 'end_user' ? file.uploader.onlyRequest : null,
    requestId: null,
    commentId: null,
    name,
    contentType: kept.type,
    size,
    storageKey: key,
    createdAt: services.clock().toISOString(),
    claimedAt: null,
  };
  const stored = await store.attachments.add(row, limits.siteQuotaBytes).catch(async (error: unknown) => {
    await files.storage.remove(file.siteId, key);
    throw error;
  });
  if (stored === 'over_quota') {
    await files.storage.remove(file.siteId, key);
    throw overQuota();
  }
  return { id: row.id, name, size, contentType: kept.type };
}

/** The first SNIFF_BYTES (or all, when shorter); more pieces stay in `source`. */
async function readHead(source: AsyncIterator<Uint8Array>, maxBytes: number): Promise<Buffer> {
  const pieces: Uint8Array[] = [];
  let bytes = 0;
  while (bytes < SNIFF_BYTES) {
    const next = await source.next();
    if (next.done) break;
    pieces.push(next.value);
    bytes += next.value.byteLength;
    if (bytes > maxBytes) throw tooLarge(maxBytes);
  }
  return Buffer.concat(pieces);
}

/**
 * The whole file — the head read already, then the rest as it arrives — stopped with 413 the moment
 * it passes `maxBytes` (nothing more is read), and, for text, with 415 at the first byte that is
 * not UTF-8 or is NUL. The storage deletes what it wrote when this throws.
 */
async function* checked(head: Buffer, rest: AsyncIterator<Uint8Array>, maxBytes: number, text: boolean): AsyncIterable<Uint8Array> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let size = 0;
  const check = (piece: Uint8Array) => {
    size += piece.byteLength;
    if (size > maxBytes) throw tooLarge(maxBytes);
    if (!text) return;
    if (piece.includes(0)) throw unsupported();
    try {
      decoder.decode(piece, { stream: true });
    } catch {
      throw unsupported();
    }
  };
  check(head);
  yield head;
  for (;;) {
    const next = await rest.next();
    if (next.done) break;
    check(next.value);
    yield next.value;
  }
  if (text) {
    try {
      decoder.decode();
    } catch {
      throw unsupported();
    }
  }
}
