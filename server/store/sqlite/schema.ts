/**
 * Every table the SQLite adapter stores, in one place; each infers exactly its row type in
 * ../rows.ts (../schema-parity.ts fails to compile on drift). Ids and timestamps are made in code
 * (not by SQLite), so the PostgreSQL twin stores the same model. Timestamps are ISO-8601 UTC strings.
 * The article full-text index (`articles_fts`) is an FTS5 table created by a hand-written migration,
 * because drizzle does not model virtual tables.
 */
import { sql } from 'drizzle-orm';
import { sqliteTable, text, integer, uniqueIndex, index, primaryKey, type AnySQLiteColumn } from 'drizzle-orm/sqlite-core';
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

export type { MailDigest, OutboxStatus, PlanTier, StoredStatus };

export const sites = sqliteTable('sites', {
  id: text('id').primaryKey(),
  slug: text('slug').notNull().unique(),
  name: text('name').notNull(),
  color: text('color').notNull(),
  tier: text('tier').$type<PlanTier>().notNull(),
  tokenSecret: text('token_secret').notNull(),
  previousTokenSecret: text('previous_token_secret'),
  previousSecretValidUntil: text('previous_secret_valid_until'),
  allowedOrigins: text('allowed_origins', { mode: 'json' }).$type<string[]>().notNull(),
  supportUrl: text('support_url').notNull(),
  /** Last request number handed out; numbers are per site and shown to people as #1042. */
  lastRequestNumber: integer('last_request_number').notNull().default(1000),
  locale: text('locale').$type<Locale>().notNull().default('en'),
  theme: text('theme').$type<SiteTheme>().notNull().default('auto'),
  createdAt: text('created_at').notNull(),
  updatedAt: text('updated_at').notNull(),
});

export const categories = sqliteTable(
  'categories',
  {
    id: text('id').primaryKey(),
    siteId: text('site_id')
      .notNull()
      .references(() => sites.id),
    name: text('name').notNull(),
    position: integer('position').notNull(),
    fields: text('fields', { mode: 'json' }).$type<CategoryFieldRule[]>().notNull(),
  },
  (t) => [index('categories_site_idx').on(t.siteId, t.position)],
);

export const articles = sqliteTable(
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
    /** Rendered and sanitized once, when the article is written. */
    html: text('html').notNull(),
    excerpt: text('excerpt').notNull(),
    popularity: integer('popularity').notNull().default(0),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [uniqueIndex('articles_site_slug_locale_idx').on(t.siteId, t.slug, t.locale), index('articles_site_popular_idx').on(t.siteId, t.popularity)],
);

