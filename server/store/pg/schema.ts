/**
 * Every table Porthole stores, on PostgreSQL: the twin of the SQLite schema, with the same tables,
 * columns, constraints and indexes, in PostgreSQL's own types — timestamps as `timestamptz(3)` read
 * as ISO strings (columns.ts), booleans as boolean, JSON as jsonb. schema-parity.ts fails to compile
 * when a table here stops inferring its rows.ts type.
 *
 * Two things SQLite does differently: article search is a generated `tsvector` column with a GIN
 * index (SQLite keeps a hand-written FTS5 table), and `rate_windows` exists here only — several
 * instances count their rate limits together in it (SQLite's one process counts in memory).
 */
import { sql } from 'drizzle-orm';
import { bigint, boolean, index, integer, jsonb, pgTable, primaryKey, text, uniqueIndex, type AnyPgColumn } from 'drizzle-orm/pg-core';
import type { CategoryFieldRule } from '../../contract/rules.js';
import type {
  Locale,
  MailDigest,
  OutboxStatus,
  PlanTier,
  PortalLinkPurpose,
  RatingScore,
  RequestChannel,
  SignupPolicy,
  SiteTheme,
  StoredStatus,
  WebhookDeliveryStatus,
  WebhookEventType,
} from '../rows.js';
import { bytea, isoTime, tsvector } from './columns.js';
import { searchDocument } from './search-config.js';

export const sites = pgTable('sites', {
  id: text('id').primaryKey(),
  slug: text('slug').notNull().unique(),
  name: text('name').notNull(),
  color: text('color').notNull(),
  tier: text('tier').$type<PlanTier>().notNull(),
  tokenSecret: text('token_secret').notNull(),
  previousTokenSecret: text('previous_token_secret'),
  previousSecretValidUntil: isoTime('previous_secret_valid_until'),
  allowedOrigins: jsonb('allowed_origins').$type<string[]>().notNull(),
  supportUrl: text('support_url').notNull(),
  lastRequestNumber: integer('last_request_number').notNull().default(1000),
  locale: text('locale').$type<Locale>().notNull().default('en'),
  theme: text('theme').$type<SiteTheme>().notNull().default('auto'),
  createdAt: isoTime('created_at').notNull(),
  updatedAt: isoTime('updated_at').notNull(),
});

export const categories = pgTable(
  'categories',
  {
    id: text('id').primaryKey(),
    siteId: text('site_id')
      .notNull()
      .references(() => sites.id),
    name: text('name').notNull(),
    position: integer('position').notNull(),
    fields: jsonb('fields').$type<CategoryFieldRule[]>().notNull(),
  },
  (t) => [index('categories_site_idx').on(t.siteId, t.position)],
);

export const articles = pgTable(
  'articles',
  {
    id: text('id').primaryKey(),
    siteId: text('site_id')
      .notNull()
      .references(() => sites.id),
    /** Shared by the article's translations (one per locale). */
    slug: text('slug').notNull(),
    locale: text('locale').$type<Locale>().notNull().default('en'),
    title: text('title').notNull(),
    markdown: text('markdown').notNull(),
    html: text('html').notNull(),
    excerpt: text('excerpt').notNull(),
    popularity: integer('popularity').notNull().default(0),
    createdAt: isoTime('created_at').notNull(),
    updatedAt: isoTime('updated_at').notNull(),
    // The search policy's document (search-config.ts): title words weigh A, body words B.
    search: tsvector('search').notNull().generatedAlwaysAs(searchDocument),
  },
  (t) => [
    uniqueIndex('articles_site_slug_locale_idx').on(t.siteId, t.slug, t.locale),
    index('articles_site_popular_idx').on(t.siteId, t.popularity),
    index('articles_search_idx').using('gin', t.search),
  ],
);

export const articlePageRules = pgTable(
  'article_page_rules',
  {
    id: text('id').primaryKey(),
    siteId: text('site_id')
      .notNull()
      .references(() => sites.id),
    articleId: text('article_id')
      .notNull()
      .references(() => articles.id, { onDelete: 'cascade' }),
    origin: text('origin'),
    pathPrefix: text('path_prefix').notNull(),
  },
  (t) => [index('article_page_rules_site_idx').on(t.siteId)],
);

export const organizations = pgTable(
  'organizations',
  {
    id: text('id').primaryKey(),
    siteId: text('site_id')
      .notNull()
      .references(() => sites.id),
    externalId: text('external_id').notNull(),
    name: text('name').notNull(),
    createdAt: isoTime('created_at').notNull(),
  },
  (t) => [uniqueIndex('organizations_site_external_idx').on(t.siteId, t.externalId)],
);

