/** What the notification rules need to know about a site: its name, its agents, how to link back. */
import { listSiteAgents } from '../store/sqlite/agents.js';
import type { SiteRow } from '../store/sqlite/sites.js';
import type { Porthole } from '../app.js';
import type { NotifyContext } from './notifications.js';

export async function notifyContextFor({ db, links, config }: Pick<Porthole, 'db' | 'links' | 'config'>, site: SiteRow): Promise<NotifyContext> {
  const agents = await listSiteAgents(db, site.id);
  return {
    siteName: site.name,
    agents: agents.map(({ email, name }) => ({ email, name })),
    agentMailsPerHour: config.agentMailsPerHour,
    customerLink: (endUserId, number) => links.customer(site, endUserId, number),
    agentLink: links.agent,
    inboxLink: `${config.publicUrl}/agent`,
  };
}
