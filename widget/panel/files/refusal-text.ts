/** A member's action refused (a reply, a rating): words for the session ending and the server out of reach, else the server's own. */
import { filesMessages, messages } from '../../i18n/words.js';
import type { ApiError } from '../../kit/api-error.js';

export const refusalText = (problem: ApiError) =>
  problem.code === 'session_expired' ? filesMessages.sessionEnded : problem.code === 'network' ? messages.offline : problem.message;
