// The inspector's results as DOM: one section per block, with labelled rows. Loaded on first use
// together with read-input.ts, so the page pays for it only when someone inspects something.

import { describeKey } from '../../pki/describe-key.ts';
import { errorKey } from '../../pki/error-codes.ts';
import { h } from '../shared/dom.ts';
import { unusableKeyType } from '../shared/key-type.ts';
import { fillWithNames, nameNode, nameWarning } from '../shared/name-view.ts';
import type { Translate } from '../shared/strings.ts';
import { pageLang, textOr } from '../shared/strings.ts';
import type {
  CertificateItem,
  CsrItem,
  InspectedItem,
  InspectResult,
  KeyItem,
  ProblemItem,
} from './read-input.ts';
import { relativeTime } from './relative-time.ts';
import {
  renderFrontProxy,
  renderTokenReview,
  renderWebhookKubeconfig,
  renderWebhookRole,
} from './render-review.ts';
import { renderToken } from './render-token.ts';

const EXTENSION_HELP = new Set([
  'subjectAltName',
  'keyUsage',
  'extendedKeyUsage',
  'basicConstraints',
  'subjectKeyIdentifier',
  'authorityKeyIdentifier',
  'crlDistributionPoints',
  'authorityInfoAccess',
  'certificatePolicies',
  'nameConstraints',
]);

/** Builds the result sections in the page's language. */
export class InspectRenderer {
  private readonly t: Translate;

  constructor(t: Translate) {
    this.t = t;
  }

  /** The status line and the sections for `result`. */
  render(result: InspectResult, fileName?: string): { status: string; sections: HTMLElement[] } {
    const t = this.t;
    const counts = { certificate: 0, csr: 0, key: 0, problem: 0 };
    for (const item of result.items) if (item.kind in counts) counts[item.kind as keyof typeof counts]++;
    const review = result.items[0]?.kind === 'token-review' ? result.items[0].reading.role : undefined;
    const status =
      result.readAs === 'token'
        ? t('inspector.token.summary')
        : result.readAs === 'token-review'
          ? t(
              review === 'request'
                ? 'inspector.review.summaryRequest'
                : review === 'answer'
                  ? 'inspector.review.summaryAnswer'
                  : 'inspector.review.summaryProblem',
            )
          : (result.webhookKubeconfig ? `${t('inspector.webhookKubeconfig.status')} ` : '') +
            t('inspector.summary', {
              certificates: counts.certificate,
              csrs: counts.csr,
              keys: counts.key,
              problems: counts.problem,
            }) +
            (fileName ? ` (${fileName})` : '');
    const sections = result.items.map((item, i) => this.renderItem(item, i, result.items));
    if (result.webhookKubeconfig) sections.unshift(renderWebhookKubeconfig(t, result.webhookKubeconfig));
    if (result.omitted > 0) sections.push(h('p', {}, t('inspector.omitted', { count: result.omitted })));
    return { status, sections };
  }

  private renderItem(item: InspectedItem, index: number, all: InspectedItem[]): HTMLElement {
    if (item.kind === 'certificate') return this.renderCertificate(item, index, all);
    if (item.kind === 'csr') return this.renderCsr(item);
    if (item.kind === 'key') return this.renderKey(item, all);
    if (item.kind === 'problem') return this.renderProblem(item);
    if (item.kind === 'token-review') return renderTokenReview(this.t, item);
    return renderToken(this.t, item);
  }

  /** A key in words: "RSA 2048 bit" (in the page's language), "ECDSA P-256", "Ed25519" (describeKey). */
  private keyText(algorithm: string, bits?: number, curve?: string, oid?: string): string {
    const name = describeKey({ algorithm, bits, curve, oid });
    if (name?.kind === 'rsa') return this.t('inspector.rsaBits', { bits: name.bits ?? '?' });
    return name?.name ?? oid ?? algorithm;
  }

  /** Where a block came from: "line 12" in the page's language; other origins are names. */
  private originText(origin: string): string {
    const line = /^line (\d+)$/.exec(origin);
    return line ? this.t('inspector.originLine', { line: line[1]! }) : origin;
  }

