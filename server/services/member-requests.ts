/** A member's requests: the three lists, the badge count, one request, adding to it, solving it. */
import type { SiteRow } from '../store/rows.js';
import type { MemberScope, NotFound, Refused, RequestView, Store } from '../store/types.js';
import { isRequester, mayRate } from '../store/rules/visibility.js';
import type { CommentCreatedBody, NewComment, NewRating, RequestDetail, RequestListBody, RequestListQuery } from '../contract/types.js';
import type { DownloadUrls } from '../files/download-urls.js';
import { attachmentNotFound, idsToClaim } from './attachments.js';
import { ApiError, notFound } from '../errors.js';
import { afterCustomerComment, canCustomerRate, canCustomerSolve, STORED_FOR_CUSTOMER_STATUS } from './request-status.js';
import { presentCreated } from './requests.js';
import { tierFeatures } from './sites.js';
import { decodeCursor, pageOf } from './cursor.js';
import type { Services } from './context.js';
import { changeOf, type EventBus } from './events.js';
import { customerCommentMails } from './notifications.js';
import { notifyContextFor } from './notify-context.js';

export async function listRequests(store: Store, site: SiteRow, scope: MemberScope, query: RequestListQuery): Promise<RequestListBody> {
  const list = query.scope ?? 'mine';
  if (list === 'org' && !(tierFeatures(site.tier).organizationRequests && scope.organizationId)) {
    throw new ApiError(403, 'scope_unavailable', 'Organization requests are not available for this account.');
  }
  const statuses = query.status
    ? [...new Set(query.status.split(',').flatMap((s) => STORED_FOR_CUSTOMER_STATUS[s as keyof typeof STORED_FOR_CUSTOMER_STATUS]))]
    : null;
  const rows = await store.memberRequests.list(scope, { list, statuses, after: decodeCursor(query.cursor), limit: query.limit + 1 });
  const { page, nextCursor } = pageOf(rows, query.limit);
  return { requests: page.map((row) => presentCreated(row).request), nextCursor };
}

export async function countAwaitingReply(store: Store, scope: MemberScope): Promise<number> {
  return store.memberRequests.countWithStatus(scope, 'mine', 'pending');
}

export async function readRequest({ store, files }: Pick<Services, 'store' | 'files'>, scope: MemberScope, number: number): Promise<RequestDetail> {
  const view = await store.memberRequests.find(scope, number);
  if (!view) throw notFound('That request');
  return presentDetail(view, scope, files.urls, await followUpOf(store, scope, view));
}

/**
 * The closed request this one follows up, when the member may see it too (the same rules as
 * opening it: rules/visibility.ts): a request they may not see is not named, so nothing of it
 * shows and no link leads to a "not found".
 */
async function followUpOf(store: Store, scope: MemberScope, view: RequestView): Promise<number | null> {
  const number = view.followUpOfNumber;
  return number !== null && (await store.memberRequests.find(scope, number)) ? number : null;
}

export async function addToConversation(
  services: Services,
  site: SiteRow,
  scope: MemberScope,
  number: number,
  message: NewComment,
): Promise<CommentCreatedBody> {
  const { store, clock, events, files } = services;
  const { body } = message;
  if (!body.trim()) throw new ApiError(400, 'validation_failed', 'Write something to add.', { body: 'is required' });
  const attachmentIds = idsToClaim(message.attachmentIds, services.config);
  const context = await notifyContextFor(services, site);
  const outcome = await store.memberRequests.addComment(
    scope,
    number,
    body,
    clock().toISOString(),
    afterCustomerComment,
    (view) => customerCommentMails(view, scope.identityIds, context),
    attachmentIds,
  );
  if (outcome.kind === 'attachment_not_found') throw attachmentNotFound();
  if (outcome.kind !== 'done') throw refusal(outcome, 'closed');
  announce(events, outcome.view);
  const request = presentDetail(outcome.view, scope, files.urls, await followUpOf(store, scope, outcome.view));
  return { comment: request.comments.find((c) => c.id === outcome.commentId)!, request };
}

export async function markSolved(services: Services, scope: MemberScope, number: number): Promise<RequestDetail> {
  const outcome = await services.store.memberRequests.solve(scope, number, services.clock().toISOString(), canCustomerSolve);
  if (outcome.kind !== 'done') throw refusal(outcome, 'solve');
  announce(services.events, outcome.view);
  return presentDetail(outcome.view, scope, services.files.urls, await followUpOf(services.store, scope, outcome.view));
}

/** "How did we do?": the requester rates the solved request; rating again replaces it. */
export async function rate(services: Services, scope: MemberScope, number: number, rating: NewRating): Promise<RequestDetail> {
  const comment = rating.comment?.trim() || null;
  const outcome = await services.store.memberRequests.rate(scope, number, { score: rating.score, comment }, services.clock().toISOString(), canCustomerRate);
  if (outcome.kind === 'not_found') throw notFound('That request');
  if (outcome.kind === 'refused') {
    if (!canCustomerRate(outcome.status)) throw new ApiError(409, 'not_solved', 'A request can be rated once it is solved.');
    throw new ApiError(403, 'not_requester', 'Only the person who opened this request can rate it.');
  }
  announce(services.events, outcome.view);
  return presentDetail(outcome.view, scope, services.files.urls, await followUpOf(services.store, scope, outcome.view));
}

const announce = (events: EventBus, view: RequestView) => events.publish(changeOf(view));

/** The error a change that was not made answers with. */
function refusal(outcome: NotFound | Refused, action: 'closed' | 'solve'): ApiError {
  if (outcome.kind === 'not_found') return notFound('That request');
  if (outcome.status === 'closed') {
    return new ApiError(409, 'request_closed', 'This request is closed and cannot be reopened. Submit a follow-up request instead.');
  }
  if (action === 'solve' && outcome.status === 'solved') return new ApiError(409, 'already_solved', 'This request is already solved.');
  return new ApiError(403, 'not_requester', 'Only the person who opened this request can mark it as solved.');
}

/** The member's view of a request they may see: only its public comments, and so only their files, each with a signed URL. */
function presentDetail(view: RequestView, scope: MemberScope, urls: DownloadUrls, followUpOf: number | null): RequestDetail {
  const { request } = view;
  return {
    ...presentCreated(request).request,
    category: { id: request.categoryId, name: view.categoryName },
    requester: { name: view.requester.name ?? view.requester.email },
    organization: view.organizationName ? { name: view.organizationName } : null,
    ccs: view.ccs.map((cc) => ({ name: cc.name ?? cc.email, email: cc.email })),
    fields: request.fields,
    followUpOf,
    comments: view.comments.map((c) => ({
      id: c.id,
      body: c.body,
      author: { name: c.authorName, role: c.byAgent ? 'agent' : 'customer', you: c.authorEndUserId !== null && scope.identityIds.includes(c.authorEndUserId) },
      createdAt: c.createdAt,
      attachments: urls.attached(c.attachments),
    })),
    rating: view.rating && { score: view.rating.score, comment: view.rating.comment },
    can: {
      comment: request.status !== 'closed',
      solve: isRequester(scope, request) && canCustomerSolve(request.status),
      rate: mayRate(scope, request) && canCustomerRate(request.status),
    },
  };
}
