/**
 * Field limits and checks shared by the widget (before submitting) and the server (before storing).
 * Dependency-free on purpose: the widget bundles this file at runtime, so it must pull nothing else in.
 */

/** The header a page's writes made with a cookie carry their CSRF token in (server/auth/csrf.ts): the inbox's and the Help Center's. */
export const CSRF_HEADER = 'x-porthole-csrf';

export const LIMITS = {
  subject: 150,
  description: 10_000,
  email: 254,
  name: 100,
  fieldValue: 500,
  ccs: 20,
  searchQuery: 200,
  pageUrl: 2048,
  listLimit: 50,
  ratingComment: 1_000,
  fileName: 255,
  /** The most attachment ids a message may name in its schema; ATTACHMENTS_PER_MESSAGE (default 10) is the real limit. */
  attachmentIdsCeiling: 100,
} as const;

/**
 * The only file types ever shown inline (as an <img>) rather than offered as a download: raster
 * images a browser decodes without running anything. SVG is not one of them (it can hold script).
 */
export const INLINE_IMAGE_TYPES: readonly string[] = ['image/png', 'image/jpeg', 'image/gif', 'image/webp'];

/** Why a field was refused; the widget turns these into words from its message table. */
export type FieldProblem =
  | 'required'
  | 'too_long'
  | 'invalid_email'
  | 'invalid_choice'
  | 'unknown_field'
  | 'control_characters'
  | 'invisible'
  | 'duplicate'
  | 'own_address'
  | 'too_many';

/** A category's extra form field, as `GET …/config` describes it. */
export interface CategoryFieldRule {
  key: string;
  label: string;
  type: 'text' | 'select';
  required: boolean;
  options?: string[];
  maxLength?: number;
}

export interface NewRequestInput {
  subject: string;
  description: string;
  email?: string;
  name?: string;
  fields?: Record<string, string>;
}