  private section(
    kind: string,
    title: string | (Node | string)[],
    origin: string,
    ...body: (Node | null)[]
  ): HTMLElement {
    return h(
      'section',
      { class: 'kal-inspect-item', 'data-kind': kind },
      h(
        'h4',
        { class: 'kal-inspect-title' },
        ...(typeof title === 'string' ? [title] : title),
        ' ',
        h('span', { class: 'kal-inspect-origin' }, `(${this.originText(origin)})`),
      ),
      ...body,
    );
  }

  /** A definition list of [label, help, value] rows. */
  private rows(rows: ([string, string, Node | string] | null)[]): HTMLElement {
    const dl = h('dl', { class: 'kal-inspect-rows' });
    for (const row of rows) {
      if (!row) continue;
      const [label, help, value] = row;
      dl.append(
        h('dt', {}, label, help ? h('span', { class: 'kal-hint' }, help) : null),
        h('dd', { 'data-field': label }, typeof value === 'string' ? h('code', {}, value) : value),
      );
    }
    return dl;
  }

  private nameValue(parts: { type: string; value: string }[], rfc4514: string): HTMLElement {
    const list = h('ul', { class: 'kal-inspect-name' });
    for (const p of parts) {
      const help = this.t(`inspector.attr.${p.type}`);
      list.append(
        h(
          'li',
          {},
          h('code', {}, `${p.type}=`, nameNode(p.value)),
          help === `inspector.attr.${p.type}` ? null : ` — ${help}`,
        ),
      );
    }
    return h(
      'div',
      {},
      h('code', { 'data-rfc4514': true }, rfc4514 ? nameNode(rfc4514) : this.t('inspector.emptyName')),
      list,
    );
  }

  /** A title with the subject in it, the subject shown as Kubernetes compares it. */
  private titleWithName(key: string, values: Record<string, string | number>, subject: string) {
    return subject
      ? fillWithNames(this.t, key, values, { subject })
      : this.t(key, { ...values, subject: this.t('inspector.emptyName') });
  }

  /** The warning for names in `parts` that hold characters which do not show or reorder text. */
  private namesWarning(...names: { value: string }[][]): HTMLElement | null {
    return nameWarning(
      this.t,
      names.flat().map((p) => p.value),
      'kal-inspect-warning kal-name-warning',
    );
  }

  private expiry(notBefore: string, notAfter: string): HTMLElement {
    const now = new Date();
    const lang = pageLang();
    const nb = new Date(notBefore);
    const na = new Date(notAfter);
    let text: string;
    let state: string;
    if (now < nb) {
      text = this.t('inspector.notYetValid', { when: relativeTime(nb, now, lang) });
      state = 'not-yet-valid';
    } else if (now > na) {
      text = this.t('inspector.expired', { when: relativeTime(na, now, lang) });
      state = 'expired';
    } else {
      text = this.t('inspector.expires', { when: relativeTime(na, now, lang) });
      state = 'valid';
    }
    return h('p', { class: 'kal-inspect-expiry', 'data-expiry': state }, text);
  }

