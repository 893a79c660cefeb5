// What the service-account token widget does when the reader acts, loaded on first use (with
// src/tokens and jose): read the fields, ask src/tokens for kube-apiserver's verdict, render it;
// mint a token with the demo's key. No token rule lives here: the verdict is
// authenticateRequest over serviceAccountAuthenticators, as kube-apiserver builds its token union.
import type { ClusterObject, JwsAlgorithm, UserInfo, VerificationKey } from '../../tokens/index.ts';
import { formatDate, relativeTime } from '../kubeconfig-decoder/time.ts';
import { h } from '../shared/dom.ts';
import { copyText, downloadFile } from '../shared/download.ts';
import { errorCode, FieldError, failAtField, listOf, showAtField } from '../shared/field-fail.ts';
import { MAX_FIELD_CHARS } from '../shared/paste-guard.ts';
import { errorText } from '../shared/strings.ts';
import { loadTokenLibs, type Tokens } from '../shared/token-libs.ts';
import { journal } from '../shared/workspace-store.ts';
import { type Field, type ServiceAccountToken, WIDGET } from './element.ts';

const load = loadTokenLibs;

const message = (w: ServiceAccountToken, name: Field, text: string, code = '') =>
  showAtField(w, name, text, code);
const fail = (w: ServiceAccountToken, name: Field, text: string, code: string): never =>
  failAtField(w, name, text, code);

const codeOf = errorCode;

const list = listOf;

export async function act(this: ServiceAccountToken, action: string): Promise<void> {
  if (action === 'inspect') return inspect(this, true);
  if (action === 'inspect-quiet') return inspect(this, false);
  if (action === 'forge') return forge(this);
  if (action === 'restore-forged') return restoreForged(this);
  if (action === 'keep-changed') return saveForged(this);
  if (action === 'inspect-forged' && this.forged) {
    this.field('token').value = this.forged.token;
    this.field('keys').value = this.forged.pub;
    this.save('token');
    this.save('keys');
    await inspect(this, true);
    this.el('[data-field="token"]').scrollIntoView({ block: 'center' });
    return;
  }
  if (action === 'copy-token' && this.forged) {
    const ok = await copyText(this.forged.token);
    this.el('[data-forge-status]').textContent = this.t(ok ? 'satoken.copied' : 'satoken.copyFailed');
    return;
  }
  if (action === 'download-pub' && this.forged) {
    downloadFile('sa.pub', this.forged.pub, 'application/x-pem-file');
    return;
  }
  if (action === 'download-jwks' && this.forged) {
    const [tokens] = await load();
    const jwks = await tokens.buildJwks([this.forged.publicKey]);
    downloadFile('jwks.json', `${JSON.stringify(jwks, null, 2)}\n`, 'application/json');
  }
}

// The inspector.

async function readKeys(w: ServiceAccountToken, tokens: Tokens): Promise<VerificationKey[] | undefined> {
  const text = w.field('keys').value.trim();
  if (!text) return undefined;
  if (text.length > MAX_FIELD_CHARS) fail(w, 'keys', w.t('satoken.tooLong'), 'input/too-large');
  try {
    const keys = text.startsWith('{')
      ? await tokens.readVerificationKeysJwks(text)
      : await tokens.readVerificationKeysPem(text);
    if (keys.length === 0) fail(w, 'keys', w.t('satoken.jwksNoUsable'), 'jwks/no-usable-key');
    return keys;
  } catch (e) {
    if (e instanceof FieldError) throw e;
    return fail(w, 'keys', errorText(w.t, e), codeOf(e));
  }
}

function readIssuers(w: ServiceAccountToken): string[] {
  const issuers = list(w.field('issuers').value);
  if (issuers.length === 0) fail(w, 'issuers', w.t('satoken.issuersEmpty'), 'sa-token/no-issuer');
  return issuers;
}

