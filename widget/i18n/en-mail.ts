/**
 * The words of the mails customers get. The server composes mail from these tables (never the widget
 * bundle: nothing imports this file from widget/), so issue 13's locales translate mail and panel alike.
 */
export const mailMessages = {
  // The line a customer types their reply above; the inbound parser cuts a reply there (server/mail/reply-marker.ts).
  replyAbove: '##- Please type your reply above this line -##',
};
