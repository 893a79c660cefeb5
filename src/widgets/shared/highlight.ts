// Syntax highlighting for text the widgets generate at run time (commands, JSON, YAML, nginx
// configs). Shiki and its grammars are loaded on the first call only, with the JavaScript regex
// engine (no WebAssembly), and the output carries both themes so it follows Starlight's switch.

export type HighlightLang = 'shellscript' | 'json' | 'yaml' | 'nginx' | 'ini';

import type { HighlighterCore } from 'shiki/core';

let highlighter: Promise<HighlighterCore> | undefined;

function load(): Promise<HighlighterCore> {
  highlighter ??= (async () => {
    const [{ createHighlighterCore }, { createJavaScriptRegexEngine }] = await Promise.all([
      import('shiki/core'),
      import('shiki/engine/javascript'),
    ]);
    return createHighlighterCore({
      themes: [import('@shikijs/themes/github-light'), import('@shikijs/themes/github-dark')],
      langs: [
        import('@shikijs/langs/shellscript'),
        import('@shikijs/langs/json'),
        import('@shikijs/langs/yaml'),
        import('@shikijs/langs/nginx'),
        import('@shikijs/langs/ini'),
      ],
      engine: createJavaScriptRegexEngine(),
    });
  })();
  return highlighter;
}

/** HTML for `code` highlighted as `lang`, with light and dark colours as CSS variables. */
export async function highlight(code: string, lang: HighlightLang): Promise<string> {
  const h = await load();
  return h.codeToHtml(code, {
    lang,
    themes: { light: 'github-light', dark: 'github-dark' },
    defaultColor: false,
  });
}
