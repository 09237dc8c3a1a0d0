/**
 * Sends what the outbox holds. Mail is written to the outbox inside the transaction of the event it
 * tells about; this loop delivers it later, one mail at a time, so a slow or dead mail server never
 * holds up a request. A failed attempt is retried with exponential backoff and, after
 * MAX_ATTEMPTS, the mail is marked failed and kept. Nothing here throws out of a run or touches a
 * request: the worst a mail problem does is a log line and a row that says what went wrong.
 */
import type { OutboxRow } from '../store/rows.js';
import type { Store } from '../store/types.js';
import type { Clock } from '../services/clock.js';
import { MailRefusedError, parseMailFrom, type MailTransport, type OutgoingMail } from './transport.js';
import { threadingOf } from './threading.js';
import { siteSenders } from './site-sender.js';

/** Fastify's `app.log` fits; so does a test's recorder. */
export interface MailLog {
  info(details: object, message: string): void;
  warn(details: object, message: string): void;
  error(details: object, message: string): void;
}

export interface OutboxSenderDeps {
  store: Store;
  transport: MailTransport;
  clock: Clock;
  /**
   * `MAIL_FROM`; checked here, so a bad value stops the server at start rather than every mail. Its
   * address is every site's From address unless the site has its own (site-sender.ts); its domain
   * names the Message-IDs (threading.ts).
   */
  from: string;
  log: MailLog;
  /** Mails taken per run; the rest wait for the next tick. */
  batchSize?: number;
  /** The row's Reply-To, when it has one (reply-address.ts replyToOf). */
  replyTo?: (row: OutboxRow) => Promise<string | undefined>;
}

export interface DeliveryReport {
  sent: number;
  retried: number;
  failed: number;
}

export interface OutboxSender {
  /** One run over the mails due now. Runs queue behind each other; this never rejects. */
  deliverDue(): Promise<DeliveryReport>;
  /** Runs every `intervalMs`, skipping a tick while a run is still going; a backlog is sent batch after batch. */
  start(intervalMs?: number): void;
  /** Stops the timer and waits for a running batch, which stops after the mail it is sending. */
  stop(): Promise<void>;
}

export const MAX_ATTEMPTS = 8;
const FIRST_RETRY_MS = 30_000;
const LONGEST_RETRY_MS = 60 * 60 * 1000;
const ERROR_LENGTH = 500;
/**
 * How long a run's claim on its batch lasts: longer than a batch takes to send, so no other sender
 * takes a mail still being sent; short enough that a crashed sender's mail is soon due again.
 */
export const CLAIM_LEASE_MS = 5 * 60 * 1000;

const byCodeUnits = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const oldestFirst = (a: OutboxRow, b: OutboxRow) => byCodeUnits(a.createdAt, b.createdAt) || byCodeUnits(a.id, b.id);

/** How long to wait after the `attempts`-th failed attempt: 30 s, 1 min, 2 min, … at most 1 h. */
export function retryDelayMs(attempts: number): number {
  return Math.min(FIRST_RETRY_MS * 2 ** Math.max(attempts - 1, 0), LONGEST_RETRY_MS);
}

export function createOutboxSender(deps: OutboxSenderDeps): OutboxSender {
  const { store, transport, clock, from, log } = deps;
  const batchSize = deps.batchSize ?? 20;
  const domain = parseMailFrom(from).address.split('@').pop()!;
  const senderOf = siteSenders(store, from);

  let tail: Promise<unknown> = Promise.resolve();
  let runs = 0;
  let stopping = false;
  let timer: NodeJS.Timeout | undefined;

  const headersFor = (row: OutboxRow): Record<string, string> => ({
    'Auto-Submitted': 'auto-generated',
    // Asks Exchange and Outlook not to answer with out-of-office replies.
    'X-Auto-Response-Suppress': 'All',
    'X-Porthole-Mail': row.kind,
  });

  async function deliver(row: OutboxRow, report: DeliveryReport): Promise<void> {
    const sender = await senderOf(row.siteId);
    const replyTo = await deps.replyTo?.(row);
    const message: OutgoingMail = {
      from: sender.from,
      dkim: sender.dkim,
      to: { name: row.toName, address: row.toEmail },
      subject: row.subject,
      text: row.text,
      html: row.html,
      headers: headersFor(row),
      thread: threadingOf(row, domain),
      ...(replyTo && { replyTo }),
    };
    try {
      await transport.send(message);
    } catch (err) {
      const attempts = row.attempts + 1;
      const error = describe(err);
      const details = { mailId: row.id, kind: row.kind, attempts, error };
      if (err instanceof MailRefusedError || attempts >= MAX_ATTEMPTS) {
        await store.outbox.markFailed(row.id, attempts, error);
        report.failed += 1;
        log.error(details, 'gave up on a mail');
      } else {
        const nextAttemptAt = new Date(clock().getTime() + retryDelayMs(attempts)).toISOString();
        await store.outbox.scheduleRetry(row.id, attempts, nextAttemptAt, error);
        report.retried += 1;
        log.warn({ ...details, nextAttemptAt }, 'mail not delivered, will retry');
      }
      return;
    }
    // Sent but not marked (the database failed just now) means sent again later: at least once, never lost.
    await store.outbox.markSent(row.id, clock().toISOString());
    report.sent += 1;
  }

  async function run(): Promise<DeliveryReport> {
    const report: DeliveryReport = { sent: 0, retried: 0, failed: 0 };
    try {
      const claimed = await store.outbox.claimDue(clock().toISOString(), batchSize, CLAIM_LEASE_MS);
      // Oldest first: a claim may come back in any order (PostgreSQL's UPDATE … RETURNING does).
      const due = claimed.sort(oldestFirst);
      let attempted = 0;
      for (const row of due) {
        if (stopping) break;
        attempted += 1;
        try {
          await deliver(row, report);
        } catch (err) {
          log.error({ mailId: row.id, error: describe(err) }, 'could not record a mail delivery attempt');
        }
      }
      // Stopped mid-batch: what was not tried is due again at once, not after the claim lapses.
      const untried = due.slice(attempted).map((row) => row.id);
      if (untried.length) await store.outbox.release(untried);
    } catch (err) {
      log.error({ error: describe(err) }, 'could not read the outbox');
    }
    if (report.sent || report.retried || report.failed) log.info({ ...report }, 'outbox run');
    return report;
  }

  function deliverDue(): Promise<DeliveryReport> {
    runs += 1;
    const next = tail.then(run).finally(() => {
      runs -= 1;
    });
    tail = next;
    return next;
  }

  // A full batch means more may be due: the next batch goes at once, not a tick later (a burst of
  // requests would otherwise wait batchSize mails per tick for their receipts).
  async function drain(): Promise<void> {
    for (;;) {
      const report = await deliverDue();
      if (stopping || !timer || report.sent + report.retried + report.failed < batchSize) return;
    }
  }

  return {
    deliverDue,
    start(intervalMs = 2000) {
      if (timer) return;
      stopping = false;
      timer = setInterval(() => {
        if (runs === 0) void drain();
      }, intervalMs);
      timer.unref();
    },
    async stop() {
      clearInterval(timer);
      timer = undefined;
      stopping = true;
      try {
        await tail;
      } finally {
        stopping = false;
      }
    },
  };
}

function describe(err: unknown): string {
  const text = err instanceof Error ? [(err as { code?: unknown }).code, err.message].filter(Boolean).join(': ') : String(err);
  return text.slice(0, ERROR_LENGTH);
}
