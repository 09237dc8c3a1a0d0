/**
 * Every non-2xx answer — ours, Fastify's (404, 413, 415, bad JSON), the rate limiter's — leaves in
 * the one shape `{ error: { code, message, fields? } }`. 5xx details stay in the log, never the body.
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ErrorObject } from 'ajv';
import { ApiError } from '../errors.js';
import { StoreBusyError } from '../store/types.js';
import { describeValidation } from './validation.js';

const FASTIFY_CODES: Record<string, { code: string; message: string }> = {
  FST_ERR_CTP_BODY_TOO_LARGE: { code: 'payload_too_large', message: 'The request body is too large.' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { code: 'unsupported_media_type', message: 'Send JSON with Content-Type: application/json.' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { code: 'invalid_json', message: 'The request body is empty; send a JSON object.' },
  FST_ERR_CTP_INVALID_JSON_BODY: { code: 'invalid_json', message: 'The request body is not valid JSON.' },
};

/**
 * Errors Fastify raises while routing, before any hook or error handler can run: a URL that is not
 * valid percent-encoding (FST_ERR_BAD_URL, 400) or a path segment over `maxParamLength`
 * (FST_ERR_MAX_PARAM_LENGTH, 414). Passed to Fastify as its `frameworkErrors` option, so these too
 * leave in the one error shape (Fastify's default body is `{ error, code, message, statusCode }`).
 */
export function answerFrameworkError(error: FastifyError, _request: FastifyRequest, reply: FastifyReply): void {
  const status = error.statusCode ?? 400;
  // Routing failed, so the security-headers hook never ran; keep the headers that matter for a JSON error.
  reply.header('x-content-type-options', 'nosniff').header('cache-control', 'no-store');
  if (status >= 500) {
    // FST_ERR_ASYNC_CONSTRAINT: not used by Porthole today, but never let it leave unshaped.
    void reply.code(500).send({ error: { code: 'internal_error', message: 'Something went wrong on our side. Please try again.' } });
    return;
  }
  void reply.code(status).send({ error: { code: 'bad_request', message: 'This address is not valid.' } });
}

export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | ApiError, request, reply) => {
    if (error instanceof ApiError) {
      if (error.headers) reply.headers(error.headers);
      return reply.code(error.statusCode).send({ error: { code: error.code, message: error.message, ...(error.fields && { fields: error.fields }) } });
    }
    if (error.validation) {
      const { code, fields } = describeValidation(error.validation as ErrorObject[], error.validationContext ?? 'body');
      const message = code === 'field_not_allowed' ? 'The request sets a field that clients may not set.' : 'Some fields need attention.';
      return reply.code(400).send({ error: { code, message, fields } });
    }
    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      const known = FASTIFY_CODES[error.code];
      // JSON that is syntactically fine but poisoned (__proto__, constructor) also lands here as a 400.
      const fallback = { code: status === 400 ? 'invalid_json' : 'bad_request', message: error.message };
      return reply.code(status).send({ error: known ?? fallback });
    }
    // The database could not take the work now (store/types.ts StoreBusyError): nothing was written, try again shortly.
    if (error instanceof StoreBusyError) {
      request.log.warn({ err: error }, 'database busy');
      return reply
        .code(503)
        .header('retry-after', '1')
        .send({ error: { code: 'busy', message: 'We are busy right now. Please try again in a moment.' } });
    }
    request.log.error({ err: error }, 'request failed');
    return reply.code(500).send({ error: { code: 'internal_error', message: 'Something went wrong on our side. Please try again.' } });
  });

  app.setNotFoundHandler((_request, reply) => reply.code(404).send({ error: { code: 'not_found', message: 'There is nothing at this address.' } }));
}
