/**
 * Choosing files: each one starts uploading at once, and its row in the list follows it
 * (uploading, attached, or failed with the reason in words). Up to MAX_FILES per message.
 * The agents' inbox uses it too, with its own way of sending a file.
 */
import type { Signal } from '@preact/signals';
import type { AttachmentBody } from '../../../server/contract/types.js';
import { filesMessages } from '../../i18n/en-files.js';
import { bearer, query, type ApiClient } from '../api.js';
import type { Upload } from '../models/uploads.js';

/** The default of the server's ATTACHMENTS_PER_MESSAGE; a lower setting is the server's to refuse (400 too_many_attachments) when the message is sent. */
export const MAX_FILES = 10;

export type SendFile = (file: File) => Promise<AttachmentBody>;

/** The raw file as the body, its type as Content-Type (Zendesk's uploads); anonymous without a token. */
export const uploadFile = (api: ApiClient, file: File, accessToken?: string) =>
  api.call<AttachmentBody>(`attachments?${query({ filename: file.name })}`, {
    method: 'POST',
    headers: { 'content-type': file.type || 'application/octet-stream', ...bearer(accessToken) },
    body: file,
  });

// Too big and a type not allowed stay so; the rest (network, rate limit, a server hiccup) may pass on a retry.
// By status, which the widget's ApiError and the inbox's both carry (0: the server was not reached).
function problemOf(error: unknown): Upload['problem'] {
  const status = (error as { status?: number } | undefined)?.status ?? 0;
  if (status === 413) return { text: filesMessages.tooBig, retry: false };
  if (status === 415) return { text: filesMessages.typeNotAllowed, retry: false };
  return { text: status === 429 ? filesMessages.tooManyUploads : filesMessages.uploadFailed, retry: true };
}

/** Uploads the row's file and follows it; a row removed (or a draft cleared) meanwhile is simply not there to update. */
function start(uploads: Signal<Upload[]>, key: number, send: SendFile) {
  const settle = (change: Partial<Upload>) => (uploads.value = uploads.value.map((upload) => (upload.key === key ? { ...upload, ...change } : upload)));
  const row = uploads.value.find((upload) => upload.key === key)!;
  settle({ state: 'uploading', problem: undefined });
  send(row.file).then(
    ({ attachment }) => settle({ state: 'attached', attachment }),
    (error: unknown) => settle({ state: 'failed', problem: problemOf(error) }),
  );
}

let lastKey = 0;

/** Adds `files` to `uploads`, as many as there is room for, and uploads each. */
export function addFiles(uploads: Signal<Upload[]>, files: File[], send: SendFile) {
  for (const file of files.slice(0, Math.max(MAX_FILES - uploads.value.length, 0))) {
    const key = ++lastKey;
    uploads.value = [...uploads.value, { key, file, state: 'uploading' }];
    start(uploads, key, send);
  }
}

export const retryUpload = (uploads: Signal<Upload[]>, key: number, send: SendFile) => start(uploads, key, send);
