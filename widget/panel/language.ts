/**
 * The panel's language: which locale's words the live tables hold (widget/i18n/words.ts), which of its parts have
 * been fetched, and switching when the host's `config` or the site's default asks for another. The words of a chunk
 * loaded later are fetched beside its code (`wordsFor`), so a view never renders before its words.
 */
import { signal } from '@preact/signals';
import { fillWords, type BrowserTables } from '../i18n/words.js';
import type { Locale } from '../i18n/locales.js';

export type WordsPart = 'panel' | 'contact' | 'member' | 'files';
/** Where a locale's words come from: the widget's chunks, the Help Center's, or (in tests) the source tables. */
export type WordsSource = (part: WordsPart, locale: Locale) => Promise<Partial<BrowserTables>>;

export const locale = signal<Locale>('en');
let source: WordsSource;
let parts: Partial<Record<WordsPart, Promise<void>>> = {};

/** Starts in `initial`, from `from`; `first` is the panel's words when they came with its code (the loader's fetch). */
export function speak(from: WordsSource, initial: Locale, first?: Partial<BrowserTables>): void {
  source = from;
  locale.value = initial;
  parts = {};
  if (first) {
    fillWords(first);
    parts.panel = Promise.resolve();
  }
}

/** A part's words in the current locale, fetched once; a failed download is retried by the next caller. */
export const wordsFor = (part: WordsPart): Promise<void> =>
  (parts[part] ??= source(part, locale.peek()).then(fillWords, (error: unknown) => {
    delete parts[part];
    throw error;
  }));

/** Another locale: every part fetched so far, fetched again in it, before the views re-render in it. True if it changed. */
export async function switchLocale(next: Locale): Promise<boolean> {
  if (next === locale.peek()) return false;
  const names = Object.keys(parts) as WordsPart[];
  const tables = await Promise.all(names.map((part) => source(part, next)));
  tables.forEach(fillWords);
  locale.value = next;
  return true;
}
