/**
 * `set-dkim`: the key a site's mail is DKIM-signed with. The private key is read from a file and
 * kept in the database (every instance signs alike); it is never printed back — what is printed is
 * the DNS record that publishes its public half, which is what the admin needs next.
 */
import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { AdminError, UsageError } from './args.js';
import { checkDomain, checkSlug } from './checks.js';
import { defineCommand } from './command.js';
import { siteBySlug } from './lookups.js';

// Stops signing (the option takes a value; there are no bare flags).
const NONE = 'none';
// A DNS label or dotted labels: the selector names `<selector>._domainkey.<domain>`.
const SELECTOR = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/;
// Receivers ignore RSA keys under 1024 bits; 2048 is what providers ask for.
const MIN_RSA_BITS = 1024;

export const setDkim = defineCommand({
  spec: {
    name: 'set-dkim',
    brief: "Sign a site's mail with a DKIM key.",
    summary:
      'Sign every mail a site sends with an RSA DKIM key (2048 bits recommended) for a domain — the domain of the site\'s From address (set-mail-from) or one it belongs to. The private key is kept in the database and never printed; the command prints the DNS TXT record to publish. "--key-file none" stops signing.',
    options: [
      { name: 'site', value: '<slug>', required: true, help: 'The site.' },
      { name: 'domain', value: '<domain>', help: 'The signing domain (d=), e.g. northwind.example; needed with a key.' },
      { name: 'selector', value: '<selector>', help: 'The selector (s=): the record goes at <selector>._domainkey.<domain>; needed with a key.' },
      { name: 'key-file', value: `<file.pem>|${NONE}`, required: true, help: `A PEM private key (PKCS#8 or PKCS#1), or "${NONE}" to stop signing.` },
    ],
    notes: ['Make a key with: openssl genrsa -out key.pem 2048'],
    examples: ['set-dkim --site demo --domain northwind.example --selector s1 --key-file key.pem', `set-dkim --site demo --key-file ${NONE}`],
  },

  parse: (options) => {
    const slug = checkSlug(options.required('site'), '--site');
    const keyFile = options.required('key-file');
    if (keyFile === NONE) return { slug, sign: null };
    const selector = options.required('selector').trim().toLowerCase();
    if (!SELECTOR.test(selector)) throw new UsageError(`--selector "${selector}" is not a DNS label: use letters, digits and "-", e.g. "s1" or "mail2026".`);
    return { slug, sign: { domain: checkDomain(options.required('domain'), 'northwind.example'), selector, keyFile } };
  },

  async run({ slug, sign }, { store, io }) {
    const site = await siteBySlug(store, slug);
    if (!sign) {
      await store.siteMail.setDkim(site.id, null);
      io.out(`Site "${slug}": mail is no longer DKIM-signed. The DNS record may be removed.`);
      return;
    }
    const key = readKey(sign.keyFile);
    await store.siteMail.setDkim(site.id, {
      domain: sign.domain,
      selector: sign.selector,
      privateKey: key.export({ type: 'pkcs8', format: 'pem' }).toString(),
    });
    const identity = await store.siteMail.identity(site.id);
    const from = identity?.fromAddress;
    io.out(`Site "${slug}": mail is now DKIM-signed for ${sign.domain} with selector ${sign.selector}. Publish this DNS TXT record:`);
    io.out(`${sign.selector}._domainkey.${sign.domain}. TXT "${dnsRecordOf(key)}"`);
    if (!from || !alignsWith(from, sign.domain)) {
      io.err(
        `warning: the site's From address (${from ?? "MAIL_FROM's"}) is not at ${sign.domain}: receivers check that the signing domain matches the From domain (DMARC). Set one with set-mail-from.`,
      );
    }
  },
});

function readKey(path: string): KeyObject {
  let pem: string;
  try {
    pem = readFileSync(path, 'utf8');
  } catch (error) {
    throw new AdminError(`Cannot read --key-file ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  let key: KeyObject;
  try {
    key = createPrivateKey(pem);
  } catch {
    // The reason would quote the file; a key file is not something to echo.
    throw new AdminError(`--key-file ${path} is not a PEM private key.`);
  }
  // nodemailer signs rsa-sha256 only.
  if (key.asymmetricKeyType !== 'rsa') throw new AdminError(`--key-file ${path} is a ${key.asymmetricKeyType} key: make an RSA key for DKIM.`);
  if ((key.asymmetricKeyDetails?.modulusLength ?? 0) < MIN_RSA_BITS)
    throw new AdminError(`--key-file ${path} is shorter than ${MIN_RSA_BITS} bits: make a 2048-bit key.`);
  return key;
}

/** The TXT record's value: `v=DKIM1; k=rsa; p=<the public key, DER SubjectPublicKeyInfo in base64>` (RFC 6376 3.6.1). */
const dnsRecordOf = (privateKey: KeyObject): string =>
  `v=DKIM1; k=rsa; p=${createPublicKey(privateKey).export({ type: 'spki', format: 'der' }).toString('base64')}`;

/** Relaxed alignment: the From address is at the signing domain or below it. */
const alignsWith = (address: string, domain: string) => {
  const host = address.slice(address.lastIndexOf('@') + 1);
  return host === domain || host.endsWith(`.${domain}`);
};
