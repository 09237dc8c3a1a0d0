/**
 * The storage port: everything Porthole stores goes through one `Store`, at the level of a unit of
 * work — each method is one whole transaction (e.g. "a new request, its CCs and its mail"), so a
 * caller can never leave half of one behind, and a pool can never run part of one on another
 * connection. Two adapters implement it: store/sqlite (the default, embedded) and store/pg
 * (PostgreSQL, for several instances). Services, routes and the admin command see only this file,
 * rows.ts and rules/; they never import an adapter.
 *
 * Decisions stay with the caller: units that change a request take the rule as a callback
 * (`nextStatus`, `present`, `notify`), called inside the transaction with the row as it is now.
 */
import type { FileStorage } from '../files/storage.js';
import type {
  AgentRow,
  AttachmentRow,
  ApiTokenRow,
  BlockedSenderRow,
  ArticleRow,
  CategoryRow,
  CommentRow,
  EndUserRow,
  InboundSettingRow,
  Locale,
  MailDigest,
  OrganizationRow,
  OutboxRow,
  PageRule,
  PortalAccountRow,
  PortalLinkPurpose,
  PortalLinkRow,
  SignupPolicy,
  RatingScore,
  RequestCcRow,
  RequestChannel,
  RequestRow,
  SiteRow,
  StoredStatus,
  WebhookDeliveryRow,
  WebhookRow,
} from './rows.js';
import type { Bus, Clock, Leases, WindowCounters } from './shared-state.js';
import type { LocaleChoice } from './rules/article-locales.js';
import type { PersonExport, PersonErasure } from './rules/privacy.js';

export type { LocaleChoice };

/** The database cannot take the work now (locked, overloaded, timed out): answered 503 `busy`, worth retrying. */
export class StoreBusyError extends Error {
  constructor(cause: unknown) {
    super('the database is busy', { cause });
    this.name = 'StoreBusyError';
  }
}

// ---- what a request looks like to whoever may read it ---------------------------------------

export interface Person {
  id: string;
  name: string | null;
  email: string;
  emailVerified: boolean;
  /** The member's id on the host; null for people known only by email. */
  externalId: string | null;
  /** The language of their latest request (null: never wrote one): what their mail speaks where no request says. */
  locale: Locale | null;
}

export interface ViewRating {
  score: RatingScore;
  comment: string | null;
  ratedAt: string;
}

/** One request with everything shown about it. Members get public comments only; agents internal notes too. */
export interface RequestView {
  request: RequestRow;
  categoryName: string;
  requester: Person;
  organizationName: string | null;
  /** The number of the closed request this one follows up (request.followUpOf), or null. */
  followUpOfNumber: number | null;
  /** The requester's rating, once they have given one (the last one counts). */
  rating: ViewRating | null;
  ccs: Person[];
  comments: {
    id: string;
    body: string;
    public: boolean;
    createdAt: string;
    authorEndUserId: string | null;
    authorName: string;
    byAgent: boolean;
    /** A mailed reply from another address than its reply address's (rows.ts CommentRow); agents see it. */
    sentFrom: string | null;
    /** The files this comment claimed, in upload order. */
    attachments: StoredFile[];
  }[];
}

// ---- attachments ----------------------------------------------------------------------------

/** A file as a request view lists it (the signed download URL is added by the services). */
export type StoredFile = Pick<AttachmentRow, 'id' | 'name' | 'size' | 'contentType'>;

/**
 * Who uploads a file, and so who alone may claim it (rules/attachment-claims.ts): an end-user (in an
 * email-link session, only on that one request), an agent, or an anonymous visitor.
 */
export type Uploader = { kind: 'end_user'; id: string; onlyRequest: number | null } | { kind: 'agent'; id: string } | { kind: 'anonymous' };

/** Uploads a message claims, and who claims them. */
export interface FileClaim {
  ids: string[];
  uploader: Uploader;
}

/** A message named an upload that is not there for it: unknown, another's, another site's, or claimed already. Nothing was stored. */
export type AttachmentNotFound = { kind: 'attachment_not_found' };

// ---- members --------------------------------------------------------------------------------

export interface MemberClaims {
  sub: string;
  email: string;
  emailVerified: boolean;
  name: string | null;
  org: { id: string; name: string } | null;
  jti: string;
  expiresAt: string;
}

