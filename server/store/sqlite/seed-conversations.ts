/**
 * Demo history for one site: its organizations, members (as the host's tokens would describe them),
 * one support agent, and requests with public messages, internal notes and CCs — so a newcomer who
 * signs in on the demo host finds something in every list. One synchronous transaction: all or nothing.
 *
 * Request numbers continue from the site's `lastRequestNumber`, oldest request first, and the site is
 * moved on past them, exactly as live submissions count.
 */
import { and, eq, isNull } from 'drizzle-orm';
import type { Db, Tx } from './client.js';
import { newId } from './ids.js';
import { agents, categories, comments, endUsers, organizations, requestCcs, requests, sites } from './schema.js';
import type { SeedAgent, SeedConversation, SeedMember } from './seed-content.js';

export interface ConversationSeed {
  members: SeedMember[];
  agent: SeedAgent & { passwordHash: string | null };
  conversations: SeedConversation[];
}

/** How many request numbers `seedConversations` will use, so a site can be created with room for them. */
export const requestNumbersUsed = (seed: ConversationSeed): number => seed.conversations.length;

export async function seedConversations(db: Db, siteId: string, seed: ConversationSeed, now: Date): Promise<void> {
  const at = (minutesAgo: number) => new Date(now.getTime() - minutesAgo * 60_000).toISOString();
  // Everyone seeded "joined" a day before the oldest message, so no record postdates its own activity.
  const oldest = Math.max(0, ...seed.conversations.flatMap((c) => [...c.messages, ...(c.internalNotes ?? [])].map((m) => m.minutesAgo)));
  const since = at(oldest + 24 * 60);
  const memberBySub = new Map(seed.members.map((member) => [member.sub, member]));
  const memberByEmail = new Map(seed.members.map((member) => [member.email.toLowerCase(), member]));
  // Oldest first, so numbers follow the order requests came in.
  const ordered = [...seed.conversations].sort((a, b) => startedMinutesAgo(b) - startedMinutesAgo(a));
  for (const conversation of ordered) check(conversation, memberBySub, memberByEmail);

  db.transaction((tx) => {
    const site = tx.select({ lastRequestNumber: sites.lastRequestNumber }).from(sites).where(eq(sites.id, siteId)).get();
    if (!site) throw new Error(`seed: no site ${siteId}`);
    const categoryIds = new Map(
      tx
        .select({ id: categories.id, name: categories.name })
        .from(categories)
        .where(eq(categories.siteId, siteId))
        .all()
        .map((c) => [c.name, c.id]),
    );

    const orgIds = new Map<string, string>();
    for (const member of seed.members) {
      if (!member.org || orgIds.has(member.org.id)) continue;
      const id = newId('org');
      tx.insert(organizations).values({ id, siteId, externalId: member.org.id, name: member.org.name, createdAt: since }).run();
      orgIds.set(member.org.id, id);
    }
    const memberRows = new Map<string, { id: string; organizationId: string | null }>();
    for (const member of seed.members) {
      const row = { id: newId('usr'), organizationId: member.org ? orgIds.get(member.org.id)! : null };
      tx.insert(endUsers)
        .values({
          id: row.id,
          siteId,
          externalId: member.sub,
          email: member.email.toLowerCase(),
          emailVerified: true,
          name: member.name,
          organizationId: row.organizationId,
          createdAt: since,
          updatedAt: since,
        })
        .run();
      memberRows.set(member.sub, row);
    }
    const agentId = newId('agt');
    tx.insert(agents)
      .values({ id: agentId, siteId, email: seed.agent.email.toLowerCase(), name: seed.agent.name, passwordHash: seed.agent.passwordHash, createdAt: since })
      .run();

    let number = site.lastRequestNumber;
    for (const conversation of ordered) {
      const categoryId = categoryIds.get(conversation.category);
      if (!categoryId) throw new Error(`seed: site ${siteId} has no category "${conversation.category}"`);
      const createdAt = at(startedMinutesAgo(conversation));
      const requester =
        typeof conversation.requester === 'string'
          ? memberRows.get(conversation.requester)!
          : { id: contactFor(tx, siteId, conversation.requester.email, conversation.requester.name, createdAt), organizationId: null };
      const lastPublic = at(Math.min(...conversation.messages.map((m) => m.minutesAgo)));
      const done = conversation.status === 'solved' || conversation.status === 'closed';
      const requestId = newId('req');
      number += 1;
      tx.insert(requests)
        .values({
          id: requestId,
          siteId,
          number,
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
          // Members wrote signed in; nobody without an account has opened a link mailed to them (sender-proof.ts).
          senderVerifiedAt: typeof conversation.requester === 'string' ? createdAt : null,
        })
        .run();

      for (const email of conversation.ccs ?? []) {
        const member = memberByEmail.get(email.toLowerCase());
        // A CC'd member is linked by their own record (what a verified-email link resolves to anyway).
        const endUserId = member ? memberRows.get(member.sub)!.id : contactFor(tx, siteId, email, null, createdAt);
        tx.insert(requestCcs).values({ requestId, endUserId, createdAt }).run();
      }

      const thread = [
        ...conversation.messages.map((m) => ({ ...m, public: true })),
        ...(conversation.internalNotes ?? []).map((n) => ({ ...n, from: 'agent', public: false })),
      ].sort((a, b) => b.minutesAgo - a.minutesAgo);
      for (const message of thread) {
        const byAgent = message.from === 'agent';
        const authorEndUserId = byAgent ? null : message.from === 'requester' ? requester.id : memberRows.get(message.from)!.id;
        tx.insert(comments)
          .values({
            id: newId('cmt'),
            requestId,
            authorEndUserId,
            authorAgentId: byAgent ? agentId : null,
            body: message.body,
            public: message.public,
            createdAt: at(message.minutesAgo),
          })
          .run();
      }
    }
    tx.update(sites).set({ lastRequestNumber: number }).where(eq(sites.id, siteId)).run();
  });
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

/** An anonymous contact by (site, email), found or created — as a live submission or CC does. */
function contactFor(tx: Tx, siteId: string, email: string, name: string | null, now: string): string {
  const normalized = email.trim().toLowerCase();
  const existing = tx
    .select({ id: endUsers.id })
    .from(endUsers)
    .where(and(eq(endUsers.siteId, siteId), eq(endUsers.email, normalized), isNull(endUsers.externalId)))
    .get();
  if (existing) return existing.id;
  const id = newId('usr');
  tx.insert(endUsers).values({ id, siteId, externalId: null, email: normalized, emailVerified: false, name, createdAt: now, updatedAt: now }).run();
  return id;
}
