// The scripts the lessons hand out, in one list: the site serves each at scriptHref(name, lang)
// (built by src/pages/scripts/[...path].ts), and the workbench puts them in its zip. Not in
// src/recipes/index.ts, so that widgets needing only commands do not load the scripts' text. The text of
// each comes from its generator, so what a reader downloads is what the lessons show and the
// interop tests run.
import type { Lang } from '../i18n/index.ts';
import { kubePkiCopyScript } from './cluster/kube-pki-copy-script.ts';
import { signOnNodeScript } from './cluster/sign-on-node-script.ts';
import { nginxLabScript } from './nginx/lab-script.ts';
import { oidcIssuerScript } from './oidc/issuer-script.ts';
import { proxyLabScript } from './proxy/lab-script.ts';
import { tokenWebhookScript } from './webhook/token-webhook-script.ts';

const MAKERS = {
  'nginx-lab.sh': nginxLabScript,
  'kube-pki-copy.sh': kubePkiCopyScript,
  'sign-on-node.sh': signOnNodeScript,
  'oidc-issuer.sh': oidcIssuerScript,
  'proxy-lab.sh': proxyLabScript,
  'token-webhook.py': tokenWebhookScript,
} as const satisfies Record<string, (lang: Lang) => string>;

export type LabScript = keyof typeof MAKERS;

/** The scripts' file names, in the order the lessons use them. */
export const LAB_SCRIPTS = Object.keys(MAKERS) as LabScript[];

/** The text of one script, its comments and messages in `lang`. */
export function labScript(name: LabScript, lang: Lang = 'en'): string {
  return MAKERS[name](lang);
}

/** Every script by file name, in `lang`. */
export function labScripts(lang: Lang = 'en'): Record<LabScript, string> {
  return Object.fromEntries(LAB_SCRIPTS.map((n) => [n, labScript(n, lang)])) as Record<LabScript, string>;
}

/** The Content-Type the site serves a script with: a shell script or a Python program. */
export function scriptContentType(name: LabScript): string {
  return name.endsWith('.py') ? 'text/x-python; charset=utf-8' : 'text/x-shellscript; charset=utf-8';
}

/** Where the site serves a script: /scripts/<name>, the Korean edition under /scripts/ko/. */
export function scriptHref(name: LabScript, lang: Lang = 'en'): string {
  return `/scripts/${lang === 'ko' ? 'ko/' : ''}${name}`;
}
