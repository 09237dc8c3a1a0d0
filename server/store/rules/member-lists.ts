/**
 * A member's request lists and their badge count, as one query definition for both adapters: the
 * columns a list shows, its conditions (visibility, status filter, cursor) written with placeholders,
 * the shape key each adapter prepares it under, and the values bound per call (scope-binding.ts).
 */
import { and, eq, inArray, sql, type Column, type SQL } from 'drizzle-orm';
import type { StoredStatus } from '../rows.js';
import type { ListOptions, ListScope, MemberScope } from '../types.js';
import { olderThan } from './activity-order.js';
import type { Hints } from './hints.js';
import { bindScope, listPlaceholders, listValues, scopePlaceholders, scopeShape } from './scope-binding.js';
import { visibleTo, type VisibilityTables } from './visibility.js';

export interface ListTables extends VisibilityTables {
  requests: VisibilityTables['requests'] & { subject: Column; status: Column; createdAt: Column; updatedAt: Column };
}

const p = sql.placeholder;

/** Only what a list row shows: each row costs its mapping, presenting and serializing (bench/api). */
export const listColumns = <R extends ListTables['requests']>(requests: R): Pick<R, 'number' | 'subject' | 'status' | 'createdAt' | 'updatedAt'> => ({
  number: requests.number,
  subject: requests.subject,
  status: requests.status,
  createdAt: requests.createdAt,
  updatedAt: requests.updatedAt,
});

export const listShape = (scope: MemberScope, { list, statuses, after }: ListOptions) =>
  `list|${list}|${scopeShape(scope)}|${statuses?.length ?? 0}|${after ? 'after' : 'first'}`;

export const listConditions = (t: ListTables, hints: Hints, scope: MemberScope, { list, statuses, after }: ListOptions): SQL =>
  and(
    visibleTo(t, hints, scopePlaceholders(scope), list),
    statuses ? inArray(t.requests.status, listPlaceholders('status', statuses.length)) : undefined,
    after ? olderThan(t.requests, p('afterUpdatedAt'), p('afterNumber')) : undefined,
  )!;

/** The values for `listConditions` and the `limit` placeholder. */
export const listBinding = (scope: MemberScope, { statuses, after, limit }: ListOptions) => ({
  ...bindScope(scope),
  ...listValues('status', statuses ?? []),
  afterUpdatedAt: after?.updatedAt,
  afterNumber: after?.number,
  limit,
});

export const countShape = (scope: MemberScope, list: ListScope) => `count|${list}|${scopeShape(scope)}`;

export const countConditions = (t: ListTables, hints: Hints, scope: MemberScope, list: ListScope): SQL =>
  and(visibleTo(t, hints, scopePlaceholders(scope), list), eq(t.requests.status, p('status')))!;

export const countBinding = (scope: MemberScope, status: StoredStatus) => ({ ...bindScope(scope), status });
