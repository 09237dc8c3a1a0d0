/**
 * The route layer's view of the app: bodies, querystrings and params are typed from the TypeBox
 * schemas the routes already validate with, so no handler casts what the client sent.
 */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';

export const typedRoutes = (app: FastifyInstance) => app.withTypeProvider<TypeBoxTypeProvider>();
