/**
 * The widget's one way to talk to the server. Views never call fetch; they call these typed
 * functions, whose request and response types come from the server's contract.
 */
import type {
  ArticleBody,
  ArticleListBody,
  CommentCreatedBody,
  CreatedRequestBody,
  ErrorBody,
  NewRequest,
  RequestDetailBody,
  RequestListBody,
  RequestScope,
  RequestSummaryCounts,
  SessionBody,
  SiteConfigBody,
} from '../../server/contract/types.js';

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
  /** Anonymous unless `accessToken` is given (a signed-in member's request, which may carry CCs). */
  createRequest(body: NewRequest, idempotencyKey: string, accessToken?: string): Promise<CreatedRequestBody>;
  startSession(hostToken: string): Promise<SessionBody>;
  listRequests(accessToken: string, query: { scope: RequestScope; status?: string; cursor?: string; limit?: number }): Promise<RequestListBody>;
  getRequest(accessToken: string, id: number): Promise<RequestDetailBody>;
  addComment(accessToken: string, id: number, body: string): Promise<CommentCreatedBody>;
  solveRequest(accessToken: string, id: number): Promise<RequestDetailBody>;
  requestSummary(accessToken: string): Promise<RequestSummaryCounts>;
  /** The open live-event stream (server-sent events, read with fetch so the token stays in a header). */
  openEvents(accessToken: string, signal: AbortSignal): Promise<ReadableStream<Uint8Array>>;
  /** A session from the link in a notification mail. */
  startLinkSession(linkToken: string): Promise<SessionBody>;
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

  const bearer = (accessToken: string | undefined): Record<string, string> => (accessToken ? { authorization: `Bearer ${accessToken}` } : {});
  const post = (body: unknown, headers: Record<string, string> = {}): RequestInit => ({
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });

  return {
    getConfig: () => call('config'),
    listArticles: (params) => call(`articles?${query(params)}`),
    getArticle: (id) => call(`articles/${encodeURIComponent(id)}`),
    createRequest: (body, idempotencyKey, accessToken) => call('requests', post(body, { 'idempotency-key': idempotencyKey, ...bearer(accessToken) })),
    startSession: (token) => call('session', post({ token })),
    listRequests: (accessToken, params) => call(`requests?${query(params)}`, { headers: bearer(accessToken) }),
    getRequest: (accessToken, id) => call(`requests/${id}`, { headers: bearer(accessToken) }),
    addComment: (accessToken, id, body) => call(`requests/${id}/comments`, post({ body }, bearer(accessToken))),
    solveRequest: (accessToken, id) => call(`requests/${id}/solve`, { method: 'POST', headers: bearer(accessToken) }),
    requestSummary: (accessToken) => call('requests/summary', { headers: bearer(accessToken) }),
    startLinkSession: (token) => call('session/link', post({ token })),
    async openEvents(accessToken, signal) {
      const response = await fetch(new URL('events', base), { headers: bearer(accessToken), signal, credentials: 'omit', referrerPolicy: 'no-referrer' });
      if (!response.ok || !response.body) {
        const error = ((await response.json().catch(() => undefined)) as ErrorBody | undefined)?.error;
        throw new ApiError(response.status, error?.code ?? 'unknown', error?.message ?? response.statusText);
      }
      return response.body;
    },
  };
}
