/**
 * The inbound pipeline, one for both doors (the SMTP listener and `POST /api/v1/inbound/mail`):
 * raw mail in → parsed → decided → acted on. What it decides, in order:
 * 1. mail no person wrote (automated.ts) is ignored — answering it could loop;
 * 2. one sender address gets INBOUND_MAILS_PER_SENDER_PER_HOUR mails taken an hour (counted by every instance together);
 * 3. a reply address (`reply+<token>@`) makes a comment (or a follow-up) — reply.ts;
 * 4. a site's address (`<slug>@`, or one configured for it) makes a new request — new-request.ts;
 * 5. anything else is ignored.
 * Every outcome is said back (the HTTP route answers it) and logged; nothing here throws for bad mail.
 */
import { isEmail, normalizeEmail } from '../../contract/rules.js';
import { automaticReason } from './automated.js';
import { parseMail, type Envelope, type ParsedMail } from './parsed-mail.js';
import { takeReply } from './reply.js';
import { takeNewRequest } from './new-request.js';
import { HOUR_MS, ignored, type InboundDeps, type InboundOutcome } from './outcome.js';

export type { InboundDeps, InboundOutcome };

export type InboundPipeline = (raw: Buffer, envelope?: Envelope) => Promise<InboundOutcome>;

export function createInboundPipeline(deps: InboundDeps): InboundPipeline {
  const senderWindow = deps.windows('inbound-sender');
  const atDomain = (address: string) => address.endsWith(`@${deps.config.domain}`);

  async function decide(mail: ParsedMail): Promise<InboundOutcome> {
    const automatic = automaticReason(mail);
    if (automatic) return ignored(automatic);
    const sender = mail.from && normalizeEmail(mail.from.address);
    if (!sender || !isEmail(sender)) return ignored('no_sender');
    if ((await senderWindow.hit(sender, HOUR_MS)).count > deps.config.mailsPerSenderPerHour) return ignored('rate_limited');

    const ours = mail.recipients.filter(atDomain);
    const arrival = { mail, sender };
    for (const recipient of ours) {
      const reading = deps.addresses.read(recipient);
      if (reading) return takeReply(deps, arrival, reading);
    }
    for (const recipient of ours) {
      const outcome = await takeNewRequest(deps, arrival, recipient);
      if (outcome) return outcome;
    }
    return ignored('unknown_recipient');
  }

  return async (raw, envelope) => {
    let mail: ParsedMail;
    try {
      mail = await parseMail(raw, envelope);
    } catch (error) {
      deps.log.warn({ error: String(error) }, 'inbound mail could not be parsed');
      return ignored('unreadable');
    }
    const outcome = await decide(mail);
    const details = { ...outcome, from: mail.from?.address ?? null, messageId: mail.messageId };
    if (outcome.outcome === 'ignored') deps.log.info(details, 'inbound mail ignored');
    else deps.log.info(details, 'inbound mail taken');
    return outcome;
  };
}
