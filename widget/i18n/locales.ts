/**
 * The languages Porthole speaks, and how a visitor's language is chosen: the first wanted tag whose language we
 * have wins ("de-AT" → "de"), else the site's default. Shared by the loader (every byte counts, so it stays terse),
 * the panel, the Help Center and the server's mail and pages.
 */

export const LOCALES = ['en', 'de', 'fr', 'es', 'ar'] as const;
export type Locale = (typeof LOCALES)[number];
/** The launcher's one word in every locale: the loader paints the button before anything is fetched, so it carries them all. */
export const launcherWords: Record<Locale, string> = { en: 'Support', de: 'Hilfe', fr: 'Aide', es: 'Ayuda', ar: 'الدعم' };

export const isLocale = (value: unknown): value is Locale => LOCALES.includes(value as Locale);

/** `wanted` in order of preference: the host's `config` locale, the Help Center's choice, the browser's languages. */
export const pickLocale = (wanted: readonly (string | null | undefined)[], fallback: Locale = 'en'): Locale =>
  (wanted.map((tag) => tag?.slice(0, 2).toLowerCase()).find(isLocale) as Locale | undefined) ?? fallback;

/** Right-to-left scripts; a root element gets `dir` from this, never from the host page. */
export const textDirection = (locale: Locale): 'rtl' | 'ltr' => (locale === 'ar' ? 'rtl' : 'ltr');
