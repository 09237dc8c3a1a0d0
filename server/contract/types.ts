/**
 * The HTTP contract (API v1): one TypeBox definition per shape gives both the JSON schema the
 * server validates with and the TypeScript type both sides use. The widget imports *types* only
 * from here (`import type`), so TypeBox never reaches the widget bundle.
 */
import { Type, type Static } from 'typebox';
import { LIMITS, LINE_PATTERN as LINE, MAX_TAGS, TEXT_PATTERN as TEXT } from './rules.js';
import { LOCALES, type Locale } from '../../widget/i18n/locales.js';

// Single-line and multi-line text: what each may hold is decided in rules.ts, once.

const line = (maxLength: number) => Type.String({ maxLength, pattern: LINE });

// ---- shared pieces -------------------------------------------------------

/** An answer with no body (204). */
export const NoContent = Type.Null();

export const ErrorBody = Type.Object({
  error: Type.Object({
    code: Type.String(),
    message: Type.String(),
    fields: Type.Optional(Type.Record(Type.String(), Type.String())),
  }),
});
export type ErrorBody = Static<typeof ErrorBody>;

/** A served file (widget chunk, inbox asset), by its content-hashed name. */
export const AssetParams = Type.Object({ file: Type.String() });

/** A site's slug, as it appears in URLs. */
export const SLUG_PATTERN = '^[a-z0-9][a-z0-9-]{0,62}$';
export const SiteParams = Type.Object({ site: Type.String({ pattern: SLUG_PATTERN }) });
export type SiteParams = Static<typeof SiteParams>;

// ---- config ---------------------------------------------------------------

export const CategoryField = Type.Object({
  key: Type.String(),
  label: Type.String(),
  type: Type.Union([Type.Literal('text'), Type.Literal('select')]),
  required: Type.Boolean(),
  options: Type.Optional(Type.Array(Type.String())),
  maxLength: Type.Optional(Type.Integer()),
});

export const Category = Type.Object({
  id: Type.String(),
  name: Type.String(),
  fields: Type.Array(CategoryField),
});
export type Category = Static<typeof Category>;

export const PlanTier = Type.Union([Type.Literal('basic'), Type.Literal('pro')]);
export type PlanTier = Static<typeof PlanTier>;

/** A language Porthole speaks (widget/i18n/locales.ts): a site's default, a visitor's choice, an article's language. */
export const LocaleName = Type.Unsafe<Locale>(Type.Union(LOCALES.map((locale) => Type.Literal(locale))));
export type LocaleName = Static<typeof LocaleName>;

/** `auto` follows the visitor's `prefers-color-scheme`. */
export const Theme = Type.Union([Type.Literal('light'), Type.Literal('dark'), Type.Literal('auto')]);
export type Theme = Static<typeof Theme>;

/** The server's ATTACHMENTS_PER_MESSAGE and ATTACHMENT_MAX_BYTES, so an attach control offers and refuses what the server would. */
export const AttachmentLimitsBody = Type.Object({ perMessage: Type.Integer(), maxBytes: Type.Integer() });
export type AttachmentLimitsBody = Static<typeof AttachmentLimitsBody>;

export const SiteConfigBody = Type.Object({
  site: Type.Object({
    slug: Type.String(),
    name: Type.String(),
    color: Type.String(),
    tier: PlanTier,
    features: Type.Object({ organizationRequests: Type.Boolean() }),
    /** The site's default language (`npm run admin -- set-locale`), used when none of the visitor's is spoken. */
    locale: LocaleName,
    /** The site's default theme (`npm run admin -- set-theme`); a host page's `config` overrides it. */
    theme: Theme,
  }),
  categories: Type.Array(Category),
  attachments: AttachmentLimitsBody,
});
export type SiteConfigBody = Static<typeof SiteConfigBody>;

// ---- articles -------------------------------------------------------------

export const ArticleSummary = Type.Object({
  id: Type.String(),
  title: Type.String(),
  excerpt: Type.String(),
  /** The article's language: the visitor's when the site has it in theirs, else the site's default. */
  locale: LocaleName,
});
export type ArticleSummary = Static<typeof ArticleSummary>;

