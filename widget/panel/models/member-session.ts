/**
 * The signed-in member, as the host vouched for them with `Porthole('identify', …)`: who they are
 * and how their session is going, for the views. Signing in and keeping the session alive is done
 * by member/session.ts, which comes with the member chunk, fetched at the first `identify`.
 */
import { signal } from '@preact/signals';
import type { Member, SessionBody } from '../../../server/contract/types.js';
import type { ApiClient } from '../api.js';
import { loadMemberChunk } from '../member-chunk.js';
import type { SessionKeeper } from '../member/session.js';
import type { PortholeIdentity } from '../../porthole.js';

/**
 * From the host (`token` once, or a `jwt` function to ask again), from a mail's link (`link`,
 * reusable), or from the Help Center's sign-in (`portal`, asked again for each new session). A mail
 * link's session is held (`state` signed-in) with no `member`: it opens one request.
 */
export type Identity = PortholeIdentity | { link: string } | { portal: () => Promise<SessionBody> };
export type SessionState = 'anonymous' | 'signing-in' | 'signed-in' | 'ended';

export function createMemberSession(api: ApiClient) {
  const member = signal<Member | null>(null);
  const state = signal<SessionState>('anonymous');
  // Until the keeper has arrived nobody is signed in; commands given meanwhile reach it in order.
  let keeper: SessionKeeper | undefined;
  let arriving: Promise<SessionKeeper> | undefined;
  const arrived = () =>
    (arriving ??= loadMemberChunk().then(
      (chunk) => (keeper = chunk.keepSession(api, member, state)),
      (error: unknown) => {
        arriving = undefined;
        throw error;
      },
    ));

  return {
    member,
    state,
    identify(next: Identity) {
      if (keeper) return keeper.identify(next);
      // At once, not after the download: the member's views say "Loading…" meanwhile.
      state.value = 'signing-in';
      arrived().then(
        (session) => session.identify(next),
        () => (state.value = 'anonymous'), // as when the server cannot be reached to sign in
      );
    },
    logout() {
      if (keeper) return keeper.logout();
      state.value = 'anonymous';
      void arriving?.then(
        (session) => session.logout(),
        () => undefined,
      );
    },
    /** Runs an API call with the member's token; once more with a renewed token if the session had ended. */
    call: <T>(run: (accessToken: string) => Promise<T>): Promise<T> => (keeper ? keeper.call(run) : arrived().then((session) => session.call(run))),
  };
}

export type MemberSession = ReturnType<typeof createMemberSession>;
