/**
 * Demo data, so a newcomer's first start shows a real-looking help centre: the `demo` site
 * (Northwind Outfitters, pro) and the `starter` site (Pebble Notes, basic), with articles and categories.
 * The demo site also gets members, a support agent and a history of requests (seed-history.ts),
 * so signing in on the demo host shows something in every list.
 * Only ever runs on an empty database, and never in production. Written against the Store, so
 * both engines seed alike.
 */
import { randomBytes } from 'node:crypto';
import { newId } from '../store/ids.js';
import type { SiteRow } from '../store/rows.js';
import type { Store } from '../store/types.js';
import { hashPassword } from '../auth/passwords.js';
import { planHistory, requestNumbersUsed, type ConversationSeed } from './seed-history.js';
import {
  demoAgent,
  demoArticles,
  demoCategories,
  demoConversations,
  demoMembers,
  demoSite as demoLooks,
  starterArticles,
  starterCategories,
  starterSite,
  type SeedArticle,
  type SeedCategory,
} from './seed-content.js';
import { demoTranslations } from './seed-translations.js';
import { renderArticle } from '../services/markdown.js';
import { siteChanged } from '../services/site-directory.js';

export interface SeedOptions {
  demoSiteSecret: string;
  /** Where the demo host runs: its origins become the demo site's allowed origins. */
  demoOrigins: string[];
  demoSupportUrl: string;
  now: Date;
  /** Seed the demo site's members, agent and request history too (default true). */
  conversations?: boolean;
  /** The demo agent's inbox password (README gives the development one). */
  demoAgentPassword?: string;
}

/**
 * The demo history takes the numbers just below #1001 (#991–#1000 for its ten requests), so the
 * first request anyone sends is still #1001, as on a site with no history.
 */
const FIRST_LIVE_NUMBER = 1001;

/** Seeds when the database has no site yet; returns whether it did. */
export async function seedIfEmpty(store: Store, options: SeedOptions): Promise<boolean> {
  if ((await store.sites.count()) > 0) return false;
  const now = options.now.toISOString();
  const history: ConversationSeed | null =
    options.conversations === false
      ? null
      : {
          members: demoMembers,
          agent: { ...demoAgent, passwordHash: options.demoAgentPassword ? await hashPassword(options.demoAgentPassword) : null },
          conversations: demoConversations,
        };
  const demoSite = await addSite(
    store,
    now,
    FIRST_LIVE_NUMBER - 1 - (history ? requestNumbersUsed(history) : 0),
    {
      ...demoLooks,
      tier: 'pro',
      tokenSecret: options.demoSiteSecret,
      allowedOrigins: options.demoOrigins,
      supportUrl: options.demoSupportUrl,
    },
    demoCategories,
    [...demoArticles, ...demoTranslations],
  );
  if (history) await store.admin.importHistory(demoSite.id, planHistory(demoSite, history, options.now));
  await addSite(
    store,
    now,
    FIRST_LIVE_NUMBER - 1,
    {
      ...starterSite,
      tier: 'basic',
      tokenSecret: randomBytes(32).toString('base64url'),
      allowedOrigins: [],
      supportUrl: 'https://pebble-notes.example/help',
    },
    starterCategories,
    starterArticles,
  );
  return true;
}

/** The demo host's port may change between starts; the demo site follows it. */
export async function syncDemoSite(store: Store, options: Pick<SeedOptions, 'demoOrigins' | 'demoSupportUrl' | 'now'>): Promise<void> {
  await store.sites.updateOrigins('demo', options.demoOrigins, options.demoSupportUrl, options.now.toISOString());
  await siteChanged(store, 'demo');
}

type SiteFields = Pick<SiteRow, 'slug' | 'name' | 'color' | 'locale' | 'tier' | 'tokenSecret' | 'allowedOrigins' | 'supportUrl'>;

/** Creates a site with its categories and articles; returns its id, sequence and categories by name. */
async function addSite(
  store: Store,
  now: string,
  lastRequestNumber: number,
  fields: SiteFields,
  categories: SeedCategory[],
  articles: SeedArticle[],
): Promise<{ id: string; lastRequestNumber: number; categoryIds: Map<string, string> }> {
  const siteId = newId('site');
  const rows = categories.map((category, position) => ({ id: newId('cat'), siteId, name: category.name, position, fields: category.fields }));
  const created = await store.admin.createSiteWithCategories(
    { id: siteId, ...fields, theme: 'auto', previousTokenSecret: null, previousSecretValidUntil: null, lastRequestNumber, createdAt: now, updatedAt: now },
    rows,
  );
  if (created !== 'created') throw new Error(`seed: the site ${fields.slug} exists already`);
  await siteChanged(store, fields.slug);
  for (const article of articles) {
    await store.admin.upsertArticle(
      {
        id: newId('art'),
        siteId,
        slug: article.slug,
        locale: article.locale ?? fields.locale,
        title: article.title,
        ...renderArticle(article.markdown),
        popularity: article.popularity,
      },
      article.pagePaths.map((pathPrefix) => ({ id: newId('apr'), origin: null, pathPrefix })),
      now,
    );
  }
  return { id: siteId, lastRequestNumber, categoryIds: new Map(rows.map((row) => [row.name, row.id])) };
}
