// A serial number in decimal, with its sign, as Go's big.Int String prints it: what kube-apiserver
// logs ("verifying certificate SN=…") and what Go names an unnamed candidate CA by ("serial:…").

/** The serial of a parsed certificate (magnitude bytes and sign) in decimal, e.g. "-42". */
export function serialDecimal(cert: { serial: Uint8Array; negativeSerial?: boolean }): string {
  let value = 0n;
  for (const byte of cert.serial) value = (value << 8n) | BigInt(byte);
  return `${cert.negativeSerial && value !== 0n ? '-' : ''}${value.toString()}`;
}
