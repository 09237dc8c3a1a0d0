/**
 * A site's mail identity as both adapters read it: the site's name and its mail settings row, if
 * any. A DKIM key is whole or absent — the columns are written together (setDkim), so a row with a
 * domain but no key cannot sign and reads as unsigned.
 */
import type { SiteMailSettingRow } from '../rows.js';
import type { DkimKey, SiteMailIdentity } from '../types.js';

type Settings = Omit<SiteMailSettingRow, 'siteId'>;

export function identityOf(siteName: string, settings: Settings | null): SiteMailIdentity {
  const { fromAddress = null, dkimDomain = null, dkimSelector = null, dkimPrivateKey = null } = settings ?? {};
  const dkim = dkimDomain && dkimSelector && dkimPrivateKey ? { domain: dkimDomain, selector: dkimSelector, privateKey: dkimPrivateKey } : null;
  return { siteName, fromAddress, dkim };
}

/** The columns `setDkim` writes: all three, or all three cleared. */
export const dkimColumns = (key: DkimKey | null): Pick<Settings, 'dkimDomain' | 'dkimSelector' | 'dkimPrivateKey'> => ({
  dkimDomain: key?.domain ?? null,
  dkimSelector: key?.selector ?? null,
  dkimPrivateKey: key?.privateKey ?? null,
});
