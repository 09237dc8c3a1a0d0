/**
 * The words of the mails Porthole sends, customers' and agents'. The server composes mail from these tables (never the
 * widget bundle: nothing imports this file from widget/), so issue 13's locales translate mail and panel alike.
 * Words that take numbers or names are functions; dates are formatted with Intl in `locale`.
 */
import { plural } from '../format.js';

export const mailMessages = {
  locale: 'en',
  // The line a customer types their reply above; the inbound parser cuts a reply there (server/mail/reply-marker.ts).
  replyAbove: '##- Please type your reply above this line -##',

  // Subjects. The neutral ones go to addresses nobody has verified: they carry nothing anyone typed.
  requestSubject: (number: number, subject: string) => `[#${number}] ${subject}`,
  requesterNeutralSubject: (number: number, site: string) => `Your request #${number} to ${site}`,
  ccNeutralSubject: (number: number, site: string) => `You are copied on request #${number} to ${site}`,

  // What happened, the first line of a customer's mail.
  received: (number: number, site: string) => `We have received your request #${number} to ${site} and will reply soon.`,
  copied: (number: number, site: string) => `You have been copied on request #${number} to ${site}.`,
  newMessage: (number: number) => `There is a new message on request #${number}.`,
  agentReplied: (site: string, number: number) => `${site} support replied to your request #${number}.`,
  solved: (site: string, number: number) => `${site} support marked your request #${number} as solved.`,
  reopenByReply: 'If something is still not right, reply to this mail to reopen it.',
  viewConversation: 'View the conversation',
  // The solve mail's rating links (the page they open pre-selects the answer; nothing is stored by opening it).
  howDidWeDo: 'How did we do?',
  rateGood: 'Good',
  rateBad: 'Bad',

  // The conversation below the first lines: the latest message, then the earlier ones.
  wrote: (author: string, when: string) => `${author} wrote on ${when}:`,
  earlierMessages: 'Earlier in this conversation',
  olderNotShown: plural('en', {
    one: () => 'One older message is in the conversation.',
    other: (count) => `${count} older messages are in the conversation.`,
  }),

  // The Help Center's mailed links.
  setPasswordSubject: (site: string) => `Set your password for ${site} support`,
  setPasswordBody: (email: string, site: string) =>
    `Someone asked to set a password for ${email} on the ${site} Help Center. The link works once, for one hour.`,
  setPasswordIgnore: 'If it was not you, ignore this mail: nothing changes.',
  setPasswordButton: 'Set a password',
  signInSubject: (site: string) => `Sign in to ${site} support`,
  signInBody: (email: string, site: string) => `Someone asked to sign in to the ${site} Help Center as ${email}. The link works once, for 15 minutes.`,
  signInIgnore: 'If it was not you, ignore this mail.',
  signInButton: 'Sign in',

  // Agents' mails.
  newRequest: (number: number, from: string) => `New request #${number} from ${from}.`,
  customerReplied: (author: string, number: number) => `${author} replied on request #${number}.`,
  theCustomer: 'The customer',
  openInInbox: 'Open in the inbox',

  // The agents' hourly digest; `changes` are the words it lists for each request.
  digestSubject: (site: string) => `Requests that changed at ${site} this hour`,
  digestIntro: (site: string, perHour: number) => `More happened at ${site} this hour than the ${perHour} mails we send each agent. Since then:`,
  digestEntry: (number: number, changes: string[], link: string) => `#${number}: ${changes.join(', ')} — ${link}`,
  digestMore: '… and more: see the inbox.',
  openTheInbox: 'Open the inbox',
  changes: { new_request: 'new request', customer_reply: 'customer reply' },
};
