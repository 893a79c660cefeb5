// What the proxy builder does when the reader acts, loaded on first use (with src/pki and
// src/recipes/proxy): read the fields, ask the engine for the certificates, the texts and the
// preview, render them. No proxy rule lives here: the headers nginx sends are upstreamHeaders',
// what the API server believes apiServerPreview's.
import { h } from '../cert-inspector/dom.ts';
import { downloadFile } from '../shared/download.ts';
import { errorField, FieldError, failAtField, listOf, showAtField } from '../shared/field-fail.ts';
import { errorText, pageLang } from '../shared/strings.ts';
import { journal } from '../shared/workspace-store.ts';
import type { Field, ProxyBuilder, ProxyCerts } from './element.ts';
import { WIDGET } from './element.ts';
import { type BuilderInputs, builderTexts } from './render.ts';

type Pki = typeof import('../../pki/index.ts');
type Proxy = typeof import('../../recipes/proxy/index.ts');

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

/** The recipes' field names (LabError details.field) → the builder's fields. */
const FIELD_OF: Record<string, Field> = {
  user: 'user',
  group: 'groups',
  proxy_ssl_name: 'apiServerName',
};

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

/** Every field read, each bad one marked, before anything is made. */
function readInputs(w: ProxyBuilder): BuilderInputs | undefined {
  for (const f of ['proxyCn', 'user', 'password', 'apiServer', 'apiServerName', 'spoofUser'] as const)
    message(w, f, '');
  let bad = false;
  const need = (name: Field) => {
    const v = w.field(name).value.trim();
    if (!v) {
      message(w, name, w.t(`proxy.${name}Empty`), 'input/empty');
      bad = true;
    }
    return v;
  };
  const mode = w.field('mode').value === 'basic' ? 'basic' : 'certificate';
  const inputs: BuilderInputs = {
    mode,
    user: need('user'),
    groups: listOf(w.field('groups').value),
    password: mode === 'basic' ? w.field('password').value : '',
    apiServer: need('apiServer'),
    apiServerName: need('apiServerName'),
    trust: w.field('trust').value === 'pass',
    allowedNames: listOf(w.field('allowedNames').value),
  };
  need('proxyCn');
  if (mode === 'basic' && inputs.password === '') {
    message(w, 'password', w.t('proxy.passwordEmpty'), 'input/empty');
    bad = true;
  }
  return bad ? undefined : inputs;
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
  const inputs = readInputs(w);
  if (!inputs) return;
  const [pki, proxy] = await load();
  let texts: ReturnType<typeof builderTexts>;
  try {
    texts = builderTexts(inputs, pageLang());
  } catch (e) {
    const code = codeOf(e);
    const at = errorField(e);
    const name: Field =
      code === 'proxy/bad-api-server'
        ? 'apiServer'
        : (FIELD_OF[at ?? ''] ?? (basic ? 'user' : 'apiServerName'));
    return fail(w, name, errorText(w.t, e), code);
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
  const spoofUser = w.field('spoofUser').value.trim();
  const spoofGroup = w.field('spoofGroup').value.trim();
  const client: [string, string][] = [
    ['Accept', 'application/json'],
    ...(spoofUser ? [['X-Remote-User', spoofUser] as [string, string]] : []),
    ...(spoofGroup ? [['X-Remote-Group', spoofGroup] as [string, string]] : []),
  ];
  const verified = { user: i.user, groups: i.groups };
  const params = {
    mode: i.mode,
    trustClientIdentity: i.trust,
    users: i.mode === 'basic' ? [{ name: i.user, password: '', groups: i.groups }] : [],
  };
  const api = (headers: ReturnType<Proxy['upstreamHeaders']>) =>
    proxy.apiServerPreview({
      headers,
      peerCertificatePem: certs.clientPem,
      frontProxyCaPem: certs.caPem,
      config: { allowedNames: i.allowedNames },
    });
  const through = await api(proxy.upstreamHeaders(params, verified, client));
  const around = await api(client.filter(([n]) => n !== 'Accept'));
  const show = (where: 'through' | 'around', p: Awaited<ReturnType<typeof api>>, sent: string) => {
    w.el(`[data-${where}-headers]`).textContent = sent;
    const verdict = w.el(`[data-${where}-verdict]`);
    const user = p.verdict.user?.username ?? '';
    const spoofed = p.verdict.outcome === 'authenticated' && user !== i.user;
    verdict.dataset.ok = String(p.verdict.outcome === 'authenticated' && !spoofed);
    verdict.textContent =
      p.verdict.outcome === 'authenticated'
        ? w.t(spoofed ? 'proxy.believedSpoof' : 'proxy.believed', { user })
        : w.t('proxy.refused', { error: p.verdict.error ?? '' });
    w.el(`[data-${where}]`).textContent = p.whoami;
  };
  show('through', through, headerText(through.headers));
  show('around', around, headerText(around.headers));
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
