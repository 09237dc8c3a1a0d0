/**
 * Demo history for one site, planned as rows: its organizations, members (as the host's tokens
 * would describe them), one support agent, and requests with public messages, internal notes and
 * CCs — so a newcomer who signs in on the demo host finds something in every list. Pure: the store
 * writes the plan in one transaction (admin.importHistory), all or nothing, on either engine.
 *
 * Request numbers continue from the site's `lastRequestNumber`, oldest request first, and the site
 * is moved on past them, exactly as live submissions count.
 */
import { newId } from '../store/ids.js';
import type { EndUserRow, OrganizationRow } from '../store/rows.js';
import type { History } from '../store/types.js';
import type { SeedAgent, SeedConversation, SeedMember } from './seed-content.js';

export interface ConversationSeed {
  members: SeedMember[];
  agent: SeedAgent & { passwordHash: string | null };
  conversations: SeedConversation[];
}

/** The new site the history is planned for: it has these categories (by name) and no people yet. */
export interface HistorySite {
  id: string;
  lastRequestNumber: number;
  categoryIds: Map<string, string>;
}

/** How many request numbers `planHistory` will use, so a site can be created with room for them. */
export const requestNumbersUsed = (seed: ConversationSeed): number => seed.conversations.length;

export function planHistory(site: HistorySite, seed: ConversationSeed, now: Date): History {
  const siteId = site.id;
  const at = (minutesAgo: number) => new Date(now.getTime() - minutesAgo * 60_000).toISOString();
  // Everyone seeded "joined" a day before the oldest message, so no record postdates its own activity.
  const oldest = Math.max(0, ...seed.conversations.flatMap((c) => [...c.messages, ...(c.internalNotes ?? [])].map((m) => m.minutesAgo)));
  const since = at(oldest + 24 * 60);
  const memberBySub = new Map(seed.members.map((member) => [member.sub, member]));
  const memberByEmail = new Map(seed.members.map((member) => [member.email.toLowerCase(), member]));
  // Oldest first, so numbers follow the order requests came in.
  const ordered = [...seed.conversations].sort((a, b) => startedMinutesAgo(b) - startedMinutesAgo(a));
  for (const conversation of ordered) check(conversation, memberBySub, memberByEmail);

  const history: History = { organizations: [], endUsers: [], agents: [], requests: [], ccs: [], comments: [], lastRequestNumber: site.lastRequestNumber };
  const orgIds = new Map<string, string>();
  for (const member of seed.members) {
    if (!member.org || orgIds.has(member.org.id)) continue;
    const org: OrganizationRow = { id: newId('org'), siteId, externalId: member.org.id, name: member.org.name, createdAt: since };
    history.organizations.push(org);
    orgIds.set(member.org.id, org.id);
  }
  const memberRows = new Map<string, EndUserRow>();
  for (const member of seed.members) {
    const row: EndUserRow = {
      id: newId('usr'),
      siteId,
      externalId: member.sub,
      email: member.email.toLowerCase(),
      emailVerified: true,
      name: member.name,
      organizationId: member.org ? orgIds.get(member.org.id)! : null,
      locale: null,
      createdAt: since,
      updatedAt: since,
    };
    history.endUsers.push(row);
    memberRows.set(member.sub, row);
  }
  const agentId = newId('agt');
  history.agents.push({
    id: agentId,
    siteId,
    email: seed.agent.email.toLowerCase(),
    name: seed.agent.name,
    passwordHash: seed.agent.passwordHash,
    createdAt: since,
    removedAt: null,
  });

  // Anonymous contacts by email, found or created — as a live submission or CC does.
  const contacts = new Map<string, EndUserRow>();
  const contactFor = (email: string, name: string | null, createdAt: string): string => {
    const normalized = email.trim().toLowerCase();
    const existing = contacts.get(normalized);
    if (existing) return existing.id;
    const row: EndUserRow = {
      id: newId('usr'),
      siteId,
      externalId: null,
      email: normalized,
      emailVerified: false,
      name,
      organizationId: null,
      locale: null,
      createdAt,
      updatedAt: createdAt,
    };
    history.endUsers.push(row);
    contacts.set(normalized, row);
    return row.id;
  };

  for (const conversation of ordered) {
    const categoryId = site.categoryIds.get(conversation.category);
    if (!categoryId) throw new Error(`seed: site ${siteId} has no category "${conversation.category}"`);
    const createdAt = at(startedMinutesAgo(conversation));
    const requester =
      typeof conversation.requester === 'string'
        ? memberRows.get(conversation.requester)!
        : { id: contactFor(conversation.requester.email, conversation.requester.name, createdAt), organizationId: null };
    const lastPublic = at(Math.min(...conversation.messages.map((m) => m.minutesAgo)));
    const done = conversation.status === 'solved' || conversation.status === 'closed';
    const requestId = newId('req');
    history.lastRequestNumber += 1;
    history.requests.push({
      id: requestId,
      siteId,
      number: history.lastRequestNumber,
      categoryId,
      requesterId: requester.id,
      organizationId: requester.organizationId,
      subject: conversation.subject,
      status: conversation.status,
      fields: conversation.fields,
      createdAt,
      // Last activity customers can see: internal notes do not move a request up their lists.
      updatedAt: lastPublic,
      solvedAt: done ? lastPublic : null,
      // Members wrote signed in; nobody without an account has opened a link mailed to them (rules/visibility.ts).
      senderVerifiedAt: typeof conversation.requester === 'string' ? createdAt : null,
      channel: 'web',
      followUpOf: null,
      // The demo's conversations are written in English, the demo site's language.
      locale: 'en',
      assigneeAgentId: null,
    });

    for (const email of conversation.ccs ?? []) {
      const member = memberByEmail.get(email.toLowerCase());
      // A CC'd member is linked by their own record (what a verified-email link resolves to anyway).
      const endUserId = member ? memberRows.get(member.sub)!.id : contactFor(email, null, createdAt);
      history.ccs.push({ requestId, endUserId, createdAt });
    }

    const thread = [
      ...conversation.messages.map((m) => ({ ...m, public: true })),
      ...(conversation.internalNotes ?? []).map((n) => ({ ...n, from: 'agent', public: false })),
    ].sort((a, b) => b.minutesAgo - a.minutesAgo);
    for (const message of thread) {
      const byAgent = message.from === 'agent';
      const authorEndUserId = byAgent ? null : message.from === 'requester' ? requester.id : memberRows.get(message.from)!.id;
      history.comments.push({
        id: newId('cmt'),
        requestId,
        authorEndUserId,
        authorAgentId: byAgent ? agentId : null,
        body: message.body,
        public: message.public,
        sentFrom: null,
        createdAt: at(message.minutesAgo),
      });
    }
  }
  return history;
}

