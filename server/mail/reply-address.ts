/**
 * Reply addresses: every mail to a customer about a request says `Reply-To: reply+<token>@INBOUND_DOMAIN`,
 * and a reply's token alone decides whose words it carries and on which request.
 *
 * The token is `base32(key ‖ day ‖ mac)`, 22 bytes as 36 lower-case characters (`reply+` and it make
 * 42 of the local part's 64 octets; lower case survives servers that fold it):
 * - `key`, 10 random bytes: the row of `reply_addresses` for this (request, recipient), made on the
 *   first mail to them and reused for every later one — the database says who and which request, so
 *   the token need not, and cannot be edited into another's;
 * - `day`, the day the mail went out (days since 1970, 2 bytes): the token expires REPLY_TOKEN_DAYS after;
 * - `mac`, HMAC-SHA256 of key and day under the server's reply key, cut to 10 bytes (80 bits).
 * The mac is checked before any look-up, so a forged token costs one HMAC and never a query.
 * The reply key is the server's own secret (generated once, stored like the session secret, under
 * its own name so neither signs for the other).
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { OutboxRow } from '../store/rows.js';
import type { Store } from '../store/types.js';
import type { Clock } from '../services/clock.js';

const KEY_BYTES = 10;
const DAY_BYTES = 2;
const MAC_BYTES = 10;
const DAY_MS = 24 * 60 * 60 * 1000;
const LOCAL_PREFIX = 'reply+';
const ALPHABET = 'abcdefghijklmnopqrstuvwxyz234567';

export type TokenReading = { kind: 'valid'; key: string } | { kind: 'forged' | 'expired' };

export interface ReplyAddresses {
  /** The address for the reply-address row `key` (hex), in a mail sent now. */
  addressFor(key: string): string;
  /** What a recipient address at INBOUND_DOMAIN says, when it is a reply address at all (else undefined). */
  read(address: string): TokenReading | undefined;
}

export interface ReplyAddressOptions {
  /** The server's reply key. */
  secret: string;
  domain: string;
  days: number;
  clock: Clock;
}

export function createReplyAddresses(options: ReplyAddressOptions): ReplyAddresses {
  const { secret, domain, days, clock } = options;
  const macOf = (keyAndDay: Buffer) => createHmac('sha256', secret).update('porthole reply address\0').update(keyAndDay).digest().subarray(0, MAC_BYTES);
  const today = () => Math.floor(clock().getTime() / DAY_MS);
  return {
    addressFor(key) {
      const keyAndDay = Buffer.alloc(KEY_BYTES + DAY_BYTES);
      Buffer.from(key, 'hex').copy(keyAndDay);
      keyAndDay.writeUInt16BE(today(), KEY_BYTES);
      return `${LOCAL_PREFIX}${base32(Buffer.concat([keyAndDay, macOf(keyAndDay)]))}@${domain}`;
    },
    read(address) {
      const lower = address.toLowerCase();
      if (!lower.startsWith(LOCAL_PREFIX) || !lower.endsWith(`@${domain}`)) return undefined;
      const token = lower.slice(LOCAL_PREFIX.length, -domain.length - 1);
      const bytes = fromBase32(token);
      // Only the one spelling we write: the last character's spare bits could otherwise vary unseen.
      if (!bytes || bytes.length !== KEY_BYTES + DAY_BYTES + MAC_BYTES || base32(bytes) !== token) return { kind: 'forged' };
      const keyAndDay = bytes.subarray(0, KEY_BYTES + DAY_BYTES);
      if (!timingSafeEqual(macOf(keyAndDay), bytes.subarray(KEY_BYTES + DAY_BYTES))) return { kind: 'forged' };
      const issued = keyAndDay.readUInt16BE(KEY_BYTES);
      if (today() - issued > days) return { kind: 'expired' };
      return { kind: 'valid', key: keyAndDay.subarray(0, KEY_BYTES).toString('hex') };
    },
  };
}

/** The server's reply key: generated once, kept in the database, the same on every instance. */
export const replyKeySecret = (store: Store): Promise<string> => store.settings.getOrCreate('reply_address_key', () => randomBytes(32).toString('base64url'));

/**
 * The Reply-To of an outbox row, at send time: customers' mails about a request get theirs (the row
 * names its recipient, rules/outbox-mail.ts); agents' mails, digests and Help Center links none.
 */
export function replyToOf(store: Store, addresses: ReplyAddresses, clock: Clock) {
  return async (row: Pick<OutboxRow, 'siteId' | 'requestId' | 'toEndUserId'>): Promise<string | undefined> => {
    if (row.requestId === null || row.toEndUserId === null) return undefined;
    return addresses.addressFor(await store.inbound.replyKey(row.siteId, row.requestId, row.toEndUserId, clock().toISOString()));
  };
}

function base32(bytes: Buffer): string {
  let out = '';
  let bits = 0;
  let value = 0;
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += ALPHABET[(value << (5 - bits)) & 31];
  return out;
}

function fromBase32(text: string): Buffer | undefined {
  const out: number[] = [];
  let bits = 0;
  let value = 0;
  for (const char of text) {
    const digit = ALPHABET.indexOf(char);
    if (digit < 0) return undefined;
    value = ((value << 5) | digit) & 0xffff;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 255);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}
