/**
 * "Get a password" (also "Forgot password?") and "Email me a sign-in link": an address, and the
 * server's one answer whatever it is — it never says whether it knows the address.
 */
import { useState } from 'preact/hooks';
import type { PortalLinkRequest } from '../../../server/contract/types.js';
import { helpCenterMessages as words } from '../../i18n/words.js';
import type { HelpPage } from '../page.js';
import { PageLink } from '../PageLink.js';
import { AccountForm, useAccountForm, valueOf } from './AccountForm.js';
import { EmailField, emailProblems } from './EmailField.js';

const TEXTS = {
  set_password: { id: 'hc-password-link', title: words.passwordTitle, intro: words.passwordIntro },
  sign_in: { id: 'hc-signin-link', title: words.signInLinkTitle, intro: words.signInLinkIntro },
} as const;

export function LinkRequestView({ page, purpose }: { page: HelpPage; purpose: PortalLinkRequest['purpose'] }) {
  const [answer, setAnswer] = useState<string | undefined>();
  const { busy, fields, problem, send } = useAccountForm();
  const texts = TEXTS[purpose];

  if (answer)
    return (
      <div class="view account" role="status">
        <h2 class="section-heading" tabIndex={-1} data-autofocus>
          {words.checkMail}
        </h2>
        <p>{answer}</p>
        <PageLink page={page} to={{ name: 'signin' }}>
          {words.signInTitle}
        </PageLink>
      </div>
    );

  const submit = (form: HTMLFormElement) => {
    const email = valueOf(form, 'email').trim();
    return send(emailProblems(email), async () => setAnswer((await page.account.requestLink({ email, purpose })).message), form);
  };
  return (
    <AccountForm key={purpose} id={texts.id} title={texts.title} intro={texts.intro} problem={problem} busy={busy} action={words.sendLink} onSubmit={submit}>
      <EmailField error={fields.email} />
    </AccountForm>
  );
}
