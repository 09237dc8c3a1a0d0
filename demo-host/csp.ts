import { randomBytes } from 'node:crypto';
import { DOWNLOAD_PATH } from '../server/files/download-urls.js';

/** A fresh nonce for one response; 128 bits, so it cannot be guessed or reused. */
export function createNonce(): string {
  return randomBytes(16).toString('base64');
}

/**
 * The strict policy a careful shop would send, so the demo proves the widget
 * works under it (DESIGN §4 "Host CSP"):
 * - scripts run only with this response's nonce; 'strict-dynamic' lets the
 *   nonced loader import its panel chunks without listing the support origin;
 * - the widget talks to the support server, so only that origin joins 'self'
 *   in connect-src;
 * - images: the shop's own, and the previews of image files in a conversation,
 *   from the support server's download path only (nothing else there is an image);
 * - style-src has no 'unsafe-inline': the widget must style itself through
 *   adoptedStyleSheets, never `<style>` or `style=`;
 * - forms (the shop's sign-in and sign-out) post only back to the shop.
 */
export function contentSecurityPolicy(nonce: string, publicUrl: string): string {
  // The origin, not the raw setting: a path or stray character in PUBLIC_URL
  // must never be able to add or bend a directive.
  const supportOrigin = new URL(publicUrl).origin;
  return [
    "default-src 'self'",
    `script-src 'nonce-${nonce}' 'strict-dynamic'`,
    "style-src 'self'",
    `connect-src 'self' ${supportOrigin}`,
    `img-src 'self' data: ${supportOrigin}${DOWNLOAD_PATH}/`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}
