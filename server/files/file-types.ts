/**
 * Which files Porthole keeps, decided by their bytes — never by the name or the declared type, which
 * the uploader chose. Anything a browser could run or render as a page (HTML, SVG, JavaScript, XML)
 * and executables are refused. Written once: uploads, inbound mail and downloads all ask here.
 */
import { fileTypeFromBuffer } from 'file-type';
import { INLINE_IMAGE_TYPES } from '../contract/rules.js';

/** How much of a file's start the sniffer reads (file-type's own sample size). */
export const SNIFF_BYTES = 4100;

/** Plain text has no magic number: it is kept as this, and served so, as a download. */
export const PLAIN_TEXT = 'text/plain; charset=utf-8';

/** Types recognised by their magic numbers that are kept: raster images, PDF, ZIP and office documents. */
const KEPT_BY_MAGIC = new Set([
  ...INLINE_IMAGE_TYPES,
  'application/pdf',
  'application/zip',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  'application/vnd.oasis.opendocument.text',
  'application/vnd.oasis.opendocument.spreadsheet',
  'application/vnd.oasis.opendocument.presentation',
  // Word, Excel and PowerPoint before 2007 (the OLE compound file they share).
  'application/x-cfb',
]);

/** Declared types under which bytes with no magic number may be kept as text. */
const TEXT_DECLARED = new Set(['text/plain', 'text/csv']);

// Markup that starts like a page or a drawing: refused even as "text", though served as a download it could not run.
const MARKUP_START = /^\s*<(!doctype|html|head|body|script|svg|\?xml)/i;

/**
 * How a file will be kept: `{ type }` from its first SNIFF_BYTES, `{ text: true }` when it may be
 * plain text (the rest must then prove it: valid UTF-8 without NUL, checked as it arrives), or
 * undefined when it is refused.
 */
export async function sniff(head: Uint8Array, declaredType: string | undefined): Promise<{ type: string; text: boolean } | undefined> {
  const found = await fileTypeFromBuffer(head);
  if (found) return KEPT_BY_MAGIC.has(found.mime) ? { type: found.mime, text: false } : undefined;
  const declared = declaredType?.split(';')[0]!.trim().toLowerCase();
  if (!declared || !TEXT_DECLARED.has(declared)) return undefined;
  const start = new TextDecoder('utf-8', { fatal: false }).decode(head.subarray(0, 512));
  return MARKUP_START.test(start) ? undefined : { type: PLAIN_TEXT, text: true };
}

/** Only allow-listed raster images are ever shown inline (and so may be fetched from other sites' pages). */
export const isInlineImage = (type: string): boolean => INLINE_IMAGE_TYPES.includes(type);

/**
 * The type a stored file is served as: its sniffed type where that is one Porthole keeps, and for
 * anything else (a row from an older rule) bytes a browser will only save.
 */
export const servedType = (type: string): string => (type === PLAIN_TEXT || KEPT_BY_MAGIC.has(type) ? type : 'application/octet-stream');
