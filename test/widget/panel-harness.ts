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
import type { ArticleBody, ArticleListBody, ArticleSummary, CreatedRequestBody, ErrorBody, SiteConfigBody } from '../../server/contract/types.js';
import type { Command, LoaderBridge, PanelControl, WidgetEvent } from '../../widget/bridge.js';
import { mountPanel } from '../../widget/panel/index.js';

export const SCRIPT_URL = 'https://support.example.com/widget.js';
export const API_BASE = 'https://support.example.com/api/v1/sites/demo/';

export const CATEGORY = {
  billing: 'cat_Bq3kXr9sLm2Vt7Wd',
  orders: 'cat_Zp8nHc4yQe1Ju6Fa',
  account: 'cat_Mw5tRg2bKd9Xs3Lp',
  product: 'cat_Ya7cNv1eTh4Pq8Zu',
} as const;

export const siteConfig: SiteConfigBody = {
  site: { slug: 'demo', name: 'Northwind Outfitters', color: '#0f766e', tier: 'pro', features: { organizationRequests: true } },
  categories: [
    { id: CATEGORY.billing, name: 'Billing & payments', fields: [{ key: 'invoiceNumber', label: 'Invoice number', type: 'text', required: false, maxLength: 40 }] },
    { id: CATEGORY.orders, name: 'Orders & shipping', fields: [{ key: 'orderNumber', label: 'Order number', type: 'text', required: true, maxLength: 20 }] },
    { id: CATEGORY.account, name: 'Account & sign-in', fields: [] },
    {
      id: CATEGORY.product,
      name: 'Product question',
      fields: [{ key: 'productType', label: 'Product type', type: 'select', required: true, options: ['Tents', 'Backpacks', 'Clothing', 'Footwear', 'Other'] }],
    },
  ],
};

export const suggested: ArticleSummary[] = [
  { id: 'art_tentCare01', title: 'Caring for your tent', excerpt: 'Dry it before you pack it away.' },
  { id: 'art_returns002', title: 'Returns and exchanges', excerpt: 'You have 60 days to change your mind.' },
];

export const articles: Record<string, ArticleBody['article']> = {
  art_tentCare01: {
    id: 'art_tentCare01',
    title: 'Caring for your tent',
    html: '<p>Always <strong>dry</strong> your tent before storing it.</p><ul><li>Shake out grit</li><li>Air it for a day</li></ul>',
    updatedAt: '2025-03-02T10:00:00.000Z',
  },
  art_returns002: {
    id: 'art_returns002',
    title: 'Returns and exchanges',
    html: '<p>Send items back within <em>60 days</em>. See <a href="https://example.com/returns">our returns page</a>.</p>',
    updatedAt: '2025-02-11T08:30:00.000Z',
  },
};

export interface RecordedCall {
  method: string;
  url: URL;
  headers: Record<string, string>;
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

  const defaultReply = (call: RecordedCall): Response => {
    if (!call.url.href.startsWith(API_BASE)) return apiError(404, 'not_found', 'No such route.');
    const path = call.url.pathname.slice(new URL(API_BASE).pathname.length);
    if (call.method === 'GET' && path === 'config') return json(siteConfig);
    if (call.method === 'GET' && path === 'articles') {
      const q = call.url.searchParams.get('q');
      const list: ArticleListBody = { articles: q ? [{ id: 'art_search001', title: `About ${q}`, excerpt: 'A matching article.' }] : suggested };
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
      body: typeof init.body === 'string' ? JSON.parse(init.body) : undefined,
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
    configs: () => calls.filter((c) => c.method === 'GET' && path(c) === 'config'),
  };
}

export type FakeServer = ReturnType<typeof createFakeServer>;

export interface Widget {
  host: HTMLElement;
  root: ShadowRoot;
  launcher: HTMLButtonElement;
  panel: PanelControl;
  emit: ReturnType<typeof vi.fn<(event: WidgetEvent, detail?: unknown) => void>>;
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

  const emit = vi.fn<(event: WidgetEvent, detail?: unknown) => void>();
  const bridge: LoaderBridge = { root, launcher, site: 'demo', scriptUrl: SCRIPT_URL, settings: { position: 'right', hideLauncher: false }, emit };
  const panel = mountPanel(bridge, options.pending ?? []);
  launcher.addEventListener('click', () => panel.run(['toggle']));

  const widget: Widget = {
    host,
    root,
    launcher,
    panel,
    emit,
    server,
    run: (...command) => panel.run(command),
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

export function unmountAll() {
  for (const widget of mounted.splice(0)) widget.unmount();
  vi.unstubAllGlobals();
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
  if (!button) throw new Error(`no button "${text}"; have: ${Array.from(scope.querySelectorAll('button'), (b) => b.textContent?.trim() || b.getAttribute('aria-label')).join(' | ')}`);
  return button;
}

export const byId = <T extends HTMLElement = HTMLElement>(root: ShadowRoot, id: string) => root.getElementById(id) as T | null;

/** The visible error for a control, found the way assistive tech finds it: through aria-describedby. */
export function describedError(root: ShadowRoot, control: HTMLElement): string | undefined {
  const ids = (control.getAttribute('aria-describedby') ?? '').split(/\s+/).filter(Boolean);
  const error = ids.map((id) => root.getElementById(id)).find((el) => el?.classList.contains('error'));
  return error?.textContent ?? undefined;
}
