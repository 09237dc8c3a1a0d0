/**
 * The inbox's state, built once per page: who is signed in, where we are (`/agent`,
 * `/agent/requests/<n>`), the queue and the open request. `refreshQueue` and `refreshRequest` are
 * what live updates call when the server reports a change, `catchUp` what they call after a gap.
 */
import { computed, effect, signal, untracked } from '@preact/signals';
import type { AgentBody } from '../../contract/types.js';
import type { InboxApi } from './api.js';
import { ApiError, asApiError } from '../../../widget/kit/api-error.js';
import { createQueueModel, type Guard } from './queue-model.js';
import { createRequestModel } from './request-model.js';
import { QUEUE_PATH, requestNumberOf, requestPath, safeNextPath } from './routing.js';

export type Session =
  { state: 'checking' } | { state: 'unreachable'; error: ApiError } | { state: 'signed-out'; ended: boolean } | { state: 'signed-in'; me: AgentBody };

export function createInboxModel(api: InboxApi) {
  const session = signal<Session>({ state: 'checking' });
  const path = signal(location.pathname);
  const openNumber = computed(() => requestNumberOf(path.value));
  const signingIn = signal(false);
  const signInProblem = signal<ApiError | undefined>(undefined);
  const signOutProblem = signal<ApiError | undefined>(undefined);
  /** Set when the agent picked a request, so its view takes focus once it has arrived. */
  const focusRequest = signal(false);
  const signedIn = computed(() => session.value.state === 'signed-in');

  // Any call answered 401 means the session ended (idle, signed out elsewhere): back to sign-in,
  // staying on the same address so signing in again returns here.
  const guard: Guard = (call) =>
    call.catch((error: unknown) => {
      if (error instanceof ApiError && error.status === 401 && session.peek().state === 'signed-in') endSession(true);
      throw error;
    });

  const queue = createQueueModel(api, guard);
  const request = createRequestModel(api, guard, () => refreshQueue());

  function endSession(ended: boolean) {
    session.value = { state: 'signed-out', ended };
    queue.reset();
    request.reset();
  }

  function navigate(to: string, replace = false) {
    if (replace) history.replaceState(null, '', to);
    else history.pushState(null, '', to);
    path.value = location.pathname;
  }

  const refreshQueue = () => {
    if (signedIn.peek()) queue.load(true);
  };
  const refreshRequest = (number: number) => {
    if (signedIn.peek()) request.refresh(number);
  };

  // Signed in: the queue follows its filters, the right column follows the address.
  effect(() => {
    if (!signedIn.value) return;
    queue.query.value;
    untracked(() => queue.load());
  });
  effect(() => {
    const wanted = signedIn.value ? openNumber.value : null;
    untracked(() => request.open(wanted));
  });

  return {
    session,
    path,
    openNumber,
    signingIn,
    signInProblem,
    signOutProblem,
    focusRequest,
    queue,
    request,
    refreshQueue,
    refreshRequest,
    /** The queue and the open request, fetched again quietly: changes may have gone unannounced. */
    catchUp() {
      refreshQueue();
      const open = request.number.peek();
      if (open !== null) refreshRequest(open);
    },
    /** Asks who is signed in; the answer decides between sign-in and the inbox. */
    start() {
      session.value = { state: 'checking' };
      api.me().then(
        (me) => (session.value = { state: 'signed-in', me }),
        (error) => {
          const problem = asApiError(error);
          session.value = problem.status === 401 ? { state: 'signed-out', ended: false } : { state: 'unreachable', error: problem };
        },
      );
    },
    async signIn(email: string, password: string) {
      if (signingIn.peek()) return;
      signingIn.value = true;
      signInProblem.value = undefined;
      try {
        const me = await api.signIn(email, password);
        // `?next=` only ever leads to a page of the inbox; either way it leaves the address bar.
        const next = safeNextPath(new URLSearchParams(location.search).get('next'));
        navigate(next ?? location.pathname, true);
        session.value = { state: 'signed-in', me };
      } catch (error) {
        signInProblem.value = asApiError(error);
      } finally {
        signingIn.value = false;
      }
    },
    async signOut() {
      signOutProblem.value = undefined;
      try {
        await api.signOut();
      } catch (error) {
        const problem = asApiError(error);
        // Already signed out is fine; anything else means the cookie may still work: say so.
        if (problem.status !== 401) {
          signOutProblem.value = problem;
          return;
        }
      }
      endSession(false);
      navigate(QUEUE_PATH, true);
    },
    openRequest(number: number) {
      focusRequest.value = true;
      if (number !== openNumber.peek()) navigate(requestPath(number));
    },
    /** Back and forward buttons. */
    followLocation() {
      path.value = location.pathname;
    },
  };
}

export type InboxModel = ReturnType<typeof createInboxModel>;
