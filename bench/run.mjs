// Runs a TypeScript benchmark: `node bench/run.mjs <name> [args…]` bundles bench/<name>.ts with
// esbuild (packages stay external, as in build.mjs) to bench/.out/<name>.mjs, copies the committed
// migrations beside it as build.mjs does (store/sqlite/client.ts looks for `migrations`, store/pg/client.ts
// for `pg-migrations`, next to the code that opens the database), and runs it in a fresh node process
// with the remaining arguments.
// Node 20 runs no TypeScript by itself, and tsx is not one of our dependencies.
import * as esbuild from 'esbuild';
import { cpSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

const [name, ...args] = process.argv.slice(2);
const root = fileURLToPath(new URL('..', import.meta.url));
const source = join(root, 'bench', `${name ?? ''}.ts`);
if (!name || !existsSync(source)) {
  console.error('usage: node bench/run.mjs <seed|api|browser> [args…]');
  process.exit(2);
}

const outdir = join(root, 'bench', '.out');
mkdirSync(outdir, { recursive: true });
for (const [from, to] of [
  ['sqlite', 'migrations'],
  ['pg', 'pg-migrations'],
]) {
  rmSync(join(outdir, to), { recursive: true, force: true });
  cpSync(join(root, 'server', 'store', from, 'migrations'), join(outdir, to), { recursive: true });
}
const outfile = join(outdir, `${name}.mjs`);
await esbuild.build({
  entryPoints: [source],
  outfile,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  sourcemap: 'inline',
  jsx: 'automatic',
  jsxImportSource: 'preact',
  logLevel: 'warning',
});

const child = spawn(process.execPath, ['--enable-source-maps', outfile, ...args], { stdio: 'inherit' });
const forward = (signal) => child.kill(signal);
process.on('SIGINT', forward);
process.on('SIGTERM', forward);
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
