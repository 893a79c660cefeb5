// What the proxy builder does when the reader acts, loaded on first use (with src/pki and
// src/recipes/proxy): read the fields, ask the engine for the certificates, the texts and the
// preview, render them. No proxy rule lives here: which settings are required, the field a refusal
// belongs to and what the API server believes through the proxy and around it are
// src/recipes/proxy/builder.ts's.
import { h } from '../shared/dom.ts';
import { downloadFile } from '../shared/download.ts';
import { FieldError, failAtField, listOf, showAtField } from '../shared/field-fail.ts';
import { errorText, pageLang } from '../shared/strings.ts';
import { journal } from '../shared/workspace-store.ts';
import type { Field, ProxyBuilder, ProxyCerts } from './element.ts';
import { WIDGET } from './element.ts';

type Pki = typeof import('../../pki/index.ts');
type Proxy = typeof import('../../recipes/proxy/index.ts');
type BuilderInputs = import('../../recipes/proxy/index.ts').BuilderInputs;

let libs: Promise<[Pki, Proxy]> | undefined;
const load = () => {
  libs ??= Promise.all([import('../../pki/index.ts'), import('../../recipes/proxy/index.ts')]);
  return libs;
};

const message = (w: ProxyBuilder, name: Field, text: string, code = '') => showAtField(w, name, text, code);
const fail = (w: ProxyBuilder, name: Field, text: string, code: string): never =>
  failAtField(w, name, text, code);

const codeOf = (e: unknown) =>
  e && typeof e === 'object' && 'code' in e && typeof e.code === 'string' ? e.code : 'unexpected';
const headerText = (headers: readonly (readonly [string, string])[]) =>
  headers.map(([n, v]) => `${n}: ${v}`).join('\n');

export async function act(this: ProxyBuilder, action: string, file?: string): Promise<void> {
  const status = this.el('[data-status]');
  try {
    if (action === 'make') return await make(this);
    if (action === 'reissue') return this.certs ? await make(this, true) : await render(this);
    if (action === 'render') return await render(this);
    if (action === 'keep-changed') return save(this);
    if (action === 'download' && file) {
      const text = this.files.get(file);
      if (text !== undefined) downloadFile(file, text, 'text/plain');
      else status.textContent = this.t('proxy.downloadNeeds');
    }
  } catch (e) {
    if (!(e instanceof FieldError)) status.textContent = errorText(this.t, e);
  }
}

/** Every field read, each required one left empty marked (src/recipes/proxy missingSettings). */
function readInputs(w: ProxyBuilder, proxy: Proxy): BuilderInputs | undefined {
  for (const f of ['proxyCn', 'user', 'password', 'apiServer', 'apiServerName', 'spoofUser'] as const)
    message(w, f, '');
  const mode = w.field('mode').value === 'basic' ? 'basic' : 'certificate';
  const text = (name: Field) => w.field(name).value;
  const missing = proxy.missingSettings({
    mode,
    proxyCn: text('proxyCn'),
    user: text('user'),
    password: text('password'),
    apiServer: text('apiServer'),
    apiServerName: text('apiServerName'),
  });
  for (const name of missing) message(w, name, w.t(`proxy.${name}Empty`), 'input/empty');
  if (missing.length) return undefined;
  return {
    mode,
    user: text('user').trim(),
    groups: listOf(text('groups')),
    password: mode === 'basic' ? text('password') : '',
    apiServer: text('apiServer').trim(),
    apiServerName: text('apiServerName').trim(),
    trust: text('trust') === 'pass',
    allowedNames: listOf(text('allowedNames')),
  };
}

/** Makes the front-proxy CA and the proxy's certificate (or, with `reissue`, only a new certificate for the CN). */
async function make(w: ProxyBuilder, reissue = false): Promise<void> {
  const run = ++w.run;
  const status = w.el('[data-status]');
  message(w, 'proxyCn', '');
  const cn = w.field('proxyCn').value.trim();
  if (!cn) fail(w, 'proxyCn', w.t('proxy.proxyCnEmpty'), 'input/empty');
  const [pki] = await load();
  status.textContent = w.t('proxy.making');
  const ca =
    reissue && w.certs
      ? { certificatePem: w.certs.caPem, privateKeyPem: w.certs.caKeyPem }
      : await pki.issueFrontProxyCa();
  let client: Awaited<ReturnType<Pki['issueFrontProxyClientCertificate']>>;
  try {
    client = await pki.issueFrontProxyClientCertificate({ commonName: cn }, ca);
  } catch (e) {
    return fail(w, 'proxyCn', errorText(w.t, e), codeOf(e));
  }
  if (run !== w.run) return;
  w.certs = {
    caPem: ca.certificatePem,
    caKeyPem: ca.privateKeyPem,
    clientPem: client.certificatePem,
    clientKeyPem: client.privateKeyPem,
  };
  w.el('[data-key-not-kept]').hidden = true;
  status.textContent = w.t(reissue ? 'proxy.reissued' : 'proxy.made', { cn });
  save(w);
  await render(w);
}

