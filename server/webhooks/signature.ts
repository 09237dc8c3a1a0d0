/**
 * Webhook signatures, as Stripe signs its own: `Porthole-Signature: t=<unix seconds>,v1=<hex>`,
 * where the hex is HMAC-SHA256, keyed by the webhook's whole secret, of `<t>.<raw body>`. The time
 * is signed with the body so a receiver can refuse an old delivery replayed at it.
 */
import { createHmac, randomBytes } from 'node:crypto';

export const SIGNATURE_HEADER = 'Porthole-Signature';

/** A new signing secret: printed once by add-webhook, stored for the server to sign with. */
export const newWebhookSecret = () => `whsec_${randomBytes(24).toString('base64url')}`;

export function signatureHeader(secret: string, unixSeconds: number, body: string): string {
  const digest = createHmac('sha256', secret).update(`${unixSeconds}.${body}`).digest('hex');
  return `t=${unixSeconds},v1=${digest}`;
}
