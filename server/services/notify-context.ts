/** What the notification rules need to know about a site: its name, its agents, how to link back. */
import type { SiteRow } from '../store/rows.js';
import type { Services } from './context.js';
import type { NotifyContext } from './notifications.js';

export async function notifyContextFor({ store, links, config }: Pick<Services, 'store' | 'links' | 'config'>, site: SiteRow): Promise<NotifyContext> {
  const agents = await store.agents.listForSite(site.id);
  return {
    siteName: site.name,
    siteColor: site.color,
    siteLocale: site.locale,
    agents: agents.map(({ id, email, name }) => ({ id, email, name })),
    agentMailsPerHour: config.agentMailsPerHour,
    customerLink: (recipient, number) => links.customer(site, recipient, number),
    agentLink: links.agent,
    inboxLink: `${config.publicUrl}/agent`,
  };
}
