/**
 * The widget's one way to talk to the server. Views never call fetch; they call these typed
 * functions, whose request and response types come from the server's contract.
 */
import type { ArticleBody, ArticleListBody, CreatedRequestBody, ErrorBody, NewRequest, SiteConfigBody } from '../../server/contract/types.js';

/** A failed call: `status` 0 and code `network` when the server could not be reached at all. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: Record<string, string> = {},
  ) {
    super(message);
  }
}

export interface ApiClient {
  getConfig(): Promise<SiteConfigBody>;
  listArticles(query: { url?: string; q?: string; limit?: number }): Promise<ArticleListBody>;
  getArticle(id: string): Promise<ArticleBody>;
  createRequest(body: NewRequest, idempotencyKey: string): Promise<CreatedRequestBody>;
}

export function createApiClient(scriptUrl: string, site: string): ApiClient {
  const base = new URL(`api/v1/sites/${encodeURIComponent(site)}/`, scriptUrl);

  async function call<T>(path: string, init: RequestInit = {}): Promise<T> {
    let response: Response;
    try {
      // No cookies, no referrer: the server learns only what we send it on purpose.
      response = await fetch(new URL(path, base), { ...init, credentials: 'omit', referrerPolicy: 'no-referrer' });
    } catch {
      throw new ApiError(0, 'network', 'The support server could not be reached.');
    }
    const body = (await response.json().catch(() => undefined)) as T | ErrorBody | undefined;
    if (response.ok) return body as T;
    const error = (body as ErrorBody | undefined)?.error;
    throw new ApiError(response.status, error?.code ?? 'unknown', error?.message ?? response.statusText, error?.fields);
  }

  const query = (params: Record<string, string | number | undefined>) => {
    const search = new URLSearchParams();
    for (const [key, value] of Object.entries(params)) if (value !== undefined && value !== '') search.set(key, String(value));
    return search.toString();
  };

  return {
    getConfig: () => call('config'),
    listArticles: (params) => call(`articles?${query(params)}`),
    getArticle: (id) => call(`articles/${encodeURIComponent(id)}`),
    createRequest: (body, idempotencyKey) =>
      call('requests', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': idempotencyKey },
        body: JSON.stringify(body),
      }),
  };
}
