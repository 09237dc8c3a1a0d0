// @vitest-environment happy-dom
// @vitest-environment-options {"url":"http://localhost:3000/agent"}
/**
 * The agent inbox (server/inbox/app) in happy-dom against the real server: a request sent without
 * signing in, whose sender has not opened a link mailed to the address they typed, is marked
 * "Unverified sender" in its queue row and on the open request — and no longer once the link is opened.
 * A member's request never is.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { h, render } from 'preact';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { addDemoAgent, inboxContainer, inboxFetch, removeInbox } from '../support/agent-side.js';
import { openMailedLink } from '../support/mail-links.js';
import { App } from '../../server/inbox/app/App.js';
import { createInboxApi } from '../../server/inbox/app/api.js';
import { createInboxModel, type InboxModel } from '../../server/inbox/app/state.js';
import { bearer, categoryIds, memberSession, submit } from './helpers.js';

const TYPED_ADDRESS = 'ceo@unverified-sender.example';

let t: TestApp;
let container: HTMLElement;
let anonymous: number;
let member: number;

beforeEach(async () => {
  t = await createTestApp();
  vi.stubGlobal('fetch', vi.fn(inboxFetch(t, await addDemoAgent(t, 'riley@unverified-sender.example'))));
  const categoryId = (await categoryIds(t.app))['Account & sign-in'];
  const sent = await submit(t.app, { categoryId, subject: 'Wire the payment today', description: 'Urgent.', email: TYPED_ADDRESS, name: 'The CEO' });
  anonymous = sent.json().request.id;
  const token = await memberSession(t, { sub: 'us-member', email: 'member@unverified-sender.example', name: 'Signed In' });
  member = (await submit(t.app, { categoryId, subject: 'Signed-in question', description: 'Hello' }, { headers: bearer(token) })).json().request.id;
  container = inboxContainer();
});

afterEach(async () => {
  removeInbox(container);
  await t.close();
});

function mountInbox(): InboxModel {
  const model = createInboxModel(createInboxApi());
  render(h(App, { model }), container);
  model.start();
  return model;
}

/** The queue's rows as "#number: its marks". */
const rowMarks = () =>
  Object.fromEntries(
    Array.from(container.querySelectorAll('.queue a.row'), (row) => [
      row.querySelector('.row-number')?.textContent,
      Array.from(row.querySelectorAll('.unverified'), (mark) => mark.textContent),
    ]),
  );
const paneMarks = () => Array.from(container.querySelectorAll('#detail .request-meta .unverified'), (mark) => mark.textContent);

async function openRequest(model: InboxModel, number: number, subject: string) {
  model.openRequest(number);
  await vi.waitFor(() => expect(container.querySelector('#request-title')?.textContent).toBe(subject), { timeout: 3000 });
}

describe('an unverified sender in the inbox', () => {
  it('is marked on the queue row and on the open request; a member’s request is not', async () => {
    const model = mountInbox();
    await vi.waitFor(() => expect(Object.keys(rowMarks())).toHaveLength(2), { timeout: 3000 });
    expect(rowMarks()).toEqual({ [`#${anonymous}`]: ['Unverified sender'], [`#${member}`]: [] });

    await openRequest(model, anonymous, 'Wire the payment today');
    expect(paneMarks()).toEqual(['Unverified sender']);
    await openRequest(model, member, 'Signed-in question');
    expect(paneMarks()).toEqual([]);
  });

  it('is no longer marked once the link mailed to that address is opened', async () => {
    await openMailedLink(t, TYPED_ADDRESS, anonymous);
    const model = mountInbox();
    await vi.waitFor(() => expect(Object.keys(rowMarks())).toHaveLength(2), { timeout: 3000 });
    expect(rowMarks()).toEqual({ [`#${anonymous}`]: [], [`#${member}`]: [] });
    await openRequest(model, anonymous, 'Wire the payment today');
    expect(paneMarks()).toEqual([]);
  });
});