  private renderCertificate(item: CertificateItem, index: number, all: InspectedItem[]): HTMLElement {
    const t = this.t;
    const c = item.info;
    const n = all.slice(0, index + 1).filter((x) => x.kind === 'certificate').length;
    const key = c.publicKey;
    const keyText = this.keyText(key.algorithm, key.size, key.curve, key.oid);
    const kinds = [
      c.isCa ? t('inspector.kindCa') : null,
      c.isSelfSigned ? t('inspector.kindSelfSigned') : null,
      c.extendedKeyUsage?.some((e) => e.name === 'clientAuth') ? t('inspector.kindClient') : null,
      c.extendedKeyUsage?.some((e) => e.name === 'serverAuth') ? t('inspector.kindServer') : null,
    ].filter((x): x is string => x !== null);
    const extensions = h('ul', { class: 'kal-inspect-extensions' });
    for (const ext of c.extensions) {
      const name = ext.name ?? ext.oid;
      const help =
        ext.name && EXTENSION_HELP.has(ext.name) ? t(`inspector.ext.${ext.name}`) : t('inspector.ext.other');
      extensions.append(
        h(
          'li',
          { 'data-oid': ext.oid },
          h('strong', {}, name),
          ext.name ? ` (${ext.oid})` : '',
          ext.critical ? h('span', { class: 'kal-inspect-critical' }, ` ${t('inspector.critical')}`) : '',
          h('br'),
          h('code', {}, ext.summary ?? ext.valueHex),
          h('span', { class: 'kal-hint' }, help),
        ),
      );
    }
    const identity = this.renderIdentity(item);
    const lint =
      item.lint.length > 0
        ? h(
            'div',
            { class: 'kal-inspect-warnings', 'data-lint': true },
            h('h5', {}, t('inspector.warnings')),
            h(
              'ul',
              {},
              ...item.lint.map((w) =>
                h('li', { 'data-code': w.code }, this.note(w.code, w.message, w.values)),
              ),
            ),
          )
        : null;
    return this.section(
      'certificate',
      this.titleWithName('inspector.certificateTitle', { n }, c.subject.rfc4514),
      item.origin,
      this.namesWarning(c.subject.parts, c.issuer.parts),
      kinds.length ? h('p', { class: 'kal-inspect-kinds' }, kinds.join(' · ')) : null,
      this.expiry(c.notBefore, c.notAfter),
      c.goParseError === undefined
        ? null
        : h(
            'p',
            { class: 'kal-inspect-warning', 'data-go-parse-error': true },
            t('inspector.goParseError', { error: c.goParseError }),
          ),
      item.webhookRole ? renderWebhookRole(t, item.webhookRole) : null,
      identity,
      item.frontProxy ? renderFrontProxy(t, item.frontProxy, item.identity) : null,
      lint,
      this.rows([
        [
          t('inspector.subject'),
          t('inspector.subjectHelp'),
          this.nameValue(c.subject.parts, c.subject.rfc4514),
        ],
        [t('inspector.issuer'), t('inspector.issuerHelp'), this.nameValue(c.issuer.parts, c.issuer.rfc4514)],
        [t('inspector.notBefore'), t('inspector.notBeforeHelp'), c.notBefore],
        [t('inspector.notAfter'), t('inspector.notAfterHelp'), c.notAfter],
        [
          t('inspector.serial'),
          t('inspector.serialHelp'),
          `${c.negativeSerial ? '-' : ''}${c.serialNumber} (${c.serialDecimal})`,
        ],
        [t('inspector.publicKey'), t('inspector.publicKeyHelp'), keyText],
        [t('inspector.signatureAlgorithm'), t('inspector.signatureAlgorithmHelp'), c.signatureAlgorithm.name],
        [t('inspector.version'), t('inspector.versionHelp'), `v${c.version}`],
        [
          t('inspector.extensions'),
          t('inspector.extensionsHelp'),
          c.extensions.length ? extensions : t('inspector.none'),
        ],
        [t('inspector.sha256'), t('inspector.fingerprintHelp'), c.fingerprints.sha256],
        [t('inspector.sha1'), '', c.fingerprints.sha1],
      ]),
    );
  }

  private note(code: string, english: string, values?: Record<string, string | number>): string {
    return textOr(this.t, `inspector.note.${code}`, english, values);
  }

