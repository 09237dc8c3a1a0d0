/**
 * The Help Center page's own words (server/help-center/): its shell, rendered by the server, and the
 * page app around the panel's views, which bring their words from en.ts and en-contact.ts.
 */
export const helpCenterMessages = {
  title: (site: string) => `${site} Help Center`,
  /** An article's, or one of the page's own views' (sign in, requests…). */
  pageTitle: (page: string, site: string) => `${page} · ${site} Help Center`,
  popular: 'Popular articles',
  home: 'All articles',
  notFoundTitle: 'Page not found',
  notFoundBody: 'There is no help page at this address. It may have moved, or the link may be mistyped.',
  appLabel: 'Help articles and contact form',

  // The page's header: who is signed in and where they can go.
  navLabel: 'Help Center',
  submitRequest: 'Submit a request',
  signIn: 'Sign in',
  myRequests: 'My requests',
  requestTitle: (number: string) => `Request #${number}`,
  accountMenu: (email: string) => `Account: ${email}`,
  signOut: 'Sign out',
  signOutEverywhere: 'Sign out everywhere',

  // Signing in, getting a password, a sign-in link, choosing a password.
  signInTitle: 'Sign in',
  signedOutElsewhere: 'You have been signed out. Sign in again to go on.',
  email: 'Email',
  password: 'Password',
  getPassword: 'Get a password',
  forgotPassword: 'Forgot password?',
  emailMeALink: 'Email me a sign-in link',
  passwordTitle: 'Get a password',
  passwordIntro: 'Enter the email you use with support. We will send you a link to set a password; it works once, for an hour.',
  signInLinkTitle: 'Email me a sign-in link',
  signInLinkIntro: 'Enter the email you use with support. We will send you a link that signs you in; it works once, for 15 minutes.',
  sendLink: 'Send the link',
  checkMail: 'Check your mail',
  choosePasswordTitle: 'Choose a password',
  newPassword: 'New password',
  passwordHint: 'At least 10 characters. Common passwords are refused.',
  savePassword: 'Save password',
  working: 'One moment…',
  problems: {
    emailMissing: 'Enter the email you use with support.',
    passwordMissing: 'Enter your password.',
    passwordTooShort: 'Use at least 10 characters.',
  },
};
