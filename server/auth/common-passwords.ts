/**
 * "Is this among the most common passwords?" — checked against common-passwords.txt (what it is
 * and where it comes from: common-passwords.NOTICE), read once on first use. The list is
 * lowercased, so the check is too: `Password1234` is as guessable as `password1234`.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

// Beside this file in the source; the bundled server (dist/server/) gets a copy from build.mjs.
const listFile = join(dirname(fileURLToPath(import.meta.url)), 'common-passwords.txt');
let common: Set<string> | undefined;

export function isCommonPassword(password: string): boolean {
  common ??= new Set(readFileSync(listFile, 'utf8').split('\n').filter(Boolean));
  return common.has(password.normalize('NFKC').toLowerCase());
}
