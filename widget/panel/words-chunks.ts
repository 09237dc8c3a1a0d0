/**
 * Where a locale's words are, beside the panel's chunks (build.mjs writes them): `<locale>.<version>.js` for the
 * panel's first words, `<part>-<locale>.<version>.js` for a chunk loaded later, `help-<locale>.<version>.js` for all
 * of the Help Center's.
 */
import type { Locale } from '../i18n/locales.js';
import type { BrowserTables } from '../i18n/words.js';
import type { WordsPart } from './language.js';

declare const WORDS_VERSION: string;

export const wordsChunk = (base: string, part: WordsPart | 'help', locale: Locale): Promise<Partial<BrowserTables>> =>
  import(new URL(`widget/chunks/${part === 'panel' ? '' : `${part}-`}${locale}.${WORDS_VERSION}.js`, base).href);
