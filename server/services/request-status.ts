/**
 * How a request's stored status moves when customers act on it (agents' moves come with the inbox).
 * A customer's comment means support owes a reply again — even on a solved request, which it
 * reopens. A closed request takes no more comments: the customer starts a follow-up instead.
 */
import type { StoredStatus } from '../store/rows.js';
import type { CustomerStatus } from '../contract/types.js';

/** The status after a customer's comment, or null when the request cannot take one. */
export const afterCustomerComment = (current: StoredStatus): StoredStatus | null => (current === 'closed' ? null : 'open');

export const canCustomerSolve = (current: StoredStatus): boolean => current !== 'solved' && current !== 'closed';

/** A request is rated once help has been given: while solved, and after it closes. */
export const canCustomerRate = (current: StoredStatus): boolean => current === 'solved' || current === 'closed';

/** Customer-facing status names, as the list filter accepts them, to the stored ones they cover. */
export const STORED_FOR_CUSTOMER_STATUS: Record<CustomerStatus, StoredStatus[]> = {
  open: ['new', 'open', 'hold'],
  awaiting_reply: ['pending'],
  solved: ['solved'],
  closed: ['closed'],
};

/**
 * The status after an agent writes: a public reply means the customer owes the next word
 * (`pending`, "Awaiting your reply") unless the agent picks another; an internal note keeps the
 * status unless one is picked. Closed requests take nothing more.
 */
export function afterAgentComment(current: StoredStatus, isPublic: boolean, chosen: StoredStatus | undefined): StoredStatus | null {
  if (current === 'closed') return null;
  return chosen ?? (isPublic ? 'pending' : current);
}

export const afterAgentStatusChange = (current: StoredStatus, chosen: StoredStatus): StoredStatus | null => (current === 'closed' ? null : chosen);
