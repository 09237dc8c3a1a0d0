/**
 * The team's facts about requests on PostgreSQL: assignment, tags, the views' counts
 * (rules/team.ts). A change locks the request's row first, so two agents' changes apply in turn.
 */
import { and, asc, count, desc, eq, inArray } from 'drizzle-orm';
import type { PgSession, PgTx } from './client.js';
import { find } from './agent-requests.js';
import { agents, requestTags, requests } from './schema.js';
import { requestAssigned } from '../rules/webhook-events.js';
import { enqueueWebhooks } from './webhooks.js';
import { assignableAgent, assigneeColumns, gatherFacts, viewCountColumns, viewCountsWhere } from '../rules/team.js';
import type { AssignOutcome, TeamStore } from '../types.js';

const tables = { requests, agents, requestTags };

const lockRequest = async (tx: PgTx, siteId: string, number: number) =>
  (
    await tx
      .select({ id: requests.id, assigneeAgentId: requests.assigneeAgentId })
      .from(requests)
      .where(and(eq(requests.siteId, siteId), eq(requests.number, number)))
      .for('update')
  )[0];

export async function assign(tx: PgTx, ...[siteId, number, agentId, now]: Parameters<TeamStore['assign']>): Promise<AssignOutcome> {
  const current = await lockRequest(tx, siteId, number);
  if (!current) return { kind: 'not_found' };
  const assignee =
    agentId === null
      ? null
      : (
          await tx
            .select(assigneeColumns(tables))
            .from(agents)
            .where(assignableAgent(tables, siteId, agentId))
        )[0];
  if (assignee === undefined) return { kind: 'no_such_agent' };
  await tx.update(requests).set({ assigneeAgentId: agentId }).where(eq(requests.id, current.id));
  const view = (await find(tx, siteId, number))!;
  if (assignee && agentId !== current.assigneeAgentId) await enqueueWebhooks(tx, siteId, [requestAssigned(view, assignee)], now);
  return { kind: 'done', view, previousAgentId: current.assigneeAgentId };
}

export async function setTags(tx: PgTx, ...[siteId, number, tags]: Parameters<TeamStore['setTags']>): ReturnType<TeamStore['setTags']> {
  const current = await lockRequest(tx, siteId, number);
  if (!current) return { kind: 'not_found' };
  await tx.delete(requestTags).where(eq(requestTags.requestId, current.id));
  if (tags.length) await tx.insert(requestTags).values(tags.map((tag) => ({ requestId: current.id, tag })));
  return { kind: 'done', view: (await find(tx, siteId, number))! };
}

export async function factsOf(session: PgSession, siteId: string, numbers: number[]): ReturnType<TeamStore['factsOf']> {
  if (!numbers.length) return new Map();
  const mine = and(eq(requests.siteId, siteId), inArray(requests.number, numbers));
  const heads = await session
    .select({ number: requests.number, assigneeId: requests.assigneeAgentId, assigneeName: agents.name })
    .from(requests)
    .leftJoin(agents, eq(agents.id, requests.assigneeAgentId))
    .where(mine);
  const tags = await session
    .select({ number: requests.number, tag: requestTags.tag })
    .from(requestTags)
    .innerJoin(requests, eq(requests.id, requestTags.requestId))
    .where(mine)
    .orderBy(asc(requestTags.tag));
  return gatherFacts(heads, tags);
}

export async function viewCounts(session: PgSession, siteId: string, agentId: string): ReturnType<TeamStore['viewCounts']> {
  return (await session.select(viewCountColumns(tables, agentId)).from(requests).where(viewCountsWhere(tables, siteId)))[0]!;
}

export async function tagsInUse(session: PgSession, siteId: string): ReturnType<TeamStore['tagsInUse']> {
  const uses = count();
  return session
    .select({ tag: requestTags.tag, requests: uses })
    .from(requestTags)
    .innerJoin(requests, eq(requests.id, requestTags.requestId))
    .where(eq(requests.siteId, siteId))
    .groupBy(requestTags.tag)
    .orderBy(desc(uses), asc(requestTags.tag));
}
