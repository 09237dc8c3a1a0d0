/**
 * The one rule for what a status change writes on a request, for every unit that moves one (a
 * member's comment or "solved", an agent's reply, note or status), on both adapters: the new status,
 * the last activity (`updatedAt`, what lists sort by), and `solvedAt` — which solving stamps the
 * first time (solving an already solved request keeps when it was solved) and anything else clears.
 * Auto-close (housekeeping.closeSolvedBefore) is not such a change: it only closes, and last
 * activity and solvedAt stay, since closing by itself is news to nobody.
 */
import type { RequestRow, StoredStatus } from '../rows.js';

export type Transition = Pick<RequestRow, 'status' | 'updatedAt' | 'solvedAt'>;

export function transition(current: Pick<RequestRow, 'solvedAt'>, next: StoredStatus, now: string): Transition {
  return { status: next, updatedAt: now, solvedAt: next === 'solved' ? (current.solvedAt ?? now) : null };
}
