import { randomFillSync } from 'node:crypto';

let lastTime = 0;
let sequence = 0;

/**
 * Opaque ids made in code (not by the database), prefixed so a stray id says what it points at.
 * They sort in creation order within a process — time, then a counter, then randomness — so rows
 * written in the same millisecond (a request and its first comment) still list in the order made.
 * Ids made by two instances in the same millisecond sort arbitrarily between them, which nothing relies on.
 */
export function newId(prefix: string): string {
  const now = Date.now();
  sequence = now === lastTime ? sequence + 1 : 0;
  lastTime = now;
  return `${prefix}_${now.toString(36).padStart(9, '0')}${sequence.toString(36).padStart(3, '0')}${randomPart()}`;
}

// Randomness is drawn 4 KiB at a time: a randomBytes call per id cost 6 % of a submission, which
// makes several ids (bench/api).
const pool = Buffer.alloc(4096);
let used = pool.length;

function randomPart(): string {
  if (used + 8 > pool.length) {
    randomFillSync(pool);
    used = 0;
  }
  used += 8;
  return pool.toString('base64url', used - 8, used);
}
