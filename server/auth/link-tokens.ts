/**
 * "A way back into the conversation": each customer mail links to the host page with
 * `#porthole=request/N&t=…`, a token for that one recipient and that one request, valid 30 days,
 * good for reading and replying only. Signed with the server's key under its own audience, so it
 * is never accepted as a session, and a session is never accepted as one of these.
 */
import type { FastifyInstance } from 'fastify';
import type { SiteRow } from '../db/sites.js';
import { ApiError } from '../errors.js';

const AUDIENCE = 'link';

export interface Links {
  customer(site: SiteRow, endUserId: string, number: number): string;
  agent(number: number): string;
  /** The recipient and request a link token was made for, or 401 token_invalid/token_expired. */
  verify(token: string, site: SiteRow): { endUserId: string; number: number };
}

export function createLinks(app: FastifyInstance): Links {
  const { clock, config } = app.porthole;
  return {
    customer(site, endUserId, number) {
      const token = app.jwt.sign({ sub: endUserId, site: site.id, req: number, aud: AUDIENCE }, { expiresIn: '30d', clockTimestamp: clock().getTime() });
      const url = new URL(site.supportUrl);
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
        throw new ApiError(401, expired ? 'token_expired' : 'token_invalid', expired ? 'This link has expired. Contact us again to get a new one.' : 'This link is not valid.');
      }
      if (claims.site !== site.id || typeof claims.sub !== 'string' || !Number.isInteger(claims.req)) throw new ApiError(401, 'token_invalid', 'This link is not valid.');
      return { endUserId: claims.sub, number: claims.req as number };
    },
  };
}
