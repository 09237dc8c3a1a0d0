/**
 * A mail's attachments, kept by the files service exactly as uploads are (files/intake.ts
 * keepAttachment: the bytes decide the type, sizes and the site's quota are capped), as uploads by
 * the mail's person, for the comment the mail becomes to claim in its own unit. A file the rules
 * refuse is left out and logged: the words are kept either way. Beyond ATTACHMENTS_PER_MESSAGE, the
 * rest are left out too.
 */
import { LIMITS } from '../../contract/rules.js';
import { ApiError } from '../../errors.js';
import { keepAttachment } from '../../files/intake.js';
import type { Services } from '../../services/context.js';
import type { Uploader } from '../../store/types.js';
import type { MailLog } from '../outbox-sender.js';
import type { InboundAttachment } from './parsed-mail.js';
import { singleLine } from './written-text.js';

async function* bytesOf(content: Buffer): AsyncIterable<Uint8Array> {
  yield content;
}

/** The upload ids of the attachments kept, in the mail's order. */
export async function keepMailAttachments(
  services: Services,
  log: MailLog,
  place: { siteId: string; uploader: Uploader },
  attachments: readonly InboundAttachment[],
): Promise<string[]> {
  const { perMessage } = services.config.attachments;
  const kept: string[] = [];
  for (const attachment of attachments.slice(0, perMessage)) {
    try {
      const upload = await keepAttachment(services, {
        ...place,
        filename: singleLine(attachment.name ?? '', LIMITS.fileName) || 'attachment',
        declaredType: attachment.declaredType,
        body: bytesOf(attachment.content),
      });
      kept.push(upload.id);
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      log.info({ name: attachment.name, declaredType: attachment.declaredType, refused: error.code }, 'inbound mail: an attachment was not kept');
    }
  }
  if (attachments.length > perMessage)
    log.info({ attachments: attachments.length, perMessage }, 'inbound mail: attachments beyond ATTACHMENTS_PER_MESSAGE were not kept');
  return kept;
}
