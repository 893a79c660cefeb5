// <kal-kubeconfig-decoder>: the DOM side of the decoder. Parsing is src/kube's parseKubeconfig
// (hostile input, secrets kept out of its enumerable output) and certificate reading is src/pki's,
// both loaded on first use. Only names, subjects, dates and key types are shown; key material
// never is. The pasted text is kept in the workspace, so neither an error nor a reload loses it,
// and the cluster CA and server of the current context are saved for lesson 7's kubeconfig builder.
import { h } from '../shared/dom.ts';
import { LabElement } from '../shared/lab-element.ts';
import { guardPastes, MAX_FIELD_CHARS } from '../shared/paste-guard.ts';
import { errorText, readStrings } from '../shared/strings.ts';
import {
  followOtherTabs,
  journal,
  journalField,
  loadWorkspace,
  updateWorkspace,
} from '../shared/workspace-store.ts';
import { formatDate, relativeTime } from './time.ts';

type Pki = typeof import('../../pki/index.ts');
type Names = typeof import('../shared/name-view.ts');
type Kube = typeof import('../../kube/index.ts');
type Parsed = import('../../kube/index.ts').ParsedKubeconfig;
type User = import('../../kube/index.ts').KubeconfigUser;

const WIDGET = 'kubeconfig-decoder';
/** The workspace file the cluster CA is saved as (kubeadm's name), for the kubeconfig builder. */
const CA_FILE = 'ca.crt';

class KubeconfigDecoder extends LabElement {
  private libs?: Promise<[Pki, Kube]>;
  private names?: Names;
  private timer?: ReturnType<typeof setTimeout>;
  private run = 0;

  private get text() {
    return this.el<HTMLTextAreaElement>('[data-text]');
  }

  private load(): Promise<[Pki, Kube]> {
    this.libs ??= Promise.all([import('../../pki/index.ts'), import('../../kube/index.ts')]);
    return this.libs;
  }

  connectedCallback() {
    this.t = readStrings(this);
    guardPastes(this, () => this.t);
    this.onAction((action) => {
      if (action === 'decode') void this.decode(true);
      if (action === 'clear') void this.clear();
    });
    this.text.addEventListener('input', () => {
      this.saveText(this.text.value);
      clearTimeout(this.timer);
      this.timer = setTimeout(() => void this.decode(false), 400);
    });
    this.keepKeysBox.addEventListener('change', () => {
      journal(WIDGET, { keepKeys: this.keepKeysBox.checked });
      this.saveText(this.text.value);
    });
    // Another tab pasted a kubeconfig: decode it here too.
    followOtherTabs(
      WIDGET,
      (name) => (name === 'text' ? this.text : null),
      () => void this.decode(false),
    );
    void this.restore();
  }

  private async restore() {
    const ws = await loadWorkspace().catch(() => undefined);
    this.keepKeysBox.checked = ws?.inputs[WIDGET]?.keepKeys === true;
    const saved = ws?.inputs[WIDGET]?.text;
    if (typeof saved === 'string' && saved !== '' && this.text.value === '') {
      this.text.value = saved;
      await this.decode(false);
    }
  }

  private async clear() {
    // Nothing decoded before the clear may show up after it.
    clearTimeout(this.timer);
    this.run++;
    this.text.value = '';
    this.fieldMessage('');
    this.el('[data-result]').hidden = true;
    this.el('[data-status]').textContent = '';
    this.saveText('');
    const keepKeys = this.keepKeys;
    await updateWorkspace((ws) => {
      ws.inputs[WIDGET] = { text: '', keepKeys };
    }).catch(() => undefined); // Nothing was stored, so nothing is left.
  }

  private fieldMessage(text: string) {
    this.el('[data-text-message]').textContent = text;
    if (text) this.text.setAttribute('aria-invalid', 'true');
    else this.text.removeAttribute('aria-invalid');
  }

