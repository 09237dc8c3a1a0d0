/**
 * Sends webhook deliveries: a loop of its own beside the mail sender (mail/outbox-sender.ts), so a
 * slow receiver never holds up a mail. Deliveries are written with the events they report; each
 * run claims the due ones (a lease, so workers on several instances never send one at once), sends
 * a few in parallel, and records the outcome: a 2xx is sent; anything else — an error, a timeout, a
 * redirect, another status — is tried again with exponential back-off until a day after the event,
 * then the delivery is dead. A target the address rule refuses is dead at once. Nothing here throws
 * out of a run.
 */
import type { Clock } from '../services/clock.js';
import type { MailLog } from '../mail/outbox-sender.js';
import type { AttemptResult, ClaimedDelivery, Store } from '../store/types.js';
import { RefusedTargetError, resolveTarget, webhookUrl } from './safe-target.js';
import { SIGNATURE_HEADER, signatureHeader } from './signature.js';
import { postWebhook, type WebhookRequest } from './send.js';

export interface WebhookWorkerDeps {
  store: Store;
  clock: Clock;
  /** WEBHOOK_ALLOW_PRIVATE_NETWORKS: development and tests only. */
  allowPrivateNetworks: boolean;
  log: MailLog;
  /** Deliveries claimed per run. */
  batchSize?: number;
  /** Deliveries in flight at once within a run. */
  parallel?: number;
}

export interface WebhookRunReport {
  sent: number;
  retried: number;
  dead: number;
}

export interface WebhookWorker {
  /** One run over the deliveries due now (tests call it with their own clock). Runs queue behind each other; never rejects. */
  deliverDue(): Promise<WebhookRunReport>;
  start(intervalMs?: number): void;
  /** Stops the timer and waits for a running batch (attempts in flight end within their 10 s). */
  stop(): Promise<void>;
}

const FIRST_RETRY_MS = 30_000;
const LONGEST_RETRY_MS = 60 * 60 * 1000;
/** A delivery still failing a day after its event is given up on. */
export const GIVE_UP_AFTER_MS = 24 * 60 * 60 * 1000;
/** Longer than a batch can take (batchSize / parallel attempts of at most 10 s each), so no other worker takes one still in flight. */
const CLAIM_LEASE_MS = 2 * 60 * 1000;
const ERROR_LENGTH = 500;

/** How long to wait after the `attempts`-th failed attempt: 30 s, 1 min, 2 min, … at most 1 h. */
export const webhookRetryDelayMs = (attempts: number) => Math.min(FIRST_RETRY_MS * 2 ** Math.max(attempts - 1, 0), LONGEST_RETRY_MS);

export function createWebhookWorker(deps: WebhookWorkerDeps): WebhookWorker {
  const { store, clock, log, allowPrivateNetworks } = deps;
  const batchSize = deps.batchSize ?? 10;
  const parallel = deps.parallel ?? 4;
  let tail: Promise<unknown> = Promise.resolve();
  let running = 0;
  let stopping = false;
  let timer: NodeJS.Timeout | undefined;

  /** One attempt: the status code the receiver answered, or why there is none (a refused target throws RefusedTargetError). */
  async function attempt(delivery: ClaimedDelivery): Promise<number> {
    const url = webhookUrl(delivery.url);
    const target = await resolveTarget(url, allowPrivateNetworks);
    const request: WebhookRequest = {
      url,
      target,
      body: delivery.payload,
      headers: {
        'Content-Type': 'application/json',
        'User-Agent': 'Porthole-Webhooks',
        [SIGNATURE_HEADER]: signatureHeader(delivery.secret, Math.floor(clock().getTime() / 1000), delivery.payload),
        'Porthole-Delivery': delivery.id,
        'Porthole-Event': delivery.event,
      },
    };
    return postWebhook(request);
  }

  async function deliver(delivery: ClaimedDelivery, report: WebhookRunReport): Promise<void> {
    const attempts = delivery.attempts + 1;
    let result: AttemptResult;
    let refused = false;
    try {
      const statusCode = await attempt(delivery);
      if (statusCode >= 200 && statusCode < 300) {
        await store.webhooks.markSent(delivery.id, attempts, statusCode, clock().toISOString());
        report.sent += 1;
        return;
      }
      result = { statusCode, error: statusCode >= 300 && statusCode < 400 ? `redirect (${statusCode}) not followed` : `answered ${statusCode}` };
    } catch (error) {
      refused = error instanceof RefusedTargetError;
      result = { statusCode: null, error: describe(error) };
    }
    const nextAttemptAt = clock().getTime() + webhookRetryDelayMs(attempts);
    const details = { deliveryId: delivery.id, event: delivery.event, attempts, ...result };
    if (refused || nextAttemptAt > Date.parse(delivery.createdAt) + GIVE_UP_AFTER_MS) {
      await store.webhooks.markDead(delivery.id, attempts, result);
      report.dead += 1;
      log.warn(details, 'gave up on a webhook delivery');
    } else {
      await store.webhooks.scheduleRetry(delivery.id, attempts, new Date(nextAttemptAt).toISOString(), result);
      report.retried += 1;
      log.info(details, 'webhook not delivered, will retry');
    }
  }

  async function run(): Promise<WebhookRunReport> {
    const report: WebhookRunReport = { sent: 0, retried: 0, dead: 0 };
    try {
      const queue = await store.webhooks.claimDue(clock().toISOString(), batchSize, CLAIM_LEASE_MS);
      const untried: string[] = [];
      // `parallel` lanes take the next delivery as each finishes; once stopping, what is left is released.
      const lane = async () => {
        for (let next = queue.shift(); next; next = queue.shift()) {
          if (stopping) {
            untried.push(next.id);
            continue;
          }
          await deliver(next, report).catch((error: unknown) =>
            log.error({ deliveryId: next!.id, error: describe(error) }, 'could not record a webhook delivery attempt'),
          );
        }
      };
      await Promise.all(Array.from({ length: parallel }, lane));
      if (untried.length) await store.webhooks.release(untried);
    } catch (error) {
      log.error({ error: describe(error) }, 'could not read the webhook deliveries');
    }
    return report;
  }

  function deliverDue(): Promise<WebhookRunReport> {
    running += 1;
    const next = tail.then(run).finally(() => {
      running -= 1;
    });
    tail = next;
    return next;
  }

  return {
    deliverDue,
    start(intervalMs = 2000) {
      if (timer) return;
      stopping = false;
      timer = setInterval(() => {
        if (running === 0) void deliverDue();
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

function describe(error: unknown): string {
  const text = error instanceof Error ? [(error as { code?: unknown }).code, error.message].filter(Boolean).join(': ') : String(error);
  return text.slice(0, ERROR_LENGTH);
}