export const endUsers = pgTable(
  'end_users',
  {
    id: text('id').primaryKey(),
    siteId: text('site_id')
      .notNull()
      .references(() => sites.id),
    externalId: text('external_id'),
    email: text('email').notNull(),
    emailVerified: boolean('email_verified').notNull().default(false),
    name: text('name'),
    organizationId: text('organization_id').references(() => organizations.id),
    /** The language of this person's latest request. */
    locale: text('locale').$type<Locale>(),
    createdAt: isoTime('created_at').notNull(),
    updatedAt: isoTime('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('end_users_site_external_idx').on(t.siteId, t.externalId),
    index('end_users_site_email_idx').on(t.siteId, t.email),
    // A contact by address (every anonymous submission looks one up): without it PostgreSQL walked the
    // site's every contact through the external-id index, 1.2 ms at 5,000 contacts and growing (bench/api).
    index('end_users_contact_email_idx')
      .on(t.siteId, t.email)
      .where(sql`${t.externalId} IS NULL`),
  ],
);

export const requests = pgTable(
  'requests',
  {
    id: text('id').primaryKey(),
    siteId: text('site_id')
      .notNull()
      .references(() => sites.id),
    number: integer('number').notNull(),
    categoryId: text('category_id')
      .notNull()
      .references(() => categories.id),
    requesterId: text('requester_id')
      .notNull()
      .references(() => endUsers.id),
    organizationId: text('organization_id').references(() => organizations.id),
    subject: text('subject').notNull(),
    status: text('status').$type<StoredStatus>().notNull(),
    fields: jsonb('fields').$type<Record<string, string>>().notNull(),
    createdAt: isoTime('created_at').notNull(),
    updatedAt: isoTime('updated_at').notNull(),
    solvedAt: isoTime('solved_at'),
    senderVerifiedAt: isoTime('sender_verified_at'),
    channel: text('channel').$type<RequestChannel>().notNull().default('web'),
    /** The closed request this one follows up; kept if that one is deleted (it only links). */
    followUpOf: text('follow_up_of').references((): AnyPgColumn => requests.id, { onDelete: 'set null' }),
    /** The language the requester wrote in; their mail about the request speaks it. */
    locale: text('locale').$type<Locale>().notNull().default('en'),
    /** The agent who owns the request (the team's, never shown to customers); null: nobody yet. */
    assigneeAgentId: text('assignee_agent_id').references((): AnyPgColumn => agents.id, { onDelete: 'set null' }),
  },
  (t) => [
    uniqueIndex('requests_site_number_idx').on(t.siteId, t.number),
    index('requests_site_assignee_idx').on(t.siteId, t.assigneeAgentId, t.status),
    index('requests_requester_activity_idx').on(t.requesterId, t.updatedAt, t.number),
    index('requests_org_activity_idx').on(t.organizationId, t.updatedAt, t.number),
    index('requests_site_status_idx').on(t.siteId, t.status, t.updatedAt),
  ],
);

export const requestCcs = pgTable(
  'request_ccs',
  {
    requestId: text('request_id')
      .notNull()
      .references(() => requests.id, { onDelete: 'cascade' }),
    endUserId: text('end_user_id')
      .notNull()
      .references(() => endUsers.id),
    createdAt: isoTime('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.requestId, t.endUserId] }), index('request_ccs_user_idx').on(t.endUserId)],
);

/** The requester's rating of a solved request (rows.ts RequestRatingRow); the satisfaction figure reads it by site and time. */
export const requestRatings = pgTable(
  'request_ratings',
  {
    requestId: text('request_id')
      .primaryKey()
      .references(() => requests.id, { onDelete: 'cascade' }),
    siteId: text('site_id')
      .notNull()
      .references(() => sites.id),
    score: text('score').$type<RatingScore>().notNull(),
    comment: text('comment'),
    ratedByEndUserId: text('rated_by_end_user_id')
      .notNull()
      .references(() => endUsers.id),
    ratedAt: isoTime('rated_at').notNull(),
  },
  (t) => [index('request_ratings_site_time_idx').on(t.siteId, t.ratedAt)],
);

export const agents = pgTable(
  'agents',
  {
    id: text('id').primaryKey(),
    siteId: text('site_id')
      .notNull()
      .references(() => sites.id),
    email: text('email').notNull(),
    name: text('name').notNull(),
    passwordHash: text('password_hash'),
    createdAt: isoTime('created_at').notNull(),
    removedAt: isoTime('removed_at'),
  },
  (t) => [uniqueIndex('agents_site_email_idx').on(t.siteId, t.email)],
);

export const comments = pgTable(
  'comments',
  {
    id: text('id').primaryKey(),
    requestId: text('request_id')
      .notNull()
      .references(() => requests.id, { onDelete: 'cascade' }),
    authorEndUserId: text('author_end_user_id').references(() => endUsers.id),
    authorAgentId: text('author_agent_id').references(() => agents.id),
    body: text('body').notNull(),
    public: boolean('public').notNull(),
    createdAt: isoTime('created_at').notNull(),
    /** A mailed reply from another address than its reply address's recipient (../rows.ts CommentRow). */
    sentFrom: text('sent_from'),
  },
  (t) => [index('comments_request_idx').on(t.requestId, t.createdAt)],
);

/** Uploaded files (rows.ts AttachmentRow); on PostgreSQL their bytes are in `file_chunks`. */
export const attachments = pgTable(
  'attachments',
  {
    id: text('id').primaryKey(),
    siteId: text('site_id')
      .notNull()
      .references(() => sites.id),
    uploaderEndUserId: text('uploader_end_user_id').references(() => endUsers.id),
    uploaderAgentId: text('uploader_agent_id').references(() => agents.id),
    onlyRequest: integer('only_request'),
    requestId: text('request_id').references(() => requests.id, { onDelete: 'cascade' }),
    commentId: text('comment_id').references(() => comments.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    contentType: text('content_type').notNull(),
    size: integer('size').notNull(),
    storageKey: text('storage_key').notNull(),
    createdAt: isoTime('created_at').notNull(),
    claimedAt: isoTime('claimed_at'),
  },
  (t) => [
    index('attachments_request_idx').on(t.requestId),
    index('attachments_unclaimed_idx').on(t.claimedAt, t.createdAt),
    index('attachments_site_key_idx').on(t.siteId, t.storageKey),
  ],
);

/**
 * The bytes of attachments on PostgreSQL, so every instance reads what any one wrote with no other
 * service: each file is a run of chunks (pg/file-chunks.ts), written as the upload arrives. No port
 * row describes them; only the file storage reads them.
 */
export const fileChunks = pgTable(
  'file_chunks',
  {
    siteId: text('site_id').notNull(),
    storageKey: text('storage_key').notNull(),
    seq: integer('seq').notNull(),
    bytes: bytea('bytes').notNull(),
    createdAt: isoTime('created_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.siteId, t.storageKey, t.seq] }),
    // Each file's first chunk by age: the sweep for chunks a crashed upload left reads only these.
    index('file_chunks_first_created_idx')
      .on(t.createdAt)
      .where(sql`${t.seq} = 0`),
  ],
);

export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    siteId: text('site_id')
      .notNull()
      .references(() => sites.id),
    scope: text('scope').notNull(),
    key: text('key').notNull(),
    bodyHash: text('body_hash').notNull(),
    statusCode: integer('status_code').notNull(),
    responseBody: text('response_body').notNull(),
    createdAt: isoTime('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.siteId, t.scope, t.key] }), index('idempotency_keys_created_idx').on(t.createdAt)],
);

export const usedTokenIds = pgTable(
  'used_token_ids',
  {
    siteId: text('site_id')
      .notNull()
      .references(() => sites.id),
    jti: text('jti').notNull(),
    expiresAt: isoTime('expires_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.siteId, t.jti] })],
);

export const settings = pgTable('settings', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
});

export const agentSessions = pgTable(
  'agent_sessions',
  {
    tokenHash: text('token_hash').primaryKey(),
    agentId: text('agent_id')
      .notNull()
      .references(() => agents.id, { onDelete: 'cascade' }),
    createdAt: isoTime('created_at').notNull(),
    lastSeenAt: isoTime('last_seen_at').notNull(),
  },
  (t) => [index('agent_sessions_agent_idx').on(t.agentId)],
);

export const agentApiTokens = pgTable('agent_api_tokens', {
  id: text('id').primaryKey(),
  agentId: text('agent_id')
    .notNull()
    .references(() => agents.id, { onDelete: 'cascade' }),
  name: text('name').notNull(),
  tokenHash: text('token_hash').notNull().unique(),
  createdAt: isoTime('created_at').notNull(),
  lastUsedAt: isoTime('last_used_at'),
  expiresAt: isoTime('expires_at'),
  revokedAt: isoTime('revoked_at'),
});

export const outbox = pgTable(
  'outbox',
  {
    id: text('id').primaryKey(),
    siteId: text('site_id')
      .notNull()
      .references(() => sites.id),
    requestId: text('request_id').references(() => requests.id, { onDelete: 'set null' }),
    kind: text('kind').notNull(),
    toEmail: text('to_email').notNull(),
    toMailbox: text('to_mailbox').notNull().default(''),
    toName: text('to_name'),
    toEndUserId: text('to_end_user_id').references(() => endUsers.id, { onDelete: 'set null' }),
    subject: text('subject').notNull(),
    text: text('text').notNull(),
    html: text('html').notNull(),
    status: text('status').$type<OutboxStatus>().notNull(),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: isoTime('next_attempt_at').notNull(),
    claimedUntil: isoTime('claimed_until'),
    lastError: text('last_error'),
    createdAt: isoTime('created_at').notNull(),
    sentAt: isoTime('sent_at'),
    digestHour: isoTime('digest_hour'),
    digest: jsonb('digest').$type<MailDigest>(),
  },
  (t) => [
    index('outbox_due_idx').on(t.status, t.nextAttemptAt),
    index('outbox_mailbox_idx').on(t.siteId, t.toMailbox, t.createdAt),
    // One digest per site, mailbox and hour: concurrent first changes of an hour meet here (ON CONFLICT).
    uniqueIndex('outbox_digest_idx').on(t.siteId, t.toMailbox, t.digestHour),
  ],
);

/**
 * Rate-limit windows shared by every instance (store/pg/window-counters.ts). UNLOGGED (hand-edited in
 * the migration): counters are cheap to lose in a crash and written on every limited request, so
 * they skip the WAL.
 */
export const rateWindows = pgTable(
  'rate_windows',
  {
    limitName: text('limit_name').notNull(),
    key: text('key').notNull(),
    count: integer('count').notNull(),
    /** When the window closes, in ms since the epoch of the app's clock (never the database's now()). */
    resetsAt: bigint('resets_at', { mode: 'number' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.limitName, t.key] })],
);

// ---- the Help Center's own accounts (the SQLite schema says what each is) -----------

export const portalSettings = pgTable('portal_settings', {
  siteId: text('site_id')
    .primaryKey()
    .references(() => sites.id),
  signupPolicy: text('signup_policy').$type<SignupPolicy>().notNull(),
});

export const siteMailSettings = pgTable('site_mail_settings', {
  siteId: text('site_id')
    .primaryKey()
    .references(() => sites.id),
  fromAddress: text('from_address'),
  dkimDomain: text('dkim_domain'),
  dkimSelector: text('dkim_selector'),
  dkimPrivateKey: text('dkim_private_key'),
});

export const organizationDomains = pgTable(
  'organization_domains',
  {
    siteId: text('site_id')
      .notNull()
      .references(() => sites.id),
    domain: text('domain').notNull(),
    organizationId: text('organization_id')
      .notNull()
      .references(() => organizations.id),
  },
  (t) => [primaryKey({ columns: [t.siteId, t.domain] })],
);

export const portalAccounts = pgTable(
  'portal_accounts',
  {
    id: text('id').primaryKey(),
    siteId: text('site_id')
      .notNull()
      .references(() => sites.id),
    email: text('email').notNull(),
    passwordHash: text('password_hash'),
    sessionGeneration: integer('session_generation').notNull().default(0),
    createdAt: isoTime('created_at').notNull(),
    updatedAt: isoTime('updated_at').notNull(),
  },
  (t) => [uniqueIndex('portal_accounts_site_email_idx').on(t.siteId, t.email)],
);

export const portalLinks = pgTable(
  'portal_links',
  {
    tokenHash: text('token_hash').primaryKey(),
    siteId: text('site_id')
      .notNull()
      .references(() => sites.id),
    email: text('email').notNull(),
    purpose: text('purpose').$type<PortalLinkPurpose>().notNull(),
    createdAt: isoTime('created_at').notNull(),
    expiresAt: isoTime('expires_at').notNull(),
    endedAt: isoTime('ended_at'),
    endedBy: text('ended_by').$type<'used' | 'superseded'>(),
  },
  (t) => [index('portal_links_address_idx').on(t.siteId, t.email, t.purpose)],
);

export const portalSessions = pgTable(
  'portal_sessions',
  {
    tokenHash: text('token_hash').primaryKey(),
    accountId: text('account_id')
      .notNull()
      .references(() => portalAccounts.id, { onDelete: 'cascade' }),
    generation: integer('generation').notNull(),
    createdAt: isoTime('created_at').notNull(),
    lastSeenAt: isoTime('last_seen_at').notNull(),
    passwordGrantUntil: isoTime('password_grant_until'),
  },
  (t) => [index('portal_sessions_account_idx').on(t.accountId)],
);

// ---- mail in (../rows.ts says what each is) -----------------------------------------------

export const replyAddresses = pgTable(
  'reply_addresses',
  {
    key: text('key').primaryKey(),
    siteId: text('site_id')
      .notNull()
      .references(() => sites.id),
    requestId: text('request_id')
      .notNull()
      .references(() => requests.id, { onDelete: 'cascade' }),
    endUserId: text('end_user_id')
      .notNull()
      .references(() => endUsers.id, { onDelete: 'cascade' }),
    createdAt: isoTime('created_at').notNull(),
  },
  // One address per (request, recipient), reused for every mail to them; racing senders meet here.
  (t) => [uniqueIndex('reply_addresses_request_user_idx').on(t.requestId, t.endUserId)],
);

export const inboundSettings = pgTable('inbound_settings', {
  siteId: text('site_id')
    .primaryKey()
    .references(() => sites.id),
  allowOtherSenders: boolean('allow_other_senders').notNull().default(false),
  address: text('address').unique(),
});

export const blockedSenders = pgTable(
  'blocked_senders',
  {
    siteId: text('site_id')
      .notNull()
      .references(() => sites.id),
    pattern: text('pattern').notNull(),
    createdAt: isoTime('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.siteId, t.pattern] })],
);

// ---- webhooks (issue 14) ------------------------------------------------------------

export const webhooks = pgTable(
  'webhooks',
  {
    id: text('id').primaryKey(),
    siteId: text('site_id')
      .notNull()
      .references(() => sites.id),
    url: text('url').notNull(),
    events: jsonb('events').$type<WebhookEventType[]>().notNull(),
    secret: text('secret').notNull(),
    createdAt: isoTime('created_at').notNull(),
    removedAt: isoTime('removed_at'),
  },
  (t) => [index('webhooks_site_idx').on(t.siteId)],
);

export const webhookDeliveries = pgTable(
  'webhook_deliveries',
  {
    id: text('id').primaryKey(),
    webhookId: text('webhook_id')
      .notNull()
      .references(() => webhooks.id),
    event: text('event').$type<WebhookEventType>().notNull(),
    payload: text('payload').notNull(),
    status: text('status').$type<WebhookDeliveryStatus>().notNull(),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: isoTime('next_attempt_at').notNull(),
    claimedUntil: isoTime('claimed_until'),
    lastStatusCode: integer('last_status_code'),
    lastError: text('last_error'),
    createdAt: isoTime('created_at').notNull(),
    deliveredAt: isoTime('delivered_at'),
  },
  (t) => [index('webhook_deliveries_due_idx').on(t.status, t.nextAttemptAt), index('webhook_deliveries_webhook_idx').on(t.webhookId, t.createdAt)],
);

// ---- the team's tools (issue 14): tags, saved replies, who has a request open --------------------

/** The team's labels on a request (normalized: contract/rules.ts normalizeTag); never shown to customers. */
export const requestTags = pgTable(
  'request_tags',
  {
    requestId: text('request_id')
      .notNull()
      .references(() => requests.id, { onDelete: 'cascade' }),
    tag: text('tag').notNull(),
  },
  (t) => [primaryKey({ columns: [t.requestId, t.tag] }), index('request_tags_tag_idx').on(t.tag)],
);

/** The team's shared answers; placeholders in a body are filled in when an agent inserts it. */
export const savedReplies = pgTable(
  'saved_replies',
  {
    id: text('id').primaryKey(),
    siteId: text('site_id')
      .notNull()
      .references(() => sites.id),
    title: text('title').notNull(),
    body: text('body').notNull(),
    createdAt: isoTime('created_at').notNull(),
    updatedAt: isoTime('updated_at').notNull(),
  },
  (t) => [uniqueIndex('saved_replies_site_title_idx').on(t.siteId, t.title)],
);

/** Who has a request open in the inbox, as of their last heartbeat. */
export const requestPresence = pgTable(
  'request_presence',
  {
    requestId: text('request_id')
      .notNull()
      .references(() => requests.id, { onDelete: 'cascade' }),
    agentId: text('agent_id')
      .notNull()
      .references(() => agents.id),
    seenAt: isoTime('seen_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.requestId, t.agentId] })],
);
