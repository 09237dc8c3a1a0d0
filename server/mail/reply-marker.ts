/**
 * "Reply above this line": outbound mail to customers carries the marker in its text and HTML
 * parts, and the inbound parser keeps only what a reply has above it. Every locale's marker is
 * recognised, whatever language the mail went out in: a customer may forward or answer a mail
 * sent before the site's or their language changed.
 */
import { allTables } from '../../widget/i18n/all-tables.js';

export const REPLY_MARKERS: readonly string[] = [...new Set(Object.values(allTables).map((tables) => tables.mailMessages.replyAbove))];
