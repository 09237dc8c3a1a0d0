/**
 * The Help Center's sign-in endpoints (`…/portal/*`), on the panel's one fetch client. These are
 * the only calls that carry a cookie — the portal session's, HttpOnly and scoped to them — and each
 * write sends the page's CSRF token (from the server-rendered `data-csrf`) with a JSON body.
 */
import type { Static } from 'typebox';
import type { PortalLinkAnswer, PortalLinkRequest, PortalPasswordSet, PortalSessionBody, SessionBody } from '../../server/contract/types.js';
import type { ApiClient } from '../panel/api.js';
import { CSRF_HEADER } from '../../server/contract/rules.js';

export function portalApi({ call }: ApiClient, csrf: string) {
  const send = (method: 'POST' | 'DELETE', body: unknown = {}): RequestInit => ({
    method,
    credentials: 'same-origin',
    headers: { 'content-type': 'application/json', [CSRF_HEADER]: csrf },
    body: JSON.stringify(body),
  });
  return {
    /** Same answer for every address: the server never says whether it knows one. */
    requestLink: (body: PortalLinkRequest) => call<Static<typeof PortalLinkAnswer>>('portal/links', send('POST', body)),
    spendLink: (token: string) => call<PortalSessionBody>('portal/links/spend', send('POST', { token })),
    setPassword: (password: string) => call<Static<typeof PortalPasswordSet>>('portal/password', send('POST', { password })),
    session: () => call<PortalSessionBody>('portal/session', { credentials: 'same-origin' }),
    signIn: (email: string, password: string) => call<PortalSessionBody>('portal/session', send('POST', { email, password })),
    signOut: () => call<void>('portal/session', send('DELETE')),
    signOutEverywhere: () => call<{ endedSessions: number }>('portal/sessions', send('DELETE')),
    /** A member session for the member API (lists, a request, replies, live events) as the portal user. */
    memberSession: () => call<SessionBody>('portal/member-session', send('POST')),
  };
}

export type PortalApi = ReturnType<typeof portalApi>;
