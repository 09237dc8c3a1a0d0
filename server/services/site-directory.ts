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
import { keptBriefly } from './kept-briefly.js';

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
  // Unknown slugs are kept too, so a flood of made-up slugs costs one query each per TTL.
  const sites = keptBriefly<SiteRow | undefined>({
    ttlMs: TTL_MS,
    maxEntries: MAX_ENTRIES,
    clock,
    bus: store.bus,
    changedKey: (signal) => (signal.kind === 'site-changed' ? signal.slug : null),
  });
  return {
    async find(slug) {
      if (!SITE_SLUG.test(slug)) return undefined;
      return usable(await sites.get(slug, () => store.sites.findBySlug(slug)));
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
