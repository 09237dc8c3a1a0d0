/**
 * The widget's one way to talk to the server. Views never call fetch; they call these typed
 * functions, whose request and response types come from the server's contract. A signed-in
 * member's endpoints are built on `call` by the member chunk (member/member-api.ts), so visitors
 * who never sign in do not download them.
 */
import type { ArticleBody, ArticleListBody, CreatedRequestBody, NewRequest, SiteConfigBody } from '../../server/contract/types.js';
import { fetchOrThrow } from '../kit/api-error.js';
import { locale } from './language.js';
// A call's result as the views hold it comes with the client: every chunk that calls the server shows one, and
// shipping it here keeps it out of a chunk of its own (an extra download for 100 bytes).
export { failed, loading, ready, type Loadable } from '../kit/loadable.js';

export interface ApiClient {
  /** The site's slug, e.g. the key its kept drafts go under (drafts.ts). */
  site: string;
  getConfig(): Promise<SiteConfigBody>;
  listArticles(query: { url?: string; q?: string; limit?: number }): Promise<ArticleListBody>;
  getArticle(id: string): Promise<ArticleBody>;
  /** Anonymous unless `accessToken` is given (a signed-in member's request, which may carry CCs). */
  createRequest(body: NewRequest, idempotencyKey: string, accessToken?: string): Promise<CreatedRequestBody>;
  /** Any path of the site's API, answered as JSON or thrown as an ApiError. */
  call<T>(path: string, init?: RequestInit): Promise<T>;
  /** The response itself, for a stream (live events); a failure is thrown as an ApiError. */
  open(path: string, init?: RequestInit): Promise<Response>;
}

export const query = (params: Record<string, string | number | undefined>) => {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined && value !== '') search.set(key, String(value));
  return search.toString();
};

export const bearer = (accessToken: string | undefined): Record<string, string> => (accessToken ? { authorization: `Bearer ${accessToken}` } : {});

export const post = (body: unknown, headers: Record<string, string> = {}): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/json', ...headers },
  body: JSON.stringify(body),
});

export function createApiClient(scriptUrl: string, site: string): ApiClient {
  const base = new URL(`api/v1/sites/${encodeURIComponent(site)}/`, scriptUrl);

  // No cookies, no referrer: the server learns only what we send it on purpose. Only a call that
  // asks for its cookie gets it: the Help Center's own page, for its sign-in (help-center/portal-api.ts).
  const open = (path: string, init: RequestInit = {}) => fetchOrThrow(new URL(path, base), { credentials: 'omit', ...init, referrerPolicy: 'no-referrer' });
  const call = async <T>(path: string, init?: RequestInit) => (await (await open(path, init)).json().catch(() => undefined)) as T;

  return {
    site,
    call,
    open,
    getConfig: () => call('config'),
    // Articles in the visitor's language first; a request remembers its language, so its mail speaks it.
    listArticles: (params) => call(`articles?${query({ ...params, locale: locale.peek() })}`),
    getArticle: (id) => call(`articles/${encodeURIComponent(id)}?${query({ locale: locale.peek() })}`),
    createRequest: (body, idempotencyKey, accessToken) =>
      call('requests', post({ ...body, locale: locale.peek() }, { 'idempotency-key': idempotencyKey, ...bearer(accessToken) })),
  };
}
