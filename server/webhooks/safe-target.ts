/**
 * Where a webhook may send: the address rule, written once. A target is refused when its URL is
 * not http(s), or when ANY address its host resolves to is not on the public internet — so a name
 * that resolves to both a public and an internal address cannot be used to reach the internal one.
 * The caller connects to the address checked here (send.ts), never to a second lookup's answer,
 * so a name that changes between the check and the connection (DNS rebinding) gains nothing.
 */
import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';

/** Ranges no webhook may reach, with what each is, for the error a refused target gets. */
const NOT_PUBLIC: [kind: string, family: 'ipv4' | 'ipv6', network: string, prefix: number][] = [
  ['an unspecified', 'ipv4', '0.0.0.0', 8],
  ['a private', 'ipv4', '10.0.0.0', 8],
  ['a carrier-grade NAT (CGNAT)', 'ipv4', '100.64.0.0', 10],
  ['a loopback', 'ipv4', '127.0.0.0', 8],
  ['a link-local', 'ipv4', '169.254.0.0', 16],
  ['a private', 'ipv4', '172.16.0.0', 12],
  ['a special-purpose', 'ipv4', '192.0.0.0', 24],
  ['a documentation', 'ipv4', '192.0.2.0', 24],
  ['a private', 'ipv4', '192.168.0.0', 16],
  ['a benchmarking', 'ipv4', '198.18.0.0', 15],
  ['a documentation', 'ipv4', '198.51.100.0', 24],
  ['a documentation', 'ipv4', '203.0.113.0', 24],
  ['a multicast', 'ipv4', '224.0.0.0', 4],
  ['a reserved', 'ipv4', '240.0.0.0', 4],
  ['an unspecified', 'ipv6', '::', 128],
  ['a loopback', 'ipv6', '::1', 128],
  // IPv4-compatible, NAT64, Teredo and 6to4 addresses carry an IPv4 address a gateway may reach: none is worth the doubt.
  ['an IPv4-compatible', 'ipv6', '::', 96],
  ['a NAT64', 'ipv6', '64:ff9b::', 96],
  ['a NAT64', 'ipv6', '64:ff9b:1::', 48],
  ['a Teredo', 'ipv6', '2001::', 32],
  ['a documentation', 'ipv6', '2001:db8::', 32],
  ['a 6to4', 'ipv6', '2002::', 16],
  ['a unique-local', 'ipv6', 'fc00::', 7],
  ['a link-local', 'ipv6', 'fe80::', 10],
  ['a site-local', 'ipv6', 'fec0::', 10],
  ['a multicast', 'ipv6', 'ff00::', 8],
];

const ranges = NOT_PUBLIC.map(([kind, family, network, prefix]) => {
  const list = new BlockList();
  list.addSubnet(network, prefix, family);
  return { kind, family, list };
});

/** `::ffff:10.0.0.1` (or `::ffff:a00:1`) is the IPv4 address 10.0.0.1, and judged as that. */
function unmapped(address: string): string {
  const mapped = /^(?:0{0,4}:){0,5}:?ffff:(.+)$/i.exec(address)?.[1];
  if (!mapped || isIP(address) !== 6) return address;
  if (isIP(mapped) === 4) return mapped;
  const hex = /^([0-9a-f]{1,4}):([0-9a-f]{1,4})$/i.exec(mapped);
  if (!hex) return address;
  const [high, low] = [parseInt(hex[1]!, 16), parseInt(hex[2]!, 16)];
  return [high >> 8, high & 255, low >> 8, low & 255].join('.');
}

/** What kind of non-public address this is ("a loopback address"), or null for a public one. */
export function nonPublicKind(address: string): string | null {
  const plain = unmapped(address);
  const family = isIP(plain) === 4 ? 'ipv4' : isIP(plain) === 6 ? 'ipv6' : null;
  if (!family) return 'not an IP';
  const hit = ranges.find((range) => range.family === family && range.list.check(plain, family));
  return hit ? `${hit.kind} address` : null;
}

/** A target refused by the rule: the delivery is given up on at once (trying again would only be refused again). */
export class RefusedTargetError extends Error {}

/** The URL a webhook may have: http or https, no user name or password in it. Throws RefusedTargetError saying why not. */
export function webhookUrl(text: string): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new RefusedTargetError(`"${text}" is not a URL.`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new RefusedTargetError(`Only http: and https: URLs can receive webhooks, not ${url.protocol}`);
  if (url.username || url.password) throw new RefusedTargetError('A webhook URL cannot carry a user name or password.');
  return url;
}

/** The URL's host as an address when it is one (`[::1]` → `::1`), else undefined. */
export function literalAddress(url: URL): string | undefined {
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  return isIP(host) ? host : undefined;
}

export interface CheckedAddress {
  address: string;
  family: 4 | 6;
}

/**
 * The address to connect to for `url`: its host resolved (all addresses), every one checked unless
 * `allowPrivate`. Throws RefusedTargetError for a refused one; a failed lookup throws as it is (worth retrying).
 */
export async function resolveTarget(url: URL, allowPrivate: boolean): Promise<CheckedAddress> {
  const host = literalAddress(url) ?? url.hostname;
  const addresses = await lookup(host, { all: true, verbatim: true });
  if (!addresses.length) throw new Error(`${host} has no address`);
  if (!allowPrivate) {
    for (const { address } of addresses) {
      const kind = nonPublicKind(address);
      if (kind)
        throw new RefusedTargetError(`refused: ${host} resolves to ${address}, ${kind} (WEBHOOK_ALLOW_PRIVATE_NETWORKS=true allows it, for development only)`);
    }
  }
  const [first] = addresses;
  return { address: first!.address, family: first!.family === 6 ? 6 : 4 };
}
