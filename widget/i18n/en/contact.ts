/** The contact form's words and its confirmation's; they come with the contact chunk (see en.ts). */
import type { FieldProblem } from '../../../server/contract/rules.js';

export const contactMessages = {
  contactTitle: 'Contact us',
  category: 'What is this about?',
  chooseCategory: 'Choose a topic',
  // A category's own select field names what it asks for: "Choose a product type".
  chooseOption: (label: string) => `Choose ${/^[aeiou]/i.test(label) ? 'an' : 'a'} ${/^.[a-z]/.test(label) ? label.toLowerCase() : label}`,
  subject: 'Subject',
  description: 'How can we help?',
  descriptionHint: 'Include any details that help us answer quickly.',
  email: 'Your email',
  name: 'Your name',
  optional: '(optional)',
  send: 'Send request',
  sendFailed: 'Your request was not sent. Please try again.',
  tooMany: 'You have sent several requests in a short time. Please wait a few minutes and try again.',
  ccLabel: 'CC',
  ccHint: 'Email addresses of people who should see this conversation, separated by commas.',
  sentTitle: 'Request sent',
  sentBody: (number: number) => `Thanks! Your request #${number} has reached our support team.`,
  sentEmail: (email: string) => `We’ll reply to ${email}.`,
  backToHelp: 'Back to help',
  // A member's confirmation opens the request just sent.
  viewRequest: 'View request',
  // The panel's link to the site's Help Center page, which opens in a new tab.
  helpCenter: 'Browse the Help Center',
  newTab: '(opens in a new tab)',
  problems: {
    required: 'Please fill this in.',
    too_long: 'This is too long.',
    invalid_email: 'Please enter an email address like name@example.com.',
    invalid_choice: 'Please pick one of the choices.',
    unknown_field: 'This field is not part of the form.',
    control_characters: 'This contains characters that are not allowed.',
    invisible: 'Please write something we can read.',
    duplicate: 'This address is listed twice.',
    own_address: 'You will get the replies anyway: no need to copy yourself.',
    too_many: 'You can copy at most 20 people.',
  } satisfies Record<FieldProblem, string>,
  articleMissing: 'This article is no longer available.',
  sending: 'Sending…',
};
