/**
 * Who is calling an agent route: a person in the inbox (a session cookie) or a program (a personal
 * API token as `Authorization: Bearer pat_…`). The cookie is `__Host-` prefixed, HttpOnly and
 * SameSite=Strict — but SameSite does not stop another port or subdomain of the same site, so every
 * write made with the cookie must also come from PUBLIC_URL's origin and carry a custom header,
 * which a cross-origin form or fetch cannot send without a preflight we never answer.
 * Sessions end after 12 hours idle or AGENT_SESSION_MAX_HOURS after sign-in; tokens when they
 * expire or are revoked (`npm run admin -- revoke-token`).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../config.js';
import type { AgentWithSite, SessionLimits } from '../store/types.js';
import { ApiError } from '../errors.js';
import { readCookie } from './cookies.js';
import { hashSecret } from './secrets.js';

export const AGENT_COOKIE = '__Host-porthole_agent';
export const AGENT_WRITE_HEADER = 'x-porthole-agent';
const HOUR_MS = 60 * 60 * 1000;
const AGENT_IDLE_MS = 12 * HOUR_MS;
export const API_TOKEN_PREFIX = 'pat_';

const signedOut = () => new ApiError(401, 'session_expired', 'Sign in to the inbox again.');

export const sessionCookieOf = (request: FastifyRequest) => readCookie(request, AGENT_COOKIE);

export function setSessionCookie(reply: FastifyReply, token: string | null): void {
  const attributes = 'Path=/; Secure; HttpOnly; SameSite=Strict';
  reply.header('set-cookie', token ? `${AGENT_COOKIE}=${token}; ${attributes}` : `${AGENT_COOKIE}=; ${attributes}; Max-Age=0`);
}

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
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    const fromInbox = request.headers.origin === new URL(config.publicUrl).origin && request.headers[AGENT_WRITE_HEADER] === '1';
    if (!fromInbox) throw new ApiError(403, 'origin_not_allowed', 'Inbox changes must come from the inbox page.');
  }
  const found = await store.agents.touchSession(hashSecret(cookie), agentSessionLimits(config, now), now.toISOString(), recordUse);
  if (!found) throw signedOut();
  return { ...found.agent, credentialEndsAt: latest(Date.parse(found.signedInAt) + config.agentSessionMaxHours * HOUR_MS) };
}
