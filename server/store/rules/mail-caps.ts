/**
 * How much mail one mailbox gets, decided when mail is written (inside the transaction of the event
 * it tells about), the same on both adapters:
 * - customers get at most CUSTOMER_MAILS_PER_HOUR mails an hour per site and mailbox (any 60
 *   minutes); beyond that, notifications to them are dropped rather than queued — the
 *   conversation itself is always in the widget;
 * - agents get at most their draft's `perHour` single mails per site and mailbox in a clock hour;
 *   beyond that, each change is listed in one digest per agent, due when the hour ends, which lists
 *   DIGEST_ENTRIES requests and then says "and more".
 */
import type { MailDigest } from '../rows.js';
import type { AgentDigest } from '../types.js';

export const CUSTOMER_MAILS_PER_HOUR = 5;
/** A digest lists this many requests at most; beyond them it says "and more". */
export const DIGEST_ENTRIES = 20;

const HOUR_MS = 60 * 60 * 1000;

/**
 * The mailbox an address delivers to, as the hourly caps count it: lower-cased, without a `+tag`
 * and without dots in the part before the `@` (Gmail ignores them; most providers deliver
 * `ann+1@` to `ann@`). Reading too much as one mailbox only makes two people of one domain share
 * a budget; reading too little would give `a.nn+1@`, `an.n+2@`, … a budget each.
 */
export function mailboxOf(email: string): string {
  const at = email.lastIndexOf('@');
  const local = email.slice(0, Math.max(at, 0)).split('+')[0]!.replaceAll('.', '');
  return `${local}${email.slice(Math.max(at, 0))}`.toLowerCase();
}

/** The windows the caps count in at `now`: the last 60 minutes (customers), the clock hour and when it ends (agents). */
export function capWindows(now: string): { hourAgo: string; hour: string; hourEnds: string } {
  const at = Date.parse(now);
  const hour = Math.floor(at / HOUR_MS) * HOUR_MS;
  return { hourAgo: new Date(at - HOUR_MS).toISOString(), hour: new Date(hour).toISOString(), hourEnds: new Date(hour + HOUR_MS).toISOString() };
}

/**
 * The digest with `change` listed in it, or null when it already shows the change, or is full and
 * already says "and more" — then nothing is written, so a flood costs a read per event.
 */
export function listInDigest(found: MailDigest | null, change: Pick<AgentDigest, 'number' | 'change'>): MailDigest | null {
  const digest: MailDigest = structuredClone(found ?? { entries: [], more: false });
  const entry = digest.entries.find((e) => e.number === change.number);
  if (entry) {
    if (entry.changes.includes(change.change)) return null;
    entry.changes.push(change.change);
  } else if (digest.entries.length < DIGEST_ENTRIES) {
    digest.entries.push({ number: change.number, changes: [change.change] });
  } else {
    if (digest.more) return null;
    digest.more = true;
  }
  return digest;
}
