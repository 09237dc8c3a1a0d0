// bench/size — what a host page pays for the widget, in bytes (raw, gzip, brotli):
//   loader: widget.js, on every page view;
//   panel:  every script fetched from the support server between the click on Support and the
//           suggested articles being shown (the panel entry, the chunks it statically imports and the
//           locale's first words), for each locale; the row shows the heaviest locale;
//   later:  each view the panel imports on demand (the contact form, a member's views, the files),
//           with what it adds on top of the panel and its words, in the heaviest locale;
//   all:    every panel file, first load and all chunks loaded later, counted once each — for
//           information only, with no budget: no visitor downloads all of them at once.
// Run `npm run build` first, then `node bench/size.mjs`. test/build/widget-bundle.test.ts enforces BUDGETS.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';

// The issue's targets, 1.5 KB and 15 KB, read in decimal kilobytes — the stricter reading. The chunks loaded later
// have a ceiling of our own, raised from 6,000 for issue 13: they are where new UI goes so the first open stays
// small (a member's tab list, live announcements, ratings, kept drafts), and they load while the visitor reads (at
// idle, at sign-in, or with the view that needs them).
export const BUDGETS = { loaderGzip: 1500, panelGzip: 15_000, laterGzip: 8_500 };

const dist = fileURLToPath(new URL('../dist/widget/', import.meta.url));

const measure = (buffers) => {
  const all = Buffer.concat(buffers);
  // Each file is compressed on its own, as a server sends it.
  const sum = (compress) => buffers.reduce((total, buffer) => total + compress(buffer).length, 0);
  return {
    raw: all.length,
    gzip: sum((b) => gzipSync(b, { level: 9 })),
    brotli: sum((b) => brotliCompressSync(b, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } })),
  };
};

/** An output plus everything it imports statically, transitively, leaving out what is already loaded. */
function staticClosure(meta, start, loaded = new Set()) {
  const files = new Set();
  const visit = (output) => {
    if (files.has(output) || loaded.has(output)) return;
    files.add(output);
    for (const imported of meta.panel.outputs[output].imports) if (imported.kind === 'import-statement') visit(imported.path);
  };
  visit(start);
  return [...files];
}

const dynamicImports = (meta, files) =>
  files.flatMap((file) => meta.panel.outputs[file].imports.filter((imported) => imported.kind === 'dynamic-import').map((imported) => imported.path));

/** Of one measurement per locale, the heaviest, with every locale's gzip size beside it. */
const heaviest = (byLocale) => {
  const [, worst] = Object.entries(byLocale).reduce((a, b) => (b[1].gzip > a[1].gzip ? b : a));
  return { ...worst, locales: Object.fromEntries(Object.entries(byLocale).map(([locale, size]) => [locale, size.gzip])) };
};

export function measureWidget() {
  const meta = JSON.parse(readFileSync(join(dist, 'meta.json'), 'utf8'));
  // The panel's entry is built once per locale, with its first words inside (widget/panel/entry.ts); the metafile is
  // the English build's, and every other file is the same in all of them.
  const locales = Object.keys(meta.panelEntries);
  const words = (part, locale) => `${part}-${locale}.${meta.wordsVersion}.js`;
  const panel = staticClosure(meta, meta.panelEntry);
  const firstLoad = (locale) => panel.map((file) => (file === meta.panelEntry ? meta.panelEntries[locale] : file));
  const chunks = (files) => ({ ...measure(files.map((file) => readFileSync(join(dist, 'chunks', basename(file))))), files: files.map((f) => basename(f)) });
  // A chunk with no words of its own (the accent's) is the same in every locale.
  const perLocale = (files, part) =>
    heaviest(
      Object.fromEntries(
        locales.map((locale) => [locale, chunks([...files, ...[words(part, locale)].filter((file) => existsSync(join(dist, 'chunks', file)))])]),
      ),
    );
  // Named by the folder of the module the panel imports on demand (e.g. contact/index.tsx): the
  // chunk's first source file may be any module it bundles (widget/panel/trusted-html.ts).
  // Every chunk imported on demand, also by another such chunk (the files, by the contact form and a member's views).
  const onDemand = new Set(dynamicImports(meta, panel));
  for (const file of onDemand) for (const next of dynamicImports(meta, staticClosure(meta, file))) onDemand.add(next);
  const later = [...onDemand].map((file) => {
    // A folder's index (contact/index.tsx) is named by its folder, a module of the panel's own by its file (mail-link.ts).
    const [folder, module] = meta.panel.outputs[file].entryPoint?.split('/').slice(-2) ?? [basename(file)];
    const name = folder === 'panel' ? module.replace(/\.tsx?$/, '') : folder;
    return { name, ...perLocale(staticClosure(meta, file, new Set(panel)), name) };
  });
  const all = chunks([
    ...Object.keys(meta.panel.outputs).filter((file) => file.endsWith('.js') && file !== meta.panelEntry),
    ...Object.values(meta.panelEntries),
    ...locales.flatMap((locale) => ['contact', 'member', 'files'].map((part) => words(part, locale))),
  ]);
  const panelSizes = heaviest(Object.fromEntries(locales.map((locale) => [locale, chunks(firstLoad(locale))])));
  return { loader: measure([readFileSync(join(dist, 'widget.js'))]), panel: panelSizes, later, all };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { loader, panel, later, all } = measureWidget();
  const sizes = (name, size) => `${name.padEnd(13)} ${String(size.raw).padStart(8)} ${String(size.gzip).padStart(8)} ${String(size.brotli).padStart(8)}`;
  const perLocale = (size) =>
    size.locales
      ? `   ${Object.entries(size.locales)
          .map(([locale, gzip]) => `${locale} ${gzip}`)
          .join(', ')}`
      : '';
  const row = (name, size, budget) => `${sizes(name, size)}   budget ${budget} gzip${size.gzip > budget ? '  OVER' : ''}${perLocale(size)}`;
  console.log(`${''.padEnd(13)} ${'raw'.padStart(8)} ${'gzip'.padStart(8)} ${'brotli'.padStart(8)}   (bytes)`);
  console.log(row('loader', loader, BUDGETS.loaderGzip));
  console.log(row('panel', panel, BUDGETS.panelGzip));
  for (const view of later) console.log(row(view.name, view, BUDGETS.laterGzip));
  console.log(`${sizes('all', all)}   informational: all ${all.files.length} panel files (words in every locale too), no budget`);
  console.log(`panel files: ${panel.files.join(', ')}`);
}
