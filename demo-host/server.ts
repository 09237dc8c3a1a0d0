import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readConfig, type ConnectionLimits } from '../server/config.js';
import { demoMembers, type SeedMember } from '../server/seed/seed-content.js';
import { protectServer } from '../server/http/protect-server.js';
import { answerClientError } from '../server/http/socket-answers.js';
import { contentSecurityPolicy, createNonce } from './csp.js';
import { hostileCss } from './hostile-css.js';
import { faviconSvg } from './illustrations.js';
import { signMemberToken } from './member-token.js';
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
  /** That site's token secret, shared with the support server: it signs member tokens. */
  siteSecret: string;
  /** Slow-client timeouts and connection caps, as for the support server; the defaults of server/config.ts if unset. */
  connections?: ConnectionLimits;
}

export interface DemoHost {
  /** e.g. http://localhost:8080 — a different origin from the support server on purpose. */
  url: string;
  close(): Promise<void>;
}

interface Settings {
  publicUrl: string;
  siteSlug: string;
  siteSecret: string;
}

const staticAssets: ReadonlyMap<string, { type: string; body: string }> = new Map([
  ['/site.css', { type: 'text/css; charset=utf-8', body: siteCss }],
  ['/hostile.css', { type: 'text/css; charset=utf-8', body: hostileCss }],
  ['/site.js', { type: 'text/javascript; charset=utf-8', body: siteJs }],
  ['/favicon.svg', { type: 'image/svg+xml', body: faviconSvg }],
]);

/**
 * The shop's own sign-in, deliberately simple: a cookie naming one of the demo members. A real shop
 * would have passwords and a session store; what matters here is what happens after sign-in
 * (POST /member-token). The cookie is HttpOnly and SameSite=Lax, and every POST checks its Origin.
 */
const SESSION_COOKIE = 'demo_member';
const FORM_LIMIT_BYTES = 1024;
const TEXT = { 'content-type': 'text/plain; charset=utf-8' };

function send(req: IncomingMessage, res: ServerResponse, status: number, headers: Record<string, string>, body: string): void {
  res.writeHead(status, {
    // The demo is edited while it runs; never let a browser show a stale page or stylesheet.
    'cache-control': 'no-cache',
    ...headers,
    'content-length': String(Buffer.byteLength(body)),
    'x-content-type-options': 'nosniff',
  });
  res.end(req.method === 'HEAD' ? undefined : body);
}