export const Article = Type.Object({
  id: Type.String(),
  title: Type.String(),
  /** Sanitized on the server: no scripts, no styles, links http(s)/mailto only. */
  html: Type.String(),
  updatedAt: Type.String(),
  locale: LocaleName,
});
export type Article = Static<typeof Article>;

export const ArticlesQuery = Type.Object({
  url: Type.Optional(Type.String({ maxLength: LIMITS.pageUrl })),
  q: Type.Optional(Type.String({ maxLength: LIMITS.searchQuery, pattern: LINE })),
  limit: Type.Integer({ minimum: 1, maximum: LIMITS.listLimit, default: 20 }),
  /** The visitor's language: its articles come first, the site's default language fills the rest. */
  locale: Type.Optional(LocaleName),
});
export type ArticlesQuery = Static<typeof ArticlesQuery>;

export const ArticleListBody = Type.Object({ articles: Type.Array(ArticleSummary) });
export type ArticleListBody = Static<typeof ArticleListBody>;

export const ArticleParams = Type.Object({ site: SiteParams.properties.site, id: Type.String({ maxLength: 64 }) });
/** `GET …/articles/:id?locale=`: the article in that language instead, when it has that translation. */
export const ArticleQuery = Type.Object({ locale: Type.Optional(LocaleName) });
export type ArticleQuery = Static<typeof ArticleQuery>;
export const ArticleBody = Type.Object({ article: Article });
export type ArticleBody = Static<typeof ArticleBody>;

// ---- attachments (issue 12) -------------------------------------------------
// Mirrors Zendesk's uploads: `POST …/attachments?filename=…` with the raw file as the body and its
// Content-Type answers `201 AttachmentBody`; a new request or comment then claims uploads by id
// (only the uploader may). Every comment lists its files with a signed, short-lived `url`.

export const AttachmentUploadQuery = Type.Object(
  { filename: Type.String({ minLength: 1, maxLength: LIMITS.fileName, pattern: LINE }) },
  { additionalProperties: false },
);
export type AttachmentUploadQuery = Static<typeof AttachmentUploadQuery>;

export const Attachment = Type.Object({ id: Type.String(), name: Type.String(), size: Type.Integer(), contentType: Type.String() });
export type Attachment = Static<typeof Attachment>;

export const AttachmentBody = Type.Object({ attachment: Attachment });
export type AttachmentBody = Static<typeof AttachmentBody>;

/** A file on a comment: `url` downloads it (signed, valid for minutes); images in INLINE_IMAGE_TYPES may be shown from it. */
export const AttachedFile = Type.Object({ ...Attachment.properties, url: Type.String() });
export type AttachedFile = Static<typeof AttachedFile>;

// The schema's ceiling; the configured ATTACHMENTS_PER_MESSAGE (lower) is checked by the service with a clear 400.
const AttachmentIds = Type.Array(Type.String({ minLength: 1, maxLength: 64 }), { maxItems: LIMITS.attachmentIdsCeiling });

// ---- requests -------------------------------------------------------------

/** `closed`: solved and then closed for good; it takes no more comments (a follow-up request continues it). */
export const CustomerStatus = Type.Union([Type.Literal('open'), Type.Literal('awaiting_reply'), Type.Literal('solved'), Type.Literal('closed')]);
export type CustomerStatus = Static<typeof CustomerStatus>;

export const NewRequest = Type.Object(
  {
    categoryId: Type.String({ maxLength: 64 }),
    subject: line(LIMITS.subject),
    description: Type.String({ maxLength: LIMITS.description, pattern: TEXT }),
    email: Type.Optional(line(LIMITS.email)),
    name: Type.Optional(line(LIMITS.name)),
    ccs: Type.Optional(Type.Array(line(LIMITS.email), { maxItems: LIMITS.ccs })),
    fields: Type.Optional(Type.Record(Type.String({ maxLength: 64 }), line(LIMITS.fieldValue))),
    /** Honeypot: hidden from people, filled by bots. */
    website: Type.Optional(Type.String({ maxLength: 500 })),
    attachmentIds: Type.Optional(AttachmentIds),
    /** The language the form was filled in: the requester's mail about this request speaks it. */
    locale: Type.Optional(LocaleName),
  },
  { additionalProperties: false },
);
export type NewRequest = Static<typeof NewRequest>;

