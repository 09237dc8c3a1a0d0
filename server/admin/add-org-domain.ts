/** `add-org-domain`: mail from a domain belongs to one of the site's organizations (for the Help Center's organization requests). */
import { AdminError } from './args.js';
import { checkDomain, checkName, checkSlug } from './checks.js';
import { defineCommand } from './command.js';
import { siteBySlug } from './lookups.js';

export const addOrgDomain = defineCommand({
  spec: {
    name: 'add-org-domain',
    brief: "Declare a mail domain as an organization's.",
    summary:
      "Declare that verified addresses at a domain belong to one of the site's organizations, so a Help Center user there counts as its member. The organization is named by its id on the host (the `org.id` of member tokens); it must have signed in at least once. Declaring a domain again moves it to the organization given.",
    options: [
      { name: 'site', value: '<slug>', required: true, help: 'The site.' },
      { name: 'org', value: '<id>', required: true, help: "The organization's id on the host (org.id in member tokens)." },
      { name: 'domain', value: '<domain>', required: true, help: 'The mail domain, e.g. basecamp.example.' },
    ],
    examples: ['add-org-domain --site demo --org basecamp --domain basecamp.example'],
  },

  parse: (options) => {
    const domain = checkDomain(options.required('domain'), 'basecamp.example');
    return { slug: checkSlug(options.required('site'), '--site'), org: checkName(options.required('org'), '--org', 200), domain };
  },

  async run({ slug, org, domain }, { store, io }) {
    const site = await siteBySlug(store, slug);
    if ((await store.admin.addOrganizationDomain(site.id, domain, org)) === 'org_not_found') {
      throw new AdminError(`Site "${slug}" has no organization "${org}" (an organization is known once one of its members has signed in).`);
    }
    io.out(`Site "${slug}": verified addresses at ${domain} now belong to organization "${org}".`);
  },
});
