/**
 * The words' source in tests: the tables themselves, imported from widget/i18n/<locale>/, where the built widget
 * fetches chunks (widget/panel/words-chunks.ts). Also fills the live tables with English before every test file,
 * for views rendered without a panel around them, and makes the tables the source of any part fetched before a panel mounts.
 */
import { fillWords, type BrowserTables } from '../../widget/i18n/words.js';
import type { Locale } from '../../widget/i18n/locales.js';
import { speak, type WordsPart, type WordsSource } from '../../widget/panel/language.js';

export const sourceWords: WordsSource = (part: WordsPart, locale: Locale) => import(`../../widget/i18n/${locale}/${part}.ts`);

/** The Help Center's words come as one chunk: every browser table of the locale. */
export const helpCenterSourceWords: WordsSource = async (_part, locale) => {
  const parts = await Promise.all(
    (['panel', 'contact', 'member', 'files', 'help-center'] as const).map((part) => import(`../../widget/i18n/${locale}/${part}.ts`)),
  );
  return Object.assign({}, ...parts) as Partial<BrowserTables>;
};

// Views rendered on their own, and chunks preloaded before any panel mounts, speak English from the tables.
fillWords(await helpCenterSourceWords('panel', 'en'));
speak(sourceWords, 'en');
