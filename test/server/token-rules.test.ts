// The host-token verifier's settings are security decisions, not tuning knobs: this holds them in place.
import { describe, expect, it } from 'vitest';
import { HOST_TOKEN_RULES } from '../../server/auth/host-token.js';
import { MEMBER_SESSION_MS } from '../../server/auth/member-session.js';

describe('the host-token verifier', () => {
  it('pins HS256, requires iat, exp, jti and sub, allows 60 s of skew (in ms) and tokens of at most an hour', () => {
    expect(HOST_TOKEN_RULES).toEqual({
      algorithms: ['HS256'],
      requiredClaims: ['iat', 'exp', 'jti', 'sub'],
      clockToleranceMs: 60_000,
      maxLifetimeSeconds: 3_600,
    });
  });

  it('issues member sessions that last 15 minutes', () => {
    expect(MEMBER_SESSION_MS).toBe(15 * 60 * 1000);
  });
});
