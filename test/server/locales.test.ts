/**
 * Issue 13 on the server: a site's default language and theme (`set-locale`, `set-theme`, `GET …/config`),
 * articles per language (the visitor's first, the site's default filling in, never one article twice), a request's
 * language (stored on it and as its requester's latest) and the mail it causes (the requester's in the request's
 * words, a CC's in their own, `<html lang dir>`), the solve mail's rating links, the Help Center shell's choice of
 * language (cookie, then Accept-Language by q, then the site's) and its picker, and the one embed snippet.
 * Runs on both engines (the HTTP suite's projects).
 */
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { addDemoAgent } from '../support/agent-side.js';
import { articleIdsBySlug } from '../support/inspect.js';
import { endUsers, outbox, requests } from '../support/tables.js';
import { runAdmin } from '../../server/admin/main.js';
import { tablesFor } from '../../widget/i18n/all-tables.js';
import { acceptedLocales } from '../../server/help-center/page-locale.js';
import { embedSnippet } from '../../server/sites/embed-snippet.js';
import { bearer, categoryIds, expectError, memberSession, submit } from './helpers.js';

let t: TestApp;
let cats: Record<string, string>;
beforeEach(async () => {
  t = await createTestApp({ submitLimit: { max: 1000, windowMs: 60_000 } });
  cats = await categoryIds(t.app);
});
afterEach(async () => {
  await t.close();
});

