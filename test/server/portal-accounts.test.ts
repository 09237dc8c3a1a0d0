// The Help Center's accounts (issue 11): mailed links, passwords, sign-in and sessions, through the services.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { outboxRows, siteIdOf } from '../support/inspect.js';
import { submit, categoryIds } from './helpers.js';
import { ApiError } from '../../server/errors.js';
import { createPortalLimits, type PortalLimits } from '../../server/services/portal-limits.js';
import { LINK_ANSWER, requestLink, spendLink } from '../../server/services/portal-links.js';
import { setPassword } from '../../server/services/portal-passwords.js';
import { portalSession, signIn, signOut, signOutEverywhere } from '../../server/services/portal-sessions.js';
import type { PortalLinkPurpose } from '../../server/store/rows.js';

const MINUTE = 60_000;
const KNOWN = 'ann@example.com';
const STRONG = 'correct horse battery staple';

let t: TestApp;
let limits: PortalLimits;
let demo: string;
beforeEach(async () => {
  t = await createTestApp();
  limits = createPortalLimits(t.app.porthole.windows, () => t.clock.now);
  demo = await siteIdOf(t.db, 'demo');
  // Ann becomes known to the demo site by writing in.
  const categories = await categoryIds(t.app);
  const sent = await submit(t.app, { categoryId: categories['Billing & payments'], subject: 'Hello', description: 'A question', email: KNOWN, name: 'Ann' });
  expect(sent.statusCode, sent.body).toBe(201);
});
afterEach(() => t.close());

/** Asks as the route does: the answer, then the link delivered. */
async function ask(email: string, purpose: PortalLinkPurpose = 'set_password', clientAddress = '203.0.113.7') {
  const asked = await requestLink(t.app.porthole, limits, { siteSlug: 'demo', email, purpose, clientAddress });
  await asked.deliver();
  return asked.answer;
}

/** The tokens mailed to `email` for `purpose`, oldest first. */
async function mailedTokens(email: string, purpose: PortalLinkPurpose = 'set_password'): Promise<string[]> {
  const rows = (await outboxRows(t.db)).filter((row) => row.toEmail === email && row.kind === `portal_${purpose}`);
  return rows.map((row) => {
    expect(row.text).toContain(`${t.config.publicUrl}/help/demo/#token=`);
    return /#token=([\w-]+)/.exec(row.text)![1]!;
  });
}

async function refusal(work: Promise<unknown>): Promise<{ statusCode: number; code: string; fields?: Record<string, string> }> {
  const error = await work.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(ApiError);
  return error as ApiError;
}

/** Ann gets a password, and the session that set it. */
async function withPassword(password = STRONG): Promise<string> {
  await ask(KNOWN);
  const spent = await spendLink(t.app.porthole, demo, (await mailedTokens(KNOWN)).at(-1)!);
  await setPassword(t.app.porthole, demo, spent.token, password);
  return spent.token;
}

describe('asking for a link', () => {
  it('answers the same for a known and an unknown address; only the known one is mailed (policy known)', async () => {
    expect(await ask(KNOWN)).toEqual(LINK_ANSWER);
    expect(await ask('stranger@example.com')).toEqual(LINK_ANSWER);
    expect(await mailedTokens(KNOWN)).toHaveLength(1);
    expect(await mailedTokens('stranger@example.com')).toHaveLength(0);
  });

  it('takes the same steps for a known and an unknown address before it answers: the link is stored after', async () => {
    // Every call into the store, in order, as the service makes them.
    const steps: string[] = [];
    const recorded = <T extends object>(part: string, target: T): T =>
      new Proxy(target, {
        get(object, name, receiver) {
          const value = Reflect.get(object, name, receiver);
          return typeof value === 'function' ? (...args: unknown[]) => (steps.push(`${part}.${String(name)}`), value.apply(object, args)) : value;
        },
      });
    const store = new Proxy(t.store, {
      get: (object, name) => {
        const part = Reflect.get(object, name);
        return part && typeof part === 'object' ? recorded(String(name), part) : part;
      },
    });
    const services = { ...t.app.porthole, store };
    const stepsBeforeAnswer = async (email: string) => {
      steps.length = 0;
      const asked = await requestLink(services, limits, { siteSlug: 'demo', email, purpose: 'set_password', clientAddress: '203.0.113.9' });
      const before = [...steps];
      expect(asked.answer).toEqual(LINK_ANSWER);
      expect(await outboxRows(t.db).then((rows) => rows.filter((row) => row.toEmail === email && row.kind === 'portal_set_password'))).toHaveLength(0);
      await asked.deliver();
      return { before, after: steps.slice(before.length) };
    };
    const known = await stepsBeforeAnswer(KNOWN);
    const unknown = await stepsBeforeAnswer('stranger@example.com');
    expect(known.before).toEqual(unknown.before);
    expect(known.before).toContain('portal.isKnownEmail');
    expect(known.after).toEqual(['portal.issueLink']);
    expect(unknown.after).toEqual([]);
    expect(await mailedTokens(KNOWN)).toHaveLength(1);
  });

  it('mails anyone once the site is open', async () => {
    await t.store.admin.setSignupPolicy(demo, 'open');
    expect(await ask('stranger@example.com', 'sign_in')).toEqual(LINK_ANSWER);
    expect(await mailedTokens('stranger@example.com', 'sign_in')).toHaveLength(1);
  });

  it('is limited per email, known or not, and per client address', async () => {
    for (const email of [KNOWN, 'stranger@example.com']) {
      // Three an hour, then one more after a pause that has not passed yet.
      for (let i = 0; i < 4; i++) await ask(email);
      expect(await refusal(ask(email))).toMatchObject({ statusCode: 429, code: 'rate_limited' });
    }
    for (let i = 0; i < 10; i++) await ask(`someone${i}@example.com`, 'sign_in', '198.51.100.1');
    expect(await refusal(ask('someone-else@example.com', 'sign_in', '198.51.100.1'))).toMatchObject({ statusCode: 429 });
    expect(await ask('someone-else@example.com', 'sign_in', '198.51.100.2')).toEqual(LINK_ANSWER);
  });

  it('refuses a bad address with what is wrong, and an unknown site with 404', async () => {
    expect(await refusal(ask('not an address'))).toMatchObject({ statusCode: 400, code: 'validation_failed', fields: { email: 'invalid_email' } });
    const elsewhere = requestLink(t.app.porthole, limits, { siteSlug: 'nowhere', email: KNOWN, purpose: 'sign_in', clientAddress: '203.0.113.7' });
    expect(await refusal(elsewhere)).toMatchObject({ statusCode: 404 });
  });
});

