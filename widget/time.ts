/**
 * Times as people read them: "5 minutes ago" in lists, a short date and time in a conversation.
 * Shared by the two browser apps, the widget's member views and the agent inbox.
 */
const formats = {
  long: new Intl.RelativeTimeFormat('en', { numeric: 'auto' }),
  short: new Intl.RelativeTimeFormat('en', { numeric: 'auto', style: 'short' }),
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

export function timeAgo(iso: string, now = Date.now(), style: keyof typeof formats = 'long'): string {
  let amount = (Date.parse(iso) - now) / 1000;
  for (const [unit, size] of STEPS) {
    if (Math.abs(amount) < size) return formats[style].format(Math.round(amount), unit);
    amount /= size;
  }
  return iso;
}

const stamp = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'short' });
export const dateTime = (iso: string): string => stamp.format(new Date(iso));
