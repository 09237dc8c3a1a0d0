/**
 * Privacy (issue 14), written once for both engines: what an export of one person holds, and what
 * erasing them changes. The adapters (sqlite/privacy.ts, pg/privacy.ts) only read and write rows;
 * the shape of the export, the erased values and the tests for "does this cached text mention
 * them" are here, so the two cannot drift.
 *
 * A person is every end-user record of the site with their address (a member and the contacts who
 * wrote in with it), plus what is keyed by the address alone: Help Center accounts and links,
 * mail to it, block-list entries.
 *
 * The export is what the person may see: their identity, the requests they made with the public
 * conversation (internal notes are the team's and never leave the agent side, so they are not
 * exported), their own messages on requests they are CC'd on, the files of those messages, their
 * Help Center account's metadata, the mail sent to them and the block-list entries of their address.
 *
 * Erasing keeps each request as an anonymised record for the team's figures — number, status,
 * timestamps, category, channel, organization, tags, assignee, rating score — and removes:
 * - identity: each end-user record becomes "Erased person", no address, no host id, no organization;
 * - requests they made: the subject and form fields, and every message's text (theirs, the team's
 *   replies and notes: a conversation about a person quotes them), a rating's comment, every file;
 * - elsewhere: the text of their own messages on others' requests, their uploads, their CC entries
 *   (and the CC list of their own requests: whom they wrote with), a "sent from" of their address;
 * - mail: outbox rows to them or about a request they made or wrote on (an agents' digest listing
 *   one of their requests too); webhook deliveries and
 *   idempotency keys whose stored bodies carry their address, requests or messages;
 * - reply addresses made for them, Help Center accounts (and so sessions) and links, and
 *   block-list entries of their address.
 */
import type {
  AttachmentRow,
  BlockedSenderRow,
  CommentRow,
  EndUserRow,
  OrganizationRow,
  OutboxRow,
  PortalAccountRow,
  PortalLinkRow,
  PortalSessionRow,
  RequestCcRow,
  RequestRatingRow,
  RequestRow,
} from '../rows.js';

/** What an erased message, subject or rating comment reads. */
export const ERASED_TEXT = '[erased]';
/** What an erased person is called wherever a name is shown. */
export const ERASED_NAME = 'Erased person';

/** The columns an erased end-user record is left with (its id, site and times of creation stay). */
export const erasedIdentity = (now: string) => ({
  email: '',
  name: ERASED_NAME,
  externalId: null,
  emailVerified: false,
  organizationId: null,
  locale: null,
  updatedAt: now,
});

/** The columns an erased request of theirs is left with; status, times, category, owner and tags stay. */
export const erasedRequest = { subject: ERASED_TEXT, fields: {} as Record<string, string> };

/** Addresses compare trimmed and lower-cased, as everywhere else (DESIGN.md, member tokens). */
export const normalizedEmail = (email: string) => email.trim().toLowerCase();

// ---- the export -----------------------------------------------------------------------------

/** The rows an adapter reads for an export, every one scoped to the site and the person. */
export interface PersonRows {
  email: string;
  endUsers: EndUserRow[];
  organizations: OrganizationRow[];
  /** Requests they made. */
  requests: RequestRow[];
  /** Requests they are CC'd on (and did not make), with the CC entry. */
  ccd: { request: RequestRow; cc: RequestCcRow }[];
  /** Public comments of their requests, and their own public comments elsewhere. */
  comments: CommentRow[];
  /** Files of those comments, and their own uploads. */
  attachments: AttachmentRow[];
  ratings: RequestRatingRow[];
  /** Addresses CC'd on their requests, by request id (they see them and chose them). */
  ccEmails: { requestId: string; email: string }[];
  categoryNames: Record<string, string>;
  agentNames: Record<string, string>;
  portalAccounts: PortalAccountRow[];
  portalSessions: PortalSessionRow[];
  portalLinks: PortalLinkRow[];
  outbox: OutboxRow[];
  blocked: BlockedSenderRow[];
}

export interface ExportedMessage {
  id: string;
  author: { kind: 'you' | 'team' | 'other'; name: string };
  body: string;
  createdAt: string;
  /** Set when it came by mail from another address than the one its reply address was made for. */
  sentFrom: string | null;
  attachments: ExportedFile[];
}

export interface ExportedFile {
  id: string;
  name: string;
  contentType: string;
  size: number;
  createdAt: string;
  /** The request it belongs to; null for an upload never sent with a message. */
  requestNumber: number | null;
}

