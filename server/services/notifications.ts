/**
 * Who is told what, by mail. The rules:
 * - the requester gets a receipt for a new request and every public agent reply;
 * - CCs get every public reply and every comment by someone else;
 * - the site's agents get new requests and customer replies — a few an hour each, then one digest
 *   per hour (see store/rules/mail-caps.ts);
 * - internal notes tell no customer.
 * A mail to an address nobody has verified carries none of what a customer wrote — no subject, no
 * description, no name — so the form cannot be used to send arbitrary text to arbitrary people:
 * its subject is a neutral "Your request #1042 to Northwind Outfitters". Customers' mails carry a
 * link back into the conversation (see links.ts).
 */
import type { MailDraft, RequestView } from '../store/types.js';
import type { MailDigest } from '../store/rows.js';
import { composeMail } from './mail-text.js';

export interface NotifyContext {
  siteName: string;
  agents: { email: string; name: string }[];
  /** Single mails each agent gets from this site in a clock hour before the rest go into a digest. */
  agentMailsPerHour: number;
  /** The link that opens this request for this customer: in the widget on the host site, or in the Help Center. */
  customerLink(recipient: Pick<Person, 'id' | 'externalId'>, number: number): string;
  agentLink(number: number): string;
  inboxLink: string;
}

type Person = { id: string; email: string; name: string | null; emailVerified: boolean; externalId: string | null };
type Quote = { author: string; body: string } | null;
const tag = (view: RequestView) => `[#${view.request.number}] ${view.request.subject}`;
const latest = (view: RequestView) => view.comments.at(-1);
const quoteOf = (comment: RequestView['comments'][number] | undefined): Quote => (comment ? { author: comment.authorName, body: comment.body } : null);

/**
 * One customer's mail. `role` picks the neutral subject an unverified address gets; `quote` is
 * shown as given (callers decide whether this recipient may read it).
 */
function customerMail(
  kind: string,
  role: 'requester' | 'cc',
  person: Person,
  view: RequestView,
  context: NotifyContext,
  lines: string[],
  quote: Quote,
): MailDraft {
  const { number } = view.request;
  const neutral = role === 'requester' ? `Your request #${number} to ${context.siteName}` : `You are copied on request #${number} to ${context.siteName}`;
  const body = composeMail(person.emailVerified ? tag(view) : neutral, lines, quote, {
    label: 'View the conversation',
    url: context.customerLink(person, number),
  });
  return { kind, audience: 'customer', to: { email: person.email, name: person.emailVerified ? person.name : null, endUserId: person.id }, ...body };
}

const CHANGES: Record<string, string> = { new_request: 'new request', customer_reply: 'customer reply' };

function agentMails(kind: 'new_request' | 'customer_reply', view: RequestView, context: NotifyContext, lines: string[]): MailDraft[] {
  const { number } = view.request;
  const digest = { perHour: context.agentMailsPerHour, number, change: CHANGES[kind]!, compose: (listed: MailDigest) => agentDigest(listed, context) };
  return context.agents.map((agent) => ({
    kind,
    audience: 'agent' as const,
    to: { email: agent.email, name: agent.name },
    ...composeMail(tag(view), lines, quoteOf(latest(view)), { label: 'Open in the inbox', url: context.agentLink(number) }),
    digest,
  }));
}

/** The hour's digest: request numbers and what happened, in the site's words only. */
function agentDigest(digest: MailDigest, context: NotifyContext) {
  return composeMail(
    `Requests that changed at ${context.siteName} this hour`,
    [
      `More happened at ${context.siteName} this hour than the ${context.agentMailsPerHour} mails we send each agent. Since then:`,
      ...digest.entries.map((entry) => `#${entry.number}: ${entry.changes.join(', ')} — ${context.agentLink(entry.number)}`),
      ...(digest.more ? ['… and more: see the inbox.'] : []),
    ],
    null,
    { label: 'Open the inbox', url: context.inboxLink },
  );
}

export function requestCreatedMails(view: RequestView, context: NotifyContext): MailDraft[] {
  const { requester } = view;
  const { number } = view.request;
  const quote = quoteOf(latest(view));
  return [
    customerMail(
      'receipt',
      'requester',
      requester,
      view,
      context,
      [`We have received your request #${number} to ${context.siteName} and will reply soon.`],
      requester.emailVerified ? quote : null,
    ),
    ...view.ccs.map((cc) =>
      customerMail(
        'cc_added',
        'cc',
        cc,
        view,
        context,
        [`You have been copied on request #${number} to ${context.siteName}.`],
        cc.emailVerified ? quote : null,
      ),
    ),
    ...agentMails('new_request', view, context, [`New request #${number} from ${requester.name ?? requester.email}.`]),
  ];
}

/**
 * `authorIds`: every end-user record of the person who wrote — a member's own record and the
 * contact records linked to it by a verified address (a CC is always such a contact record), so a
 * CC who signs in and comments is not sent their own words.
 */
export function customerCommentMails(view: RequestView, authorIds: readonly string[], context: NotifyContext): MailDraft[] {
  const last = latest(view);
  const quote = quoteOf(last);
  return [
    ...view.ccs
      .filter((cc) => !authorIds.includes(cc.id))
      .map((cc) =>
        customerMail('cc_comment', 'cc', cc, view, context, [`There is a new message on request #${view.request.number}.`], cc.emailVerified ? quote : null),
      ),
    ...agentMails('customer_reply', view, context, [`${last?.authorName ?? 'The customer'} replied on request #${view.request.number}.`]),
  ];
}

export function agentReplyMails(view: RequestView, context: NotifyContext): MailDraft[] {
  const last = latest(view);
  if (!last?.public) return []; // internal notes stay inside the team
  // What an agent wrote is the site's own text: it may be quoted to anyone on the request (the
  // subject, which the customer typed, still goes only to verified addresses).
  const quote = quoteOf(last);
  const line = `${context.siteName} support replied to your request #${view.request.number}.`;
  return [
    customerMail('agent_reply', 'requester', view.requester, view, context, [line], quote),
    ...view.ccs.map((cc) => customerMail('agent_reply', 'cc', cc, view, context, [line], quote)),
  ];
}