describe('spending a link', () => {
  it('opens a session once; a reused link is refused', async () => {
    await ask(KNOWN, 'sign_in');
    const [token] = await mailedTokens(KNOWN, 'sign_in');
    const spent = await spendLink(t.app.porthole, demo, token!);
    expect(spent).toMatchObject({ purpose: 'sign_in', account: { email: KNOWN } });
    expect(await portalSession(t.app.porthole, demo, spent.token)).toMatchObject({ account: { email: KNOWN }, passwordGrantUntil: null });
    expect(await refusal(spendLink(t.app.porthole, demo, token!))).toMatchObject({ statusCode: 410, code: 'link_used' });
    expect(await refusal(spendLink(t.app.porthole, demo, 'made-up'))).toMatchObject({ statusCode: 410, code: 'link_not_found' });
  });

  it('refuses an expired link: a sign-in link after 15 minutes, a password link after an hour', async () => {
    await ask(KNOWN, 'sign_in');
    await ask(KNOWN, 'set_password');
    t.clock.advance(15 * MINUTE);
    expect(await refusal(spendLink(t.app.porthole, demo, (await mailedTokens(KNOWN, 'sign_in'))[0]!))).toMatchObject({ code: 'link_expired' });
    t.clock.advance(44 * MINUTE);
    const password = (await mailedTokens(KNOWN))[0]!;
    t.clock.advance(MINUTE);
    expect(await refusal(spendLink(t.app.porthole, demo, password))).toMatchObject({ code: 'link_expired' });
  });

  it('is spent only on its own site, and its session is no session on another', async () => {
    const site = (await t.store.sites.findBySlug('demo'))!;
    const other = { ...site, id: 'site_other', slug: 'other', name: 'Other' };
    expect(await t.store.admin.createSiteWithCategories(other, [])).toBe('created');
    await ask(KNOWN, 'sign_in');
    const [token] = await mailedTokens(KNOWN, 'sign_in');
    expect(await refusal(spendLink(t.app.porthole, other.id, token!))).toMatchObject({ statusCode: 410, code: 'link_not_found' });
    const spent = await spendLink(t.app.porthole, demo, token!);
    expect(await refusal(portalSession(t.app.porthole, other.id, spent.token))).toMatchObject({ statusCode: 401 });
    expect(await portalSession(t.app.porthole, demo, spent.token)).toMatchObject({ account: { siteId: demo } });
  });

  it('a second link spends the first', async () => {
    await ask(KNOWN);
    t.clock.advance(1000);
    await ask(KNOWN);
    const [first, second] = await mailedTokens(KNOWN);
    expect(await refusal(spendLink(t.app.porthole, demo, first!))).toMatchObject({ statusCode: 410, code: 'link_superseded' });
    expect(await spendLink(t.app.porthole, demo, second!)).toMatchObject({ purpose: 'set_password' });
  });
});

