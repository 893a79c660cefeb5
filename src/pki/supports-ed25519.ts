import { webcrypto } from './crypto.ts';

let cached: Promise<boolean> | undefined;

/** True when this runtime's WebCrypto can make Ed25519 keys (detected once, by trying). */
export function supportsEd25519(): Promise<boolean> {
  cached ??= webcrypto.subtle.generateKey({ name: 'Ed25519' }, false, ['sign', 'verify']).then(
    () => true,
    () => false,
  );
  return cached;
}

/** A short name for the runtime, for error messages. */
export function runtimeName(): string {
  const nav = (globalThis as { navigator?: { userAgent?: string } }).navigator;
  return nav?.userAgent ?? 'this JavaScript runtime';
}