  private renderIdentity(item: CertificateItem): HTMLElement {
    const t = this.t;
    const id = item.identity;
    const box = h('div', { class: 'kal-inspect-identity', 'data-identity': true });
    box.append(h('h5', {}, t('inspector.identityTitle')));
    if (item.info.isCa) box.append(h('p', {}, t('inspector.identityCa')));
    if (id.authenticated && id.user !== null) {
      box.append(
        this.rows([
          [t('inspector.user'), '', h('code', { 'data-user': true }, nameNode(id.user))],
          [
            t('inspector.groups'),
            '',
            h(
              'code',
              { 'data-groups': true },
              ...id.groups.flatMap((g, i) => (i ? [', ', nameNode(g)] : [nameNode(g)])),
            ),
          ],
        ]),
      );
      // Kubernetes 1.33+ reads a subject attribute 1.3.6.1.4.1.57683.2 as the user's UID.
      if (id.uid !== undefined) {
        box.append(this.rows([[t('inspector.uid'), '', h('code', { 'data-uid': true }, id.uid)]]));
      }
    } else if (id.reason) {
      box.append(h('p', { 'data-code': id.reason.code }, this.note(id.reason.code, id.reason.message)));
    }
    for (const w of id.warnings)
      box.append(h('p', { class: 'kal-inspect-warning', 'data-code': w.code }, this.note(w.code, w.message)));
    return box;
  }

  private renderCsr(item: CsrItem): HTMLElement {
    const t = this.t;
    const c = item.info;
    const key = c.publicKey;
    const exts = c.extensions.map((e) => `${e.name ?? e.oid}: ${e.summary ?? e.valueHex}`).join('\n');
    return this.section(
      'csr',
      this.titleWithName('inspector.csrTitle', {}, c.subject.rfc4514),
      item.origin,
      this.namesWarning(c.subject.parts),
      h('p', {}, t('inspector.csrHelp')),
      this.rows([
        [
          t('inspector.subject'),
          t('inspector.subjectHelp'),
          this.nameValue(c.subject.parts, c.subject.rfc4514),
        ],
        [t('inspector.publicKey'), '', this.keyText(key.algorithm, key.size, key.curve)],
        [t('inspector.signatureAlgorithm'), '', c.signatureAlgorithm.name],
        [
          t('inspector.csrSignature'),
          '',
          t(
            c.signature === 'valid'
              ? 'inspector.csrSignatureValid'
              : c.signature === 'invalid'
                ? 'inspector.csrSignatureInvalid'
                : 'inspector.csrSignatureUnchecked',
          ),
        ],
        [t('inspector.csrExtensions'), '', exts ? h('pre', { class: 'kal-pre' }, exts) : t('inspector.none')],
      ]),
    );
  }

  private renderKey(item: KeyItem, all: InspectedItem[]): HTMLElement {
    const t = this.t;
    const what = this.keyText(item.keyType, item.bits, item.curve);
    const certNumber = (i: number) => all.slice(0, i + 1).filter((x) => x.kind === 'certificate').length;
    const match = !item.compared
      ? t('inspector.keyNotCompared')
      : item.matches.length
        ? t('inspector.keyMatches', { numbers: item.matches.map(certNumber).join(', ') })
        : t('inspector.keyMatchesNone');
    return this.section(
      'key',
      t('inspector.keyTitle'),
      item.origin,
      this.rows([
        [t('inspector.keyType'), '', what],
        [t('inspector.keyFormat'), '', t(`inspector.keyFormat.${item.format}`)],
        [
          t('inspector.keyMatch'),
          '',
          h('span', { 'data-key-match': item.matches.length ? 'yes' : 'no' }, match),
        ],
      ]),
      h('p', { class: 'kal-hint' }, t('inspector.keyNotShown')),
    );
  }

  private renderProblem(item: ProblemItem): HTMLElement {
    return this.section(
      'problem',
      this.t('inspector.problemTitle'),
      item.origin,
      h('p', { class: 'kal-field-message', 'data-code': item.code }, this.problemText(item)),
    );
  }

  problemText(item: ProblemItem): string {
    if (item.code === 'pending') return item.message;
    // A pasted key of a type the browser cannot use: the reader chose no algorithm, so name the key.
    const type = item.code === 'key/unsupported-algorithm' ? unusableKeyType(item.details) : undefined;
    if (type) return this.t('widget.keyTypeUnusable', { type });
    return textOr(this.t, errorKey(item.code), item.message, item.details as Record<string, string | number>);
  }
}
