/**
 * `export-person` and `erase-person` (issue 14): everything Porthole holds about one person of a
 * site, by email address, as JSON — and erasing it. The store does the rows (store/rules/privacy.ts
 * says what goes and what stays); this file does what lies outside the database: attachments' bytes
 * in FILES_DIR, and development mail written as `.eml` files to MAIL_DIR.
 */
import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { simpleParser } from 'mailparser';
import { readConfig } from '../config.js';
import { fileStorageFor } from '../files/files.js';
import { ERASED_PARTS, type PersonErasure } from '../store/rules/privacy.js';
import { UsageError } from './args.js';
import { checkEmail, checkSlug } from './checks.js';
import { defineCommand, plural } from './command.js';
import { siteBySlug } from './lookups.js';

const PERSON_OPTIONS = [
  { name: 'site', value: '<slug>', required: true, help: 'The site.' },
  { name: 'email', value: '<email>', required: true, help: "The person's email address." },
];

/** What an export says about itself, first in the file. */
const EXPORT_NOTE =
  'What this person may see: public messages only (the support team’s internal notes are not theirs to see); other people are named only where this person was shown them.';

export const exportPerson = defineCommand({
  spec: {
    name: 'export-person',
    brief: 'Print everything the site holds about one person, as JSON.',
    summary:
      'Export one person of a site, by email address: their identity, requests and public messages, CCs, files (name, type, size), Help Center account, mail to and from them and block-list entries, as JSON.',
    options: [...PERSON_OPTIONS, { name: 'out', value: '<file>', help: 'Write the JSON to this file instead of standard output.' }],
    notes: ['Internal notes are left out: an export is what the person may see. A summary line goes to standard error.'],
    examples: ['export-person --site demo --email alice@example.com', 'export-person --site demo --email alice@example.com --out alice.json'],
  },
  parse: (options) => ({
    slug: checkSlug(options.required('site'), '--site'),
    email: checkEmail(options.required('email')),
    out: options.string('out'),
  }),
  async run({ slug, email, out }, { store, io, clock, env }) {
    const site = await siteBySlug(store, slug);
    const person = await store.privacy.exportPerson(site.id, email);
    const json = JSON.stringify(
      { format: 'porthole.person-export/1', site: { slug: site.slug, name: site.name }, exportedAt: clock().toISOString(), note: EXPORT_NOTE, ...person },
      null,
      2,
    );
    if (out === undefined) io.out(json);
    else await writeFile(resolve(env.INIT_CWD ?? process.cwd(), out), `${json}\n`, { mode: 0o600 });
    const messages = person.requests.reduce((sum, request) => sum + request.messages.length, 0);
    io.err(
      `Site "${slug}": exported ${email}${out === undefined ? '' : ` to ${out}`}: ${plural(person.identities.length, 'identity record')}, ${plural(person.requests.length, 'request')}, ${plural(messages, 'message')}, ${plural(person.ccRequests.length, 'CC')}, ${plural(person.attachments.length, 'file')}, ${plural(person.mailToThem.length, 'mail')} to them.`,
    );
  },
});

export const erasePerson = defineCommand({
  spec: {
    name: 'erase-person',
    brief: "Erase one person's identity and messages from a site, for good (needs --yes).",
    summary:
      'Erase one person of a site, by email address: their identity, the text of their requests and messages, their files, CCs, mail, Help Center account and sessions. Their requests stay as anonymised records ("Erased person") for the team’s figures: status, times, category, tags and owner are kept.',
    options: [...PERSON_OPTIONS, { name: 'yes', help: 'Confirm: this cannot be undone.' }],
    notes: [
      'Run export-person first if the person asked for a copy. The database files are compacted afterwards (SQLite: VACUUM; PostgreSQL: VACUUM FULL of the tables touched), so the erased text is not left in them; development mail in MAIL_DIR that mentions them is deleted too. Mail already sent by SMTP is out of Porthole’s reach.',
    ],
    examples: ['erase-person --site demo --email alice@example.com --yes'],
  },
  parse: (options) => {
    const input = { slug: checkSlug(options.required('site'), '--site'), email: checkEmail(options.required('email')) };
    if (!options.has('yes')) {
      throw new UsageError(`erase-person deletes ${input.email}'s identity and messages on "${input.slug}" for good; add --yes to go ahead.`);
    }
    return input;
  },
  async run({ slug, email }, { store, io, clock, env }) {
    const site = await siteBySlug(store, slug);
    const config = readConfig(env);
    const erasure = await store.privacy.erasePerson(site.id, email, clock().toISOString());
    // The rows are gone; bytes left by a failure here are nobody's and never served.
    const files = fileStorageFor(store, config);
    for (const file of erasure.files) await files.remove(file.siteId, file.storageKey);
    const mailFiles = await removeMailFiles(config.mailDir, erasure.mailMarks);
    for (const warning of erasure.warnings) io.err(`warning: ${warning}`);
    io.err(`Site "${slug}": erased ${email}: ${summary(erasure)}, ${plural(mailFiles, 'mail file')} in ${config.mailDir}.`);
  },
});

function summary(erasure: PersonErasure): string {
  return ERASED_PARTS.map((part) => `${erasure.counts[part]} ${part.replace(/[A-Z]/g, (letter) => ` ${letter.toLowerCase()}`)}`).join(', ');
}

/** Deletes the `.eml` files that hold any of `marks` (case ignored), as written or once decoded; returns how many. */
export async function removeMailFiles(mailDir: string, marks: string[]): Promise<number> {
  const names = await readdir(mailDir).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [] as string[];
    throw error;
  });
  const wanted = marks.map((mark) => mark.toLowerCase()).filter(Boolean);
  let removed = 0;
  for (const name of names.filter((candidate) => candidate.endsWith('.eml'))) {
    const path = join(mailDir, name);
    const raw = await readFile(path);
    if (wanted.length && (await mentions(raw, wanted))) {
      await rm(path, { force: true });
      removed++;
    }
  }
  return removed;
}

async function mentions(raw: Buffer, marks: string[]): Promise<boolean> {
  const has = (text: string) => marks.some((mark) => text.toLowerCase().includes(mark));
  if (has(raw.toString('latin1'))) return true;
  // Bodies may be quoted-printable or base64: read them as a mail client would.
  const mail = await simpleParser(raw, { skipTextToHtml: true, skipImageLinks: true, skipTextLinks: true });
  return has([mail.subject ?? '', mail.text ?? '', typeof mail.html === 'string' ? mail.html : ''].join('\n'));
}
