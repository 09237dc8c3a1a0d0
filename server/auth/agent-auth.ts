/**
 * Who is calling an agent route: a person in the inbox (a session cookie) or a program (a personal
 * API token as `Authorization: Bearer pat_…`). The cookie is Secure, HttpOnly, SameSite=Strict and
 * goes to the agent API only (Path=/api/v1/agent): the Help Center's pages share the origin and
 * never receive it, nor do the inbox's own pages, which ask GET /me. SameSite does not stop another
 * port or subdomain of the same site, so every write made with the cookie must also come from
 * PUBLIC_URL's origin and carry the session's CSRF token (auth/csrf.ts), which sign-in and GET /me
 * hand to the inbox page and no other page can read. An API token needs neither: a program sends it
 * itself, and no browser adds it to a forged request.
 * Sessions end after 12 hours idle or AGENT_SESSION_MAX_HOURS after sign-in; tokens when they
 * expire or are revoked (`npm run admin -- revoke-token`).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../config.js';
import type { AgentWithSite, SessionLimits } from '../store/types.js';
import { ApiError } from '../errors.js';
import { readCookie } from './cookies.js';
import { CSRF_HEADER } from './csrf.js';
import { hashSecret } from './secrets.js';

// `__Secure-`, not `__Host-`: a `__Host-` cookie must have Path=/, and so would reach every page.
export const AGENT_COOKIE = '__Secure-porthole_agent';
const AGENT_COOKIE_PATH = '/api/v1/agent';
/**
 * Tells the inbox page (Path=/agent) that this browser signed in and has not signed out since, so a
 * page without it shows sign-in at once (routes/agent/inbox-page.ts). It grants nothing.
 */
export const INBOX_SIGNED_IN_COOKIE = '__Secure-porthole_inbox';
const INBOX_PAGE_PATH = '/agent';
/** The session cookie before it was scoped to the agent API: Path=/, so sent with every page. */
const FORMER_AGENT_COOKIE = '__Host-porthole_agent';
const HOUR_MS = 60 * 60 * 1000;
const AGENT_IDLE_MS = 12 * HOUR_MS;
export const API_TOKEN_PREFIX = 'pat_';

const signedOut = () => new ApiError(401, 'session_expired', 'Sign in to the inbox again.');

export const sessionCookieOf = (request: FastifyRequest) => readCookie(request, AGENT_COOKIE);

const cookieHeader = (name: string, path: string, value: string | null) =>
  `${name}=${value ?? ''}; Path=${path}; Secure; HttpOnly; SameSite=Strict${value === null ? '; Max-Age=0' : ''}`;

/** Sets the inbox cookies after sign-in (`token`), or clears them at sign-out (`null`). */
export function setSessionCookie(reply: FastifyReply, token: string | null): void {
  reply.header('set-cookie', [
    cookieHeader(AGENT_COOKIE, AGENT_COOKIE_PATH, token),
    cookieHeader(INBOX_SIGNED_IN_COOKIE, INBOX_PAGE_PATH, token && '1'),
    // Browsers of agents signed in before the cookie moved still hold the old one and send it to every page; it
    // works no more, and an agent holding it cannot sign out with it, so both sign-in and sign-out drop it.
    cookieHeader(FORMER_AGENT_COOKIE, '/', null),
  ]);
}

/** Whether the inbox page's request came with the signed-in mark (see INBOX_SIGNED_IN_COOKIE). */
export const hasSignedInMark = (request: FastifyRequest) => readCookie(request, INBOX_SIGNED_IN_COOKIE) !== undefined;

/** The CSRF token the inbox page must send with every write made with the session cookie `session`. */
export const agentCsrfToken = (app: FastifyInstance, session: string) => app.porthole.csrf.tokenFor('agent', session);

/**
 * The oldest last use and sign-in an inbox session may have at `now`: 12 hours idle ends it, and so
 * does AGENT_SESSION_MAX_HOURS since sign-in — a cookie someone else took keeps working only so long,
 * however often they use it.
 */
export function agentSessionLimits(config: Config, now: Date): SessionLimits {
  return {
    idleSince: new Date(now.getTime() - AGENT_IDLE_MS).toISOString(),
    startedSince: new Date(now.getTime() - config.agentSessionMaxHours * HOUR_MS).toISOString(),
  };
}

export interface AuthenticatedAgent extends AgentWithSite {
  /**
   * When what this request was made with stops working, at the latest (ms since the epoch): the
   * session's or token's end, but never more than 12 hours ahead, so a live stream re-authenticates.
   */
  credentialEndsAt: number;
  /** For a session cookie, the CSRF token its writes carry; none for an API token. */
  csrfToken?: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    agent?: AgentWithSite;
  }
}

/**
 * The agent behind a request, or 401. Sessions and tokens are read from the database on every
 * request, never cached, so a revoked or expired token, a removed agent and the sessions a password
 * reset ended are refused from the very next request on.
 */
export const authenticateAgent = (app: FastifyInstance, request: FastifyRequest): Promise<AuthenticatedAgent> => resolveAgent(app, request, true);

/**
 * Whether what a request was made with still works, without counting as a use (an open live stream
 * asks this every few seconds; it must not keep an idle session alive).
 */
export const agentCredentialStillValid = (app: FastifyInstance, request: FastifyRequest): Promise<boolean> =>
  resolveAgent(app, request, false).then(
    () => true,
    () => false,
  );

async function resolveAgent(app: FastifyInstance, request: FastifyRequest, recordUse: boolean): Promise<AuthenticatedAgent> {
  const { store, clock, config } = app.porthole;
  const now = clock();
  const latest = (end: number) => Math.min(end, now.getTime() + AGENT_IDLE_MS);
  const authorization = request.headers.authorization;
  if (authorization !== undefined) {
    const token = /^Bearer (pat_[A-Za-z0-9_-]{20,100})$/.exec(authorization)?.[1];
    const found = token && (await store.agents.byApiToken(hashSecret(token), now.toISOString(), recordUse));
    if (!found) throw signedOut();
    return { ...found.agent, credentialEndsAt: latest(found.expiresAt ? Date.parse(found.expiresAt) : Infinity) };
  }
  const cookie = sessionCookieOf(request);
  if (!cookie) throw signedOut();
  if (request.method !== 'GET' && request.method !== 'HEAD') refuseForgedWrite(app, request, cookie);
  const found = await store.agents.touchSession(hashSecret(cookie), agentSessionLimits(config, now), now.toISOString(), recordUse);
  if (!found) throw signedOut();
  return {
    ...found.agent,
    credentialEndsAt: latest(Date.parse(found.signedInAt) + config.agentSessionMaxHours * HOUR_MS),
    csrfToken: agentCsrfToken(app, cookie),
  };
}

/** A write made with the session cookie comes from the inbox page: PUBLIC_URL's origin and that session's CSRF token. */
function refuseForgedWrite(app: FastifyInstance, request: FastifyRequest, session: string): void {
  if (request.headers.origin !== new URL(app.porthole.config.publicUrl).origin) {
    throw new ApiError(403, 'origin_not_allowed', 'Inbox changes must come from the inbox page.');
  }
  if (request.headers[CSRF_HEADER] === undefined) {
    throw new ApiError(403, 'csrf_token_missing', 'Inbox changes must carry the inbox’s security token. Reload the inbox and try again.');
  }
  if (!app.porthole.csrf.carries(request, 'agent', session)) {
    throw new ApiError(403, 'csrf_token_invalid', 'The inbox’s security token is not this session’s. Reload the inbox and try again.');
  }
}
