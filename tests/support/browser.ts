// Which Chromium the browser tests drive, and how to get one when there is none.
//
// Order: $CHROMIUM_PATH, then Debian's headless shell (package chromium-headless-shell), then
// Debian's /usr/bin/chromium, then Playwright's own download. The headless shell is the same Chromium
// without the desktop browser around it: the browser tests took about a third less CPU with it
// (measured 2026-12-07 on layout + token-file: 51 s against 35 s of CPU), and CPU is what bounds the
// run on the 2-core machines. On machines without a reachable browser download (like the project's
// CI) Debian's packages are the way; `ensureChromium` installs them when it runs as root with
// apt-get, or says what to install.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';

/** Flags that keep Chromium from calling home: on a closed network those calls only fail slowly. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-gpu',
  '--no-first-run',
];

const HEADLESS_SHELLS = ['/usr/lib/chromium/chromium-headless-shell', '/usr/bin/chromium-headless-shell'];
const FULL_BROWSERS = ['/usr/bin/chromium', '/usr/bin/chromium-browser'];

/** The path of the Chromium to launch, or undefined when none is on this machine. */
export function findChromium(): string | undefined {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) {
    if (!existsSync(fromEnv)) throw new Error(`CHROMIUM_PATH is set to ${fromEnv}, which does not exist`);
    return fromEnv;
  }
  for (const path of HEADLESS_SHELLS.concat(FULL_BROWSERS)) if (existsSync(path)) return path;
  try {
    const own = chromium.executablePath();
    if (own && existsSync(own)) return own;
  } catch {
    // playwright-core knows no browser for this platform.
  }
  return undefined;
}

function tryRun(cmd: string, args: string[]): boolean {
  return spawnSync(cmd, args, { stdio: 'inherit' }).status === 0;
}

/** Finds Chromium, installing it when this machine allows; exits with one line when it cannot. */
export function ensureChromium(): string {
  const found = findChromium();
  if (found) return found;
  const isRoot = process.getuid?.() === 0;
  const hasApt = spawnSync('sh', ['-c', 'command -v apt-get'], { stdio: 'ignore' }).status === 0;
  if (isRoot && hasApt) {
    console.log('No Chromium found: installing Debian’s chromium-headless-shell package…');
    execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
    if (tryRun('apt-get', ['install', '-y', '-qq', 'chromium-headless-shell'])) {
      const path = findChromium();
      if (path) return path;
    }
  } else if (tryRun('npx', ['playwright-core', 'install', 'chromium'])) {
    const path = findChromium();
    if (path) return path;
  }
  console.error(
    'The browser tests need Chromium: install it (Debian: `sudo apt-get install chromium-headless-shell`, or `chromium`), or run `npx playwright-core install chromium`, or set CHROMIUM_PATH.',
  );
  process.exit(1);
}
