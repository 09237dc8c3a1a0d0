/** A request's status as customers see it, in words from the message table. */
import type { CustomerStatus } from '../../../server/contract/types.js';
import { memberMessages } from '../../i18n/words.js';

export const StatusBadge = ({ status }: { status: CustomerStatus }) => <span class={`badge ${status}`}>{memberMessages.statuses[status]}</span>;
