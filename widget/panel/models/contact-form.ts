/**
 * The "Contact us" form: the draft (kept while the visitor looks something up), the same checks the
 * server runs, and a submit that can be retried safely — a retry of the same draft reuses its
 * Idempotency-Key, so a double click or a lost response never makes two tickets.
 */
import { computed, effect, signal } from '@preact/signals';
import type { FieldProblem } from '../../../server/contract/rules.js';
import type { Category } from '../../../server/contract/types.js';
import type { ApiError } from '../../kit/api-error.js';
import type { PortholePrefill } from '../../porthole.js';
import type { MemberSession } from './member-session.js';
import type { Upload } from './uploads.js';

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

/** A field's problem: a rule the widget knows (translated) or the server's own words. */
export type FieldError = { problem: FieldProblem } | { message: string };

/** The fields `prefill` may fill in besides the category. */
const prefilled = ['subject', 'description', 'email', 'name'] as const;

const emptyDraft = (): Draft => ({ categoryId: '', subject: '', description: '', email: '', name: '', fields: {}, ccs: '', website: '' });

/**
 * The form's state lives here, in the panel itself, so `prefill` and sign-out work before the form
 * was ever shown; the form, its editing and its sending come with the contact chunk (contact/).
 */
export function createContactForm(categories: () => Category[], session: MemberSession) {
  const draft = signal<Draft>(emptyDraft());
  const errors = signal<Record<string, FieldError>>({});
  const submitting = signal(false);
  const failure = signal<ApiError | undefined>(undefined);
  /** Files attached to the draft (the control comes with the files chunk). */
  const files = signal<Upload[]>([]);
  // An upload may be claimed only by whoever made it (the visitor, or one member): when who is writing
  // changes (signing in or out), the draft's files go, instead of failing the request when it is sent.
  let uploader = session.member.peek()?.email;
  effect(() => {
    const now = session.member.value?.email;
    if (now !== uploader) files.value = [];
    uploader = now;
  });
  const category = computed(() => categories().find((c) => c.id === draft.value.categoryId));

  return {
    draft,
    errors,
    submitting,
    failure,
    files,
    category,
    session,
    /** The Idempotency-Key of the draft last sent, kept while that exact draft is retried. */
    attempt: undefined as { key: string; body: string } | undefined,
    prefill(values: PortholePrefill) {
      const match = values.category && categories().find((c) => c.id === values.category || c.name.toLowerCase() === values.category!.toLowerCase());
      const next = { ...draft.value };
      // Only text: a host's number or object never reaches the form.
      for (const key of prefilled) if (typeof values[key] === 'string') next[key] = values[key];
      if (match) next.categoryId = match.id;
      draft.value = next;
    },
    /** After a request went out: a fresh draft, keeping the visitor's email and name for the next one. */
    clearSent() {
      draft.value = { ...emptyDraft(), email: draft.value.email, name: draft.value.name };
      files.value = [];
    },
    /** After sign-out: the CCs were the member's, not the next visitor's. */
    forgetMember() {
      draft.value = { ...draft.value, ccs: '' };
      // Their complaints about those CCs go too, or the next member would find them under an empty field.
      errors.value = Object.fromEntries(Object.entries(errors.value).filter(([key]) => key !== 'ccs' && !key.startsWith('ccs.')));
    },
  };
}

export type ContactForm = ReturnType<typeof createContactForm>;
