// What the identity-provider widget does when the reader acts, loaded on first use (with src/tokens,
// src/pki and jose): read the fields, ask src/tokens for the issuer files, the claims and the token,
// and for kube-apiserver's verdict on the token under the flags shown; render them. No OIDC rule
// lives here: the files are buildOidcIssuer's, the verdict authenticateRequest over
// oidcTokenAuthenticator with the files as served.
import type { OidcFlags, OidcSigningAlg } from '../../tokens/index.ts';
import { h } from '../shared/dom.ts';
import { copyText, downloadFile } from '../shared/download.ts';
import { errorCode, errorField, FieldError, failAtField, listOf, showAtField } from '../shared/field-fail.ts';
import { errorText } from '../shared/strings.ts';
import { loadTokenLibs, type Tokens } from '../shared/token-libs.ts';
import { journal, loadWorkspace } from '../shared/workspace-store.ts';
import { type Field, type OidcIssuer, WIDGET } from './element.ts';

const load = loadTokenLibs;

/** The file name of a minted token's download. */
export const TOKEN_FILE = 'id-token.jwt';

const message = (w: OidcIssuer, name: Field, text: string, code = '') => showAtField(w, name, text, code);
const fail = (w: OidcIssuer, name: Field, text: string, code: string): never =>
  failAtField(w, name, text, code);

const codeOf = errorCode;
const fieldOf = errorField;
const list = listOf;
const json = (v: unknown) => `${JSON.stringify(v, null, 2)}\n`;

export async function act(this: OidcIssuer, action: string): Promise<void> {
  try {
    if (action === 'make') return await make(this, false);
    if (action === 'new-key') return await make(this, true);
    if (action === 'rebuild') return await make(this, false, true);
    if (action === 'mint') return await mint(this);
    if (action === 'preview') return await preview(this);
    if (action === 'restore-key') return await restoreKey(this);
    if (action === 'keep-changed') return await saveKey(this);
    const issuer = this.state?.issuer;
    const file = (e: string) => this.el(`[data-action="${e}"]`).dataset.file ?? '';
    if (action === 'download-discovery' && issuer) {
      downloadFile(file(action), issuer.files[0]!.text, 'application/json');
    } else if (action === 'download-jwks' && issuer) {
      downloadFile(file(action), issuer.files[1]!.text, 'application/json');
    } else if ((action === 'copy-discovery' || action === 'copy-jwks') && issuer) {
      const ok = await copyText(issuer.files[action === 'copy-discovery' ? 0 : 1]!.text);
      this.el('[data-issuer-status]').textContent = this.t(ok ? 'oidc.copied' : 'oidc.copyFailed');
    } else if (action === 'copy-token' && this.state?.token) {
      const ok = await copyText(this.state.token);
      this.el('[data-mint-status]').textContent = this.t(ok ? 'oidc.copied' : 'oidc.copyFailed');
    } else if (action === 'download-token' && this.state?.token) {
      downloadFile(TOKEN_FILE, `${this.state.token}\n`, 'application/jwt');
    }
  } catch (e) {
    if (!(e instanceof FieldError)) this.el('[data-issuer-status]').textContent = errorText(this.t, e);
  }
}

const familyOf = (alg: string): 'RSA' | 'EC' => (alg.startsWith('ES') ? 'EC' : 'RSA');

function readAlg(w: OidcIssuer): OidcSigningAlg {
  const alg = w.field('alg').value;
  if (!['RS256', 'ES256', 'PS256'].includes(alg)) fail(w, 'alg', w.t('oidc.algBad'), 'oidc-issuer/bad-alg');
  return alg as OidcSigningAlg;
}

function readIssuerUrl(w: OidcIssuer, tokens: Tokens): string {
  const url = w.field('issuerUrl').value.trim();
  if (!url) fail(w, 'issuerUrl', w.t('oidc.issuerEmpty'), 'input/empty');
  try {
    tokens.checkIssuerUrl(url);
  } catch (e) {
    fail(w, 'issuerUrl', errorText(w.t, e), codeOf(e));
  }
  return url;
}

