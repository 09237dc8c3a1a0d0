/**
 * Setting a Help Center password, from the session a `set_password` link opened (portal-links.ts):
 * at least 10 characters and not one of the most common passwords. Every other session of the
 * account ends; the one that set it goes on.
 */
import type { Services } from './context.js';
import { hashSecret } from '../auth/secrets.js';
import { isCommonPassword } from '../auth/common-passwords.js';
import { hashPassword } from '../auth/passwords.js';
import { ApiError, validationFailed } from '../errors.js';
import { portalSession } from './portal-sessions.js';

export const PASSWORD_MIN = 10;
// scrypt hashes whatever it is given: a bound keeps one request from costing seconds.
export const PASSWORD_MAX = 256;

/** What is wrong with a new password, or undefined. */
export function passwordProblem(password: string): string | undefined {
  if ([...password].length < PASSWORD_MIN) return `must be at least ${PASSWORD_MIN} characters`;
  if (password.length > PASSWORD_MAX) return `must be at most ${PASSWORD_MAX} characters`;
  if (isCommonPassword(password)) return 'is one of the most common passwords: choose another';
  return undefined;
}

/** Sets the password in the session of `token`; returns how many other sessions ended. */
export async function setPassword(services: Services, siteId: string, token: string | undefined, password: string): Promise<{ endedSessions: number }> {
  const session = await portalSession(services, siteId, token);
  const now = services.clock();
  if (!session.passwordGrantUntil || Date.parse(session.passwordGrantUntil) <= now.getTime()) {
    throw new ApiError(403, 'password_link_needed', 'To set a password, open the newest link we mailed you (or ask for one).');
  }
  const problem = passwordProblem(password);
  if (problem) throw validationFailed({ password: problem });
  const endedSessions = await services.store.portal.setPassword(session.account.id, await hashPassword(password), hashSecret(token!), now.toISOString());
  return { endedSessions };
}
