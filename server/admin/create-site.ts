/** `create-site`: a new site with its categories and a fresh token secret, printed once. */
import { newSecret } from '../auth/secrets.js';
import { newId } from '../store/ids.js';
import type { PlanTier } from '../store/rows.js';
import { AdminError, UsageError } from './args.js';
import { checkColor, checkHttpUrl, checkName, checkOrigin, checkSlug } from './checks.js';
import { defineCommand } from './command.js';
import { siteChanged } from '../services/site-directory.js';
import { readConfig } from '../config.js';
import { embedSnippet } from '../sites/embed-snippet.js';
import { LOCALES } from '../../widget/i18n/locales.js';
import { checkLocale } from './set-site-defaults.js';

/** The widget's own neutral launcher colour. */
const DEFAULT_COLOR = '#1f2937';
const DEFAULT_CATEGORY = 'General';
/** New sites start numbering requests at #1001. */
const FIRST_REQUEST_NUMBER = 1001;

export const createSite = defineCommand({
  spec: {
    name: 'create-site',
    brief: 'Create a site and print its token secret once.',
    summary: 'Create a site (a host website that embeds the widget) and print its token secret once.',
    options: [
      { name: 'slug', value: '<slug>', required: true, help: 'Short id used in widget URLs and data-site: a-z, 0-9 and "-", at most 63 characters.' },
      { name: 'name', value: '<name>', required: true, help: 'Name shown to visitors.' },
      { name: 'tier', value: 'basic|pro', help: 'Plan tier (default basic); pro adds organization-wide request lists.' },
      { name: 'color', value: '<#hex>', help: `Widget accent colour (default ${DEFAULT_COLOR}).` },
      { name: 'locale', value: LOCALES.join('|'), help: "The site's default language (default en): spoken when none of a visitor's is." },
      { name: 'origin', value: '<https://host[:port]>', repeat: true, help: 'An origin allowed to call the widget API, exactly scheme://host[:port].' },
      { name: 'support-url', value: '<url>', help: 'The host page where the widget lives; email links open it (default: the first origin + "/").' },
      { name: 'category', value: '<name>', repeat: true, help: `A contact-form category, in order (default "${DEFAULT_CATEGORY}").` },
    ],
    notes: [
      'The token secret (32 random bytes, base64url) is printed once and never again: store it on the',
      "host's backend, which signs member tokens with it (HS256). Lost it? Use rotate-secret.",
    ],
    examples: ['create-site --slug acme --name "Acme Shop" --tier pro --origin https://shop.acme.example --category Orders --category Billing'],
  },

  parse(options) {
    const tier = options.string('tier') ?? 'basic';
    if (tier !== 'basic' && tier !== 'pro') throw new UsageError(`--tier must be basic or pro, got "${tier}".`);
    const origins = [...new Set(options.list('origin').map(checkOrigin))];
    const supportUrlOption = options.string('support-url');
    if (supportUrlOption === undefined && !origins.length) {
      throw new UsageError('Give --support-url (the host page where the widget lives), or at least one --origin to derive it from.');
    }
    const categoryNames = options.list('category').map((name) => checkName(name, '--category'));
    const duplicate = categoryNames.find((name, i) => categoryNames.findIndex((other) => other.toLowerCase() === name.toLowerCase()) !== i);
    if (duplicate) throw new UsageError(`--category "${duplicate}" is given twice.`);
    return {
      slug: checkSlug(options.required('slug')),
      name: checkName(options.required('name'), '--name'),
      tier: tier as PlanTier,
      color: checkColor(options.string('color') ?? DEFAULT_COLOR),
      locale: checkLocale(options.string('locale') ?? 'en'),
      origins,
      supportUrl: supportUrlOption === undefined ? `${origins[0]}/` : checkHttpUrl(supportUrlOption, '--support-url'),
      categories: categoryNames.length ? categoryNames : [DEFAULT_CATEGORY],
    };
  },

  async run(input, { store, io, clock, env }) {
    const now = clock().toISOString();
    const siteId = newId('site');
    const tokenSecret = newSecret();
    const result = await store.admin.createSiteWithCategories(
      {
        id: siteId,
        slug: input.slug,
        name: input.name,
        color: input.color,
        tier: input.tier,
        tokenSecret,
        previousTokenSecret: null,
        previousSecretValidUntil: null,
        allowedOrigins: input.origins,
        supportUrl: input.supportUrl,
        lastRequestNumber: FIRST_REQUEST_NUMBER - 1,
        locale: input.locale,
        theme: 'auto',
        createdAt: now,
        updatedAt: now,
      },
      input.categories.map((name, position) => ({ id: newId('cat'), siteId, name, position, fields: [] })),
    );
    if (result === 'slug_taken')
      throw new AdminError(`A site with slug "${input.slug}" already exists. Pick another --slug (or use rotate-secret for a new secret).`);
    // A running server may have cached the slug as unknown.
    await siteChanged(store, input.slug);
    io.out(`Created site "${input.slug}" (${input.name}), ${input.tier} tier, colour ${input.color}, language ${input.locale}.`);
    io.out(`  allowed origins: ${input.origins.length ? input.origins.join(', ') : '(none: browsers on any other origin are refused)'}`);
    io.out(`  support page:    ${input.supportUrl}`);
    io.out(`  categories:      ${input.categories.join(', ')}`);
    io.out(`Token secret: ${tokenSecret}`);
    io.out(`This secret is shown once. Store it on ${input.name}'s backend now: it signs member tokens (HS256) for this site.`);
    io.out('Embed snippet, for every page of the host (add nonce="…" to both tags under a nonce CSP):');
    io.out(embedSnippet({ publicUrl: readConfig(env).publicUrl, siteSlug: input.slug, color: input.color, locale: input.locale }));
  },
});
