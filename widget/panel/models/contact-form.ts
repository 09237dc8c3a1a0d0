/**
 * The "Contact us" form: the draft (kept while the visitor looks something up), the same checks the
 * server runs, and a submit that can be retried safely — a retry of the same draft reuses its
 * Idempotency-Key, so a double click or a lost response never makes two tickets.
 */
import { computed, signal } from '@preact/signals';
import { checkNewRequest, type FieldProblem } from '../../../server/contract/rules.js';
import type { Category, CreatedRequestBody, NewRequest } from '../../../server/contract/types.js';
import { ApiError, type ApiClient } from '../api.js';

export interface Draft {
  categoryId: string;
  subject: string;
  description: string;
  email: string;
  name: string;
  fields: Record<string, string>;
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

const emptyDraft = (): Draft => ({ categoryId: '', subject: '', description: '', email: '', name: '', fields: {}, website: '' });

export function createContactForm(api: ApiClient, categories: () => Category[]) {
  const draft = signal<Draft>(emptyDraft());
  const errors = signal<Record<string, FieldError>>({});
  const submitting = signal(false);
  const failure = signal<ApiError | undefined>(undefined);
  const category = computed(() => categories().find((c) => c.id === draft.value.categoryId));
  let attempt: { key: string; body: string } | undefined;

  const toBody = (value: Draft): NewRequest => {
    const fields = Object.fromEntries(Object.entries(value.fields).filter(([key, text]) => text.trim() && category.value?.fields.some((f) => f.key === key)));
    return {
      categoryId: value.categoryId,
      subject: value.subject.trim(),
      description: value.description,
      ...(value.email.trim() && { email: value.email.trim() }),
      ...(value.name.trim() && { name: value.name.trim() }),
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
      const fixed = Object.keys(change).flatMap((key) => (key === 'fields' ? Object.keys(change.fields ?? {}).map((k) => `fields.${k}`) : [key]));
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
    /** Returns the created request, or undefined when the form needs attention. */
    async submit(): Promise<CreatedRequestBody['request'] | undefined> {
      if (submitting.value) return undefined;
      failure.value = undefined;
      const body = toBody(draft.value);
      const problems: Record<string, FieldError> = {};
      if (!category.value) problems.categoryId = { problem: 'required' };
      for (const [path, problem] of Object.entries(checkNewRequest(body, category.value?.fields ?? [], false))) problems[path] = { problem };
      errors.value = problems;
      if (Object.keys(problems).length) return undefined;

      const serialized = JSON.stringify(body);
      if (attempt?.body !== serialized) attempt = { key: crypto.randomUUID(), body: serialized };
      submitting.value = true;
      try {
        const { request } = await api.createRequest(body, attempt.key);
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
