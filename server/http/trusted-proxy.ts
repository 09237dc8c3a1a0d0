/**
 * Which peers are proxies whose `X-Forwarded-For` we believe (TRUST_PROXY): one rule, given to Fastify
 * for the client address of each request and to the connection cap, which must not count a proxy's
 * own address as one client.
 */
import { BlockList, isIP } from 'node:net';

/** The names Fastify's proxy-addr knows, so a TRUST_PROXY written for it means the same here. */
const NAMED: Record<string, string[]> = {
  loopback: ['127.0.0.1/8', '::1/128'],
  linklocal: ['169.254.0.0/16', 'fe80::/10'],
  uniquelocal: ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', 'fc00::/7'],
};

export type TrustedProxy = false | ((address: string, hop: number) => boolean);

/**
 * `false`: nobody (the socket's peer is the client). `true`: every peer. A string: a comma-separated
 * list of addresses, subnets (`10.0.0.0/8`) and the names above; anything else throws.
 */
export function trustedProxy(setting: boolean | string): TrustedProxy {
  if (setting === false) return false;
  if (setting === true) return () => true;
  const trusted = new BlockList();
  for (const entry of setting.split(',').flatMap((item) => NAMED[item.trim()] ?? [item.trim()])) {
    const [address = '', bits] = entry.split('/');
    const family = isIP(address);
    const prefix = bits === undefined ? (family === 4 ? 32 : 128) : Number(bits);
    if (!family || !Number.isInteger(prefix) || prefix < 0 || prefix > (family === 4 ? 32 : 128)) {
      throw new Error(`TRUST_PROXY: "${entry}" is not an address, a subnet (10.0.0.0/8) or one of ${Object.keys(NAMED).join(', ')}`);
    }
    trusted.addSubnet(address, prefix, family === 4 ? 'ipv4' : 'ipv6');
  }
  return (address) => {
    const family = isIP(address);
    return family !== 0 && trusted.check(address, family === 4 ? 'ipv4' : 'ipv6');
  };
}
