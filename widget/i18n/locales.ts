/**
 * The languages Porthole speaks, and how a visitor's language is chosen: the first wanted tag whose language we
 * have wins ("de-AT" → "de"), else the site's default. Shared by the loader (every byte counts, so it stays terse),
 * the panel, the Help Center and the server's mail and pages.
 */

/**
 * Each locale with the launcher's one word in it: the loader paints the button before anything is fetched, so it
 * carries them all (a few bytes each, cheaper than a round trip), and this table is also the list of locales.
 */
export const launcherWords = { en: 'Support', de: 'Hilfe', fr: 'Aide', es: 'Ayuda', ar: 'الدعم' } as const;
export type Locale = keyof typeof launcherWords;
export const LOCALES = Object.keys(launcherWords) as Locale[];

// Own keys only: `in` would take "constructor" for a language.
export const isLocale = (value: unknown): value is Locale => Object.hasOwn(launcherWords, value as string);

/** `wanted` in order of preference: the host's `config` locale, the Help Center's choice, the browser's languages. */
export const pickLocale = (wanted: readonly (string | null | undefined)[], fallback: Locale = 'en'): Locale =>
  (wanted.map((tag) => tag?.slice(0, 2).toLowerCase()).find(isLocale) as Locale | undefined) ?? fallback;

/** Right-to-left scripts; a root element gets `dir` from this, never from the host page. */
export const textDirection = (locale: Locale): 'rtl' | 'ltr' => (locale === 'ar' ? 'rtl' : 'ltr');
