// A serial number in decimal, with its sign, as Go's big.Int String prints it: what kube-apiserver
// logs ("verifying certificate SN=…") and what Go names an unnamed candidate CA by ("serial:…").
import { toHex } from './bytes.ts';

/** The serial of a parsed certificate (magnitude bytes and sign) in decimal, e.g. "-42". */
export function serialDecimal(cert: { serial: Uint8Array; negativeSerial?: boolean }): string {
  const value = BigInt(`0x${toHex(cert.serial) || '0'}`);
  return `${cert.negativeSerial && value ? '-' : ''}${value}`;
}
