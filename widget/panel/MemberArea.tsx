/**
 * Where the member views go. Their chunk comes with signing in (member-chunk.ts); until it has
 * arrived, and when nobody is signed in (any more), this says so instead.
 */
import { messages } from '../i18n/words.js';
import { Notice, Skeleton } from './components/Notice.js';
import { memberChunk } from './member-chunk.js';
import type { MemberHost } from './state.js';

export function MemberArea({ model }: { model: MemberHost }) {
  const chunk = memberChunk.value;
  const state = model.session.state.value;

  if (state === 'anonymous' || state === 'ended') {
    return (
      <div class="view">
        <Notice text={messages.sessionEnded} />
      </div>
    );
  }
  return chunk && state === 'signed-in' ? <chunk.MemberViews model={model} /> : <Skeleton view />;
}
