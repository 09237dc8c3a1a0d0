/**
 * Column types the PostgreSQL schema needs beyond drizzle's own.
 *
 * `isoTime`: the domain keeps timestamps as ISO-8601 UTC strings (rows.ts), so comparisons, cursors
 * and JSON read the same on both engines; PostgreSQL still stores a real `timestamptz`, to the
 * millisecond like the strings. drizzle's node-postgres driver hands timestamps over as PostgreSQL's
 * text (`2026-12-01 19:20:19.123+00`), and a plain pg client as a Date: either becomes the ISO string.
 */
import { customType } from 'drizzle-orm/pg-core';

export const isoTime = customType<{ data: string; driverData: Date | string }>({
  dataType: () => 'timestamp(3) with time zone',
  fromDriver: (value) => (value instanceof Date ? value : new Date(value)).toISOString(),
});

/** A full-text document; only ever written by PostgreSQL itself (a generated column), never read back. */
export const tsvector = customType<{ data: string }>({
  dataType: () => 'tsvector',
});
