/**
 * The live-event streams a process holds open, and how many it lets anyone open. Each stream keeps
 * a socket (a file descriptor), a bus listener and a timer for as long as the client likes, so
 * without caps one session could hold thousands. Three caps, checked in this order:
 * - per person (STREAMS_PER_PERSON): a member — every session of theirs together, sessions from
 *   mail links included — or an agent; a tab streams only while the panel is open and visible, so
 *   a few is plenty;
 * - per client address (STREAMS_PER_ADDRESS), loose enough for an office behind one NAT;
 * - for the whole process (MAX_STREAMS), below its open-file limit.
 * Past a person's or an address's cap the answer is 429 `too_many_streams`; at the ceiling, 503 `busy`
 * (the server is full, not the client at fault). Counts are per process: with several API processes
 * each counts its own.
 */
import type { FastifyBaseLogger } from 'fastify';
import type { Config } from '../config.js';
import { ApiError } from '../errors.js';
import type { Clock } from '../services/clock.js';
import { createOpenCounts } from '../limits/open-counts.js';
import { throttledRefusalLog } from '../limits/refusal-log.js';

/** A place frees when a tab closes or a session ends; retrying sooner would only be refused again. */
const RETRY_AFTER_S = 30;
/** Refusals come in floods; each cap says so in the log at most this often. */
const REPORT_EVERY_MS = 60_000;

export interface OpenStreams {
  /**
   * Takes a place for one more stream held by `holder` (e.g. `member:<site>:<id>`) from `address`,
   * or throws the refusal. `end` ends the stream (at shutdown). Returns what gives the place back.
   */
  admit(holder: string, address: string, end: () => void): () => void;
  /** Ends every open stream: the server is shutting down. */
  endAll(): void;
}

type Cap = 'STREAMS_PER_PERSON' | 'STREAMS_PER_ADDRESS' | 'MAX_STREAMS';

export function createOpenStreams(limits: Config['streams'], clock: Clock, log: FastifyBaseLogger): OpenStreams {
  const open = new Set<() => void>();
  const byHolder = createOpenCounts();
  const byAddress = createOpenCounts();
  const report = throttledRefusalLog(REPORT_EVERY_MS, () => clock().getTime());

  const limitOf: Record<Cap, number> = { STREAMS_PER_PERSON: limits.perPerson, STREAMS_PER_ADDRESS: limits.perAddress, MAX_STREAMS: limits.max };
  function refuse(cap: Cap): never {
    report(cap, (refused) => {
      const line = { cap, limit: limitOf[cap], open: open.size, refused };
      // The ceiling is the operator's business (the server is full); one person's or address's cap is theirs.
      if (cap === 'MAX_STREAMS') log.warn(line, `live streams: at the ceiling of ${limits.max} for this process (MAX_STREAMS), refusing new ones`);
      else log.info(line, `live streams: refusing streams past ${cap}`);
    });
    const retryAfter = { 'retry-after': String(RETRY_AFTER_S) };
    if (cap === 'MAX_STREAMS') throw new ApiError(503, 'busy', 'Live updates are busy right now. Please try again in a moment.', undefined, retryAfter);
    throw new ApiError(429, 'too_many_streams', 'Too many live-update streams are open. Close some tabs, or try again in a moment.', undefined, retryAfter);
  }

  return {
    admit(holder, address, end) {
      if (byHolder.of(holder) >= limits.perPerson) refuse('STREAMS_PER_PERSON');
      if (byAddress.of(address) >= limits.perAddress) refuse('STREAMS_PER_ADDRESS');
      if (open.size >= limits.max) refuse('MAX_STREAMS');
      byHolder.take(holder);
      byAddress.take(address);
      open.add(end);
      let released = false;
      return () => {
        if (released) return;
        released = true;
        byHolder.give(holder);
        byAddress.give(address);
        open.delete(end);
      };
    },
    endAll() {
      for (const end of [...open]) end();
    },
  };
}
