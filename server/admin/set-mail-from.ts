/** `set-mail-from`: the address a site's mail is sent from, with the site's name as the sender's name. */
import { checkEmail, checkSlug } from './checks.js';
import { defineCommand } from './command.js';
import { siteBySlug } from './lookups.js';

// Goes back to MAIL_FROM's address (the option takes a value; there are no bare flags).
const DEFAULT = 'default';

export const setMailFrom = defineCommand({
  spec: {
    name: 'set-mail-from',
    brief: "Choose the address a site's mail is sent from.",
    summary:
      "Set the From address of the mail a site sends (receipts, replies, solved requests, agents' notifications). The sender's name is always the site's name; without an address of its own a site sends from MAIL_FROM's address. Sign the mail for that address's domain with set-dkim, or receiving servers may file it as spam.",
    options: [
      { name: 'site', value: '<slug>', required: true, help: 'The site.' },
      { name: 'address', value: `<email>|${DEFAULT}`, required: true, help: `The From address, or "${DEFAULT}" for MAIL_FROM's.` },
    ],
    examples: ['set-mail-from --site demo --address support@northwind.example', `set-mail-from --site demo --address ${DEFAULT}`],
  },

  parse: (options) => {
    const address = options.required('address');
    return { slug: checkSlug(options.required('site'), '--site'), address: address === DEFAULT ? null : checkEmail(address, '--address') };
  },

  async run({ slug, address }, { store, io }) {
    const site = await siteBySlug(store, slug);
    await store.siteMail.setFromAddress(site.id, address);
    io.out(
      address
        ? `Site "${slug}": mail is now sent as "${site.name}" <${address}>.`
        : `Site "${slug}": mail is now sent as "${site.name}" from MAIL_FROM's address.`,
    );
  },
});
