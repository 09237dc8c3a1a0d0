/**
 * What a person wrote in a mail, as the text a comment or request stores: the part above our "reply
 * above this line" marker (every locale's, reply-marker.ts), then quoted history and signatures
 * dropped by email-reply-parser, then cleaned to the API's own rules for multi-line and single-line
 * text (contract/rules.ts) — so mail can store nothing the widget's form could not.
 */
import EmailReplyParser from 'email-reply-parser';
import { LIMITS, lineProblem } from '../../contract/rules.js';
import { REPLY_MARKERS } from '../reply-marker.js';

// The multi-line rule's refused characters (contract/rules.ts TEXT_REFUSED), and lone surrogates (not text at all).
const REFUSED_IN_TEXT = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const wellFormed = (value: string) => value.replace(LONE_SURROGATE, '\ufffd');

/** The reply's own words, or '' when it has none. */
export function writtenText(text: string): string {
  const normalized = text.replace(/\r\n?/g, '\n');
  const cut = REPLY_MARKERS.reduce((above, marker) => {
    const at = above.indexOf(marker);
    // The marker's line is the reply's end: a client's "On …, X wrote:" line may sit just above it.
    return at < 0 ? above : above.slice(0, above.lastIndexOf('\n', at) + 1 || at);
  }, normalized);
  const visible = new EmailReplyParser().read(cut).getVisibleText();
  return clip(wellFormed(visible).replace(REFUSED_IN_TEXT, '').trim(), LIMITS.description);
}

/** A header's text (subject, display name) as one line: refused characters become spaces, runs of space one. */
export function singleLine(value: string, max: number): string {
  const kept = [...wellFormed(value)].map((char) => (lineProblem(char) === 'control_characters' ? ' ' : char)).join('');
  const line = clip(kept.replace(/\s+/g, ' ').trim(), max);
  return lineProblem(line) ? '' : line;
}

/** At most `max` UTF-16 units (the API's limits count those), never splitting a surrogate pair. */
function clip(value: string, max: number): string {
  if (value.length <= max) return value;
  const cut = value.slice(0, max);
  return /[\ud800-\udbff]$/.test(cut) ? cut.slice(0, -1) : cut;
}
