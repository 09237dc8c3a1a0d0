/**
 * Who is told what, by mail. The rules:
 * - the requester gets a receipt for a new request and every public agent reply;
 * - CCs get every public reply and every comment by someone else;
 * - the site's agents get new requests and customer replies;
 * - internal notes tell no customer.
 * A receipt or copy to an address nobody has verified does not echo what was written, so the
 * form cannot be used to send arbitrary text to arbitrary people. Customers' mails carry a link
 * back into the conversation (see links.ts).
 */
import type { MailDraft } from '../db/outbox.js';
import type { RequestView } from '../db/request-view.js';
import { composeMail } from './mail-text.js';

export interface NotifyContext {
  siteName: string;
  agents: { email: string; name: string }[];
  /** The link that opens this request for this customer in the widget on the host site. */
  customerLink(endUserId: string, number: number): string;
  agentLink(number: number): string;
}

type Person = { id: string; email: string; name: string | null; emailVerified: boolean };
const to = (person: { email: string; name: string | null }) => ({ email: person.email, name: person.name });
const tag = (view: RequestView) => `[#${view.request.number}] ${view.request.subject}`;
const latest = (view: RequestView) => view.comments.at(-1);

function customerMail(kind: string, person: Person, view: RequestView, context: NotifyContext, lines: string[], quote: { author: string; body: string } | null): MailDraft {
  const body = composeMail(`${tag(view)}`, lines, person.emailVerified ? quote : null, {
    label: 'View the conversation',
    url: context.customerLink(person.id, view.request.number),
  });
  return { kind, audience: 'customer', to: to(person), ...body };
}

function agentMails(kind: string, view: RequestView, context: NotifyContext, lines: string[]): MailDraft[] {
  const last = latest(view);
  return context.agents.map((agent) => ({
    kind,
    audience: 'agent' as const,
    to: { email: agent.email, name: agent.name },
    ...composeMail(tag(view), lines, last ? { author: last.authorName, body: last.body } : null, {
      label: 'Open in the inbox',
      url: context.agentLink(view.request.number),
    }),
  }));
}

export function requestCreatedMails(view: RequestView, context: NotifyContext): MailDraft[] {
  const { requester } = view;
  const first = latest(view);
  const quote = first ? { author: first.authorName, body: first.body } : null;
  return [
    customerMail('receipt', requester, view, context, [`We have received your request #${view.request.number} to ${context.siteName} and will reply soon.`], quote),
    ...view.ccs.map((cc) =>
      customerMail('cc_added', cc, view, context, [`${requester.name ?? requester.email} copied you on request #${view.request.number} to ${context.siteName}.`], quote),
    ),
    ...agentMails('new_request', view, context, [`New request #${view.request.number} from ${requester.name ?? requester.email}.`]),
  ];
}

/**
 * `authorIds`: every end-user record of the person who wrote — a member's own record and the
 * contact records linked to it by a verified address (a CC is always such a contact record), so a
 * CC who signs in and comments is not sent their own words.
 */
export function customerCommentMails(view: RequestView, authorIds: readonly string[], context: NotifyContext): MailDraft[] {
  const last = latest(view);
  const quote = last ? { author: last.authorName, body: last.body } : null;
  return [
    ...view.ccs
      .filter((cc) => !authorIds.includes(cc.id))
      .map((cc) => customerMail('cc_comment', cc, view, context, [`There is a new message on request #${view.request.number}.`], quote)),
    ...agentMails('customer_reply', view, context, [`${last?.authorName ?? 'The customer'} replied on request #${view.request.number}.`]),
  ];
}

export function agentReplyMails(view: RequestView, context: NotifyContext): MailDraft[] {
  const last = latest(view);
  if (!last?.public) return []; // internal notes stay inside the team
  // What an agent wrote is the site's own text: it may be quoted to anyone on the request.
  const quote = { author: last.authorName, body: last.body };
  const verified = (person: Person): Person => ({ ...person, emailVerified: true });
  return [view.requester, ...view.ccs].map((person) =>
    customerMail('agent_reply', verified(person), view, context, [`${context.siteName} support replied to your request #${view.request.number}.`], quote),
  );
}