export const RequestSummary = Type.Object({
  id: Type.Integer(),
  subject: Type.String(),
  status: CustomerStatus,
  statusLabel: Type.String(),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});
export type RequestSummary = Static<typeof RequestSummary>;

export const CreatedRequestBody = Type.Object({ request: RequestSummary });
export type CreatedRequestBody = Static<typeof CreatedRequestBody>;

/** Keys a client may never set on a request; sending one is `field_not_allowed`, not silently dropped. */
export const FORBIDDEN_REQUEST_KEYS = ['id', 'status', 'requester', 'requesterId', 'site', 'siteId', 'number', 'createdAt', 'updatedAt', 'organizationId'];

// ---- members ----------------------------------------------------------------

export const SessionRequest = Type.Object({ token: Type.String({ minLength: 1, maxLength: 4096 }) }, { additionalProperties: false });
export type SessionRequest = Static<typeof SessionRequest>;

export const Member = Type.Object({
  name: Type.Union([Type.String(), Type.Null()]),
  email: Type.String(),
  emailVerified: Type.Boolean(),
  organization: Type.Union([Type.Object({ name: Type.String() }), Type.Null()]),
});
export type Member = Static<typeof Member>;

export const SessionBody = Type.Object({ accessToken: Type.String(), expiresAt: Type.String(), member: Member });
export type SessionBody = Static<typeof SessionBody>;

export const RequestScope = Type.Union([Type.Literal('mine'), Type.Literal('ccd'), Type.Literal('org')]);
export type RequestScope = Static<typeof RequestScope>;

export const RequestListQuery = Type.Object({
  scope: Type.Optional(RequestScope),
  /** Comma-separated customer statuses, e.g. `open,awaiting_reply`. */
  status: Type.Optional(Type.String({ pattern: '^(open|awaiting_reply|solved|closed)(,(open|awaiting_reply|solved|closed))*$' })),
  cursor: Type.Optional(Type.String({ maxLength: 200 })),
  limit: Type.Integer({ minimum: 1, maximum: LIMITS.listLimit, default: 20 }),
});
export type RequestListQuery = Static<typeof RequestListQuery>;

export const RequestListBody = Type.Object({ requests: Type.Array(RequestSummary), nextCursor: Type.Union([Type.String(), Type.Null()]) });
export type RequestListBody = Static<typeof RequestListBody>;

export const RequestSummaryCounts = Type.Object({ awaitingReply: Type.Integer() });
export type RequestSummaryCounts = Static<typeof RequestSummaryCounts>;

export const RequestParams = Type.Object({ site: SiteParams.properties.site, id: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }) });
export type RequestParams = Static<typeof RequestParams>;

export const Person = Type.Object({ name: Type.String() });

export const Comment = Type.Object({
  id: Type.String(),
  body: Type.String(),
  author: Type.Object({ name: Type.String(), role: Type.Union([Type.Literal('customer'), Type.Literal('agent')]), you: Type.Boolean() }),
  createdAt: Type.String(),
  attachments: Type.Array(AttachedFile),
});
export type Comment = Static<typeof Comment>;

export const RatingScore = Type.Union([Type.Literal('good'), Type.Literal('bad')]);
export type RatingScore = Static<typeof RatingScore>;

/** PUT …/requests/:id/rating — the requester's rating; giving another replaces it. */
export const NewRating = Type.Object(
  { score: RatingScore, comment: Type.Optional(Type.String({ maxLength: LIMITS.ratingComment, pattern: TEXT })) },
  { additionalProperties: false },
);
export type NewRating = Static<typeof NewRating>;

