/**
 * `add-webhook`, `list-webhooks`, `remove-webhook`: where a site's events are POSTed (server/webhooks/).
 * The signing secret is printed once, when the webhook is added; the server keeps it to sign with.
 */
import type { WebhookDeliveryRow, WebhookEventType } from '../store/rows.js';
import { DEFAULT_WEBHOOK_EVENTS, WEBHOOK_EVENTS, isWebhookEvent } from '../store/rules/webhook-events.js';
import { newId } from '../store/ids.js';
import { readConfig } from '../config.js';
import { literalAddress, nonPublicKind } from '../webhooks/safe-target.js';
import { newWebhookSecret } from '../webhooks/signature.js';
import { AdminError, UsageError } from './args.js';
import { checkHttpUrl, checkSlug } from './checks.js';
import { defineCommand, plural } from './command.js';
import { siteBySlug } from './lookups.js';

const SITE_OPTION = { name: 'site', value: '<slug>', required: true, help: 'The site.' };
const MAX_URL_LENGTH = 2000;
/** Deliveries list-webhooks shows per webhook. */
const RECENT_DELIVERIES = 5;

function parseUrl(value: string): URL {
  if (value.length > MAX_URL_LENGTH) throw new UsageError(`--url is longer than ${MAX_URL_LENGTH} characters.`);
  return new URL(checkHttpUrl(value, '--url'));
}

function parseEvents(value: string | undefined): WebhookEventType[] {
  if (value === undefined) return [...DEFAULT_WEBHOOK_EVENTS];
  const names = [...new Set(value.split(',').map((name) => name.trim()))];
  const unknown = names.filter((name) => !isWebhookEvent(name));
  if (unknown.length || !names.length) {
    throw new UsageError(
      `Unknown event${unknown.length === 1 ? '' : 's'} ${unknown.map((name) => `"${name}"`).join(', ')}. Events: ${WEBHOOK_EVENTS.join(', ')}.`,
    );
  }
  return names as WebhookEventType[];
}

export const addWebhook = defineCommand({
  spec: {
    name: 'add-webhook',
    brief: "POST a site's events to a URL, signed; prints the signing secret once.",
    summary:
      'Add a webhook: each event of the site it subscribes to is POSTed to the URL as JSON, signed with a secret printed here once (Porthole-Signature: t=<unix>,v1=<hex HMAC-SHA256 of "t.body">).',
    options: [
      SITE_OPTION,
      { name: 'url', value: '<url>', required: true, help: 'An http: or https: URL on the public internet.' },
      { name: 'events', value: '<a,b,…>', help: `Comma-separated; default ${DEFAULT_WEBHOOK_EVENTS.join(',')}. Also: note.created (internal notes).` },
    ],
    notes: [
      "Targets on private, loopback or link-local addresses are refused (the URL's host is checked again, after DNS, at every delivery); WEBHOOK_ALLOW_PRIVATE_NETWORKS=true allows them, for development and tests only.",
    ],
    examples: [
      'add-webhook --site demo --url https://hooks.example.com/porthole',
      'add-webhook --site demo --url https://hooks.example.com/notes --events note.created',
    ],
  },
  parse: (options) => ({
    slug: checkSlug(options.required('site'), '--site'),
    url: parseUrl(options.required('url')),
    events: parseEvents(options.string('events')),
  }),
  async run({ slug, url, events }, { store, io, clock, env }) {
    const address = literalAddress(url);
    const kind = address && nonPublicKind(address);
    if (kind && !readConfig(env).webhookAllowPrivateNetworks) {
      throw new AdminError(
        `${address} is ${kind}; webhooks go to public addresses only (WEBHOOK_ALLOW_PRIVATE_NETWORKS=true allows it, for development only).`,
      );
    }
    const site = await siteBySlug(store, slug);
    const secret = newWebhookSecret();
    const id = newId('whk');
    await store.webhooks.add({ id, siteId: site.id, url: url.href, events, secret, createdAt: clock().toISOString(), removedAt: null });
    io.out(`Site "${slug}": webhook ${id} sends ${events.join(', ')} to ${url.href}.`);
    io.out(`Signing secret (shown once; verify Porthole-Signature with it): ${secret}`);
  },
});

/** One delivery as a line: when, what, and how it went. */
function deliveryLine(delivery: WebhookDeliveryRow): string {
  const result = [delivery.lastStatusCode === null ? null : `HTTP ${delivery.lastStatusCode}`, delivery.lastError].filter(Boolean).join(', ');
  const state = delivery.status === 'pending' && delivery.attempts > 0 ? `pending, next try ${delivery.nextAttemptAt}` : delivery.status;
  return `  ${delivery.createdAt}  ${delivery.event}  ${state}${result ? `  (${result})` : ''}  ${plural(delivery.attempts, 'attempt')}  ${delivery.id}`;
}

export const listWebhooks = defineCommand({
  spec: {
    name: 'list-webhooks',
    brief: "List a site's webhooks and how their last deliveries went.",
    summary: `Print each webhook (id, URL, events) and its last ${RECENT_DELIVERIES} deliveries: time, event, state, status code or error, attempts.`,
    options: [SITE_OPTION],
    examples: ['list-webhooks --site demo'],
  },
  parse: (options) => ({ slug: checkSlug(options.required('site'), '--site') }),
  async run({ slug }, { store, io }) {
    const site = await siteBySlug(store, slug);
    const hooks = await store.webhooks.list(site.id);
    for (const hook of hooks) {
      io.out(`${hook.id}  ${hook.url}  ${hook.events.join(',')}  since ${hook.createdAt}`);
      const deliveries = await store.webhooks.recentDeliveries(hook.id, RECENT_DELIVERIES);
      if (!deliveries.length) io.out('  no deliveries yet');
      deliveries.forEach((delivery) => io.out(deliveryLine(delivery)));
    }
    io.out(`Site "${slug}": ${plural(hooks.length, 'webhook')}.`);
  },
});

export const removeWebhook = defineCommand({
  spec: {
    name: 'remove-webhook',
    brief: 'Stop a webhook: no more deliveries, pending ones given up.',
    summary: 'Remove a webhook by its id (list-webhooks shows it); deliveries not yet sent are given up on.',
    options: [SITE_OPTION, { name: 'id', value: '<whk_…>', required: true, help: "The webhook's id." }],
    examples: ['remove-webhook --site demo --id whk_…'],
  },
  parse: (options) => ({ slug: checkSlug(options.required('site'), '--site'), id: options.required('id') }),
  async run({ slug, id }, { store, io, clock }) {
    const site = await siteBySlug(store, slug);
    if ((await store.webhooks.remove(site.id, id, clock().toISOString())) === 'not_found') throw new AdminError(`Site "${slug}" has no webhook ${id}.`);
    io.out(`Site "${slug}": webhook ${id} removed.`);
  },
});