/** Everything about one person, as `export-person` prints it (inside its envelope). */
export interface PersonExport {
  email: string;
  identities: {
    id: string;
    kind: 'member' | 'contact';
    externalId: string | null;
    name: string | null;
    email: string;
    emailVerified: boolean;
    locale: string | null;
    organization: { externalId: string; name: string } | null;
    createdAt: string;
    updatedAt: string;
  }[];
  requests: {
    number: number;
    subject: string;
    status: string;
    category: string;
    channel: string;
    createdAt: string;
    updatedAt: string;
    solvedAt: string | null;
    fields: Record<string, string>;
    ccs: string[];
    rating: { score: string; comment: string | null; ratedAt: string } | null;
    messages: ExportedMessage[];
  }[];
  /** Requests they are CC'd on: what they were shown, and their own messages there. */
  ccRequests: { number: number; subject: string; status: string; ccSince: string; messages: ExportedMessage[] }[];
  /** Every file listed above, and uploads never sent. */
  attachments: ExportedFile[];
  /** Mail that came from them: requests opened by mail, and replies by mail from another address. */
  mailFromThem: { requestNumber: number; messageId: string | null; receivedAt: string; from: string }[];
  helpCenter: {
    accounts: { createdAt: string; updatedAt: string; hasPassword: boolean }[];
    sessions: { createdAt: string; lastSeenAt: string }[];
    links: { purpose: string; createdAt: string; expiresAt: string; endedAt: string | null; endedBy: string | null }[];
  };
  mailToThem: { kind: string; subject: string; text: string; status: string; createdAt: string; sentAt: string | null; requestNumber: number | null }[];
  blockedSenders: { pattern: string; createdAt: string }[];
}

export function buildExport(rows: PersonRows): PersonExport {
  const mine = new Set(rows.endUsers.map((user) => user.id));
  const numberOf = new Map([...rows.requests, ...rows.ccd.map((entry) => entry.request)].map((request) => [request.id, request.number]));
  const file = (row: AttachmentRow): ExportedFile => ({
    id: row.id,
    name: row.name,
    contentType: row.contentType,
    size: row.size,
    createdAt: row.createdAt,
    requestNumber: row.requestId === null ? null : (numberOf.get(row.requestId) ?? null),
  });
  const filesOf = (commentId: string) => rows.attachments.filter((row) => row.commentId === commentId).map(file);
  const nameOf = (endUserId: string | null) => rows.endUsers.find((user) => user.id === endUserId)?.name ?? null;
  const message = (comment: CommentRow): ExportedMessage => ({
    id: comment.id,
    author:
      comment.authorAgentId !== null
        ? { kind: 'team', name: rows.agentNames[comment.authorAgentId] ?? 'Support' }
        : mine.has(comment.authorEndUserId ?? '')
          ? { kind: 'you', name: nameOf(comment.authorEndUserId) ?? rows.email }
          : { kind: 'other', name: 'Another person' },
    body: comment.body,
    createdAt: comment.createdAt,
    sentFrom: comment.sentFrom,
    attachments: filesOf(comment.id),
  });
  const messagesOf = (requestId: string, onlyMine: boolean) =>
    rows.comments
      .filter((comment) => comment.requestId === requestId && comment.public && (!onlyMine || mine.has(comment.authorEndUserId ?? '')))
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id))
      .map(message);
  const organization = (id: string | null) => {
    const row = rows.organizations.find((candidate) => candidate.id === id);
    return row ? { externalId: row.externalId, name: row.name } : null;
  };
  const byNumber = <T extends { number: number }>(list: T[]) => list.sort((a, b) => a.number - b.number);
  const firstMessageOf = (requestId: string) =>
    rows.comments.filter((comment) => comment.requestId === requestId).sort((a, b) => a.createdAt.localeCompare(b.createdAt))[0];
  return {
    email: rows.email,
    identities: rows.endUsers.map((user) => ({
      id: user.id,
      kind: user.externalId === null ? 'contact' : 'member',
      externalId: user.externalId,
      name: user.name,
      email: user.email,
      emailVerified: user.emailVerified,
      locale: user.locale,
      organization: organization(user.organizationId),
      createdAt: user.createdAt,
      updatedAt: user.updatedAt,
    })),
    requests: byNumber(
      rows.requests.map((request) => {
        const rating = rows.ratings.find((row) => row.requestId === request.id);
        return {
          number: request.number,
          subject: request.subject,
          status: request.status,
          category: rows.categoryNames[request.categoryId] ?? request.categoryId,
          channel: request.channel,
          createdAt: request.createdAt,
          updatedAt: request.updatedAt,
          solvedAt: request.solvedAt,
          fields: request.fields,
          ccs: rows.ccEmails.filter((cc) => cc.requestId === request.id).map((cc) => cc.email),
          rating: rating ? { score: rating.score, comment: rating.comment, ratedAt: rating.ratedAt } : null,
          messages: messagesOf(request.id, false),
        };
      }),
    ),
    ccRequests: byNumber(
      rows.ccd.map(({ request, cc }) => ({
        number: request.number,
        subject: request.subject,
        status: request.status,
        ccSince: cc.createdAt,
        messages: messagesOf(request.id, true),
      })),
    ),
    attachments: rows.attachments.map(file),
    mailFromThem: [
      ...rows.requests
        .filter((request) => request.channel === 'email')
        .map((request) => ({
          requestNumber: request.number,
          messageId: firstMessageOf(request.id)?.id ?? null,
          receivedAt: request.createdAt,
          from: rows.email,
        })),
      ...rows.comments
        .filter((comment) => mine.has(comment.authorEndUserId ?? '') && comment.sentFrom !== null)
        .map((comment) => ({
          requestNumber: numberOf.get(comment.requestId) ?? 0,
          messageId: comment.id,
          receivedAt: comment.createdAt,
          from: comment.sentFrom!,
        })),
    ],
    helpCenter: {
      accounts: rows.portalAccounts.map((account) => ({
        createdAt: account.createdAt,
        updatedAt: account.updatedAt,
        hasPassword: account.passwordHash !== null,
      })),
      sessions: rows.portalSessions.map((session) => ({ createdAt: session.createdAt, lastSeenAt: session.lastSeenAt })),
      links: rows.portalLinks.map((link) => ({
        purpose: link.purpose,
        createdAt: link.createdAt,
        expiresAt: link.expiresAt,
        endedAt: link.endedAt,
        endedBy: link.endedBy,
      })),
    },
    mailToThem: rows.outbox
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt))
      .map((mail) => ({
        kind: mail.kind,
        subject: mail.subject,
        text: mail.text,
        status: mail.status,
        createdAt: mail.createdAt,
        sentAt: mail.sentAt,
        requestNumber: mail.requestId === null ? null : (numberOf.get(mail.requestId) ?? null),
      })),
    blockedSenders: rows.blocked.map((row) => ({ pattern: row.pattern, createdAt: row.createdAt })),
  };
}