async function showCerts(w: ProxyBuilder, certs: ProxyCerts, pki: Pki) {
  const ca = await pki.inspectCertificate(certs.caPem);
  const leaf = await pki.inspectCertificate(certs.clientPem);
  const facts: [string, string][] = [
    [w.t('proxy.fact.ca'), ca.subject.rfc4514],
    [w.t('proxy.fact.client'), leaf.subject.rfc4514],
    [w.t('proxy.fact.issuer'), leaf.issuer.rfc4514],
    [w.t('proxy.fact.eku'), 'clientAuth'],
  ];
  w.el('[data-facts]').replaceChildren(...facts.flatMap(([k, v]) => [h('dt', {}, k), h('dd', {}, v)]));
  w.el('[data-certs]').hidden = false;
  w.files.set('front-proxy-ca.pem', certs.caPem);
  w.files.set('front-proxy-ca-key.pem', certs.caKeyPem);
  w.files.set('front-proxy-client.pem', certs.clientPem);
  w.files.set('front-proxy-client-key.pem', certs.clientKeyPem);
}

/** The texts, the downloads and the preview for the fields as they are. */
async function render(w: ProxyBuilder): Promise<void> {
  const basic = w.field('mode').value === 'basic';
  for (const el of w.querySelectorAll<HTMLElement>('[data-basic-only]')) el.hidden = !basic;
  w.el('[data-htpasswd-box]').hidden = !basic;
  const [pki, proxy] = await load();
  const inputs = readInputs(w, proxy);
  if (!inputs) return;
  let texts: ReturnType<Proxy['builderTexts']>;
  try {
    texts = proxy.builderTexts(inputs, pageLang());
  } catch (e) {
    return fail(w, proxy.builderErrorField(e, inputs.mode), errorText(w.t, e), codeOf(e));
  }
  let htpasswd = '';
  if (basic) {
    try {
      htpasswd = await proxy.writeHtpasswd([{ name: inputs.user, password: inputs.password }]);
    } catch (e) {
      return fail(w, codeOf(e) === 'proxy/bad-password' ? 'password' : 'user', errorText(w.t, e), codeOf(e));
    }
  }
  w.el('[data-conf]').textContent = texts.conf;
  w.el('[data-htpasswd]').textContent = htpasswd;
  w.el('[data-flags]').textContent = texts.flags;
  w.el('[data-findings]').textContent = texts.findings.includes('any-cn') ? w.t('proxy.anyCn') : '';
  w.el('[data-bundle]').textContent = texts.bundle;
  w.el('[data-diff]').textContent = texts.diff;
  w.el('[data-diff]').hidden = texts.diff === '';
  w.el('[data-diff-none]').hidden = texts.diff !== '';
  w.el('[data-kind]').textContent = texts.kind;
  w.files.set('default.conf', texts.conf);
  w.files.set('kind-config.yaml', texts.kind);
  if (texts.diff) w.files.set('kube-apiserver.yaml.diff', texts.diff);
  else w.files.delete('kube-apiserver.yaml.diff');
  if (basic) w.files.set('htpasswd', htpasswd);
  else w.files.delete('htpasswd');
  if (w.certs) {
    await showCerts(w, w.certs, pki);
    await preview(w, inputs, w.certs, proxy);
  }
}

/** What kube-apiserver believes for the reader's request through the proxy, and for one around it. */
async function preview(w: ProxyBuilder, i: BuilderInputs, certs: ProxyCerts, proxy: Proxy): Promise<void> {
  const sides = await proxy.builderPreview({
    inputs: i,
    spoofUser: w.field('spoofUser').value,
    spoofGroup: w.field('spoofGroup').value,
    certs,
  });
  for (const where of ['through', 'around'] as const) {
    const p = sides[where];
    w.el(`[data-${where}-headers]`).textContent = headerText(p.headers);
    const verdict = w.el(`[data-${where}-verdict]`);
    const user = p.verdict.user?.username ?? '';
    verdict.dataset.ok = String(p.belief === 'believed');
    verdict.textContent =
      p.belief === 'refused'
        ? w.t('proxy.refused', { error: p.verdict.error ?? '' })
        : w.t(p.belief === 'spoofed' ? 'proxy.believedSpoof' : 'proxy.believed', { user });
    w.el(`[data-${where}]`).textContent = p.whoami;
  }
  w.el('[data-preview-needs]').hidden = true;
  w.el('[data-preview]').hidden = false;
}

/** The certificates (and the password) are kept for a reload only when the reader ticked "keep". */
function save(w: ProxyBuilder): void {
  if (!w.keepKeys) {
    journal(WIDGET, { certs: '', password: '', certsMade: Boolean(w.certs) });
    return;
  }
  journal(
    WIDGET,
    {
      certs: w.certs ? JSON.stringify(w.certs) : '',
      password: w.field('password').value,
      certsMade: Boolean(w.certs),
    },
    true,
  );
}
