/**
 * The inbox's words, in one table. The support team works in English for now (customers get five
 * languages through widget/i18n); with every word here, no view hard-codes its text and a
 * translation is one file away. Sentences with a number or name are functions.
 */
export const inboxWords = {
  loading: 'Loading the inbox…',
  skipToRequest: 'Skip to the open request',
  signOut: 'Sign out',
};