export interface MemberRecord {
  id: string;
  siteId: string;
  email: string;
  emailVerified: boolean;
  name: string | null;
  organizationId: string | null;
  organizationName: string | null;
}

/** Whose eyes a member query is for; every member query starts from one (rules/visibility.ts). */
export interface MemberScope {
  siteId: string;
  memberId: string;
  /** The member's own record plus linked contact records (see members.identities). */
  identityIds: string[];
  /** Set only where the site's plan lets organization members see each other's requests. */
  organizationId: string | null;
  /** A session from an email link sees this one request and nothing else. */
  onlyRequest: number | null;
}

export type ListScope = 'mine' | 'ccd' | 'org';

/** What a list shows of each request (no `fields`: their JSON is not needed until it is opened). */
export type RequestListRow = Pick<RequestRow, 'number' | 'subject' | 'status' | 'createdAt' | 'updatedAt'>;

/** Position after the last row of the previous page: newest activity first, number breaks ties. */
export interface ActivityCursor {
  updatedAt: string;
  number: number;
}

export interface ListOptions {
  list: ListScope;
  statuses: StoredStatus[] | null;
  after: ActivityCursor | null;
  limit: number;
}

// ---- outcomes of units that change a request ------------------------------------------------

export type NotFound = { kind: 'not_found' };
/** The rule said no: the request is in `status`, which takes no such change. */
export type Refused = { kind: 'refused'; status: StoredStatus };
export type ChangeOutcome = { kind: 'done'; view: RequestView } | NotFound | Refused;
/** A new comment: its files are claimed in the same unit, or nothing is stored (`attachment_not_found`). */
export type CommentOutcome = { kind: 'done'; view: RequestView; commentId: string } | NotFound | Refused | AttachmentNotFound;
export type ReplyOutcome = ChangeOutcome | AttachmentNotFound;
/** Returns the status a request moves to from `current`, or null when it takes no such change. */
export type NextStatus = (current: StoredStatus) => StoredStatus | null;

// ---- mail written with the event it tells about ---------------------------------------------

export interface MailBody {
  subject: string;
  text: string;
  html: string;
}

interface Draft extends MailBody {
  kind: string;
  /** `endUserId`: the customer a mail about a request goes to, so it carries their reply address. */
  to: { email: string; name: string | null; endUserId?: string };
}

/** Where an agent's mail goes once the hour's single mails are spent, and how the digest reads. */
export interface AgentDigest {
  /** Single mails one mailbox gets from the site in a clock hour. */
  perHour: number;
  /** This change, as the digest lists it. */
  number: number;
  change: string;
  compose(digest: MailDigest): MailBody;
}

export type MailDraft = (Draft & { audience: 'customer' }) | (Draft & { audience: 'agent'; digest: AgentDigest });
/** Plans the mail a change causes, from the request as the change left it (inside the same transaction). */
export type Notify = (view: RequestView) => MailDraft[];

// ---- new requests ---------------------------------------------------------------------------

export interface IdempotencyClaim {
  scope: string;
  key: string;
  bodyHash: string;
  /** Keys older than this (ISO time) are forgotten and may be used again. */
  notBefore: string;
}

/**
 * Who sends it: a signed-in member (by id, with their organization), or an anonymous contact,
 * found or created by (site, email) among people without a host account.
 */
export type Requester = { kind: 'member'; id: string; organizationId: string | null } | { kind: 'contact'; email: string; name: string | null };

export interface NewRequestRecord {
  siteId: string;
  categoryId: string;
  subject: string;
  description: string;
  fields: Record<string, string>;
  requester: Requester;
  /** Normalized addresses; each becomes a CC (a contact record found or created by email). */
  ccEmails: string[];
  /** Uploads the first comment claims, and who claims them (a member, or an anonymous visitor). */
  files?: FileClaim;
  now: string;
  /** `web` unless said (a mail to the site's address is `email`). */
  channel?: RequestChannel;
  /** The closed request a follow-up continues (its id). */
  followUpOf?: string | null;
  /** The language the requester writes in (the visitor's, else the site's): stored on the request and as the requester's latest. */
  locale: Locale;
}

export type StoredResponse = { statusCode: number; body: unknown };
export type CreateOutcome =
  ({ kind: 'created'; view: RequestView } & StoredResponse) | ({ kind: 'replayed' } & StoredResponse) | { kind: 'key_reused' } | AttachmentNotFound;
