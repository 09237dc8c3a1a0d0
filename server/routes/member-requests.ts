/**
 * A signed-in member's requests: GET …/requests (lists), …/requests/summary (badge count),
 * …/requests/:id, POST …/requests/:id/comments and …/requests/:id/solve, PUT …/requests/:id/rating. Every route here needs a
 * member session, and every read goes through the member's scope (see db/member-requests.ts).
 */
import type { FastifyInstance } from 'fastify';
import { typedRoutes } from './typed.js';
import {
  CommentCreatedBody,
  ErrorBody,
  NewComment,
  NewRating,
  RequestDetailBody,
  RequestListBody,
  RequestListQuery,
  RequestParams,
  RequestSummaryCounts,
  SiteParams,
} from '../contract/types.js';
import { authenticateMember } from '../auth/member-session.js';
import type { MemberScope } from '../store/types.js';
import { addToConversation, countAwaitingReply, listRequests, markSolved, rate, readRequest } from '../services/member-requests.js';

export async function memberRequestRoutes(app: FastifyInstance): Promise<void> {
  const routes = typedRoutes(app);
  const { store } = app.porthole;
  app.addHook('preHandler', async (request) => {
    request.member = await authenticateMember(app, request);
  });
  const scopeOf = (request: { member?: { scope: MemberScope } }) => request.member!.scope;

  routes.get(
    '/:site/requests',
    { schema: { params: SiteParams, querystring: RequestListQuery, response: { 200: RequestListBody, '4xx': ErrorBody } } },
    async (request) => listRequests(store, request.site, scopeOf(request), request.query),
  );

  routes.get('/:site/requests/summary', { schema: { params: SiteParams, response: { 200: RequestSummaryCounts, '4xx': ErrorBody } } }, async (request) => ({
    awaitingReply: await countAwaitingReply(store, scopeOf(request)),
  }));

  routes.get('/:site/requests/:id', { schema: { params: RequestParams, response: { 200: RequestDetailBody, '4xx': ErrorBody } } }, async (request) => ({
    request: await readRequest(app.porthole, scopeOf(request), request.params.id),
  }));

  routes.post(
    '/:site/requests/:id/comments',
    { schema: { params: RequestParams, body: NewComment, response: { 201: CommentCreatedBody, '4xx': ErrorBody } } },
    async (request, reply) => reply.code(201).send(await addToConversation(app.porthole, request.site, scopeOf(request), request.params.id, request.body)),
  );

  routes.post('/:site/requests/:id/solve', { schema: { params: RequestParams, response: { 200: RequestDetailBody, '4xx': ErrorBody } } }, async (request) => ({
    request: await markSolved(app.porthole, scopeOf(request), request.params.id),
  }));

  // PUT: the rating is a value the requester sets, and setting it again replaces it.
  routes.put(
    '/:site/requests/:id/rating',
    { schema: { params: RequestParams, body: NewRating, response: { 200: RequestDetailBody, '4xx': ErrorBody } } },
    async (request) => ({ request: await rate(app.porthole, scopeOf(request), request.params.id, request.body) }),
  );
}
