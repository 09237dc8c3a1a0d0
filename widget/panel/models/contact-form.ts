/**
 * The "Contact us" form: the draft (kept while the visitor looks something up), the same checks the
 * server runs, and a submit that can be retried safely — a retry of the same draft reuses its
 * Idempotency-Key, so a double click or a lost response never makes two tickets.
 */
import { computed, signal } from '@preact/signals';
import { checkCcs, checkNewRequest, type FieldProblem } from '../../../server/contract/rules.js';
import type { Category, CreatedRequestBody, NewRequest } from '../../../server/contract/types.js';
import { ApiError, type ApiClient } from '../api.js';
import type { MemberSession } from './member-session.js';

export interface Draft {
  categoryId: string;
  subject: string;
  description: string;
  email: string;
  name: string;
  fields: Record<string, string>;
  /** Signed-in members only: addresses separated by commas, semicolons or spaces. */
  ccs: string;
  /** Honeypot: people never see it; bots fill it in. */
  website: string;
}

/** What `Porthole('prefill', …)` accepts; `category` is a category id or name. */
export interface Prefill {
  subject?: string;
  description?: string;
  email?: string;
  name?: string;
  category?: string;
}

/** A field's problem: a rule the widget knows (translated) or the server's own words. */
export type FieldError = { problem: FieldProblem } | { message: string };

const emptyDraft = (): Draft => ({ categoryId: '', subject: '', description: '', email: '', name: '', fields: {}, ccs: '', website: '' });

/** The CC field's text as a list of addresses. */
export const splitCcs = (text: string): string[] => text.split(/[\s,;]+/).filter(Boolean);

export function createContactForm(api: ApiClient, categories: () => Category[], session: MemberSession) {
  const draft = signal<Draft>(emptyDraft());
  const errors = signal<Record<string, FieldError>>({});
  const submitting = signal(false);
  const failure = signal<ApiError | undefined>(undefined);
  const category = computed(() => categories().find((c) => c.id === draft.value.categoryId));
  let attempt: { key: string; body: string } | undefined;

  // Members write as themselves (the server knows who they are) and may copy others in;
  // anonymous visitors give an email and never send CCs.
  const toBody = (value: Draft, signedIn: boolean): NewRequest => {
    const fields = Object.fromEntries(Object.entries(value.fields).filter(([key, text]) => text.trim() && category.value?.fields.some((f) => f.key === key)));
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
    };
  };

  return {
    draft,
    errors,
    submitting,
    failure,
    category,
    update(change: Partial<Draft>) {
      draft.value = { ...draft.value, ...change };
      // A corrected field stops showing its old complaint.
      const fixed = Object.keys(change).flatMap((key) =>
        key === 'fields'
          ? Object.keys(change.fields ?? {}).map((k) => `fields.${k}`)
          : key === 'ccs'
            ? ['ccs', ...Object.keys(errors.value).filter((k) => k.startsWith('ccs.'))]
            : [key],
      );
      if (fixed.some((key) => key in errors.value)) errors.value = Object.fromEntries(Object.entries(errors.value).filter(([key]) => !fixed.includes(key)));
    },
    prefill(values: Prefill) {
      const match = values.category && categories().find((c) => c.id === values.category || c.name.toLowerCase() === values.category!.toLowerCase());
      const text = (value: unknown) => (typeof value === 'string' ? value : undefined);
      draft.value = {
        ...draft.value,
        ...(text(values.subject) !== undefined && { subject: values.subject }),
        ...(text(values.description) !== undefined && { description: values.description }),
        ...(text(values.email) !== undefined && { email: values.email }),
        ...(text(values.name) !== undefined && { name: values.name }),
        ...(match && { categoryId: match.id }),
      } as Draft;
    },
    /** After sign-out: the CCs were the member's, not the next visitor's. */
    forgetMember() {
      draft.value = { ...draft.value, ccs: '' };
      // Their complaints about those CCs go too, or the next member would find them under an empty field.
      errors.value = Object.fromEntries(Object.entries(errors.value).filter(([key]) => key !== 'ccs' && !key.startsWith('ccs.')));
    },
    /** Returns the created request, or undefined when the form needs attention. */
    async submit(): Promise<CreatedRequestBody['request'] | undefined> {
      if (submitting.value) return undefined;
      failure.value = undefined;
      const member = session.member.value;
      const body = toBody(draft.value, Boolean(member));
      const problems: Record<string, FieldError> = {};
      if (!category.value) problems.categoryId = { problem: 'required' };
      const found = { ...checkNewRequest(body, category.value?.fields ?? [], Boolean(member)), ...(member && checkCcs(body.ccs ?? [], member.email)) };
      for (const [path, problem] of Object.entries(found)) problems[path] = { problem };
      errors.value = problems;
      if (Object.keys(problems).length) return undefined;

      const serialized = JSON.stringify(body);
      if (attempt?.body !== serialized) attempt = { key: crypto.randomUUID(), body: serialized };
      submitting.value = true;
      try {
        const key = attempt.key;
        const { request } = member ? await session.call((token) => api.createRequest(body, key, token)) : await api.createRequest(body, key);
        attempt = undefined;
        draft.value = { ...emptyDraft(), email: draft.value.email, name: draft.value.name };
        return request;
      } catch (error) {
        const apiError = error instanceof ApiError ? error : new ApiError(0, 'network', String(error));
        errors.value = Object.fromEntries(Object.entries(apiError.fields).map(([path, message]) => [path, { message }]));
        failure.value = apiError;
        return undefined;
      } finally {
        submitting.value = false;
      }
    },
  };
}

export type ContactForm = ReturnType<typeof createContactForm>;
