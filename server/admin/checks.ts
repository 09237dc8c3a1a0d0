/** Checks on admin command input. Each returns the cleaned value or throws a UsageError saying what is wrong. */
import { isEmail, lineProblem, normalizeEmail } from '../contract/rules.js';
import { SITE_SLUG } from '../store/rules/sites.js';
import { UsageError } from './args.js';

/** Site slugs, and article slugs too (they share the shape). */
export const SLUG = SITE_SLUG;

export function checkSlug(value: string, option = '--slug'): string {
  if (!SLUG.test(value)) {
    throw new UsageError(
      `${option} "${value}" is not a valid site slug: use 1–63 characters, lower-case letters, digits and "-", starting with a letter or digit (e.g. "acme" or "acme-shop").`,
    );
  }
  return value;
}

/** A one-line human name (site, agent, token): trimmed, not empty, the single-line rule of contract/rules.ts. */
export function checkName(value: string, option: string, max = 100): string {
  const trimmed = value.trim();
  if (!trimmed) throw new UsageError(`${option} must not be empty.`);
  const problem = lineProblem(trimmed);
  if (problem)
    throw new UsageError(
      problem === 'invisible'
        ? `${option} must have something visible in it.`
        : `${option} must not contain control characters, line separators or bidi controls.`,
    );
  if (trimmed.length > max) throw new UsageError(`${option} is longer than ${max} characters.`);
  return trimmed;
}

/**
 * An allowed origin must be exactly what a browser sends in `Origin`: scheme://host[:port], lower-case,
 * no default port, no path, no trailing slash — matching is exact, so anything else would never match.
 */
export function checkOrigin(value: string): string {
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  const example = 'e.g. https://shop.example.com or http://localhost:8080';
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:') || !url.hostname) {
    throw new UsageError(`--origin "${value}" is not an origin: give scheme://host[:port] with http or https, ${example}.`);
  }
  if (url.username || url.password) throw new UsageError(`--origin "${value}" must not contain a user name or password.`);
  if (url.origin !== value) {
    throw new UsageError(
      `--origin "${value}" must be exactly scheme://host[:port] — no path, query or trailing slash, lower-case, no default port. Did you mean ${url.origin}?`,
    );
  }
  return value;
}

export function checkHttpUrl(value: string, option: string): string {
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:') || url.username || url.password) {
    throw new UsageError(`${option} "${value}" is not an http(s) URL, e.g. https://shop.example.com/help.`);
  }
  return url.href;
}

/** #rgb or #rrggbb, stored lower-case with six digits. */
export function checkColor(value: string): string {
  const match = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(value.trim());
  if (!match) throw new UsageError(`--color "${value}" is not a hex colour: give #rrggbb or #rgb, e.g. #0f766e.`);
  const hex = match[1]!.toLowerCase();
  return `#${hex.length === 3 ? [...hex].map((digit) => digit + digit).join('') : hex}`;
}

// A host name of letters, digits and hyphens, at least two labels: what follows the "@" of an address.
const DOMAIN = /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/** `--domain`: a mail domain, lower-cased. */
export function checkDomain(value: string, example: string): string {
  const domain = value.trim().toLowerCase();
  if (!DOMAIN.test(domain)) throw new UsageError(`--domain "${domain}" is not a mail domain: give what follows the "@", e.g. "${example}".`);
  return domain;
}

export function checkEmail(value: string, option = '--email'): string {
  const email = normalizeEmail(value);
  if (!isEmail(email)) throw new UsageError(`${option} "${value}" is not an email address.`);
  return email;
}

export function checkHours(value: string, option: string, max: number): number {
  const hours = Number(value);
  if (value.trim() === '' || !Number.isFinite(hours) || hours < 0 || hours > max) {
    throw new UsageError(`${option} must be a number of hours from 0 to ${max}, got "${value}".`);
  }
  return hours;
}

export function checkDays(value: string, option: string, max: number): number {
  const days = Number(value);
  if (value.trim() === '' || !Number.isInteger(days) || days < 1 || days > max) {
    throw new UsageError(`${option} must be a whole number of days from 1 to ${max}, got "${value}".`);
  }
  return days;
}

/** A token id as list-tokens prints it (tok_…); the token itself (pat_…) is refused, so it lands in no shell history twice. */
export function checkTokenId(value: string): string {
  if (value.startsWith('pat_')) throw new UsageError("--id takes the token's id (tok_…, from list-tokens), not the token itself.");
  if (!/^tok_[A-Za-z0-9_-]{1,60}$/.test(value)) throw new UsageError(`--id "${value}" is not a token id: ids look like tok_…; list-tokens shows them.`);
  return value;
}
