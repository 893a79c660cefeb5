// "in 364 days" / "3 days ago" (or hours, minutes), in the page's language, from Intl.

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
];

/** `when` relative to `now`, in whole days when it is at least a day away. */
export function relativeTime(when: Date, now: Date, lang: string): string {
  const diff = when.getTime() - now.getTime();
  const format = new Intl.RelativeTimeFormat(lang, { numeric: 'always' });
  for (const [unit, ms] of UNITS) {
    if (Math.abs(diff) >= ms || unit === 'minute') return format.format(Math.trunc(diff / ms), unit);
  }
  return format.format(0, 'minute');
}
