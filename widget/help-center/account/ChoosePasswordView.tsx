/**
 * "Choose a password", after a password link signed the person in. The length is checked here
 * too; the server also refuses common passwords, said at the field (`error.fields.password`).
 */
import { helpCenterMessages as words } from '../../i18n/words.js';
import { Field } from '../../panel/contact/Field.js';
import type { HelpPage } from '../page.js';
import { AccountForm, useAccountForm, valueOf } from './AccountForm.js';

const MIN_LENGTH = 10;

export function ChoosePasswordView({ page }: { page: HelpPage }) {
  const { busy, fields, problem, send } = useAccountForm();

  const submit = (form: HTMLFormElement) => {
    const password = valueOf(form, 'password');
    return send(
      password.length >= MIN_LENGTH ? {} : { password: { message: words.problems.passwordTooShort } },
      async () => {
        await page.account.setPassword(password);
        page.places.go({ name: 'requests' });
      },
      form,
    );
  };
  return (
    <AccountForm id="hc-choose-password" title={words.choosePasswordTitle} problem={problem} busy={busy} action={words.savePassword} onSubmit={submit}>
      <Field id="hc-new-password" label={words.newPassword} hint={words.passwordHint} error={fields.password}>
        {(control) => <input {...control} name="password" type="password" autocomplete="new-password" />}
      </Field>
    </AccountForm>
  );
}
