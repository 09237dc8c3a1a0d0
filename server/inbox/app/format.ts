/** Times and names as the inbox shows them. */
import type { AgentStatus, StoredStatus } from '../../contract/types.js';
import { dateTime as localDateTime, timeAgo as relativeTime } from '../../../widget/kit/time.js';

// The inbox's words are English (its own i18n is not built yet), and so are its times.
const INBOX_LOCALE = 'en';

/** "5 min. ago", "yesterday": for lists, where the exact time is in the tooltip. */
export const timeAgo = (iso: string, now = Date.now()): string =>
  Math.abs(Date.parse(iso) - now) < 45_000 ? 'just now' : relativeTime(iso, INBOX_LOCALE, now, 'short');

export const dateTime = (iso: string): string => localDateTime(iso, INBOX_LOCALE);

export const STATUS_LABELS: Record<StoredStatus, string> = {
  new: 'New',
  open: 'Open',
  pending: 'Pending',
  hold: 'On hold',
  solved: 'Solved',
  closed: 'Closed',
};

/** The statuses an agent may set, as the status selects offer them. */
export const STATUS_CHOICES: { value: AgentStatus; label: string }[] = [
  { value: 'open', label: 'Open' },
  { value: 'pending', label: 'Pending — awaiting customer' },
  { value: 'hold', label: 'On hold' },
  { value: 'solved', label: 'Solved' },
];

/** A category field's key as a label: `invoiceNumber` → "Invoice number". */
export function fieldLabel(key: string): string {
  const words = key
    .replace(/[_-]+/g, ' ')
    .replace(/([a-z\d])([A-Z])/g, '$1 $2')
    .trim()
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
