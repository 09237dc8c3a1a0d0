/**
 * The frame of the account's forms (sign in, a link by mail, a new password): heading, the
 * problem the server answered (announced, and tied to the form), and the send button, which
 * says it is working. Problems of one field show at that field (Field, as in the contact form).
 */
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { ApiError } from '../../kit/api-error.js';
import { messages, helpCenterMessages as words } from '../../i18n/words.js';
import type { FieldError } from '../../panel/models/contact-form.js';

export type FieldProblems = Record<string, FieldError>;

/** What was typed, read from the form when it is sent (as a password manager may have filled it). */
export const valueOf = (form: HTMLFormElement, name: string) => String(new FormData(form).get(name) ?? '');

/**
 * A form's state: `send(problems, run)` shows the problems found before sending, or runs the
 * call and shows what the server refused (its field errors at their fields).
 */
export function useAccountForm() {
  const [busy, setBusy] = useState(false);
  const [fields, setFields] = useState<FieldProblems>({});
  const [problem, setProblem] = useState<string | undefined>();
  const send = async (found: FieldProblems, run: () => Promise<void>, form: HTMLFormElement | null) => {
    setFields(found);
    setProblem(undefined);
    if (Object.keys(found).length) return focusInvalid(form);
    setBusy(true);
    try {
      await run();
    } catch (error) {
      const known = error instanceof ApiError ? error : undefined;
      const byField = Object.fromEntries(Object.entries(known?.fields ?? {}).map(([key, message]) => [key, { message }]));
      setFields(byField);
      if (!Object.keys(byField).length) setProblem(known?.status === 0 || !known ? messages.offline : known.message);
      focusInvalid(form);
    } finally {
      setBusy(false);
    }
  };
  return { busy, fields, problem, send };
}

// After the render that marks the fields, focus moves to the first one wrong.
const focusInvalid = (form: HTMLFormElement | null) => setTimeout(() => form?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());

interface FrameProps {
  id: string;
  title: string;
  intro?: string;
  /** Said above the form, e.g. why a mailed link did not sign in. */
  notice?: string;
  problem?: string;
  busy: boolean;
  action: string;
  onSubmit: (form: HTMLFormElement) => void;
  children: ComponentChildren;
  after?: ComponentChildren;
}

export function AccountForm({ id, title, intro, notice, problem, busy, action, onSubmit, children, after }: FrameProps) {
  return (
    <div class="view account">
      <form
        class="form"
        noValidate
        aria-labelledby={`${id}-heading`}
        aria-describedby={problem ? `${id}-problem` : undefined}
        onSubmit={(event) => {
          event.preventDefault();
          onSubmit(event.currentTarget);
        }}
      >
        <h2 id={`${id}-heading`} class="section-heading" tabIndex={-1} data-autofocus>
          {title}
        </h2>
        {intro && <p class="muted">{intro}</p>}
        {notice && (
          <p class="form-error" role="alert">
            {notice}
          </p>
        )}
        {children}
        <p id={`${id}-problem`} class="form-error" aria-live="polite">
          {problem}
        </p>
        <button type="submit" class="primary" disabled={busy}>
          {busy ? words.working : action}
        </button>
      </form>
      {after}
    </div>
  );
}
