/**
 * Compile-time proof that the PostgreSQL schema stores exactly the rows the port speaks of: each
 * table's inferred row must equal its rows.ts type, or `tsc` fails here (TS2344) — a column renamed,
 * retyped (say drizzle's `timestamp`, which gives a Date) or made nullable on one side only.
 * Nothing here runs.
 */
import type * as rows from '../rows.js';
import type * as pg from './schema.js';

type Flat<T> = { [K in keyof T]: T[K] };
/** Exactly the same type, not merely assignable either way (the optional/readonly/any-proof form). */
type Equal<A, B> = (<T>() => T extends Flat<A> ? 1 : 2) extends <T>() => T extends Flat<B> ? 1 : 2 ? true : false;
type Same<Table extends { $inferSelect: unknown }, Row> = Equal<Table['$inferSelect'], Row>;
type Holds<T extends true> = T;

export type SchemaParity = [
  Holds<Same<typeof pg.sites, rows.SiteRow>>,
  Holds<Same<typeof pg.categories, rows.CategoryRow>>,
  // `search` is PostgreSQL's generated full-text document: never selected as part of an article.
  Holds<Equal<Omit<(typeof pg.articles)['$inferSelect'], 'search'>, rows.ArticleRow>>,
  Holds<Same<typeof pg.articlePageRules, rows.PageRule & { id: string; siteId: string; articleId: string }>>,
  Holds<Same<typeof pg.organizations, rows.OrganizationRow>>,
  Holds<Same<typeof pg.endUsers, rows.EndUserRow>>,
  Holds<Same<typeof pg.requests, rows.RequestRow>>,
  Holds<Same<typeof pg.requestCcs, rows.RequestCcRow>>,
  Holds<Same<typeof pg.agents, rows.AgentRow>>,
  Holds<Same<typeof pg.comments, rows.CommentRow>>,
  Holds<Same<typeof pg.idempotencyKeys, rows.IdempotencyKeyRow>>,
  Holds<Same<typeof pg.usedTokenIds, rows.UsedTokenIdRow>>,
  Holds<Same<typeof pg.settings, rows.SettingRow>>,
  Holds<Same<typeof pg.agentSessions, rows.AgentSessionRow>>,
  Holds<Same<typeof pg.agentApiTokens, rows.ApiTokenRow>>,
  Holds<Same<typeof pg.outbox, rows.OutboxRow>>,
];
