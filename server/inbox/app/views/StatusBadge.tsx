import type { StoredStatus } from '../../../contract/types.js';
import { STATUS_LABELS } from '../format.js';

/** A request's stored status as a small coloured label. */
export function StatusBadge({ status }: { status: StoredStatus }) {
  return <span class={`badge status-${status}`}>{STATUS_LABELS[status]}</span>;
}
