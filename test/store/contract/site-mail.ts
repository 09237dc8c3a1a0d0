// How each site's mail goes out, through the port: its name, its own From address and its DKIM key, each set and cleared alone.
import { beforeAll, expect, it } from 'vitest';
import type { Store } from '../../../server/store/types.js';
import { addSite, useTestStore, type OpenTestStore } from './fixtures.js';

const KEY = { domain: 'shop.example', selector: 's1', privateKey: '-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIA==\n-----END PRIVATE KEY-----\n' };

export function siteMailContract(open: OpenTestStore): void {
  const t = useTestStore(open);
  let store: Store;
  beforeAll(() => {
    store = t.store;
  });

  it('a site without settings sends under its name, from no address of its own, unsigned; an unknown site has no identity', async () => {
    const s = await addSite(store);
    expect(await store.siteMail.identity(s.site.id)).toEqual({ siteName: s.site.name, fromAddress: null, dkim: null });
    expect(await store.siteMail.identity('site_nowhere')).toBeUndefined();
  });

  it('the From address and the DKIM key are set, replaced and cleared independently, per site', async () => {
    const s = await addSite(store);
    const other = await addSite(store);
    await store.siteMail.setFromAddress(s.site.id, 'help@shop.example');
    await store.siteMail.setDkim(s.site.id, KEY);
    expect(await store.siteMail.identity(s.site.id)).toEqual({ siteName: s.site.name, fromAddress: 'help@shop.example', dkim: KEY });

    await store.siteMail.setDkim(s.site.id, { ...KEY, selector: 's2' });
    await store.siteMail.setFromAddress(s.site.id, null);
    expect(await store.siteMail.identity(s.site.id)).toEqual({ siteName: s.site.name, fromAddress: null, dkim: { ...KEY, selector: 's2' } });

    await store.siteMail.setFromAddress(s.site.id, 'again@shop.example');
    await store.siteMail.setDkim(s.site.id, null);
    expect(await store.siteMail.identity(s.site.id)).toEqual({ siteName: s.site.name, fromAddress: 'again@shop.example', dkim: null });
    expect(await store.siteMail.identity(other.site.id)).toEqual({ siteName: other.site.name, fromAddress: null, dkim: null });
  });
}
