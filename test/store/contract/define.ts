/**
 * The storage port's conformance suite: every test here runs on each engine, through the Store port
 * only. Each group gets a store of its own, so no group sees another's rows. What only one engine
 * has (PostgreSQL's busy mapping, SQLite's one server per file) is tested beside its runner.
 */
import { describe } from 'vitest';
import type { OpenTestStore } from './fixtures.js';
import { attachmentsContract } from './attachments.js';
import { outboxClaimsContract } from './outbox-claims.js';
import { portalContract } from './portal.js';
import { racesContract } from './races.js';
import { searchContract } from './search.js';
import { unitsContract } from './units.js';

export function defineStoreContract(engine: string, open: OpenTestStore): void {
  describe(`the storage port on ${engine}`, () => {
    describe('every unit of work', () => unitsContract(open));
    describe('units racing (on two instances where the engine runs several)', () => racesContract(open));
    describe('outbox claims', () => outboxClaimsContract(open));
    describe('article search', () => searchContract(open));
    describe('the Help Center’s accounts', () => portalContract(open));
    describe('attachments', () => attachmentsContract(open));
  });
}
