/**
 * What the storage port's contract tests share: a store per group of tests, opened by the engine's
 * runner (test/store/sqlite.test.ts, postgres.test.ts), and sites and records to work with —
 * written through the Store port only, so every test runs unchanged on both engines.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll } from 'vitest';
import type { MailDraft, MemberClaims, MemberScope, NewRequestRecord, Store, StoredResponse } from '../../../server/store/types.js';
import type { CategoryRow, RequestRow, SiteRow } from '../../../server/store/rows.js';

export interface TestStore {
  store: Store;
  /**
   * A second instance on the same database, where the engine runs several (PostgreSQL); the same
   * store where it runs one (SQLite: one server per file). Races split across both.
   */
  peer: Store;
  close(): Promise<void>;
}

export type OpenTestStore = () => Promise<TestStore>;

/** A fresh store for the tests of the calling describe block (opened before them, closed after). */
export function useTestStore(open: OpenTestStore): TestStore {
  let opened: TestStore | undefined;
  beforeAll(async () => {
    opened = await open();
  });
  afterAll(() => opened?.close());
  const get = () => {
    if (!opened) throw new Error('the test store is opened in beforeAll');
    return opened;
  };
  return {
    get store() {
      return get().store;
    },
    get peer() {
      return get().peer;
    },
    close: () => get().close(),
  };
}

export const NOW = '2026-12-01T10:00:00.000Z';
export const later = (ms: number, from = NOW) => new Date(Date.parse(from) + ms).toISOString();

export interface TestSite {
  site: SiteRow;
  category: CategoryRow;
}

/** English visitors on an English site: the choice every single-language test reads with. */
export const IN_ENGLISH = { wanted: 'en', fallback: 'en' } as const;

/** A new site (random slug) with one category. */
export async function addSite(store: Store, tier: SiteRow['tier'] = 'pro'): Promise<TestSite> {
  const tag = randomBytes(4).toString('hex');
  const site: SiteRow = {
    id: `site_${tag}`,
    slug: `site-${tag}`,
    name: `Site ${tag}`,
    color: '#0f766e',
    tier,
    tokenSecret: 'a-token-secret-of-at-least-thirty-two-bytes',
    previousTokenSecret: null,
    previousSecretValidUntil: null,
    allowedOrigins: ['https://host.example'],
    supportUrl: 'https://host.example/support',
    lastRequestNumber: 1000,
    locale: 'en',
    theme: 'auto',
    createdAt: NOW,
    updatedAt: NOW,
  };
  const category: CategoryRow = { id: `cat_${tag}`, siteId: site.id, name: 'Billing', position: 0, fields: [] };
  if ((await store.admin.createSiteWithCategories(site, [category])) !== 'created') throw new Error('site not created');
  return { site, category };
}

export const anonymous = (email: string, name: string | null = null) => ({ kind: 'contact' as const, email, name });

export function newRequest(t: TestSite, overrides: Partial<NewRequestRecord> = {}): NewRequestRecord {
  return {
    siteId: t.site.id,
    categoryId: t.category.id,
    subject: 'My order never arrived',
    description: 'It has been two weeks.',
    fields: {},
    requester: anonymous('ann@example.com', 'Ann'),
    locale: 'en',
    ccEmails: [],
    now: NOW,
    ...overrides,
  };
}

export const present = (row: RequestRow): StoredResponse => ({ statusCode: 201, body: { number: row.number, id: row.id } });
export const noMail = (): MailDraft[] => [];

export function customerMail(email: string, subject = 'We got your request'): MailDraft {
  return { audience: 'customer', kind: 'receipt', to: { email, name: null }, subject, text: subject, html: `<p>${subject}</p>` };
}

export function agentMail(email: string, number: number, change: string, perHour = 2): MailDraft {
  return {
    audience: 'agent',
    kind: 'agent_new_request',
    to: { email, name: 'Riley' },
    subject: `#${number} ${change}`,
    text: change,
    html: `<p>${change}</p>`,
    digest: {
      perHour,
      number,
      change,
      compose: (digest) => ({ subject: `Digest (${digest.entries.length})`, text: JSON.stringify(digest), html: '<p>digest</p>' }),
    },
  };
}

/** Signs a member in (a fresh token id each time) and returns their scope for member queries. */
export async function memberScope(store: Store, t: TestSite, sub: string, extra: Partial<MemberClaims> = {}): Promise<MemberScope> {
  const member = await store.members.exchangeToken(
    t.site.id,
    { sub, email: `${sub}@example.com`, emailVerified: true, name: sub, org: null, jti: randomBytes(8).toString('hex'), expiresAt: later(3600_000), ...extra },
    NOW,
  );
  if (member === 'replayed') throw new Error('fresh token replayed');
  return {
    siteId: t.site.id,
    memberId: member.id,
    identityIds: await store.members.identities(member),
    organizationId: member.organizationId,
    onlyRequest: null,
  };
}

export const asMember = (scope: MemberScope) => ({ kind: 'member' as const, id: scope.memberId, organizationId: scope.organizationId });
