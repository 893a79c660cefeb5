// A Content-Security-Policy for a fully static site, computed after the build (plus one
// accessibility fix to Starlight's markup that can only be made on the finished HTML).
//
// Why not Astro's built-in `security.csp`: it leaves `is:inline` scripts (Starlight's theme
// switch runs before first paint) to us, and it cannot write a `_headers` file. Here every page
// is read once the build is done, every inline script is hashed, and the same policy is written
// both into the page (a <meta> tag, for any host) and into `_headers` (for hosts that read one,
// which can also send the header-only directives).
import { createHash } from 'node:crypto';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';

const INLINE_SCRIPT = /<script(?![^>]*\ssrc=)([^>]*)>([\s\S]*?)<\/script>/g;

/** The directives every page gets; `script-src` gains the hashes of the page's inline scripts. */
export function policyFor(scriptHashes: Iterable<string>): string {
  const hashes = [...new Set(scriptHashes)].sort().map((h) => `'${h}'`);
  return [
    "default-src 'self'",
    // Pagefind's search index is WebAssembly; nothing here evaluates strings as code.
    `script-src 'self' 'wasm-unsafe-eval' ${hashes.join(' ')}`.trim(),
    // Starlight and Shiki set style attributes; styles cannot run code, scripts are what matter.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
  ].join('; ');
}

/** The base64 SHA-256 source expression of one inline script's text, as CSP expects it. */
export function hashScript(text: string): string {
  return `sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}`;
}

/**
 * Starlight's search button shows its label and the shortcut ("Search", "Ctrl K") but names itself
 * only "Search", so speech-input users who say what they see miss it (WCAG 2.5.3, axe:
 * label-content-name-mismatch). Put the visible shortcut into the name as well.
 */
export function nameSearchShortcut(html: string): string {
  return html
    .replace(/(<button data-open-modal[^>]*aria-label=")([^"]*)(")/, '$1$2 Ctrl K$3')
    .replace(/(<button data-open-modal[\s\S]*?<\/span>)(<kbd)/, '$1 $2')
    .replace(/(<kbd class="[^"]*">Ctrl<\/kbd>)(<kbd)/, '$1 $2');
}

async function* htmlFiles(dir: string): AsyncGenerator<string> {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* htmlFiles(path);
    else if (entry.name.endsWith('.html')) yield path;
  }
}

/** Adds the policy to every built page and writes `_headers`. */
export function contentSecurityPolicy(): AstroIntegration {
  return {
    name: 'kube-auth-lab:csp',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        const root = fileURLToPath(dir);
        const all = new Set<string>();
        let pages = 0;
        for await (const file of htmlFiles(root)) {
          const html = await readFile(file, 'utf8');
          const hashes: string[] = [];
          for (const match of html.matchAll(INLINE_SCRIPT)) {
            const attrs = match[1] ?? '';
            if (/type=["']?application\/(ld\+)?json/.test(attrs)) continue;
            hashes.push(hashScript(match[2] ?? ''));
          }
          for (const h of hashes) all.add(h);
          const meta = `<meta http-equiv="Content-Security-Policy" content="${policyFor(hashes)}">`;
          const withMeta = nameSearchShortcut(html).replace(/<head>/, `<head>${meta}`);
          if (withMeta === html) throw new Error(`${file}: no <head> to put the CSP into`);
          await writeFile(file, withMeta);
          pages++;
        }
        const header = `${policyFor(all)}; frame-ancestors 'none'`;
        const headers = [
          '/*',
          `  Content-Security-Policy: ${header}`,
          '  X-Content-Type-Options: nosniff',
          '  Referrer-Policy: no-referrer',
          '',
        ].join('\n');
        await writeFile(join(root, '_headers'), headers);
        logger.info(`CSP added to ${pages} pages (${all.size} inline script hashes)`);
      },
    },
  };
}
