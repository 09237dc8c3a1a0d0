/** What the widget learns about a site before anything else: `GET …/config`. */
import type { SiteRow } from '../store/rows.js';
import type { Store } from '../store/types.js';
import type { SiteConfigBody } from '../contract/types.js';
import type { AttachmentLimits } from '../config.js';
import { attachmentLimits } from './attachments.js';

/** Plan features by tier: organization-wide request lists are a paid feature. */
export const tierFeatures = (tier: SiteRow['tier']) => ({ organizationRequests: tier === 'pro' });

export async function describeSite(store: Store, site: SiteRow, limits: AttachmentLimits): Promise<SiteConfigBody> {
  const categories = await store.sites.listCategories(site.id);
  return {
    site: {
      slug: site.slug,
      name: site.name,
      color: site.color,
      tier: site.tier,
      features: tierFeatures(site.tier),
      locale: site.locale,
      theme: site.theme,
    },
    categories: categories.map(({ id, name, fields }) => ({ id, name, fields })),
    attachments: attachmentLimits(limits),
  };
}
