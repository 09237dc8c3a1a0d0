/**
 * `import-articles`: every `*.md` file in a folder becomes a help-centre article of a site, keyed by
 * the file name, so importing the folder again updates articles instead of duplicating them.
 * All files are read and checked before anything is written: one bad file imports nothing.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { newId } from '../store/ids.js';
import { renderArticle } from '../services/markdown.js';
import { AdminError } from './args.js';
import { SLUG, checkSlug } from './checks.js';
import { lineProblem } from '../contract/rules.js';
import { defineCommand, plural } from './command.js';
import { siteBySlug } from './lookups.js';
import { checkLocale } from './set-site-defaults.js';
import { LOCALES } from '../../widget/i18n/locales.js';

const MAX_FILE_BYTES = 512 * 1024;
const MAX_TITLE = 200;
const MAX_POPULARITY = 1_000_000;

export interface ArticleFile {
  slug: string;
  title: string;
  markdown: string;
  /** Page path prefixes the article is suggested on. */
  pages: string[];
  popularity?: number;
}

export const importArticles = defineCommand({
  spec: {
    name: 'import-articles',
    brief: "Import a folder of markdown files as a site's articles.",
    summary: "Import a folder of markdown files as a site's help-centre articles (created, or updated when the slug exists).",
    options: [
      { name: 'site', value: '<slug>', required: true, help: 'The site.' },
      { name: 'dir', value: '<folder>', required: true, help: 'Folder holding the *.md files (not searched recursively).' },
      { name: 'locale', value: LOCALES.join('|'), help: "The articles' language (default: the site's)." },
    ],
    notes: [
      'Each file becomes one article; its slug is the file name (billing-help.md → billing-help).',
      "The same slug imported with another --locale is that article's translation: a visitor sees",
      "it once, in their language where it has one, else in the site's.",
      'The title is the first line "# Title", or "title:" in front matter. Optional front matter:',
      '  ---',
      '  title: Download your invoices',
      '  pages: /billing, /account/orders   (suggest it on pages under these paths)',
      '  popularity: 50                     (higher first among suggestions; kept when left out)',
      '  ---',
      'Markdown is rendered and sanitized once, on import. Importing again updates changed articles',
      '(text, title, pages, search index); articles with no file in the folder are left alone.',
    ],
    examples: ['import-articles --site acme --dir ./help-centre', 'import-articles --site acme --dir ./help-centre/de --locale de'],
  },

  parse: (options) => {
    const locale = options.string('locale');
    return {
      slug: checkSlug(options.required('site'), '--site'),
      dir: options.required('dir'),
      locale: locale === undefined ? undefined : checkLocale(locale),
    };
  },

  async run({ slug, dir, locale }, { store, io, clock, env }) {
    // `npm run admin` runs in the package folder; a relative --dir means the folder npm was started from.
    const folder = resolve(env.INIT_CWD ?? process.cwd(), dir);
    const site = await siteBySlug(store, slug);
    const files = markdownFiles(folder);

    const parsed: { file: string; article: ArticleFile }[] = [];
    const problems: string[] = [];
    const seen = new Map<string, string>();
    for (const file of files) {
      try {
        const article = parseArticleFile(file, readFileSync(join(folder, file), 'utf8'));
        const clash = seen.get(article.slug);
        if (clash) throw new Error(`gives the same slug "${article.slug}" as ${clash}`);
        seen.set(article.slug, file);
        parsed.push({ file, article });
      } catch (error) {
        problems.push(`${file}: ${(error as Error).message}`);
      }
    }
    if (problems.length) {
      for (const problem of problems) io.err(`  ${problem}`);
      throw new AdminError(`${problems.length} of ${files.length} files cannot be imported (listed above); nothing was imported.`);
    }

    const counts = { created: 0, updated: 0, unchanged: 0 };
    const width = Math.max(...parsed.map(({ article }) => article.slug.length));
    for (const { article } of parsed) {
      const outcome = await store.admin.upsertArticle(
        {
          id: newId('art'),
          siteId: site.id,
          slug: article.slug,
          locale: locale ?? site.locale,
          title: article.title,
          ...renderArticle(article.markdown),
          popularity: article.popularity,
        },
        article.pages.map((pathPrefix) => ({ id: newId('apr'), origin: null, pathPrefix })),
        clock().toISOString(),
      );
      counts[outcome]++;
      io.out(`${outcome.padEnd(9)} ${article.slug.padEnd(width)}  ${article.title}`);
    }
    io.out(
      `Imported ${plural(parsed.length, 'article')} (${locale ?? site.locale}) into site "${slug}": ${counts.created} created, ${counts.updated} updated, ${counts.unchanged} unchanged.`,
    );
  },
});

