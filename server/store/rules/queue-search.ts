/**
 * The agents' queue search: the text anywhere in the subject, the requester's email or name or
 * any message of the conversation (internal notes too: the queue is the team's), ignoring letter
 * case, or — when it reads as one (`1042`, `#1042`) — the request number.
 * LIKE's own characters (`%`, `_`, `\`) in the text match themselves.
 */
import { and, eq, or, sql, type Column, type SQL, type Table } from 'drizzle-orm';
import type { Hints } from './hints.js';

export interface QueueSearchColumns {
  requests: Table & { id: Column };
  comments: Table & { requestId: Column; body: Column };
  subject: Column;
  requesterEmail: Column;
  requesterName: Column;
  number: Column;
}

export function searchFor(columns: QueueSearchColumns, hints: Pick<Hints, 'containsIgnoringCase'>, text: string): SQL {
  const pattern = `%${text.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
  const byText = [columns.subject, columns.requesterEmail, columns.requesterName].map((column) => hints.containsIgnoringCase(column, pattern));
  const inMessages = sql`EXISTS (SELECT 1 FROM ${columns.comments} WHERE ${and(eq(columns.comments.requestId, columns.requests.id), hints.containsIgnoringCase(columns.comments.body, pattern))})`;
  byText.push(inMessages);
  const number = /^#?(\d{1,9})$/.exec(text.trim())?.[1];
  return or(...byText, ...(number ? [eq(columns.number, Number(number))] : []))!;
}
