/**
 * The agents' queue, written once: what a row shows and which of the site's requests a filter
 * keeps. Each adapter chains these in its own dialect, joining each request to its category and
 * requester (view-reads.ts) and ordering by newest activity (activity-order.ts).
 */
import { and, eq, inArray, isNotNull, not, sql, type Column, type SQL, type Table } from 'drizzle-orm';
import type { QueueFilter } from '../types.js';
import { olderThan } from './activity-order.js';
import type { Hints } from './hints.js';
import { searchFor } from './queue-search.js';
import { inView } from './inbound.js';
import { teamFilter } from './team.js';

export interface QueueTables {
  requests: Table & {
    id: Column;
    siteId: Column;
    number: Column;
    subject: Column;
    status: Column;
    categoryId: Column;
    requesterId: Column;
    senderVerifiedAt: Column;
    channel: Column;
    createdAt: Column;
    updatedAt: Column;
    assigneeAgentId: Column;
  };
  categories: Table & { id: Column; name: Column };
  endUsers: Table & { id: Column; name: Column; email: Column };
  comments: Table & { requestId: Column; authorAgentId: Column; public: Column; body: Column };
  requestTags: Table & { requestId: Column; tag: Column };
}

/** A queue row (QueueRow), typed by the adapter's own columns. */
// A type, not an interface: drizzle's select wants an object type it can index.
export type QueueColumns<T extends QueueTables> = {
  number: T['requests']['number'];
  subject: T['requests']['subject'];
  status: T['requests']['status'];
  categoryName: T['categories']['name'];
  requesterName: T['endUsers']['name'];
  requesterEmail: T['endUsers']['email'];
  senderVerifiedAt: T['requests']['senderVerifiedAt'];
  createdAt: T['requests']['createdAt'];
  updatedAt: T['requests']['updatedAt'];
};

export const queueColumns = <T extends QueueTables>(t: T): QueueColumns<T> => ({
  number: t.requests.number,
  subject: t.requests.subject,
  status: t.requests.status,
  categoryName: t.categories.name,
  requesterName: t.endUsers.name,
  requesterEmail: t.endUsers.email,
  senderVerifiedAt: t.requests.senderVerifiedAt,
  createdAt: t.requests.createdAt,
  updatedAt: t.requests.updatedAt,
});

/** An agent has answered publicly at least once. */
const agentAnswered = (t: QueueTables): SQL =>
  sql`EXISTS (SELECT 1 FROM ${t.comments} WHERE ${and(eq(t.comments.requestId, t.requests.id), isNotNull(t.comments.authorAgentId), eq(t.comments.public, true))})`;

/** The site's requests the filter keeps — every one of that site, and only of that site — after the cursor's position. */
export function queueConditions(t: QueueTables, hints: Hints, siteId: string, filter: QueueFilter): SQL {
  const { after } = filter;
  const searched = {
    requests: t.requests,
    comments: t.comments,
    subject: t.requests.subject,
    requesterEmail: t.endUsers.email,
    requesterName: t.endUsers.name,
    number: t.requests.number,
  };
  return and(
    eq(t.requests.siteId, siteId),
    inView(t.requests, filter.view ?? 'main'),
    filter.statuses ? inArray(t.requests.status, filter.statuses) : undefined,
    filter.categoryId ? eq(t.requests.categoryId, filter.categoryId) : undefined,
    filter.unanswered ? not(agentAnswered(t)) : undefined,
    filter.search ? searchFor(searched, hints, filter.search) : undefined,
    teamFilter(t, filter),
    after ? olderThan(t.requests, after.updatedAt, after.number) : undefined,
  )!;
}
