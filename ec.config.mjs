// Expressive Code options that are functions (they cannot live in astro.config.mjs, which the
// <Code> component needs to serialise).
import { defineEcConfig } from '@astrojs/starlight/expressive-code';

export default defineEcConfig({
  /**
   * A copy button copies what the block shows. By default Expressive Code drops every `#` line (and
   * the blank lines after it) from terminal frames when copying, which turned the lessons' heredocs
   * into different files than the ones printed (tests/e2e/copy-buttons.spec.ts).
   */
  frames: { removeCommentsWhenCopyingTerminalFrames: false },
  /**
   * The language of a code block, for Expressive Code's own labels ("Copy to clipboard"…).
   * Starlight works it out from a path under src/content/docs, but the lessons are compiled from
   * their real path under content/ (src/content/docs is a symlink to it), so Korean pages would get
   * English labels.
   */
  getBlockLocale: ({ file }) => {
    if (file.url && file.url.protocol !== 'file:') return file.url.pathname.startsWith('/ko/') ? 'ko' : 'en';
    return /[\\/]content[\\/](docs[\\/])?ko[\\/]/.test(file.path ?? '') ? 'ko' : 'en';
  },
});
