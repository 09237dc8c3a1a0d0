/**
 * The panel's first-load words in English. Every locale has the same tables in a folder of its own (see
 * ../types.ts): this one comes with the panel; contact.ts, member.ts and files.ts with the chunks of the contact
 * form, the member views and the files, which load later.
 */
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
};