/**
 * Makes (or keeps) the key, then the issuer files for the URL and algorithm in the fields. `save`
 * false: the key is the one just restored, so the workspace already holds it and the token with it
 * (saving here, before the token is back, would drop the kept token).
 */
async function make(w: OidcIssuer, newKey: boolean, quiet = false, save = true): Promise<void> {
  const run = ++w.run;
  const status = w.el('[data-issuer-status]');
  message(w, 'alg', '');
  message(w, 'issuerUrl', '');
  const [tokens, pki] = await load();
  const alg = readAlg(w);
  const issuerUrl = readIssuerUrl(w, tokens);
  let state = w.state;
  if (newKey || !state || state.family !== familyOf(alg)) {
    status.textContent = w.t('oidc.making');
    const pair = await pki.generateKeyPair(familyOf(alg) === 'EC' ? 'ECDSA-P256' : 'RSA-2048');
    if (run !== w.run) return;
    state = { privateKey: pair.privateKey, publicKey: pair.publicKey, family: familyOf(alg) };
    w.el('[data-key-not-kept]').hidden = true;
    hideToken(w);
  }
  const issuer = await tokens.buildOidcIssuer({ issuerUrl, publicKey: state.publicKey, alg });
  if (run !== w.run) return;
  w.state = { ...state, issuer };
  if (w.state.token && (w.state.issuer?.kid !== state.issuer?.kid || newKey)) hideToken(w);
  showFiles(w);
  status.textContent = quiet ? '' : w.t('oidc.made', { alg, kid: issuer.kid });
  if (save) await saveKey(w);
  if (w.state.token) await preview(w);
}

function hideToken(w: OidcIssuer) {
  if (w.state) delete w.state.token;
  w.el('[data-minted]').hidden = true;
}

function showFiles(w: OidcIssuer) {
  const issuer = w.state?.issuer;
  if (!issuer) return;
  const t = w.t;
  const facts: [string, string][] = [
    [t('oidc.fact.issuer'), issuer.discovery.issuer],
    [t('oidc.fact.alg'), issuer.alg],
    [t('oidc.fact.kid'), issuer.kid],
    [t('oidc.fact.flag'), `--oidc-issuer-url=${issuer.discovery.issuer}`],
  ];
  w.el('[data-issuer-facts]').replaceChildren(...facts.flatMap(([k, v]) => [h('dt', {}, k), h('dd', {}, v)]));
  w.el('[data-discovery-url]').textContent = t('oidc.servedAt', { url: issuer.files[0]!.url });
  w.el('[data-jwks-url]').textContent = t('oidc.servedAt', { url: issuer.files[1]!.url });
  w.el('[data-discovery]').textContent = issuer.files[0]!.text;
  w.el('[data-jwks]').textContent = issuer.files[1]!.text;
  const note = w.el('[data-slash-note]');
  const slash = issuer.discovery.issuer.endsWith('/');
  note.hidden = !slash;
  note.textContent = slash
    ? t('oidc.slashNote', { issuer: issuer.discovery.issuer, url: issuer.discoveryUrl })
    : '';
  w.el('[data-files]').hidden = false;
}

/** Whole seconds, or undefined for an empty optional field. */
function readSeconds(w: OidcIssuer, name: 'lifetime' | 'notBefore', required: boolean): number | undefined {
  const text = w.field(name).value.trim();
  if (!text && !required) return undefined;
  if (!/^-?\d{1,12}$/.test(text) || (name === 'lifetime' && Number(text) <= 0)) {
    fail(w, name, w.t(`oidc.${name}Bad`), 'oidc-token/bad-time');
  }
  return Number(text);
}

function readExtra(w: OidcIssuer): Record<string, unknown> | undefined {
  const text = w.field('extra').value.trim();
  if (!text) return undefined;
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    fail(w, 'extra', w.t('oidc.extraBadJson'), 'oidc-token/bad-json');
  }
  if (!v || typeof v !== 'object' || Array.isArray(v)) {
    fail(w, 'extra', w.t('oidc.extraNotObject'), 'oidc-token/bad-json');
  }
  return v as Record<string, unknown>;
}

