// The lazily rendered code blocks of the widgets that re-render their output as HTML text (the
// kube-apiserver change, OIDC config, webhook config and impersonation widgets): each
// `.kal-code[data-lang]` block starts as a plain <pre> and is coloured once Shiki has loaded.

/** Highlights each code block that has a language, replacing its plain <pre> when Shiki is ready. */
export function colourCodeBlocks(root: HTMLElement): void {
  const blocks = [...root.querySelectorAll<HTMLElement>('.kal-code[data-lang]')];
  if (!blocks.length) return;
  void import('./highlight.ts').then(({ highlight, showHighlighted }) => {
    for (const block of blocks) {
      const code = block.querySelector('pre')?.textContent ?? '';
      void highlight(code, block.dataset.lang === 'yaml' ? 'yaml' : 'shellscript')
        .then((html) => {
          if (block.isConnected) showHighlighted(block, html);
        })
        .catch(() => undefined);
    }
  });
}
