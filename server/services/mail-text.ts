/**
 * Mail bodies: plain text, and the same words as escaped HTML. Everything people wrote is escaped,
 * never interpreted; links are built only from the site's supportUrl or PUBLIC_URL.
 */
import type { MailBody } from '../store/types.js';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (char) => ESCAPES[char]!);

/** A mail of paragraphs, optionally quoting what someone wrote, ending with one link. */
export function composeMail(
  subject: string,
  paragraphs: string[],
  quote: { author: string; body: string } | null,
  link: { label: string; url: string },
): MailBody {
  const text = [...paragraphs, ...(quote ? [`${quote.author} wrote:`, quote.body.replace(/^/gm, '> ')] : []), `${link.label}: ${link.url}`].join('\n\n');
  const html = [
    ...paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`),
    ...(quote
      ? [
          `<p>${escapeHtml(quote.author)} wrote:</p>`,
          `<blockquote style="margin:0;padding-left:12px;border-left:3px solid #ccc;white-space:pre-wrap">${escapeHtml(quote.body)}</blockquote>`,
        ]
      : []),
    `<p><a href="${escapeHtml(link.url)}">${escapeHtml(link.label)}</a></p>`,
  ].join('\n');
  return { subject, text, html: `<!doctype html><html><body style="font-family:system-ui,sans-serif;line-height:1.5">${html}</body></html>` };
}
