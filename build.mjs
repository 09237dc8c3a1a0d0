// Builds everything with esbuild:
//   dist/widget/chunks/  the panel, ESM with code splitting and content-hashed names (loaded on demand)
//   dist/widget/widget.js  the loader, a tiny IIFE that knows the panel's hashed entry name
//   dist/widget/porthole.d.ts  the host JavaScript API's types (widget/porthole.d.ts, copied)
//   dist/server/  the support server (main.js) and the dev launcher with the demo host (start.js),
//                 with the committed migrations beside them
// `node build.mjs` is run by `npm start` and `npm test` (prestart/pretest).
import * as esbuild from 'esbuild';
import { cpSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { basename, dirname, relative } from 'node:path';

const widgetTarget = ['chrome100', 'firefox100', 'safari15.4'];
// `node build.mjs server` rebuilds the server bundles only (the admin command uses it), leaving the
// widget and inbox files a running server is serving untouched.
const serverOnly = process.argv[2] === 'server';
rmSync(serverOnly ? 'dist/server' : 'dist', { recursive: true, force: true });

// The list of locales is TypeScript (widget/i18n/locales.ts): compiled on the fly, so it is written once.
const { code: localesCode } = await esbuild.transform(readFileSync('widget/i18n/locales.ts', 'utf8'), { loader: 'ts', format: 'esm' });
const { LOCALES } = await import(`data:text/javascript,${encodeURIComponent(localesCode)}`);

/**
 * Puts the panel's first-load code in the one chunk its entry imports. esbuild gives code its own chunk by the set
 * of chunks that reach it: the libraries are reached by every chunk, the panel's own code by the entry only, so the
 * first load would be two files (and two compressions, some 250 B more). Each chunk loaded on demand re-exports the
 * panel (widget/panel/index.tsx) under a name nobody uses, so the panel's code is reached by every chunk too, and
 * lands beside the libraries. (It changes nothing at run time: those chunks load after the panel.)
 */
const oneFirstLoadFile = {
  name: 'one-first-load-file',
  setup(build) {
    const onDemand = new Set();
    build.onResolve({ filter: /.*/ }, async (args) => {
      if (args.kind !== 'dynamic-import' || args.pluginData === 'resolved') return undefined;
      const resolved = await build.resolve(args.path, { kind: args.kind, resolveDir: args.resolveDir, importer: args.importer, pluginData: 'resolved' });
      onDemand.add(resolved.path);
      return resolved;
    });
    build.onLoad({ filter: /\.tsx?$/ }, async (args) => {
      if (!onDemand.has(args.path)) return undefined;
      const panel = relative(dirname(args.path), `${process.cwd()}/widget/panel/index.tsx`).replace(/\.tsx$/, '.js');
      const source = readFileSync(args.path, 'utf8');
      return {
        contents: `${source}\nexport * as __panel from '${panel.startsWith('.') ? panel : `./${panel}`}';\n`,
        loader: args.path.endsWith('x') ? 'tsx' : 'ts',
      };
    });
  },
};

if (!serverOnly) await buildBrowserBundles();

/**
 * Every locale's words as chunks of their own, beside the panel's: `<locale>.<version>.js` (the panel's first words,
 * for a panel that switches to that locale), `<part>-<locale>.<version>.js` (the words of the chunks loaded later)
 * and `help-<locale>.<version>.js` (all of them, for the Help Center page). One version for all, a hash of their
 * content, so code names any locale's file with one short string.
 */
async function buildWordChunks() {
  const parts = ['panel', 'contact', 'member', 'files'];
  const entries = {};
  for (const locale of LOCALES) {
    entries[locale] = `widget/i18n/${locale}/panel.ts`;
    for (const part of parts.slice(1)) entries[`${part}-${locale}`] = `widget/i18n/${locale}/${part}.ts`;
    entries[`help-${locale}`] = `help-words:${locale}`;
  }
  const built = await esbuild.build({
    entryPoints: entries,
    bundle: true,
    format: 'esm',
    minify: true,
    target: widgetTarget,
    write: false,
    outdir: 'dist/widget/chunks',
    legalComments: 'none',
    charset: 'utf8',
    plugins: [
      {
        // The Help Center's words: one module re-exporting a locale's every browser table.
        name: 'help-words',
        setup(build) {
          build.onResolve({ filter: /^help-words:/ }, ({ path }) => ({ path: path.slice('help-words:'.length), namespace: 'help-words' }));
          build.onLoad({ filter: /.*/, namespace: 'help-words' }, ({ path: locale }) => ({
            contents: [...parts, 'help-center'].map((part) => `export * from './widget/i18n/${locale}/${part}.ts';`).join('\n'),
            resolveDir: process.cwd(),
            loader: 'ts',
          }));
        },
      },
    ],
  });
  const hash = createHash('sha256');
  for (const file of built.outputFiles) hash.update(file.path).update(file.contents);
  const version = hash.digest('hex').slice(0, 8);
  mkdirSync('dist/widget/chunks', { recursive: true });
  for (const file of built.outputFiles) writeFileSync(file.path.replace(/\.js$/, `.${version}.js`), file.contents);
  return version;
}

async function buildBrowserBundles() {
  const wordsVersion = await buildWordChunks();
  // The panel and the inbox: Preact apps shipped as minified, content-hashed ES modules.
  const preactApp = {
    bundle: true,
    format: 'esm',
    minify: true,
    target: widgetTarget,
    jsx: 'automatic',
    jsxImportSource: 'preact',
    entryNames: '[name]-[hash]',
    metafile: true,
    legalComments: 'none',
  };

  // The panel, built once per locale: each build's entry (widget/panel/entry.ts) has that locale's first words inside,
  // so they come in the file the loader fetches anyway, not in one more beside it. Every other file is the same in
  // every build, byte for byte (nothing but the entry imports the words), and is written once.
  const panelBuilds = {};
  for (const locale of LOCALES) {
    panelBuilds[locale] = await esbuild.build({
      ...preactApp,
      entryPoints: { panel: 'widget/panel/entry.ts' },
      outdir: 'dist/widget/chunks',
      splitting: true,
      write: false,
      define: { WORDS_VERSION: JSON.stringify(wordsVersion) },
      // Short names: the loader lists the panel's files, and every host page pays for each byte.
      chunkNames: '[hash]',
      plugins: [
        {
          name: 'first-words',
          setup(build) {
            build.onResolve({ filter: /^porthole:first-words$/ }, () => ({ path: `${process.cwd()}/widget/i18n/${locale}/panel.ts` }));
          },
        },
        oneFirstLoadFile,
      ],
    });
  }
  const panel = panelBuilds.en;
  const panelEntry = Object.entries(panel.metafile.outputs).find(([, output]) => output.entryPoint)[0];
  // Each build's entry is named by its own hash; every other file has the same name in every build.
  const entryOf = (build) => build.outputFiles.find((file) => build.metafile.outputs[relative(process.cwd(), file.path)]?.entryPoint);
  // The entries' one version: any locale's words or the code changes it.
  const entryHash = createHash('sha256');
  for (const locale of LOCALES) entryHash.update(entryOf(panelBuilds[locale]).contents);
  const panelEntryPrefix = `panel-${entryHash.digest('hex').slice(0, 8)}-`;
  const panelEntries = {};
  for (const locale of LOCALES) {
    for (const file of panelBuilds[locale].outputFiles) {
      if (file === entryOf(panelBuilds[locale]))
        writeFileSync(`dist/widget/chunks/${(panelEntries[locale] = `${panelEntryPrefix}${locale}.js`)}`, file.contents);
      else if (!panel.outputFiles.some((same) => same.path === file.path && Buffer.compare(same.contents, file.contents) === 0))
        throw new Error(`the ${locale} panel build differs from the English one outside its entry: ${file.path}`);
      else if (locale === 'en') writeFileSync(file.path, file.contents);
    }
  }
  // The chunks the panel entry imports statically: the loader fetches them alongside the entry,
  // in parallel, instead of the browser discovering them one round trip later.
  const panelChunks = panel.metafile.outputs[panelEntry].imports
    .filter((imported) => imported.kind === 'import-statement')
    .map((imported) => basename(imported.path));

  const loader = await esbuild.build({
    entryPoints: ['widget/loader.ts'],
    outfile: 'dist/widget/widget.js',
    bundle: true,
    format: 'iife',
    minify: true,
    target: widgetTarget,
    define: { PANEL_ENTRY: JSON.stringify(panelEntryPrefix), PANEL_FILES: JSON.stringify(panelChunks) },
    metafile: true,
    legalComments: 'none',
    // No "use strict" prologue (tsconfig's strict implies it): the loader does not need it, and every
    // host page would pay for its bytes.
    tsconfigRaw: { compilerOptions: { alwaysStrict: false } },
  });

  // The host's API as types (the widget's own source of them), published beside the loader.
  cpSync('widget/porthole.d.ts', 'dist/widget/porthole.d.ts');

  // Kept for bench/size and the bundle tests: which files each output is made of.
  // The English build's metafile, its entry under the name it was written as.
  const outputs = panel.metafile.outputs;
  const englishEntry = `dist/widget/chunks/${panelEntries.en}`;
  outputs[englishEntry] = outputs[panelEntry];
  delete outputs[panelEntry];
  writeFileSync(
    'dist/widget/meta.json',
    JSON.stringify({ panelEntry: englishEntry, panelEntries, wordsVersion, panel: panel.metafile, loader: loader.metafile }, null, 2),
  );

  // The support team's inbox (served at /agent): one ESM script and its stylesheet, content-hashed,
  // plus a manifest naming them for the page route (server/routes/agent/inbox-page.ts).
  const inbox = await esbuild.build({ ...preactApp, entryPoints: { inbox: 'server/inbox/app/index.tsx' }, outdir: 'dist/inbox' });
  const [inboxScript, inboxOutput] = Object.entries(inbox.metafile.outputs).find(([, output]) => output.entryPoint);
  writeFileSync(
    'dist/inbox/manifest.json',
    JSON.stringify({ script: basename(inboxScript), stylesheet: inboxOutput.cssBundle ? basename(inboxOutput.cssBundle) : null }),
  );

  // The Help Center (served at /help/<site>): the panel's views in a page of their own, split like the
  // panel (the contact form is a chunk fetched later), plus a manifest for server/help-center/page-routes.ts.
  const helpcenter = await esbuild.build({
    ...preactApp,
    entryPoints: { helpcenter: 'widget/help-center/index.tsx' },
    outdir: 'dist/help-center',
    splitting: true,
    chunkNames: '[hash]',
    define: { WORDS_VERSION: JSON.stringify(wordsVersion) },
  });
  const [helpScript, helpOutput] = Object.entries(helpcenter.metafile.outputs).find(([, output]) => output.entryPoint);
  writeFileSync(
    'dist/help-center/manifest.json',
    JSON.stringify({
      script: basename(helpScript),
      stylesheet: helpOutput.cssBundle ? basename(helpOutput.cssBundle) : null,
      files: Object.keys(helpcenter.metafile.outputs).map((path) => basename(path)),
      wordsVersion,
    }),
  );
}

await esbuild.build({
  entryPoints: { main: 'server/main.ts', start: 'demo-host/main.ts', admin: 'server/admin/main.ts' },
  outdir: 'dist/server',
  bundle: true,
  splitting: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  sourcemap: true,
  jsx: 'automatic',
  jsxImportSource: 'preact',
});
mkdirSync('dist/server', { recursive: true });
cpSync('server/store/sqlite/migrations', 'dist/server/migrations', { recursive: true });
// PostgreSQL's migrations get a folder of their own: store/pg/client.ts looks for it before its source folder.
cpSync('server/store/pg/migrations', 'dist/server/pg-migrations', { recursive: true });
// The Help Center's list of common passwords (auth/common-passwords.ts reads it beside itself).
cpSync('server/auth/common-passwords.txt', 'dist/server/common-passwords.txt');

console.log(serverOnly ? 'built server' : 'built widget, inbox and server');
