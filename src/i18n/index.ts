// UI strings for the site's own components, one flat dictionary per language. English is the
// reference: its keys are the type of every key, and ko.json must have exactly the same ones
// (tests/unit/i18n/dictionaries.test.ts checks that both ways).
import en from './en.json' with { type: 'json' };
import ko from './ko.json' with { type: 'json' };

/** The languages the site is written in. */
export type Lang = 'en' | 'ko';

/** Every key of the dictionaries, e.g. `diagram.stages.title`. */
export type MessageKey = keyof typeof en;

const dictionaries: Record<Lang, Record<MessageKey, string>> = { en, ko };

/** The text of `key` in `lang`. */
export function t(lang: Lang, key: MessageKey): string {
  return dictionaries[lang][key];
}

/** The dictionary language for an Astro locale (`Astro.currentLocale`): 'ko…' is Korean, anything else English. */
export function langFromLocale(locale: string | undefined): Lang {
  return locale?.toLowerCase().startsWith('ko') ? 'ko' : 'en';
}
