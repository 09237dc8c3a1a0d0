/**
 * Verifies the member token a host site signs with its secret. Everything is pinned: HS256 only
 * (`none`, HS512 and RS256 headers are refused before any key is used), `iat`/`exp`/`jti`/`sub`
 * required, at most an hour between `iat` and `exp`, 60 s of clock skew either way. Replay
 * (`jti` seen before) is checked by the caller against the database, after the signature.
 */
import { createVerifier, TokenError } from 'fast-jwt';
import { isEmail, LIMITS, lineProblem, normalizeEmail } from '../contract/rules.js';
import { ApiError } from '../errors.js';
import type { MemberClaims } from '../store/types.js';

/** The verifier's fixed options, exported so a test can hold them in place. fast-jwt counts in milliseconds. */
export const HOST_TOKEN_RULES = {
  algorithms: ['HS256'] as const,
  requiredClaims: ['iat', 'exp', 'jti', 'sub'],
  clockToleranceMs: 60_000,
  maxLifetimeSeconds: 3_600,
};

/** What a member's sign-in stores (db/members.ts), as the token carries it. */
export type HostClaims = Omit<MemberClaims, 'expiresAt'> & {
  /** Expiry of the token, seconds since the epoch (used to expire the replay record). */
  exp: number;
};

const refuse = (code: 'token_invalid' | 'token_expired', message: string) => new ApiError(401, code, message);

/** Tries each secret in turn (the current one, then a rotated-out one still in its grace period). */
export function verifyHostToken(token: string, secrets: string[], now: Date): HostClaims {
  let lastError: unknown;
  for (const secret of secrets) {
    try {
      return checkClaims(verifyWith(token, secret, now), now);
    } catch (error) {
      lastError = error;
      // Only a wrong signature is worth trying the next secret for.
      if (!(error instanceof TokenError && error.code === TokenError.codes.invalidSignature)) break;
    }
  }
  if (lastError instanceof ApiError) throw lastError;
  if (lastError instanceof TokenError && lastError.code === TokenError.codes.expired) throw refuse('token_expired', 'The sign-in token has expired.');
  throw refuse('token_invalid', 'The sign-in token is not valid.');
}

function verifyWith(token: string, secret: string, now: Date): Record<string, unknown> {
  const verify = createVerifier({
    key: secret,
    algorithms: [...HOST_TOKEN_RULES.algorithms],
    requiredClaims: HOST_TOKEN_RULES.requiredClaims,
    clockTolerance: HOST_TOKEN_RULES.clockToleranceMs,
    maxAge: (HOST_TOKEN_RULES.maxLifetimeSeconds + HOST_TOKEN_RULES.clockToleranceMs / 1000) * 1000,
    clockTimestamp: now.getTime(),
    cache: false,
  });
  return verify(token) as Record<string, unknown>;
}

// The claims are shown (names) or stored as keys (ids) like any single-line text people type: the same rule.
const text = (value: unknown, max: number): value is string =>
  typeof value === 'string' && value.trim().length > 0 && value.length <= max && !lineProblem(value);

function checkClaims(claims: Record<string, unknown>, now: Date): HostClaims {
  const { sub, email, email_verified: emailVerified, name, org, jti, iat, exp } = claims;
  if (typeof iat !== 'number' || typeof exp !== 'number') throw refuse('token_invalid', 'The sign-in token needs numeric iat and exp.');
  if (exp <= iat) throw refuse('token_invalid', 'The sign-in token expires before it was issued.');
  if (exp - iat > HOST_TOKEN_RULES.maxLifetimeSeconds) throw refuse('token_invalid', 'The sign-in token may live one hour at most.');
  if (iat * 1000 > now.getTime() + HOST_TOKEN_RULES.clockToleranceMs) throw refuse('token_invalid', 'The sign-in token was issued in the future.');
  if (!text(sub, 255) || !text(jti, 255)) throw refuse('token_invalid', 'The sign-in token needs sub and jti.');
  if (typeof email !== 'string' || !isEmail(normalizeEmail(email))) throw refuse('token_invalid', 'The sign-in token needs a valid email.');
  if (name !== undefined && name !== null && (typeof name !== 'string' || (name.trim() !== '' && !text(name, LIMITS.name)))) {
    throw refuse('token_invalid', 'The sign-in token has an invalid name.');
  }
  let organization: HostClaims['org'] = null;
  if (org !== undefined && org !== null) {
    const { id, name: orgName } = org as Record<string, unknown>;
    if (typeof org !== 'object' || !text(id, 255) || !text(orgName, LIMITS.name)) throw refuse('token_invalid', 'The sign-in token has an invalid org.');
    organization = { id, name: orgName };
  }
  return {
    sub,
    email: normalizeEmail(email),
    emailVerified: emailVerified === true,
    name: typeof name === 'string' && name.trim() ? name.trim() : null,
    org: organization,
    jti,
    exp,
  };
}
