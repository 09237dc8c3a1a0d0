/**
 * A MemberScope as prepared statements bind it, for both adapters (their prepared.ts): the SQL is
 * built once per shape with placeholders (rules/visibility.ts accepts them), and each call binds the
 * scope's values by name. A scope's shape is what changes the SQL: how many identities, whether
 * organization requests count, whether it is a one-request session.
 */
import { sql, type Placeholder } from 'drizzle-orm';
import type { MemberScope } from '../types.js';
import type { ScopeValues } from './visibility.js';

const p = sql.placeholder;

/** Placeholders `name0…nameN-1` for a list bound one value each, and their values by name. */
export function listPlaceholders(name: string, count: number): Placeholder[] {
  return Array.from({ length: count }, (_, i) => p(`${name}${i}`));
}

export function listValues(name: string, values: readonly unknown[]): Record<string, unknown> {
  return Object.fromEntries(values.map((value, i) => [`${name}${i}`, value]));
}

export const scopeShape = (scope: MemberScope) =>
  `${scope.identityIds.length}|${scope.organizationId ? 'org' : '-'}|${scope.onlyRequest === null ? 'all' : 'one'}`;

export const scopePlaceholders = (scope: MemberScope): ScopeValues => ({
  siteId: p('siteId'),
  identities: listPlaceholders('identity', scope.identityIds.length),
  organizationId: scope.organizationId ? p('organizationId') : null,
  onlyRequest: scope.onlyRequest === null ? null : p('onlyRequest'),
});

export const bindScope = (scope: MemberScope) => ({
  siteId: scope.siteId,
  organizationId: scope.organizationId,
  onlyRequest: scope.onlyRequest,
  ...listValues('identity', scope.identityIds),
});
