/**
 * What the storage port stores and gives back, as plain types: services, routes and both adapters
 * import these, never an adapter's schema. Each adapter's schema must infer exactly these rows
 * (store/schema-parity.ts fails to compile when one drifts). Ids and timestamps are made in code;
 * timestamps are ISO-8601 UTC strings on both engines, so comparisons and cursors read the same.
 */
import type { CategoryFieldRule } from '../contract/rules.js';
import type { Locale } from '../../widget/i18n/locales.js';

export type { Locale };

export type PlanTier = 'basic' | 'pro';
export type StoredStatus = 'new' | 'open' | 'pending' | 'hold' | 'solved' | 'closed';
export type OutboxStatus = 'pending' | 'sent' | 'failed';
/** How a request came in: the widget or Help Center (`web`), or a mail to the site's address (`email`). */
export type RequestChannel = 'web' | 'email';
/** How the widget and Help Center paint: light, dark, or following the visitor's `prefers-color-scheme`. */
export type SiteTheme = 'light' | 'dark' | 'auto';

export interface SiteRow {
  id: string;
  slug: string;
  name: string;
  color: string;
  tier: PlanTier;
  tokenSecret: string;
  previousTokenSecret: string | null;
  previousSecretValidUntil: string | null;
  allowedOrigins: string[];
  supportUrl: string;
  /** Last request number handed out; numbers are per site and shown to people as #1042. */
  lastRequestNumber: number;
  /** The language spoken when none of the visitor's is (`set-locale`); also the articles' fallback language. */
  locale: Locale;
  /** The default theme (`set-theme`); a host page's `config` overrides it. */
  theme: SiteTheme;
  createdAt: string;
  updatedAt: string;
}

export interface CategoryRow {
  id: string;
  siteId: string;
  name: string;
  position: number;
  fields: CategoryFieldRule[];
}

export interface ArticleRow {
  id: string;
  siteId: string;
  /** The article's key: its translations share it, one per locale, so a visitor never sees one article twice. */
  slug: string;
  locale: Locale;
  title: string;
  markdown: string;
  /** Rendered and sanitized once, when the article is written. */
  html: string;
  excerpt: string;
  popularity: number;
  createdAt: string;
  updatedAt: string;
}

/** "Suggest this article on host pages whose path starts with …" (optionally only on one origin). */
export interface PageRule {
  origin: string | null;
  pathPrefix: string;
}

export interface ArticlePageRuleRow extends PageRule {
  id: string;
  siteId: string;
  articleId: string;
}

export interface OrganizationRow {
  id: string;
  siteId: string;
  /** The organization's id on the host site (`org.id` in member tokens). */
  externalId: string;
  name: string;
  createdAt: string;
}

/**
 * People who write to support: members known to the host (`externalId` = token `sub`) and
 * anonymous contacts known only by an email address (`externalId` null).
 */
export interface EndUserRow {
  id: string;
  siteId: string;
  externalId: string | null;
  email: string;
  emailVerified: boolean;
  name: string | null;
  organizationId: string | null;
  /** The language this person last wrote in (a new request's); their mail about requests they did not open speaks it. */
  locale: Locale | null;
  createdAt: string;
  updatedAt: string;
}

export interface RequestRow {
  id: string;
  siteId: string;
  number: number;
  categoryId: string;
  requesterId: string;
  organizationId: string | null;
  subject: string;
  status: StoredStatus;
  fields: Record<string, string>;
  createdAt: string;
  /** Last activity: what "newest activity first" sorts on. */
  updatedAt: string;
  solvedAt: string | null;
  /**
   * When the sender was shown to own the requester's address (rules/visibility.ts): at creation
   * for a member's request, when a link mailed to that address for it is opened for an anonymous one.
   * Null: unverified — anyone can type an address.
   */
  senderVerifiedAt: string | null;
  channel: RequestChannel;
  /** The closed request this one follows up (a reply by mail to a closed request starts one). */
  followUpOf: string | null;
  /** The language the requester wrote in: their mail about it speaks it. */
  locale: Locale;
  /** The agent who owns it, for the team only; null: unassigned. */
  assigneeAgentId: string | null;
}

/** How a customer found the help they got on a solved request. */
export type RatingScore = 'good' | 'bad';

/** The requester's rating of a solved or closed request: one per request, the last one given counts. */
export interface RequestRatingRow {
  requestId: string;
  /** Kept with the rating so a site's satisfaction figure reads one index, not every request. */
  siteId: string;
  score: RatingScore;
  comment: string | null;
  ratedByEndUserId: string;
  ratedAt: string;
}

export interface RequestCcRow {
  requestId: string;
  endUserId: string;
  createdAt: string;
}

