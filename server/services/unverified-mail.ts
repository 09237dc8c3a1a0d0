/**
 * The agents' "Unverified mail" view (a spam queue): requests that came by mail from an address
 * nobody has proven (store/rules/inbound.ts). Emptying it deletes those requests with their
 * comments and files — forged mail is not worth keeping — and tells open inboxes (no customer: none of them
 * had a proven sender to tell).
 */
import type { AgentWithSite } from '../store/types.js';
import type { Services } from './context.js';

export const countUnverifiedMail = (services: Services, agent: AgentWithSite) => services.store.inbound.countUnverifiedMail(agent.siteId);

export async function emptyUnverifiedMail(services: Services, agent: AgentWithSite): Promise<number> {
  const deleted = await services.store.inbound.emptyUnverifiedMail(agent.siteId);
  // The records are gone; bytes left behind by a failure here are nobody's, and never served.
  await Promise.all(deleted.files.map((file) => services.files.storage.remove(file.siteId, file.storageKey)));
  const updatedAt = services.clock().toISOString();
  for (const { siteId, number } of deleted.requests) services.events.publish({ siteId, number, updatedAt, endUserIds: [], organizationId: null });
  return deleted.requests.length;
}
