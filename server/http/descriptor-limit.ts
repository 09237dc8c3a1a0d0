/**
 * The default process-wide connection ceiling, from the file-descriptor limit: every socket takes a
 * descriptor, and a process that runs out can open neither its database nor the next connection
 * (libuv then accepts and closes connections silently). Node raises its soft limit to the hard one
 * at start, and Linux says what it became in /proc/self/limits.
 */
import { readFileSync } from 'node:fs';

/** Descriptors kept for everything but client sockets: the database and its journal, mail, SMTP, modules. */
const RESERVED_FRACTION = 0.1;
const RESERVED_AT_LEAST = 64;

/** 90 % of the descriptor limit, leaving at least 64; 0 (no ceiling) where the limit is unknown. */
export function defaultMaxConnections(limit = descriptorLimit()): number {
  if (limit === null) return 0;
  return Math.max(1, limit - Math.max(RESERVED_AT_LEAST, Math.floor(limit * RESERVED_FRACTION)));
}

function descriptorLimit(): number | null {
  try {
    const line = /^Max open files\s+(\d+)/m.exec(readFileSync('/proc/self/limits', 'utf8'));
    return line ? Number(line[1]) : null;
  } catch {
    return null; // not Linux
  }
}
