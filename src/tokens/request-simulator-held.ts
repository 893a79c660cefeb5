// Which of parts 2 to 5 the reader's workspace holds work of: the request simulator shows a "use my
// part-N work" button for each (request-simulator-parts.ts, loaded on the click, does the
// conversion). Kept apart from that module and free of imports: the simulator's element runs it up
// front, on every load of the page.

/** The workspace's inputs: widget name → its kept fields. */
type Inputs = Record<string, Record<string, unknown>>;

/** Which of parts 2 to 5 the workspace holds something of. */
export function partsHeld(inputs: Inputs): number[] {
  const str = (v: unknown) => (typeof v === 'string' ? v.trim() : '');
  const has = (w: string, f: string) => str(inputs[w]?.[f]) !== '';
  let proxyCa = '';
  try {
    proxyCa = str((JSON.parse(str(inputs['proxy-builder']?.certs) || '{}') as { caPem?: unknown }).caPem);
  } catch {
    proxyCa = '';
  }
  return [
    has('token-file', 'rows') || has('bootstrap-token', 'token') || has('sa-token', 'keys') ? 2 : 0,
    has('oidc-config', 'jwks') || has('oidc-config', 'issuerUrl') || has('oidc-issuer', 'issuerUrl') ? 3 : 0,
    has('webhook-config', 'users') ? 4 : 0,
    proxyCa || Object.keys(inputs.impersonation ?? {}).length > 0 ? 5 : 0,
  ].filter(Boolean);
}
