/**
 * The member chunk: the code that signs a member in and keeps the session, their views, badge and
 * live updates. Fetched at the first `identify` (see models/member-session.ts), so anonymous
 * visitors never download it, and members have it by the time they are signed in.
 */
import { signal } from '@preact/signals';
import { wordsFor } from './language.js';

type MemberChunk = typeof import('./member/index.js');

/** The chunk once it has arrived, for the views that show its parts. */
export const memberChunk = signal<MemberChunk | null>(null);
let loading: Promise<MemberChunk> | undefined;

export function loadMemberChunk(): Promise<MemberChunk> {
  return (loading ??= Promise.all([import('./member/index.js'), wordsFor('member')]).then(
    ([chunk]) => (memberChunk.value = chunk),
    (error: unknown) => {
      loading = undefined; // a failed download may be retried by the next identify
      throw error;
    },
  ));
}
