// Run before the browser tests: makes sure there is a Chromium to drive, or stops with one line.
import { ensureChromium } from './browser.ts';

console.log(`Chromium: ${ensureChromium()}`);
