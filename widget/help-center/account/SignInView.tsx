/** "Sign in": email and password, with the ways to get a password or a link instead. */
import { helpCenterMessages as words } from '../../i18n/words.js';
import { Field } from '../../panel/contact/Field.js';
import type { View } from '../../panel/models/navigation.js';
import type { HelpPage } from '../page.js';
import { PageLink } from '../PageLink.js';
import { AccountForm, useAccountForm, valueOf } from './AccountForm.js';
import { EmailField, emailProblems } from './EmailField.js';

export function SignInView({ page, next, notice }: { page: HelpPage; next?: View; notice?: string }) {
  const { busy, fields, problem, send } = useAccountForm();

  const submit = (form: HTMLFormElement) => {
    const email = valueOf(form, 'email').trim();
    const password = valueOf(form, 'password');
    return send(
      password ? emailProblems(email) : { ...emailProblems(email), password: { message: words.problems.passwordMissing } },
      async () => {
        await page.account.signIn(email, password);
        page.places.afterSignIn(next);
      },
      form,
    );
  };

  return (
    <AccountForm
      id="hc-signin"
      title={words.signInTitle}
      notice={notice}
      problem={problem}
      busy={busy}
      action={words.signIn}
      onSubmit={submit}
      after={
        <ul class="account-links">
          <li>
            <PageLink page={page} to={{ name: 'password' }}>
              {words.getPassword}
            </PageLink>
            {' · '}
            <PageLink page={page} to={{ name: 'password' }}>
              {words.forgotPassword}
            </PageLink>
          </li>
          <li>
            <PageLink page={page} to={{ name: 'signin-link' }}>
              {words.emailMeALink}
            </PageLink>
          </li>
        </ul>
      }
    >
      <EmailField error={fields.email} />
      <Field id="hc-password" label={words.password} error={fields.password}>
        {(control) => <input {...control} name="password" type="password" autocomplete="current-password" />}
      </Field>
    </AccountForm>
  );
}
