// Expressive Code options that are functions (they cannot live in astro.config.mjs, which the
// <Code> component needs to serialise).
import { defineEcConfig } from '@astrojs/starlight/expressive-code';

export default defineEcConfig({
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
