/**
 * "A way back into the conversation": each customer mail links to the host page with
 * `#porthole=request/N&t=…`, a token for that one recipient and that one request, valid 30 days,
 * good for reading and replying only. Signed with the server's key under its own audience, so it
 * is never accepted as a session, and a session is never accepted as one of these.
 *
 * The host page's widget opens it only for the host's members (it is where they sign in); anyone
 * else — and everyone, when the site has no host page — gets the same fragment on the request's
 * address in the Help Center, which opens that one request the same way, never a portal session.
 */
import type { FastifyInstance } from 'fastify';
import { createSigner } from 'fast-jwt';
import type { SiteRow } from '../store/rows.js';
import type { Person } from '../store/types.js';
import { ApiError } from '../errors.js';

const AUDIENCE = 'link';
const LIFETIME_MS = 30 * 24 * 60 * 60 * 1000;

export interface Links {
  customer(site: SiteRow, recipient: Pick<Person, 'id' | 'externalId'>, number: number): string;
  agent(number: number): string;
  /** The recipient and request a link token was made for, or 401 token_invalid/token_expired. */
  verify(token: string, site: SiteRow): { endUserId: string; number: number };
}

/** `secret`: the server's key, the one member sessions are signed with (@fastify/jwt's, in app.ts). */
export function createLinks(app: FastifyInstance, secret: string): Links {
  const { clock, config } = app.porthole;
  // Built once: every request's receipt signs a link, and a signer per call (as @fastify/jwt makes
  // one when given options) cost 6 % of a submission (bench/api). `iat` comes from the app's clock.
  const sign = createSigner({ key: secret, algorithm: 'HS256', expiresIn: LIFETIME_MS });
  return {
    customer(site, recipient, number) {
      const token = sign({ sub: recipient.id, site: site.id, req: number, aud: AUDIENCE, iat: Math.floor(clock().getTime() / 1000) });
      const onHostPage = site.supportUrl !== '' && recipient.externalId !== null;
      const url = new URL(onHostPage ? site.supportUrl : `${config.publicUrl}/help/${encodeURIComponent(site.slug)}/requests/${number}`);
      url.hash = `porthole=request/${number}&t=${token}`;
      return url.href;
    },
    agent: (number) => `${config.publicUrl}/agent/requests/${number}`,
    verify(token, site) {
      let claims: { sub?: unknown; site?: unknown; req?: unknown };
      try {
        claims = app.jwt.verify(token, { allowedAud: AUDIENCE, requiredClaims: ['exp', 'sub', 'site', 'req', 'aud'], clockTimestamp: clock().getTime() });
      } catch (error) {
        const expired = (error as { code?: string }).code === 'FAST_JWT_EXPIRED';
        throw new ApiError(
          401,
          expired ? 'token_expired' : 'token_invalid',
          expired ? 'This link has expired. Contact us again to get a new one.' : 'This link is not valid.',
        );
      }
      if (claims.site !== site.id || typeof claims.sub !== 'string' || !Number.isInteger(claims.req))
        throw new ApiError(401, 'token_invalid', 'This link is not valid.');
      return { endUserId: claims.sub, number: claims.req as number };
    },
  };
}
