/**
 * Compile-time proof that each adapter's schema stores exactly the rows of rows.ts: `tsc` fails
 * (TS2344 on the line of the drifted engine) when a column is added, dropped, renamed or retyped in
 * one schema but not in rows.ts. Nothing here runs; `npx tsc --noEmit` is the check.
 */
import type * as sqlite from './sqlite/schema.js';
import type {
  AgentRow,
  AgentSessionRow,
  AttachmentRow,
  ApiTokenRow,
  ArticlePageRuleRow,
  ArticleRow,
  CategoryRow,
  CommentRow,
  BlockedSenderRow,
  EndUserRow,
  InboundSettingRow,
  IdempotencyKeyRow,
  OrganizationDomainRow,
  OrganizationRow,
  OutboxRow,
  PortalAccountRow,
  PortalLinkRow,
  PortalSessionRow,
  PortalSettingRow,
  ReplyAddressRow,
  RequestCcRow,
  RequestPresenceRow,
  RequestRatingRow,
  RequestTagRow,
  SavedReplyRow,
  RequestRow,
  SettingRow,
  SiteMailSettingRow,
  SiteRow,
  UsedTokenIdRow,
  WebhookDeliveryRow,
  WebhookRow,
} from './rows.js';

/** True only when A and B are the same type (not merely assignable either way). */
export type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;

/** Every table a schema module exports, by its export name, as the row it selects. */
export type RowsOf<Schema> = {
  [K in keyof Schema as Schema[K] extends { $inferSelect: object } ? K : never]: Schema[K] extends { $inferSelect: infer R } ? R : never;
};

/** What each table must select, by the export name both schemas use. */
export interface StoreRows {
  sites: SiteRow;
  categories: CategoryRow;
  articles: ArticleRow;
  articlePageRules: ArticlePageRuleRow;
  organizations: OrganizationRow;
  endUsers: EndUserRow;
  requests: RequestRow;
  requestCcs: RequestCcRow;
  requestRatings: RequestRatingRow;
  agents: AgentRow;
  comments: CommentRow;
  attachments: AttachmentRow;
  idempotencyKeys: IdempotencyKeyRow;
  usedTokenIds: UsedTokenIdRow;
  settings: SettingRow;
  agentSessions: AgentSessionRow;
  agentApiTokens: ApiTokenRow;
  outbox: OutboxRow;
  portalSettings: PortalSettingRow;
  siteMailSettings: SiteMailSettingRow;
  organizationDomains: OrganizationDomainRow;
  portalAccounts: PortalAccountRow;
  portalLinks: PortalLinkRow;
  portalSessions: PortalSessionRow;
  replyAddresses: ReplyAddressRow;
  inboundSettings: InboundSettingRow;
  blockedSenders: BlockedSenderRow;
  webhooks: WebhookRow;
  webhookDeliveries: WebhookDeliveryRow;
  requestTags: RequestTagRow;
  savedReplies: SavedReplyRow;
  requestPresence: RequestPresenceRow;
}

/** The tables whose row drifted from rows.ts, and tables rows.ts does not know: `never` when in step. */
export type Drifted<Schema> =
  | { [K in keyof StoreRows]: K extends keyof RowsOf<Schema> ? (Equal<RowsOf<Schema>[K], StoreRows[K]> extends true ? never : K) : K }[keyof StoreRows]
  | Exclude<keyof RowsOf<Schema>, keyof StoreRows>;

/** A drift fails here as "Type '\"outbox\"' does not satisfy the constraint 'never'", naming the table. */
export type InStep<T extends never> = T;

export type SqliteInStep = InStep<Drifted<typeof sqlite>>;
