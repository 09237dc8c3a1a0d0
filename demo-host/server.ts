import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { contentSecurityPolicy, createNonce } from './csp.js';
import { hostileCss } from './hostile-css.js';
import { faviconSvg } from './illustrations.js';
import { notFoundPage, pagesByPath } from './pages.js';
import { siteCss } from './site-css.js';
import { siteJs } from './site-js.js';

export interface DemoHostOptions {
  /** 0 picks a free port; the chosen one is in the returned `url`. */
  port: number;
  /** Interface to listen on; loopback unless told otherwise, as the demo is for a laptop. */
  host?: string;
  /** The support server's base URL: where widget.js comes from and what the page may connect to. */
  publicUrl: string;
  /** The site the widget is embedded for (`data-site`); the seeded `demo` site by default. */
  siteSlug?: string;
}

export interface DemoHost {
  /** e.g. http://localhost:8080 — a different origin from the support server on purpose. */
  url: string;
  close(): Promise<void>;
}

interface Settings {
  publicUrl: string;
  siteSlug: string;
}

const staticAssets: ReadonlyMap<string, { type: string; body: string }> = new Map([
  ['/site.css', { type: 'text/css; charset=utf-8', body: siteCss }],
  ['/hostile.css', { type: 'text/css; charset=utf-8', body: hostileCss }],
  ['/site.js', { type: 'text/javascript; charset=utf-8', body: siteJs }],
  ['/favicon.svg', { type: 'image/svg+xml', body: faviconSvg }],
]);

function send(req: IncomingMessage, res: ServerResponse, status: number, headers: Record<string, string>, body: string): void {
  res.writeHead(status, {
    ...headers,
    'content-length': String(Buffer.byteLength(body)),
    'x-content-type-options': 'nosniff',
    // The demo is edited while it runs; never let a browser show a stale page or stylesheet.
    'cache-control': 'no-cache',
  });
  res.end(req.method === 'HEAD' ? undefined : body);
}

function handle(req: IncomingMessage, res: ServerResponse, settings: Settings): void {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    send(req, res, 405, { allow: 'GET, HEAD', 'content-type': 'text/plain; charset=utf-8' }, 'Method not allowed\n');
    return;
  }
  // Match the raw path, not `new URL(req.url, base)`: that would read `//x/billing` as a host.
  const path = (req.url ?? '/').split(/[?#]/, 1)[0] ?? '/';

  const asset = staticAssets.get(path);
  if (asset) {
    send(req, res, 200, { 'content-type': asset.type }, asset.body);
    return;
  }

  const page = pagesByPath.get(path);
  const nonce = createNonce();
  const html = (page ?? notFoundPage)({ path, nonce, ...settings });
  send(req, res, page ? 200 : 404, {
    'content-type': 'text/html; charset=utf-8',
    'content-security-policy': contentSecurityPolicy(nonce, settings.publicUrl),
    // The widget reports origin and path itself; nothing more should leak to the support origin.
    'referrer-policy': 'strict-origin-when-cross-origin',
  }, html);
}

/** The browser-facing name for where we listen: wildcard and loopback addresses become `localhost`. */
function urlHostname(host: string): string {
  if (['127.0.0.1', '::1', '0.0.0.0', '::', 'localhost'].includes(host)) return 'localhost';
  return host.includes(':') ? `[${host}]` : host;
}

function parsePublicUrl(publicUrl: string): string {
  const url = new URL(publicUrl); // throws on garbage, before anything listens
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new Error(`publicUrl must be http(s), got ${publicUrl}`);
  }
  return publicUrl.replace(/\/+$/, '');
}

/** Starts the Northwind Outfitters demo shop, which embeds the widget from `publicUrl`. */
export async function startDemoHost(options: DemoHostOptions): Promise<DemoHost> {
  const settings: Settings = { publicUrl: parsePublicUrl(options.publicUrl), siteSlug: options.siteSlug ?? 'demo' };
  const host = options.host ?? '127.0.0.1';

  const server = createServer((req, res) => {
    try {
      handle(req, res, settings);
    } catch (error) {
      // A template bug should cost one response, not the process that also runs the support server.
      console.error('demo-host: failed to render', req.url, error);
      if (!res.headersSent) send(req, res, 500, { 'content-type': 'text/plain; charset=utf-8' }, 'Internal error\n');
      else res.destroy();
    }
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://${urlHostname(host)}:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        // close() waits for keep-alive sockets; idle ones would hold shutdown up.
        server.closeIdleConnections();
      }),
  };
}
