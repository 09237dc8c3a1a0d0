/**
 * Idempotency keys on PostgreSQL, claimed before anything else of a submission is written: the
 * first unit to insert the key owns it until it commits; a unit racing it on the same key waits at
 * the primary key, then finds the committed answer and replays it — on any instance. (Finding
 * first and inserting last, as one SQLite writer may, would fail the loser with a unique violation.)
 */
import { and, eq, lt, sql, type Placeholder } from 'drizzle-orm';
import type { IdempotencyClaim, StoredResponse } from '../types.js';
import type { PgSession, PgTx } from './client.js';
import { placeholders, preparedOnce } from './prepared.js';
import { idempotencyKeys } from './schema.js';

export type EarlierAnswer = ({ kind: 'replayed' } & StoredResponse) | { kind: 'key_reused' };

type KeyValue = string | Placeholder;
const keyOf = (siteId: KeyValue, claim: { scope: KeyValue; key: KeyValue }) =>
  and(eq(idempotencyKeys.siteId, siteId), eq(idempotencyKeys.scope, claim.scope), eq(idempotencyKeys.key, claim.key));

/**
 * Claims the key for this unit (`claimed`: go on, and `keepAnswer` before the end), or returns the
 * answer of its earlier use. A key older than `claim.notBefore` is forgotten: it is reclaimed.
 */
export async function claimKey(tx: PgTx, siteId: string, claim: IdempotencyClaim, now: string): Promise<'claimed' | EarlierAnswer> {
  // The answer is not known yet; nobody else sees these placeholder values, as the row commits only with the answer.
  const row = { siteId, scope: claim.scope, key: claim.key, bodyHash: claim.bodyHash, statusCode: 0, responseBody: '', createdAt: now };
  for (;;) {
    const inserted = await preparedOnce(tx, 'key-claim', (db, name) =>
      db
        .insert(idempotencyKeys)
        .values(placeholders(['siteId', 'scope', 'key', 'bodyHash', 'statusCode', 'responseBody', 'createdAt']))
        .onConflictDoNothing()
        .returning({ key: idempotencyKeys.key })
        .prepare(name),
    ).execute(row);
    if (inserted.length) return 'claimed';
    // The conflicting insert has committed by now (ours waited for it), so its answer is there to read.
    const [seen] = await tx.select().from(idempotencyKeys).where(keyOf(siteId, claim)).for('update');
    // Forgotten (housekeeping) between the two statements: claim it again.
    if (!seen) continue;
    if (seen.createdAt < claim.notBefore) {
      await tx.update(idempotencyKeys).set(row).where(keyOf(siteId, claim));
      return 'claimed';
    }
    if (seen.bodyHash !== claim.bodyHash) return { kind: 'key_reused' };
    return { kind: 'replayed', statusCode: seen.statusCode, body: JSON.parse(seen.responseBody) };
  }
}

/** Stores the answer of the unit that claimed the key, to be replayed to its retries. */
export async function keepAnswer(tx: PgTx, siteId: string, claim: IdempotencyClaim, response: StoredResponse): Promise<void> {
  const statement = preparedOnce(tx, 'key-answer', (db, name) =>
    db
      .update(idempotencyKeys)
      .set({ statusCode: sql`${sql.placeholder('statusCode')}`, responseBody: sql`${sql.placeholder('responseBody')}` })
      .where(keyOf(sql.placeholder('siteId'), { scope: sql.placeholder('scope'), key: sql.placeholder('key') }))
      .prepare(name),
  );
  await statement.execute({ siteId, scope: claim.scope, key: claim.key, statusCode: response.statusCode, responseBody: JSON.stringify(response.body) });
}

export async function forgetKeysBefore(tx: PgSession, cutoff: string): Promise<void> {
  await tx.delete(idempotencyKeys).where(lt(idempotencyKeys.createdAt, cutoff));
}
