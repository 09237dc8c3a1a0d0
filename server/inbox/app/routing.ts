/**
 * The inbox's addresses: `/agent` (the queue) and `/agent/requests/<number>` (one request open).
 * Pure functions, no DOM: the server tests import them too.
 */

const MAX_NUMBER = 2_147_483_647;
// Resolving against a made-up origin tells us where a browser would really go.
const PROBE_ORIGIN = 'http://inbox.invalid';

/**
 * Where sign-in may send someone (`?next=`): only a page of the inbox itself — `/agent` or a path
 * under `/agent/` — as the browser would resolve it. Anything else (`//evil.com`, `/\evil.com`,
 * absolute URLs, `javascript:`, `/agentx`, `/agent/../other`) gives null.
 */
export function safeNextPath(next: unknown): string | null {
  if (typeof next !== 'string' || next.length > 2000) return null;
  if (next !== '/agent' && !next.startsWith('/agent/')) return null;
  // Browsers read `\` as `/` and drop tabs and newlines: never hand them anything that ambiguous.
  if (/[\\\u0000-\u001f\u007f]/.test(next)) return null;
  let url: URL;
  try {
    url = new URL(next, PROBE_ORIGIN);
  } catch {
    return null;
  }
  if (url.origin !== PROBE_ORIGIN) return null;
  if (url.pathname !== '/agent' && !url.pathname.startsWith('/agent/')) return null;
  return url.pathname + url.search + url.hash;
}

/** The request a path shows, or null for the queue alone. */
export function requestNumberOf(pathname: string): number | null {
  const digits = /^\/agent\/requests\/([1-9]\d{0,9})\/?$/.exec(pathname)?.[1];
  const number = digits ? Number(digits) : NaN;
  return number <= MAX_NUMBER ? number : null;
}

export const requestPath = (number: number): string => `/agent/requests/${number}`;
export const QUEUE_PATH = '/agent';
