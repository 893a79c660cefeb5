// UI strings for the site's own components, one flat dictionary per language, kept in one file per
// area so that work on different widgets does not collide: `en.json` (site, diagrams, shared widget
// text) plus `<area>.en.json` for each area, and the same names with `ko`. English is the reference:
// its keys are the type of every key, every Korean file must have exactly the keys of its English
// twin, and no key may appear in two areas (tests/unit/i18n/dictionaries.test.ts checks all three).

import apiserverEn from './apiserver.en.json' with { type: 'json' };
import apiserverKo from './apiserver.ko.json' with { type: 'json' };
import bootstrapEn from './bootstrap.en.json' with { type: 'json' };
import bootstrapKo from './bootstrap.ko.json' with { type: 'json' };
import clusterEn from './cluster.en.json' with { type: 'json' };
import clusterKo from './cluster.ko.json' with { type: 'json' };
import en from './en.json' with { type: 'json' };
import errorsEn from './errors.en.json' with { type: 'json' };
import errorsKo from './errors.ko.json' with { type: 'json' };
import impersonationEn from './impersonation.en.json' with { type: 'json' };
import impersonationKo from './impersonation.ko.json' with { type: 'json' };
import ko from './ko.json' with { type: 'json' };
import oidcEn from './oidc.en.json' with { type: 'json' };
import oidcKo from './oidc.ko.json' with { type: 'json' };
import oidcconfigEn from './oidcconfig.en.json' with { type: 'json' };
import oidcconfigKo from './oidcconfig.ko.json' with { type: 'json' };
import proxyEn from './proxy.en.json' with { type: 'json' };
import proxyKo from './proxy.ko.json' with { type: 'json' };
import serviceaccountEn from './serviceaccount.en.json' with { type: 'json' };
import serviceaccountKo from './serviceaccount.ko.json' with { type: 'json' };
import simulatorEn from './simulator.en.json' with { type: 'json' };
import simulatorKo from './simulator.ko.json' with { type: 'json' };
import tokenfileEn from './tokenfile.en.json' with { type: 'json' };
import tokenfileKo from './tokenfile.ko.json' with { type: 'json' };
import tokenreviewEn from './tokenreview.en.json' with { type: 'json' };
import tokenreviewKo from './tokenreview.ko.json' with { type: 'json' };
import troubleshootingEn from './troubleshooting.en.json' with { type: 'json' };
import troubleshootingKo from './troubleshooting.ko.json' with { type: 'json' };
import webhookEn from './webhook.en.json' with { type: 'json' };
import webhookKo from './webhook.ko.json' with { type: 'json' };
import workbenchEn from './workbench.en.json' with { type: 'json' };
import workbenchKo from './workbench.ko.json' with { type: 'json' };

/** The areas, each a pair of files `<area>.en.json` / `<area>.ko.json` ('' is en.json / ko.json). */
export const AREAS = [
  '',
  'errors',
  'workbench',
  'cluster',
  'troubleshooting',
  'tokenfile',
  'bootstrap',
  'serviceaccount',
  'apiserver',
  'oidc',
  'oidcconfig',
  'webhook',
  'tokenreview',
  'proxy',
  'impersonation',
  'simulator',
] as const;

const english = {
  ...en,
  ...errorsEn,
  ...workbenchEn,
  ...clusterEn,
  ...troubleshootingEn,
  ...tokenfileEn,
  ...bootstrapEn,
  ...serviceaccountEn,
  ...apiserverEn,
  ...oidcEn,
  ...oidcconfigEn,
  ...webhookEn,
  ...tokenreviewEn,
  ...proxyEn,
  ...impersonationEn,
  ...simulatorEn,
};

/** The languages the site is written in. */
export type Lang = 'en' | 'ko';

/** Every key of the dictionaries, e.g. `diagram.stages.title`. */
export type MessageKey = keyof typeof english;

const dictionaries: Record<Lang, Record<string, string>> = {
  en: english,
  ko: {
    ...ko,
    ...errorsKo,
    ...workbenchKo,
    ...clusterKo,
    ...troubleshootingKo,
    ...tokenfileKo,
    ...bootstrapKo,
    ...serviceaccountKo,
    ...apiserverKo,
    ...oidcKo,
    ...oidcconfigKo,
    ...webhookKo,
    ...tokenreviewKo,
    ...proxyKo,
    ...impersonationKo,
    ...simulatorKo,
  },
};

/** The text of `key` in `lang`. */
export function t(lang: Lang, key: MessageKey): string {
  return dictionaries[lang][key] ?? english[key];
}

/** Every key and its text in `lang` (for widgets that pass a subset to the browser). */
export function dictionary(lang: Lang): Readonly<Record<string, string>> {
  return dictionaries[lang];
}

/** The dictionary language for an Astro locale (`Astro.currentLocale`): 'ko…' is Korean, anything else English. */
export function langFromLocale(locale: string | undefined): Lang {
  return locale?.toLowerCase().startsWith('ko') ? 'ko' : 'en';
}
