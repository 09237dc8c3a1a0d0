/**
 * Who is told what, by mail. The rules:
 * - the requester gets a receipt for a new request and every public agent reply;
 * - CCs get every public reply and every comment by someone else;
 * - the requester and CCs hear when an agent solves the request, with the way to reopen it (reply
 *   to the mail); a member who solves their own request in the widget knows, and is sent nothing;
 * - the site's agents get new requests and customer replies — a few an hour each, then one digest
 *   per hour (see store/rules/mail-caps.ts);
 * - internal notes tell no one, and are never quoted.
 * A mail to an address nobody has verified carries none of what a customer wrote — no subject, no
 * description, no name, no earlier messages — so the form cannot be used to send arbitrary text to
 * arbitrary people: its subject is a neutral "Your request #1042 to Northwind Outfitters"
 * (`conversationFor` is that rule). Customers' mails carry a link back into the conversation (see
 * links.ts) and begin with the line their reply goes above. Every word is from widget/i18n/<locale>/mail.ts:
 * a customer's mail speaks their language — the requester the request's (the one they wrote it in), a CC their
 * own latest (end_users.locale), else the site's default — and agents' mail stays English.
 */
import type { MailDraft, RequestView } from '../store/types.js';
import type { Locale, MailDigest } from '../store/rows.js';
import { tablesFor } from '../../widget/i18n/all-tables.js';
import { composeMail, type MailLayout, type QuotedMessage } from './mail-text.js';

/** Agents read English: the inbox is English. */
const AGENT_LOCALE: Locale = 'en';
const words = tablesFor(AGENT_LOCALE).mailMessages;
type MailWords = typeof words;

export interface NotifyContext {
  siteName: string;
  /** The site's colour (#rrggbb), for the mail's header bar and button. */
  siteColor: string;
  /** The site's default language: a CC's mail speaks it until they write a request of their own. */
  siteLocale: Locale;
  /** The site's active agents. */
  agents: { id: string; email: string; name: string }[];
  /** Single mails each agent gets from this site in a clock hour before the rest go into a digest. */
  agentMailsPerHour: number;
  /** The link that opens this request for this customer: in the widget on the host site, or in the Help Center. */
  customerLink(recipient: Pick<Person, 'id' | 'externalId'>, number: number): string;
  agentLink(number: number): string;
  inboxLink: string;
}

type Person = { id: string; email: string; name: string | null; emailVerified: boolean; externalId: string | null; locale: Locale | null };
type Role = 'requester' | 'cc';

/** Earlier messages a mail shows below the latest; the rest are a link away. */
export const EARLIER_MESSAGES_SHOWN = 5;

/**
 * What of the conversation a mail to this reader shows, latest first: public messages only. A
 * verified reader (and every agent) gets the latest and a few earlier ones. An address nobody has
 * verified gets only the latest, and only when the site's agents wrote it — their words are the
 * site's own, which may go to anyone on the request; nothing a customer typed, nothing earlier.
 */
function conversationFor(view: RequestView, verifiedReader: boolean): { conversation: QuotedMessage[]; olderNotShown: number } {
  const shown = view.comments.filter((comment) => comment.public).reverse();
  const quoted = (comment: RequestView['comments'][number]): QuotedMessage => ({ author: comment.authorName, at: comment.createdAt, body: comment.body });
  if (!verifiedReader)
    return {
      conversation: shown
        .slice(0, 1)
        .filter((comment) => comment.byAgent)
        .map(quoted),
      olderNotShown: 0,
    };
  const kept = shown.slice(0, 1 + EARLIER_MESSAGES_SHOWN);
  return { conversation: kept.map(quoted), olderNotShown: shown.length - kept.length };
}

const site = (context: NotifyContext): MailLayout['site'] => ({ name: context.siteName, color: context.siteColor });

/** The language a customer's mail about this request speaks. */
const localeOf = (role: Role, person: Person, view: RequestView, context: NotifyContext): Locale =>
  role === 'requester' ? view.request.locale : (person.locale ?? context.siteLocale);

/** A customer mail's first lines, in its reader's words. */
type Lines = (words: MailWords) => string[];

/**
 * One customer's mail. `role` picks the neutral subject an unverified address gets. `rating`: the solve mail's
 * "How did we do?" with Good and Bad links, for the requester alone (only they may rate): the conversation link
 * with `&rate=good|bad` added to its fragment, which the page pre-selects — opening it stores nothing.
 */
function customerMail(kind: string, role: Role, person: Person, view: RequestView, context: NotifyContext, lines: Lines, rating = false): MailDraft {
  const { number, subject } = view.request;
  const locale = localeOf(role, person, view, context);
  const said = tablesFor(locale).mailMessages;
  const neutral = role === 'requester' ? said.requesterNeutralSubject(number, context.siteName) : said.ccNeutralSubject(number, context.siteName);
  const link = context.customerLink(person, number);
  const body = composeMail({
    locale,
    subject: person.emailVerified ? said.requestSubject(number, subject) : neutral,
    site: site(context),
    replyMarker: true,
    paragraphs: lines(said),
    ...conversationFor(view, person.emailVerified),
    link: { label: said.viewConversation, url: link },
    ...(rating &&
      role === 'requester' && {
        moreLinks: {
          intro: said.howDidWeDo,
          links: [
            { label: said.rateGood, url: `${link}&rate=good` },
            { label: said.rateBad, url: `${link}&rate=bad` },
          ],
        },
      }),
  });
  return { kind, audience: 'customer', to: { email: person.email, name: person.emailVerified ? person.name : null, endUserId: person.id }, ...body };
}

