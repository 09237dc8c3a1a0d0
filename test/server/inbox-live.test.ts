// @vitest-environment happy-dom
// @vitest-environment-options {"url":"http://localhost:3000/agent"}
/**
 * The inbox page (server/inbox/app/index.tsx, as the browser runs it) in happy-dom against the real
 * server, its event stream a stand-in the test connects and drops: when the stream connects again
 * after having been open — the server ended it with `resync`, or the network dropped — the queue and
 * the open request are fetched again, showing what changed in the gap that no event announced. The
 * first connection fetches nothing more.
 */
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { addDemoAgent, inboxContainer, inboxFetch, removeInbox } from '../support/agent-side.js';
import { bearer, categoryIds, memberSession, submit } from './helpers.js';

/** The page's EventSource: records what it was opened on; the test says when it is (re)connected. */
class StandInEventSource extends EventTarget {
  static opened: StandInEventSource[] = [];
  constructor(readonly url: string) {
    super();
    StandInEventSource.opened.push(this);
  }
  connect() {
    this.dispatchEvent(new Event('open'));
  }
  close() {}
}

let t: TestApp;
let container: HTMLElement;
let fetched: ReturnType<typeof vi.fn>;
let member: string;
let number: number;

beforeEach(async () => {
  t = await createTestApp();
  fetched = vi.fn(inboxFetch(t, await addDemoAgent(t, 'riley@inbox-live.example')));
  vi.stubGlobal('fetch', fetched);
  vi.stubGlobal('EventSource', StandInEventSource);
  member = await memberSession(t, { sub: 'live-member', email: 'member@inbox-live.example', name: 'Mo' });
  number = (
    await submit(
      t.app,
      { categoryId: (await categoryIds(t.app))['Account & sign-in'], subject: 'First question', description: 'Hello' },
      { headers: bearer(member) },
    )
  ).json().request.id;
  container = inboxContainer();
  history.replaceState(null, '', `/agent/requests/${number}`);
});
afterEach(async () => {
  removeInbox(container);
  await t.close();
});

const queueSubjects = () => Array.from(container.querySelectorAll('.queue a.row'), (row) => row.textContent);
const historyEntries = () => Array.from(container.querySelectorAll('#detail .history li'), (entry) => entry.textContent);
const queueCalls = () => fetched.mock.calls.filter(([url]) => new URL(String(url), location.href).pathname === '/api/v1/agent/requests').length;

it('a stream connected again after a gap refetches the queue and the open request; the first connection does not', async () => {
  // The page's script runs as it is imported (once per file), as the browser runs it.
  await import('../../server/inbox/app/index.js');
  await vi.waitFor(() => expect(container.querySelector('#request-title')?.textContent).toBe('First question'), { timeout: 3000 });
  await vi.waitFor(() => expect(queueSubjects()).toHaveLength(1));
  const [source] = StandInEventSource.opened;
  expect(source?.url).toBe('/api/v1/agent/events');
  source!.connect();
  await new Promise((resolve) => setTimeout(resolve, 50));
  expect(queueCalls()).toBe(1);

  // Written while the stream was down: no event about either will ever come.
  const comment = await t.app.inject({
    method: 'POST',
    url: `/api/v1/sites/demo/requests/${number}/comments`,
    headers: { ...bearer(member), 'content-type': 'application/json' },
    payload: JSON.stringify({ body: 'Written during the gap' }),
  });
  expect(comment.statusCode, comment.body).toBe(201);
  await submit(
    t.app,
    { categoryId: (await categoryIds(t.app))['Account & sign-in'], subject: 'Second question', description: 'Hi' },
    { headers: bearer(member) },
  );

  source!.connect();
  await vi.waitFor(() => expect(queueSubjects().some((row) => row?.includes('Second question'))).toBe(true), { timeout: 3000 });
  await vi.waitFor(() => expect(historyEntries().some((entry) => entry?.includes('Written during the gap'))).toBe(true), { timeout: 3000 });
  expect(StandInEventSource.opened).toHaveLength(1);
});
