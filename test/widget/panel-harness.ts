/**
 * Mounts the support panel the way widget/loader.ts does — a custom element with an open shadow
 * root, the Support launcher button, then `mountPanel(bridge, pending)` — against a fake `fetch`
 * that answers the v1 API with contract-shaped JSON and records every call.
 *
 * happy-dom (21.x) already has CSSStyleSheet.replaceSync, ShadowRoot.adoptedStyleSheets,
 * CSS.supports, crypto.randomUUID and matchMedia, so no polyfills are needed.
 */
import { render } from 'preact';
import { vi } from 'vitest';
import type {
  AttachedFile,
  AttachmentBody,
  ArticleBody,
  ArticleListBody,
  ArticleSummary,
  CommentCreatedBody,
  CreatedRequestBody,
  ErrorBody,
  Member,
  RequestDetail,
  RequestDetailBody,
  RequestListBody,
  RequestScope,
  SessionBody,
  SiteConfigBody,
} from '../../server/contract/types.js';
import type { Command, LoaderBridge, PanelWordsChunk, PanelControl } from '../../widget/bridge.js';
import type { PortholeEventName } from '../../widget/porthole.js';
import { mountPanel } from '../../widget/panel/index.js';
import { messages as englishPanelWords } from '../../widget/i18n/en/panel.js';
import { sourceWords } from './source-words.js';
import { ArticleView, ContactView } from '../../widget/panel/later-views.js';
import { filesChunk } from '../../widget/panel/files-chunk.js';

// An article and the contact form are a chunk fetched on demand, and so are the files and a
// member's reply form; these tests are about the views, not the download, so they are fetched
// once up front, as a browser that already has them cached would.
await Promise.all([ContactView.preload(), ArticleView.preload(), filesChunk.load()]);

export const SCRIPT_URL = 'https://support.example.com/widget.js';
export const API_BASE = 'https://support.example.com/api/v1/sites/demo/';
export const HELP_CENTER_URL = 'https://support.example.com/help/demo';

export const CATEGORY = {
  billing: 'cat_Bq3kXr9sLm2Vt7Wd',
  orders: 'cat_Zp8nHc4yQe1Ju6Fa',
  account: 'cat_Mw5tRg2bKd9Xs3Lp',
  product: 'cat_Ya7cNv1eTh4Pq8Zu',
} as const;

export const siteConfig: SiteConfigBody = {
  site: { slug: 'demo', name: 'Northwind Outfitters', color: '#0f766e', tier: 'pro', features: { organizationRequests: true }, locale: 'en', theme: 'light' },
  categories: [
    {
      id: CATEGORY.billing,
      name: 'Billing & payments',
      fields: [{ key: 'invoiceNumber', label: 'Invoice number', type: 'text', required: false, maxLength: 40 }],
    },
    { id: CATEGORY.orders, name: 'Orders & shipping', fields: [{ key: 'orderNumber', label: 'Order number', type: 'text', required: true, maxLength: 20 }] },
    { id: CATEGORY.account, name: 'Account & sign-in', fields: [] },
    {
      id: CATEGORY.product,
      name: 'Product question',
      fields: [{ key: 'productType', label: 'Product type', type: 'select', required: true, options: ['Tents', 'Backpacks', 'Clothing', 'Footwear', 'Other'] }],
    },
  ],
  attachments: { perMessage: 10, maxBytes: 20 * 1024 * 1024 },
};

export const suggested: ArticleSummary[] = [
  { id: 'art_tentCare01', title: 'Caring for your tent', excerpt: 'Dry it before you pack it away.', locale: 'en' },
  { id: 'art_returns002', title: 'Returns and exchanges', excerpt: 'You have 60 days to change your mind.', locale: 'en' },
];

export const articles: Record<string, ArticleBody['article']> = {
  art_tentCare01: {
    id: 'art_tentCare01',
    title: 'Caring for your tent',
    html: '<p>Always <strong>dry</strong> your tent before storing it.</p><ul><li>Shake out grit</li><li>Air it for a day</li></ul>',
    updatedAt: '2025-03-02T10:00:00.000Z',
    locale: 'en',
  },
  art_returns002: {
    id: 'art_returns002',
    title: 'Returns and exchanges',
    html: '<p>Send items back within <em>60 days</em>. See <a href="https://example.com/returns">our returns page</a>.</p>',
    updatedAt: '2025-02-11T08:30:00.000Z',
    locale: 'en',
  },
};

