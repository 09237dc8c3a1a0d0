/**
 * Times as people read them: "5 minutes ago" in lists, a short date and time in a conversation.
 * Shared by the two browser apps, the widget's member views and the agent inbox.
 */
type Style = 'long' | 'short';
// Intl's formatters are costly to build and a page shows many times: one per locale and style.
const formatters = new Map<string, Intl.RelativeTimeFormat | Intl.DateTimeFormat>();
const cached = <T extends Intl.RelativeTimeFormat | Intl.DateTimeFormat>(key: string, make: () => T): T => {
  if (!formatters.has(key)) formatters.set(key, make());
  return formatters.get(key) as T;
};

const STEPS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['second', 60],
  ['minute', 60],
  ['hour', 24],
  ['day', 7],
  ['week', 4.35],
  ['month', 12],
  ['year', Infinity],
];

/** `locale`: a BCP 47 tag, the panel's locale (the inbox speaks English). */
export function timeAgo(iso: string, locale: string, now = Date.now(), style: Style = 'long'): string {
  const format = cached(`${locale} ${style}`, () => new Intl.RelativeTimeFormat(locale, { numeric: 'auto', style }));
  let amount = (Date.parse(iso) - now) / 1000;
  for (const [unit, size] of STEPS) {
    if (Math.abs(amount) < size) return format.format(Math.round(amount), unit);
    amount /= size;
  }
  return iso;
}

export const dateTime = (iso: string, locale: string): string =>
  cached(locale, () => new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' })).format(new Date(iso));
