import { randomBytes } from 'node:crypto';

/** Opaque ids made in code (not by the database), prefixed so a stray id says what it points at. */
export const newId = (prefix: string): string => `${prefix}_${randomBytes(12).toString('base64url')}`;
