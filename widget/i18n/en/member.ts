/** The words of a signed-in member's views and badge; they come with the member chunk (see en.ts). */
import { plural } from '../format.js';

export const memberMessages = {
  yourRequests: 'Your requests',
  signedInAs: (name: string) => `Signed in as ${name}`,
  awaitingBadge: plural('en', {
    one: (count) => `${count} request is awaiting your reply`,
    other: (count) => `${count} requests are awaiting your reply`,
  }),
  lists: { mine: 'My requests', ccd: 'Requests I’m CC’d on', org: 'Organization requests' },
  statusFilter: 'Status',
  allStatuses: 'All',
  statuses: { open: 'Open', awaiting_reply: 'Awaiting your reply', solved: 'Solved', closed: 'Closed' },
  noRequests: 'Nothing here yet.',
  // An empty list under a status filter: what it holds none of, and the way back to every request.
  noneWithStatus: { open: 'No open requests', awaiting_reply: 'No requests awaiting your reply', solved: 'No solved requests', closed: 'No closed requests' },
  clearFilter: 'Show all requests',
  loadMore: 'Load more',
  lastActivity: (when: string) => `Updated ${when}`,
  requestTitle: (number: number) => `Request #${number}`,
  requestMissing: 'This request is not available.',
  linkOnly: 'This link opens one request. Sign in on the site to see all your requests.',
  copied: 'CC',
  you: 'You',
  support: 'Support',
  closedNote: 'This request is closed. To continue, submit a follow-up request.',
  followUp: 'Submit a follow-up',
  followUpSubject: (number: number, subject: string) => `Follow-up to #${number}: ${subject}`,
  newRequest: 'Submit a request',
  sessionEnded: 'Your session has ended. Reload the page to sign in again.',
  /** Said by the open request's live region when a reply arrives while the member reads it. */
  newReply: (name: string) => `New reply from ${name}.`,
  /** Said by the open request's live region when its status changes while the member reads it. */
  statusNow: (status: string) => `Status changed to ${status}.`,
};
