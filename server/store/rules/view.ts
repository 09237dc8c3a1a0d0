/**
 * One request with everything shown about it (RequestView), assembled the same way by both
 * adapters from three reads (view-reads.ts): the head (request, category, organization,
 * requester), the CCs, and the thread (comments with their authors) — public only for members,
 * internal notes too for agents. Who may read at all is visibility.ts.
 */
import type { EndUserRow, RatingScore, RequestRow } from '../rows.js';
import type { Person, RequestView, StoredFile } from '../types.js';

export interface ViewHead {
  request: RequestRow;
  categoryName: string;
  organizationName: string | null;
  requester: Pick<EndUserRow, 'id' | 'name' | 'email' | 'emailVerified' | 'externalId' | 'locale'>;
  /** The number of the request `request.followUpOf` names. */
  followUpOfNumber: number | null;
  /** All three null: not rated. */
  ratingScore: RatingScore | null;
  ratingComment: string | null;
  ratedAt: string | null;
}

/** A comment as read with its author: a customer (end-user) or an agent; exactly one is set. */
export interface ThreadRow {
  id: string;
  body: string;
  public: boolean;
  createdAt: string;
  authorEndUserId: string | null;
  sentFrom: string | null;
  customerName: string | null;
  customerEmail: string | null;
  agentName: string | null;
}

/** A claimed file as read with the comment that claimed it. */
export interface FileRow extends StoredFile {
  commentId: string | null;
}

/** CCs come ordered by when they were added, then email; the thread by time, then id; each comment's files in upload order. */
export function assemble(head: ViewHead, ccs: Person[], thread: ThreadRow[], files: FileRow[]): RequestView {
  const { requester } = head;
  const filesOf = new Map<string, StoredFile[]>();
  for (const { commentId, ...file } of files) {
    if (commentId !== null) filesOf.set(commentId, [...(filesOf.get(commentId) ?? []), file]);
  }
  return {
    request: head.request,
    categoryName: head.categoryName,
    requester: {
      id: requester.id,
      name: requester.name,
      email: requester.email,
      emailVerified: requester.emailVerified,
      externalId: requester.externalId,
      locale: requester.locale,
    },
    organizationName: head.organizationName,
    followUpOfNumber: head.followUpOfNumber === null ? null : Number(head.followUpOfNumber),
    rating: head.ratingScore === null ? null : { score: head.ratingScore, comment: head.ratingComment, ratedAt: head.ratedAt! },
    ccs,
    comments: thread.map((c) => ({
      id: c.id,
      body: c.body,
      public: c.public,
      createdAt: c.createdAt,
      authorEndUserId: c.authorEndUserId,
      authorName: c.agentName ?? c.customerName ?? c.customerEmail ?? 'Customer',
      byAgent: c.agentName !== null,
      attachments: filesOf.get(c.id) ?? [],
      sentFrom: c.sentFrom,
    })),
  };
}

/**
 * What a customer sees of a view read in full: the same, without internal notes. A unit that has
 * just read the full view (to tell the agents) answers the member with this, not a second read.
 */
export const publicPart = (view: RequestView): RequestView => ({ ...view, comments: view.comments.filter((comment) => comment.public) });
