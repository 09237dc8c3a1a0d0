/**
 * The words the browser apps show, in the visitor's locale: one live table per chunk, which views read at render
 * time (`messages.back`). They start empty; `fillWords` fills them from the locale's chunks before anything renders
 * (widget/panel/language.ts), and again when the locale changes, so no view knows which language it speaks.
 */
import type { ContactWords, FilesWords, HelpCenterWords, LocaleTables, MemberWords, PanelWords } from './types.js';

export const messages = {} as PanelWords;
export const contactMessages = {} as ContactWords;
export const memberMessages = {} as MemberWords;
export const filesMessages = {} as FilesWords;
export const helpCenterMessages = {} as HelpCenterWords;

/** The tables a browser shows; mail's stay on the server. */
export type BrowserTables = Omit<LocaleTables, 'mailMessages'>;

const live: BrowserTables = { messages, contactMessages, memberMessages, filesMessages, helpCenterMessages };

/** Fills the live tables with one locale's (a chunk brings one or more of them; anything else it exports is ignored). */
export function fillWords(tables: Partial<BrowserTables>): void {
  for (const name of Object.keys(live) as (keyof BrowserTables)[]) if (tables[name]) Object.assign(live[name], tables[name]);
}
