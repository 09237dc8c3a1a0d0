/**
 * Mail in, the rules both adapters share: which requests are "unverified mail" (the agents' spam
 * queue: came by mail, sender never proven), and what a sender's address is matched against in
 * the site's block list.
 */
import { and, eq, isNull, or, isNotNull, ne, type Column, type SQL } from 'drizzle-orm';
import type { QueueView } from '../types.js';

export interface UnverifiedMailColumns {
  channel: Column;
  senderVerifiedAt: Column;
}

/** Came in by mail from an address nobody has proven: anyone can write any From. */
export const isUnverifiedMail = (t: UnverifiedMailColumns): SQL => and(eq(t.channel, 'email'), isNull(t.senderVerifiedAt))!;

/**
 * The queue a view shows. Unverified mail is kept out of the main queue: a flood of forged mail
 * would otherwise bury the team's real work, and it moves there by itself once its sender opens a
 * link mailed to them (or replies to one).
 */
export const inView = (t: UnverifiedMailColumns, view: QueueView): SQL =>
  view === 'unverified_mail' ? isUnverifiedMail(t) : or(ne(t.channel, 'email'), isNotNull(t.senderVerifiedAt))!;

/** The block-list entries an address falls under: itself and its domain (`@example.com`), lower case. */
export function blockPatternsOf(address: string): string[] {
  const lower = address.toLowerCase();
  const domain = lower.slice(lower.lastIndexOf('@') + 1);
  return [lower, `@${domain}`];
}
