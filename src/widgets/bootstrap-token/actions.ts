// The bootstrap-token maker's work, loaded the first time the reader acts or the workspace holds
// their values: every field checked with the engine (src/tokens, src/recipes/tokens, src/pki) and
// its LabError shown at that field; the Secret, the kubeadm commands, the identity kube-apiserver
// derives (by running the engine's bootstrap authenticator on that Secret) and the CA hash.
import { parseGoDuration } from '../../tokens/go-duration.ts';
import { h } from '../shared/dom.ts';
import { downloadFile } from '../shared/download.ts';
import { tooLargeText } from '../shared/large-paste.ts';
import { errorText } from '../shared/strings.ts';
import { CA_HASH_PIPELINE } from './defaults.ts';
import type { BootstrapToken, TextField } from './element.ts';

type Libs = [
  typeof import('../../tokens/bootstrap-token.ts'),
  typeof import('../../tokens/bootstrap-token-secret.ts'),
  typeof import('../../tokens/authenticate-bootstrap-token.ts'),
  typeof import('../../tokens/whoami-for-user.ts'),
  typeof import('../../tokens/authenticate-request.ts'),
  typeof import('../../recipes/tokens/token-client-commands.ts'),
  typeof import('../../pki/discovery-token-ca-cert-hash.ts'),
  typeof import('../new-user/code-block.ts'),
];

let libs: Promise<Libs> | undefined;
const load = (): Promise<Libs> => {
  libs ??= Promise.all([
    import('../../tokens/bootstrap-token.ts'),
    import('../../tokens/bootstrap-token-secret.ts'),
    import('../../tokens/authenticate-bootstrap-token.ts'),
    import('../../tokens/whoami-for-user.ts'),
    import('../../tokens/authenticate-request.ts'),
    import('../../recipes/tokens/token-client-commands.ts'),
    import('../../pki/discovery-token-ca-cert-hash.ts'),
    import('../new-user/code-block.ts'),
  ]);
  return libs;
};

/** Where a message goes: a text field, or the usages' fieldset. */
type Place = TextField | 'usages';
const PLACES: Place[] = ['token', 'description', 'ttl', 'usages', 'groups', 'ca', 'endpoint'];
/** The engine's `details.field` → the widget's field. */
const FIELD_OF: Record<string, Place> = {
  token: 'token',
  description: 'description',
  endpoint: 'endpoint',
  usages: 'usages',
  extraGroups: 'groups',
  expiration: 'ttl',
  ttl: 'ttl',
};

interface Problem {
  text: string;
  kind: 'error' | 'warning';
  code: string;
}

/** The number of the latest update per widget: an older one still running stops rendering. */
const runs = new WeakMap<BootstrapToken, number>();

/** What the last update made, for the download button. */
const made = new WeakMap<BootstrapToken, { file: string; yaml: string }>();

export async function act(this: BootstrapToken, action: string) {
  try {
    if (action === 'generate') {
      const [tokens] = await load();
      this.field('token').value = tokens.generateBootstrapToken();
      this.origin = 'generated';
      this.touched.add('token');
      this.save('token');
      await update.call(this);
      this.field('token').focus();
    } else if (action === 'use-workspace-ca' && this.workspaceCa) {
      this.field('ca').value = this.workspaceCa;
      this.touched.add('ca');
      this.save('ca');
      await update.call(this);
    } else if (action === 'download-yaml') {
      const m = made.get(this);
      if (m) downloadFile(m.file, m.yaml, 'application/yaml');
    }
  } catch (e) {
    this.el('[data-status]').textContent = errorText(this.t, e);
  }
}

/** Milliseconds of a kubeadm --ttl as Go reads it ("24h", "1h30m", "1.5h", "0"); throws kubeadm-token/bad-ttl. */
export function ttlMilliseconds(ttl: string): number {
  return parseGoDuration(ttl);
}

