// The name of a private key's type from the details of a key/unsupported-algorithm LabError ({curve},
// {oid} or {algorithm}), so that a widget can say which key the reader gave and that the browser
// cannot use it, rather than asking a reader who chose nothing to "choose another algorithm".
import { describeKey } from '../../pki/describe-key.ts';

/** "ECDSA P-521", "DSA", "Ed448", …, or undefined when the details name no key type. */
export function unusableKeyType(details: Readonly<Record<string, unknown>>): string | undefined {
  const text = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined);
  const curve = text(details.curve);
  const name = describeKey({
    algorithm: curve ? 'EC' : text(details.algorithm),
    curve,
    oid: text(details.oid),
  });
  if (!name) return undefined;
  return name.kind === 'rsa' ? 'RSA' : name.name;
}
