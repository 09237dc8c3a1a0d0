/** Submitting a request from the widget's contact form, anonymously or as a signed-in member. */
import { createHash } from 'node:crypto';
import type { RequestRow, SiteRow } from '../store/rows.js';
import type { IdempotencyClaim, Requester } from '../store/types.js';
import { checkCcs, checkNewRequest, normalizeEmail, type FieldProblem } from '../contract/rules.js';
import type { CreatedRequestBody, NewRequest } from '../contract/types.js';
import type { SignedInMember } from '../auth/member-session.js';
import { ApiError, validationFailed } from '../errors.js';
import { customerStatus } from './status.js';
import type { Services } from './context.js';
import { requestCreatedMails } from './notifications.js';
import { notifyContextFor } from './notify-context.js';
import { changeOf } from './events.js';
import { attachmentNotFound, idsToClaim } from './attachments.js';
import { memberUploader } from '../store/rules/attachment-claims.js';

/** How long a retry with the same Idempotency-Key is answered from the first attempt. */
export const IDEMPOTENCY_WINDOW_MS = 24 * 60 * 60 * 1000;

const PROBLEM_MESSAGES: Record<FieldProblem, string> = {
  required: 'is required',
  too_long: 'is too long',
  invalid_email: 'is not a valid email address',
  invalid_choice: 'is not one of the offered choices',
  unknown_field: 'is not a field of this category',
  control_characters: 'contains characters that are not allowed',
  invisible: 'has nothing visible in it',
  duplicate: 'is listed twice',
  own_address: 'is your own address',
  too_many: 'has too many addresses',
};

export interface SubmitOutcome {
  statusCode: number;
  body: CreatedRequestBody;
  replayed: boolean;
}

export interface SubmitOptions {
  member?: SignedInMember;
  idempotencyKey?: string;
  /** Counts the CCs of a Help Center user against their hourly allowance (portal-limits.ts); throws when it is spent. */
  takeCcs: (personKey: string, count: number) => Promise<void>;
}

export async function submitRequest(services: Services, site: SiteRow, input: NewRequest, options: SubmitOptions): Promise<SubmitOutcome> {
  const { store, clock, events } = services;
  const now = clock();
  const { member } = options;
  if (!member && input.ccs !== undefined) {
    throw new ApiError(400, 'field_not_allowed', 'Sign in to copy other people on a request.', { ccs: 'is only for signed-in members' });
  }
  if (member && (input.email !== undefined || input.name !== undefined)) {
    throw new ApiError(400, 'field_not_allowed', 'Signed-in members write as themselves.', {
      ...(input.email !== undefined && { email: 'comes from your account' }),
      ...(input.name !== undefined && { name: 'comes from your account' }),
    });
  }

  const category = await store.sites.findCategory(site.id, input.categoryId);
  if (!category) throw validationFailed({ categoryId: 'is not a category of this site' });
  const problems = {
    ...checkNewRequest(input, category.fields, Boolean(member)),
    ...(member && checkCcs(input.ccs ?? [], member.record.email)),
  };
  if (Object.keys(problems).length) {
    throw validationFailed(Object.fromEntries(Object.entries(problems).map(([path, problem]) => [path, PROBLEM_MESSAGES[problem]])));
  }
  const attachmentIds = idsToClaim(input.attachmentIds, services.config);
  if (member?.viaPortal && input.ccs?.length) await options.takeCcs(`${site.id} ${member.record.id}`, input.ccs.length);
  const claim: IdempotencyClaim | null = options.idempotencyKey
    ? {
        scope: member ? member.record.id : 'anonymous',
        key: options.idempotencyKey,
        bodyHash: hashBody(input),
        notBefore: new Date(now.getTime() - IDEMPOTENCY_WINDOW_MS).toISOString(),
      }
    : null;
  // A bot filled the hidden field. It is checked and answered like anyone else (see decoyResponse), so
  // it cannot tell it was caught; only what it wrote is not stored.
  if (input.website?.trim()) return decoyResponse(services, site, input.subject.trim(), claim, now.toISOString());

  const requester: Requester = member
    ? { kind: 'member', id: member.record.id, organizationId: member.record.organizationId }
    : { kind: 'contact', email: normalizeEmail(input.email ?? ''), name: input.name?.trim() || null };
  const context = await notifyContextFor(services, site);
  const outcome = await store.requests.create(
    {
      siteId: site.id,
      categoryId: category.id,
      subject: input.subject.trim(),
      description: input.description,
      fields: trimmedFields(input.fields),
      requester,
      ccEmails: (input.ccs ?? []).map(normalizeEmail),
      files: { ids: attachmentIds, uploader: member ? memberUploader(member.scope) : { kind: 'anonymous' } },
      now: now.toISOString(),
      locale: input.locale ?? site.locale,
    },
    claim,
    (row) => ({ statusCode: 201, body: presentCreated(row) }),
    (view) => requestCreatedMails(view, context),
  );
  if (outcome.kind === 'key_reused') throw keyReused();
  if (outcome.kind === 'attachment_not_found') throw attachmentNotFound();
  const body = outcome.body as CreatedRequestBody;
  if (outcome.kind === 'created') events.publish(changeOf(outcome.view));
  return { statusCode: outcome.statusCode, body, replayed: outcome.kind === 'replayed' };
}

export function presentCreated(row: Pick<RequestRow, 'number' | 'subject' | 'status' | 'createdAt' | 'updatedAt'>): CreatedRequestBody {
  return {
    request: { id: row.number, subject: row.subject, ...customerStatus(row.status), createdAt: row.createdAt, updatedAt: row.updatedAt },
  };
}

function trimmedFields(fields: Record<string, string> | undefined): Record<string, string> {
  return Object.fromEntries(Object.entries(fields ?? {}).flatMap(([key, value]) => (value.trim() ? [[key, value.trim()]] : [])));
}

/** Same body → same hash, whatever the key order. */
function hashBody(input: NewRequest): string {
  const canonical = JSON.stringify(input, (_key, value) =>
    value && typeof value === 'object' && !Array.isArray(value) ? Object.fromEntries(Object.entries(value).sort(([a], [b]) => a.localeCompare(b))) : value,
  );
  return createHash('sha256').update(canonical).digest('hex');
}

const keyReused = () => new ApiError(422, 'idempotency_key_reused', 'This Idempotency-Key was already used for a different request.');

/**
 * The answer to a caught bot, indistinguishable from a real one: the same shape with its own subject
 * and the time, a number taken from the site's sequence in the same group commit as real requests
 * (so numbers keep advancing, a real submission right after shows no repeat, and it takes as long),
 * and the same Idempotency-Key replays.
 */
async function decoyResponse(services: Services, site: SiteRow, subject: string, claim: IdempotencyClaim | null, now: string): Promise<SubmitOutcome> {
  const outcome = await services.store.requests.answerDecoy(site.id, now, claim, (number) => ({
    statusCode: 201,
    body: presentCreated({ number, subject, status: 'new', createdAt: now, updatedAt: now }),
  }));
  if (outcome.kind === 'key_reused') throw keyReused();
  return { statusCode: outcome.statusCode, body: outcome.body as CreatedRequestBody, replayed: outcome.kind === 'replayed' };
}
