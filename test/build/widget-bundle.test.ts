// The widget's bundles, as built by `npm test`'s pretest step: within budget, and free of server code.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
// @ts-expect-error -- plain ESM benchmark script without type declarations
import { BUDGETS, measureWidget } from '../../bench/size.mjs';

interface Metafile {
  outputs: Record<string, { inputs: Record<string, unknown> }>;
}
const meta = JSON.parse(readFileSync('dist/widget/meta.json', 'utf8')) as { panel: Metafile; loader: Metafile };
const inputsOf = (metafile: Metafile) => Object.values(metafile.outputs).flatMap((output) => Object.keys(output.inputs));

describe('widget bundles', () => {
  it('keep the loader, the first panel load and the views loaded later within their gzip budgets', () => {
    const { loader, panel, later } = measureWidget();
    expect(loader.gzip).toBeLessThanOrEqual(BUDGETS.loaderGzip);
    expect(panel.gzip).toBeLessThanOrEqual(BUDGETS.panelGzip);
    // The contact form, the members' views and the files come on demand, on top of the panel.
    expect(later.map((view: { name: string }) => view.name).sort()).toEqual(['accent', 'contact', 'files', 'host-commands', 'mail-link', 'member']);
    for (const view of later) expect(view.gzip, view.name).toBeLessThanOrEqual(BUDGETS.laterGzip);
  });

  it('contain no server code but the dependency-free shared rules', () => {
    const inputs = [...inputsOf(meta.panel), ...inputsOf(meta.loader)];
    expect(inputs.filter((file) => file.startsWith('server/'))).toEqual(['server/contract/rules.ts']);
    expect(inputs.filter((file) => /node_modules\/(fastify|drizzle-orm|better-sqlite3|typebox|marked|sanitize-html)\//.test(file))).toEqual([]);
  });

  it('keep the loader free of the panel and of preact', () => {
    expect(inputsOf(meta.loader).filter((file) => file.includes('preact') || file.startsWith('widget/panel/'))).toEqual([]);
  });
});
