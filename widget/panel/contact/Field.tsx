/**
 * A labelled form field with its hint and its error right beneath it. The control is passed as a
 * function so it receives the id and aria attributes that tie it to its label and messages.
 */
import type { ComponentChildren } from 'preact';
import { contactMessages } from '../../i18n/words.js';
import type { FieldError } from '../models/contact-form.js';

export interface ControlProps {
  id: string;
  'aria-invalid': boolean;
  'aria-describedby'?: string;
}

interface FieldProps {
  id: string;
  label: string;
  optional?: boolean;
  hint?: string;
  error?: FieldError;
  children: (control: ControlProps) => ComponentChildren;
}

export const errorText = (error: FieldError) => ('problem' in error ? contactMessages.problems[error.problem] : error.message);

export function Field({ id, label, optional, hint, error, children }: FieldProps) {
  const described = [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(' ') || undefined;
  return (
    <div class={error ? 'field invalid' : 'field'}>
      <label for={id}>
        {label}
        {optional && <span class="optional"> {contactMessages.optional}</span>}
      </label>
      {hint && (
        <p class="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {children({ id, 'aria-invalid': Boolean(error), 'aria-describedby': described })}
      {error && (
        <p class="error" id={`${id}-error`}>
          {errorText(error)}
        </p>
      )}
    </div>
  );
}
