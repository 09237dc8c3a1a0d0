/**
 * `block-sender`, `unblock-sender`, `list-blocked`: the site's block list for mail in. A blocked
 * address, or any address at a blocked domain, opens no request by mailing the site's address
 * (server/mail/inbound/new-request.ts); replies to reply addresses are not affected (their token,
 * not their From, says who wrote).
 */
import { UsageError, type ParsedOptions } from './args.js';
import { checkDomain, checkEmail, checkSlug } from './checks.js';
import { defineCommand, plural } from './command.js';
import { siteBySlug } from './lookups.js';

const TARGET_OPTIONS = [
  { name: 'site', value: '<slug>', required: true, help: 'The site.' },
  { name: 'address', value: '<email>', help: 'One sender address.' },
  { name: 'domain', value: '<domain>', help: 'Every address at a domain, e.g. spam.example.' },
];

/** The list entry: the address itself, or `@domain` (store/rules/inbound.ts blockPatternsOf). */
function parseTarget(options: ParsedOptions): { slug: string; pattern: string } {
  const address = options.string('address');
  const domain = options.string('domain');
  if ((address === undefined) === (domain === undefined)) throw new UsageError('Give either --address or --domain.');
  const slug = checkSlug(options.required('site'), '--site');
  return { slug, pattern: address !== undefined ? checkEmail(address) : `@${checkDomain(domain!, 'spam.example')}` };
}

export const blockSender = defineCommand({
  spec: {
    name: 'block-sender',
    brief: 'Refuse new requests by mail from an address or a domain.',
    summary: "Add an address or a whole domain to the site's block list: mail from it to the site's address opens no request.",
    options: TARGET_OPTIONS,
    examples: ['block-sender --site demo --address spam@spam.example', 'block-sender --site demo --domain spam.example'],
  },
  parse: parseTarget,
  async run({ slug, pattern }, { store, io, clock }) {
    const site = await siteBySlug(store, slug);
    const outcome = await store.inbound.block(site.id, pattern, clock().toISOString());
    io.out(outcome === 'added' ? `Site "${slug}": mail from ${pattern} now opens no request.` : `Site "${slug}": ${pattern} was already blocked.`);
  },
});

export const unblockSender = defineCommand({
  spec: {
    name: 'unblock-sender',
    brief: 'Take an address or a domain off the block list.',
    summary: "Remove an address or a domain from the site's block list (as block-sender named it).",
    options: TARGET_OPTIONS,
    examples: ['unblock-sender --site demo --domain spam.example'],
  },
  parse: parseTarget,
  async run({ slug, pattern }, { store, io }) {
    const site = await siteBySlug(store, slug);
    const outcome = await store.inbound.unblock(site.id, pattern);
    io.out(outcome === 'removed' ? `Site "${slug}": ${pattern} is no longer blocked.` : `Site "${slug}": ${pattern} was not blocked.`);
  },
});

export const listBlocked = defineCommand({
  spec: {
    name: 'list-blocked',
    brief: "List a site's blocked senders and domains.",
    summary: 'Print the block list for mail in: one address or @domain a line, with when it was added.',
    options: [{ name: 'site', value: '<slug>', required: true, help: 'The site.' }],
    examples: ['list-blocked --site demo'],
  },
  parse: (options) => ({ slug: checkSlug(options.required('site'), '--site') }),
  async run({ slug }, { store, io }) {
    const site = await siteBySlug(store, slug);
    const blocked = await store.inbound.listBlocked(site.id);
    for (const row of blocked) io.out(`${row.pattern}\tsince ${row.createdAt}`);
    io.out(`Site "${slug}": ${plural(blocked.length, 'blocked sender')}.`);
  },
});
