/**
 * The one error shape every non-2xx response has: `{ error: { code, message, fields? } }`.
 * Services throw ApiError; the error handler turns it (and Fastify's own errors) into that body.
 */
export class ApiError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly fields?: Record<string, string>,
    readonly headers?: Record<string, string>,
  ) {
    super(message);
  }
}

export const notFound = (what = 'That') => new ApiError(404, 'not_found', `${what} does not exist.`);

export const validationFailed = (fields: Record<string, string>) => new ApiError(400, 'validation_failed', 'Some fields need attention.', fields);
