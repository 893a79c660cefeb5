// A duration as Go's time.ParseDuration reads it, which is how kubeadm reads `--ttl` (a
// metav1.Duration flag): a sequence of decimal numbers, each with an optional fraction and a unit
// (ns, us, µs, μs, ms, s, m, h), such as "24h0m0s", "1.5h" or "90m"; "0" alone needs no unit.
// kubeadm gives a token an expiration only when the TTL is above zero, so "0s" means "never
// expires"; a negative TTL would mean the same to kubeadm, and is refused here as a likely typo.
import { LabError } from '../pki/errors.ts';

const UNIT_MS: Record<string, number> = {
  ns: 1e-6,
  us: 1e-3,
  µs: 1e-3,
  μs: 1e-3,
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
};

const PART = /(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h)/y;

/** The milliseconds of a Go duration. Throws `kubeadm-token/bad-ttl` for text Go would refuse or a negative one. */
export function parseGoDuration(text: string): number {
  const refuse = () =>
    new LabError('kubeadm-token/bad-ttl', `"${text}" is not a duration such as 24h0m0s or 2h`, {
      field: 'ttl',
      value: text,
    });
  const body = text.startsWith('+') ? text.slice(1) : text;
  if (body === '0') return 0;
  if (body === '' || body.startsWith('-')) throw refuse();
  let ms = 0;
  PART.lastIndex = 0;
  while (PART.lastIndex < body.length) {
    const at = PART.lastIndex;
    const m = PART.exec(body);
    if (!m || m.index !== at) throw refuse();
    ms += Number(m[1]) * (UNIT_MS[m[2]!] ?? Number.NaN);
  }
  if (!Number.isFinite(ms)) throw refuse();
  return ms;
}
