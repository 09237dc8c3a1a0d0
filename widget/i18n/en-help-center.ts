/**
 * The Help Center page's own words (server/help-center/): its shell, rendered by the server, and the
 * page app around the panel's views, which bring their words from en.ts and en-contact.ts.
 */
export const helpCenterMessages = {
  title: (site: string) => `${site} Help Center`,
  articleTitle: (article: string, site: string) => `${article} · ${site} Help Center`,
  popular: 'Popular articles',
  home: 'All articles',
  notFoundTitle: 'Page not found',
  notFoundBody: 'There is no help page at this address. It may have moved, or the link may be mistyped.',
  appLabel: 'Help articles and contact form',
};
