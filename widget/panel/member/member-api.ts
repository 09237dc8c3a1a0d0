/** A signed-in member's endpoints, on the panel's one fetch client (../api.ts). */
import type {
  CommentCreatedBody,
  NewRating,
  RequestDetailBody,
  RequestListBody,
  RequestScope,
  RequestSummaryCounts,
  SessionBody,
} from '../../../server/contract/types.js';
import { bearer, post, query, type ApiClient } from '../api.js';

export function memberApi({ call, open }: ApiClient) {
  return {
    startSession: (hostToken: string) => call<SessionBody>('session', post({ token: hostToken })),
    /** A session from the link in a notification mail. */
    startLinkSession: (linkToken: string) => call<SessionBody>('session/link', post({ token: linkToken })),
    listRequests: (accessToken: string, params: { scope: RequestScope; status?: string; cursor?: string; limit?: number }) =>
      call<RequestListBody>(`requests?${query(params)}`, { headers: bearer(accessToken) }),
    getRequest: (accessToken: string, id: number) => call<RequestDetailBody>(`requests/${id}`, { headers: bearer(accessToken) }),
    addComment: (accessToken: string, id: number, body: string, attachmentIds: string[]) =>
      call<CommentCreatedBody>(`requests/${id}/comments`, post(attachmentIds.length ? { body, attachmentIds } : { body }, bearer(accessToken))),
    solveRequest: (accessToken: string, id: number) => call<RequestDetailBody>(`requests/${id}/solve`, { method: 'POST', headers: bearer(accessToken) }),
    /** The requester's rating of a solved request; giving another replaces it. */
    rateRequest: (accessToken: string, id: number, rating: NewRating) =>
      call<RequestDetailBody>(`requests/${id}/rating`, { ...post(rating, bearer(accessToken)), method: 'PUT' }),
    requestSummary: (accessToken: string) => call<RequestSummaryCounts>('requests/summary', { headers: bearer(accessToken) }),
    /** The live-event stream (server-sent events, read with fetch so the token stays in a header). */
    openEvents: async (accessToken: string, signal: AbortSignal) => (await open('events', { headers: bearer(accessToken), signal })).body!,
  };
}
