/**
 * Finds sites by slug for every widget request. Rows are cached for a few seconds so hot paths skip
 * the database. Whatever changes a site row says so with `siteChanged`, over the store's bus: on
 * PostgreSQL every instance forgets the row as NOTIFY delivers it, the admin command's changes
 * included (the command is another process, with a bus of its own on the same database). On SQLite
 * the admin command cannot reach the running server's memory — its bus is its own process's — so
 * there the TTL is what applies its change: within 5 s, without a restart. A `resync` (the bus may
 * have lost messages) forgets every row.
 */
import type { SiteRow } from '../store/rows.js';
import type { Store } from '../store/types.js';
import { MIN_SITE_SECRET_BYTES, SITE_SLUG } from '../store/rules/sites.js';
import type { Clock } from './clock.js';
import { ApiError } from '../errors.js';

const TTL_MS = 5_000;
const MAX_ENTRIES = 10_000;

export interface SiteDirectory {
  find(slug: string): Promise<SiteRow | undefined>;
}

/**
 * Tells every instance's directory that the site's row changed (or now exists). Resolves once sent,
 * so a command may close its store after it. A row's `lastRequestNumber` is not announced: numbers
 * are taken in the database, never from a cached row.
 */
export const siteChanged = (store: Store, slug: string): Promise<void> => store.bus.publish({ kind: 'site-changed', slug });

export function createSiteDirectory(store: Store, clock: Clock): SiteDirectory {
  const cache = new Map<string, { site: SiteRow | undefined; until: number }>();
  // Counts forgets: a look-up that was under way when one came may have read the old row, and does not keep it.
  let forgets = 0;
  store.bus.subscribe((signal) => {
    if (signal.kind === 'site-changed') cache.delete(signal.slug);
    else if (signal.kind === 'resync') cache.clear();
    else return;
    forgets++;
  });
  return {
    async find(slug) {
      if (!SITE_SLUG.test(slug)) return undefined;
      const now = clock().getTime();
      const hit = cache.get(slug);
      if (hit && hit.until > now) return usable(hit.site);
      const before = forgets;
      const site = await store.sites.findBySlug(slug);
      // Unknown slugs are cached too, so a flood of made-up slugs costs one query each per TTL.
      if (before === forgets) {
        if (cache.size > MAX_ENTRIES) cache.clear();
        cache.set(slug, { site, until: now + TTL_MS });
      }
      return usable(site);
    },
  };
}

/** A site whose token secret is too short to be safe is refused, not served half-working. */
function usable(site: SiteRow | undefined): SiteRow | undefined {
  if (site && Buffer.byteLength(site.tokenSecret) < MIN_SITE_SECRET_BYTES) {
    throw new ApiError(503, 'site_misconfigured', 'This site’s support is not set up correctly yet. Please try again later.');
  }
  return site;
}
