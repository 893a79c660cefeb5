// <kal-chain-check>: the DOM side of the chain check. The checking is run-check.ts (src/pki's
// verifyChain, which follows Go's crypto/x509), loaded on first use. The workspace's rootCA.pem,
// client.pem and server.pem can fill the fields in one click.
import { errorCode, fieldMessage, h } from '../cert-inspector/dom.ts';
import { type GuardedField, guardLargePastes, noticeFor, tooLargeText } from '../shared/large-paste.ts';
import { guardPastes } from '../shared/paste-guard.ts';
import { errorText, readStrings, type Translate } from '../shared/strings.ts';
import { journal, journalField, loadWorkspace } from '../shared/workspace-store.ts';
import type { ChainCheckResult } from './run-check.ts';

type Checker = typeof import('./run-check.ts');

const WIDGET = 'chain-check';
const FIELDS = ['leaf', 'intermediates', 'roots'] as const;

class ChainCheck extends HTMLElement {
  private t: Translate = (k) => k;
  private checker?: Promise<Checker>;
  private files: Record<string, string> = {};
  /** The certificate fields, whose over-large pastes are held in memory instead of the box. */
  private guarded: Partial<Record<(typeof FIELDS)[number], GuardedField>> = {};

  /** A field's text: a held large paste, else the box's value. */
  private value(name: (typeof FIELDS)[number] | 'hostname'): string {
    return name === 'hostname'
      ? this.field(name).value
      : (this.guarded[name]?.text() ?? this.field(name).value);
  }

  private el<T extends HTMLElement>(selector: string): T {
    const found = this.querySelector<T>(selector);
    if (!found) throw new Error(`chain check: missing ${selector}`);
    return found;
  }

  private field(name: (typeof FIELDS)[number] | 'hostname') {
    return this.el<HTMLTextAreaElement | HTMLInputElement>(`[data-${name}]`);
  }

  private get purpose(): 'client' | 'server' {
    return this.querySelector<HTMLInputElement>('[data-purpose]:checked')?.value === 'server'
      ? 'server'
      : 'client';
  }

  connectedCallback() {
    this.t = readStrings(this);
    for (const f of FIELDS) {
      const box = this.field(f) as HTMLTextAreaElement;
      this.guarded[f] = guardLargePastes(box, noticeFor(box), this.t, () => this.save(box));
    }
    guardPastes(this, () => this.t);
    this.addEventListener('click', (e) => {
      const action = (e.target as Element).closest<HTMLElement>('[data-action]')?.dataset.action;
      if (action === 'check') void this.check();
      else if (action === 'use-workspace-ca') this.fill('roots', 'rootCA.pem');
      else if (action === 'use-workspace-client') this.fill('leaf', 'client.pem');
      else if (action === 'use-workspace-server') this.fill('leaf', 'server.pem');
    });
    for (const radio of this.querySelectorAll<HTMLInputElement>('[data-purpose]')) {
      radio.addEventListener('change', () => this.showHostname());
    }
    // What the reader pastes is kept for a reload at once, as they type (see journal()).
    this.addEventListener('input', (e) => this.save(e.target));
    this.addEventListener('change', (e) => this.save(e.target));
    void this.restore();
  }

  private showHostname() {
    this.el('[data-hostname-row]').hidden = this.purpose !== 'server';
  }

  private fill(field: 'leaf' | 'roots', name: string) {
    const text = this.files[name];
    if (!text) return;
    if (this.guarded[field]) this.guarded[field]!.set(text);
    else this.field(field).value = text;
    if (name === 'server.pem') this.setPurpose('server');
    if (name === 'client.pem') this.setPurpose('client');
    this.save(this.field(field));
    this.save(this.querySelector('[data-purpose]'));
  }

  private setPurpose(p: 'client' | 'server') {
    for (const r of this.querySelectorAll<HTMLInputElement>('[data-purpose]')) r.checked = r.value === p;
    this.showHostname();
  }

  private async restore() {
    const ws = await loadWorkspace().catch(() => undefined);
    if (!ws) return;
    this.files = ws.files;
    const row = this.el('[data-workspace]');
    const buttons: [string, string][] = [
      ['use-workspace-ca', 'rootCA.pem'],
      ['use-workspace-client', 'client.pem'],
      ['use-workspace-server', 'server.pem'],
    ];
    let any = false;
    for (const [action, file] of buttons) {
      const b = this.el(`[data-action="${action}"]`);
      b.hidden = !ws.files[file];
      any ||= Boolean(ws.files[file]);
    }
    row.hidden = !any;
    const saved = ws.inputs[WIDGET];
    if (saved) {
      for (const f of [...FIELDS, 'hostname'] as const) {
        if (typeof saved[f] === 'string' && !this.field(f).value) this.field(f).value = saved[f];
      }
      if (saved.purpose === 'server') this.setPurpose('server');
    }
  }

  /** Keeps the field the reader changed (never a private key or a huge paste) for a reload. */
  private save(target: EventTarget | null) {
    if (target instanceof HTMLInputElement && target.matches('[data-purpose]')) {
      journal(WIDGET, { purpose: this.purpose });
      return;
    }
    for (const f of [...FIELDS, 'hostname'] as const) {
      const field = this.field(f);
      if (field !== target) continue;
      journalField(WIDGET, f, field, this.t);
    }
  }

