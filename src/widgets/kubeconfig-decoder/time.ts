// Dates as the decoder shows them: an unambiguous UTC time, and how far away it is in the page's
// language ("in 364 days", "3 hours ago"), counted from now.

/** "2027-11-29 01:21 UTC". */
export function formatDate(date: Date): string {
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
];

/** `date` relative to `now` in `lang`: days when two or more, else hours, else minutes. */
export function relativeTime(date: Date, now: Date, lang: string): string {
  const diff = date.getTime() - now.getTime();
  const format = new Intl.RelativeTimeFormat(lang || 'en', { numeric: 'always' });
  for (const [unit, ms] of UNITS) {
    if (Math.abs(diff) >= 2 * ms || unit === 'minute') {
      return format.format(Math.trunc(diff / ms), unit);
    }
  }
  return format.format(0, 'minute');
}
