/** The email field every account form starts with. */
import { LIMITS } from '../../../server/contract/rules.js';
import { helpCenterMessages as words } from '../../i18n/words.js';
import { Field } from '../../panel/contact/Field.js';
import type { FieldError } from '../../panel/models/contact-form.js';
import type { FieldProblems } from './AccountForm.js';

export function EmailField({ error }: { error?: FieldError }) {
  return (
    <Field id="hc-email" label={words.email} error={error}>
      {(control) => <input {...control} name="email" type="email" autocomplete="email" maxLength={LIMITS.email} />}
    </Field>
  );
}

/** What the form finds wrong with an address before sending it (the server checks the rest). */
export const emailProblems = (email: string): FieldProblems => (email.trim() ? {} : { email: { message: words.problems.emailMissing } });
