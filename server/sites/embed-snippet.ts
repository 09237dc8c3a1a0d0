/**
 * The embed snippet, written once: what `create-site` prints, what the demo host's pages carry and what README
 * shows. Two lines: the command queue stub, then the loader tag with the site's slug, its colour (`data-color`, so
 * the launcher paints in it from the first paint, before any request) and its default language (`data-locale`,
 * spoken when none of the visitor's languages is). A pure function of its input: every value is escaped as an
 * attribute, so no slug, colour or URL can end the tag.
 */
import { escapeHtml } from '../services/mail-text.js';

export interface EmbedSnippetInput {
  /** The support server's base URL (PUBLIC_URL): widget.js is served from it. */
  publicUrl: string;
  siteSlug: string;
  color: string;
  locale: string;
  /** The host page's CSP nonce: under 'strict-dynamic' both tags need it (README, Host CSP). */
  nonce?: string;
}

export function embedSnippet({ publicUrl, siteSlug, color, locale, nonce }: EmbedSnippetInput): string {
  const nonceAttribute = nonce === undefined ? '' : ` nonce="${escapeHtml(nonce)}"`;
  const widgetSrc = `${publicUrl.replace(/\/+$/, '')}/widget.js`;
  return (
    `<script${nonceAttribute}>window.Porthole=window.Porthole||function(){(Porthole.q=Porthole.q||[]).push(arguments)}</script>\n` +
    `<script async src="${escapeHtml(widgetSrc)}" data-site="${escapeHtml(siteSlug)}" data-color="${escapeHtml(color)}" data-locale="${escapeHtml(locale)}"${nonceAttribute}></script>`
  );
}
