/**
 * Every locale's tables at once: for the server (mail, the Help Center's page shell) and the tests. Browser code
 * never imports this file, since it would bundle every language; the panel and the Help Center fetch one locale's
 * chunk instead (see words.ts).
 */
import type { Locale } from './locales.js';
import type { LocaleTables } from './types.js';
import { messages } from './en/panel.js';
import { contactMessages } from './en/contact.js';
import { memberMessages } from './en/member.js';
import { filesMessages } from './en/files.js';
import { helpCenterMessages } from './en/help-center.js';
import { mailMessages } from './en/mail.js';

const en: LocaleTables = { messages, contactMessages, memberMessages, filesMessages, helpCenterMessages, mailMessages };

// TEMPORARY until the translations land (issue 13): every locale falls back to English.
export const allTables: Record<Locale, LocaleTables> = { en, de: en, fr: en, es: en, ar: en };

export const tablesFor = (locale: Locale): LocaleTables => allTables[locale];
