/**
 * Sending the contact form: the same checks the server runs, then a submit that can be retried
 * safely — a retry of the same draft reuses its Idempotency-Key, so a double click or a lost
 * response never makes two tickets.
 */
import { checkCcs, checkNewRequest } from '../../../server/contract/rules.js';
import type { CreatedRequestBody, NewRequest } from '../../../server/contract/types.js';
import type { ApiClient } from '../api.js';
import { asApiError } from '../../kit/api-error.js';
import type { ContactForm, Draft, FieldError } from '../models/contact-form.js';
import { attachedIds, isUploading } from '../models/uploads.js';
import { forgetContactDraft } from './kept-draft.js';

/** The CC field's text as a list of addresses. */
export const splitCcs = (text: string): string[] => text.split(/[\s,;]+/).filter(Boolean);

// Members write as themselves (the server knows who they are) and may copy others in;
// anonymous visitors give an email and never send CCs.
function toBody(form: ContactForm, value: Draft, signedIn: boolean): NewRequest {
  const attachmentIds = attachedIds(form.files.value);
  const fields = Object.fromEntries(
    Object.entries(value.fields).filter(([key, text]) => text.trim() && form.category.value?.fields.some((f) => f.key === key)),
  );
  const ccs = splitCcs(value.ccs);
  return {
    categoryId: value.categoryId,
    subject: value.subject.trim(),
    description: value.description,
    ...(!signedIn && value.email.trim() && { email: value.email.trim() }),
    ...(!signedIn && value.name.trim() && { name: value.name.trim() }),
    ...(signedIn && ccs.length && { ccs }),
    ...(Object.keys(fields).length && { fields }),
    ...(value.website && { website: value.website }),
    ...(attachmentIds.length && { attachmentIds }),
  };
}

/** Returns the created request, or undefined when the form needs attention. */
export async function submitContact(form: ContactForm, api: ApiClient): Promise<CreatedRequestBody['request'] | undefined> {
  const { draft, errors, submitting, failure, category, session } = form;
  // Sending now would leave a file still uploading behind (the button says so by being disabled).
  if (submitting.value || isUploading(form.files.value)) return undefined;
  failure.value = undefined;
  const member = session.member.value;
  const body = toBody(form, draft.value, Boolean(member));
  const problems: Record<string, FieldError> = {};
  if (!category.value) problems.categoryId = { problem: 'required' };
  const found = { ...checkNewRequest(body, category.value?.fields ?? [], Boolean(member)), ...(member && checkCcs(body.ccs ?? [], member.email)) };
  for (const [path, problem] of Object.entries(found)) problems[path] = { problem };
  errors.value = problems;
  if (Object.keys(problems).length) return undefined;

  const serialized = JSON.stringify(body);
  if (form.attempt?.body !== serialized) form.attempt = { key: crypto.randomUUID(), body: serialized };
  submitting.value = true;
  try {
    const key = form.attempt.key;
    const { request } = member ? await session.call((token) => api.createRequest(body, key, token)) : await api.createRequest(body, key);
    form.attempt = undefined;
    form.clearSent();
    forgetContactDraft(api.site);
    return request;
  } catch (error) {
    const apiError = asApiError(error);
    errors.value = Object.fromEntries(Object.entries(apiError.fields).map(([path, message]) => [path, { message }]));
    failure.value = apiError;
    return undefined;
  } finally {
    submitting.value = false;
  }
}
