/** `set-signup`: who may get a Help Center account on a site — anyone who proves an address, or only addresses the site knows. */
import type { SignupPolicy } from '../store/rows.js';
import { UsageError } from './args.js';
import { checkSlug } from './checks.js';
import { defineCommand } from './command.js';
import { siteBySlug } from './lookups.js';

const POLICIES: readonly SignupPolicy[] = ['open', 'known'];

export const setSignup = defineCommand({
  spec: {
    name: 'set-signup',
    brief: 'Choose who may get a Help Center account on a site.',
    summary:
      'Set the signup policy of a site\'s Help Center: "known" (the default) mails a password or sign-in link only to addresses the site already has — members, requesters and CCs; "open" mails anyone who asks. Either way the answer to asking is the same, so the form tells no one which addresses are known.',
    options: [
      { name: 'site', value: '<slug>', required: true, help: 'The site.' },
      { name: 'policy', value: 'open|known', required: true, help: 'open: anyone who proves an address; known: only addresses the site has.' },
    ],
    examples: ['set-signup --site acme --policy open', 'set-signup --site acme --policy known'],
  },

  parse: (options) => {
    const policy = options.required('policy');
    if (!POLICIES.includes(policy as SignupPolicy)) throw new UsageError(`--policy "${policy}" is not a signup policy: use "open" or "known".`);
    return { slug: checkSlug(options.required('site'), '--site'), policy: policy as SignupPolicy };
  },

  async run({ slug, policy }, { store, io }) {
    const site = await siteBySlug(store, slug);
    await store.admin.setSignupPolicy(site.id, policy);
    io.out(
      policy === 'open'
        ? `Site "${slug}": anyone who proves an email address may now get a Help Center account.`
        : `Site "${slug}": only addresses the site already knows (members, requesters, CCs) may now get a Help Center account.`,
    );
  },
});