export interface AgentRow {
  id: string;
  siteId: string;
  email: string;
  name: string;
  passwordHash: string | null;
  createdAt: string;
  /**
   * Set by `remove-agent`. The row stays because their replies name them; a removed agent cannot
   * sign in, use a session or token, or receive the team's mail.
   */
  removedAt: string | null;
}

/** The conversation: the description is the first comment. Exactly one author is set. */
export interface CommentRow {
  id: string;
  requestId: string;
  authorEndUserId: string | null;
  authorAgentId: string | null;
  body: string;
  /** Internal notes (false) are for agents only and never leave the agent side. */
  public: boolean;
  createdAt: string;
  /** A reply by mail from an address other than the one its reply address was made for (the site allows those): that From. */
  sentFrom: string | null;
}

/** A client's `Idempotency-Key` and the response it got; `scope` is the member id, or `anonymous`. */
export interface IdempotencyKeyRow {
  siteId: string;
  scope: string;
  key: string;
  bodyHash: string;
  statusCode: number;
  responseBody: string;
  createdAt: string;
}

/** Host-token ids already exchanged, so a token is accepted once — also across restarts and instances. */
export interface UsedTokenIdRow {
  siteId: string;
  jti: string;
  expiresAt: string;
}

export interface SettingRow {
  key: string;
  value: string;
}

/** Signed-in agents of the inbox. The cookie holds a random token; only its hash is stored. */
export interface AgentSessionRow {
  tokenHash: string;
  agentId: string;
  /** Sessions end AGENT_SESSION_MAX_HOURS after this, however busy they are. */
  createdAt: string;
  lastSeenAt: string;
}

/** Personal API tokens for programs (`Authorization: Bearer pat_…`), shown once, stored hashed. */
export interface ApiTokenRow {
  id: string;
  agentId: string;
  name: string;
  tokenHash: string;
  createdAt: string;
  lastUsedAt: string | null;
  /** Refused from this time on; null only for tokens made before tokens expired. */
  expiresAt: string | null;
  /** Set by `revoke-token` (or `remove-agent`); a revoked token is refused at once. */
  revokedAt: string | null;
}

/** What an agents' digest lists: each request that changed (with what happened to it), and whether it leaves some out. */
export interface MailDigest {
  entries: { number: number; changes: string[] }[];
  more: boolean;
}

/**
 * Mail waiting to be sent, written in the same transaction as the event it tells about, so a
 * ticket and its notifications exist together or not at all.
 */
export interface OutboxRow {
  id: string;
  siteId: string;
  requestId: string | null;
  kind: string;
  toEmail: string;
  /** The mailbox behind `toEmail` (rules/mail-caps.ts mailboxOf): hourly caps count by it, mail goes to `toEmail`. */
  toMailbox: string;
  toName: string | null;
  /** The end user a customer mail goes to, so it carries their reply address (mail/reply-address.ts); null for agents' mail. */
  toEndUserId: string | null;
  subject: string;
  text: string;
  html: string;
  status: OutboxStatus;
  attempts: number;
  nextAttemptAt: string;
  /** A sender's claim (outbox.claimDue): until then no other sender takes it; after, a crashed sender's mail is due again. */
  claimedUntil: string | null;
  lastError: string | null;
  createdAt: string;
  sentAt: string | null;
  /** An agents' digest: the clock hour (its start) it gathers, and what it lists so far; null on single mails. */
  digestHour: string | null;
  digest: MailDigest | null;
}

// ---- the Help Center's own accounts (issue 11) ----------------------------------------------

/** Who may get a portal account: anyone who proves an address, or only addresses the site already knows. */
export type SignupPolicy = 'open' | 'known';
export type PortalLinkPurpose = 'set_password' | 'sign_in';

/** A site's portal settings; a site without a row has the defaults (`known`). */
export interface PortalSettingRow {
  siteId: string;
  signupPolicy: SignupPolicy;
}

/**
 * How a site's outbound mail is sent: its own From address (null: MAIL_FROM's address) and the DKIM
 * key it is signed with (all three null: unsigned). A site without a row has both defaults. The
 * private key is kept here so every instance signs alike; nothing ever prints it back.
 */
export interface SiteMailSettingRow {
  siteId: string;
  fromAddress: string | null;
  dkimDomain: string | null;
  dkimSelector: string | null;
  dkimPrivateKey: string | null;
}

/** "Mail from this domain belongs to that organization", declared by the site (`add-org-domain`). */
export interface OrganizationDomainRow {
  siteId: string;
  domain: string;
  organizationId: string;
}

/** A portal person: (site, email), the email verified by opening a link mailed to it. */
export interface PortalAccountRow {
  id: string;
  siteId: string;
  email: string;
  passwordHash: string | null;
  /** Sessions carry the generation they began in; a password change moves it on, and every older session is dead. */
  sessionGeneration: number;
  createdAt: string;
  updatedAt: string;
}

