/**
 * A mail to a site's address (`<slug>@INBOUND_DOMAIN`, or the address configured for it) opens a
 * request from its sender, exactly as an anonymous contact-form request does: filed under the
 * address's contact record, unverified until a link mailed to it is opened (so its receipt quotes
 * nothing — services/notifications.ts), in the site's default category (its first). `From` is
 * forgeable, so blocked senders and domains are refused, and new requests are capped per sender and
 * per site each hour (counted by every instance together); what is let in waits in the agents'
 * "Unverified mail" view until its sender is proven.
 */
import { LIMITS } from '../../contract/rules.js';
import { blockPatternsOf } from '../../store/rules/inbound.js';
import type { SiteRow } from '../../store/rows.js';
import { requestCreatedMails } from '../../services/notifications.js';
import { notifyContextFor } from '../../services/notify-context.js';
import { presentCreated } from '../../services/requests.js';
import { changeOf } from '../../services/events.js';
import { keepMailAttachments } from './attachments.js';
import { HOUR_MS, ignored, type Arrival, type InboundDeps, type InboundOutcome } from './outcome.js';
import { singleLine, writtenText } from './written-text.js';

/** Undefined when `recipient` is no site's address. */
export async function takeNewRequest(deps: InboundDeps, arrival: Arrival, recipient: string): Promise<InboundOutcome | undefined> {
  const site = await siteOf(deps, recipient);
  if (!site) return undefined;
  const { store, clock, events } = deps.services;
  if (await store.inbound.isBlocked(site.id, blockPatternsOf(arrival.sender))) return ignored('blocked');
  const { requestsPerSenderPerHour, requestsPerSitePerHour } = deps.config;
  if ((await deps.windows('inbound-requests-sender').hit(`${site.id} ${arrival.sender}`, HOUR_MS)).count > requestsPerSenderPerHour) return ignored('capped');
  if ((await deps.windows('inbound-requests-site').hit(site.id, HOUR_MS)).count > requestsPerSitePerHour) return ignored('capped');
  const [category] = await store.sites.listCategories(site.id);
  if (!category) return ignored('no_category');
  const description = writtenText(arrival.mail.text);
  if (!description) return ignored('empty');

  const now = clock().toISOString();
  // An anonymous visitor's uploads, as from the contact form: the sender's contact record is found or made by the unit.
  const ids = await keepMailAttachments(deps.services, deps.log, { siteId: site.id, uploader: { kind: 'anonymous' } }, arrival.mail.attachments);
  const context = await notifyContextFor(deps.services, site);
  const created = await store.requests.create(
    {
      siteId: site.id,
      categoryId: category.id,
      subject: singleLine(arrival.mail.subject, LIMITS.subject) || '(no subject)',
      description,
      fields: {},
      requester: { kind: 'contact', email: arrival.sender, name: singleLine(arrival.mail.from?.name ?? '', LIMITS.name) || null },
      ccEmails: [],
      now,
      channel: 'email',
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
  events.publish(changeOf(created.view));
  return { outcome: 'request', request: request.number };
}

async function siteOf(deps: InboundDeps, recipient: string): Promise<SiteRow | undefined> {
  const { store, sites } = deps.services;
  const slug = (await store.inbound.siteOfAddress(recipient)) ?? recipient.slice(0, recipient.lastIndexOf('@'));
  return sites.find(slug);
}