export type DecoyOutcome = ({ kind: 'answered' | 'replayed' } & StoredResponse) | { kind: 'key_reused' };

// ---- the agent side -------------------------------------------------------------------------

export interface AgentWithSite extends AgentRow {
  siteSlug: string;
  siteName: string;
}

/** The oldest last use and the oldest sign-in a session may have and still be accepted. */
export interface SessionLimits {
  idleSince: string;
  startedSince: string;
}

export interface QueueFilter {
  /**
   * `unverified_mail`: requests that came by mail from a sender nobody has proven (a spam queue of its
   * own, rules/inbound.ts); `main`: every other request. Absent: `main`.
   */
  view?: QueueView;
  statuses: StoredStatus[] | null;
  categoryId: string | null;
  /** Only requests no agent has answered publicly yet. */
  unanswered: boolean;
  /** Matches subject, requester email or name, any message's text (case-insensitively), or the request number. */
  search: string | null;
  /** Only requests this agent owns (`agent`), or that nobody owns (`none`); null: either. */
  assignee?: { kind: 'agent'; id: string } | { kind: 'none' } | null;
  /** Only requests with this tag (normalized, contract/rules.ts normalizeTag). */
  tag?: string | null;
  after: ActivityCursor | null;
  limit: number;
}

export type QueueView = 'main' | 'unverified_mail';

