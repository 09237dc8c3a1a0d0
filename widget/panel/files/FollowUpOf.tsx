/**
 * "Follow-up to #N" in a member's request: a reply by mail to a closed request opened this one, and
 * this links back to that one. It comes with the files chunk, like the reply form, because the
 * member chunk has no room; the server names the request only when the member may see it, so the
 * link always leads somewhere.
 */
import type { RequestDetail } from '../../../server/contract/types.js';
import { filesMessages } from '../../i18n/words.js';
import type { MemberHost } from '../state.js';
import { adoptFilesStyles } from './styles.js';

export function FollowUpOf({ model, request }: { model: MemberHost; request: RequestDetail }) {
  const original = request.followUpOf;
  if (original === null) return null;
  adoptFilesStyles(model.root);
  return (
    <button type="button" class="follow-up" onClick={() => model.navigation.show({ name: 'request', id: original })}>
      {filesMessages.followUpOf(original)}
    </button>
  );
}
