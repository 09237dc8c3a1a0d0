/**
 * Cursors for lists sorted by newest activity: opaque to clients, they hold the position (last
 * activity, number) of the last row seen, so the next page is a range query — never an OFFSET.
 */
import { ApiError } from '../errors.js';

export interface Position {
  updatedAt: string;
  number: number;
}

export const encodeCursor = (updatedAt: string, number: number): string => Buffer.from(JSON.stringify([updatedAt, number])).toString('base64url');

export function decodeCursor(cursor: string | undefined): Position | null {
  if (!cursor) return null;
  try {
    const [updatedAt, number] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    if (typeof updatedAt === 'string' && Number.isInteger(number)) return { updatedAt, number: number as number };
  } catch {
    // fall through: a cursor we did not make
  }
  throw new ApiError(400, 'validation_failed', 'That cursor is not one this server gave out.', { cursor: 'is not valid' });
}

/** One page of `rows` fetched with limit + 1, and the cursor for the next page (null at the end). */
export function pageOf<T extends Position>(rows: T[], limit: number): { page: T[]; nextCursor: string | null } {
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return { page, nextCursor: rows.length > limit && last ? encodeCursor(last.updatedAt, last.number) : null };
}
