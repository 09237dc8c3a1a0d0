/**
 * The demo `npm start` seeds: README's table of who sees what holds for the four demo members (as
 * the demo host signs them in, with verified addresses), and the agent sees the members' requests as
 * verified and the two sent without an account as from an unverified sender.
 */
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { addDemoAgent } from '../support/agent-side.js';
import { demoMembers } from '../../server/seed/seed-content.js';
import { bearer, expectError, memberSession } from './helpers.js';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp({}, { conversations: true });
});
afterEach(() => t.close());

const signIn = (sub: string) => {
  const member = demoMembers.find((m) => m.sub === sub)!;
  return memberSession(t, { sub, email: member.email, email_verified: true, name: member.name, ...(member.org && { org: member.org }) });
};
const ids = async (token: string, scope: string) => {
  const response = await t.app.inject({ url: `/api/v1/sites/demo/requests?scope=${scope}`, headers: bearer(token) });
  if (response.statusCode === 403) return expectError(response, 403, 'scope_unavailable').code;
  expect(response.statusCode, response.body).toBe(200);
  return response
    .json()
    .requests.map((r: { id: number }) => r.id)
    .sort((a: number, b: number) => a - b);
};
const awaitingReply = async (token: string) =>
  (await t.app.inject({ url: '/api/v1/sites/demo/requests/summary', headers: bearer(token) })).json().awaitingReply;

describe('the demo seed', () => {
  test.each([
    ['Avery', 'nw-1001', { mine: [992, 997], ccd: [994], org: [992, 994, 995, 997], awaitingReply: 1 }],
    ['Jonas', 'nw-1002', { mine: [994, 995], ccd: [997], org: [992, 994, 995, 997], awaitingReply: 0 }],
    ['Mira', 'nw-1003', { mine: [991, 998], ccd: [993], org: [991, 998], awaitingReply: 0 }],
    ['Sam', 'nw-1004', { mine: [993, 996], ccd: [998], org: 'scope_unavailable', awaitingReply: 1 }],
  ] as const)('%s sees what README says', async (_name, sub, expected) => {
    const token = await signIn(sub);
    expect({ mine: await ids(token, 'mine'), ccd: await ids(token, 'ccd'), org: await ids(token, 'org'), awaitingReply: await awaitingReply(token) }).toEqual(
      expected,
    );
  });

  test('the agent sees members’ requests as verified, and the two sent without an account as from an unverified sender', async () => {
    const agent = await addDemoAgent(t, 'seed-check@northwind.example');
    const queue = await t.app.inject({ url: '/api/v1/agent/requests?limit=50&status=new,open,pending,hold,solved,closed', headers: bearer(agent) });
    const rows: { id: number; requester: { email: string }; senderVerified: boolean }[] = queue.json().requests;
    expect(rows).toHaveLength(10);
    const unverified = rows.filter((row) => !row.senderVerified);
    expect(unverified.map((row) => row.id).sort((a, b) => a - b)).toEqual([999, 1000]);
    expect(new Set(unverified.map((row) => row.requester.email))).toEqual(new Set(['pat.rivera@example.net']));
  });
});
