/**
 * Mail bodies: a plain-text part, and the same content as HTML in the site's colours. The HTML is
 * built by escaping every value that goes into it — the site's name, the words, what people wrote,
 * the link — with the one `escapeHtml` below; nothing anyone typed is ever interpreted as HTML. No
 * remote images and no scripts: a mail reads the same with images off, and a screen reader reads
 * real text (the header bar is the site's name as text, the button a link with a label).
 */
import type { MailBody } from '../store/types.js';
import { tablesFor } from '../../widget/i18n/all-tables.js';
import { textDirection, type Locale } from '../../widget/i18n/locales.js';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (char) => ESCAPES[char]!);

/** One message of the conversation as a mail shows it. */
export interface QuotedMessage {
  author: string;
  /** ISO time it was written. */
  at: string;
  body: string;
}

export interface MailLayout {
  /** The reader's language: the mail's own words, its dates and its `<html lang dir>` (the caller's words are already in it). */
  locale: Locale;
  subject: string;
  /** The site the mail speaks for: its name heads the mail, its colour fills the bar and the button. */
  site: { name: string; color: string };
  /** Customers' mails begin with the line their reply goes above (the inbound parser cuts there). */
  replyMarker: boolean;
  paragraphs: string[];
  /** Latest first; the first is shown as the message, the rest below the link as the earlier conversation. */
  conversation: QuotedMessage[];
  /** Earlier messages left out of `conversation` (a mail carries a few); said in one line, not shown. */
  olderNotShown?: number;
  link: { label: string; url: string };
  /** Links after the main one, in a line of their own (the solve mail's rating: "How did we do?" Good, Bad). */
  moreLinks?: { intro: string; links: { label: string; url: string }[] };
}

// Stored colours are #rrggbb (admin/checks.ts checkColor); anything else falls back rather than reaching a style attribute.
const HEX_COLOR = /^#[0-9a-f]{6}$/i;
const FALLBACK_COLOR = '#334155';
const DARK_TEXT = '#111111';
const LIGHT_TEXT = '#ffffff';

// In UTC, and saying so: a mail cannot know its reader's time zone. One formatter per language, made on first use.
const formatters = new Map<Locale, Intl.DateTimeFormat>();
const when = (locale: Locale) => {
  let formatter = formatters.get(locale);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat(locale, {
      year: 'numeric',
      month: 'short',
      day: 'numeric',
      hour: 'numeric',
      minute: '2-digit',
      timeZone: 'UTC',
      timeZoneName: 'short',
    });
    formatters.set(locale, formatter);
  }
  return formatter;
};
const writtenAt = (locale: Locale, message: QuotedMessage) => tablesFor(locale).mailMessages.wrote(message.author, when(locale).format(new Date(message.at)));

export function composeMail(layout: MailLayout): MailBody {
  return { subject: layout.subject, text: textOf(layout), html: htmlOf(layout) };
}

function textOf(layout: MailLayout): string {
  const mailMessages = tablesFor(layout.locale).mailMessages;
  const more = layout.moreLinks;
  const [latest, ...earlier] = layout.conversation;
  const quoted = (message: QuotedMessage) => `${writtenAt(layout.locale, message)}\n${message.body.replace(/^/gm, '> ')}`;
  return [
    ...(layout.replyMarker ? [mailMessages.replyAbove] : []),
    ...layout.paragraphs,
    ...(latest ? [quoted(latest)] : []),
    `${layout.link.label}: ${layout.link.url}`,
    ...(more ? [[more.intro, ...more.links.map((link) => `${link.label}: ${link.url}`)].join('\n')] : []),
    // A plain heading line: one starting with "--" would read as a signature to reply parsers.
    ...(earlier.length ? [mailMessages.earlierMessages, ...earlier.map(quoted)] : []),
    ...(layout.olderNotShown ? [mailMessages.olderNotShown(layout.olderNotShown)] : []),
  ].join('\n\n');
}

function htmlOf(layout: MailLayout): string {
  const mailMessages = tablesFor(layout.locale).mailMessages;
  const more = layout.moreLinks;
  const color = HEX_COLOR.test(layout.site.color) ? layout.site.color : FALLBACK_COLOR;
  const onColor = readableOn(color);
  const [latest, ...earlier] = layout.conversation;
  const paragraph = (text: string, style = '') => `<p style="margin:0 0 16px${style}">${escapeHtml(text)}</p>`;
  // Symmetric boxes only (no left or right borders): the mail reads the same in a right-to-left locale.
  const message = (m: QuotedMessage) =>
    `<blockquote style="margin:0 0 16px;padding:12px;border:1px solid #d4d4d8;border-radius:6px">` +
    `<p style="margin:0 0 8px;color:#52525b;font-size:14px">${escapeHtml(writtenAt(layout.locale, m))}</p>` +
    `<p style="margin:0;white-space:pre-wrap">${escapeHtml(m.body)}</p></blockquote>`;
  const body = [
    ...(layout.replyMarker ? [`<p style="margin:0 0 12px;color:#52525b;font-size:13px">${escapeHtml(mailMessages.replyAbove)}</p>`] : []),
    // A one-column layout table: the one structure every mail client (Outlook's Word engine too) lays out alike.
    '<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="max-width:600px;margin:0 auto;background:#ffffff;border:1px solid #e4e4e7;border-radius:8px;border-collapse:separate">',
    `<tr><td style="background:${color};color:${onColor};padding:14px 20px;font-size:18px;font-weight:bold;border-radius:8px 8px 0 0">${escapeHtml(layout.site.name)}</td></tr>`,
    '<tr><td style="padding:20px">',
    ...layout.paragraphs.map((text) => paragraph(text)),
    ...(latest ? [message(latest)] : []),
    `<p style="margin:0 0 16px"><a href="${escapeHtml(layout.link.url)}" style="display:inline-block;background:${color};color:${onColor};padding:10px 18px;border-radius:6px;text-decoration:none;font-weight:bold">${escapeHtml(layout.link.label)}</a></p>`,
    ...(more
      ? [
          `<p style="margin:0 0 16px">${escapeHtml(more.intro)} ${more.links
            .map((link) => `<a href="${escapeHtml(link.url)}" style="color:#18181b;font-weight:bold">${escapeHtml(link.label)}</a>`)
            .join(' · ')}</p>`,
        ]
      : []),
    ...(earlier.length ? [`<h2 style="margin:24px 0 12px;font-size:16px">${escapeHtml(mailMessages.earlierMessages)}</h2>`, ...earlier.map(message)] : []),
    ...(layout.olderNotShown ? [paragraph(mailMessages.olderNotShown(layout.olderNotShown), ';color:#52525b;font-size:14px')] : []),
    '</td></tr></table>',
  ].join('\n');
  return `<!doctype html><html lang="${escapeHtml(layout.locale)}" dir="${textDirection(layout.locale)}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${escapeHtml(layout.subject)}</title></head><body style="margin:0;padding:16px;background:#f4f4f5;color:#18181b;font-family:system-ui,sans-serif;line-height:1.5">${body}</body></html>`;
}

/** White or near-black text on `color`, whichever contrasts more (WCAG relative luminance). */
function readableOn(color: string): string {
  const channel = (offset: number) => {
    const value = parseInt(color.slice(offset, offset + 2), 16) / 255;
    return value <= 0.03928 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4;
  };
  const luminance = 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
  const againstWhite = 1.05 / (luminance + 0.05);
  const againstDark = (luminance + 0.05) / 0.0555; // #111111's luminance is about 0.0056
  return againstWhite >= againstDark ? LIGHT_TEXT : DARK_TEXT;
}