describe('passwords', () => {
  it('needs the session of a password link, still fresh', async () => {
    await ask(KNOWN, 'sign_in');
    const signedIn = await spendLink(t.app.porthole, demo, (await mailedTokens(KNOWN, 'sign_in'))[0]!);
    expect(await refusal(setPassword(t.app.porthole, demo, signedIn.token, STRONG))).toMatchObject({ statusCode: 403, code: 'password_link_needed' });
    await ask(KNOWN);
    const granted = await spendLink(t.app.porthole, demo, (await mailedTokens(KNOWN))[0]!);
    t.clock.advance(31 * MINUTE);
    expect(await refusal(setPassword(t.app.porthole, demo, granted.token, STRONG))).toMatchObject({ statusCode: 403 });
    expect(await refusal(setPassword(t.app.porthole, demo, undefined, STRONG))).toMatchObject({ statusCode: 401 });
  });

  it('refuses a short one and one of the most common, saying why', async () => {
    await ask(KNOWN);
    const { token } = await spendLink(t.app.porthole, demo, (await mailedTokens(KNOWN))[0]!);
    expect(await refusal(setPassword(t.app.porthole, demo, token, 'short1234'))).toMatchObject({
      statusCode: 400,
      fields: { password: 'must be at least 10 characters' },
    });
    for (const common of ['password1234', 'QwertyUiop']) {
      expect(await refusal(setPassword(t.app.porthole, demo, token, common))).toMatchObject({
        statusCode: 400,
        fields: { password: 'is one of the most common passwords: choose another' },
      });
    }
    expect(await refusal(setPassword(t.app.porthole, demo, token, 'x'.repeat(257)))).toMatchObject({ statusCode: 400 });
    expect(await setPassword(t.app.porthole, demo, token, STRONG)).toEqual({ endedSessions: 0 });
  });

  it('a new password ends every other session; the one that set it goes on', async () => {
    const first = await withPassword();
    const signIns = [];
    for (let i = 0; i < 2; i++)
      signIns.push((await signIn(t.app.porthole, limits, { siteSlug: 'demo', email: KNOWN, password: STRONG, clientAddress: '203.0.113.7' })).token);
    const setter = await withPassword('another long passphrase');
    for (const ended of [first, ...signIns]) expect(await refusal(portalSession(t.app.porthole, demo, ended))).toMatchObject({ statusCode: 401 });
    expect(await portalSession(t.app.porthole, demo, setter)).toMatchObject({ account: { email: KNOWN }, passwordGrantUntil: null });
    const attempt = signIn(t.app.porthole, limits, { siteSlug: 'demo', email: KNOWN, password: STRONG, clientAddress: '203.0.113.7' });
    expect(await refusal(attempt)).toMatchObject({ statusCode: 401, code: 'invalid_credentials' });
  });
});

describe('signing in and out', () => {
  const attempt = (password: string, clientAddress = '203.0.113.7', email = KNOWN) =>
    signIn(t.app.porthole, limits, { siteSlug: 'demo', email, password, clientAddress });

  it('signs in with the password; refuses a wrong one and an unknown address alike', async () => {
    await withPassword();
    const { token, account } = await attempt(STRONG);
    expect(account.email).toBe(KNOWN);
    expect(await portalSession(t.app.porthole, demo, token)).toMatchObject({ account: { id: account.id } });
    expect(await refusal(attempt('wrong password here'))).toMatchObject({ statusCode: 401, code: 'invalid_credentials' });
    expect(await refusal(attempt(STRONG, '203.0.113.7', 'stranger@example.com'))).toMatchObject({ statusCode: 401, code: 'invalid_credentials' });
  });

  it('holds the failure limit against parallel guesses', async () => {
    await withPassword();
    const outcomes = await Promise.allSettled(Array.from({ length: 14 }, () => attempt('a wrong guess!')));
    const codes = outcomes.map((outcome) => (outcome.status === 'rejected' ? (outcome.reason as ApiError).statusCode : 200));
    expect(codes.filter((code) => code === 401)).toHaveLength(10);
    expect(codes.filter((code) => code === 429)).toHaveLength(4);
    // From another address the account is still reachable.
    expect(await attempt(STRONG, '198.51.100.9')).toMatchObject({ account: { email: KNOWN } });
  });

  it('sessions end by sign-out, by "everywhere", when idle for a day and two weeks after they began', async () => {
    await withPassword();
    const session = async () => (await attempt(STRONG)).token;
    const [one, two, three] = [await session(), await session(), await session()];
    await signOut(t.app.porthole, one);
    expect(await refusal(portalSession(t.app.porthole, demo, one))).toMatchObject({ statusCode: 401 });
    expect(await signOutEverywhere(t.app.porthole, demo, two)).toBe(3); // two, three and the one that set the password
    expect(await refusal(portalSession(t.app.porthole, demo, three))).toMatchObject({ statusCode: 401 });

    const idle = await session();
    t.clock.advance(24 * 60 * MINUTE + 1);
    expect(await refusal(portalSession(t.app.porthole, demo, idle))).toMatchObject({ statusCode: 401 });
    const busy = await session();
    for (let day = 0; day < 13; day++) {
      t.clock.advance(23 * 60 * MINUTE);
      await portalSession(t.app.porthole, demo, busy);
    }
    t.clock.advance(24 * 60 * MINUTE);
    expect(await refusal(portalSession(t.app.porthole, demo, busy))).toMatchObject({ statusCode: 401 });
  });
});
