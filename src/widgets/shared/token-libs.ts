// src/tokens and src/pki (with jose), loaded once, on the first action of a widget that needs both.
import { once } from './lab-element.ts';

export type Tokens = typeof import('../../tokens/index.ts');
export type Pki = typeof import('../../pki/index.ts');

/** The token and PKI engines, loaded on first use. */
export const loadTokenLibs = once(() =>
  Promise.all([import('../../tokens/index.ts'), import('../../pki/index.ts')] as const),
);