async function mint(w: OidcIssuer): Promise<void> {
  const t = w.t;
  const status = w.el('[data-mint-status]');
  status.textContent = '';
  const fields = ['sub', 'email', 'emailVerified', 'groups', 'audience', 'lifetime', 'notBefore', 'extra'];
  for (const f of fields) message(w, f as Field, '');
  // Every field is read (and each bad one marked) before anything is made.
  const bad: FieldError[] = [];
  const read = <T>(fn: () => T): T | undefined => {
    try {
      return fn();
    } catch (e) {
      if (e instanceof FieldError) bad.push(e);
      else throw e;
      return undefined;
    }
  };
  const sub = read(() => {
    const v = w.field('sub').value.trim();
    if (!v) fail(w, 'sub', t('oidc.subEmpty'), 'input/empty');
    return v;
  });
  const email = read(() => {
    const v = w.field('email').value.trim();
    if (v && !/^[^\s@"]+@[^\s@"]+$/.test(v)) fail(w, 'email', t('oidc.emailBad'), 'oidc-token/bad-email');
    return v;
  });
  const groups = list(w.field('groups').value);
  const audience = read(() => {
    const v = list(w.field('audience').value);
    if (v.length === 0) fail(w, 'audience', t('oidc.audienceEmpty'), 'input/empty');
    return v;
  });
  const lifetime = read(() => readSeconds(w, 'lifetime', true));
  const notBefore = read(() => readSeconds(w, 'notBefore', false));
  const extra = read(() => readExtra(w));
  if (bad.length) return;
  if (!w.state?.issuer) await make(w, false);
  const state = w.state;
  if (!state?.issuer) return;
  const [tokens] = await load();
  const now = new Date();
  const verified = w.field('emailVerified').value;
  let claims: Record<string, unknown>;
  try {
    claims = tokens.idTokenClaims({
      issuer: state.issuer.discovery.issuer,
      audience: audience!.length === 1 ? audience![0]! : audience!,
      sub: sub!,
      ...(email ? { email } : {}),
      ...(email && verified !== 'omit'
        ? { emailVerified: verified === 'string' ? 'true' : verified === 'true' }
        : {}),
      ...(groups.length ? { groups } : {}),
      lifetimeSeconds: lifetime!,
      ...(notBefore !== undefined ? { notBefore: Math.floor(now.getTime() / 1000) + notBefore } : {}),
      ...(extra ? { extra } : {}),
      now,
    });
  } catch (e) {
    const at = fieldOf(e);
    const name: Field = at === 'notBefore' ? 'notBefore' : at === 'extra' ? 'extra' : 'lifetime';
    return fail(w, name, errorText(t, e), codeOf(e));
  }
  const token = await tokens.mintIdToken({ claims, privateKey: state.privateKey, alg: state.issuer.alg });
  state.token = token;
  w.el('[data-token]').textContent = token;
  w.el('[data-claims]').textContent = json(tokens.decodeJwt(token).claims);
  w.el('[data-minted]').hidden = false;
  status.textContent = t('oidc.minted', { alg: state.issuer.alg });
  await preview(w);
  await saveKey(w);
}

/** The flags of the preview: the lesson's, with the reader's issuer, audience and username claim. */
function previewFlags(
  w: OidcIssuer,
  claims: Record<string, unknown>,
  alg: string,
  issuer: string,
): OidcFlags {
  const aud = Array.isArray(claims.aud) ? claims.aud[0] : claims.aud;
  const usernameClaim = w.field('usernameClaim').value === 'email' ? 'email' : undefined;
  return {
    issuerUrl: issuer,
    clientId: typeof aud === 'string' && aud ? aud : 'kubernetes',
    ...(usernameClaim ? { usernameClaim } : {}),
    groupsClaim: 'groups',
    groupsPrefix: 'oidc:',
    ...(alg === 'RS256' ? {} : { signingAlgs: [alg as OidcSigningAlg] }),
  };
}

