/**
 * The team's own facts about requests, written once for both engines: who owns each (assignment),
 * its tags, and the inbox's views over work still open — Mine, Unassigned, All open — with their
 * counts. None of it is part of anything a customer is shown (rules/view.ts never reads it).
 */
import { and, eq, inArray, isNull, sql, type Column, type SQL, type Table } from 'drizzle-orm';
import type { StoredStatus } from '../rows.js';
import type { QueueFilter, TeamFacts } from '../types.js';
import { inView } from './inbound.js';

export interface TeamTables {
  requests: Table & { id: Column; siteId: Column; number: Column; status: Column; assigneeAgentId: Column; channel: Column; senderVerifiedAt: Column };
  agents: Table & { id: Column; siteId: Column; name: Column; email: Column; removedAt: Column };
  requestTags: Table & { requestId: Column; tag: Column };
}

/** Work still open: what the views count. Solved and closed requests are done; Unverified mail waits apart. */
export const OPEN_STATUSES: readonly StoredStatus[] = ['new', 'open', 'pending', 'hold'];

const stillOpen = (t: Pick<TeamTables, 'requests'>): SQL => and(inArray(t.requests.status, [...OPEN_STATUSES]), inView(t.requests, 'main'))!;

/** The queue's assignee and tag filters (QueueFilter), or undefined when neither is set. */
export function teamFilter(t: Pick<TeamTables, 'requests' | 'requestTags'>, filter: Pick<QueueFilter, 'assignee' | 'tag'>): SQL | undefined {
  const { assignee, tag } = filter;
  return and(
    assignee?.kind === 'agent' ? eq(t.requests.assigneeAgentId, assignee.id) : undefined,
    assignee?.kind === 'none' ? isNull(t.requests.assigneeAgentId) : undefined,
    tag ? sql`EXISTS (SELECT 1 FROM ${t.requestTags} WHERE ${and(eq(t.requestTags.requestId, t.requests.id), eq(t.requestTags.tag, tag))})` : undefined,
  );
}

/** One row of the site's open requests counted three ways (select these, where `viewCountsWhere`). */
export const viewCountColumns = (t: Pick<TeamTables, 'requests'>, agentId: string) => ({
  mine: sql<number>`COALESCE(SUM(CASE WHEN ${t.requests.assigneeAgentId} = ${agentId} THEN 1 ELSE 0 END), 0)`.mapWith(Number),
  unassigned: sql<number>`COALESCE(SUM(CASE WHEN ${t.requests.assigneeAgentId} IS NULL THEN 1 ELSE 0 END), 0)`.mapWith(Number),
  open: sql<number>`COUNT(*)`.mapWith(Number),
});

export const viewCountsWhere = (t: Pick<TeamTables, 'requests'>, siteId: string): SQL => and(eq(t.requests.siteId, siteId), stillOpen(t))!;

/** An agent a request of `siteId` may be given to: that site's, and not removed. */
export const assignableAgent = (t: Pick<TeamTables, 'agents'>, siteId: string, agentId: string): SQL =>
  and(eq(t.agents.id, agentId), eq(t.agents.siteId, siteId), isNull(t.agents.removedAt))!;

/** What the `request.assigned` webhook says about the new owner. */
export const assigneeColumns = <T extends Pick<TeamTables, 'agents'>>(t: T) => ({
  name: t.agents.name as T['agents']['name'],
  email: t.agents.email as T['agents']['email'],
});

/** Each request's owner (by the heads read: number, assignee id and name) with its tags, by number. */
export function gatherFacts(
  heads: { number: number; assigneeId: string | null; assigneeName: string | null }[],
  tags: { number: number; tag: string }[],
): Map<number, TeamFacts> {
  const facts = new Map<number, TeamFacts>(
    heads.map((head) => [head.number, { assignee: head.assigneeId ? { id: head.assigneeId, name: head.assigneeName ?? '' } : null, tags: [] }]),
  );
  for (const { number, tag } of tags) facts.get(number)?.tags.push(tag);
  return facts;
}
