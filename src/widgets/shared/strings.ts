// Run-time UI strings for the widgets. Each widget's .astro file renders the strings it needs, already
// in the page's language, into a `<script type="application/json" data-strings>` inside the element
// (JSON is not executed, so the CSP is untouched); a key is sent once per page, so a widget may find
// its strings in another widget's block. `readStrings` reads every block of the page.
import { errorKey } from '../../pki/error-codes.ts';
import { isLabError } from '../../pki/errors.ts';

/** Looks up a string by key, filling `{name}` placeholders from `vars`. */
export type Translate = (key: string, vars?: Record<string, string | number>) => string;

/** The strings of every block of the page, as a lookup function. Unknown keys come back as the key. */
export function readStrings(root: Element): Translate {
  const table: Record<string, string> = {};
  for (const el of root.ownerDocument.querySelectorAll('script[data-strings]')) {
    Object.assign(table, JSON.parse(el.textContent || '{}'));
  }
  return (key, vars = {}) =>
    (table[key] ?? key).replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m));
}

/**
 * The page's text for `key`, or `english` when the page has none: how a widget shows an engine note
 * (a lint, a verdict reason, a recipe step) that it may not have translated.
 */
export function textOr(
  t: Translate,
  key: string,
  english: string,
  vars?: Record<string, string | number>,
): string {
  const text = t(key, vars);
  return text === key ? english : text;
}

/**
 * The reader-facing text for an error: the translated text of its LabError code when the page has
 * one (keys "error.<code>", with `{value}`-style details filled in), else the engine's English
 * message; for anything that is not a LabError, a generic line (never a stack trace).
 */
export function errorText(t: Translate, e: unknown): string {
  if (isLabError(e)) {
    return textOr(t, errorKey(e.code), e.message, e.details as Record<string, string | number>);
  }
  return t('error.unexpected');
}

/** The page's language (its <html lang>): Korean pages are 'ko', every other page 'en'. */
export function pageLang(): 'en' | 'ko' {
  return document.documentElement.lang.toLowerCase().startsWith('ko') ? 'ko' : 'en';
}
