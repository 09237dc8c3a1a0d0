/**
 * The words the browser apps show, in the visitor's locale: one live table per chunk, which views read at render
 * time (`messages.back`). They start empty; `useWords` fills them from the locale's chunk before anything renders,
 * and again when the host changes the locale, so no view knows which language it speaks.
 */
import type { ContactWords, FilesWords, HelpCenterWords, LocaleTables, MemberWords, PanelWords } from './types.js';
import { messages as enMessages } from './en/panel.js';
import { contactMessages as enContact } from './en/contact.js';
import { memberMessages as enMember } from './en/member.js';
import { filesMessages as enFiles } from './en/files.js';
import { helpCenterMessages as enHelpCenter } from './en/help-center.js';

export const messages = {} as PanelWords;
export const contactMessages = {} as ContactWords;
export const memberMessages = {} as MemberWords;
export const filesMessages = {} as FilesWords;
export const helpCenterMessages = {} as HelpCenterWords;

const live = { messages, contactMessages, memberMessages, filesMessages, helpCenterMessages };

/** Fills the live tables with one locale's (a chunk brings one or more of them). */
export function useWords(tables: Partial<Omit<LocaleTables, 'mailMessages'>>): void {
  for (const [name, table] of Object.entries(tables)) Object.assign(live[name as keyof typeof live], table);
}

// TEMPORARY (issue 13): English until the locale chunks land.
useWords({ messages: enMessages, contactMessages: enContact, memberMessages: enMember, filesMessages: enFiles, helpCenterMessages: enHelpCenter });