/** "Suggest this article on host pages whose path starts with …" (optionally only on one origin). */
export const articlePageRules = sqliteTable(
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

export const organizations = sqliteTable(
  'organizations',
  {
    id: text('id').primaryKey(),
    siteId: text('site_id')
      .notNull()
      .references(() => sites.id),
    /** The organization's id on the host site (`org.id` in member tokens). */
    externalId: text('external_id').notNull(),
    name: text('name').notNull(),
    createdAt: text('created_at').notNull(),
  },
  (t) => [uniqueIndex('organizations_site_external_idx').on(t.siteId, t.externalId)],
);

/**
 * People who write to support: members known to the host (`externalId` = token `sub`) and
 * anonymous contacts known only by an email address (`externalId` null).
 */
export const endUsers = sqliteTable(
  'end_users',
  {
    id: text('id').primaryKey(),
    siteId: text('site_id')
      .notNull()
      .references(() => sites.id),
    externalId: text('external_id'),
    email: text('email').notNull(),
    emailVerified: integer('email_verified', { mode: 'boolean' }).notNull().default(false),
    name: text('name'),
    organizationId: text('organization_id').references(() => organizations.id),
    /** The language of this person's latest request. */
    locale: text('locale').$type<Locale>(),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
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

export const requests = sqliteTable(
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
    fields: text('fields', { mode: 'json' }).$type<Record<string, string>>().notNull(),
    createdAt: text('created_at').notNull(),
    /** Last activity: what "newest activity first" sorts on. */
    updatedAt: text('updated_at').notNull(),
    solvedAt: text('solved_at'),
    /**
     * When the sender was shown to own the requester's address (../rules/visibility.ts): at creation for
     * a member's request, when a link mailed to that address for it is opened for an anonymous one.
     * Null: unverified — anyone can type an address.
     */
    senderVerifiedAt: text('sender_verified_at'),
    channel: text('channel').$type<RequestChannel>().notNull().default('web'),
    /** The closed request this one follows up; kept if that one is deleted (it only links). */
    followUpOf: text('follow_up_of').references((): AnySQLiteColumn => requests.id, { onDelete: 'set null' }),
    /** The language the requester wrote in; their mail about the request speaks it. */
    locale: text('locale').$type<Locale>().notNull().default('en'),
    /** The agent who owns the request (the team's, never shown to customers); null: nobody yet. */
    assigneeAgentId: text('assignee_agent_id').references((): AnySQLiteColumn => agents.id, { onDelete: 'set null' }),
  },
  (t) => [
    uniqueIndex('requests_site_number_idx').on(t.siteId, t.number),
    index('requests_site_assignee_idx').on(t.siteId, t.assigneeAgentId, t.status),
    index('requests_requester_activity_idx').on(t.requesterId, t.updatedAt, t.number),
    index('requests_org_activity_idx').on(t.organizationId, t.updatedAt, t.number),
    index('requests_site_status_idx').on(t.siteId, t.status, t.updatedAt),
  ],
);

export const requestCcs = sqliteTable(
  'request_ccs',
  {
    requestId: text('request_id')
      .notNull()
      .references(() => requests.id, { onDelete: 'cascade' }),
    endUserId: text('end_user_id')
      .notNull()
      .references(() => endUsers.id),
    createdAt: text('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.requestId, t.endUserId] }), index('request_ccs_user_idx').on(t.endUserId)],
);

/** The requester's rating of a solved request (rows.ts RequestRatingRow); the satisfaction figure reads it by site and time. */
export const requestRatings = sqliteTable(
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
    ratedAt: text('rated_at').notNull(),
  },
  (t) => [index('request_ratings_site_time_idx').on(t.siteId, t.ratedAt)],
);

export const agents = sqliteTable(
  'agents',
  {
    id: text('id').primaryKey(),
    siteId: text('site_id')
      .notNull()
      .references(() => sites.id),
    email: text('email').notNull(),
    name: text('name').notNull(),
    passwordHash: text('password_hash'),
    createdAt: text('created_at').notNull(),
    /**
     * Set by `remove-agent`. The row stays because their replies name them; a removed agent cannot
     * sign in, use a session or token, or receive the team's mail.
     */
    removedAt: text('removed_at'),
  },
  (t) => [uniqueIndex('agents_site_email_idx').on(t.siteId, t.email)],
);

/** The conversation: the description is the first comment. Exactly one author column is set. */
export const comments = sqliteTable(
  'comments',
  {
    id: text('id').primaryKey(),
    requestId: text('request_id')
      .notNull()
      .references(() => requests.id, { onDelete: 'cascade' }),
    authorEndUserId: text('author_end_user_id').references(() => endUsers.id),
    authorAgentId: text('author_agent_id').references(() => agents.id),
    body: text('body').notNull(),
    /** Internal notes (false) are for agents only and never leave the agent side. */
    public: integer('public', { mode: 'boolean' }).notNull(),
    createdAt: text('created_at').notNull(),
    /** A mailed reply from another address than its reply address's recipient (../rows.ts CommentRow). */
    sentFrom: text('sent_from'),
  },
  (t) => [index('comments_request_idx').on(t.requestId, t.createdAt)],
);

/**
 * A client's `Idempotency-Key` and the response it got, so a retry repeats the answer instead of
 * creating a second ticket. `scope` is the member id, or `anonymous`.
 */
/** Uploaded files (rows.ts AttachmentRow); their bytes are in FILES_DIR/<siteId>/<storageKey> (server/files/). */
export const attachments = sqliteTable(
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
    createdAt: text('created_at').notNull(),
    claimedAt: text('claimed_at'),
  },
  (t) => [
    // A request view reads its files by request; housekeeping finds old unclaimed uploads by time.
    index('attachments_request_idx').on(t.requestId),
    index('attachments_unclaimed_idx').on(t.claimedAt, t.createdAt),
    // The site's quota sums its files; the PostgreSQL chunk sweep finds a file's record by (site, key).
    index('attachments_site_key_idx').on(t.siteId, t.storageKey),
  ],
);

export const idempotencyKeys = sqliteTable(
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
    createdAt: text('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.siteId, t.scope, t.key] }), index('idempotency_keys_created_idx').on(t.createdAt)],
);

/** Host-token ids already exchanged, so a token is accepted once — also across restarts. */
export const usedTokenIds = sqliteTable(
  'used_token_ids',
  {
    siteId: text('site_id')
      .notNull()
      .references(() => sites.id),
    jti: text('jti').notNull(),
    expiresAt: text('expires_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.siteId, t.jti] })],
);

/** Server-wide settings kept in the database (e.g. the generated session secret). */
export const settings = sqliteTable('settings', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
});

/** Signed-in agents of the inbox. The cookie holds a random token; only its hash is stored. */
export const agentSessions = sqliteTable(
  'agent_sessions',
  {
    tokenHash: text('token_hash').primaryKey(),
    agentId: text('agent_id')
      .notNull()
      .references(() => agents.id, { onDelete: 'cascade' }),
    /** Sessions end AGENT_SESSION_MAX_HOURS after this, however busy they are. */
    createdAt: text('created_at').notNull(),
    /** Sessions end after 12 hours without use. */
    lastSeenAt: text('last_seen_at').notNull(),
  },
  (t) => [index('agent_sessions_agent_idx').on(t.agentId)],
);

/** Personal API tokens for programs (`Authorization: Bearer pat_…`), shown once, stored hashed. */
export const agentApiTokens = sqliteTable('agent_api_tokens', {
  id: text('id').primaryKey(),
  agentId: text('agent_id')
    .notNull()
    .references(() => agents.id, { onDelete: 'cascade' }),
  name: text('name').notNull(),
  tokenHash: text('token_hash').notNull().unique(),
  createdAt: text('created_at').notNull(),
  lastUsedAt: text('last_used_at'),
  /** Refused from this time on; null only for tokens made before tokens expired. */
  expiresAt: text('expires_at'),
  /** Set by `revoke-token` (or `remove-agent`); a revoked token is refused at once. */
  revokedAt: text('revoked_at'),
});

/**
 * Mail waiting to be sent. Rows are written in the same transaction as the event they tell about,
 * so a ticket and its notifications exist together or not at all; a sender delivers them later,
 * with retries, and a failed delivery never touches the ticket.
 */
export const outbox = sqliteTable(
  'outbox',
  {
    id: text('id').primaryKey(),
    siteId: text('site_id')
      .notNull()
      .references(() => sites.id),
    requestId: text('request_id').references(() => requests.id, { onDelete: 'set null' }),
    kind: text('kind').notNull(),
    toEmail: text('to_email').notNull(),
    /** The mailbox behind `toEmail` (../rules/mail-caps.ts mailboxOf): hourly caps count by it, mail goes to `toEmail`. */
    toMailbox: text('to_mailbox').notNull().default(''),
    toName: text('to_name'),
    toEndUserId: text('to_end_user_id').references(() => endUsers.id, { onDelete: 'set null' }),
    subject: text('subject').notNull(),
    text: text('text').notNull(),
    html: text('html').notNull(),
    status: text('status').$type<OutboxStatus>().notNull(),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: text('next_attempt_at').notNull(),
    /** A sender's claim (outbox.claimDue): until then no other sender takes the mail. */
    claimedUntil: text('claimed_until'),
    lastError: text('last_error'),
    createdAt: text('created_at').notNull(),
    sentAt: text('sent_at'),
    /** An agents' digest: the clock hour (its start) it gathers, and what it lists so far; null on single mails. */
    digestHour: text('digest_hour'),
    digest: text('digest', { mode: 'json' }).$type<MailDigest>(),
  },
  (t) => [
    index('outbox_due_idx').on(t.status, t.nextAttemptAt),
    index('outbox_mailbox_idx').on(t.siteId, t.toMailbox, t.createdAt),
    // One digest per site, mailbox and hour, however many transactions add to it at once.
    uniqueIndex('outbox_digest_idx').on(t.siteId, t.toMailbox, t.digestHour),
  ],
);

// ---- the Help Center's own accounts -------------------------------------------------

/** A site's portal settings; a site without a row has the defaults (signup `known`). */
export const portalSettings = sqliteTable('portal_settings', {
  siteId: text('site_id')
    .primaryKey()
    .references(() => sites.id),
  signupPolicy: text('signup_policy').$type<SignupPolicy>().notNull(),
});

/** How a site's mail is sent (rows.ts SiteMailSettingRow); a site without a row sends as MAIL_FROM's address, unsigned. */
export const siteMailSettings = sqliteTable('site_mail_settings', {
  siteId: text('site_id')
    .primaryKey()
    .references(() => sites.id),
  fromAddress: text('from_address'),
  dkimDomain: text('dkim_domain'),
  dkimSelector: text('dkim_selector'),
  dkimPrivateKey: text('dkim_private_key'),
});

/** Organization email domains the site declared: a verified address there belongs to the organization. */
export const organizationDomains = sqliteTable(
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

/** Portal people: (site, verified email), with their password hash and session generation. */
export const portalAccounts = sqliteTable(
  'portal_accounts',
  {
    id: text('id').primaryKey(),
    siteId: text('site_id')
      .notNull()
      .references(() => sites.id),
    email: text('email').notNull(),
    passwordHash: text('password_hash'),
    sessionGeneration: integer('session_generation').notNull().default(0),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [uniqueIndex('portal_accounts_site_email_idx').on(t.siteId, t.email)],
);

/** Links mailed to an address (set a password, or sign in); only the token's hash is stored. */
export const portalLinks = sqliteTable(
  'portal_links',
  {
    tokenHash: text('token_hash').primaryKey(),
    siteId: text('site_id')
      .notNull()
      .references(() => sites.id),
    email: text('email').notNull(),
    purpose: text('purpose').$type<PortalLinkPurpose>().notNull(),
    createdAt: text('created_at').notNull(),
    expiresAt: text('expires_at').notNull(),
    endedAt: text('ended_at'),
    endedBy: text('ended_by').$type<'used' | 'superseded'>(),
  },
  // A newer link spends the older ones of the same address and purpose: they are found by this.
  (t) => [index('portal_links_address_idx').on(t.siteId, t.email, t.purpose)],
);

/** Signed-in Help Center sessions; the cookie holds a random token, only its hash is stored. */
export const portalSessions = sqliteTable(
  'portal_sessions',
  {
    tokenHash: text('token_hash').primaryKey(),
    accountId: text('account_id')
      .notNull()
      .references(() => portalAccounts.id, { onDelete: 'cascade' }),
    generation: integer('generation').notNull(),
    createdAt: text('created_at').notNull(),
    lastSeenAt: text('last_seen_at').notNull(),
    passwordGrantUntil: text('password_grant_until'),
  },
  (t) => [index('portal_sessions_account_idx').on(t.accountId)],
);

// ---- mail in (../rows.ts says what each is) -----------------------------------------------

export const replyAddresses = sqliteTable(
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
    createdAt: text('created_at').notNull(),
  },
  // One address per (request, recipient), reused for every mail to them; racing senders meet here.
  (t) => [uniqueIndex('reply_addresses_request_user_idx').on(t.requestId, t.endUserId)],
);

export const inboundSettings = sqliteTable('inbound_settings', {
  siteId: text('site_id')
    .primaryKey()
    .references(() => sites.id),
  allowOtherSenders: integer('allow_other_senders', { mode: 'boolean' }).notNull().default(false),
  address: text('address').unique(),
});

export const blockedSenders = sqliteTable(
  'blocked_senders',
  {
    siteId: text('site_id')
      .notNull()
      .references(() => sites.id),
    pattern: text('pattern').notNull(),
    createdAt: text('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.siteId, t.pattern] })],
);

// ---- webhooks (issue 14) ------------------------------------------------------------

export const webhooks = sqliteTable(
  'webhooks',
  {
    id: text('id').primaryKey(),
    siteId: text('site_id')
      .notNull()
      .references(() => sites.id),
    url: text('url').notNull(),
    events: text('events', { mode: 'json' }).$type<WebhookEventType[]>().notNull(),
    secret: text('secret').notNull(),
    createdAt: text('created_at').notNull(),
    removedAt: text('removed_at'),
  },
  (t) => [index('webhooks_site_idx').on(t.siteId)],
);

export const webhookDeliveries = sqliteTable(
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
    nextAttemptAt: text('next_attempt_at').notNull(),
    claimedUntil: text('claimed_until'),
    lastStatusCode: integer('last_status_code'),
    lastError: text('last_error'),
    createdAt: text('created_at').notNull(),
    deliveredAt: text('delivered_at'),
  },
  (t) => [index('webhook_deliveries_due_idx').on(t.status, t.nextAttemptAt), index('webhook_deliveries_webhook_idx').on(t.webhookId, t.createdAt)],
);

// ---- the team's tools (issue 14): tags, saved replies, who has a request open --------------------

/** The team's labels on a request (normalized: contract/rules.ts normalizeTag); never shown to customers. */
export const requestTags = sqliteTable(
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
export const savedReplies = sqliteTable(
  'saved_replies',
  {
    id: text('id').primaryKey(),
    siteId: text('site_id')
      .notNull()
      .references(() => sites.id),
    title: text('title').notNull(),
    body: text('body').notNull(),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [uniqueIndex('saved_replies_site_title_idx').on(t.siteId, t.title)],
);

/** Who has a request open in the inbox, as of their last heartbeat. */
export const requestPresence = sqliteTable(
  'request_presence',
  {
    requestId: text('request_id')
      .notNull()
      .references(() => requests.id, { onDelete: 'cascade' }),
    agentId: text('agent_id')
      .notNull()
      .references(() => agents.id),
    seenAt: text('seen_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.requestId, t.agentId] })],
);
