/** A member's requests: the three lists, the badge count, one request, adding to it, solving it. */
import type { Db } from '../store/sqlite/client.js';
import {
  addMemberComment,
  countVisibleWithStatus,
  findVisibleRequest,
  isRequester,
  listVisibleRequests,
  solveAsRequester,
  type ChangeOutcome,
  type MemberScope,
  type RequestView,
} from '../store/sqlite/member-requests.js';
import type { StoredStatus } from '../store/sqlite/schema.js';
import type { SiteRow } from '../store/sqlite/sites.js';
import type { CommentCreatedBody, RequestDetail, RequestListBody, RequestListQuery } from '../contract/types.js';
import { ApiError, notFound } from '../errors.js';
import { afterCustomerComment, canCustomerSolve, STORED_FOR_CUSTOMER_STATUS } from './request-status.js';
import { presentCreated } from './requests.js';
import { tierFeatures } from './sites.js';
import { decodeCursor, pageOf } from './cursor.js';
import type { Porthole } from '../app.js';
import { changeOf, type EventBus } from './events.js';
import { customerCommentMails } from './notifications.js';
import { notifyContextFor } from './notify-context.js';

export async function listRequests(db: Db, site: SiteRow, scope: MemberScope, query: RequestListQuery): Promise<RequestListBody> {
  const list = query.scope ?? 'mine';
  if (list === 'org' && !(tierFeatures(site.tier).organizationRequests && scope.organizationId)) {
    throw new ApiError(403, 'scope_unavailable', 'Organization requests are not available for this account.');
  }
  const statuses = query.status
    ? [...new Set(query.status.split(',').flatMap((s) => STORED_FOR_CUSTOMER_STATUS[s as keyof typeof STORED_FOR_CUSTOMER_STATUS]))]
    : null;
  const rows = await listVisibleRequests(db, scope, { list, statuses, after: decodeCursor(query.cursor), limit: query.limit + 1 });
  const { page, nextCursor } = pageOf(rows, query.limit);
  return { requests: page.map((row) => presentCreated(row).request), nextCursor };
}

export async function countAwaitingReply(db: Db, scope: MemberScope): Promise<number> {
  return countVisibleWithStatus(db, scope, 'mine', 'pending');
}

export async function readRequest(db: Db, scope: MemberScope, number: number): Promise<RequestDetail> {
  const view = await findVisibleRequest(db, scope, number);
  if (!view) throw notFound('That request');
  return presentDetail(view, scope);
}

export async function addToConversation(porthole: Porthole, site: SiteRow, scope: MemberScope, number: number, body: string): Promise<CommentCreatedBody> {
  const { db, clock, events } = porthole;
  if (!body.trim()) throw new ApiError(400, 'validation_failed', 'Write something to add.', { body: 'is required' });
  const context = await notifyContextFor(porthole, site);
  const outcome = await addMemberComment(db, scope, number, body, clock().toISOString(), afterCustomerComment, (view) =>
    customerCommentMails(view, scope.identityIds, context),
  );
  const view = settle(outcome, 'closed');
  announce(events, view);
  const request = presentDetail(view, scope);
  return { comment: request.comments.find((c) => c.id === (outcome as { commentId?: string }).commentId)!, request };
}

export async function markSolved(porthole: Porthole, scope: MemberScope, number: number): Promise<RequestDetail> {
  const view = settle(await solveAsRequester(porthole.db, scope, number, porthole.clock().toISOString(), canCustomerSolve), 'solve');
  announce(porthole.events, view);
  return presentDetail(view, scope);
}

const announce = (events: EventBus, view: RequestView) => events.publish(changeOf(view));

function settle(outcome: ChangeOutcome, action: 'closed' | 'solve'): RequestView {
  if (outcome.kind === 'not_found') throw notFound('That request');
  if (outcome.kind === 'refused') {
    if (outcome.status === 'closed') {
      throw new ApiError(409, 'request_closed', 'This request is closed and cannot be reopened. Submit a follow-up request instead.');
    }
    if (action === 'solve' && outcome.status === 'solved') throw new ApiError(409, 'already_solved', 'This request is already solved.');
    throw new ApiError(403, 'not_requester', 'Only the person who opened this request can mark it as solved.');
  }
  return outcome.view;
}

function presentDetail(view: RequestView, scope: MemberScope): RequestDetail {
  const { request } = view;
  return {
    ...presentCreated(request).request,
    category: { id: request.categoryId, name: view.categoryName },
    requester: { name: view.requester.name ?? view.requester.email },
    organization: view.organizationName ? { name: view.organizationName } : null,
    ccs: view.ccs.map((cc) => ({ name: cc.name ?? cc.email, email: cc.email })),
    fields: request.fields,
    comments: view.comments.map((c) => ({
      id: c.id,
      body: c.body,
      author: { name: c.authorName, role: c.byAgent ? 'agent' : 'customer', you: c.authorEndUserId !== null && scope.identityIds.includes(c.authorEndUserId) },
      createdAt: c.createdAt,
    })),
    can: { comment: request.status !== 'closed', solve: isRequester(scope, request) && canCustomerSolve(request.status as StoredStatus) },
  };
}
