/**
 * The agents' queue search: the text anywhere in the subject, the requester's email or name,
 * ignoring letter case, or — when it reads as one (`1042`, `#1042`) — the request number.
 * LIKE's own characters (`%`, `_`, `\`) in the text match themselves.
 */
import { eq, or, type Column, type SQL } from 'drizzle-orm';
import type { Hints } from './hints.js';

export interface QueueSearchColumns {
  subject: Column;
  requesterEmail: Column;
  requesterName: Column;
  number: Column;
}

export function searchFor(columns: QueueSearchColumns, hints: Pick<Hints, 'containsIgnoringCase'>, text: string): SQL {
  const pattern = `%${text.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
  const byText = [columns.subject, columns.requesterEmail, columns.requesterName].map((column) => hints.containsIgnoringCase(column, pattern));
  const number = /^#?(\d{1,9})$/.exec(text.trim())?.[1];
  return or(...byText, ...(number ? [eq(columns.number, Number(number))] : []))!;
}
