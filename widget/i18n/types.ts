/**
 * The shape of a locale: English's tables are the reference, and every other locale's tables have exactly their
 * keys (the compiler checks the shape, test/widget/locale-completeness.test.ts that nothing is left in English).
 */
export type PanelWords = typeof import('./en/panel.js').messages;
export type ContactWords = typeof import('./en/contact.js').contactMessages;
export type MemberWords = typeof import('./en/member.js').memberMessages;
export type FilesWords = typeof import('./en/files.js').filesMessages;
export type HelpCenterWords = typeof import('./en/help-center.js').helpCenterMessages;
export type MailWords = typeof import('./en/mail.js').mailMessages;

/** One locale's every table, as the server and the tests see it; the browser fetches them one chunk at a time. */
export interface LocaleTables {
  messages: PanelWords;
  contactMessages: ContactWords;
  memberMessages: MemberWords;
  filesMessages: FilesWords;
  helpCenterMessages: HelpCenterWords;
  mailMessages: MailWords;
}
