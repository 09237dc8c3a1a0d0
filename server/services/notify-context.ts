/** What the notification rules need to know about a site: its name, its agents, how to link back. */
import type { Db } from '../db/client.js';
import { listSiteAgents } from '../db/agents.js';
import type { SiteRow } from '../db/sites.js';
import type { Links } from '../auth/link-tokens.js';
import type { NotifyContext } from './notifications.js';

export async function notifyContextFor(db: Db, site: SiteRow, links: Links): Promise<NotifyContext> {
  const agents = await listSiteAgents(db, site.id);
  return {
    siteName: site.name,
    agents: agents.map(({ email, name }) => ({ email, name })),
    customerLink: (endUserId, number) => links.customer(site, endUserId, number),
    agentLink: links.agent,
  };
}
