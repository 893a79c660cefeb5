// Dates as the decoder shows them: an unambiguous UTC time, and how far away it is in the page's
// language ("in 364 days", "3 hours ago"), counted from now (the engine's relativeTime).

/** "2027-11-29 01:21 UTC". */
export function formatDate(date: Date): string {
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

export { relativeTime } from '../../pki/relative-time.ts';
