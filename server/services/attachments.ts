/** The rules a message's `attachmentIds` meet before the store claims them (rules/attachment-claims.ts says who may). */
import type { AttachmentLimits, Config } from '../config.js';
import type { AttachmentLimitsBody } from '../contract/types.js';
import { ApiError } from '../errors.js';

/** The limits an attach control keeps to (the widget's site config, the agent's `me`), so it offers and refuses what the server would. */
export const attachmentLimits = ({ perMessage, maxBytes }: AttachmentLimits): AttachmentLimitsBody => ({ perMessage, maxBytes });

/** The ids to claim, each once; more than ATTACHMENTS_PER_MESSAGE is 400 `too_many_attachments`. */
export function idsToClaim(ids: string[] | undefined, config: Pick<Config, 'attachments'>): string[] {
  const unique = [...new Set(ids ?? [])];
  const most = config.attachments.perMessage;
  if (unique.length > most) {
    throw new ApiError(400, 'too_many_attachments', `A message can have at most ${most} files.`, { attachmentIds: `has more than ${most} files` });
  }
  return unique;
}

/** The store claimed none of the message: an id unknown, someone else's, another site's, or claimed already. */
export const attachmentNotFound = () =>
  new ApiError(400, 'attachment_not_found', 'An attached file was not found (or is already attached elsewhere). Attach it again.', {
    attachmentIds: 'names a file that cannot be attached here',
  });