/** A link mailed to an address; only its token's hash is stored. Spent by use, by a newer link, or by time. */
export interface PortalLinkRow {
  tokenHash: string;
  siteId: string;
  email: string;
  purpose: PortalLinkPurpose;
  createdAt: string;
  expiresAt: string;
  /** When it was used or superseded; null while it may still be used. */
  endedAt: string | null;
  endedBy: 'used' | 'superseded' | null;
}

/** A Help Center sign-in; the cookie holds a random token, only its hash is stored. */
export interface PortalSessionRow {
  tokenHash: string;
  accountId: string;
  /** The account's generation when it began: valid only while the account is still at it. */
  generation: number;
  createdAt: string;
  lastSeenAt: string;
  /** Opened from a `set_password` link: a password may be set in it until then. */
  passwordGrantUntil: string | null;
}

// ---- mail in (issue 12) ---------------------------------------------------------------------

/**
 * One (request, recipient) pair's reply address: every mail to that person about that request
 * carries `reply+<token>@INBOUND_DOMAIN`, the token made from `key` (mail/reply-address.ts).
 */
export interface ReplyAddressRow {
  /** 10 random bytes, hex. */
  key: string;
  siteId: string;
  requestId: string;
  endUserId: string;
  createdAt: string;
}

/** A site's inbound-mail settings; a site without a row has the defaults (no other senders, only `<slug>@INBOUND_DOMAIN`). */
export interface InboundSettingRow {
  siteId: string;
  /** Replies whose From is not the reply address's recipient still become comments, marked with that From. */
  allowOtherSenders: boolean;
  /** An address at INBOUND_DOMAIN that opens requests besides `<slug>@…` (lower case), or null. */
  address: string | null;
}

/** Mail from these never opens a request: an address (`x@y`) or a whole domain (`@y`), lower case. */
export interface BlockedSenderRow {
  siteId: string;
  pattern: string;
  createdAt: string;
}

/**
 * A file uploaded for a message (issue 12). Its bytes live in the file storage (server/files/) under
 * `storageKey`, random and never a user-chosen name; `name` is display text only. It is claimed by
 * one comment of one request, and only by who uploaded it: an end-user, an agent, or — both ids null —
 * an anonymous visitor (claimable only by an anonymous new request on the same site).
 */
export interface AttachmentRow {
  id: string;
  siteId: string;
  uploaderEndUserId: string | null;
  uploaderAgentId: string | null;
  /** Uploaded in an email-link session: claimable only on this request (its number). */
  onlyRequest: number | null;
  requestId: string | null;
  commentId: string | null;
  name: string;
  /** The type its bytes were sniffed as (server/files/file-types.ts), never the one declared. */
  contentType: string;
  size: number;
  storageKey: string;
  createdAt: string;
  /** Null while unclaimed; an upload unclaimed for 24 hours is deleted (services/maintenance.ts). */
  claimedAt: string | null;
}

// ---- webhooks (issue 14) --------------------------------------------------------------------

/** What a webhook may subscribe to (store/rules/webhook-events.ts says what each one carries). */
export type WebhookEventType = 'request.created' | 'comment.created' | 'request.status_changed' | 'request.assigned' | 'note.created';
/** `dead`: given up on (a day of failed attempts, a refused target, or its webhook removed); kept for list-webhooks. */
export type WebhookDeliveryStatus = 'pending' | 'sent' | 'dead';

/** A site's subscriber: where its events go and the secret they are signed with (printed once by add-webhook). */
export interface WebhookRow {
  id: string;
  siteId: string;
  url: string;
  events: WebhookEventType[];
  secret: string;
  createdAt: string;
  /** Removed webhooks stay, so list-webhooks' history of their deliveries does not dangle; they get no new ones. */
  removedAt: string | null;
}

/**
 * One event for one webhook, written in the transaction of the event it reports, like outbox mail;
 * its id is the delivery id receivers de-duplicate by, and `payload` the exact body sent each attempt.
 */
export interface WebhookDeliveryRow {
  id: string;
  webhookId: string;
  event: WebhookEventType;
  payload: string;
  status: WebhookDeliveryStatus;
  attempts: number;
  nextAttemptAt: string;
  /** A worker's claim (across instances): until then no other worker takes it. */
  claimedUntil: string | null;
  lastStatusCode: number | null;
  lastError: string | null;
  createdAt: string;
  deliveredAt: string | null;
}

/** A team label on a request (contract/rules.ts says what a tag may be). */
export interface RequestTagRow {
  requestId: string;
  tag: string;
}

/** One of the team's shared answers; `{{customer.first_name}}` and the like are filled in when inserted. */
export interface SavedReplyRow {
  id: string;
  siteId: string;
  title: string;
  body: string;
  createdAt: string;
  updatedAt: string;
}

/** An agent's last heartbeat from a request they have open. */
export interface RequestPresenceRow {
  requestId: string;
  agentId: string;
  seenAt: string;
}