function readObjects(w: ServiceAccountToken): ClusterObject[] | undefined {
  const text = w.field('objects').value.trim();
  if (!text) return undefined;
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    fail(w, 'objects', w.t('satoken.objectsBadJson'), 'objects/bad-json');
  }
  const items = Array.isArray(doc)
    ? doc
    : doc && typeof doc === 'object' && Array.isArray((doc as { items?: unknown }).items)
      ? (doc as { items: unknown[] }).items
      : [doc];
  const known = ['ServiceAccount', 'Pod', 'Secret', 'Node'];
  const ok = items.every(
    (o) =>
      o !== null &&
      typeof o === 'object' &&
      known.includes((o as { kind?: string }).kind ?? '') &&
      typeof (o as { metadata?: { name?: unknown } }).metadata?.name === 'string',
  );
  if (!ok || items.length === 0) fail(w, 'objects', w.t('satoken.objectsNotList'), 'objects/not-list');
  return items as ClusterObject[];
}

/** The objects a token names, as if they all exist with the UIDs it claims (no objects given). */
function assumedObjects(token: string, claims: Record<string, unknown>, tokens: Tokens): ClusterObject[] {
  const s = (v: unknown) => (typeof v === 'string' ? v : '');
  const ref = (v: unknown) =>
    v && typeof v === 'object' ? (v as { name?: unknown; uid?: unknown }) : undefined;
  if (claims.iss === tokens.LEGACY_ISSUER) {
    const ns = s(claims['kubernetes.io/serviceaccount/namespace']);
    return [
      {
        kind: 'ServiceAccount',
        metadata: {
          name: s(claims['kubernetes.io/serviceaccount/service-account.name']),
          namespace: ns,
          uid: s(claims['kubernetes.io/serviceaccount/service-account.uid']),
        },
      },
      {
        kind: 'Secret',
        metadata: { name: s(claims['kubernetes.io/serviceaccount/secret.name']), namespace: ns },
        type: 'kubernetes.io/service-account-token',
        stringData: { token },
      },
    ];
  }
  const k8s = ref(claims['kubernetes.io']) as Record<string, unknown> | undefined;
  if (!k8s) return [];
  const ns = s(k8s.namespace);
  const out: ClusterObject[] = [];
  for (const [claim, kind] of [
    ['serviceaccount', 'ServiceAccount'],
    ['pod', 'Pod'],
    ['secret', 'Secret'],
    ['node', 'Node'],
  ] as const) {
    const r = ref(k8s[claim]);
    if (r) {
      out.push({
        kind,
        metadata: { name: s(r.name), uid: s(r.uid), ...(kind === 'Node' ? {} : { namespace: ns }) },
      });
    }
  }
  return out;
}

function setVerdict(
  w: ServiceAccountToken,
  ok: boolean | undefined,
  refusal: string,
  ...children: (Node | string)[]
) {
  const verdict = w.el('[data-verdict]');
  verdict.replaceChildren(...children);
  if (ok === undefined) delete verdict.dataset.ok;
  else verdict.dataset.ok = String(ok);
  if (refusal) verdict.dataset.refusal = refusal;
  else delete verdict.dataset.refusal;
}

/** "expires in 59 minutes" / "expired 3 minutes ago" (and whether the one-minute leeway still covers it). */
function timeLeft(w: ServiceAccountToken, exp: number, now: Date, tokens: Tokens): string {
  const when = relativeTime(new Date(exp * 1000), now, document.documentElement.lang);
  const past = now.getTime() - exp * 1000;
  if (past <= 0) return w.t('satoken.expiresIn', { when });
  return w.t(past <= tokens.LEEWAY_SECONDS * 1000 ? 'satoken.expiredInLeeway' : 'satoken.expiredAgo', {
    when,
  });
}

function timeRow(seconds: unknown, now: Date): string {
  if (typeof seconds !== 'number') return '—';
  const d = new Date(seconds * 1000);
  return `${formatDate(d)} (${relativeTime(d, now, document.documentElement.lang)})`;
}

