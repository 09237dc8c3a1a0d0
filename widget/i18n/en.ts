/**
 * Every word the widget shows, one table per locale and chunk, so another locale is one more file
 * for each: this one (the launcher and the panel's first load), en-contact.ts, en-member.ts and
 * en-files.ts, which come with the contact form's, the member views' and the files' chunks. The loader imports
 * `launcherMessages` only; esbuild drops the rest from its bundle.
 */
export const launcherMessages = {
  support: 'Support',
};

export const messages = {
  panelTitle: 'Support',
  close: 'Close support',
  back: 'Back',
  searchLabel: 'Search help articles',
  searchPlaceholder: 'Search for answers…',
  suggested: 'Suggested for this page',
  results: (query: string) => `Results for “${query}”`,
  noResults: 'No articles match that search. Try other words, or contact us.',
  loading: 'Loading…',
  contactPrompt: 'Didn’t find what you need?',
  contactUs: 'Contact us',
  offline: 'We couldn’t reach support just now. Check your connection and try again.',
  retry: 'Try again',
  articleMissing: 'This article is no longer available.',
  // Also shown by both chunks loaded later: the contact form and a member's reply are sent alike.
  sending: 'Sending…',
  sessionEnded: 'Your session has ended. Reload the page to sign in again.',
};
