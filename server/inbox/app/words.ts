/**
 * The inbox's words, in one table. The support team works in English for now (customers get five
 * languages through widget/i18n); with every word here, no view hard-codes its text and a
 * translation is one file away. Sentences with a number or name are functions.
 */
export const inboxWords = {
  loading: 'Loading the inbox…',
  skipToRequest: 'Skip to the open request',
  signOut: 'Sign out',
  // The team's facts of a request (views/TeamFacts.tsx).
  teamFacts: 'Owner and tags',
  assignee: 'Assignee',
  nobody: 'Nobody',
  you: (name: string) => `${name} (you)`,
  takeIt: 'Take it',
  tags: 'Tags',
  addTag: 'Add a tag',
  removeTag: (tag: string) => `Remove tag ${tag}`,
  tagProblems: {
    required: 'Type a tag first.',
    too_long: 'A tag has at most 32 characters.',
    invalid_characters: 'A tag has letters, digits, spaces, “-”, “_” or “.”, and starts with a letter or digit.',
  },
  // The queue's views (views/Queue.tsx).
  views: 'Views',
  viewMine: 'Mine',
  viewUnassigned: 'Unassigned',
  viewAllOpen: 'All open',
  viewCount: (count: number) => ` (${count})`,
  tagFilter: 'Tag',
  anyTag: 'Any tag',
  searchPlaceholder: 'Search subject, requester, messages or #number',
  assignedTo: (name: string) => `Assigned to ${name}`,
};
