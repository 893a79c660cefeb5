// How far a date is from now in the reader's language ("in 364 days", "3 hours ago"), from Intl,
// for certificate validity: the inspector's expiry line and the kubeconfig decoder's dates.

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
];

/** `when` relative to `now` in `lang`: whole days when two or more away, else hours, else minutes. */
export function relativeTime(when: Date, now: Date, lang: string): string {
  const diff = when.getTime() - now.getTime();
  const format = new Intl.RelativeTimeFormat(lang || 'en', { numeric: 'always' });
  for (const [unit, ms] of UNITS) {
    if (Math.abs(diff) >= 2 * ms || unit === 'minute') return format.format(Math.trunc(diff / ms), unit);
  }
  return format.format(0, 'minute');
}