async function inspect(w: ServiceAccountToken, explicit: boolean): Promise<void> {
  const run = ++w.run;
  const t = w.t;
  for (const f of ['token', 'keys', 'issuers', 'audiences', 'objects'] as const) message(w, f, '');
  const token = w.field('token').value.trim();
  const result = w.el('[data-result]');
  if (!token) {
    result.hidden = true;
    setVerdict(w, undefined, '');
    if (explicit) message(w, 'token', t('satoken.emptyToken'), 'input/empty');
    return;
  }
  const [tokens] = await load();
  if (run !== w.run) return;
  try {
    if (token.length > MAX_FIELD_CHARS) fail(w, 'token', t('satoken.tooLong'), 'input/too-large');
    let decoded: ReturnType<Tokens['decodeJwt']>;
    try {
      decoded = tokens.decodeJwt(token);
    } catch (e) {
      const details = (e as { details?: { reason?: string; part?: string; parts?: number } }).details ?? {};
      const text = details.reason
        ? t(`satoken.tokenBad.${details.reason}`, { part: t(`satoken.part.${details.part}`) })
        : details.parts !== undefined
          ? t('satoken.tokenNotJwt', { parts: details.parts })
          : errorText(t, e);
      return fail(w, 'token', text, codeOf(e));
    }
    const keys = await readKeys(w, tokens);
    const issuers = readIssuers(w);
    const apiAudiences = list(w.field('audiences').value);
    const given = readObjects(w);
    if (run !== w.run) return;
    const now = new Date();
    const { header, claims } = decoded;
    w.el('[data-header]').textContent = JSON.stringify(header, null, 2);
    w.el('[data-claims]').textContent = JSON.stringify(claims, null, 2);
    const legacy = claims.iss === tokens.LEGACY_ISSUER;
    const facts: [string, string][] = [
      [t('satoken.fact.kind'), t(legacy ? 'satoken.kindLegacy' : 'satoken.kindBound')],
      [t('satoken.fact.alg'), `${String(header.alg ?? '—')}, kid ${String(header.kid ?? '—')}`],
    ];
    if (legacy) facts.push([t('satoken.fact.expires'), t('satoken.neverExpires')]);
    else {
      facts.push([t('satoken.fact.issued'), timeRow(claims.iat, now)]);
      facts.push([t('satoken.fact.notBefore'), timeRow(claims.nbf, now)]);
      facts.push([t('satoken.fact.expires'), timeRow(claims.exp, now)]);
      if (typeof claims.exp === 'number')
        facts.push([t('satoken.fact.timeLeft'), timeLeft(w, claims.exp, now, tokens)]);
      const k8s = claims['kubernetes.io'] as Record<string, unknown> | undefined;
      if (k8s && typeof k8s === 'object') {
        const bound = (['pod', 'secret', 'node'] as const)
          .filter((k) => k8s[k] && typeof k8s[k] === 'object')
          .map((k) => {
            const r = k8s[k] as { name?: unknown; uid?: unknown };
            return `${k} ${String(r.name ?? '')} (uid ${String(r.uid ?? '')})`;
          });
        facts.push([t('satoken.fact.bound'), bound.length ? bound.join(', ') : t('satoken.boundNothing')]);
        if (typeof k8s.warnafter === 'number')
          facts.push([t('satoken.fact.warnAfter'), timeRow(k8s.warnafter, now)]);
      }
    }
    let sigText = t('satoken.sigNotChecked');
    let sigOk: boolean | undefined;
    if (keys) {
      const sig = await tokens.verifyJwtSignature(token, keys);
      sigOk = sig.valid;
      sigText = sig.valid
        ? t('satoken.sigValid', { kid: sig.key.kid, alg: sig.alg })
        : t(sig.reason === 'no-keys' ? 'satoken.sigNoKey' : 'satoken.sigBad', { error: sig.error });
    }
    facts.push([t('satoken.fact.signature'), sigText]);
    const objects = given ?? assumedObjects(token, claims, tokens);
    facts.push([t('satoken.fact.objects'), t(given ? 'satoken.objectsGiven' : 'satoken.objectsAssumed')]);
    const dl = w.el('[data-facts]');
    dl.replaceChildren(...facts.flatMap(([k, v]) => [h('dt', {}, k), h('dd', {}, v)]));
    dl.dataset.signature = sigOk === undefined ? 'unchecked' : String(sigOk);
    const identity = w.el('[data-identity]');
    const identityTitle = w.el('[data-identity-title]');
    result.hidden = false;
    if (!keys) {
      // Without the API server's public key no verdict can be given; the identity is what the
      // claims would give if the signature verifies.
      const user = previewUser(tokens, claims, legacy);
      identityTitle.textContent = t('satoken.identityIfValid');
      identity.textContent = user ? tokens.whoamiForUser(user) : t('satoken.noIdentity');
      setVerdict(w, undefined, 'unchecked', t('satoken.verdictNeedsKey'));
      return;
    }
    const v = await tokens.authenticateRequest({
      authorization: `Bearer ${token}`,
      authenticators: tokens.serviceAccountAuthenticators({
        issuers,
        keys,
        ...(apiAudiences.length ? { apiAudiences } : {}),
        objects,
        now,
      }),
    });
    if (run !== w.run) return;
    if (v.outcome === 'authenticated' && v.user) {
      identityTitle.textContent = t('satoken.identityTitle');
      identity.textContent = tokens.whoamiForUser(v.user);
      setVerdict(w, true, '', t('satoken.accepted', { user: v.user.username }));
      return;
    }
    const refused = v.trace
      .map((e) => e.verdict as { kind: string; refusal?: string })
      .find((x) => x.kind === 'error');
    const refusal = refused?.refusal ?? 'other-issuer';
    identityTitle.textContent = t('satoken.refusedTitle');
    identity.textContent = [
      `${t('satoken.logLine')}\n  ${v.log ?? ''}`,
      `${t('satoken.clientSees')}\n  HTTP 401 ${JSON.stringify(tokens.UNAUTHORIZED_STATUS)}`,
      `${t('satoken.kubectlSees')}\n  ${tokens.KUBECTL_401.whoami}`,
    ].join('\n\n');
    setVerdict(
      w,
      false,
      refusal,
      h('strong', {}, t('satoken.refused')),
      ' ',
      t(`satoken.refusal.${refusal}`, { issuers: issuers.join(', ') }),
    );
  } catch (e) {
    if (run !== w.run) return;
    result.hidden = true;
    setVerdict(w, undefined, '');
    if (!(e instanceof FieldError)) message(w, 'token', errorText(t, e), codeOf(e));
  }
}