/**
 * The same mail for the requester and every CC (each with their own language, subject, quoting and link).
 * An erased requester (admin/privacy.ts) has no address left: the team may still answer the request, and nobody is mailed.
 */
const toEveryone = (kind: string, view: RequestView, context: NotifyContext, lines: Lines, rating = false): MailDraft[] => [
  ...(view.requester.email ? [customerMail(kind, 'requester', view.requester, view, context, lines, rating)] : []),
  ...view.ccs.map((cc) => customerMail(kind, 'cc', cc, view, context, lines, rating)),
];

type AgentChange = keyof typeof words.changes;

/**
 * A customer's word on a request someone owns is that agent's to hear, not the whole team's; an
 * unowned request (or one whose owner was removed) tells every agent.
 */
function agentsToTell(view: RequestView, context: NotifyContext): NotifyContext['agents'] {
  const owner = context.agents.find((agent) => agent.id === view.request.assigneeAgentId);
  return owner ? [owner] : context.agents;
}

function agentMails(kind: AgentChange, view: RequestView, context: NotifyContext, lines: string[], recipients = context.agents): MailDraft[] {
  const { number, subject } = view.request;
  const digest = { perHour: context.agentMailsPerHour, number, change: words.changes[kind], compose: (listed: MailDigest) => agentDigest(listed, context) };
  const body = composeMail({
    locale: AGENT_LOCALE,
    subject: words.requestSubject(number, subject),
    site: site(context),
    replyMarker: false,
    paragraphs: lines,
    ...conversationFor(view, true),
    link: { label: words.openInInbox, url: context.agentLink(number) },
  });
  return recipients.map((agent) => ({ kind, audience: 'agent' as const, to: { email: agent.email, name: agent.name }, ...body, digest }));
}

/** The hour's digest: request numbers and what happened, in the site's words only. */
function agentDigest(digest: MailDigest, context: NotifyContext) {
  return composeMail({
    locale: AGENT_LOCALE,
    subject: words.digestSubject(context.siteName),
    site: site(context),
    replyMarker: false,
    paragraphs: [
      words.digestIntro(context.siteName, context.agentMailsPerHour),
      ...digest.entries.map((entry) => words.digestEntry(entry.number, entry.changes, context.agentLink(entry.number))),
      ...(digest.more ? [words.digestMore] : []),
    ],
    conversation: [],
    link: { label: words.openTheInbox, url: context.inboxLink },
  });
}

export function requestCreatedMails(view: RequestView, context: NotifyContext): MailDraft[] {
  const { requester } = view;
  const { number } = view.request;
  return [
    customerMail('receipt', 'requester', requester, view, context, (said) => [said.received(number, context.siteName)]),
    ...view.ccs.map((cc) => customerMail('cc_added', 'cc', cc, view, context, (said) => [said.copied(number, context.siteName)])),
    ...agentMails('new_request', view, context, [words.newRequest(number, requester.name ?? requester.email)]),
  ];
}

/**
 * `authorIds`: every end-user record of the person who wrote — a member's own record and the
 * contact records linked to it by a verified address (a CC is always such a contact record), so a
 * CC who signs in and comments is not sent their own words.
 */
export function customerCommentMails(view: RequestView, authorIds: readonly string[], context: NotifyContext): MailDraft[] {
  const { number } = view.request;
  return [
    ...view.ccs
      .filter((cc) => !authorIds.includes(cc.id))
      .map((cc) => customerMail('cc_comment', 'cc', cc, view, context, (said) => [said.newMessage(number)])),
    ...agentMails(
      'customer_reply',
      view,
      context,
      [words.customerReplied(view.comments.at(-1)?.authorName ?? words.theCustomer, number)],
      agentsToTell(view, context),
    ),
  ];
}

/** What customers hear when an agent solves the request: that it is solved, and that a reply reopens it. */
const solvedLines =
  (view: RequestView, context: NotifyContext): Lines =>
  (said) => [said.solved(context.siteName, view.request.number), said.reopenByReply];

/**
 * An agent's reply or note. A public reply tells the requester and every CC; one that also solves
 * the request is one mail saying both. A note tells no customer — unless it solved the request.
 */
export function agentReplyMails(view: RequestView, context: NotifyContext, solvedNow: boolean): MailDraft[] {
  if (solvedNow) return toEveryone('request_solved', view, context, solvedLines(view, context), true);
  if (!view.comments.at(-1)?.public) return []; // internal notes stay inside the team
  return toEveryone('agent_reply', view, context, (said) => [said.agentReplied(context.siteName, view.request.number)]);
}

/** An agent's status change: only solving it is news to customers. */
export const statusChangeMails = (view: RequestView, context: NotifyContext, solvedNow: boolean): MailDraft[] =>
  solvedNow ? toEveryone('request_solved', view, context, solvedLines(view, context), true) : [];
