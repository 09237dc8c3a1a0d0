import { demoMembers, demoSite, type SeedMember } from '../server/seed/seed-content.js';
import { embedSnippet } from '../server/sites/embed-snippet.js';
import { escapeHtml } from './escape-html.js';

/** What every page needs from the request and the server's options. */
export interface PageContext {
  /** The request path, used to mark the current nav item (and echoed by the 404 page). */
  path: string;
  /** This response's CSP nonce. */
  nonce: string;
  /** Base URL of the support server, e.g. http://localhost:3000. */
  publicUrl: string;
  /** The site slug the widget is embedded for (`data-site`). */
  siteSlug: string;
  /** Who is signed in to the shop (its own sign-in, not Porthole's), or null. */
  member: SeedMember | null;
}

/** One page's own part: everything between header and footer, plus its title. */
export interface PageContent {
  title: string;
  main: string;
  /** Extra stylesheets after /site.css; only the stress page uses this. */
  stylesheets?: readonly string[];
}

const navItems: ReadonlyArray<{ href: string; label: string }> = [
  { href: '/', label: 'Home' },
  { href: '/products/tents', label: 'Shop' },
  { href: '/billing', label: 'Billing' },
  { href: '/shipping', label: 'Shipping' },
  { href: '/returns', label: 'Returns' },
  { href: '/account', label: 'Account' },
];

// A peak drawn with presentation attributes only: `style=` would break our own CSP.
const logoMark =
  '<svg class="logo-mark" viewBox="0 0 32 32" aria-hidden="true" focusable="false">' +
  '<path d="M2 27 L12 9 L17 17 L21 12 L30 27 Z" fill="currentColor"/>' +
  '<path d="M12 9 L15 14.5 L12.5 13 L10 14.5 Z" fill="#fff"/></svg>';

function renderNav(path: string): string {
  const links = navItems.map(({ href, label }) => {
    const current = href === path ? ' aria-current="page"' : '';
    return `<li><a href="${href}"${current}>${label}</a></li>`;
  });
  return `<nav aria-label="Main"><ul class="nav">${links.join('')}</ul></nav>`;
}

const memberLabel = (member: SeedMember) => (member.org ? `${member.name} (${member.org.name})` : member.name);

/**
 * The shop's account strip. Signed out: pick a demo member and sign in. Signed in: who, and a
 * sign-out form that /site.js also uses to sign the widget out (`Porthole('logout')`). Both forms
 * post back here and return to this page (`return`).
 */
function renderAccountBar({ path, member }: PageContext): string {
  const back = `<input type="hidden" name="return" value="${escapeHtml(path)}">`;
  const form = member
    ? `<form class="account-form" method="post" action="/sign-out" data-sign-out>${back}` +
      `<p class="account-who">Signed in as ${escapeHtml(memberLabel(member))}</p>` +
      '<button type="submit" class="button button--small button--ghost">Sign out</button></form>'
    : `<form class="account-form" method="post" action="/sign-in">${back}` +
      '<label for="account-member">Demo member</label>' +
      `<select id="account-member" name="member">${demoMembers
        .map((m) => `<option value="${escapeHtml(m.sub)}">${escapeHtml(memberLabel(m))}</option>`)
        .join('')}</select>` +
      '<button type="submit" class="button button--small">Sign in</button></form>';
  return `<div class="account-bar"><div class="container account-inner"><p class="account-note">${
    member ? 'Your support requests are in the help panel.' : 'Sign in to see your support requests in the help panel.'
  }</p>${themeSwitch}${form}</div></div>`;
}

/** The widget's theme, as a host would choose it (`Porthole('config', { theme })`; /site.js wires it). */
const themeSwitch =
  '<div class="account-form theme-switch"><label for="widget-theme">Widget theme</label>' +
  '<select id="widget-theme" data-widget-theme><option value="auto">Auto (system)</option><option value="light">Light</option><option value="dark">Dark</option></select></div>';

/**
 * The embed snippet as a host would paste it (server/sites/embed-snippet.ts, the one source), for the demo
 * site with its seeded colour and language. Both tags carry the nonce: under 'strict-dynamic' a parser-inserted
 * script is trusted only by nonce — an allow-listed origin is ignored — so the loader tag needs it as much as
 * the inline stub does.
 */
const renderEmbedSnippet = ({ nonce, publicUrl, siteSlug }: PageContext): string =>
  embedSnippet({ publicUrl, siteSlug, color: demoSite.color, locale: demoSite.locale, nonce });

/**
 * A button that opens the support panel (wired up by /site.js). It goes
 * through the documented commands, as a real host's "Contact us" would.
 */
export function supportButton(label: string, subject?: string): string {
  const prefill = subject === undefined ? '' : ` data-porthole-subject="${escapeHtml(subject)}"`;
  return `<button type="button" class="button button--ghost" data-porthole-open${prefill}>${escapeHtml(label)}</button>`;
}

/** Wraps a page's content in the shop's shell: head, header, nav, footer and the widget. */
export function renderLayout(ctx: PageContext, content: PageContent): string {
  const stylesheets = ['/site.css', ...(content.stylesheets ?? [])].map((href) => `<link rel="stylesheet" href="${escapeHtml(href)}">`).join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(content.title)} · Northwind Outfitters</title>
<link rel="icon" href="/favicon.svg" type="image/svg+xml">
<meta name="description" content="Tents, packs and trail gear from Northwind Outfitters.">
${stylesheets}
${renderEmbedSnippet(ctx)}
<script src="/site.js" defer nonce="${escapeHtml(ctx.nonce)}"></script>
</head>
<body${ctx.member ? ` data-member="${escapeHtml(ctx.member.sub)}"` : ''}>
<a class="skip-link" href="#main">Skip to content</a>
<header class="site-header">
${renderAccountBar(ctx)}
<div class="container header-inner">
<a class="logo" href="/">${logoMark}<span>Northwind <strong>Outfitters</strong></span></a>
${renderNav(ctx.path)}
</div>
</header>
<main id="main" class="container">
${content.main}
</main>
<footer class="site-footer">
<div class="container footer-inner">
<div>
<p class="footer-brand">Northwind Outfitters</p>
<p>Gear for the long way round. 1187 Alder Street, Portland, OR.</p>
</div>
<ul class="footer-links">
<li><a href="/shipping">Shipping</a></li>
<li><a href="/returns">Returns</a></li>
<li><a href="/account">Your account</a></li>
<li><a href="/stress">CSS stress test</a></li>
</ul>
<p class="footer-note">A demo shop for Porthole. Nothing here is for sale and no orders are taken.</p>
</div>
</footer>
</body>
</html>
`;
}
