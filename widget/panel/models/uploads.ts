/**
 * Files chosen for a message, each uploading on its own as soon as it is chosen. The list is a
 * signal owned by the draft it belongs to (the contact form's, a member's reply), so it lives and
 * is cleared with that draft; the control that fills it comes with the files chunk (../files/).
 */
import type { Attachment } from '../../../server/contract/types.js';

export interface Upload {
  key: number;
  /** Kept for a retry; its name is the visitor's text, shown as text. */
  file: File;
  state: 'uploading' | 'attached' | 'failed';
  /** The server's answer, once attached. */
  attachment?: Attachment;
  /** Why it failed, in the visitor's words (en-files.ts), and whether trying again may help. */
  problem?: { text: string; retry: boolean };
}

/** What a message claims when it is sent: the uploads that made it. */
export const attachedIds = (uploads: Upload[]): string[] => uploads.flatMap((upload) => (upload.attachment ? [upload.attachment.id] : []));

/** A message waits for its uploads: sending now would leave a file behind. */
export const isUploading = (uploads: Upload[]) => uploads.some((upload) => upload.state === 'uploading');