async function admin(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const env = { DATABASE_PATH: t.config.databasePath, ...(t.config.databaseUrl && { DATABASE_URL: t.config.databaseUrl }) };
  const code = await runAdmin(argv, { out: (line) => out.push(line), err: (line) => err.push(line) }, env, { clock: () => t.clock.now });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

/** Past the site directory's TTL, so a change another process made is read (README: within 5 s). */
const afterSiteChange = () => t.clock.advance(6_000);

const siteConfig = async () => (await t.app.inject({ url: '/api/v1/sites/demo/config' })).json().site;

describe('a site’s default language and theme', () => {
  test('config says en and auto until set-locale and set-theme change them', async () => {
    expect(await siteConfig()).toMatchObject({ locale: 'en', theme: 'auto' });
    expect(await admin('set-locale', '--site', 'demo', '--locale', 'de')).toMatchObject({ code: 0 });
    expect(await admin('set-theme', '--site', 'demo', '--theme', 'dark')).toMatchObject({ code: 0 });
    afterSiteChange();
    expect(await siteConfig()).toMatchObject({ locale: 'de', theme: 'dark' });
  });

  test('bad values are refused with a clear message, and change nothing', async () => {
    const locale = await admin('set-locale', '--site', 'demo', '--locale', 'klingon');
    expect(locale.code).not.toBe(0);
    expect(locale.err).toMatch(/"klingon" is not a language Porthole speaks: use one of en, de, fr, es, ar/);
    const theme = await admin('set-theme', '--site', 'demo', '--theme', 'sepia');
    expect(theme.code).not.toBe(0);
    expect(theme.err).toMatch(/"sepia" is not a theme: use light, dark or auto/);
    expect((await admin('set-locale', '--site', 'nowhere', '--locale', 'de')).code).not.toBe(0);
    afterSiteChange();
    expect(await siteConfig()).toMatchObject({ locale: 'en', theme: 'auto' });
  });

  test('create-site takes --locale and prints the embed snippet with the site’s colour and language', async () => {
    const created = await admin('create-site', '--slug', 'acme', '--name', 'Acme', '--origin', 'https://acme.example', '--color', '#123456', '--locale', 'fr');
    expect(created.code, created.err).toBe(0);
    expect(created.out).toContain('data-site="acme" data-color="#123456" data-locale="fr"');
    expect(created.out).toContain('/widget.js');
  });
});

describe('articles per language', () => {
  const articles = async (query: string) =>
    (await t.app.inject({ url: `/api/v1/sites/demo/articles?${query}` })).json().articles as { id: string; title: string; locale: string }[];

  test('the visitor’s language first, the site’s default filling in, each article once, each saying its locale', async () => {
    const english = await articles('limit=50');
    const german = await articles('locale=de&limit=50');
    expect(english.every((a) => a.locale === 'en')).toBe(true);
    // The demo seed translates three articles: they come first in German, and their English twins are gone.
    expect(german.slice(0, 3).map((a) => a.locale)).toEqual(['de', 'de', 'de']);
    expect(german.filter((a) => a.locale === 'de').map((a) => a.title)).toContain('Ihre Bestellung verfolgen');
    expect(german.map((a) => a.title)).not.toContain('Track your order');
    expect(german.filter((a) => a.locale === 'en').length).toBe(english.length - 3);
    expect(german.length).toBe(english.length);
  });

  test('suggestions for a page follow the same rule', async () => {
    const suggested = await articles(`locale=fr&url=${encodeURIComponent('http://localhost:8080/billing')}`);
    expect(suggested[0]).toMatchObject({ locale: 'fr', title: 'Télécharger vos factures et justificatifs de TVA' });
    expect(suggested.slice(1).every((a) => a.locale === 'en')).toBe(true);
  });

  test('search finds German words unstemmed (prefixes still work), and English only where there is no translation', async () => {
    const found = await articles('locale=de&q=rechnung');
    expect(found.map((a) => [a.locale, a.title])).toEqual([['de', 'Rechnungen und Mehrwertsteuerbelege herunterladen']]);
    expect((await articles('locale=de&q=sendungsverf')).map((a) => a.locale)).toEqual(['de']);
    // "invoice" is in the English invoice article only; the German visitor has its translation, so it is not shown twice.
    expect((await articles('locale=de&q=invoice')).map((a) => a.title)).not.toContain('Download invoices and VAT receipts for your orders');
    expect((await articles('q=invoices')).map((a) => a.locale)).toContain('en');
  });

  test('import-articles --locale adds translations under the same file names; a bad --locale imports nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'porthole-locales-'));
    try {
      writeFileSync(join(dir, 'return-policy.md'), '# Rückgabe: 60 Tage Zeit\n\nUnbenutzte Artikel nehmen wir innerhalb von 60 Tagen zurück.');
      expect((await admin('import-articles', '--site', 'demo', '--dir', dir, '--locale', 'xx')).code).not.toBe(0);
      const imported = await admin('import-articles', '--site', 'demo', '--dir', dir, '--locale', 'de');
      expect(imported.code, imported.err).toBe(0);
      expect(imported.out).toMatch(/Imported 1 article \(de\) into site "demo": 1 created/);
      const titles = (await articles('locale=de&limit=50')).map((a) => a.title);
      expect(titles).toContain('Rückgabe: 60 Tage Zeit');
      expect(titles).not.toContain('Return policy: 60 days to send items back');
      expect((await articles('limit=50')).map((a) => a.title)).toContain('Return policy: 60 days to send items back');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('one article read in another language gives its translation, or itself', async () => {
    const track = (await articleIdsBySlug(t.db, 'demo'))['track-your-order'];
    const read = (locale: string) => t.app.inject({ url: `/api/v1/sites/demo/articles/${track}?locale=${locale}` }).then((r) => r.json().article);
    expect(await read('es')).toMatchObject({ locale: 'es', title: 'Seguir su pedido' });
    expect(await read('en')).toMatchObject({ id: track, locale: 'en' });
    expectError(await t.app.inject({ url: `/api/v1/sites/demo/articles?locale=xx` }), 400, 'validation_failed');
  });
});

describe('a request’s language and its mail', () => {
  const payload = (locale?: string) => ({
    categoryId: cats['Account & sign-in'],
    subject: 'Cannot sign in',
    description: 'The password reset mail never comes.',
    email: 'pat@customer.example',
    name: 'Pat',
    ...(locale && { locale }),
  });
  const mailsTo = (email: string, kind: string) =>
    t.db
      .select({ text: outbox.text, html: outbox.html, subject: outbox.subject })
      .from(outbox)
      .where(and(eq(outbox.toEmail, email), eq(outbox.kind, kind)));

  test('stored on the request and as the requester’s latest; the receipt speaks it, with lang and dir', async () => {
    const response = await submit(t.app, payload('ar'));
    expect(response.statusCode, response.body).toBe(201);
    const [row] = await t.db.select({ locale: requests.locale }).from(requests).where(eq(requests.number, response.json().request.id));
    expect(row!.locale).toBe('ar');
    const [person] = await t.db.select({ locale: endUsers.locale }).from(endUsers).where(eq(endUsers.email, 'pat@customer.example'));
    expect(person!.locale).toBe('ar');
    const [receipt] = await mailsTo('pat@customer.example', 'receipt');
    const said = tablesFor('ar').mailMessages;
    expect(receipt!.text).toContain(said.received(response.json().request.id, 'Northwind Outfitters'));
    expect(receipt!.html).toContain('<html lang="ar" dir="rtl">');
  });

  test('without a locale, the site’s default', async () => {
    const response = await submit(t.app, payload());
    const [row] = await t.db.select({ locale: requests.locale }).from(requests).where(eq(requests.number, response.json().request.id));
    expect(row!.locale).toBe('en');
    const [receipt] = await mailsTo('pat@customer.example', 'receipt');
    expect(receipt!.html).toContain('<html lang="en" dir="ltr">');
  });

  test('a CC’s mail speaks their own latest language, else the site’s; agents’ mail stays English', async () => {
    await addDemoAgent(t, 'riley@northwind.example', 'Riley Chen');
    // Dan wrote in French once; Eve never wrote.
    await submit(t.app, { ...payload('fr'), email: 'dan@customer.example', name: 'Dan' });
    const token = await memberSession(t, { sub: 'mo-alice', email: 'alice@customer.example', name: 'Alice', email_verified: true });
    const created = await submit(
      t.app,
      {
        categoryId: cats['Account & sign-in'],
        subject: 'Hola',
        description: 'Una pregunta.',
        ccs: ['dan@customer.example', 'eve@customer.example'],
        locale: 'es',
      },
      { headers: bearer(token) },
    );
    expect(created.statusCode, created.body).toBe(201);
    const [dan] = await mailsTo('dan@customer.example', 'cc_added');
    const [eve] = await mailsTo('eve@customer.example', 'cc_added');
    expect(dan!.html).toContain('<html lang="fr" dir="ltr">');
    expect(eve!.html).toContain('<html lang="en" dir="ltr">');
    const [receipt] = await mailsTo('alice@customer.example', 'receipt');
    expect(receipt!.html).toContain('<html lang="es" dir="ltr">');
    const [agentMail] = await mailsTo('riley@northwind.example', 'new_request');
    expect(agentMail!.html).toContain('<html lang="en" dir="ltr">');
  });

  test('the solve mail asks the requester How did we do?, with Good and Bad links that only pre-select', async () => {
    const agentToken = await addDemoAgent(t, 'riley@northwind.example', 'Riley Chen');
    const number = (await submit(t.app, payload('de'))).json().request.id;
    const solved = await t.app.inject({
      method: 'POST',
      url: `/api/v1/agent/requests/${number}/comments`,
      headers: { authorization: `Bearer ${agentToken}`, 'content-type': 'application/json' },
      payload: JSON.stringify({ body: 'Fixed: try again.', public: true, status: 'solved' }),
    });
    expect(solved.statusCode, solved.body).toBe(201);
    const [mail] = await mailsTo('pat@customer.example', 'request_solved');
    const said = tablesFor('de').mailMessages;
    expect(mail!.text).toContain(said.howDidWeDo);
    const link = new RegExp(`(\\S+#porthole=request/${number}&t=[A-Za-z0-9_.-]+)&rate=good`).exec(mail!.text)?.[1];
    expect(link, mail!.text).toBeDefined();
    expect(mail!.text).toContain(`${said.rateBad}: ${link}&rate=bad`);
    expect(mail!.html).toContain(`${link!.replaceAll('&', '&amp;')}&amp;rate=good`);
  });
});

describe('the Help Center shell’s language', () => {
  const page = (path: string, headers: Record<string, string> = {}) => t.app.inject({ url: path, headers });
  const langOf = (html: string) => /<html lang="(\w+)" dir="(\w+)">/.exec(html)?.slice(1);

  test('Accept-Language by q value, then the site’s default; the app’s root carries data-locale', async () => {
    expect(langOf((await page('/help/demo')).body)).toEqual(['en', 'ltr']);
    const arabic = await page('/help/demo', { 'accept-language': 'ja;q=1, ar;q=0.8, de;q=0.5' });
    expect(langOf(arabic.body)).toEqual(['ar', 'rtl']);
    expect(arabic.body).toContain('id="help" data-site="demo" data-locale="ar"');
    expect(langOf((await page('/help/demo', { 'accept-language': 'fr;q=0.3, es-MX;q=0.9' })).body)).toEqual(['es', 'ltr']);
    expect(langOf((await page('/help/demo', { 'accept-language': 'de;q=0, xx' })).body)).toEqual(['en', 'ltr']);
    // The popular list follows: German articles first for a German reader.
    expect((await page('/help/demo', { 'accept-language': 'de-DE' })).body).toContain('<li lang="de" dir="ltr"><a href=');
  });

  test('parses Accept-Language properly', () => {
    expect(acceptedLocales('de-AT,de;q=0.9,en;q=0.8')).toEqual(['de', 'en']);
    expect(acceptedLocales('en;q=0.1, fr')).toEqual(['fr', 'en']);
    expect(acceptedLocales('*, es;q=0.5, ar;q=bogus, de;q=1.5')).toEqual(['es']);
    expect(acceptedLocales(undefined)).toEqual([]);
  });

  test('?locale= sets the cookie (Lax, a year, this site’s Help Center) and redirects without it; the cookie wins after', async () => {
    const chosen = await page('/help/demo/contact?locale=fr&x=1');
    expect(chosen.statusCode).toBe(303);
    expect(chosen.headers.location).toBe('/help/demo/contact?x=1');
    const cookie = String(chosen.headers['set-cookie']);
    expect(cookie).toMatch(/^ph_locale=fr; Path=\/help\/demo; Max-Age=31536000; HttpOnly; SameSite=Lax/);
    const after = await page('/help/demo/contact?x=1', { cookie: 'ph_locale=fr', 'accept-language': 'de' });
    expect(langOf(after.body)).toEqual(['fr', 'ltr']);
    expect(after.body).toContain(tablesFor('fr').contactMessages.contactTitle);
    // An unknown locale is ignored: no redirect, no cookie.
    const unknown = await page('/help/demo?locale=xx');
    expect(unknown.statusCode).toBe(200);
    expect(String(unknown.headers['set-cookie'] ?? '')).not.toMatch(/ph_locale/);
    expect(langOf((await page('/help/demo', { cookie: 'ph_locale=xx' })).body)).toEqual(['en', 'ltr']);
  });

  test('the footer’s picker names each language in its own, marked with it', async () => {
    const { body } = await page('/help/demo/articles/nothing-here');
    for (const [code, name] of [
      ['en', 'English'],
      ['de', 'Deutsch'],
      ['fr', 'Français'],
      ['es', 'Español'],
      ['ar', 'العربية'],
    ]) {
      expect(body).toContain(`href="/help/demo/articles/nothing-here?locale=${code}" lang="${code}"`);
      expect(body).toContain(`>${name}</a>`);
    }
  });

  test('an article page shows the page language’s translation', async () => {
    const english = (await articleIdsBySlug(t.db, 'demo'))['reset-password'];
    const { body } = await page(`/help/demo/articles/${english}`, { cookie: 'ph_locale=de' });
    expect(body).toContain('<article lang="de" dir="ltr"><h2>Passwort zurücksetzen</h2>');
  });
});

describe('the embed snippet', () => {
  test('two lines: the queue stub, then the loader with site, colour and language, the nonce on both', () => {
    const snippet = embedSnippet({ publicUrl: 'https://support.example/', siteSlug: 'acme', color: '#0f766e', locale: 'de', nonce: 'abc' });
    const [stub, loader] = snippet.split('\n');
    expect(stub).toBe('<script nonce="abc">window.Porthole=window.Porthole||function(){(Porthole.q=Porthole.q||[]).push(arguments)}</script>');
    expect(loader).toBe('<script async src="https://support.example/widget.js" data-site="acme" data-color="#0f766e" data-locale="de" nonce="abc"></script>');
    expect(embedSnippet({ publicUrl: 'https://s.example', siteSlug: 'a', color: '#000', locale: 'en' })).not.toContain('nonce');
  });

  test('is the one README shows, so a copy from README is what create-site prints', () => {
    const readme = readFileSync('README.md', 'utf8');
    expect(readme).toContain(embedSnippet({ publicUrl: 'https://support.example.com', siteSlug: 'acme', color: '#0f766e', locale: 'en' }));
  });

  test('escapes every attribute value', () => {
    const snippet = embedSnippet({ publicUrl: 'https://s.example/"><b', siteSlug: '"><script>x</script>', color: "red' onload='x", locale: '&', nonce: '"' });
    expect(snippet).not.toMatch(/<script>x|<b|' onload/);
    expect(snippet).toContain('data-site="&quot;&gt;&lt;script&gt;x&lt;/script&gt;"');
    expect(snippet).toContain('data-color="red&#39; onload=&#39;x"');
  });
});
