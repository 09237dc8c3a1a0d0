/**
 * Who a site's mail is from: the site's name as the sender's name, at the site's own From address
 * when one is configured (`npm run admin -- set-mail-from`) or else MAIL_FROM's, DKIM-signed with
 * the site's key when it has one (`set-dkim`). Read for every mail, so an admin change applies to
 * the next mail on every instance. A site gone from the database sends as MAIL_FROM itself.
 */
import type { DkimKey, Store } from '../store/types.js';
import { parseMailFrom } from './transport.js';

export interface SiteSender {
  from: { name: string; address: string };
  dkim: DkimKey | null;
}

export type SiteSenders = (siteId: string) => Promise<SiteSender>;

export function siteSenders(store: Store, mailFrom: string): SiteSenders {
  const fallback = parseMailFrom(mailFrom);
  return async (siteId) => {
    const identity = await store.siteMail.identity(siteId);
    if (!identity) return { from: fallback, dkim: null };
    return { from: { name: identity.siteName, address: identity.fromAddress ?? fallback.address }, dkim: identity.dkim };
  };
}