export const RequestDetail = Type.Object({
  ...RequestSummary.properties,
  category: Type.Object({ id: Type.String(), name: Type.String() }),
  requester: Person,
  organization: Type.Union([Type.Object({ name: Type.String() }), Type.Null()]),
  ccs: Type.Array(Type.Object({ name: Type.String(), email: Type.String() })),
  fields: Type.Record(Type.String(), Type.String()),
  /** The closed request this one follows up (a reply by mail to it opened this one), when the member may see that one too. */
  followUpOf: Type.Union([Type.Integer(), Type.Null()]),
  comments: Type.Array(Comment),
  /** The requester's rating of the solved request; shown to everyone who may see the request. */
  rating: Type.Union([Type.Object({ score: RatingScore, comment: Type.Union([Type.String(), Type.Null()]) }), Type.Null()]),
  /** `rate`: this member is the requester and the request is solved or closed. */
  can: Type.Object({ comment: Type.Boolean(), solve: Type.Boolean(), rate: Type.Boolean() }),
});
export type RequestDetail = Static<typeof RequestDetail>;

export const RequestDetailBody = Type.Object({ request: RequestDetail });
export type RequestDetailBody = Static<typeof RequestDetailBody>;

export const NewComment = Type.Object(
  { body: Type.String({ maxLength: LIMITS.description, pattern: TEXT }), attachmentIds: Type.Optional(AttachmentIds) },
  { additionalProperties: false },
);
export type NewComment = Static<typeof NewComment>;

export const CommentCreatedBody = Type.Object({ comment: Comment, request: RequestDetail });
export type CommentCreatedBody = Static<typeof CommentCreatedBody>;

// ---- agents (the support team's side) -----------------------------------------

export const AgentSignIn = Type.Object(
  { email: Type.String({ maxLength: LIMITS.email, pattern: LINE }), password: Type.String({ minLength: 1, maxLength: 200 }) },
  { additionalProperties: false },
);
export type AgentSignIn = Static<typeof AgentSignIn>;

/** An agent as their teammates see them: whom a request can be given to. */
export const Teammate = Type.Object({ id: Type.String(), name: Type.String() });
export type Teammate = Static<typeof Teammate>;

export const AgentBody = Type.Object({
  agent: Type.Object({ id: Type.String(), name: Type.String(), email: Type.String(), site: Type.Object({ slug: Type.String(), name: Type.String() }) }),
  /** The site's active agents, the signed-in one included. */
  team: Type.Array(Teammate),
  categories: Type.Array(Type.Object({ id: Type.String(), name: Type.String() })),
  attachments: AttachmentLimitsBody,
  /** Signed in with the inbox cookie: the token every write made with that cookie sends as `x-porthole-csrf`. Absent for API tokens. */
  csrfToken: Type.Optional(Type.String()),
});
export type AgentBody = Static<typeof AgentBody>;

export const StoredStatus = Type.Union([
  Type.Literal('new'),
  Type.Literal('open'),
  Type.Literal('pending'),
  Type.Literal('hold'),
  Type.Literal('solved'),
  Type.Literal('closed'),
]);
export type StoredStatus = Static<typeof StoredStatus>;

/** Statuses an agent may choose; `new` is where requests start and `closed` comes by itself. */
export const AgentStatus = Type.Union([Type.Literal('open'), Type.Literal('pending'), Type.Literal('hold'), Type.Literal('solved')]);
export type AgentStatus = Static<typeof AgentStatus>;

export const QueueQuery = Type.Object({
  status: Type.Optional(Type.String({ pattern: '^(new|open|pending|hold|solved|closed)(,(new|open|pending|hold|solved|closed))*$' })),
  categoryId: Type.Optional(Type.String({ maxLength: 64 })),
  unanswered: Type.Optional(Type.Boolean()),
  q: Type.Optional(Type.String({ maxLength: LIMITS.searchQuery, pattern: LINE })),
  cursor: Type.Optional(Type.String({ maxLength: 200 })),
  limit: Type.Integer({ minimum: 1, maximum: LIMITS.listLimit, default: 20 }),
  /** `unverified_mail`: requests by mail whose sender nobody has proven, kept out of the main queue (the default). */
  view: Type.Optional(Type.Union([Type.Literal('main'), Type.Literal('unverified_mail')])),
  /** `me`: requests the asking agent owns; `none`: requests nobody owns. */
  assignee: Type.Optional(Type.Union([Type.Literal('me'), Type.Literal('none')])),
  tag: Type.Optional(line(64)),
});
export type QueueQuery = Static<typeof QueueQuery>;

