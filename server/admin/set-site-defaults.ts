/**
 * `set-locale` and `set-theme`: a site's default language (spoken when none of a visitor's languages is, and the
 * language its articles fall back to) and its default theme (a host page's `config` overrides it). Both reach
 * `GET …/config` at once: the site changes on every instance.
 */
import { LOCALES, isLocale, type Locale } from '../../widget/i18n/locales.js';
import type { SiteTheme } from '../store/rows.js';
import { UsageError } from './args.js';
import { checkSlug } from './checks.js';
import { defineCommand } from './command.js';
import { siteBySlug } from './lookups.js';
import { siteChanged } from '../services/site-directory.js';

const THEMES: readonly SiteTheme[] = ['light', 'dark', 'auto'];
const isTheme = (value: string): value is SiteTheme => THEMES.includes(value as SiteTheme);

/** `--locale` as given, or a usage error naming the languages there are. */
export function checkLocale(value: string, option = '--locale'): Locale {
  const locale = value.trim().toLowerCase();
  if (!isLocale(locale)) throw new UsageError(`${option} "${value}" is not a language Porthole speaks: use one of ${LOCALES.join(', ')}.`);
  return locale;
}

export const setLocale = defineCommand({
  spec: {
    name: 'set-locale',
    brief: "Choose a site's default language.",
    summary: `Set the language a site speaks when none of a visitor's languages is one Porthole has (${LOCALES.join(', ')}); articles without a translation in the visitor's language are shown in it, and mail to people whose language is not known speaks it.`,
    options: [
      { name: 'site', value: '<slug>', required: true, help: 'The site.' },
      { name: 'locale', value: LOCALES.join('|'), required: true, help: 'The default language.' },
    ],
    examples: ['set-locale --site demo --locale de'],
  },

  parse: (options) => ({ slug: checkSlug(options.required('site'), '--site'), locale: checkLocale(options.required('locale')) }),

  async run({ slug, locale }, { store, io, clock }) {
    const site = await siteBySlug(store, slug);
    await store.admin.setSiteDefaults(site.id, { locale }, clock().toISOString());
    await siteChanged(store, slug);
    io.out(`Site "${slug}": its default language is now ${locale}.`);
  },
});

export const setTheme = defineCommand({
  spec: {
    name: 'set-theme',
    brief: "Choose a site's default theme.",
    summary:
      "Set how a site's widget and Help Center paint by default: light, dark, or auto (following the visitor's light or dark preference). A host page's Porthole('config', { theme }) overrides it.",
    options: [
      { name: 'site', value: '<slug>', required: true, help: 'The site.' },
      { name: 'theme', value: THEMES.join('|'), required: true, help: 'The default theme.' },
    ],
    examples: ['set-theme --site demo --theme dark', 'set-theme --site demo --theme auto'],
  },

  parse: (options) => {
    const theme = options.required('theme').trim().toLowerCase();
    if (!isTheme(theme)) throw new UsageError(`--theme "${options.required('theme')}" is not a theme: use light, dark or auto.`);
    return { slug: checkSlug(options.required('site'), '--site'), theme };
  },

  async run({ slug, theme }, { store, io, clock }) {
    const site = await siteBySlug(store, slug);
    await store.admin.setSiteDefaults(site.id, { theme }, clock().toISOString());
    await siteChanged(store, slug);
    io.out(`Site "${slug}": its default theme is now ${theme}.`);
  },
});