/** Checks every field, shows each problem at its field, and renders what the valid fields allow. */
export async function update(this: BootstrapToken) {
  const t = this.t;
  const run = (runs.get(this) ?? 0) + 1;
  runs.set(this, run);
  const [tokens, secrets, authn, whoami, request, commands, hash, { showCode }] = await load();
  if (runs.get(this) !== run) return;
  const problems = new Map<Place, Problem>();
  const report = (place: Place, text: string, code: string, kind: Problem['kind'] = 'error') => {
    const old = problems.get(place);
    if (!old || (old.kind === 'warning' && kind === 'error')) problems.set(place, { text, kind, code });
  };
  const reportError = (e: unknown, fallback: Place) => {
    const field = (e as { details?: { field?: unknown } })?.details?.field;
    report(
      FIELD_OF[String(field)] ?? fallback,
      errorText(t, e),
      String((e as { code?: unknown }).code ?? 'unexpected'),
    );
  };
  const status = this.el('[data-status]');
  status.textContent = '';

  // The token.
  const token = this.field('token').value;
  let tokenOk = false;
  if (token === '') report('token', t('bootstrap.tokenEmpty'), 'input/empty');
  else {
    try {
      tokens.parseBootstrapToken(token);
      tokenOk = true;
    } catch (e) {
      reportError(e, 'token');
    }
  }

  // The lifetime, as kubeadm token create --ttl takes it (the engine's check; a well-formed token
  // stands in while the token field is wrong, so both fields get their message).
  const ttl = this.field('ttl').value.trim();
  let ttlOk = false;
  if (ttl === '') report('ttl', t('bootstrap.ttlEmpty'), 'input/empty');
  else {
    try {
      commands.kubeadmTokenCreateCommand({ token: tokenOk ? token : 'abcdef.0123456789abcdef', ttl });
      ttlOk = true;
    } catch (e) {
      reportError(e, 'ttl');
    }
  }

  // Usages and groups.
  const usages = [
    ...(this.box('usageAuthentication').checked ? (['authentication'] as const) : []),
    ...(this.box('usageSigning').checked ? (['signing'] as const) : []),
  ];
  if (usages.length === 0) report('usages', t('bootstrap.noUsage'), 'bootstrap/no-usage', 'warning');
  else if (!usages.includes('authentication'))
    report('usages', t('bootstrap.noAuthentication'), 'bootstrap/no-authentication', 'warning');
  const groups = this.field('groups')
    .value.split('\n')
    .map((g) => g.replace(/\r$/, ''))
    .filter((g) => g !== '');
  for (const g of groups) {
    const apiserverError = tokens.bootstrapGroupError(g);
    if (apiserverError) {
      report('groups', t('error.bootstrap-token/bad-group', { value: g }), 'bootstrap-token/bad-group');
      break;
    }
  }
  if (new Set(groups).size !== groups.length)
    report('groups', t('bootstrap.groupDuplicate'), 'bootstrap/duplicate-group', 'warning');

  // The description is free text; kubeadm's flag refuses what a line break would make of it.
  const description = this.field('description').value;
  try {
    commands.kubeadmTokenCreateCommand({ token: 'abcdef.0123456789abcdef', description });
  } catch (e) {
    reportError(e, 'description');
  }

  // The Secret, the commands and the identity, when the token's fields allow them.
  const output = this.el('[data-output]');
  let secret: ReturnType<typeof secrets.buildBootstrapTokenSecret> | undefined;
  if (tokenOk && ttlOk && !problems.has('groups') && !problems.has('description')) {
    const ms = ttlMilliseconds(ttl);
    const now = new Date();
    try {
      secret = secrets.buildBootstrapTokenSecret({
        token,
        description,
        usages: [...usages],
        extraGroups: groups,
        ...(ms > 0 ? { expiration: new Date(now.getTime() + ms) } : {}),
      });
    } catch (e) {
      reportError(e, 'ttl');
    }
    if (secret) {
      const name = secret.object.metadata.name;
      const file = `${name}.yaml`;
      made.set(this, { file, yaml: secret.yaml });
      showCode(this.el('[data-yaml]'), secret.yaml, 'yaml', t);
      this.el('[data-action="download-yaml"]').textContent = t('bootstrap.download', { file });
      showSteps(this.el('[data-apply]'), [
        [t('bootstrap.stepApply', { file }), `kubectl apply -f ${file}\n`],
      ]);
      const create = commands.kubeadmTokenCreateCommand({
        token,
        ttl,
        usages: [...usages],
        groups,
        description,
      });
      showSteps(this.el('[data-kubeadm]'), [
        [t('bootstrap.stepCreate'), `${create.command}\n`],
        [t('bootstrap.stepList'), 'sudo kubeadm token list\n'],
      ]);
      renderIdentity.call(this, secret, now);
    }
  }
  output.hidden = !secret;
  if (!secret) made.delete(this);

  // The CA hash and the join line.
  const caText = this.field('ca').value;
  const hashBox = this.el('[data-hash]');
  let caHash = '';
  if (caText.trim() !== '') {
    const tooLarge = tooLargeText(t, caText);
    if (tooLarge) report('ca', tooLarge, 'input/too-large');
    else {
      try {
        caHash = await hash.discoveryTokenCaCertHash(caText);
      } catch (e) {
        if (runs.get(this) !== run) return;
        reportError(e, 'ca');
        // A field name the engine gives (there is none for the CA) must not move it elsewhere.
        if (!problems.has('ca')) report('ca', errorText(t, e), 'unexpected');
      }
    }
  }
  if (runs.get(this) !== run) return;
  hashBox.textContent = caHash || t('bootstrap.hashWaiting');
  hashBox.dataset.ok = String(Boolean(caHash));
  const endpoint = this.field('endpoint').value.trim();
  let joinLine: string | undefined;
  let endpointOk = false;
  if (endpoint === '') report('endpoint', t('bootstrap.endpointEmpty'), 'input/empty');
  else {
    try {
      // The endpoint is checked with a well-formed token and hash, so its refusal is its own.
      const line = commands.kubeadmJoinCommand({
        endpoint,
        token: tokenOk ? token : 'abcdef.0123456789abcdef',
        caCertHash: caHash || 'sha256:',
      });
      endpointOk = true;
      if (tokenOk && caHash) joinLine = line.command;
    } catch (e) {
      reportError(e, 'endpoint');
    }
  }
  showSteps(this.el('[data-pipeline]'), [['', CA_HASH_PIPELINE]]);
  const join = this.el('[data-join]');
  if (joinLine) {
    showSteps(join, [[t('bootstrap.stepJoin'), `${joinLine}\n`]]);
  } else {
    const missing = [
      tokenOk ? '' : t('bootstrap.needToken'),
      caHash ? '' : t('bootstrap.needCa'),
      endpointOk ? '' : t('bootstrap.needEndpoint'),
    ].filter(Boolean);
    join.replaceChildren(
      h(
        'p',
        { class: 'kal-hint', 'data-join-waiting': true },
        t('bootstrap.joinMissing', { missing: missing.join(t('bootstrap.listSeparator')) }),
      ),
    );
  }

  // Every message at its field.
  for (const place of PLACES) {
    const message = this.el(`[data-message="${place}"]`);
    const p = problems.get(place);
    message.textContent = p?.text ?? '';
    message.dataset.kind = p?.kind ?? '';
    if (p) message.dataset.code = p.code;
    else delete message.dataset.code;
    const target = place === 'usages' ? this.box('usageAuthentication') : this.field(place as TextField);
    if (p?.kind === 'error') target.setAttribute('aria-invalid', 'true');
    else target.removeAttribute('aria-invalid');
  }
  if (!secret && [...problems.values()].some((p) => p.kind === 'error'))
    status.textContent = t('bootstrap.fixFirst');

  function showSteps(host: HTMLElement, steps: [string, string][]) {
    const items = steps.map(([description, command]) => {
      const code = h('div');
      showCode(code, command, 'shellscript', t);
      return h('div', { class: 'kal-nu-command' }, description ? h('p', {}, description) : null, code);
    });
    host.replaceChildren(...items);
  }

  /** What kube-apiserver makes of the token with this Secret: the user, or its refusal. */
  function renderIdentity(this: BootstrapToken, made: NonNullable<typeof secret>, now: Date): void {
    const objects = [made.object as import('../../tokens/cluster-objects.ts').ClusterObject];
    const verdict = authn.authenticateBootstrapToken(token, { secrets: objects, now });
    const help = this.el('[data-identity-help]');
    const pre = this.el('[data-whoami]');
    // The refusal box (in the .astro) says why, what kubectl prints and what kube-apiserver logs.
    const refusal = this.el('[data-refusal-box]');
    refusal.hidden = verdict.kind === 'ok';
    if (verdict.kind === 'ok') {
      delete refusal.dataset.code;
      help.textContent = t('bootstrap.identityOk', { user: verdict.user.username });
      pre.hidden = false;
      pre.textContent = whoami.whoamiForUser(verdict.user);
    } else {
      help.textContent = t('bootstrap.identityRefused');
      pre.hidden = true;
      pre.textContent = '';
      refusal.dataset.code = verdict.refusal ?? '';
      this.el('[data-refusal-why]').textContent = t(`bootstrap.refusal.${verdict.refusal ?? ''}`);
      this.el('[data-refusal-box] [data-log]').textContent = verdict.log ?? '';
    }
    // After the expiration the same Secret no longer authenticates: what kubectl then prints.
    const expiration = made.object.stringData?.expiration;
    const expiryHelp = this.el('[data-expiry-help]');
    const expiry = this.el('[data-expiry]');
    if (verdict.kind === 'ok' && expiration) {
      const after = authn.authenticateBootstrapToken(token, {
        secrets: objects,
        now: new Date(Date.parse(expiration) + 1000),
      });
      expiryHelp.textContent = t('bootstrap.expiryHelp', { expiration });
      expiry.hidden = false;
      expiry.dataset.code = after.kind === 'ok' ? '' : (after.refusal ?? '');
      expiry.textContent = `${request.KUBECTL_401.whoami}\n`;
    } else {
      expiryHelp.textContent = verdict.kind === 'ok' ? t('bootstrap.neverExpires') : '';
      expiry.hidden = true;
      expiry.textContent = '';
    }
  }
}