/**
 * false: sent without signing in, and nobody has opened a link mailed to the requester's address for
 * this request — whoever wrote it may not be the owner of that address.
 */
const SenderVerified = Type.Boolean();

export const QueueItem = Type.Object({
  id: Type.Integer(),
  subject: Type.String(),
  status: StoredStatus,
  category: Type.String(),
  requester: Type.Object({ name: Type.Union([Type.String(), Type.Null()]), email: Type.String() }),
  senderVerified: SenderVerified,
  createdAt: Type.String(),
  updatedAt: Type.String(),
  assignee: Type.Union([Teammate, Type.Null()]),
  tags: Type.Array(Type.String()),
});
export type QueueItem = Static<typeof QueueItem>;

/** How customers rated the site's solved requests lately: good ÷ rated, as a whole percent; null when none was rated. */
export const Satisfaction = Type.Object({
  days: Type.Integer(),
  rated: Type.Integer(),
  good: Type.Integer(),
  percentGood: Type.Union([Type.Integer(), Type.Null()]),
});
export type Satisfaction = Static<typeof Satisfaction>;

/** Work still open (not solved or closed, not in Unverified mail): the asking agent's, nobody's, everyone's. */
export const ViewCounts = Type.Object({ mine: Type.Integer(), unassigned: Type.Integer(), open: Type.Integer() });
export type ViewCounts = Static<typeof ViewCounts>;

export const QueueBody = Type.Object({
  requests: Type.Array(QueueItem),
  nextCursor: Type.Union([Type.String(), Type.Null()]),
  satisfaction: Satisfaction,
  counts: ViewCounts,
});
export type QueueBody = Static<typeof QueueBody>;

export const AgentRequestParams = Type.Object({ id: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }) });
export type AgentRequestParams = Static<typeof AgentRequestParams>;

const Contact = Type.Object({ name: Type.Union([Type.String(), Type.Null()]), email: Type.String(), member: Type.Boolean() });

export const AgentRequest = Type.Object({
  id: Type.Integer(),
  subject: Type.String(),
  status: StoredStatus,
  customerStatus: CustomerStatus,
  createdAt: Type.String(),
  updatedAt: Type.String(),
  category: Type.Object({ id: Type.String(), name: Type.String() }),
  fields: Type.Record(Type.String(), Type.String()),
  requester: Contact,
  senderVerified: SenderVerified,
  /** How it came in: the widget or Help Center, or a mail to the site's address. */
  channel: Type.Union([Type.Literal('web'), Type.Literal('email')]),
  /** The closed request this one follows up (a reply by mail to it started this one). */
  followUpOf: Type.Optional(Type.Integer()),
  organization: Type.Union([Type.Object({ name: Type.String() }), Type.Null()]),
  /** The requester's rating, once given (the last one counts). */
  rating: Type.Union([Type.Object({ score: RatingScore, comment: Type.Union([Type.String(), Type.Null()]), ratedAt: Type.String() }), Type.Null()]),
  ccs: Type.Array(Contact),
  /** The agent who owns it; the team's alone, as are the tags. */
  assignee: Type.Union([Teammate, Type.Null()]),
  tags: Type.Array(Type.String()),
  comments: Type.Array(
    Type.Object({
      id: Type.String(),
      body: Type.String(),
      public: Type.Boolean(),
      author: Type.Object({ name: Type.String(), role: Type.Union([Type.Literal('customer'), Type.Literal('agent')]) }),
      createdAt: Type.String(),
      attachments: Type.Array(AttachedFile),
      /** A reply by mail from another address than the one it was sent to (the site allows those): that address. */
      sentFrom: Type.Optional(Type.String()),
    }),
  ),
});
export type AgentRequest = Static<typeof AgentRequest>;

