/**
 * Look-ups the admin commands share, and the options that name one agent. A look-up that finds
 * nothing throws an AdminError (exit 1) naming what is missing.
 */
import type { AgentRow, SiteRow } from '../store/rows.js';
import type { Store } from '../store/types.js';
import { AdminError, type OptionSpec, type ParsedOptions } from './args.js';
import { checkEmail, checkSlug } from './checks.js';

/** `--site <slug> --email <email>`, for the commands about one agent. */
export const AGENT_OPTIONS: OptionSpec[] = [
  { name: 'site', value: '<slug>', required: true, help: 'The site.' },
  { name: 'email', value: '<email>', required: true, help: "The agent's email address." },
];

export const parseAgentOptions = (options: ParsedOptions) => ({
  slug: checkSlug(options.required('site'), '--site'),
  email: checkEmail(options.required('email')),
});

export async function siteBySlug(store: Store, slug: string): Promise<SiteRow> {
  const site = await store.sites.findBySlug(slug);
  if (!site) throw new AdminError(`There is no site "${slug}".`);
  return site;
}

/** The site's agent with this address, removed ones included (callers say what that means for them). */
export async function agentOfSite(store: Store, site: SiteRow, email: string): Promise<AgentRow> {
  const agent = await store.agents.findBySiteAndEmail(site.id, email);
  if (!agent) throw new AdminError(`Site "${site.slug}" has no agent ${email}.`);
  return agent;
}