/** The user the claims name, as serviceAccountUser derives it (before any check). */
function previewUser(tokens: Tokens, c: Record<string, unknown>, legacy: boolean): UserInfo | undefined {
  const s = (v: unknown) => (typeof v === 'string' ? v : '');
  const r = (v: unknown) =>
    v && typeof v === 'object' ? (v as { name?: unknown; uid?: unknown }) : undefined;
  let user: UserInfo;
  if (legacy) {
    user = tokens.serviceAccountUser({
      namespace: s(c['kubernetes.io/serviceaccount/namespace']),
      name: s(c['kubernetes.io/serviceaccount/service-account.name']),
      uid: s(c['kubernetes.io/serviceaccount/service-account.uid']),
    });
  } else {
    const k = r(c['kubernetes.io']) as Record<string, unknown> | undefined;
    const sa = r(k?.serviceaccount);
    if (!k || !sa) return undefined;
    const pod = r(k.pod);
    const node = r(k.node);
    user = tokens.serviceAccountUser({
      namespace: s(k.namespace),
      name: s(sa.name),
      uid: s(sa.uid),
      ...(pod ? { podName: s(pod.name), podUid: s(pod.uid) } : {}),
      ...(node ? { nodeName: s(node.name), nodeUid: s(node.uid) } : {}),
      jti: s(c.jti),
    });
  }
  return tokens.addAuthenticatedGroup(user);
}

// The forgery demo.

const KEY_FOR: Record<string, 'RSA-2048' | 'ECDSA-P256'> = {
  RS256: 'RSA-2048',
  PS256: 'RSA-2048',
  ES256: 'ECDSA-P256',
};

