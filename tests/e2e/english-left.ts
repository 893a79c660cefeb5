// Finds UI text the reader should not see: on a Korean page, visible text (and the labels screen
// readers and tooltips use) that has no Hangul and reads as an English sentence; on any page, a raw
// dictionary key (a string a widget could not find). Code, commands, outputs and
// quoted tool messages are English on purpose; they live in <pre>/<code>/<kbd>/<samp>, in form
// fields, or in an element marked lang="en" or translate="no", and are not looked at.
import type { Page } from '@playwright/test';
import { dictionary } from '../../src/i18n/index.ts';
import { ENGLISH_SENTENCE_SOURCE } from '../support/english-text.ts';

/**
 * The English texts (Korean pages) and raw dictionary keys found in the page. Each is reported as
 * "<where>: <text>", where is the nearest element with an id or a data-* attribute.
 */
export async function englishLeft(page: Page, lang: 'en' | 'ko'): Promise<string[]> {
  const keys = Object.keys(dictionary('en'));
  return page.evaluate(
    ([pattern, keys, lang]) => {
      const sentence = new RegExp(pattern, 'i');
      const hangul = /[가-힣]/;
      const dictionaryKeys = new Set(keys);
      const skip =
        'pre, code, kbd, samp, textarea, input, select, script, style, template, [lang="en"], [translate="no"], .expressive-code';
      // A dictionary key on screen is a string the widget could not find, in any language.
      const english = (text: string) =>
        dictionaryKeys.has(text.trim()) ||
        (lang === 'ko' && !hangul.test(text) && sentence.test(text.replace(/\s+/g, ' ')));
      const where = (el: Element) => {
        const named = el.closest('[id], [data-id], [data-message-for], kal-workbench, [class^="kal-"]');
        if (!named) return el.tagName.toLowerCase();
        return named.id
          ? `#${named.id}`
          : named.tagName.toLowerCase() + (named.className ? `.${named.className}` : '');
      };
      const found = new Set<string>();

      // Text, gathered per block so that "the <strong>client</strong> checks" reads as one sentence.
      const blocks = new Map<Element, string>();
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const parent = node.parentElement;
        if (!parent || parent.closest(skip) || !parent.checkVisibility({ visibilityProperty: true }))
          continue;
        let block: Element = parent;
        while (block.parentElement && getComputedStyle(block).display.startsWith('inline'))
          block = block.parentElement;
        blocks.set(block, `${blocks.get(block) ?? ''}${node.textContent}`);
      }
      for (const [block, text] of blocks) if (english(text)) found.add(`${where(block)}: ${text.trim()}`);

      // Names that are read out or shown on hover.
      for (const el of document.querySelectorAll('[aria-label], [title], [placeholder], img[alt]')) {
        if (el.closest('[lang="en"], [translate="no"]')) continue;
        for (const name of ['aria-label', 'title', 'placeholder', 'alt']) {
          const value = el.getAttribute(name);
          if (value && english(value)) found.add(`${where(el)} @${name}: ${value}`);
        }
      }
      return [...found];
    },
    [ENGLISH_SENTENCE_SOURCE, keys, lang] as const,
  );
}
