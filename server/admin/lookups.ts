/** Look-ups the admin commands share; each throws an AdminError (exit 1) that names what is missing. */
import type { Db } from '../db/client.js';
import { findAgentBySiteAndEmail, type AgentRow } from '../db/agents.js';
import { findSiteBySlug, type SiteRow } from '../db/sites.js';
import { AdminError } from './args.js';

export async function siteBySlug(db: Db, slug: string): Promise<SiteRow> {
  const site = await findSiteBySlug(db, slug);
  if (!site) throw new AdminError(`There is no site "${slug}".`);
  return site;
}

/** The site's agent with this address, removed ones included (callers say what that means for them). */
export async function agentOfSite(db: Db, site: SiteRow, email: string): Promise<AgentRow> {
  const agent = await findAgentBySiteAndEmail(db, site.id, email);
  if (!agent) throw new AdminError(`Site "${site.slug}" has no agent ${email}.`);
  return agent;
}