async function forge(w: ServiceAccountToken): Promise<void> {
  const t = w.t;
  const status = w.el('[data-forge-status]');
  for (const f of ['namespace', 'serviceAccount', 'uid', 'audience', 'expiration', 'issuers'] as const)
    message(w, f, '');
  try {
    const [tokens, pki] = await load();
    const alg = (w.field('alg').value || 'RS256') as JwsAlgorithm;
    const issuers = readIssuers(w);
    const uid = w.field('uid').value.trim();
    if (!uid) fail(w, 'uid', t('satoken.uidEmpty'), 'sa-token/no-uid');
    const expText = w.field('expiration').value.trim();
    const expirationSeconds = /^\d+$/.test(expText) ? Number(expText) : Number.NaN;
    let claims: Record<string, unknown>;
    try {
      claims = tokens.boundServiceAccountClaims({
        issuer: issuers[0]!,
        namespace: w.field('namespace').value.trim(),
        serviceAccount: { name: w.field('serviceAccount').value.trim(), uid },
        audiences: list(w.field('audience').value),
        expirationSeconds,
      });
    } catch (e) {
      const field = (e as { details?: { field?: string } }).details?.field;
      const at: Field =
        field === 'namespace' || field === 'serviceAccount'
          ? field
          : field === 'expirationSeconds'
            ? 'expiration'
            : field === 'audiences'
              ? 'audience'
              : 'issuers';
      return fail(w, at, errorText(t, e), codeOf(e));
    }
    status.textContent = t('satoken.forging');
    const keyAlg = KEY_FOR[alg] ?? 'RSA-2048';
    let pair = w.forged;
    if (!pair || KEY_FOR[pair.alg] !== keyAlg) {
      const made = await pki.generateKeyPair(keyAlg);
      pair = { ...made, token: '', pub: await pki.exportPublicKeyPem(made.publicKey), alg };
    }
    const token = await tokens.signJwt({ claims, privateKey: pair.privateKey, alg });
    w.forged = { ...pair, token, alg };
    showForged(w);
    status.textContent = t('satoken.forged', { alg });
    await saveForged(w);
  } catch (e) {
    if (!(e instanceof FieldError)) status.textContent = errorText(t, e);
    else status.textContent = '';
  }
}

function showForged(w: ServiceAccountToken) {
  if (!w.forged) return;
  w.el('[data-forged-token]').textContent = w.forged.token;
  w.el('[data-forged-pub]').textContent = w.forged.pub;
  w.el('[data-forged]').hidden = false;
}

/** The demo's key and token are kept for a reload only when the reader ticked "keep". */
async function saveForged(w: ServiceAccountToken) {
  if (!w.forged) return;
  if (!w.keepKeys) {
    journal(WIDGET, { forgedKey: '', forgedToken: '', forgedAlg: '' });
    return;
  }
  const [, pki] = await load();
  const pem = await pki.exportPrivateKeyPem(w.forged.privateKey);
  journal(WIDGET, { forgedKey: pem, forgedToken: w.forged.token, forgedAlg: w.forged.alg }, true);
}

async function restoreForged(w: ServiceAccountToken) {
  const { loadWorkspace } = await import('../shared/workspace-store.ts');
  const saved = (await loadWorkspace().catch(() => undefined))?.inputs[WIDGET];
  const pem = saved?.forgedKey;
  if (typeof pem !== 'string' || !pem || w.forged) return;
  try {
    const [, pki] = await load();
    const key = await pki.importPrivateKeyPem(pem);
    w.forged = {
      privateKey: key.privateKey,
      publicKey: key.publicKey,
      pub: await pki.exportPublicKeyPem(key.publicKey),
      token: typeof saved?.forgedToken === 'string' ? saved.forgedToken : '',
      alg: typeof saved?.forgedAlg === 'string' && saved.forgedAlg ? saved.forgedAlg : 'RS256',
    };
    if (w.forged.token) showForged(w);
  } catch {
    // A damaged saved key: the reader makes a new one.
  }
}
