// <kal-chain-check>: the DOM side of the chain check. The checking is run-check.ts (src/pki's
// verifyChain, which follows Go's crypto/x509), loaded on first use. The workspace's rootCA.pem,
// client.pem and server.pem can fill the fields in one click.

import { type GuardedField, guardLargePastes, noticeFor } from '../shared/held-paste.ts';
import { LabElement, once } from '../shared/lab-element.ts';
import { guardPastes } from '../shared/paste-guard.ts';
import { readStrings } from '../shared/strings.ts';
import { followOtherTabs, journal, journalField, loadWorkspace } from '../shared/workspace-store.ts';
import { type CertField, FIELDS } from './fields.ts';

type Actions = typeof import('./actions.ts');

type Checker = typeof import('./run-check.ts');

const WIDGET = 'chain-check';

export class ChainCheck extends LabElement {
  checker?: Promise<Checker>;
  files: Record<string, string> = {};
  /** The certificate fields, whose over-large pastes are held in memory instead of the box. */
  guarded: Partial<Record<CertField, GuardedField>> = {};

  /** A field's text: a held large paste, else the box's value. */
  value(name: CertField | 'hostname'): string {
    return name === 'hostname'
      ? this.field(name).value
      : (this.guarded[name]?.text() ?? this.field(name).value);
  }

  field(name: CertField | 'hostname') {
    return this.el<HTMLTextAreaElement | HTMLInputElement>(`[data-${name}]`);
  }

  get purpose(): 'client' | 'server' {
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
    // Another tab pasted a certificate or a host name: show it here too (the reader checks again).
    followOtherTabs(
      WIDGET,
      (name) =>
        (FIELDS as readonly string[]).includes(name) || name === 'hostname'
          ? this.field(name as never)
          : null,
      () => undefined,
    );
    void this.restore();
  }

  showHostname() {
    this.el('[data-hostname-row]').hidden = this.purpose !== 'server';
  }

  fill(field: 'leaf' | 'roots', name: string) {
    const text = this.files[name];
    if (!text) return;
    if (this.guarded[field]) this.guarded[field]!.set(text);
    else this.field(field).value = text;
    if (name === 'server.pem') this.setPurpose('server');
    if (name === 'client.pem') this.setPurpose('client');
    this.save(this.field(field));
    this.save(this.querySelector('[data-purpose]'));
  }

  setPurpose(p: 'client' | 'server') {
    for (const r of this.querySelectorAll<HTMLInputElement>('[data-purpose]')) r.checked = r.value === p;
    this.showHostname();
  }

  async restore() {
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
  save(target: EventTarget | null) {
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

  // What the reader does is in actions.ts, loaded on first use.
  private actions$ = once<Actions>(() => import('./actions.ts'));
  check(...args: Parameters<Actions['check']>): ReturnType<Actions['check']> {
    return this.actions$().then((a) => a.check.apply(this, args)) as ReturnType<Actions['check']>;
  }
}

customElements.define('kal-chain-check', ChainCheck);
