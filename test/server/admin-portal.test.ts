// `set-signup` and `add-org-domain` (issue 11), on the run's engine, checked through the store the server reads.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runAdmin } from '../../server/admin/main.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { siteIdOf } from '../support/inspect.js';
import { memberSession } from './helpers.js';

let t: TestApp;
let demo: string;
beforeEach(async () => {
  t = await createTestApp();
  demo = await siteIdOf(t.db, 'demo');
});
afterEach(() => t.close());

async function admin(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const io = { out: (line: string) => out.push(line), err: (line: string) => err.push(line) };
  const env = { DATABASE_PATH: t.config.databasePath, ...(t.config.databaseUrl && { DATABASE_URL: t.config.databaseUrl }) };
  const code = await runAdmin(argv, io, env, { clock: () => t.clock.now });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('set-signup', () => {
  it('sets the policy, known by default', async () => {
    expect(await t.store.portal.signupPolicy(demo)).toBe('known');
    const opened = await admin('set-signup', '--site', 'demo', '--policy', 'open');
    expect(opened.code, opened.err).toBe(0);
    expect(opened.out).toContain('anyone who proves an email address');
    expect(await t.store.portal.signupPolicy(demo)).toBe('open');
    expect((await admin('set-signup', '--site', 'demo', '--policy', 'known')).code).toBe(0);
    expect(await t.store.portal.signupPolicy(demo)).toBe('known');
  });

  it('refuses a policy it does not know (usage, exit 2) and a site that does not exist (exit 1)', async () => {
    const wrong = await admin('set-signup', '--site', 'demo', '--policy', 'everyone');
    expect(wrong.code).toBe(2);
    expect(wrong.err).toContain('use "open" or "known"');
    const nowhere = await admin('set-signup', '--site', 'nowhere', '--policy', 'open');
    expect(nowhere.code).toBe(1);
    expect(nowhere.err).toContain('There is no site "nowhere"');
  });
});

describe('add-org-domain', () => {
  it('declares a domain for an organization known from a member token, by its host id', async () => {
    await memberSession(t, { sub: 'm-1', email: 'dee@basecamp.example', email_verified: true, name: 'Dee', org: { id: 'basecamp', name: 'Basecamp' } });
    const added = await admin('add-org-domain', '--site', 'demo', '--org', 'basecamp', '--domain', 'BaseCamp.example');
    expect(added.code, added.err).toBe(0);
    expect(added.out).toContain('basecamp.example');
    const member = await t.store.members.exchangeToken(
      demo,
      {
        sub: 'm-2',
        email: 'eve@basecamp.example',
        emailVerified: true,
        name: 'Eve',
        org: { id: 'basecamp', name: 'Basecamp' },
        jti: 'j-2',
        expiresAt: '2030-01-01T00:00:00.000Z',
      },
      t.clock.now.toISOString(),
    );
    expect((await t.store.portal.organizationOfDomain(demo, 'basecamp.example'))?.id).toBe(member !== 'replayed' && member.organizationId);
  });

  it('refuses an organization the site does not have, and what is no domain', async () => {
    const unknown = await admin('add-org-domain', '--site', 'demo', '--org', 'nobody', '--domain', 'nobody.example');
    expect(unknown.code).toBe(1);
    expect(unknown.err).toContain('has no organization "nobody"');
    for (const domain of ['not a domain', 'localhost', '@basecamp.example', 'basecamp..example']) {
      expect((await admin('add-org-domain', '--site', 'demo', '--org', 'basecamp', '--domain', domain)).code).toBe(2);
    }
  });
});
