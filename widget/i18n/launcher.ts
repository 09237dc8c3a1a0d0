/**
 * The launcher's one word in every locale. The loader paints the button before anything is fetched, so it carries
 * them all: a few bytes each, cheaper than a round trip.
 */
import type { Locale } from './locales.js';

export const launcherWords: Record<Locale, string> = { en: 'Support', de: 'Hilfe', fr: 'Aide', es: 'Ayuda', ar: 'الدعم' };
