/**
 * Signing the member in and keeping their session alive, for the panel's session model
 * (../models/member-session.ts), whose `member` and `state` it sets. The session lives in memory
 * only (no cookie, nothing in the URL). Given `{ jwt }`, a session that ends is renewed by asking
 * the host for a fresh token (`{ portal }`, the Help Center's sign-in, the same way); given
 * `{ token }`, the member is asked to reload. A session from a
 * mail link (`{ link }`) is no member's sign-in: it reads and replies on its one request, so
 * `member` stays empty and the contact form, the lists and the badge stay a visitor's — the server
 * refuses them to such a session.
 */
import type { Signal } from '@preact/signals';
import type { Member } from '../../../server/contract/types.js';
import type { ApiClient } from '../api.js';
import { ApiError } from '../../kit/api-error.js';
import type { Identity, SessionState } from '../models/member-session.js';
import { memberApi } from './member-api.js';

// Renew a little before the server would refuse the token, so no request fails on the way.
const RENEW_EARLY_MS = 30_000;

export function keepSession(client: ApiClient, member: Signal<Member | null>, state: Signal<SessionState>) {
  const api = memberApi(client);
  let identity: Identity | undefined;
  let session: { accessToken: string; expiresAt: number } | undefined;
  /** The session (or the last one) came from a mail link. */
  let linked = false;
  let pending: Promise<string> | undefined;
  let generation = 0;

  const signIn = (): Promise<string> => {
    const mine = generation;
    const source = identity;
    if (!source) return Promise.reject(new ApiError(401, 'session_expired', 'Not signed in.'));
    state.value = member.value || linked ? 'signed-in' : 'signing-in';
    if (pending) return pending;
    const attempt = (async () => {
      try {
        // A token given once can only be exchanged once; after that the host must give a new one.
        if ('token' in source) identity = undefined;
        // The Help Center's sign-in (`portal`) hands over a member session itself: its cookie vouches for it.
        const body =
          'portal' in source
            ? await source.portal()
            : 'link' in source
              ? await api.startLinkSession(source.link)
              : await api.startSession('token' in source ? source.token : await source.jwt());
        if (mine !== generation) throw new ApiError(401, 'session_expired', 'Not signed in.');
        session = { accessToken: body.accessToken, expiresAt: Date.parse(body.expiresAt) };
        linked = 'link' in source;
        member.value = linked ? null : body.member;
        state.value = 'signed-in';
        return body.accessToken;
      } catch (error) {
        if (mine === generation) {
          session = undefined;
          state.value = member.value || linked ? 'ended' : 'anonymous';
        }
        throw error;
      }
    })();
    // Forgotten once settled — after it is stored, even if `jwt()` threw at once, and only if no newer
    // identify has started another — so the next call asks the host again.
    pending = attempt;
    const forget = () => {
      if (pending === attempt) pending = undefined;
    };
    attempt.then(forget, forget);
    return attempt;
  };

  const accessToken = (): Promise<string> => (session && session.expiresAt - RENEW_EARLY_MS > Date.now() ? Promise.resolve(session.accessToken) : signIn());

  return {
    identify(next: Identity) {
      generation++;
      identity = next;
      session = undefined;
      pending = undefined;
      void signIn().catch(() => undefined);
    },
    logout() {
      generation++;
      identity = undefined;
      session = undefined;
      pending = undefined;
      linked = false;
      member.value = null;
      state.value = 'anonymous';
    },
    /** Runs an API call with the member's token; once more with a renewed token if the session had ended. */
    async call<T>(run: (accessToken: string) => Promise<T>): Promise<T> {
      try {
        return await run(await accessToken());
      } catch (error) {
        if (!(error instanceof ApiError && error.code === 'session_expired')) throw error;
        session = undefined;
        if (!identity) {
          state.value = 'ended';
          throw error;
        }
        return run(await signIn());
      }
    },
  };
}

export type SessionKeeper = ReturnType<typeof keepSession>;