export interface QueueRow {
  number: number;
  subject: string;
  status: StoredStatus;
  categoryName: string;
  requesterName: string | null;
  requesterEmail: string;
  senderVerifiedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export type NewApiToken = Omit<ApiTokenRow, 'lastUsedAt' | 'revokedAt'> & Partial<Pick<ApiTokenRow, 'lastUsedAt' | 'revokedAt'>>;
export type ListedApiToken = Omit<ApiTokenRow, 'tokenHash'> & { agentEmail: string };
export type TokenRevocation = { kind: 'not_found' } | { kind: 'revoked' | 'already_revoked'; token: ListedApiToken; siteSlug: string };

// ---- articles -------------------------------------------------------------------------------

export type ArticleListRow = Pick<ArticleRow, 'id' | 'title' | 'excerpt' | 'locale'>;
/** An article as a file describes it; `popularity` undefined keeps the stored one (0 for a new article). */
export type ArticleImport = Pick<ArticleRow, 'id' | 'siteId' | 'slug' | 'locale' | 'title' | 'markdown' | 'html' | 'excerpt'> & { popularity?: number };
export type PageRuleRecord = PageRule & { id: string };

// ---- the admin command and the seed ---------------------------------------------------------

/** What `set-locale` and `set-theme` change: either, or both. */
export type SiteDefaults = Partial<Pick<SiteRow, 'locale' | 'theme'>>;

export interface SecretRotation {
  /** When the secret rotated out now stays valid until; null when it stops working at once. */
  previousValidUntil: string | null;
  /** A secret rotated out earlier that was still in its grace period, and is dropped by this rotation. */
  droppedPreviousValidUntil: string | null;
}

/** A site's history written at once (the demo's conversations): rows made in code, inserted in one transaction. */
export interface History {
  organizations: OrganizationRow[];
  endUsers: EndUserRow[];
  agents: AgentRow[];
  requests: RequestRow[];
  ccs: RequestCcRow[];
  comments: CommentRow[];
  /** The site's sequence moves past the numbers the history used. */
  lastRequestNumber: number;
}

// ---- the Help Center's own accounts ---------------------------------------------------------

/** A portal person as the services see them. */
export type PortalAccount = Pick<PortalAccountRow, 'id' | 'siteId' | 'email' | 'passwordHash' | 'sessionGeneration'>;

/** A link to store; its mail is written with it. */
export type NewPortalLink = Pick<PortalLinkRow, 'tokenHash' | 'siteId' | 'email' | 'purpose' | 'createdAt' | 'expiresAt'>;

/** The session a spent link opens (its account is found or created in the same unit). */
export interface OpenedSession {
  tokenHash: string;
  /** Until when a password may be set in it: kept only when the link was a `set_password` one. */
  passwordGrantUntil: string;
}

/** Why a link was not spent, or the account it proved (and opened a session for). */
export type LinkSpend = { kind: 'spent'; purpose: PortalLinkPurpose; account: PortalAccount } | { kind: 'not_found' | 'expired' | 'used' | 'superseded' };

export interface LivePortalSession {
  account: Omit<PortalAccount, 'passwordHash'>;
  createdAt: string;
  passwordGrantUntil: string | null;
}

// ---- the port, one interface per part -------------------------------------------------------

export interface SiteStore {
  findBySlug(slug: string): Promise<SiteRow | undefined>;
  count(): Promise<number>;
  updateOrigins(slug: string, allowedOrigins: string[], supportUrl: string, now: string): Promise<void>;
  listCategories(siteId: string): Promise<CategoryRow[]>;
  findCategory(siteId: string, categoryId: string): Promise<CategoryRow | undefined>;
}

export interface SettingStore {
  /** The setting's value; the first caller to find none stores `create()`'s — once, even when instances race. */
  getOrCreate(key: string, create: () => string): Promise<string>;
}

export interface ArticleStore {
  find(siteId: string, id: string): Promise<ArticleRow | undefined>;
  /** The article with this key (slug) in this language, if it has that translation. */
  translation(siteId: string, slug: string, locale: Locale): Promise<ArticleRow | undefined>;
  // Lists show each article once, in the choice's language where it has a translation (rules/article-locales.ts).
  /** Articles whose page rules match this page: the wanted language first, then the most specific rule. */
  forPage(siteId: string, origin: string, path: string, choice: LocaleChoice, limit: number): Promise<ArticleListRow[]>;
  popular(siteId: string, choice: LocaleChoice, limit: number): Promise<ArticleListRow[]>;
  /**
   * Ranked full-text search, the wanted language first; `words` come from rules/search-words.ts, each matched as a
   * prefix, all required, and stemmed as the language of the articles they are matched against is (isStemmed).
   */
  search(siteId: string, words: string[], choice: LocaleChoice, limit: number): Promise<ArticleListRow[]>;
}

export interface MemberStore {
  /** Signs a member in from verified claims; `replayed` when this token id was used before on this site. */
  exchangeToken(siteId: string, claims: MemberClaims, now: string): Promise<MemberRecord | 'replayed'>;
  /** A member by id; `contactsToo` also finds people known only by email (sessions from email links). */
  find(siteId: string, memberId: string, options?: { contactsToo: boolean }): Promise<MemberRecord | undefined>;
  /** The member's own record, plus — only when the host verified their email — contacts who wrote in with that address. */
  identities(member: MemberRecord): Promise<string[]>;
  /**
   * A mail link for request `number` sent to `endUserId` was opened: if that person is its requester,
   * its sender is proven now, and the request as it now is comes back. Undefined when there was nothing to prove.
   */
  proveSender(siteId: string, endUserId: string, number: number, now: string): Promise<RequestView | undefined>;
}

export interface RequestStore {
  /**
   * Creates a request with its first comment, CCs and mail, honouring an idempotency key: a key seen
   * before with the same body returns the stored response; with another body, `key_reused`. The key
   * is claimed first, so instances racing on one key still create one request.
   */
  create(record: NewRequestRecord, claim: IdempotencyClaim | null, present: (row: RequestRow) => StoredResponse, notify: Notify): Promise<CreateOutcome>;
  /** A honeypot submission's answer: a number from the site's sequence and the same idempotency rules, but nothing stored. */
  answerDecoy(siteId: string, now: string, claim: IdempotencyClaim | null, present: (number: number) => StoredResponse): Promise<DecoyOutcome>;
}

export interface MemberRequestStore {
  list(scope: MemberScope, options: ListOptions): Promise<RequestListRow[]>;
  countWithStatus(scope: MemberScope, list: ListScope, status: StoredStatus): Promise<number>;
  find(scope: MemberScope, number: number): Promise<RequestView | undefined>;
  /**
   * "Add to conversation": a public comment, claiming the member's uploads `attachmentIds`, and the status `nextStatus` gives.
   * `sentFrom`: a reply by mail from an address other than the one it was made for, kept on the comment for agents to see.
   */
  addComment(
    scope: MemberScope,
    number: number,
    body: string,
    now: string,
    nextStatus: NextStatus,
    notify: Notify,
    attachmentIds?: string[],
    sentFrom?: string | null,
  ): Promise<CommentOutcome>;
  /** "Mark as solved": only the requester in a session of their own (rules/visibility.ts isRequester), where `canSolve` allows. */
  solve(scope: MemberScope, number: number, now: string, canSolve: (current: StoredStatus) => boolean): Promise<ChangeOutcome>;
  /** The requester's rating (rules/visibility.ts mayRate), where `canRate` allows; it replaces any earlier one. */
  rate(scope: MemberScope, number: number, rating: NewRatingRecord, now: string, canRate: (current: StoredStatus) => boolean): Promise<ChangeOutcome>;
}

export interface NewRatingRecord {
  score: RatingScore;
  comment: string | null;
}

/** How many of a site's ratings in a period were good and bad. */
export interface Satisfaction {
  good: number;
  bad: number;
}

export interface AgentRequestStore {
  queue(siteId: string, filter: QueueFilter): Promise<QueueRow[]>;
  find(siteId: string, number: number): Promise<RequestView | undefined>;
  /** A public reply or internal note (claiming the agent's uploads `attachmentIds`) and the status it leaves the request in, with the mail it causes. */
  addComment(
    siteId: string,
    number: number,
    comment: { agentId: string; body: string; public: boolean; attachmentIds?: string[] },
    nextStatus: NextStatus,
    now: string,
    notify: Notify,
  ): Promise<ReplyOutcome>;
  /** A status change, with the mail it causes (a solved request tells its customers). */
  setStatus(siteId: string, number: number, nextStatus: NextStatus, now: string, notify: Notify): Promise<ChangeOutcome>;
  /** The site's ratings given since `since` (ISO time), good and bad. */
  satisfaction(siteId: string, since: string): Promise<Satisfaction>;
}

export interface AgentStore {
  /** The site's agent with this address, removed or not (the admin command tells the two apart). */
  findBySiteAndEmail(siteId: string, email: string): Promise<AgentRow | undefined>;
  /** Active agents with this address, on any site (sign-in finds which). */
  byEmail(email: string): Promise<AgentRow[]>;
  listForSite(siteId: string): Promise<AgentRow[]>;
  createSession(tokenHash: string, agentId: string, now: string): Promise<void>;
  /** The agent of a live session; using it (`recordUse`) moves its last use to `now`. */
  touchSession(tokenHash: string, limits: SessionLimits, now: string, recordUse?: boolean): Promise<{ agent: AgentWithSite; signedInAt: string } | undefined>;
  deleteSession(tokenHash: string): Promise<void>;
  /** The agent of a token neither revoked nor expired at `now`; using it (`recordUse`) records when. */
  byApiToken(tokenHash: string, now: string, recordUse?: boolean): Promise<{ agent: AgentWithSite; expiresAt: string | null } | undefined>;
}

export interface OutboxStore {
  /**
   * Claims up to `limit` due mails for `leaseMs`, oldest first: no other sender (on any instance)
   * takes them until the claim lapses, and a crashed sender's claims come due again after it.
   */
  claimDue(now: string, limit: number, leaseMs: number): Promise<OutboxRow[]>;
  markSent(id: string, now: string): Promise<void>;
  scheduleRetry(id: string, attempts: number, nextAttemptAt: string, error: string): Promise<void>;
  markFailed(id: string, attempts: number, error: string): Promise<void>;
  /** Ends this sender's claims on mails it did not try (it stopped mid-batch), so they are due again at once. */
  release(ids: string[]): Promise<void>;
  /** Mails still waiting to go out, due or not. */
  pendingCount(): Promise<number>;
}

/** A due delivery, with where it goes and the secret that signs it. */
export type ClaimedDelivery = WebhookDeliveryRow & Pick<WebhookRow, 'url' | 'secret'>;

/** What an attempt came to: the receiver's status code, and what went wrong (null when it took the delivery). */
export interface AttemptResult {
  statusCode: number | null;
  error: string | null;
}

/**
 * Webhooks (the admin command writes them) and their deliveries, which each engine's change units
 * write with the event (rules/webhook-events.ts) and server/webhooks/delivery-worker.ts sends.
 * Outcomes move only pending deliveries, and each ends the worker's claim.
 */
export interface WebhookStore {
  add(webhook: WebhookRow): Promise<void>;
  /** The site's webhooks that are not removed, oldest first. */
  list(siteId: string): Promise<WebhookRow[]>;
  /** The webhook's latest deliveries, newest first. */
  recentDeliveries(webhookId: string, limit: number): Promise<WebhookDeliveryRow[]>;
  /** Removes the site's webhook; its pending deliveries end dead in the same unit. */
  remove(siteId: string, id: string, now: string): Promise<'removed' | 'not_found'>;
  /** Claims up to `limit` due deliveries for `leaseMs`, oldest first, as OutboxStore.claimDue does mail. */
  claimDue(now: string, limit: number, leaseMs: number): Promise<ClaimedDelivery[]>;
  markSent(id: string, attempts: number, statusCode: number, now: string): Promise<void>;
  scheduleRetry(id: string, attempts: number, nextAttemptAt: string, result: AttemptResult): Promise<void>;
  markDead(id: string, attempts: number, result: AttemptResult): Promise<void>;
  /** Ends claims on deliveries the worker did not try (it stopped mid-batch). */
  release(ids: string[]): Promise<void>;
}

/** The key a site's mail is DKIM-signed with: `<selector>._domainkey.<domain>` publishes its public half. */
export interface DkimKey {
  domain: string;
  selector: string;
  privateKey: string;
}

/** Who a site's mail is from: its name, its own address (null: MAIL_FROM's) and its DKIM key (null: unsigned). */
export interface SiteMailIdentity {
  siteName: string;
  fromAddress: string | null;
  dkim: DkimKey | null;
}

/** How each site's mail goes out; the admin commands write it, the outbox sender reads it for every mail. */
export interface SiteMailStore {
  identity(siteId: string): Promise<SiteMailIdentity | undefined>;
  setFromAddress(siteId: string, address: string | null): Promise<void>;
  setDkim(siteId: string, key: DkimKey | null): Promise<void>;
}

/** What a reply address stands for (mail/reply-address.ts): a request and the person it was made for. */
export interface ReplyTarget {
  siteId: string;
  siteSlug: string;
  requestId: string;
  number: number;
  status: StoredStatus;
  categoryId: string;
  recipient: Pick<EndUserRow, 'id' | 'email' | 'externalId' | 'organizationId'>;
}

/** Mail in: reply addresses, the sites' inbound settings, blocked senders and the unverified-mail queue. */
export interface InboundStore {
  /** The key of (request, recipient)'s reply address, made on first use; racing senders get the same one. */
  replyKey(siteId: string, requestId: string, endUserId: string, now: string): Promise<string>;
  findReplyTarget(key: string): Promise<ReplyTarget | undefined>;
  /** The site's settings, or the defaults when it has none stored. */
  settings(siteId: string): Promise<InboundSettingRow>;
  /** `address_taken`: another site's address already. */
  saveSettings(settings: InboundSettingRow): Promise<'saved' | 'address_taken'>;
  /** The slug of the site whose configured address this is (lower case). */
  siteOfAddress(address: string): Promise<string | undefined>;
  /** Whether any of `patterns` (an address, `@domain`) is blocked on the site. */
  isBlocked(siteId: string, patterns: string[]): Promise<boolean>;
  block(siteId: string, pattern: string, now: string): Promise<'added' | 'already_blocked'>;
  unblock(siteId: string, pattern: string): Promise<'removed' | 'not_blocked'>;
  listBlocked(siteId: string): Promise<BlockedSenderRow[]>;
  countUnverifiedMail(siteId: string): Promise<number>;
  /**
   * Deletes the site's unverified mail (requests, comments, CCs, reply addresses, file records);
   * returns the requests that went, for live updates, and where their files' bytes are, to delete them too.
   */
  emptyUnverifiedMail(
    siteId: string,
  ): Promise<{ requests: { siteId: string; id: string; number: number }[]; files: Pick<AttachmentRow, 'siteId' | 'storageKey'>[] }>;
}

/** What the admin command line and the seed write. */
export interface AdminStore {
  createSiteWithCategories(site: SiteRow, categories: CategoryRow[]): Promise<'created' | 'slug_taken'>;
  rotateSecret(slug: string, newSecret: string, previousValidUntil: string | null, now: string): Promise<SecretRotation | undefined>;
  createAgent(agent: AgentRow, token?: NewApiToken): Promise<'created' | 'email_taken'>;
  reinstateAgent(agentId: string, name: string, passwordHash: string, token?: NewApiToken): Promise<void>;
  insertApiToken(token: NewApiToken): Promise<void>;
  listApiTokens(siteId: string, agentId?: string): Promise<ListedApiToken[]>;
  revokeApiToken(id: string, now: string): Promise<TokenRevocation>;
  /** Ends the agent's sessions and tokens and marks them removed; returns how many of each ended. */
  removeAgent(agentId: string, now: string): Promise<{ sessions: number; tokens: number }>;
  /** A new password; every inbox session of the agent ends (returns how many). */
  resetPassword(agentId: string, passwordHash: string): Promise<number>;
  /** Writes an article by (site, slug, locale): inserted, updated in place (id and creation time kept), or left alone. */
  upsertArticle(article: ArticleImport, rules: PageRuleRecord[], now: string): Promise<'created' | 'updated' | 'unchanged'>;
  /** The seed's history for a site, in one transaction. */
  importHistory(siteId: string, history: History): Promise<void>;
  setSignupPolicy(siteId: string, policy: SignupPolicy): Promise<void>;
  /** The site's default language or theme (`set-locale`, `set-theme`). */
  setSiteDefaults(siteId: string, defaults: SiteDefaults, now: string): Promise<void>;
  /**
   * Declares (or moves) a mail domain to the site's organization with this host id (`org.id` in
   * member tokens); `org_not_found` when the site has none such.
   */
  addOrganizationDomain(siteId: string, domain: string, organizationExternalId: string): Promise<'added' | 'org_not_found'>;
}

/** The Help Center's accounts: mailed links, passwords and sessions (services/portal-*.ts decide; this stores). */
export interface PortalStore {
  /** The site's signup policy (`known` unless the admin command set another). */
  signupPolicy(siteId: string): Promise<SignupPolicy>;
  /** Whether the site has any person (member, requester, CC) with this address. */
  isKnownEmail(siteId: string, email: string): Promise<boolean>;
  /** The organization the site declared for this mail domain. */
  organizationOfDomain(siteId: string, domain: string): Promise<{ id: string; name: string } | undefined>;
  /**
   * The end-user a Help Center account acts as, its address proven by the link that made the account:
   * the host's member with this address, if the host verified it (the same person, the same requests),
   * otherwise the address's contact record — made if missing, and marked verified.
   */
  personOf(siteId: string, email: string, now: string): Promise<string>;
  /** Stores a link and its mail in one unit; older links still open for the same site, address and purpose end as superseded. */
  issueLink(link: NewPortalLink, mail: MailDraft): Promise<void>;
  /**
   * Spends the site's link once (of two racing spends, one wins): the address is proven, so its account is
   * found or made, and `session` opens for it — all in one unit. A link used, superseded or
   * expired says which.
   */
  spendLink(siteId: string, tokenHash: string, now: string, session: OpenedSession): Promise<LinkSpend>;
  findAccount(siteId: string, email: string): Promise<PortalAccount | undefined>;
  /** Opens a session in `generation` (read with the password it was checked against: a change since leaves it dead). */
  createSession(tokenHash: string, accountId: string, generation: number, now: string): Promise<void>;
  /** The session's account while it is within `limits` and its generation; moves its last use to `now`. */
  touchSession(tokenHash: string, limits: SessionLimits, now: string): Promise<LivePortalSession | undefined>;
  endSession(tokenHash: string): Promise<void>;
  /** Ends every session of the account; returns how many. */
  endAllSessions(accountId: string): Promise<number>;
  /**
   * A new password: the account's generation moves on, so every other session is dead (and
   * deleted); the session `keep` follows to the new generation, its password grant spent.
   * Returns how many sessions ended.
   */
  setPassword(accountId: string, passwordHash: string, keep: string, now: string): Promise<number>;
}

/** Uploads' records; their bytes are in the file storage (Store.fileBytes, or the files directory). */
export interface AttachmentStore {
  /** Records an upload whose bytes are stored — unless the site's files, this one included, would pass `quotaBytes`. */
  add(row: AttachmentRow, quotaBytes: number): Promise<'added' | 'over_quota'>;
  /** The bytes the site's files take, claimed or not. */
  siteBytes(siteId: string): Promise<number>;
  /** A claimed file, for its download (whoever holds a signed URL for it). */
  findClaimed(id: string): Promise<AttachmentRow | undefined>;
}

/** Housekeeping: each runs on one instance at a time (see Store.leases). */
export interface HousekeepingStore {
  /** Closes every request solved before `solvedBefore`; returns what was closed, for live updates. */
  closeSolvedBefore(solvedBefore: string): Promise<{ siteId: string; id: string; number: number }[]>;
  forgetIdempotencyKeysBefore(cutoff: string): Promise<void>;
  forgetExpiredTokenIds(now: string): Promise<void>;
  /** Drops rate-limit windows closed by `now` where they are stored in the database (in memory they drop themselves). */
  forgetClosedWindows(now: string): Promise<void>;
  /** Deletes the records of uploads still unclaimed that were made before `createdBefore`; returns where their bytes are, to delete them too. */
  forgetUnclaimedAttachments(createdBefore: string): Promise<Pick<AttachmentRow, 'siteId' | 'storageKey'>[]>;
}

// ---- the team's own facts about requests (issue 14) ------------------------------------------

/** Who owns a request and its tags: the team's, never part of anything a customer is shown. */
export interface TeamFacts {
  assignee: { id: string; name: string } | null;
  tags: string[];
}

/** The inbox's views over work still open (not solved, not closed, not in Unverified mail), counted. */
export interface ViewCounts {
  mine: number;
  unassigned: number;
  open: number;
}

export type AssignOutcome =
  | { kind: 'not_found' }
  /** No active agent of the request's site has that id. */
  | { kind: 'no_such_agent' }
  /** `previousAgentId`: who owned it before (the same as now when nothing changed). */
  | { kind: 'done'; view: RequestView; previousAgentId: string | null };

export interface TeamStore {
  /**
   * Gives the request to the site's active agent `agentId`, or to nobody (null). Not activity: last
   * activity stays. Giving it to someone new tells the `request.assigned` webhooks, in the same transaction.
   */
  assign(siteId: string, number: number, agentId: string | null, now: string): Promise<AssignOutcome>;
  /** Replaces the request's tags with `tags` (normalized, checked, without repeats). */
  setTags(siteId: string, number: number, tags: string[]): Promise<{ kind: 'not_found' } | { kind: 'done'; view: RequestView }>;
  /** The facts of the site's requests with these numbers; a number without a request is left out. */
  factsOf(siteId: string, numbers: number[]): Promise<Map<number, TeamFacts>>;
  viewCounts(siteId: string, agentId: string): Promise<ViewCounts>;
  /** The site's tags in use, most used first: what the tag filter offers. */
  tagsInUse(siteId: string): Promise<{ tag: string; requests: number }[]>;
}

// ---- privacy (issue 14) ----------------------------------------------------------------------

/**
 * One person's data on a site, by address (rules/privacy.ts says what is in it and what erasing
 * changes). `erasePerson` is one transaction, and then makes the engine drop the old text from its
 * files: SQLite deletes securely, checkpoints and vacuums; PostgreSQL vacuums the touched tables full.
 */
export interface PrivacyStore {
  exportPerson(siteId: string, email: string): Promise<PersonExport>;
  erasePerson(siteId: string, email: string, now: string): Promise<PersonErasure>;
}

export interface Store {
  readonly engine: 'sqlite' | 'postgres';
  sites: SiteStore;
  settings: SettingStore;
  articles: ArticleStore;
  members: MemberStore;
  requests: RequestStore;
  memberRequests: MemberRequestStore;
  agentRequests: AgentRequestStore;
  team: TeamStore;
  agents: AgentStore;
  outbox: OutboxStore;
  webhooks: WebhookStore;
  siteMail: SiteMailStore;
  portal: PortalStore;
  inbound: InboundStore;
  admin: AdminStore;
  housekeeping: HousekeepingStore;
  attachments: AttachmentStore;
  privacy: PrivacyStore;
  /** Where attachments' bytes live when the database keeps them itself (PostgreSQL); null: in the files directory (FILES_DIR). */
  fileBytes: FileStorage | null;
  /** Messages between the instances on this database: live events, cache invalidations (shared-state.ts). */
  bus: Bus;
  /** Jobs that one instance at a time runs (housekeeping). */
  leases: Leases;
  /** The counters every rate limit counts in, shared by all instances on this database; `capacity` bounds an in-memory table. */
  windowCounters(clock: Clock, capacity: number): WindowCounters;
  /** Waits for work under way, then closes the connections (and the bus).  */
  close(): Promise<void>;
}
