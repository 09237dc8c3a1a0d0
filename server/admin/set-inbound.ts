/** `set-inbound`: a site's settings for mail in — whether replies from other addresses count, and an address of its own. */
import { AdminError, UsageError } from './args.js';
import { checkEmail, checkSlug } from './checks.js';
import { defineCommand } from './command.js';
import { siteBySlug } from './lookups.js';

const YES_NO: Record<string, boolean> = { yes: true, no: false };

export const setInbound = defineCommand({
  spec: {
    name: 'set-inbound',
    brief: 'Choose how a site takes mail in.',
    summary:
      "Set a site's mail-in settings. --allow-other-senders yes: a reply to a customer's reply address from another address still becomes a comment, marked for agents with the address it came from (no, the default: it is ignored). --address: an address at INBOUND_DOMAIN that opens requests besides <slug>@INBOUND_DOMAIN (none removes it).",
    options: [
      { name: 'site', value: '<slug>', required: true, help: 'The site.' },
      { name: 'allow-other-senders', value: 'yes|no', help: 'Whether replies from another address than the recipient’s become comments.' },
      { name: 'address', value: '<email>|none', help: 'An extra address of the site at INBOUND_DOMAIN.' },
    ],
    examples: ['set-inbound --site demo --allow-other-senders yes', 'set-inbound --site demo --address help@inbound.example.com'],
  },

  parse: (options) => {
    const allow = options.string('allow-other-senders');
    const address = options.string('address');
    if (allow === undefined && address === undefined) throw new UsageError('Give --allow-other-senders, --address, or both.');
    if (allow !== undefined && !(allow in YES_NO)) throw new UsageError(`--allow-other-senders "${allow}": use "yes" or "no".`);
    return {
      slug: checkSlug(options.required('site'), '--site'),
      allowOtherSenders: allow === undefined ? undefined : YES_NO[allow]!,
      address: address === undefined ? undefined : address === 'none' ? null : checkEmail(address),
    };
  },

  async run({ slug, allowOtherSenders, address }, { store, io }) {
    const site = await siteBySlug(store, slug);
    const current = await store.inbound.settings(site.id);
    const next = { ...current, ...(allowOtherSenders !== undefined && { allowOtherSenders }), ...(address !== undefined && { address }) };
    if ((await store.inbound.saveSettings(next)) === 'address_taken') throw new AdminError(`${address} is already another site's address.`);
    io.out(
      `Site "${slug}": replies from other addresses are ${next.allowOtherSenders ? 'taken, marked' : 'ignored'}; new requests by mail to ${slug}@INBOUND_DOMAIN${next.address ? ` and ${next.address}` : ''}.`,
    );
  },
});
