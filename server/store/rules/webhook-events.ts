/**
 * What a webhook hears, written once for both engines: the events a change of a request makes,
 * and the delivery rows they become for the site's subscribed webhooks. A payload is built inside
 * the transaction of the change, from the request as the change left it, and stored as the exact
 * body every attempt sends — so a retry says what happened then, not what the request is now.
 *
 * Payloads carry what a customer could see, plus the one thing an event is about: never internal
 * notes (except `note.created`, which a webhook gets only by asking for it), tags or other agents' data.
 */
import { newId } from '../ids.js';
import type { StoredStatus, WebhookDeliveryRow, WebhookEventType, WebhookRow } from '../rows.js';
import type { RequestView } from '../types.js';

export const WEBHOOK_EVENTS: readonly WebhookEventType[] = ['request.created', 'comment.created', 'request.status_changed', 'request.assigned', 'note.created'];
/** A webhook added without `--events` gets these: internal notes only ever go where someone asked for them. */
export const DEFAULT_WEBHOOK_EVENTS: readonly WebhookEventType[] = WEBHOOK_EVENTS.filter((event) => event !== 'note.created');

export const isWebhookEvent = (name: string): name is WebhookEventType => (WEBHOOK_EVENTS as readonly string[]).includes(name);

interface MessageData {
  id: string;
  author: { kind: 'agent' | 'customer'; name: string };
  body: string;
  created_at: string;
}

/** An event's `data`: the request always; the message, the status before or the assignee when the event is about one. */
export interface WebhookEventData {
  request: {
    number: number;
    subject: string;
    status: StoredStatus;
    created_at: string;
    updated_at: string;
    requester: { name: string | null; email: string };
  };
  comment?: MessageData;
  note?: MessageData;
  previous_status?: StoredStatus;
  assignee?: { name: string | null; email: string };
}

export interface WebhookEvent {
  type: WebhookEventType;
  data: WebhookEventData;
}

const requestData = ({ request, requester }: RequestView): WebhookEventData['request'] => ({
  number: request.number,
  subject: request.subject,
  status: request.status,
  created_at: request.createdAt,
  updated_at: request.updatedAt,
  requester: { name: requester.name, email: requester.email },
});

/** A new request (its description is in the request, not a `comment.created` of its own). */
export const requestCreated = (view: RequestView): WebhookEvent[] => [{ type: 'request.created', data: { request: requestData(view) } }];

/**
 * A change to an existing request: the comment or note `commentId` added (if any), and a status
 * change when the request is no longer in `from`.
 */
export function requestChanged(view: RequestView, change: { from: StoredStatus; commentId?: string }): WebhookEvent[] {
  const events: WebhookEvent[] = [];
  const comment = change.commentId === undefined ? undefined : view.comments.find((candidate) => candidate.id === change.commentId);
  if (comment) {
    const message: MessageData = {
      id: comment.id,
      author: { kind: comment.byAgent ? 'agent' : 'customer', name: comment.authorName },
      body: comment.body,
      created_at: comment.createdAt,
    };
    events.push(
      comment.public
        ? { type: 'comment.created', data: { request: requestData(view), comment: message } }
        : { type: 'note.created', data: { request: requestData(view), note: message } },
    );
  }
  if (view.request.status !== change.from) {
    events.push({ type: 'request.status_changed', data: { request: requestData(view), previous_status: change.from } });
  }
  return events;
}

/** The request was given to an agent: for the assignment write to pass to the engine's enqueueWebhooks. */
export const requestAssigned = (view: RequestView, assignee: { name: string | null; email: string }): WebhookEvent => ({
  type: 'request.assigned',
  data: { request: requestData(view), assignee: { name: assignee.name, email: assignee.email } },
});

/** The delivery rows `events` make for the site's webhooks, each only to webhooks subscribed to its type; due at once. */
export function deliveriesFor(hooks: Pick<WebhookRow, 'id' | 'events'>[], siteSlug: string, events: WebhookEvent[], now: string): WebhookDeliveryRow[] {
  return events.flatMap((event) =>
    hooks
      .filter((hook) => hook.events.includes(event.type))
      .map((hook): WebhookDeliveryRow => {
        const id = newId('whd');
        return {
          id,
          webhookId: hook.id,
          event: event.type,
          payload: JSON.stringify({ id, type: event.type, created_at: now, site: siteSlug, data: event.data }),
          status: 'pending',
          attempts: 0,
          nextAttemptAt: now,
          claimedUntil: null,
          lastStatusCode: null,
          lastError: null,
          createdAt: now,
          deliveredAt: null,
        };
      }),
  );
}
