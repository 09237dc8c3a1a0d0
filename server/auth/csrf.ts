/**
 * Cross-site request forgery tokens, one rule for the inbox and the Help Center: a token is an HMAC,
 * under the server's key, of something the browser already holds in an HttpOnly cookie (the inbox's
 * session, the Help Center's per-browser cookie), for one purpose. A page of the server's origin
 * receives it in what it is served or answered, and sends it back in the `x-porthole-csrf` header.
 * Another origin cannot read it, a cookie planted by a sibling host cannot come with it (it takes
 * the key), and nothing is stored: any instance checks any token.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { CSRF_HEADER } from '../contract/rules.js';

export { CSRF_HEADER };

export type CsrfPurpose = 'agent' | 'portal';

export interface Csrf {
  /** The token for `held` (the cookie's value) and `purpose`. */
  tokenFor(purpose: CsrfPurpose, held: string): string;
  /** Whether the request's header carries the token for `held`; false when either is missing. */
  carries(request: FastifyRequest, purpose: CsrfPurpose, held: string | undefined): boolean;
}

export function createCsrf(secret: string): Csrf {
  const tokenFor = (purpose: CsrfPurpose, held: string) => createHmac('sha256', secret).update(`csrf\n${purpose}\n${held}`).digest('base64url');
  return {
    tokenFor,
    carries(request, purpose, held) {
      const offered = request.headers[CSRF_HEADER];
      if (!held || typeof offered !== 'string') return false;
      const expected = Buffer.from(tokenFor(purpose, held));
      const given = Buffer.from(offered);
      return given.length === expected.length && timingSafeEqual(given, expected);
    },
  };
}