export const AgentRequestBody = Type.Object({ request: AgentRequest });
export type AgentRequestBody = Static<typeof AgentRequestBody>;

export const AgentReply = Type.Object(
  {
    body: Type.String({ maxLength: LIMITS.description, pattern: TEXT }),
    /** false: an internal note, for the team only. */
    public: Type.Boolean(),
    /** Defaults: a public reply sets `pending` (the customer owes the next word); a note keeps the status. */
    status: Type.Optional(AgentStatus),
    attachmentIds: Type.Optional(AttachmentIds),
  },
  { additionalProperties: false },
);
export type AgentReply = Static<typeof AgentReply>;

/** The "Unverified mail" view's count, and what emptying it deleted. */
export const UnverifiedMailBody = Type.Object({ count: Type.Integer() });
export type UnverifiedMailBody = Static<typeof UnverifiedMailBody>;
export const UnverifiedMailEmptied = Type.Object({ deleted: Type.Integer() });
export type UnverifiedMailEmptied = Static<typeof UnverifiedMailEmptied>;

export const StatusChange = Type.Object({ status: AgentStatus }, { additionalProperties: false });
export type StatusChange = Static<typeof StatusChange>;

/** Who owns a request from now: an agent of the site by id, or nobody (null). */
export const AssigneeChange = Type.Object(
  { agentId: Type.Union([Type.String({ minLength: 1, maxLength: 64 }), Type.Null()]) },
  { additionalProperties: false },
);
export type AssigneeChange = Static<typeof AssigneeChange>;

/** A request's tags from now (contract/rules.ts says what a tag may be; case and spacing are normalized). */
export const TagsChange = Type.Object({ tags: Type.Array(line(64), { maxItems: MAX_TAGS }) }, { additionalProperties: false });
export type TagsChange = Static<typeof TagsChange>;

/** The site's tags in use, most used first. */
export const TagsInUse = Type.Object({ tags: Type.Array(Type.Object({ tag: Type.String(), requests: Type.Integer() })) });
export type TagsInUse = Static<typeof TagsInUse>;

// ---- the Help Center's accounts (issue 11) --------------------------------------------------

export const PortalLinkRequest = Type.Object(
  { email: line(LIMITS.email), purpose: Type.Union([Type.Literal('set_password'), Type.Literal('sign_in')]) },
  { additionalProperties: false },
);
export type PortalLinkRequest = Static<typeof PortalLinkRequest>;

/** The same answer for every address (no enumeration). */
export const PortalLinkAnswer = Type.Object({ message: Type.String() });

/** The token from the link's URL fragment, posted by the page (a GET never spends it). */
export const PortalLinkSpend = Type.Object(
  { token: Type.String({ minLength: 1, maxLength: 200, pattern: '^[A-Za-z0-9_-]+$' }) },
  { additionalProperties: false },
);
export type PortalLinkSpend = Static<typeof PortalLinkSpend>;

/** Who is signed in; `canSetPassword` after a password link, until the password is set or the grant runs out. */
export const PortalSessionBody = Type.Object({
  email: Type.String(),
  canSetPassword: Type.Boolean(),
});
export type PortalSessionBody = Static<typeof PortalSessionBody>;

// Length and commonness are checked by the service, which says which rule a password breaks.
export const PortalPassword = Type.Object({ password: Type.String({ maxLength: 1000 }) }, { additionalProperties: false });
export type PortalPassword = Static<typeof PortalPassword>;

export const PortalSignIn = Type.Object(
  { email: line(LIMITS.email), password: Type.String({ minLength: 1, maxLength: 1000 }) },
  { additionalProperties: false },
);
export type PortalSignIn = Static<typeof PortalSignIn>;

/** How many sessions a new password or "sign out everywhere" ended. */
export const PortalPasswordSet = Type.Object({ endedSessions: Type.Integer() });

/** A write that says everything by its path (still JSON: a plain form post cannot send it). */
export const EmptyBody = Type.Object({}, { additionalProperties: false });