  private async check() {
    const t = this.t;
    const verdict = this.el('[data-verdict]');
    for (const f of FIELDS) fieldMessage(this.field(f), this.el(`[data-${f}-message]`), '');
    let missing = false;
    for (const f of ['leaf', 'roots'] as const) {
      if (!this.value(f).trim()) {
        fieldMessage(this.field(f), this.el(`[data-${f}-message]`), t(`chain.missing.${f}`), 'input/empty');
        missing = true;
      }
    }
    // Text longer than a check reads in a moment is refused at its field, and kept.
    for (const f of FIELDS) {
      const tooLarge = tooLargeText(t, this.value(f));
      if (tooLarge) {
        fieldMessage(this.field(f), this.el(`[data-${f}-message]`), tooLarge, 'input/too-large');
        missing = true;
      }
    }
    if (missing) {
      verdict.replaceChildren();
      delete verdict.dataset.ok;
      return;
    }
    verdict.textContent = t('chain.checking');
    try {
      this.checker ??= import('./run-check.ts');
      const checker = await this.checker;
      try {
        const out = await checker.runChainCheck({
          leaf: this.value('leaf'),
          intermediates: this.value('intermediates'),
          roots: this.value('roots'),
          purpose: this.purpose,
          hostname: this.field('hostname').value,
        });
        this.render(out);
      } catch (e) {
        if (!checker.isFieldError(e)) throw e;
        const f = e.field as (typeof FIELDS)[number];
        fieldMessage(this.field(f), this.el(`[data-${f}-message]`), errorText(t, e.error), e.error.code);
        verdict.replaceChildren();
        delete verdict.dataset.ok;
      }
    } catch (e) {
      verdict.dataset.ok = 'false';
      verdict.textContent = errorText(t, e);
      verdict.dataset.code = errorCode(e);
    }
  }

  private render(out: ChainCheckResult) {
    const t = this.t;
    const verdict = this.el('[data-verdict]');
    const { result } = out;
    verdict.dataset.ok = String(result.ok);
    const purpose = t(`chain.purposeName.${this.purpose}`);
    if (result.ok) {
      verdict.replaceChildren(
        ...present(
          h('p', { class: 'kal-chain-headline' }, t('chain.ok', { purpose })),
          h('p', {}, t('chain.chainIs')),
          h(
            'ol',
            { class: 'kal-chain-path', 'data-chain': true },
            ...result.chain.map((s) => h('li', {}, h('code', {}, s))),
          ),
          this.purpose === 'client' ? h('p', {}, t('chain.okClientNote')) : null,
        ),
        ...this.poolNotes(out),
      );
      return;
    }
    verdict.replaceChildren(
      ...present(
        h('p', { class: 'kal-chain-headline' }, t('chain.failed', { purpose })),
        h('p', {}, t('chain.goFirst')),
        h(
          'ol',
          { class: 'kal-chain-reasons' },
          ...result.reasons.map((r) =>
            h(
              'li',
              { 'data-code': r.code },
              h('p', {}, this.reasonText(r.code, r.message, r.certificate)),
              h('p', { class: 'kal-hint' }, t('chain.goSays')),
              h('pre', { class: 'kal-pre', 'data-go-error': true }, r.goError),
            ),
          ),
        ),
        out.apiserverError
          ? h(
              'div',
              { class: 'kal-chain-apiserver' },
              h('p', {}, t('chain.apiserverSays')),
              h('pre', { class: 'kal-pre', 'data-apiserver-error': true }, out.apiserverError),
              h('p', { class: 'kal-hint' }, t('chain.apiserverNote')),
            )
          : null,
      ),
      ...this.poolNotes(out),
    );
  }

  /** The pasted certificates Go leaves out of its pools, and the name constraints of the CAs. */
  private poolNotes(out: ChainCheckResult): HTMLElement[] {
    const t = this.t;
    const nodes: HTMLElement[] = [];
    for (const k of out.result.skipped) {
      nodes.push(
        h(
          'div',
          { class: 'kal-chain-skipped', 'data-skipped': `${k.pool}-${k.index}` },
          h('p', {}, t('chain.skipped', { index: String(k.index), pool: t(`chain.pool.${k.pool}`) })),
          h('pre', { class: 'kal-pre' }, k.goError),
        ),
      );
    }
    for (const c of out.constraints) {
      const list = (label: string, items: string[]) =>
        items.length > 0 ? h('li', {}, `${t(label)} `, ...items.map((i) => h('code', {}, i))) : null;
      nodes.push(
        h(
          'div',
          { class: 'kal-chain-constraints', 'data-constraints': true },
          h('p', {}, t('chain.constraintsOf'), ' ', h('code', {}, c.certificate)),
          h(
            'ul',
            {},
            ...present(
              list('chain.constraintsPermitted', c.permitted),
              list('chain.constraintsExcluded', c.excluded),
              list(
                c.critical ? 'chain.constraintsUnhandledCritical' : 'chain.constraintsUnhandled',
                c.unhandled,
              ),
            ),
          ),
        ),
      );
    }
    return nodes;
  }

  private reasonText(code: string, english: string, certificate: string): string {
    const key = `chain.reason.${code}`;
    const text = this.t(key, { certificate });
    return text === key ? english : text;
  }
}

function present(...nodes: (HTMLElement | null)[]): HTMLElement[] {
  return nodes.filter((n): n is HTMLElement => n !== null);
}

customElements.define('kal-chain-check', ChainCheck);