/** kube-apiserver's verdict on the minted token under the flags shown, with the files as served. */
async function preview(w: OidcIssuer): Promise<void> {
  const state = w.state;
  if (!state?.issuer || !state.token) return;
  const t = w.t;
  const [tokens] = await load();
  const token = state.token;
  const claims = tokens.decodeJwt(token).claims;
  const flags = previewFlags(w, claims, state.issuer.alg, state.issuer.discovery.issuer);
  w.el('[data-flags]').textContent = tokens
    .oidcFlagList(flags)
    .map((f) => `--${f.name}=${f.value}`)
    .join('\n');
  const from = tokens.jwtAuthenticatorFromFlags(flags);
  const v = await tokens.authenticateRequest({
    authorization: `Bearer ${token}`,
    authenticators: [
      tokens.oidcTokenAuthenticator({
        ...from,
        discovery: state.issuer.discovery,
        jwks: state.issuer.jwks,
      }),
    ],
  });
  if (state.token !== token) return;
  const verdict = w.el('[data-verdict]');
  const out = w.el('[data-preview]');
  if (v.outcome === 'authenticated' && v.user) {
    verdict.dataset.ok = 'true';
    delete verdict.dataset.refusal;
    verdict.replaceChildren(t('oidc.accepted', { user: v.user.username }));
    out.textContent = tokens.whoamiForUser(v.user);
    return;
  }
  const refused = v.trace
    .map((e) => e.verdict as { kind: string; refusal?: string })
    .find((x) => x.kind === 'error' || x.kind === 'not-mine');
  const refusal = refused?.refusal ?? 'other';
  verdict.dataset.ok = 'false';
  verdict.dataset.refusal = refusal;
  const known = t(`oidc.refusal.${refusal}`);
  verdict.replaceChildren(
    h('strong', {}, t('oidc.refused')),
    ' ',
    known === `oidc.refusal.${refusal}` ? t('oidc.refusal.other') : known,
  );
  out.textContent = [
    `${t('oidc.logLine')}\n  ${v.log ?? ''}`,
    `${t('oidc.kubectlSees')}\n  ${tokens.KUBECTL_401.whoami}`,
  ].join('\n\n');
}

/** The key (and the token) are kept for a reload only when the reader ticked "keep". */
async function saveKey(w: OidcIssuer): Promise<void> {
  if (!w.state) return;
  const tokenNote = w.el('[data-token-not-kept]');
  if (!w.keepKeys) {
    journal(WIDGET, { signingKey: '', token: '', keyMade: true });
    tokenNote.hidden = !w.state.token;
    return;
  }
  tokenNote.hidden = true;
  const [, pki] = await load();
  const pem = await pki.exportPrivateKeyPem(w.state.privateKey);
  journal(WIDGET, { signingKey: pem, token: w.state.token ?? '', keyMade: true }, true);
}

async function restoreKey(w: OidcIssuer): Promise<void> {
  const saved = (await loadWorkspace().catch(() => undefined))?.inputs[WIDGET];
  const pem = saved?.signingKey;
  if (typeof pem !== 'string' || !pem || w.state) return;
  const [tokens, pki] = await load();
  try {
    const key = await pki.importPrivateKeyPem(pem);
    w.state = {
      privateKey: key.privateKey,
      publicKey: key.publicKey,
      family: key.publicKey.algorithm.name === 'ECDSA' ? 'EC' : 'RSA',
    };
  } catch {
    // A damaged saved key: the reader makes a new one.
    return;
  }
  try {
    await make(w, false, true, false);
  } catch (e) {
    if (!(e instanceof FieldError)) throw e;
    return;
  }
  const token = saved?.token;
  if (typeof token === 'string' && token && w.state?.issuer) {
    w.state.token = token;
    w.el('[data-token]').textContent = token;
    w.el('[data-claims]').textContent = json(tokens.decodeJwt(token).claims);
    w.el('[data-minted]').hidden = false;
    await preview(w);
  }
}
