/**
 * Numbers in words, the way each language counts: plural forms are chosen by Intl.PluralRules (Arabic has six,
 * French counts 0 as one), and sizes are written with the locale's decimal mark. The tables call these helpers
 * rather than testing `count === 1` themselves, which is only English's rule.
 */
import type { Locale } from './locales.js';

/** One sentence per plural category the language has; `other` is the one every language has. */
export type PluralForms = Partial<Record<Intl.LDMLPluralRule, (count: number) => string>> & {
  other: (count: number) => string;
};

/** The words for `count` things: the form the locale's plural rules pick, else `other`. */
export const plural = (locale: Locale, forms: PluralForms): ((count: number) => string) => {
  const rules = new Intl.PluralRules(locale);
  return (count: number) => (forms[rules.select(count)] ?? forms.other)(count);
};

/** The locale's symbols for bytes, kilobytes and megabytes ("B", "KB", "MB"; French says "o", "Ko", "Mo"). */
export type SizeUnits = readonly [bytes: string, kilobytes: string, megabytes: string];

/**
 * A file's size in the locale: "1.5 KB", "1,5 Ko". In units of 1024, as the server's ATTACHMENT_MAX_BYTES is set
 * and its 413 says it: 20 MB is 20 × 1024 × 1024 bytes. Digits stay Western (`nu-latn`) in every locale, Arabic too,
 * as request numbers do.
 */
export const fileSize = (locale: Locale, [bytesUnit, kilobytesUnit, megabytesUnit]: SizeUnits): ((bytes: number) => string) => {
  const number = new Intl.NumberFormat(`${locale}-u-nu-latn`, { maximumFractionDigits: 1 });
  return (bytes: number) =>
    bytes < 1024
      ? `${number.format(bytes)} ${bytesUnit}`
      : bytes < 1024 * 1024
        ? `${number.format(bytes / 1024)} ${kilobytesUnit}`
        : `${number.format(bytes / (1024 * 1024))} ${megabytesUnit}`;
};
