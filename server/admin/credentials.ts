/**
 * The secrets admin commands hand out — first passwords and personal API tokens — and how they are
 * printed: once, to standard output, after they are stored (only as hashes), with what to do next.
 */
import { API_TOKEN_PREFIX } from '../auth/agent-auth.js';
import { hashSecret, newSecret } from '../auth/secrets.js';
import { generatePassword, hashPassword } from '../auth/passwords.js';
import { newId } from '../store/ids.js';
import type { NewApiToken } from '../store/types.js';
import type { AdminIo } from './command.js';

const DAY_MS = 24 * 60 * 60 * 1000;
export const DEFAULT_TOKEN_DAYS = 90;
export const MAX_TOKEN_DAYS = 365;

export async function newPassword(): Promise<{ password: string; passwordHash: string }> {
  const password = generatePassword();
  return { password, passwordHash: await hashPassword(password) };
}

export function printPassword(io: AdminIo, label: string, password: string): void {
  io.out(`${label}: ${password}`);
  io.out('The password is shown once and stored only as a hash: pass it to the agent now; they sign in to the inbox with their email.');
}

/** A personal API token for an agent that stops working `days` after `now`: the secret to print and the row to store. */
export function newApiToken(agentId: string, name: string, days: number, now: Date): { token: string; row: NewApiToken } {
  const token = newSecret(API_TOKEN_PREFIX);
  const row: NewApiToken = {
    id: newId('tok'),
    agentId,
    name,
    tokenHash: hashSecret(token),
    createdAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + days * DAY_MS).toISOString(),
  };
  return { token, row };
}

export function printApiToken(io: AdminIo, token: string, row: NewApiToken): void {
  io.out(`API token: ${token}`);
  io.out(`Token id ${row.id}; it stops working at ${row.expiresAt}.`);
  io.out('The token is shown once and stored only as a hash: programs send it as "Authorization: Bearer <token>" to /api/v1/agent/….');
}
