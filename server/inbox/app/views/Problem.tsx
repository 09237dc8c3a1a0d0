/** Errors as people should read them: what happened and what to do, inline where it happened. */
import type { ApiError } from '../../../../widget/kit/api-error.js';

export function problemText(error: ApiError): string {
  switch (error.code) {
    case 'network':
      return 'The support server could not be reached. Check your connection and try again.';
    case 'request_closed':
      return 'This request is closed, so it cannot be changed any more. The customer can submit a follow-up.';
    case 'session_expired':
      return 'Your session has ended. Please sign in again.';
    case 'not_found':
      return 'That request does not exist.';
    case 'origin_not_allowed':
      return 'The server refused this change because it did not come from the inbox page. Reload the page and try again.';
    default:
      return error.status === 0 || error.status >= 500 ? 'Something went wrong on our side. Please try again.' : error.message;
  }
}

export function Problem({ error, onRetry }: { error: ApiError; onRetry?: () => void }) {
  return (
    <div class="problem" role="alert">
      <p>{problemText(error)}</p>
      {onRetry && (
        <button type="button" class="secondary small" onClick={onRetry}>
          Try again
        </button>
      )}
    </div>
  );
}
