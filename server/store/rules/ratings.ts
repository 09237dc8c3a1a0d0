/**
 * Ratings, written once for both adapters: the row a requester's rating stores (the last one given
 * replaces the one before, so a change of mind counts) and the site's satisfaction tally.
 */
import { and, eq, gte, type Column, type SQL, type Table } from 'drizzle-orm';
import type { RatingScore, RequestRatingRow } from '../rows.js';
import type { MemberScope, NewRatingRecord, Satisfaction } from '../types.js';

export interface RatingTables {
  requestRatings: Table & { siteId: Column; score: Column; ratedAt: Column };
}

export const ratingRow = (scope: MemberScope, requestId: string, rating: NewRatingRecord, now: string): RequestRatingRow => ({
  requestId,
  siteId: scope.siteId,
  score: rating.score,
  comment: rating.comment,
  ratedByEndUserId: scope.memberId,
  ratedAt: now,
});

/** What a second rating of the same request changes (on conflict of the request id). */
export const changedRating = (row: RequestRatingRow) => ({
  score: row.score,
  comment: row.comment,
  ratedByEndUserId: row.ratedByEndUserId,
  ratedAt: row.ratedAt,
});

/** The site's ratings given since `since`, read along its (site, time) index. */
export const ratedSince = (t: RatingTables, siteId: string, since: string): SQL =>
  and(eq(t.requestRatings.siteId, siteId), gte(t.requestRatings.ratedAt, since))!;

/** Rows of (score, count), grouped by score, to the tally. */
export function tally(rows: { score: RatingScore; n: number | string }[]): Satisfaction {
  const count = (score: RatingScore) => Number(rows.find((row) => row.score === score)?.n ?? 0);
  return { good: count('good'), bad: count('bad') };
}
