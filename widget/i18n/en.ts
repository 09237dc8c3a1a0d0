/**
 * Every word the widget shows, in one table per locale, so another locale is one more file.
 * The loader imports `launcherMessages` only; esbuild drops the rest from its bundle.
 */
import type { FieldProblem } from '../../server/contract/rules.js';

export const launcherMessages = {
  support: 'Support',
};

export const messages = {
  panelTitle: 'Support',
  close: 'Close support',
  back: 'Back',
  searchLabel: 'Search help articles',
  searchPlaceholder: 'Search for answers…',
  suggested: 'Suggested for this page',
  popular: 'Popular articles',
  results: (query: string) => `Results for “${query}”`,
  noResults: 'No articles match that search. Try other words, or contact us.',
  loading: 'Loading…',
  contactPrompt: 'Didn’t find what you need?',
  contactUs: 'Contact us',
  offline: 'We couldn’t reach support just now. Check your connection and try again.',
  retry: 'Try again',
  articleMissing: 'This article is no longer available.',
  contactTitle: 'Contact us',
  category: 'What is this about?',
  chooseCategory: 'Choose a topic',
  subject: 'Subject',
  description: 'How can we help?',
  descriptionHint: 'Include any details that help us answer quickly.',
  email: 'Your email',
  name: 'Your name',
  optional: '(optional)',
  send: 'Send request',
  sending: 'Sending…',
  sendFailed: 'Your request was not sent. Please try again.',
  tooMany: 'You have sent several requests in a short time. Please wait a few minutes and try again.',
  sentTitle: 'Request sent',
  sentBody: (number: number) => `Thanks! Your request #${number} has reached our support team.`,
  sentEmail: (email: string) => `We’ll reply to ${email}.`,
  backToHelp: 'Back to help',
  problems: {
    required: 'Please fill this in.',
    too_long: 'This is too long.',
    invalid_email: 'Please enter an email address like name@example.com.',
    invalid_choice: 'Please pick one of the choices.',
    unknown_field: 'This field is not part of the form.',
    control_characters: 'This contains characters that are not allowed.',
    duplicate: 'This address is listed twice.',
    own_address: 'You will get the replies anyway: no need to copy yourself.',
    too_many: 'You can copy at most 20 people.',
  } satisfies Record<FieldProblem, string>,
};

export type Messages = typeof messages;
