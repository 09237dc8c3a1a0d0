/** The team's facts about requests on SQLite: assignment, tags, the views' counts (rules/team.ts). */
import { and, asc, count, desc, eq, inArray } from 'drizzle-orm';
import type { Db } from './client.js';
import { commitWithOthers } from './group-commit.js';
import { readRequestView } from './request-view.js';
import { agents, requestTags, requests } from './schema.js';
import { requestAssigned } from '../rules/webhook-events.js';
import { enqueueWebhooks } from './webhooks.js';
import { assignableAgent, assigneeColumns, gatherFacts, viewCountColumns, viewCountsWhere } from '../rules/team.js';
import type { TeamStore } from '../types.js';

const tables = { requests, agents, requestTags };
const onSite = (siteId: string, number: number) => and(eq(requests.siteId, siteId), eq(requests.number, number))!;

export function assign(db: Db, ...[siteId, number, agentId, now]: Parameters<TeamStore['assign']>): ReturnType<TeamStore['assign']> {
  return commitWithOthers(db, (tx) => {
    const current = tx.select({ id: requests.id, assigneeAgentId: requests.assigneeAgentId }).from(requests).where(onSite(siteId, number)).get();
    if (!current) return { kind: 'not_found' as const };
    const assignee =
      agentId === null
        ? null
        : tx
            .select(assigneeColumns(tables))
            .from(agents)
            .where(assignableAgent(tables, siteId, agentId))
            .get();
    if (assignee === undefined) return { kind: 'no_such_agent' as const };
    tx.update(requests).set({ assigneeAgentId: agentId }).where(eq(requests.id, current.id)).run();
    const view = readRequestView(tx, eq(requests.id, current.id), 'all')!;
    if (assignee && agentId !== current.assigneeAgentId) enqueueWebhooks(db, siteId, [requestAssigned(view, assignee)], now);
    return { kind: 'done' as const, view, previousAgentId: current.assigneeAgentId };
  });
}

export function setTags(db: Db, ...[siteId, number, tags]: Parameters<TeamStore['setTags']>): ReturnType<TeamStore['setTags']> {
  return commitWithOthers(db, (tx) => {
    const current = tx.select({ id: requests.id }).from(requests).where(onSite(siteId, number)).get();
    if (!current) return { kind: 'not_found' as const };
    tx.delete(requestTags).where(eq(requestTags.requestId, current.id)).run();
    if (tags.length)
      tx.insert(requestTags)
        .values(tags.map((tag) => ({ requestId: current.id, tag })))
        .run();
    return { kind: 'done' as const, view: readRequestView(tx, eq(requests.id, current.id), 'all')! };
  });
}

export async function factsOf(db: Db, siteId: string, numbers: number[]): ReturnType<TeamStore['factsOf']> {
  if (!numbers.length) return new Map();
  const mine = and(eq(requests.siteId, siteId), inArray(requests.number, numbers));
  const heads = db
    .select({ number: requests.number, assigneeId: requests.assigneeAgentId, assigneeName: agents.name })
    .from(requests)
    .leftJoin(agents, eq(agents.id, requests.assigneeAgentId))
    .where(mine)
    .all();
  const tags = db
    .select({ number: requests.number, tag: requestTags.tag })
    .from(requestTags)
    .innerJoin(requests, eq(requests.id, requestTags.requestId))
    .where(mine)
    .orderBy(asc(requestTags.tag))
    .all();
  return gatherFacts(heads, tags);
}

export async function viewCounts(db: Db, siteId: string, agentId: string): ReturnType<TeamStore['viewCounts']> {
  return db.select(viewCountColumns(tables, agentId)).from(requests).where(viewCountsWhere(tables, siteId)).get()!;
}

export async function tagsInUse(db: Db, siteId: string): ReturnType<TeamStore['tagsInUse']> {
  const uses = count();
  return db
    .select({ tag: requestTags.tag, requests: uses })
    .from(requestTags)
    .innerJoin(requests, eq(requests.id, requestTags.requestId))
    .where(eq(requests.siteId, siteId))
    .groupBy(requestTags.tag)
    .orderBy(desc(uses), asc(requestTags.tag))
    .all();
}
