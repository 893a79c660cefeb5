// Control characters (C0, DEL and C1: U+0000–U+001F, U+007F–U+009F), which no name, file name or
// value the site writes may hold: they hide in a terminal, end a line, or change what a reader sees.
// The one rule for src/pki, src/kube, src/recipes and src/tokens.

// biome-ignore lint/suspicious/noControlCharactersInRegex: finding them is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

/** The first control character of `value`, or undefined. */
export function firstControlCharacter(value: string): string | undefined {
  return CONTROL.exec(value)?.[0];
}

/** True when `value` holds a control character. */
export function hasControlCharacter(value: string): boolean {
  return CONTROL.test(value);
}
