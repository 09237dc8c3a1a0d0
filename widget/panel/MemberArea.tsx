/**
 * Where the member views go. Their chunk comes with signing in (member-chunk.ts) and decides what to show, signed in
 * or not (member/index.tsx MemberViews); until it has arrived the area is loading.
 */
import { Skeleton } from './components/Notice.js';
import { memberChunk } from './member-chunk.js';
import type { MemberHost } from './state.js';

export function MemberArea({ model }: { model: MemberHost }) {
  const Views = memberChunk.value?.MemberViews;
  return Views ? <Views model={model} /> : <Skeleton view />;
}
