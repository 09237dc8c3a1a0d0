// The site directory's cache and what the bus tells it (services/site-directory.ts), on a store that
// answers look-ups when the test says: a change announced while a look-up was on its way must not
// leave the row that look-up read — possibly the old one — in the cache for 5 s.
import { expect, it } from 'vitest';
import { createSiteDirectory, siteChanged } from '../../server/services/site-directory.js';
import { createMemoryBus } from '../../server/store/memory/bus.js';
import type { SiteRow } from '../../server/store/rows.js';
import type { Store } from '../../server/store/types.js';

const row = (tokenSecret: string) => ({ slug: 'acme', tokenSecret }) as SiteRow;

it('a site changed while it was being looked up is looked up again next time, not served from the cache', async () => {
  /** One per look-up the store was asked for: the test answers it. */
  const answers: { resolve(site: SiteRow): void }[] = [];
  const store = {
    bus: createMemoryBus(),
    sites: { findBySlug: () => new Promise<SiteRow>((resolve) => answers.push({ resolve })) },
  } as unknown as Store;
  const now = new Date('2026-11-23T10:00:00.000Z');
  const directory = createSiteDirectory(store, () => now);

  const first = directory.find('acme');
  await siteChanged(store, 'acme');
  answers[0]!.resolve(row('the-old-secret-read-before-the-change-0123456789'));
  expect((await first)?.tokenSecret).toBe('the-old-secret-read-before-the-change-0123456789');

  const second = directory.find('acme');
  expect(answers).toHaveLength(2);
  answers[1]!.resolve(row('the-new-secret-written-by-the-change-0123456789'));
  expect((await second)?.tokenSecret).toBe('the-new-secret-written-by-the-change-0123456789');
  // Kept now: nothing changed while it was read.
  expect((await directory.find('acme'))?.tokenSecret).toBe('the-new-secret-written-by-the-change-0123456789');
  expect(answers).toHaveLength(2);
});
