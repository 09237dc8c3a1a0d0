/**
 * Random secrets (session tokens, API tokens, link tokens, site secrets) and how they are stored:
 * only as a SHA-256 hash, so a copy of the database signs nobody in. Shared by the inbox's, the
 * Help Center's and the admin command's credentials.
 */
import { createHash, randomBytes } from 'node:crypto';

export const hashSecret = (value: string): string => createHash('sha256').update(value).digest('hex');
export const newSecret = (prefix = ''): string => `${prefix}${randomBytes(32).toString('base64url')}`;
