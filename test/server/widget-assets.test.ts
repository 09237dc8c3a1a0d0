// The built widget as host pages fetch it (run after `node build.mjs`, as `npm test` does).
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, DEMO_ORIGIN, type TestApp } from '../support/test-app.js';
import { expectError } from './helpers.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const chunkFiles = () => (JSON.parse(readFileSync('dist/widget/meta.json', 'utf8')) as { panel: { outputs: Record<string, unknown> } }).panel.outputs;

describe('widget assets', () => {
  it('serve the loader as JavaScript any origin may load, cached briefly so a new release spreads within minutes', async () => {
    const response = await t.app.inject({ url: '/widget.js', headers: { origin: 'https://any-host.example' } });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/javascript/);
    expect(response.headers['cross-origin-resource-policy']).toBe('cross-origin');
    expect(response.headers['access-control-allow-origin']).toBe('*');
    expect(response.headers['cache-control']).toMatch(/max-age=300\b/);
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    const again = await t.app.inject({ url: '/widget.js', headers: { 'if-none-match': String(response.headers.etag) } });
    expect(again.statusCode).toBe(304);
  });

  it('publish the host API types beside the loader, as text nothing runs', async () => {
    const response = await t.app.inject({ url: '/widget/porthole.d.ts', headers: { origin: 'https://any-host.example' } });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(response.headers['access-control-allow-origin']).toBe('*');
    expect(response.body).toBe(readFileSync('widget/porthole.d.ts', 'utf8'));
  });

  it('serve every content-hashed panel chunk as immutable JavaScript, loadable cross-origin as a module', async () => {
    const files = Object.keys(chunkFiles()).map((path) => path.split('/').pop()!);
    expect(files.length).toBeGreaterThan(1);
    for (const file of files) {
      const response = await t.app.inject({ url: `/widget/chunks/${file}`, headers: { origin: DEMO_ORIGIN } });
      expect(response.statusCode, file).toBe(200);
      expect(response.headers['content-type']).toMatch(/^text\/javascript/);
      expect(response.headers['cross-origin-resource-policy']).toBe('cross-origin');
      expect(response.headers['access-control-allow-origin']).toBe('*');
      expect(response.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    }
  });

  it('answer a chunk that does not exist with the JSON 404, not a file from elsewhere', async () => {
    for (const url of ['/widget/chunks/nope.js', '/widget/chunks/..%2F..%2Fpackage.json', '/widget/chunks/meta.json']) {
      expectError(await t.app.inject({ url }), 404, 'not_found');
    }
  });

  it('keep the API same-site by default: API answers carry a CORP of same-site', async () => {
    const response = await t.app.inject({ url: '/api/v1/sites/demo/config' });
    expect(response.headers['cross-origin-resource-policy']).toBe('same-site');
  });
});
