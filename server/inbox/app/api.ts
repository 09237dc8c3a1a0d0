/**
 * The inbox's one way to talk to the server: typed calls to `/api/v1/agent/…`, same origin, with
 * the session cookie. Every write carries a JSON body (an upload: the raw file) and the session's
 * CSRF token, which sign-in and GET /me answer and which lives only here, in memory
 * (server/auth/agent-auth.ts); the browser adds `Origin` itself.
 */
import type {
  AgentBody,
  AgentReply,
  AgentRequestBody,
  AgentStatus,
  AttachmentBody,
  QueueBody,
  QueueQuery,
  TagsInUse,
  UnverifiedMailBody,
  UnverifiedMailEmptied,
} from '../../contract/types.js';
import { CSRF_HEADER } from '../../contract/rules.js';
import { ApiError, fetchOrThrow } from '../../../widget/kit/api-error.js';

const CSRF_REFUSALS = new Set(['csrf_token_missing', 'csrf_token_invalid']);

export interface QueueParams {
  status?: string;
  categoryId?: string;
  unanswered?: boolean;
  q?: string;
  cursor?: string;
  limit?: number;
  view?: QueueQuery['view'];
  assignee?: QueueQuery['assignee'];
  tag?: string;
}

export interface InboxApi {
  me(): Promise<AgentBody>;
  signIn(email: string, password: string): Promise<AgentBody>;
  signOut(): Promise<void>;
  queue(params: QueueParams): Promise<QueueBody>;
  getRequest(number: number): Promise<AgentRequestBody>;
  addComment(number: number, reply: AgentReply): Promise<AgentRequestBody>;
  setStatus(number: number, status: AgentStatus): Promise<AgentRequestBody>;
  /** Gives the request to a teammate (their id), or to nobody. */
  assign(number: number, agentId: string | null): Promise<AgentRequestBody>;
  setTags(number: number, tags: string[]): Promise<AgentRequestBody>;
  tagsInUse(): Promise<TagsInUse>;
  /** Uploads a file for the next reply or note to claim by its id. */
  uploadFile(file: File): Promise<AttachmentBody>;
  unverifiedMail(): Promise<UnverifiedMailBody>;
  emptyUnverifiedMail(): Promise<UnverifiedMailEmptied>;
}

export function createInboxApi(base = '/api/v1/agent/'): InboxApi {
  async function call<T>(path: string, init: RequestInit = {}): Promise<T> {
    const response = await fetchOrThrow(base + path, { ...init, credentials: 'same-origin', headers: { accept: 'application/json', ...init.headers } });
    return (response.status === 204 ? undefined : await response.json().catch(() => undefined)) as T;
  }

  /** Who the server last said is signed in here, with their session's CSRF token. */
  let signedIn: AgentBody | undefined;
  const remember = (body: AgentBody) => (signedIn = body);
  const me = () => call<AgentBody>('me').then(remember);

  /** A JSON body, or a file as itself with its own type. */
  const send = <T>(method: 'POST' | 'PUT' | 'DELETE', path: string, body: unknown) =>
    call<T>(path, {
      method,
      headers: {
        'content-type': body instanceof File ? body.type || 'application/octet-stream' : 'application/json',
        ...(signedIn?.csrfToken && { [CSRF_HEADER]: signedIn.csrfToken }),
      },
      body: body instanceof File ? body : JSON.stringify(body),
    });

  async function write<T>(method: 'POST' | 'PUT' | 'DELETE', path: string, body: unknown): Promise<T> {
    try {
      return await send<T>(method, path, body);
    } catch (error) {
      if (!(error instanceof ApiError && CSRF_REFUSALS.has(error.code))) throw error;
      // The session changed under the page (the agent signed in again in another tab): ask /me for
      // its token, once. The server stored nothing, so sending again is safe — but only as the same agent.
      const before = signedIn?.agent.email;
      if ((await me()).agent.email !== before) throw error;
      return send<T>(method, path, body);
    }
  }

  const query = (params: QueueParams) => {
    const search = new URLSearchParams();
    for (const [key, value] of Object.entries(params)) if (value !== undefined && value !== '' && value !== false) search.set(key, String(value));
    return search.toString();
  };

  return {
    me,
    signIn: (email, password) => send<AgentBody>('POST', 'session', { email, password }).then(remember),
    signOut: () =>
      write<void>('DELETE', 'session', {}).then(() => {
        signedIn = undefined;
      }),
    queue: (params) => call(`requests?${query(params)}`),
    getRequest: (number) => call(`requests/${number}`),
    addComment: (number, reply) => write('POST', `requests/${number}/comments`, reply),
    setStatus: (number, status) => write('POST', `requests/${number}/status`, { status }),
    assign: (number, agentId) => write('PUT', `requests/${number}/assignee`, { agentId }),
    setTags: (number, tags) => write('PUT', `requests/${number}/tags`, { tags }),
    tagsInUse: () => call('tags'),
    uploadFile: (file) => write('POST', `attachments?${new URLSearchParams({ filename: file.name })}`, file),
    unverifiedMail: () => call('unverified-mail'),
    emptyUnverifiedMail: () => write('POST', 'unverified-mail/empty', {}),
  };
}