  /** Parses and shows the pasted kubeconfig; `explicit` when the reader pressed the button. */
  private async decode(explicit: boolean) {
    const run = ++this.run;
    const text = this.text.value;
    this.saveText(text);
    if (text.trim() === '') {
      this.el('[data-result]').hidden = true;
      this.fieldMessage(explicit ? this.t('decoder.empty') : '');
      return;
    }
    if (text.length > MAX_FIELD_CHARS) {
      // Refused at the field, and kept in the box: reading megabytes of YAML would freeze the page.
      const { tooLargeText } = await import('../shared/large-paste.ts');
      if (run !== this.run) return;
      this.fieldMessage(tooLargeText(this.t, text));
      this.el('[data-result]').hidden = true;
      this.el('[data-status]').textContent = '';
      return;
    }
    const [pki, kube] = await this.load();
    this.names ??= await import('../shared/name-view.ts');
    let parsed: Parsed;
    try {
      parsed = kube.parseKubeconfig(text);
    } catch (e) {
      if (run !== this.run) return;
      this.fieldMessage(errorText(this.t, e));
      this.el('[data-result]').hidden = true;
      this.el('[data-status]').textContent = '';
      return;
    }
    const users = await Promise.all(parsed.users.map((u) => this.userCard(pki, parsed, u)));
    const clusters = await Promise.all(parsed.clusters.map((c) => this.clusterCard(pki, c)));
    if (run !== this.run) return;
    this.fieldMessage('');
    this.el('[data-users]').replaceChildren(
      ...(users.length ? users : [h('p', {}, this.t('decoder.noUsers'))]),
    );
    this.el('[data-clusters]').replaceChildren(
      ...(clusters.length ? clusters : [h('p', {}, this.t('decoder.noClusters'))]),
    );
    this.el('[data-result]').hidden = false;
    this.el('[data-status]').textContent = this.t('decoder.decoded', {
      users: parsed.users.length,
      clusters: parsed.clusters.length,
    });
    await this.saveClusterForLater(pki, parsed);
  }

  private async userCard(pki: Pki, parsed: Parsed, user: User): Promise<HTMLElement> {
    const t = this.t;
    const names = this.names!;
    const rows: [string, string | Node][] = [];
    const notes: [string, 'warning' | 'danger'][] = [];
    let danger = false;
    if (user.clientCertificatePem) {
      try {
        const info = await pki.inspectCertificate(user.clientCertificatePem);
        const identity = pki.describeIdentity(user.clientCertificatePem);
        const now = new Date();
        const notAfter = new Date(info.notAfter);
        const notBefore = new Date(info.notBefore);
        rows.push([
          t('decoder.user'),
          identity.user === null ? t('decoder.noUser') : names.nameNode(identity.user),
        ]);
        rows.push([t('decoder.groups'), identity.groups.length ? names.namesNode(identity.groups) : '—']);
        rows.push([t('decoder.subject'), names.nameNode(info.subject.rfc4514)]);
        rows.push([t('decoder.issuer'), names.nameNode(info.issuer.rfc4514)]);
        const warning = names.nameWarning(
          t,
          [...info.subject.parts, ...info.issuer.parts].map((p) => p.value),
        );
        if (warning?.textContent) notes.push([warning.textContent, 'warning']);
        rows.push([t('decoder.validFrom'), formatDate(notBefore)]);
        rows.push([
          t('decoder.validUntil'),
          `${formatDate(notAfter)} (${relativeTime(notAfter, now, document.documentElement.lang)})`,
        ]);
        rows.push([t('decoder.keyType'), keyType(info.publicKey)]);
        rows.push([t('decoder.privateKey'), await this.keyStatus(pki, user)]);
        const chain = await this.chainStatus(pki, parsed, user);
        if (chain) rows.push([t('decoder.signedBy'), chain]);
        if (identity.warnings.some((w) => w.code === 'identity/system-masters')) {
          danger = true;
          notes.push([t('decoder.systemMasters'), 'danger']);
        }
        if (identity.warnings.some((w) => w.code === 'identity/no-client-auth')) {
          notes.push([t('decoder.noClientAuth'), 'warning']);
        }
        if (!identity.authenticated) notes.push([t('decoder.emptyCn'), 'warning']);
        if (notAfter < now) notes.push([t('decoder.expired'), 'warning']);
        else if (notBefore > now) notes.push([t('decoder.notYetValid'), 'warning']);
      } catch (e) {
        notes.push([errorText(t, e), 'warning']);
      }
    } else if (user.clientCertificateFile) {
      rows.push([t('decoder.certificateFile'), user.clientCertificateFile]);
      notes.push([t('decoder.fileNotReadable'), 'warning']);
    } else {
      const method = user.token
        ? t('decoder.methodToken')
        : user.exec
          ? t('decoder.methodExec', { command: user.execCommand ?? '?' })
          : user.authProvider
            ? t('decoder.methodAuthProvider', { name: user.authProvider })
            : user.basicAuth
              ? t('decoder.methodBasic')
              : t('decoder.methodNone');
      rows.push([t('decoder.method'), method]);
    }
    if (user.impersonate) notes.push([t('decoder.impersonates', { user: user.impersonate }), 'warning']);
    return card(names.fillWithNames(t, 'decoder.userEntry', {}, { name: user.name }), rows, notes, danger);
  }

  private async keyStatus(pki: Pki, user: User): Promise<string> {
    if (user.clientKeyPem) {
      try {
        return (await pki.keyMatchesCertificate(user.clientKeyPem, user.clientCertificatePem ?? ''))
          ? this.t('decoder.keyMatches')
          : this.t('decoder.keyMismatch');
      } catch {
        return this.t('decoder.keyUnreadable');
      }
    }
    if (user.clientKeyFile) return this.t('decoder.keyInFile', { file: user.clientKeyFile });
    return this.t('decoder.keyAbsent');
  }

