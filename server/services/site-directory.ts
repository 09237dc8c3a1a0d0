/**
 * Finds sites by slug for every widget request. Rows are cached for a few seconds: hot paths skip
 * the database, and a change made by the admin command still takes effect within 5 s without a restart.
 */
import type { SiteRow } from '../store/rows.js';
import type { Store } from '../store/types.js';
import { MIN_SITE_SECRET_BYTES } from '../store/rules/site-secrets.js';
import type { Clock } from './clock.js';
import { ApiError } from '../errors.js';

const TTL_MS = 5_000;

export interface SiteDirectory {
  find(slug: string): Promise<SiteRow | undefined>;
  forget(slug: string): void;
}

export function createSiteDirectory(store: Store, clock: Clock): SiteDirectory {
  const cache = new Map<string, { site: SiteRow | undefined; until: number }>();
  return {
    async find(slug) {
      const now = clock().getTime();
      const hit = cache.get(slug);
      if (hit && hit.until > now) return usable(hit.site);
      const site = await store.sites.findBySlug(slug);
      // Unknown slugs are cached too, so a flood of made-up slugs costs one query each per TTL.
      if (cache.size > 10_000) cache.clear();
      cache.set(slug, { site, until: now + TTL_MS });
      return usable(site);
    },
    forget: (slug) => void cache.delete(slug),
  };
}

/** A site whose token secret is too short to be safe is refused, not served half-working. */
function usable(site: SiteRow | undefined): SiteRow | undefined {
  if (site && Buffer.byteLength(site.tokenSecret) < MIN_SITE_SECRET_BYTES) {
    throw new ApiError(503, 'site_misconfigured', 'This site’s support is not set up correctly yet. Please try again later.');
  }
  return site;
}