const startedMinutesAgo = (conversation: SeedConversation) => conversation.messages[0]!.minutesAgo;

/** Seed data mistakes fail loudly at the first start, not as a half-empty demo. */
function check(conversation: SeedConversation, memberBySub: Map<string, SeedMember>, memberByEmail: Map<string, SeedMember>): void {
  const where = `seed conversation "${conversation.subject}"`;
  if (typeof conversation.requester === 'string' && !memberBySub.has(conversation.requester))
    throw new Error(`${where}: unknown requester ${conversation.requester}`);
  const [first, ...rest] = conversation.messages;
  if (!first || first.from !== 'requester') throw new Error(`${where}: the first message must be the requester's description`);
  const ccSubs = new Set((conversation.ccs ?? []).map((email) => memberByEmail.get(email.toLowerCase())?.sub).filter((sub) => sub !== undefined));
  let previous = first.minutesAgo;
  for (const message of rest) {
    if (message.minutesAgo >= previous) throw new Error(`${where}: messages must be listed oldest first`);
    previous = message.minutesAgo;
    if (message.from !== 'requester' && message.from !== 'agent' && !ccSubs.has(message.from)) {
      throw new Error(`${where}: ${message.from} writes but is not a CC'd member`);
    }
  }
  if ((conversation.internalNotes ?? []).some((note) => note.minutesAgo >= first.minutesAgo)) throw new Error(`${where}: a note predates the request`);
}