// ---- the erasure ----------------------------------------------------------------------------

/** What erasing a person changed, each counted (rows, except where said). */
export const ERASED_PARTS = [
  'identities',
  'requests',
  'messages',
  'ratingComments',
  'ccs',
  'attachments',
  'outboxMails',
  'webhookDeliveries',
  'idempotencyKeys',
  'replyAddresses',
  'helpCenterAccounts',
  'helpCenterSessions',
  'helpCenterLinks',
  'blockedSenders',
] as const;

export type ErasedPart = (typeof ERASED_PARTS)[number];

export interface PersonErasure {
  counts: Record<ErasedPart, number>;
  /** Where the erased files' bytes are: the caller deletes them (on PostgreSQL they went with the rows). */
  files: Pick<AttachmentRow, 'siteId' | 'storageKey'>[];
  /**
   * Strings that mark a mail written to or about them: their address, the Message-ID roots of
   * their requests and of each erased outbox mail (mail/threading.ts). A development `.eml` file in
   * MAIL_DIR holding any of them goes too.
   */
  mailMarks: string[];
  /** What the engine could not finish (e.g. compacting while another connection reads): the command warns with each. */
  warnings: string[];
}

export const noCounts = (): Record<ErasedPart, number> => Object.fromEntries(ERASED_PARTS.map((part) => [part, 0])) as Record<ErasedPart, number>;

/** What a stored copy of a message (a webhook payload, a cached response) is checked against. */
export interface PersonMarks {
  email: string;
  requestNumbers: Set<number>;
  commentIds: Set<string>;
}

/**
 * Whether a webhook payload (rules/webhook-events.ts) is about them: their address as the requester,
 * one of their requests, or one of their messages.
 */
export function payloadMentions(payload: string, marks: PersonMarks): boolean {
  if (payload.toLowerCase().includes(marks.email)) return true;
  try {
    const data = (JSON.parse(payload) as { data?: { request?: { number?: unknown }; comment?: { id?: unknown }; note?: { id?: unknown } } }).data;
    return (
      marks.requestNumbers.has(data?.request?.number as number) ||
      marks.commentIds.has(data?.comment?.id as string) ||
      marks.commentIds.has(data?.note?.id as string)
    );
  } catch {
    return false;
  }
}

/** Whether a cached answer to a new request (an idempotency key's body, `{ request: { id: number, … } }`) is about them. */
export function responseMentions(responseBody: string, marks: PersonMarks): boolean {
  if (responseBody.toLowerCase().includes(marks.email)) return true;
  try {
    const body = JSON.parse(responseBody) as { request?: { id?: unknown } };
    return marks.requestNumbers.has(body.request?.id as number);
  } catch {
    return false;
  }
}

/** Whether an agents' digest (outbox.digest) lists one of their requests: its text names the request's subject. */
export const digestMentions = (digest: { entries: { number: number }[] } | null, marks: PersonMarks): boolean =>
  digest !== null && digest.entries.some((entry) => marks.requestNumbers.has(entry.number));

export const mailMarksOf = (email: string, requestIds: string[], outboxIds: string[]): string[] => [
  email,
  ...requestIds.map((id) => `porthole.request.${id}@`),
  ...outboxIds.map((id) => `porthole.${id}@`),
];
