/**
 * Demo data, so a newcomer's first start shows a real-looking help centre: the `demo` site
 * (Northwind Outfitters, pro) and the `starter` site (Pebble Notes, basic), with articles and categories.
 * The demo site also gets members, a support agent and a history of requests (seed-conversations.ts),
 * so signing in on the demo host shows something in every list.
 * Only ever runs on an empty database, and never in production.
 */
import { randomBytes } from 'node:crypto';
import type { Db } from './client.js';
import { newId } from './ids.js';
import { countSites, insertSite, updateSiteOrigins, type SiteRow } from './sites.js';
import { insertArticle } from './articles.js';
import { hashPassword } from '../../auth/passwords.js';
import { requestNumbersUsed, seedConversations, type ConversationSeed } from './seed-conversations.js';
import {
  demoAgent,
  demoArticles,
  demoCategories,
  demoConversations,
  demoMembers,
  starterArticles,
  starterCategories,
  type SeedArticle,
  type SeedCategory,
} from './seed-content.js';
import { renderArticle } from '../../services/markdown.js';

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
export async function seedIfEmpty(db: Db, options: SeedOptions): Promise<boolean> {
  if ((await countSites(db)) > 0) return false;
  const now = options.now.toISOString();
  const history: ConversationSeed | null =
    options.conversations === false
      ? null
      : {
          members: demoMembers,
          agent: { ...demoAgent, passwordHash: options.demoAgentPassword ? await hashPassword(options.demoAgentPassword) : null },
          conversations: demoConversations,
        };
  const demoSiteId = await addSite(
    db,
    now,
    FIRST_LIVE_NUMBER - 1 - (history ? requestNumbersUsed(history) : 0),
    {
      slug: 'demo',
      name: 'Northwind Outfitters',
      color: '#0f766e',
      tier: 'pro',
      tokenSecret: options.demoSiteSecret,
      allowedOrigins: options.demoOrigins,
      supportUrl: options.demoSupportUrl,
    },
    demoCategories,
    demoArticles,
  );
  if (history) await seedConversations(db, demoSiteId, history, options.now);
  await addSite(
    db,
    now,
    FIRST_LIVE_NUMBER - 1,
    {
      slug: 'starter',
      name: 'Pebble Notes',
      color: '#7c3aed',
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
export async function syncDemoSite(db: Db, options: Pick<SeedOptions, 'demoOrigins' | 'demoSupportUrl' | 'now'>): Promise<void> {
  await updateSiteOrigins(db, 'demo', options.demoOrigins, options.demoSupportUrl, options.now.toISOString());
}

type SiteFields = Pick<SiteRow, 'slug' | 'name' | 'color' | 'tier' | 'tokenSecret' | 'allowedOrigins' | 'supportUrl'>;

/** Creates a site with its categories and articles; returns its id. */
async function addSite(
  db: Db,
  now: string,
  lastRequestNumber: number,
  fields: SiteFields,
  categories: SeedCategory[],
  articles: SeedArticle[],
): Promise<string> {
  const siteId = newId('site');
  await insertSite(
    db,
    { id: siteId, ...fields, previousTokenSecret: null, previousSecretValidUntil: null, lastRequestNumber, createdAt: now, updatedAt: now },
    categories.map((category, position) => ({ id: newId('cat'), siteId, name: category.name, position, fields: category.fields })),
  );
  for (const article of articles) {
    await insertArticle(
      db,
      {
        id: newId('art'),
        siteId,
        slug: article.slug,
        title: article.title,
        ...renderArticle(article.markdown),
        popularity: article.popularity,
        createdAt: now,
        updatedAt: now,
      },
      article.pagePaths.map((pathPrefix) => ({ id: newId('apr'), origin: null, pathPrefix })),
    );
  }
  return siteId;
}
