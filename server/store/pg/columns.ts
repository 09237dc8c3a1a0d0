/**
 * Column types the PostgreSQL schema needs beyond drizzle's own.
 *
 * `isoTime`: the domain keeps timestamps as ISO-8601 UTC strings (rows.ts), so comparisons, cursors
 * and JSON read the same on both engines; PostgreSQL still stores a real `timestamptz`, to the
 * millisecond like the strings. drizzle's node-postgres driver hands timestamps over as PostgreSQL's
 * text (`2026-12-01 19:20:19.123+00`), and a plain pg client as a Date: either becomes the ISO string.
 */
import { customType } from 'drizzle-orm/pg-core';

// PostgreSQL's text for a timestamptz in a UTC session (client.ts sets TimeZone): `2026-12-01 19:20:19.12+00`,
// trailing zeros of the fraction dropped. Rewritten as the ISO string directly, where parsing a Date
// cost more than the rest of mapping a list row; anything else (another zone, a year past 9999) is parsed.
const UTC_TEXT = /^(\d{4}-\d\d-\d\d) (\d\d:\d\d:\d\d)(?:\.(\d{1,3}))?\+00$/;
export function isoFromDriver(value: Date | string): string {
  const parts = typeof value === 'string' ? UTC_TEXT.exec(value) : null;
  if (parts) return `${parts[1]}T${parts[2]}.${(parts[3] ?? '').padEnd(3, '0')}Z`;
  return (value instanceof Date ? value : new Date(value)).toISOString();
}

export const isoTime = customType<{ data: string; driverData: Date | string }>({
  dataType: () => 'timestamp(3) with time zone',
  fromDriver: isoFromDriver,
});

/** A full-text document; only ever written by PostgreSQL itself (a generated column), never read back. */
export const tsvector = customType<{ data: string }>({
  dataType: () => 'tsvector',
});

/** Raw bytes (attachment chunks): node-postgres hands bytea over as a Buffer both ways. */
export const bytea = customType<{ data: Buffer; driverData: Buffer }>({
  dataType: () => 'bytea',
});
