/**
 * One webhook attempt over HTTP. It connects to the address safe-target.ts checked (a `lookup` that
 * answers only that address), while the Host header and TLS server name stay the URL's host, so the
 * certificate is checked against the name. Nothing here follows a redirect, and both the time an
 * attempt may take and what is read of the answer are capped: a receiver can cost a worker slot
 * ten seconds and 64 KiB, no more.
 */
import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import type { CheckedAddress } from './safe-target.js';

export const ATTEMPT_TIMEOUT_MS = 10_000;
export const MAX_ANSWER_BYTES = 64 * 1024;

export interface WebhookRequest {
  url: URL;
  target: CheckedAddress;
  headers: Record<string, string>;
  body: string;
}

/** Answers every lookup with the checked address, in the shape the caller asked for (`all` or one). */
const pinnedLookup =
  ({ address, family }: CheckedAddress): LookupFunction =>
  (_hostname, options, callback) => {
    if ((options as { all?: boolean }).all) (callback as (error: null, addresses: { address: string; family: number }[]) => void)(null, [{ address, family }]);
    else callback(null, address, family);
  };

/** POSTs the body; resolves with the status code once the answer is read (up to the cap), rejects on a network error or timeout. */
export function postWebhook(request: WebhookRequest, timeoutMs = ATTEMPT_TIMEOUT_MS): Promise<number> {
  const { url, target, headers, body } = request;
  const client = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const outgoing = client.request(url, {
      method: 'POST',
      headers: { ...headers, 'Content-Length': String(Buffer.byteLength(body)) },
      lookup: pinnedLookup(target),
      // A connection of its own: a pooled one could have been made to an address this check did not see.
      agent: false,
      timeout: timeoutMs,
    });
    // The whole attempt, not only idle time: a receiver trickling its answer is cut off too.
    const deadline = setTimeout(() => outgoing.destroy(new Error(`no answer within ${timeoutMs / 1000} s`)), timeoutMs);
    outgoing.on('timeout', () => outgoing.destroy(new Error(`no answer within ${timeoutMs / 1000} s`)));
    outgoing.on('error', (error) => {
      clearTimeout(deadline);
      reject(error);
    });
    outgoing.on('response', (answer) => {
      let read = 0;
      const done = () => {
        clearTimeout(deadline);
        resolve(answer.statusCode ?? 0);
      };
      answer.on('data', (chunk: Buffer) => {
        read += chunk.length;
        // Enough of it: the status is what counts, and the rest is not worth a worker's time.
        if (read > MAX_ANSWER_BYTES) {
          answer.destroy();
          outgoing.destroy();
          done();
        }
      });
      answer.on('end', done);
      answer.on('error', done);
    });
    outgoing.end(body);
  });
}
