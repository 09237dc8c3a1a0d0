/**
 * Every locale's tables at once: for the server (mail, the Help Center's page shell) and the tests. Browser code
 * never imports this file, since it would bundle every language; the panel and the Help Center fetch one locale's
 * chunk instead (see words.ts).
 */
import type { Locale } from './locales.js';
import type { LocaleTables } from './types.js';
import { messages as enMessages } from './en/panel.js';
import { contactMessages as enContact } from './en/contact.js';
import { memberMessages as enMember } from './en/member.js';
import { filesMessages as enFiles } from './en/files.js';
import { helpCenterMessages as enHelpCenter } from './en/help-center.js';
import { mailMessages as enMail } from './en/mail.js';
import { messages as deMessages } from './de/panel.js';
import { contactMessages as deContact } from './de/contact.js';
import { memberMessages as deMember } from './de/member.js';
import { filesMessages as deFiles } from './de/files.js';
import { helpCenterMessages as deHelpCenter } from './de/help-center.js';
import { mailMessages as deMail } from './de/mail.js';
import { messages as frMessages } from './fr/panel.js';
import { contactMessages as frContact } from './fr/contact.js';
import { memberMessages as frMember } from './fr/member.js';
import { filesMessages as frFiles } from './fr/files.js';
import { helpCenterMessages as frHelpCenter } from './fr/help-center.js';
import { mailMessages as frMail } from './fr/mail.js';
import { messages as esMessages } from './es/panel.js';
import { contactMessages as esContact } from './es/contact.js';
import { memberMessages as esMember } from './es/member.js';
import { filesMessages as esFiles } from './es/files.js';
import { helpCenterMessages as esHelpCenter } from './es/help-center.js';
import { mailMessages as esMail } from './es/mail.js';
import { messages as arMessages } from './ar/panel.js';
import { contactMessages as arContact } from './ar/contact.js';
import { memberMessages as arMember } from './ar/member.js';
import { filesMessages as arFiles } from './ar/files.js';
import { helpCenterMessages as arHelpCenter } from './ar/help-center.js';
import { mailMessages as arMail } from './ar/mail.js';

export const allTables: Record<Locale, LocaleTables> = {
  en: {
    messages: enMessages,
    contactMessages: enContact,
    memberMessages: enMember,
    filesMessages: enFiles,
    helpCenterMessages: enHelpCenter,
    mailMessages: enMail,
  },
  de: {
    messages: deMessages,
    contactMessages: deContact,
    memberMessages: deMember,
    filesMessages: deFiles,
    helpCenterMessages: deHelpCenter,
    mailMessages: deMail,
  },
  fr: {
    messages: frMessages,
    contactMessages: frContact,
    memberMessages: frMember,
    filesMessages: frFiles,
    helpCenterMessages: frHelpCenter,
    mailMessages: frMail,
  },
  es: {
    messages: esMessages,
    contactMessages: esContact,
    memberMessages: esMember,
    filesMessages: esFiles,
    helpCenterMessages: esHelpCenter,
    mailMessages: esMail,
  },
  ar: {
    messages: arMessages,
    contactMessages: arContact,
    memberMessages: arMember,
    filesMessages: arFiles,
    helpCenterMessages: arHelpCenter,
    mailMessages: arMail,
  },
};

export const tablesFor = (locale: Locale): LocaleTables => allTables[locale];