const sendJson = (req: IncomingMessage, res: ServerResponse, status: number, body: unknown) =>
  send(req, res, status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' }, JSON.stringify(body));

const actions: ReadonlyMap<string, (req: IncomingMessage, res: ServerResponse, settings: Settings) => Promise<void>> = new Map([
  ['/sign-in', signIn],
  ['/sign-out', signOut],
  ['/member-token', memberToken],
]);

async function handle(req: IncomingMessage, res: ServerResponse, settings: Settings): Promise<void> {
  // Match the raw path, not `new URL(req.url, base)`: that would read `//x/billing` as a host.
  const path = (req.url ?? '/').split(/[?#]/, 1)[0] ?? '/';

  const action = actions.get(path);
  if (action) {
    if (req.method !== 'POST') return send(req, res, 405, { allow: 'POST', ...TEXT }, 'Method not allowed\n');
    // Only the shop's own pages may sign people in or out, or ask for a token (no cross-site forms).
    if (!sameOrigin(req)) return send(req, res, 403, TEXT, 'Cross-origin request refused\n');
    return action(req, res, settings);
  }
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    send(req, res, 405, { allow: 'GET, HEAD', ...TEXT }, 'Method not allowed\n');
    return;
  }

  const asset = staticAssets.get(path);
  if (asset) {
    send(req, res, 200, { 'content-type': asset.type }, asset.body);
    return;
  }

  const page = pagesByPath.get(path);
  const nonce = createNonce();
  const html = (page ?? notFoundPage)({ path, nonce, publicUrl: settings.publicUrl, siteSlug: settings.siteSlug, member: signedInMember(req) });
  send(
    req,
    res,
    page ? 200 : 404,
    {
      'content-type': 'text/html; charset=utf-8',
      'content-security-policy': contentSecurityPolicy(nonce, settings.publicUrl),
      // The widget reports origin and path itself; nothing more should leak to the support origin.
      'referrer-policy': 'strict-origin-when-cross-origin',
    },
    html,
  );
}

/** POST /sign-in `member=<sub>&return=<path>`: signs in as a demo member and goes back to the page. */
async function signIn(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const form = await readForm(req, res);
  if (!form) return;
  const member = demoMembers.find((m) => m.sub === form.get('member'));
  if (!member) return send(req, res, 400, TEXT, 'Pick one of the demo members\n');
  redirect(req, res, form.get('return'), `${SESSION_COOKIE}=${member.sub}; HttpOnly; SameSite=Lax; Path=/`);
}

/** POST /sign-out `return=<path>`: forgets the member (site.js has told the widget first). */
async function signOut(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const form = await readForm(req, res);
  if (!form) return;
  redirect(req, res, form.get('return'), `${SESSION_COOKIE}=; HttpOnly; SameSite=Lax; Path=/; Max-Age=0`);
}

/**
 * POST /member-token: a fresh member token for whoever is signed in, for `Porthole('identify', { jwt })`.
 * The custom header cannot be sent cross-origin without a CORS preflight, which this server never
 * grants, so only the shop's own scripts can read a token.
 */
async function memberToken(req: IncomingMessage, res: ServerResponse, settings: Settings): Promise<void> {
  req.resume(); // any body is ignored
  if (req.headers['x-requested-with'] !== 'demo') return sendJson(req, res, 403, { error: { code: 'forbidden', message: 'Send x-requested-with: demo.' } });
  const member = signedInMember(req);
  if (!member) return sendJson(req, res, 401, { error: { code: 'signed_out', message: 'Nobody is signed in.' } });
  sendJson(req, res, 200, { token: signMemberToken(member, settings.siteSecret) });
}

function signedInMember(req: IncomingMessage): SeedMember | null {
  const sub = cookie(req, SESSION_COOKIE);
  return demoMembers.find((member) => member.sub === sub) ?? null;
}

function cookie(req: IncomingMessage, name: string): string | undefined {
  for (const pair of (req.headers.cookie ?? '').split(';')) {
    const at = pair.indexOf('=');
    if (at > 0 && pair.slice(0, at).trim() === name) return pair.slice(at + 1).trim();
  }
  return undefined;
}

/** Browsers send Origin on every POST; when present it must be this host (scheme aside: it is http here). */
function sameOrigin(req: IncomingMessage): boolean {
  const origin = req.headers.origin;
  if (origin === undefined) return true;
  try {
    return new URL(origin).host === req.headers.host;
  } catch {
    return false; // includes the opaque origin "null"
  }
}

/**
 * Back to the page the form was on. Only a path on this site: one leading slash (`//evil.example`
 * and `/\evil.example` are other hosts to a browser), printable ASCII, no backslashes.
 */
function redirect(req: IncomingMessage, res: ServerResponse, target: string | null, setCookie: string): void {
  const location = target && target.length <= 512 && /^\/(?![/\\])[\x21-\x5b\x5d-\x7e]*$/.test(target) ? target : '/';
  res.setHeader('set-cookie', setCookie);
  send(req, res, 303, { location, ...TEXT }, `See ${location}\n`);
}

/** Reads an application/x-www-form-urlencoded body of at most 1 KB; answers the error itself and returns null. */
async function readForm(req: IncomingMessage, res: ServerResponse): Promise<URLSearchParams | null> {
  const type = (req.headers['content-type'] ?? '').split(';', 1)[0]!.trim().toLowerCase();
  if (type !== 'application/x-www-form-urlencoded') {
    req.resume();
    send(req, res, 415, TEXT, 'Send a form (application/x-www-form-urlencoded)\n');
    return null;
  }
  const body = await new Promise<Buffer | null>((resolve, reject) => {
    if (Number(req.headers['content-length'] ?? 0) > FORM_LIMIT_BYTES) return resolve(null);
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= FORM_LIMIT_BYTES) return void chunks.push(chunk);
      req.off('data', onData).off('end', onEnd).pause();
      resolve(null);
    };
    const onEnd = () => resolve(Buffer.concat(chunks));
    req.on('data', onData).on('end', onEnd).on('error', reject);
  });
  if (!body) {
    // Not worth reading the rest: answer, then drop the connection once the answer is out.
    res.once('finish', () => req.destroy());
    send(req, res, 413, { ...TEXT, connection: 'close' }, 'Form too large\n');
    return null;
  }
  return new URLSearchParams(body.toString('utf8'));
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
  if (!options.siteSecret) throw new Error("startDemoHost needs the demo site's token secret (siteSecret)");
  const settings: Settings = { publicUrl: parsePublicUrl(options.publicUrl), siteSlug: options.siteSlug ?? 'demo', siteSecret: options.siteSecret };
  const host = options.host ?? '127.0.0.1';

  const server = createServer((req, res) => {
    handle(req, res, settings).catch((error: unknown) => {
      // A template bug should cost one response, not the process that also runs the support server.
      console.error('demo-host: failed to handle', req.method, req.url, error);
      if (!res.headersSent) send(req, res, 500, TEXT, 'Internal error\n');
      else res.destroy();
    });
  });
  // The same protection as the support server's; no proxy is trusted in front of the demo.
  protectServer(server, { connections: options.connections ?? readConfig({}).connections, trustProxy: false }, (line) => console.error(`demo-host: ${line}`));
  server.on('clientError', answerClientError);

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
