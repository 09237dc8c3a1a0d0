/** Email and password; the password is read from the form when it is sent and kept nowhere else. */
import type { InboxModel } from '../state.js';
import { Problem } from './Problem.js';

export function SignIn({ model, ended }: { model: InboxModel; ended: boolean }) {
  const problem = model.signInProblem.value;
  return (
    <main class="sign-in">
      <form
        class="sign-in-card"
        aria-labelledby="sign-in-title"
        onSubmit={(event) => {
          event.preventDefault();
          const form = new FormData(event.currentTarget);
          void model.signIn(String(form.get('email') ?? '').trim(), String(form.get('password') ?? ''));
        }}
      >
        <p class="brand">Porthole</p>
        <h1 id="sign-in-title">Sign in to the support inbox</h1>
        {ended && !problem && (
          <p class="notice" role="status">
            Your session has ended. Please sign in again.
          </p>
        )}
        <div class="field">
          <label for="sign-in-email">Email</label>
          <input id="sign-in-email" name="email" type="email" autocomplete="username" required autoFocus />
        </div>
        <div class="field">
          <label for="sign-in-password">Password</label>
          <input id="sign-in-password" name="password" type="password" autocomplete="current-password" required />
        </div>
        {problem && <Problem error={problem} />}
        <button type="submit" class="primary wide" disabled={model.signingIn.value}>
          {model.signingIn.value ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </main>
  );
}
