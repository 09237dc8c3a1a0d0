/**
 * How both browser apps — the widget (and Help Center) and the agent inbox — see a failed call:
 * one error type, made one way from a refusal or from a server that could not be reached.
 */
import type { ErrorBody } from '../../server/contract/types.js';

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

/** Anything a call threw, as an ApiError: what is not one already was the network (or the browser) failing. */
export const asApiError = (error: unknown): ApiError => (error instanceof ApiError ? error : new ApiError(0, 'network', String(error)));

/**
 * `fetch`, answered with the response when it is a success and thrown as an ApiError when not: a refusal's
 * JSON error body (server/plugins/error-handling.ts), or `network` when the server could not be reached.
 */
export async function fetchOrThrow(input: string | URL, init: RequestInit): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(input, init);
  } catch {
    throw new ApiError(0, 'network', 'The support server could not be reached.');
  }
  if (response.ok) return response;
  const error = ((await response.json().catch(() => undefined)) as ErrorBody | undefined)?.error;
  throw new ApiError(response.status, error?.code ?? 'unknown', error?.message ?? response.statusText, error?.fields);
}