function markdownFiles(folder: string): string[] {
  let names: string[];
  try {
    if (!statSync(folder).isDirectory()) throw new AdminError(`--dir ${folder} is not a folder.`);
    names = readdirSync(folder);
  } catch (error) {
    if (error instanceof AdminError) throw error;
    throw new AdminError(
      `Cannot read the folder ${folder}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'it does not exist' : (error as Error).message}.`,
    );
  }
  const files = names.filter((name) => /\.md$/i.test(name) && statSync(join(folder, name)).isFile()).sort();
  if (!files.length) throw new AdminError(`There are no .md files in ${folder}.`);
  return files;
}

/** Reads one markdown file: optional front matter, then a `# Title` line unless the front matter has the title. */
export function parseArticleFile(fileName: string, text: string): ArticleFile {
  if (Buffer.byteLength(text) > MAX_FILE_BYTES) throw new Error(`is larger than ${MAX_FILE_BYTES / 1024} KB`);
  const slug = slugOfFileName(fileName);
  let body = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const meta: Record<string, string> = {};

  if (/^---[ \t]*\n/.test(body)) {
    const lines = body.split('\n');
    const end = lines.findIndex((line, i) => i > 0 && /^(---|\.\.\.)[ \t]*$/.test(line));
    if (end === -1) throw new Error('has front matter that is never closed with a "---" line');
    for (const [i, line] of lines.slice(1, end).entries()) {
      if (!line.trim() || line.trimStart().startsWith('#')) continue;
      const match = /^([A-Za-z][\w-]*)[ \t]*:[ \t]*(.*?)[ \t]*$/.exec(line);
      if (!match) throw new Error(`front matter line ${i + 2} is not "key: value"`);
      const key = match[1]!.toLowerCase();
      if (!['title', 'pages', 'popularity'].includes(key)) throw new Error(`front matter has an unknown key "${match[1]}" (known: title, pages, popularity)`);
      meta[key] = unquote(match[2]!);
    }
    body = lines.slice(end + 1).join('\n');
  }

  body = body.replace(/^\s*\n/, '');
  const heading = /^#[ \t]+(.+?)(?:[ \t]+#+)?[ \t]*(?:\n|$)/.exec(body);
  let title = meta.title;
  if (heading && (title === undefined || heading[1]!.trim() === title.trim())) {
    title ??= heading[1]!;
    body = body.slice(heading[0].length);
  }
  if (title === undefined) throw new Error('has no title: start it with a "# Title" line or give "title:" in front matter');
  title = title.trim();
  if (!title || lineProblem(title) || title.length > MAX_TITLE)
    throw new Error(`needs a title of 1–${MAX_TITLE} visible characters without control characters, line separators or bidi controls`);

  const markdown = body.trim();
  if (!markdown) throw new Error('has a title but no text');
  return {
    slug,
    title,
    markdown,
    pages: meta.pages === undefined ? [] : parsePages(meta.pages),
    popularity: meta.popularity === undefined ? undefined : parsePopularity(meta.popularity),
  };
}

/** `billing-help.md` → `billing-help`; other characters become "-", and the result must be a valid slug. */
export function slugOfFileName(fileName: string): string {
  const slug = basename(fileName)
    .replace(/\.md$/i, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (!SLUG.test(slug)) throw new Error('needs a file name made of letters, digits and "-" (at most 63 characters) to take its slug from');
  return slug;
}

function parsePages(value: string): string[] {
  const items = value
    .replace(/^\[(.*)\]$/, '$1')
    .split(',')
    .map((item) => unquote(item.trim()))
    .filter(Boolean);
  const pages = items.map((item) => {
    if (!item.startsWith('/') || /[\s?#]/.test(item) || item.length > 500) throw new Error(`pages: "${item}" is not a path prefix such as /billing`);
    // "/billing/" and "/billing" are the same page to the suggestion rules.
    return item.length > 1 ? item.replace(/\/+$/, '') || '/' : item;
  });
  return [...new Set(pages)];
}

function parsePopularity(value: string): number {
  if (!/^\d+$/.test(value) || Number(value) > MAX_POPULARITY) throw new Error(`popularity: "${value}" is not a whole number from 0 to ${MAX_POPULARITY}`);
  return Number(value);
}

const unquote = (value: string) => (/^(["']).*\1$/.test(value) && value.length >= 2 ? value.slice(1, -1) : value);
