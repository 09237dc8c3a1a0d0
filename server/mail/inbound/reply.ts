/**
 * A reply to a reply address: the token says who and which request (reply-address.ts), so the
 * From only has to agree with it — a From that does not is no comment, unless the site allows
 * other senders (`set-inbound --allow-other-senders yes`), and then the comment keeps that From for
 * agents to see. The comment is the member comment unit with its status rule (a solved request
 * reopens, as in the widget) and its mail to the others on the request. A closed request takes no
 * comment: the reply starts a follow-up request linked to it.
 *
 * A reply whose From is the recipient's proves the address as opening a mailed link does: the mail
 * reached that mailbox, and its owner answered (members.proveSender).
 */
import { normalizeEmail } from '../../contract/rules.js';
import type { SiteRow } from '../../store/rows.js';
import type { MemberScope, ReplyTarget, Requester } from '../../store/types.js';
import { memberUploader } from '../../store/rules/attachment-claims.js';
import { afterCustomerComment } from '../../services/request-status.js';
import { customerCommentMails, requestCreatedMails } from '../../services/notifications.js';
import { notifyContextFor } from '../../services/notify-context.js';
import { presentCreated } from '../../services/requests.js';
import { changeOf } from '../../services/events.js';
import { LIMITS } from '../../contract/rules.js';
import type { TokenReading } from '../reply-address.js';
import { keepMailAttachments } from './attachments.js';
import { ignored, type Arrival, type InboundDeps, type InboundOutcome } from './outcome.js';
import { singleLine, writtenText } from './written-text.js';

export async function takeReply(deps: InboundDeps, arrival: Arrival, reading: TokenReading): Promise<InboundOutcome> {
  if (reading.kind !== 'valid') return ignored(`${reading.kind}_token`);
  const { store, sites, clock } = deps.services;
  const target = await store.inbound.findReplyTarget(reading.key);
  const site = target && (await sites.find(target.siteSlug));
  if (!target || !site) return ignored('unknown_reply_address');

  const fromRecipient = arrival.sender === normalizeEmail(target.recipient.email);
  if (!fromRecipient && !(await store.inbound.settings(site.id)).allowOtherSenders) return ignored('sender_mismatch');
  const body = writtenText(arrival.mail.text);
  if (!body) return ignored('empty');
  const sentFrom = fromRecipient ? null : arrival.sender;
  const now = clock().toISOString();

  if (target.status === 'closed') return followUp(deps, arrival, site, target, body, fromRecipient);
  if (fromRecipient) await store.members.proveSender(site.id, target.recipient.id, target.number, now);
  const scope: MemberScope = {
    siteId: site.id,
    memberId: target.recipient.id,
    identityIds: [target.recipient.id],
    organizationId: null,
    onlyRequest: target.number,
  };
  const attachmentIds = await keepMailAttachments(deps.services, deps.log, { siteId: site.id, uploader: memberUploader(scope) }, arrival.mail.attachments);
  const context = await notifyContextFor(deps.services, site);
  const outcome = await store.memberRequests.addComment(
    scope,
    target.number,
    body,
    now,
    afterCustomerComment,
    (view) => customerCommentMails(view, scope.identityIds, context),
    attachmentIds,
    sentFrom,
  );
  // Closed between the look-up and the comment (auto-close ran): the follow-up, as if it had been closed before.
  if (outcome.kind === 'refused' && outcome.status === 'closed') return followUp(deps, arrival, site, target, body, fromRecipient);
  if (outcome.kind !== 'done') return ignored(outcome.kind === 'attachment_not_found' ? 'attachments_not_kept' : 'not_visible');
  deps.services.events.publish(changeOf(outcome.view));
  return { outcome: 'comment', request: target.number };
}

/** A new request by the reply's person, in the closed one's category, linked to it. */
async function followUp(
  deps: InboundDeps,
  arrival: Arrival,
  site: SiteRow,
  target: ReplyTarget,
  body: string,
  fromRecipient: boolean,
): Promise<InboundOutcome> {
  const { store, clock, events } = deps.services;
  const { recipient } = target;
  const requester: Requester = recipient.externalId
    ? { kind: 'member', id: recipient.id, organizationId: recipient.organizationId }
    : { kind: 'contact', email: normalizeEmail(recipient.email), name: null };
  const now = clock().toISOString();
  // Kept as an anonymous visitor's uploads: the requester's record may be made by the unit itself, and such uploads only a new request claims.
  const ids = await keepMailAttachments(deps.services, deps.log, { siteId: site.id, uploader: { kind: 'anonymous' } }, arrival.mail.attachments);
  const context = await notifyContextFor(deps.services, site);
  const created = await store.requests.create(
    {
      siteId: site.id,
      categoryId: target.categoryId,
      subject: singleLine(arrival.mail.subject, LIMITS.subject) || `Follow-up to #${target.number}`,
      description: body,
      fields: {},
      requester,
      ccEmails: [],
      now,
      channel: 'email',
      followUpOf: target.requestId,
      // A mail says nothing reliable of its writer's language: the site's own.
      locale: site.locale,
      files: { ids, uploader: { kind: 'anonymous' } },
    },
    null,
    (row) => ({ statusCode: 201, body: presentCreated(row) }),
    (view) => requestCreatedMails(view, context),
  );
  if (created.kind !== 'created') return ignored('not_created');
  const { request } = created.view;
  const proven = fromRecipient ? await store.members.proveSender(site.id, request.requesterId, request.number, now) : undefined;
  events.publish(changeOf(proven ?? created.view));
  return { outcome: 'follow_up', request: request.number };
}
