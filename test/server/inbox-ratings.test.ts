// @vitest-environment happy-dom
// @vitest-environment-options {"url":"http://localhost:3000/agent"}
/**
 * What the agent inbox (server/inbox/app) shows of ratings, against the real server: a request's
 * rating (score, the customer's comment as text, when) in the request pane, and the site's
 * satisfaction figure — percent good of the requests rated in the last 30 days — with the queue.
 */
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { h, render } from 'preact';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { addDemoAgent, inboxContainer, inboxFetch, removeInbox } from '../support/agent-side.js';
import { requests } from '../support/tables.js';
import { siteIdOf } from '../support/inspect.js';
import { App } from '../../server/inbox/app/App.js';
import { createInboxApi } from '../../server/inbox/app/api.js';
import { createInboxModel, type InboxModel } from '../../server/inbox/app/state.js';
import { bearer, categoryIds, memberSession, submit } from './helpers.js';

let t: TestApp;
let container: HTMLElement;

beforeEach(async () => {
  t = await createTestApp({ submitLimit: { max: 1000, windowMs: 60_000 } });
  vi.stubGlobal('fetch', vi.fn(inboxFetch(t, await addDemoAgent(t, 'riley@inbox-ratings.example'))));
  container = inboxContainer();
});

afterEach(async () => {
  removeInbox(container);
  vi.unstubAllGlobals();
  await t.close();
});

/** A member's request, solved, and rated by them (`score` null: not rated). */
async function ratedRequest(sub: string, score: 'good' | 'bad' | null, comment?: string): Promise<number> {
  const cats = await categoryIds(t.app);
  const token = await memberSession(t, { sub, email: `${sub}@inbox-ratings.example`, name: sub });
  const created = await submit(
    t.app,
    { categoryId: cats['Account & sign-in'], subject: `Request of ${sub}`, description: 'Help.' },
    { headers: bearer(token) },
  );
  const number = created.json().request.id as number;
  await t.db
    .update(requests)
    .set({ status: 'solved' })
    .where(and(eq(requests.siteId, await siteIdOf(t.db, 'demo')), eq(requests.number, number)));
  if (score) {
    const rated = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/sites/demo/requests/${number}/rating`,
      headers: { ...bearer(token), 'content-type': 'application/json' },
      payload: JSON.stringify(comment ? { score, comment } : { score }),
    });
    expect(rated.statusCode, rated.body).toBe(200);
  }
  return number;
}

function mountInbox(): InboxModel {
  const model = createInboxModel(createInboxApi());
  render(h(App, { model }), container);
  model.start();
  return model;
}

const text = (selector: string) => container.querySelector(selector)?.textContent;
/** The facts of the open request, as "label: value". */
const fact = (label: string) =>
  Array.from(container.querySelectorAll('.facts > div'))
    .find((row) => row.querySelector('dt')?.textContent === label)
    ?.querySelector('dd');

describe('ratings in the inbox', () => {
  test('the queue shows the satisfaction figure; the request pane shows the rating, its comment as text, and when', async () => {
    const good = await ratedRequest('gwen', 'good', 'Quick and <b>kind</b>.');
    await ratedRequest('gus', 'good');
    const bad = await ratedRequest('bo', 'bad');
    const unrated = await ratedRequest('una', null);

    const model = mountInbox();
    await vi.waitFor(() => expect(text('.satisfaction')).toBeTruthy(), { timeout: 3000 });
    expect(text('.satisfaction-label')).toBe('Satisfaction, last 30 days');
    expect(text('.satisfaction-figure')).toBe('67 % good');
    expect(text('.satisfaction .muted')).toBe('3 ratings');
    expect(container.querySelector('.satisfaction')?.getAttribute('title')).toBe('2 of 3 ratings in the last 30 days were good');

    model.openRequest(good);
    await vi.waitFor(() => expect(text('#request-title')).toBe('Request of gwen'), { timeout: 3000 });
    expect(fact('Rating')?.querySelector('.rating-score')?.textContent).toBe('Good');
    expect(fact('Rating')?.querySelector('.rating-score')?.classList.contains('good')).toBe(true);
    // The customer's words are text, never markup.
    expect(fact('Rating')?.querySelector('.rating-comment')?.textContent).toBe('“Quick and <b>kind</b>.”');
    expect(fact('Rating')?.querySelector('b')).toBeNull();
    expect(fact('Rating')?.querySelector('time')?.getAttribute('dateTime')).toMatch(/^\d{4}-\d\d-\d\dT/);

    model.openRequest(bad);
    await vi.waitFor(() => expect(text('#request-title')).toBe('Request of bo'), { timeout: 3000 });
    expect(fact('Rating')?.querySelector('.rating-score')?.textContent).toBe('Bad');
    expect(fact('Rating')?.querySelector('.rating-comment')).toBeNull();

    model.openRequest(unrated);
    await vi.waitFor(() => expect(text('#request-title')).toBe('Request of una'), { timeout: 3000 });
    expect(fact('Rating')?.textContent).toBe('Not rated');
  });

  test('with nothing rated, the figure says so instead of a percentage', async () => {
    await ratedRequest('una', null);
    mountInbox();
    await vi.waitFor(() => expect(text('.satisfaction')).toBeTruthy(), { timeout: 3000 });
    expect(text('.satisfaction .muted')).toBe('No ratings yet');
    expect(container.querySelector('.satisfaction-figure')).toBeNull();
  });
});
