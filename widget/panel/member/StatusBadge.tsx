/** A request's status as customers see it, in words from the message table. */
import type { CustomerStatus } from '../../../server/contract/types.js';
import { messages } from '../../i18n/en.js';

export const StatusBadge = ({ status }: { status: CustomerStatus }) => <span class={`badge ${status}`}>{messages.statuses[status]}</span>;
