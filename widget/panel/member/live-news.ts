/**
 * What a live update changed on the request the member has open, in words for the view's polite
 * live region: each new reply from someone else, and a new status. The member's own replies and
 * actions are not news to them (the view shows what they did).
 */
import type { RequestDetail } from '../../../server/contract/types.js';
import { memberMessages } from '../../i18n/words.js';

export function liveNews(before: RequestDetail, after: RequestDetail): string {
  const known = new Set(before.comments.map((comment) => comment.id));
  const replies = after.comments.filter((comment) => !known.has(comment.id) && !comment.author.you);
  const said = replies.map((comment) => memberMessages.newReply(comment.author.name));
  if (after.status !== before.status) said.push(memberMessages.statusNow(memberMessages.statuses[after.status]));
  return said.join(' ');
}
