/**
 * The one place a mail's attachments leave the inbound pipeline. The files service (ATTACHMENT_*
 * settings, content sniffing, storage, quotas) plugs in here, taking each attachment for the comment
 * the mail became. Until it is wired, a mail's attachments are read and dropped: the words are kept,
 * the files are not.
 */
import type { InboundAttachment } from './parsed-mail.js';

export interface AttachmentPlace {
  siteId: string;
  requestId: string;
  commentId: string;
  /** The end user the comment is by. */
  authorEndUserId: string;
}

/** Returns how many were kept. */
export async function keepMailAttachments(_place: AttachmentPlace, _attachments: readonly InboundAttachment[]): Promise<number> {
  return 0;
}
