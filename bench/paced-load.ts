/**
 * Requests sent at a steady rate, whatever the server does (an open loop), for latency at a given
 * load. autocannon's `overallRate` is not that: each connection sends its whole share of a second
 * back to back and then waits for the next second, so "1,000 req/s" arrives as a burst of
 * saturation at the top of every second, and the latencies measured are the burst's.
 *
 * Here request n is due at start + n / rate; its latency is measured from when it was due, not from
 * when it was sent, so a late sender (or a stalled server) counts against the figure (no
 * coordinated omission). Keep-alive connections are opened as needed, up to `maxSockets`.
 */
import { Agent, request } from 'node:http';

export interface PacedTarget {
  path: string;
  headers: Record<string, string>;
}

export interface PacedResult {
  sent: number;
  seconds: number;
  /** Milliseconds from when each request was due to when its answer had fully arrived. */
  latencies: number[];
  non2xx: number;
  errors: number;
}

export async function pacedLoad(base: string, next: (n: number) => PacedTarget, rate: number, seconds: number, maxSockets = 64): Promise<PacedResult> {
  const agent = new Agent({ keepAlive: true, maxSockets });
  const total = Math.round(rate * seconds);
  const interval = 1000 / rate;
  const result: PacedResult = { sent: 0, seconds, latencies: [], non2xx: 0, errors: 0 };
  const start = performance.now() + 10;
  let finished = 0;

  await new Promise<void>((done) => {
    const settle = () => {
      if (++finished === total) done();
    };
    const send = (n: number) => {
      const due = start + n * interval;
      const { path, headers } = next(n);
      const outgoing = request(`${base}${path}`, { agent, headers }, (response) => {
        response.resume();
        response.on('end', () => {
          result.latencies.push(performance.now() - due);
          if ((response.statusCode ?? 0) >= 300) result.non2xx++;
          settle();
        });
      });
      outgoing.on('error', () => {
        result.errors++;
        settle();
      });
      outgoing.end();
    };
    const tick = () => {
      const now = performance.now();
      while (result.sent < total && start + result.sent * interval <= now) send(result.sent++);
      if (result.sent < total) setTimeout(tick, Math.max(0, start + result.sent * interval - performance.now()));
    };
    setTimeout(tick, 10);
  });
  agent.destroy();
  return result;
}