  /** Whether the certificate verifies for client auth against the CA of a cluster this user is used with. */
  private async chainStatus(pki: Pki, parsed: Parsed, user: User): Promise<string | undefined> {
    const clusterNames = parsed.contexts.filter((c) => c.user === user.name).map((c) => c.cluster);
    const cluster = parsed.clusters.find((c) => clusterNames.includes(c.name) && c.caPem);
    if (!cluster?.caPem || !user.clientCertificatePem) return undefined;
    const result = await pki.verifyChain({
      leaf: user.clientCertificatePem,
      // The rest of client-certificate-data is sent as intermediates, as kube-apiserver uses them.
      intermediates: pki.readCertificates(user.clientCertificatePem).slice(1),
      roots: cluster.caPem,
      purpose: 'client',
    });
    return result.ok
      ? this.t('decoder.chainOk', { cluster: cluster.name })
      : this.t('decoder.chainFails', { cluster: cluster.name, error: result.goError ?? '' });
  }

  private async clusterCard(pki: Pki, cluster: Parsed['clusters'][number]): Promise<HTMLElement> {
    const t = this.t;
    const names = this.names!;
    const rows: [string, string | Node][] = [[t('decoder.server'), cluster.server ?? '—']];
    const notes: [string, 'warning' | 'danger'][] = [];
    if (cluster.caPem) {
      try {
        const certs = pki.readCertificates(cluster.caPem);
        for (const cert of certs) {
          const info = await pki.inspectCertificate(cert.der);
          const value = h(
            'span',
            {},
            names.nameNode(info.subject.rfc4514),
            ` (${t('decoder.until')} ${formatDate(new Date(info.notAfter))})`,
          );
          rows.push([t('decoder.ca'), value]);
        }
      } catch (e) {
        notes.push([errorText(t, e), 'warning']);
      }
    } else if (cluster.caFile) {
      rows.push([t('decoder.caFile'), cluster.caFile]);
    } else {
      rows.push([t('decoder.ca'), t('decoder.systemRoots')]);
    }
    if (cluster.tlsServerName) rows.push([t('decoder.tlsServerName'), cluster.tlsServerName]);
    if (cluster.insecureSkipTlsVerify) notes.push([t('decoder.insecure'), 'danger']);
    return card(
      names.fillWithNames(t, 'decoder.clusterEntry', {}, { name: cluster.name }),
      rows,
      notes,
      false,
    );
  }

  /** Keeps the pasted text for a reload at once, private keys only when the reader asks (see journal()). */
  private saveText(text: string) {
    journalField(WIDGET, 'text', this.text, this.t, { value: text, keepKeys: this.keepKeys });
  }

  /** Keeps the current context's cluster CA (public) and server for lesson 7's kubeconfig builder. */
  private async saveClusterForLater(pki: Pki, parsed: Parsed) {
    const context = parsed.contexts.find((c) => c.name === parsed.currentContext) ?? parsed.contexts[0];
    const cluster = parsed.clusters.find((c) => c.name === context?.cluster) ?? parsed.clusters[0];
    if (!cluster?.caPem) return;
    try {
      pki.readCertificates(cluster.caPem);
    } catch {
      return;
    }
    const caPem = cluster.caPem;
    await updateWorkspace((ws) => {
      ws.files[CA_FILE] = caPem;
      ws.inputs[WIDGET] = {
        ...(ws.inputs[WIDGET] ?? {}),
        server: cluster.server ?? '',
        clusterName: cluster.name,
      };
    }).catch(() => undefined); // Lesson 7 then asks for the CA instead.
  }
}

/** A user's or cluster's card: its title, its rows (term and value) and its notes. */
function card(
  title: (Node | string)[],
  rows: [string, string | Node][],
  notes: [string, 'warning' | 'danger'][],
  danger: boolean,
): HTMLElement {
  return h(
    'section',
    { class: 'kal-decoder-card', 'data-danger': String(danger) },
    h('h4', {}, ...title),
    h('dl', {}, ...rows.flatMap(([term, value]) => [h('dt', {}, term), h('dd', {}, value)])),
    ...notes.map(([text, kind]) => h('p', { class: 'kal-decoder-note', 'data-kind': kind }, text)),
  );
}

function keyType(key: { algorithm: string; size?: number; curve?: string }): string {
  if (key.algorithm === 'RSA') return `RSA ${key.size ?? '?'}`;
  if (key.algorithm === 'EC') return `ECDSA ${key.curve ?? ''}`.trim();
  return key.algorithm;
}

customElements.define('kal-kubeconfig-decoder', KubeconfigDecoder);