export interface RecordedCall {
  method: string;
  url: URL;
  headers: Record<string, string>;
  /** JSON bodies parsed; an upload's raw file as it was sent. */
  body: unknown;
}

type Reply = Response | Promise<Response>;
/** Return a reply to answer a call yourself, or undefined to let the default server answer. */
export type Override = (call: RecordedCall) => Reply | undefined;

export const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
export const apiError = (status: number, code: string, message: string, fields?: Record<string, string>) =>
  json({ error: { code, message, ...(fields && { fields }) } } satisfies ErrorBody, status);

/** A promise you settle from the test: lets a response arrive exactly when the test says. */
export function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (reason: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

export function createFakeServer() {
  const calls: RecordedCall[] = [];
  const overrides: Override[] = [];
  let nextRequestId = 1042;
  /** Uploads by id, as `POST …/attachments` stored them (the member routes attach them to comments). */
  const uploaded = new Map<string, AttachedFile>();

  const defaultReply = (call: RecordedCall): Response => {
    if (!call.url.href.startsWith(API_BASE)) return apiError(404, 'not_found', 'No such route.');
    const path = call.url.pathname.slice(new URL(API_BASE).pathname.length);
    if (call.method === 'GET' && path === 'config') return json(siteConfig);
    if (call.method === 'GET' && path === 'articles') {
      const q = call.url.searchParams.get('q');
      const list: ArticleListBody = { articles: q ? [{ id: 'art_search001', title: `About ${q}`, excerpt: 'A matching article.', locale: 'en' }] : suggested };
      return json(list);
    }
    if (call.method === 'GET' && path.startsWith('articles/')) {
      const article = articles[decodeURIComponent(path.slice('articles/'.length))];
      return article ? json({ article } satisfies ArticleBody) : apiError(404, 'not_found', 'Article not found.');
    }
    if (call.method === 'POST' && path === 'requests') {
      const now = '2025-03-04T12:00:00.000Z';
      const body = call.body as { subject: string };
      const created: CreatedRequestBody = {
        request: { id: nextRequestId++, subject: body.subject, status: 'open', statusLabel: 'Open', createdAt: now, updatedAt: now },
      };
      return json(created, 201);
    }
    if (call.method === 'POST' && path === 'attachments') {
      const file = call.body as Blob;
      const name = call.url.searchParams.get('filename');
      if (!name) return apiError(400, 'validation_failed', 'Name the file.', { filename: 'is required' });
      const id = `att_${uploaded.size + 1}`;
      const contentType = call.headers['content-type'] ?? 'application/octet-stream';
      uploaded.set(id, { id, name, size: file.size, contentType, url: `https://support.example.com/api/v1/files/${id}?sig=s1gn3d` });
      const { url: _url, ...attachment } = uploaded.get(id)!;
      return json({ attachment } satisfies AttachmentBody, 201);
    }
    return apiError(404, 'not_found', 'No such route.');
  };

  const fetch = vi.fn(async (input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    const headers: Record<string, string> = {};
    new Headers(init.headers).forEach((value, key) => (headers[key] = value));
    const call: RecordedCall = {
      method: (init.method ?? 'GET').toUpperCase(),
      url,
      headers,
      body: typeof init.body === 'string' ? JSON.parse(init.body) : init.body instanceof Blob ? init.body : undefined,
    };
    calls.push(call);
    for (const override of overrides) {
      const reply = override(call);
      if (reply) return reply;
    }
    return defaultReply(call);
  });

  const path = (call: RecordedCall) => call.url.pathname.slice(new URL(API_BASE).pathname.length);
  return {
    fetch,
    calls,
    /** Answer matching calls yourself; checked in the order added. */
    override(fn: Override) {
      overrides.push(fn);
    },
    articleLists: () => calls.filter((c) => c.method === 'GET' && path(c) === 'articles'),
    articleReads: () => calls.filter((c) => c.method === 'GET' && path(c).startsWith('articles/')),
    posts: () => calls.filter((c) => c.method === 'POST' && path(c) === 'requests'),
    uploads: () => calls.filter((c) => c.method === 'POST' && path(c) === 'attachments'),
    /** The files a message claims, as a comment lists them. */
    attachedFiles: (ids: string[] = []) => ids.flatMap((id) => uploaded.get(id) ?? []),
    configs: () => calls.filter((c) => c.method === 'GET' && path(c) === 'config'),
  };
}

export type FakeServer = ReturnType<typeof createFakeServer>;

export interface Widget {
  host: HTMLElement;
  root: ShadowRoot;
  launcher: HTMLButtonElement;
  panel: PanelControl;
  emit: ReturnType<typeof vi.fn<(event: PortholeEventName, detail?: unknown) => void>>;
  server: FakeServer;
  run(...command: Command): void;
  dialog(): HTMLElement;
  unmount(): void;
}

const mounted: Widget[] = [];

/** Builds the widget as the loader does and hands the panel the queued commands. */
export function mountWidget(options: { server?: FakeServer; pending?: Command[] } = {}): Widget {
  const server = options.server ?? createFakeServer();
  vi.stubGlobal('fetch', server.fetch);

  const host = document.createElement('porthole-widget');
  const root = host.attachShadow({ mode: 'open' });
  const launcher = document.createElement('button');
  launcher.type = 'button';
  launcher.className = 'launcher';
  launcher.setAttribute('aria-expanded', 'false');
  launcher.textContent = 'Support';
  root.append(launcher);
  document.documentElement.append(host);

  const emit = vi.fn<(event: PortholeEventName, detail?: unknown) => void>();
  const bridge: LoaderBridge & { words: PanelWordsChunk } = {
    root,
    launcher,
    site: 'demo',
    scriptUrl: SCRIPT_URL,
    settings: { position: 'right', hideLauncher: false },
    locale: 'en',
    words: { messages: englishPanelWords },
  };
  // The host's handlers, as a host page registers them: `emit` hears every event the panel sends.
  const events: PortholeEventName[] = ['open', 'close', 'request:created', 'request:updated'];
  const hear = (event: PortholeEventName) => (detail?: unknown) => (detail === undefined ? emit(event) : emit(event, detail));
  const pending: Command[] = [...events.map((event): Command => ['on', event, hear(event)]), ...(options.pending ?? [])];
  const panel = mountPanel(bridge, pending, sourceWords);
  launcher.addEventListener('click', () => panel.run(['toggle']));

  const widget: Widget = {
    host,
    root,
    launcher,
    panel,
    emit,
    server,
    run: (...command) => {
      // As the loader does: a `config` is merged into the settings the panel was handed, then forwarded.
      if (command[0] === 'config') Object.assign(bridge.settings, command[1]);
      panel.run(command);
    },
    dialog: () => root.querySelector<HTMLElement>('[role="dialog"]')!,
    unmount() {
      const container = root.querySelector('.ph');
      if (container) render(null, container);
      host.remove();
    },
  };
  mounted.push(widget);
  return widget;
}

/** The visitor moves to another page of the host site: its widgets go, the tab (and its sessionStorage) stays. */
export function leavePage() {
  for (const widget of mounted.splice(0)) widget.unmount();
}

export function unmountAll() {
  leavePage();
  vi.unstubAllGlobals();
  // Each test is a tab of its own: drafts kept for the tab (widget/panel/drafts.ts) do not reach the next one.
  sessionStorage.clear();
}

/** Lets pending fetches, promise chains and Preact's deferred renders settle. */
export async function flush(rounds = 4) {
  for (let i = 0; i < rounds; i++) await new Promise((resolve) => setTimeout(resolve, 0));
}

/** Longer than the search box's 180 ms debounce. */
export const SEARCH_SETTLE_MS = 250;
export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// ---- acting like a user ---------------------------------------------------

export function typeInto(control: HTMLInputElement | HTMLTextAreaElement, value: string) {
  control.focus();
  control.value = value;
  control.dispatchEvent(new Event('input', { bubbles: true }));
}

export function choose(select: HTMLSelectElement, optionText: string) {
  const option = Array.from(select.options).find((o) => o.textContent === optionText);
  if (!option) throw new Error(`no option "${optionText}" in #${select.id}: ${Array.from(select.options, (o) => o.textContent).join(', ')}`);
  select.value = option.value;
  select.dispatchEvent(new Event('change', { bubbles: true }));
}

export function buttonByText(scope: ParentNode, text: string): HTMLButtonElement {
  const button = Array.from(scope.querySelectorAll('button')).find((b) => b.textContent?.trim() === text);
  if (!button)
    throw new Error(
      `no button "${text}"; have: ${Array.from(scope.querySelectorAll('button'), (b) => b.textContent?.trim() || b.getAttribute('aria-label')).join(' | ')}`,
    );
  return button;
}

export const byId = <T extends HTMLElement = HTMLElement>(root: ShadowRoot, id: string) => root.getElementById(id) as T | null;

/** The visible error for a control, found the way assistive tech finds it: through aria-describedby. */
export function describedError(root: ShadowRoot, control: HTMLElement): string | undefined {
  const ids = (control.getAttribute('aria-describedby') ?? '').split(/\s+/).filter(Boolean);
  const error = ids.map((id) => root.getElementById(id)).find((el) => el?.classList.contains('error'));
  return error?.textContent ?? undefined;
}

/** Waits, letting renders and fetches settle, until `check` stops throwing (e.g. the member chunk has loaded). */
export const until = <T>(check: () => T, timeout = 3000) => vi.waitFor(check, { timeout, interval: 5 });

// ---- signed-in members ------------------------------------------------------

export const DANA: Member = { name: 'Dana Reyes', email: 'dana@example.org', emailVerified: true, organization: { name: 'Reyes Outdoor Co.' } };
export const SOLO: Member = { name: 'Jo Park', email: 'jo@example.net', emailVerified: true, organization: null };

/** A request as the fake server keeps it: what the member sees, which lists it is on, and whether it is closed for good. */
export interface StoredRequest {
  detail: RequestDetail;
  lists: RequestScope[];
  /** Stored status `closed`: shown as Closed, takes no more comments (409 request_closed). */
  closed?: boolean;
}

const LABELS = { open: 'Open', awaiting_reply: 'Awaiting your reply', solved: 'Solved', closed: 'Closed' } as const;

/** A request detail with sensible defaults; `summary` fields and anything else may be overridden. */
export function requestDetail(id: number, subject: string, change: Partial<RequestDetail> = {}): RequestDetail {
  const status = change.status ?? 'open';
  return {
    id,
    subject,
    status,
    statusLabel: LABELS[status],
    createdAt: '2025-03-01T09:00:00.000Z',
    updatedAt: '2025-03-03T09:00:00.000Z',
    category: { id: CATEGORY.product, name: 'Product question' },
    requester: { name: 'Dana Reyes' },
    organization: null,
    ccs: [],
    fields: {},
    followUpOf: null,
    comments: [],
    rating: null,
    can: { comment: true, solve: status !== 'solved', rate: status === 'solved' },
    ...change,
  };
}

/** Dana's requests: one awaiting her reply (agent, CC and her own messages), one closed, one she is copied on, one of her organization's. */
export function memberRequests(): StoredRequest[] {
  return [
    {
      lists: ['mine'],
      detail: requestDetail(1042, 'Tent pole snapped on the first trip', {
        status: 'awaiting_reply',
        statusLabel: 'Awaiting your reply',
        organization: { name: 'Reyes Outdoor Co.' },
        ccs: [
          { name: 'Sam Ortiz', email: 'sam@example.org' },
          { name: 'lee@example.com', email: 'lee@example.com' },
        ],
        fields: { productType: 'Tents' },
        comments: [
          {
            id: 'cmt_a1',
            body: 'The middle pole snapped when I pitched the tent.',
            author: { name: 'Dana Reyes', role: 'customer', you: true },
            createdAt: '2025-03-01T09:00:00.000Z',
            attachments: [],
          },
          {
            id: 'cmt_a2',
            body: 'Sorry to hear that! Could you send a photo of the break?',
            author: { name: 'Priya Natarajan', role: 'agent', you: false },
            createdAt: '2025-03-02T10:15:00.000Z',
            attachments: [],
          },
          {
            id: 'cmt_a3',
            body: 'I was there too, it broke at the joint.',
            author: { name: 'Sam Ortiz', role: 'customer', you: false },
            createdAt: '2025-03-03T09:00:00.000Z',
            attachments: [],
          },
        ],
        can: { comment: true, solve: true, rate: false },
      }),
    },
    {
      lists: ['mine'],
      closed: true,
      detail: requestDetail(1038, 'Refund for returned boots', {
        status: 'closed',
        category: { id: CATEGORY.billing, name: 'Billing & payments' },
        comments: [
          {
            id: 'cmt_b1',
            body: 'Where is my refund?',
            author: { name: 'Dana Reyes', role: 'customer', you: true },
            createdAt: '2025-02-01T09:00:00.000Z',
            attachments: [],
          },
        ],
        can: { comment: false, solve: false, rate: true },
      }),
    },
    {
      lists: ['ccd'],
      detail: requestDetail(1031, 'Team order for the climbing club', {
        requester: { name: 'Sam Ortiz' },
        ccs: [{ name: 'Dana Reyes', email: 'dana@example.org' }],
        can: { comment: true, solve: false, rate: false },
      }),
    },
    {
      lists: ['org'],
      detail: requestDetail(1025, 'Bulk discount for our shop', {
        requester: { name: 'Alex Reyes' },
        organization: { name: 'Reyes Outdoor Co.' },
        can: { comment: true, solve: false, rate: false },
      }),
    },
  ];
}

export interface MemberBackendOptions {
  /** Host tokens the fake server accepts, and the member each one signs in (default: `host-token-dana` → Dana). */
  tokens?: Record<string, Member>;
  requests?: StoredRequest[];
  /** How long an issued session lasts (default 15 minutes, as the real server). */
  sessionMs?: number;
  /** Holds the answer to a member call (session or request routes only) back until the returned promise settles. */
  delay?: (call: RecordedCall) => Promise<unknown> | undefined;
  /**
   * Link tokens from mails that `POST …/session/link` accepts: each opens a session for one member's
   * one request, refused everything else (403 link_session_scope), as the real server does.
   */
  links?: Record<string, { member: Member; request: number }>;
}

/**
 * Adds the member routes to a fake server: `POST …/session` exchanges a known host token for an
 * access token; the request routes need `Authorization: Bearer <a live access token>` (else 401
 * `session_expired`, as the real server answers) and serve `requests` with cursor pagination.
 */
export function addMemberBackend(server: FakeServer, options: MemberBackendOptions = {}) {
  const tokens = options.tokens ?? { 'host-token-dana': DANA };
  const stored = options.requests ?? memberRequests();
  const live = new Map<string, Member>();
  /** Sessions from mail links: access token → the one request it opens. */
  const linkedTo = new Map<string, number>();
  const issuedTokens: string[] = [];
  let issued = 0;
  let commentIds = 0;
  const rel = (call: RecordedCall) => call.url.pathname.slice(new URL(API_BASE).pathname.length);
  const tokenOf = (call: RecordedCall) => (call.headers.authorization ?? '').replace(/^Bearer /, '');
  const memberOf = (call: RecordedCall) => live.get(tokenOf(call));
  /** A call a mail link's session may not make: anything but its request (read, reply, solve, rate) and the stream. */
  const outsideLink = (call: RecordedCall) => {
    const linked = linkedTo.get(tokenOf(call));
    return linked !== undefined && !new RegExp(`^requests/${linked}(/comments|/solve|/rating)?$`).test(rel(call)) && rel(call) !== 'events';
  };
  const find = (id: number) => stored.find((r) => r.detail.id === id);
  const summary = ({ id, subject, status, statusLabel, createdAt, updatedAt }: RequestDetail) => ({ id, subject, status, statusLabel, createdAt, updatedAt });

  server.override((call) => {
    if (!call.url.href.startsWith(API_BASE)) return undefined;
    const held = options.delay?.(call);
    return held ? held.then(() => answer(call) ?? apiError(404, 'not_found', 'No such route.')) : answer(call);
  });

  function answer(call: RecordedCall): Response | undefined {
    const path = rel(call);
    if (call.method === 'POST' && path === 'session') {
      const token = (call.body as { token?: string } | undefined)?.token ?? '';
      const member = tokens[token];
      if (!member) return apiError(401, 'token_invalid', 'That sign-in token is not valid.');
      const accessToken = `sess.${++issued}.${token.length}`;
      live.set(accessToken, member);
      issuedTokens.push(accessToken);
      const body: SessionBody = { accessToken, expiresAt: new Date(Date.now() + (options.sessionMs ?? 15 * 60_000)).toISOString(), member };
      return json(body);
    }
    if (call.method === 'POST' && path === 'session/link') {
      const link = options.links?.[(call.body as { token?: string } | undefined)?.token ?? ''];
      if (!link) return apiError(401, 'token_invalid', 'This link is not valid.');
      const accessToken = `link.${++issued}`;
      live.set(accessToken, link.member);
      linkedTo.set(accessToken, link.request);
      issuedTokens.push(accessToken);
      return json({
        accessToken,
        expiresAt: new Date(Date.now() + (options.sessionMs ?? 15 * 60_000)).toISOString(),
        member: link.member,
      } satisfies SessionBody);
    }
    // The live stream: open and quiet, as the real one is between changes. (A 404 here had the widget
    // retry with backoff, and those retries outlived their test and reached the next test's server.)
    if (call.method === 'GET' && path === 'events') {
      if (!memberOf(call)) return apiError(401, 'session_expired', 'Please sign in again.');
      const opened = new TextEncoder().encode(': connected\n\n');
      return new Response(new ReadableStream({ start: (controller) => controller.enqueue(opened) }), { headers: { 'content-type': 'text/event-stream' } });
    }
    if (outsideLink(call)) {
      return apiError(
        403,
        'link_session_scope',
        'This link opens one request, to read and reply. Sign in on the site to see your other requests or to start a new one.',
      );
    }
    // Creating a request: anonymous is the default server's job; with a bearer token it must be a live one.
    if (call.method === 'POST' && path === 'requests')
      return call.headers.authorization && !memberOf(call) ? apiError(401, 'session_expired', 'Please sign in again.') : undefined;
    if (!path.startsWith('requests')) return undefined;

    const member = memberOf(call);
    if (!member) return apiError(401, 'session_expired', 'Please sign in again.');
    if (call.method === 'GET' && path === 'requests') {
      const scope = (call.url.searchParams.get('scope') ?? 'mine') as RequestScope;
      if (scope === 'org' && !(siteConfig.site.features.organizationRequests && member.organization)) {
        return apiError(403, 'scope_unavailable', 'Organization requests are not available for this account.');
      }
      const statuses = call.url.searchParams.get('status')?.split(',');
      const limit = Number(call.url.searchParams.get('limit') ?? 20);
      const cursor = call.url.searchParams.get('cursor');
      const offset = cursor ? Number(/^cur_(\d+)$/.exec(cursor)?.[1] ?? NaN) : 0;
      if (Number.isNaN(offset)) return apiError(400, 'validation_failed', 'That cursor is not one this server gave out.', { cursor: 'is not valid' });
      const matching = stored.filter((r) => r.lists.includes(scope) && (!statuses || statuses.includes(r.detail.status)));
      const page = matching.slice(offset, offset + limit);
      const body: RequestListBody = {
        requests: page.map((r) => summary(r.detail)),
        nextCursor: offset + limit < matching.length ? `cur_${offset + limit}` : null,
      };
      return json(body);
    }
    if (call.method === 'GET' && path === 'requests/summary') {
      return json({ awaitingReply: stored.filter((r) => r.lists.includes('mine') && r.detail.status === 'awaiting_reply').length });
    }
    const match = /^requests\/(\d+)(\/comments|\/solve|\/rating)?$/.exec(path);
    const request = match && find(Number(match[1]));
    if (!request) return apiError(404, 'not_found', 'That request was not found.');
    const now = new Date().toISOString();
    if (call.method === 'GET' && !match[2]) return json({ request: request.detail } satisfies RequestDetailBody);
    if (call.method === 'POST' && match[2] === '/comments') {
      if (request.closed) return apiError(409, 'request_closed', 'This request is closed and cannot be reopened. Submit a follow-up request instead.');
      const comment = {
        id: `cmt_new${++commentIds}`,
        body: (call.body as { body: string }).body,
        author: { name: member.name ?? member.email, role: 'customer' as const, you: true },
        createdAt: now,
        attachments: server.attachedFiles((call.body as { attachmentIds?: string[] }).attachmentIds),
      };
      const solvable = request.detail.requester.name === (member.name ?? member.email);
      request.detail = {
        ...request.detail,
        status: 'open',
        statusLabel: 'Open',
        updatedAt: now,
        comments: [...request.detail.comments, comment],
        can: { comment: true, solve: solvable, rate: false },
      };
      return json({ comment, request: request.detail } satisfies CommentCreatedBody, 201);
    }
    if (call.method === 'POST' && match[2] === '/solve') {
      if (request.closed || request.detail.status === 'solved') return apiError(409, 'already_solved', 'This request is already solved.');
      if (!request.detail.can.solve) return apiError(403, 'not_requester', 'Only the person who opened this request can mark it as solved.');
      request.detail = { ...request.detail, status: 'solved', statusLabel: 'Solved', updatedAt: now, can: { comment: true, solve: false, rate: true } };
      return json({ request: request.detail } satisfies RequestDetailBody);
    }
    if (call.method === 'PUT' && match[2] === '/rating') {
      if (!request.detail.can.rate) return apiError(403, 'not_requester', 'Only the person who opened this request can rate it.');
      const { score, comment } = call.body as { score: 'good' | 'bad'; comment?: string };
      request.detail = { ...request.detail, rating: { score, comment: comment?.trim() || null } };
      return json({ request: request.detail } satisfies RequestDetailBody);
    }
    return apiError(404, 'not_found', 'No such route.');
  }

  return {
    requests: stored,
    /** The access tokens handed out so far, oldest first. */
    accessTokens: issuedTokens,
    /** Ends every session issued so far, as the server does after 15 minutes: their next call answers 401 session_expired. */
    endSessions: () => live.clear(),
    sessionPosts: () => server.calls.filter((c) => c.method === 'POST' && rel(c) === 'session'),
    linkSessionPosts: () => server.calls.filter((c) => c.method === 'POST' && rel(c) === 'session/link'),
    /** Calls the server refused because a mail link's session may not make them. */
    refusedToLink: () => server.calls.filter(outsideLink),
    /** Calls to the member routes (lists, a request, comments, solve) — not the launcher badge's count. */
    memberCalls: () =>
      server.calls.filter((c) => rel(c).startsWith('requests') && rel(c) !== 'requests/summary' && !(c.method === 'POST' && rel(c) === 'requests')),
    /** The launcher badge's calls for the count of requests awaiting the member's reply. */
    badgeCalls: () => server.calls.filter((c) => rel(c) === 'requests/summary'),
    lists: () => server.calls.filter((c) => c.method === 'GET' && rel(c) === 'requests'),
  };
}

export type MemberBackend = ReturnType<typeof addMemberBackend>;

/** The home view's "Your requests" entry, shown only to a signed-in member. */
export const memberEntry = (widget: Widget) => widget.root.querySelector<HTMLButtonElement>('.member-entry');

/**
 * Mounts the widget against a fake server with member routes, runs `identify` (a host token by
 * default) and `open`, and waits until the home view shows the member's "Your requests" entry.
 */
export async function mountMember(options: MemberBackendOptions & { server?: FakeServer; identity?: { token: string } | { jwt: () => Promise<string> } } = {}) {
  const server = options.server ?? createFakeServer();
  const backend = addMemberBackend(server, options);
  const widget = mountWidget({ server });
  widget.run('identify', options.identity ?? { token: Object.keys(options.tokens ?? { 'host-token-dana': DANA })[0] });
  widget.run('open');
  await until(() => {
    if (!memberEntry(widget)) throw new Error('no "Your requests" entry yet');
  });
  return { widget, backend, server };
}

/** Opens "Your requests" from the home view and waits until the member chunk has drawn the list. */
export async function openRequestList(widget: Widget) {
  memberEntry(widget)!.click();
  await until(() => {
    if (!widget.root.querySelector('#ph-request-list[aria-busy="false"]')) throw new Error('the request list has not loaded');
  });
}

/** The rows of the request list, as "#id subject" with the status badge's words. */
export const requestRows = (widget: Widget) =>
  Array.from(
    widget.root.querySelectorAll('.request-row'),
    (row) => `${row.querySelector('.request-subject')?.textContent} [${row.querySelector('.badge')?.textContent}]`,
  );

/** Clicks a request in the list and waits until its conversation is shown. */
export async function openRequestFromList(widget: Widget, subject: string) {
  const row = Array.from(widget.root.querySelectorAll<HTMLButtonElement>('.request-row')).find(
    (r) => r.querySelector('.request-subject')?.textContent === subject,
  );
  if (!row) throw new Error(`no request "${subject}" in the list: ${requestRows(widget).join(', ')}`);
  row.click();
  await until(() => {
    if (widget.root.querySelector('#ph-request-title')?.textContent !== subject) throw new Error(`request "${subject}" not shown`);
  });
}