// Deliberately simple: one "@", a dot in the domain, no spaces — and none of the characters that
// separate or quote addresses in mail headers. Real validation is the mail that arrives.
const EMAIL = /^[^\s@,;:<>()[\]\\"]+@[^\s@.,;:<>()[\]\\"]+(\.[^\s@.,;:<>()[\]\\"]+)+$/;
// Single-line text (subjects, names, ids, field values, emails) is shown inline — in mail headers,
// list rows, "#1042 Where is my parcel?" — so it holds nothing that breaks or reorders the text
// around it: C0 and C1 controls and DEL (U+0085 among them), the line and paragraph separators, the
// bidi embeddings, overrides and isolates, and lone surrogates (not text at all: UTF-8 has no form
// for them). Multi-line text (descriptions, comments) keeps tabs, line breaks and the bidi controls
// (right-to-left writers use them in prose, and a message is shown as a block of its own, past
// whose paragraphs an override cannot reach); it refuses the other controls and lone surrogates.
// Written as escapes so this source file itself stays free of control characters.
const LINE_REFUSED = '\\u0000-\\u001f\\u007f-\\u009f\\u2028\\u2029\\u202a-\\u202e\\u2066-\\u2069\\ud800-\\udfff';
const TEXT_REFUSED = '\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f-\\u009f\\ud800-\\udfff';
/** The same two rules as JSON-schema patterns, for contract/types.ts (Ajv reads patterns with the `u` flag). */
export const LINE_PATTERN = `^[^${LINE_REFUSED}]*$`;
export const TEXT_PATTERN = `^[^${TEXT_REFUSED}]*$`;
// What shows nothing by itself: white space, format characters (zero-width space and joiners,
// U+2060, U+FEFF, the soft hyphen, tags …), combining marks, and the blank Hangul fillers and
// Braille pattern that pass for letters.
const INVISIBLE = /^[\s\p{Cf}\p{M}\u115f\u1160\u3164\uffa0\u2800]*$/u;

function problemWith(refused: string) {
  const bad = new RegExp(`[${refused}]`, 'u');
  return (value: string): 'control_characters' | 'invisible' | undefined =>
    bad.test(value) ? 'control_characters' : INVISIBLE.test(value) ? 'invisible' : undefined;
}

/** Why single-line text may not be stored and shown: `control_characters`, or `invisible` (nothing visible in it). */
export const lineProblem = problemWith(LINE_REFUSED);
const textProblem = problemWith(TEXT_REFUSED);

export const isEmail = (value: string): boolean => value.length <= LIMITS.email && EMAIL.test(value) && lineProblem(value) === undefined;

/** Emails compare trimmed and lower-cased everywhere. */
export const normalizeEmail = (value: string): string => value.trim().toLowerCase();

function checkLine(value: string | undefined, max: number, required: boolean): FieldProblem | undefined {
  const trimmed = (value ?? '').trim();
  if (!trimmed) return required ? 'required' : undefined;
  const problem = lineProblem(value!);
  return problem === 'control_characters' || trimmed.length <= max ? problem : 'too_long';
}

/**
 * Checks a new request against the form rules. Returns a map of dotted field path → problem;
 * empty when the input is acceptable. `signedIn` members may leave out their email.
 */
export function checkNewRequest(input: NewRequestInput, fieldRules: CategoryFieldRule[], signedIn: boolean): Record<string, FieldProblem> {
  const problems: Record<string, FieldProblem> = {};
  const note = (path: string, problem: FieldProblem | undefined) => {
    if (problem) problems[path] = problem;
  };

  note('subject', checkLine(input.subject, LIMITS.subject, true));
  const description = input.description ?? '';
  note('description', !description.trim() ? 'required' : description.length > LIMITS.description ? 'too_long' : textProblem(description));
  note('name', checkLine(input.name, LIMITS.name, false));

  const emailProblem = checkLine(input.email, LIMITS.email, !signedIn);
  note('email', emailProblem ?? (input.email?.trim() && !isEmail(input.email.trim()) ? 'invalid_email' : undefined));

  const given = input.fields ?? {};
  for (const key of Object.keys(given)) {
    if (!fieldRules.some((rule) => rule.key === key)) problems[`fields.${key}`] = 'unknown_field';
  }
  for (const rule of fieldRules) {
    const value = given[rule.key];
    const problem = checkLine(value, rule.maxLength ?? LIMITS.fieldValue, rule.required);
    if (problem) problems[`fields.${rule.key}`] = problem;
    else if (rule.type === 'select' && value?.trim() && !rule.options?.includes(value.trim())) {
      problems[`fields.${rule.key}`] = 'invalid_choice';
    }
  }
  return problems;
}

/**
 * Checks the CC list of a member's new request: each a valid address, none twice, not the
 * requester's own, at most LIMITS.ccs. Problems are keyed `ccs.N` (N = position in the list).
 */
export function checkCcs(ccs: string[], ownEmail: string): Record<string, FieldProblem> {
  const problems: Record<string, FieldProblem> = {};
  if (ccs.length > LIMITS.ccs) problems.ccs = 'too_many';
  const seen = new Set<string>();
  ccs.forEach((raw, index) => {
    const email = normalizeEmail(raw);
    const problem = !isEmail(email) ? 'invalid_email' : seen.has(email) ? 'duplicate' : email === normalizeEmail(ownEmail) ? 'own_address' : undefined;
    if (problem) problems[`ccs.${index}`] = problem;
    seen.add(email);
  });
  return problems;
}

// ---- the team's tags (issue 14) ------------------------------------------------------------------

/** Tags on one request, at most; each at most TAG_LENGTH characters. */
export const MAX_TAGS = 10;
export const TAG_LENGTH = 32;
/** A tag starts with a letter or digit, then letters, digits, spaces, `-`, `_` or `.` (so it reads in a chip and a URL). */
const TAG = /^[\p{L}\p{N}][\p{L}\p{N} ._-]*$/u;

/** A tag as stored: trimmed, inner spaces collapsed, lower case — `Billing ` and `billing` are one tag. */
export const normalizeTag = (value: string): string => value.trim().replace(/\s+/g, ' ').toLowerCase();

/** Why a tag (already normalized) cannot be stored, or undefined when it can. */
export function tagProblem(tag: string): 'required' | 'too_long' | 'invalid_characters' | undefined {
  if (!tag) return 'required';
  if ([...tag].length > TAG_LENGTH) return 'too_long';
  return TAG.test(tag) ? undefined : 'invalid_characters';
}
