/**
 * Choosing files: each one starts uploading at once, and its row in the list follows it
 * (uploading, attached, or failed with the reason in words). Up to the server's limits (the site
 * config's `attachments`, the agent's `me`): as many files as a message may carry, and a file too
 * big is refused before a byte of it is sent. The agents' inbox uses it too, with its own way of sending a file.
 */
import type { Signal } from '@preact/signals';
import type { AttachmentBody, AttachmentLimitsBody } from '../../../server/contract/types.js';
import { filesMessages } from '../../i18n/words.js';
import { bearer, query, type ApiClient } from '../api.js';
import type { Upload } from '../models/uploads.js';

export type SendFile = (file: File) => Promise<AttachmentBody>;

/** The raw file as the body, its type as Content-Type (Zendesk's uploads); anonymous without a token. */
export const uploadFile = (api: ApiClient, file: File, accessToken?: string) =>
  api.call<AttachmentBody>(`attachments?${query({ filename: file.name })}`, {
    method: 'POST',
    headers: { 'content-type': file.type || 'application/octet-stream', ...bearer(accessToken) },
    body: file,
  });

// Too big and a type not allowed stay so; the rest (network, rate limit, a server hiccup) may pass on a retry.
// By status and code, which the widget's ApiError and the inbox's both carry (0: the server was not reached).
function problemOf(error: unknown, limits: AttachmentLimitsBody): Upload['problem'] {
  const { status = 0, code } = (error ?? {}) as { status?: number; code?: string };
  // The other 413: the file fits, the site's quota does not.
  if (code === 'site_quota_exceeded') return { text: filesMessages.siteFull, retry: false };
  if (status === 413) return { text: filesMessages.tooBig(limits.maxBytes), retry: false };
  if (status === 415) return { text: filesMessages.typeNotAllowed, retry: false };
  return { text: status === 429 ? filesMessages.tooManyUploads : filesMessages.uploadFailed, retry: true };
}

/** Uploads the row's file and follows it; a row removed (or a draft cleared) meanwhile is simply not there to update. */
function start(uploads: Signal<Upload[]>, key: number, send: SendFile, limits: AttachmentLimitsBody) {
  const settle = (change: Partial<Upload>) => (uploads.value = uploads.value.map((upload) => (upload.key === key ? { ...upload, ...change } : upload)));
  const row = uploads.value.find((upload) => upload.key === key)!;
  if (row.file.size > limits.maxBytes) return settle({ state: 'failed', problem: { text: filesMessages.tooBig(limits.maxBytes), retry: false } });
  settle({ state: 'uploading', problem: undefined });
  send(row.file).then(
    ({ attachment }) => settle({ state: 'attached', attachment }),
    (error: unknown) => settle({ state: 'failed', problem: problemOf(error, limits) }),
  );
}

let lastKey = 0;

/** Adds `files` to `uploads`, as many as there is room for, and uploads each. */
export function addFiles(uploads: Signal<Upload[]>, files: File[], send: SendFile, limits: AttachmentLimitsBody) {
  for (const file of files.slice(0, Math.max(limits.perMessage - uploads.value.length, 0))) {
    const key = ++lastKey;
    uploads.value = [...uploads.value, { key, file, state: 'uploading' }];
    start(uploads, key, send, limits);
  }
}

export const retryUpload = (uploads: Signal<Upload[]>, key: number, send: SendFile, limits: AttachmentLimitsBody) => start(uploads, key, send, limits);

/** Words of their own for a message refused over its files (the contact form's, a reply's); undefined for any other refusal. */
export function sendProblemText(code: string | undefined, limits: AttachmentLimitsBody): string | undefined {
  if (code === 'too_many_attachments') return filesMessages.tooManyFiles(limits.perMessage);
  if (code === 'attachment_not_found') return filesMessages.fileGone;
  return undefined;
}
