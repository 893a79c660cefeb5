// Syntax highlighting for text the widgets generate at run time (commands, JSON, YAML, nginx
// configs, JavaScript). Shiki's core and themes load on the first call, with the JavaScript regex
// engine (no WebAssembly); each grammar loads when a block of its language is first highlighted, so
// lesson 3's first Generate fetches shellscript and JSON only, not nginx (with the Lua it embeds),
// YAML or INI. The output carries both themes so it follows Starlight's switch.

import type { HighlighterCore } from 'shiki/core';

const GRAMMARS = {
  shellscript: () => import('@shikijs/langs/shellscript'),
  json: () => import('@shikijs/langs/json'),
  yaml: () => import('@shikijs/langs/yaml'),
  nginx: () => import('@shikijs/langs/nginx'),
  ini: () => import('@shikijs/langs/ini'),
  javascript: () => import('@shikijs/langs/javascript'),
} as const;

export type HighlightLang = keyof typeof GRAMMARS;

let highlighter: Promise<HighlighterCore> | undefined;
const grammars = new Map<HighlightLang, Promise<void>>();

function core(): Promise<HighlighterCore> {
  highlighter ??= (async () => {
    const [{ createHighlighterCore }, { createJavaScriptRegexEngine }] = await Promise.all([
      import('shiki/core'),
      import('shiki/engine/javascript'),
    ]);
    return createHighlighterCore({
      themes: [import('@shikijs/themes/github-light'), import('@shikijs/themes/github-dark')],
      langs: [],
      engine: createJavaScriptRegexEngine(),
    });
  })();
  return highlighter;
}

/** The highlighter with `lang`'s grammar loaded (fetched once, on first need). */
async function withGrammar(lang: HighlightLang): Promise<HighlighterCore> {
  let loading = grammars.get(lang);
  if (!loading) {
    loading = Promise.all([core(), GRAMMARS[lang]()]).then(([h, grammar]) => h.loadLanguage(grammar.default));
    // A failed fetch (say, offline) may be retried by the next block.
    loading.catch(() => grammars.delete(lang));
    grammars.set(lang, loading);
  }
  await loading;
  return core();
}

/** HTML for `code` highlighted as `lang`, with light and dark colours as CSS variables. */
export async function highlight(code: string, lang: HighlightLang): Promise<string> {
  const h = await withGrammar(lang);
  return h.codeToHtml(code, {
    lang,
    themes: { light: 'github-light', dark: 'github-dark' },
    defaultColor: false,
  });
}

/** Puts highlight()'s HTML in `block` in place of its plain <pre>, keeping the <pre> focusable. */
export function showHighlighted(block: HTMLElement, html: string): void {
  block.innerHTML = html;
  block.querySelector('pre')?.setAttribute('tabindex', '0');
}

/**
 * Highlights `block`'s code once it is first shown (a block in a hidden tab panel waits until the
 * tab is opened, so its grammar is not fetched for nothing). Until then it keeps its plain <pre>.
 */
export function highlightWhenShown(block: HTMLElement, code: string, lang: HighlightLang): void {
  const paint = (): void => {
    void highlight(code, lang)
      .then((html) => {
        if (block.isConnected) showHighlighted(block, html);
      })
      .catch(() => undefined);
  };
  if (typeof IntersectionObserver === 'undefined') {
    paint();
    return;
  }
  const observer = new IntersectionObserver((entries) => {
    if (!entries.some((e) => e.isIntersecting)) return;
    observer.disconnect();
    paint();
  });
  observer.observe(block);
}
