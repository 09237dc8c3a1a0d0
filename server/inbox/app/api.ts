/**
 * The inbox's one way to talk to the server: typed calls to `/api/v1/agent/…`, same origin, with
 * the session cookie. Every write carries the header the server asks of the inbox page
 * (`x-porthole-agent: 1`) and a JSON body; the browser adds `Origin` itself.
 */
import type { AgentBody, AgentReply, AgentRequestBody, AgentStatus, ErrorBody, QueueBody } from '../../contract/types.js';

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

export interface QueueParams {
  status?: string;
  categoryId?: string;
  unanswered?: boolean;
  q?: string;
  cursor?: string;
  limit?: number;
}

export interface InboxApi {
  me(): Promise<AgentBody>;
  signIn(email: string, password: string): Promise<AgentBody>;
  signOut(): Promise<void>;
  queue(params: QueueParams): Promise<QueueBody>;
  getRequest(number: number): Promise<AgentRequestBody>;
  addComment(number: number, reply: AgentReply): Promise<AgentRequestBody>;
  setStatus(number: number, status: AgentStatus): Promise<AgentRequestBody>;
}

export function createInboxApi(base = '/api/v1/agent/'): InboxApi {
  async function call<T>(path: string, init: RequestInit = {}): Promise<T> {
    let response: Response;
    try {
      response = await fetch(base + path, { ...init, credentials: 'same-origin', headers: { accept: 'application/json', ...init.headers } });
    } catch {
      throw new ApiError(0, 'network', 'The support server could not be reached.');
    }
    if (response.status === 204) return undefined as T;
    const body = (await response.json().catch(() => undefined)) as T | ErrorBody | undefined;
    if (response.ok) return body as T;
    const error = (body as ErrorBody | undefined)?.error;
    throw new ApiError(response.status, error?.code ?? 'unknown', error?.message ?? response.statusText, error?.fields);
  }

  const write = (method: 'POST' | 'DELETE', body: unknown): RequestInit => ({
    method,
    headers: { 'content-type': 'application/json', 'x-porthole-agent': '1' },
    body: JSON.stringify(body),
  });

  const query = (params: QueueParams) => {
    const search = new URLSearchParams();
    for (const [key, value] of Object.entries(params)) if (value !== undefined && value !== '' && value !== false) search.set(key, String(value));
    return search.toString();
  };

  return {
    me: () => call('me'),
    signIn: (email, password) => call('session', write('POST', { email, password })),
    signOut: () => call('session', write('DELETE', {})),
    queue: (params) => call(`requests?${query(params)}`),
    getRequest: (number) => call(`requests/${number}`),
    addComment: (number, reply) => call(`requests/${number}/comments`, write('POST', reply)),
    setStatus: (number, status) => call(`requests/${number}/status`, write('POST', { status })),
  };
}
