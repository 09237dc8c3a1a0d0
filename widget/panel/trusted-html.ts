/**
 * Hosts that enforce Trusted Types (`require-trusted-types-for 'script'`) refuse plain strings in
 * innerHTML. Article HTML is sanitized by the server, so the widget vouches for it through one named
 * policy, `porthole`, which such hosts allow in their `trusted-types` directive (see README, Host CSP).
 */
type Policy = { createHTML(html: string): unknown };
type TrustedTypesWindow = { trustedTypes?: { createPolicy(name: string, rules: { createHTML(html: string): string }): Policy } };

let policy: Policy | undefined;

export function trustedArticleHtml(html: string): unknown {
  const factory = (window as unknown as TrustedTypesWindow).trustedTypes;
  if (!factory) return html;
  policy ??= factory.createPolicy('porthole', { createHTML: (value) => value });
  return policy.createHTML(html);
}
