/** The one map from stored statuses to what customers see. */
import type { StoredStatus } from '../store/rows.js';
import type { CustomerStatus } from '../contract/types.js';

const CUSTOMER_STATUS: Record<StoredStatus, CustomerStatus> = {
  new: 'open',
  open: 'open',
  hold: 'open',
  pending: 'awaiting_reply',
  solved: 'solved',
  closed: 'closed',
};

export const STATUS_LABELS: Record<CustomerStatus, string> = {
  open: 'Open',
  awaiting_reply: 'Awaiting your reply',
  solved: 'Solved',
  closed: 'Closed',
};

export function customerStatus(stored: StoredStatus): { status: CustomerStatus; statusLabel: string } {
  const status = CUSTOMER_STATUS[stored];
  return { status, statusLabel: STATUS_LABELS[status] };
}
