// The chain check's Check button and its verdict: loaded the first time the reader checks, so
// that the page's up-front JavaScript is only what restores and journals the fields (element.ts).

import { h } from '../shared/dom.ts';
import { errorCode, fieldMessage } from '../shared/field-fail.ts';
import { errorText, textOr } from '../shared/strings.ts';
import type { ChainCheck } from './element.ts';
import { FIELDS } from './fields.ts';
import type { ChainCheckResult } from './run-check.ts';

export async function check(this: ChainCheck) {
  const t = this.t;
  const { tooLargeText } = await import('../shared/large-paste.ts');
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
      render.call(this, out);
    } catch (e) {
      if (!checker.isFieldError(e)) throw e;
      const f = e.details.field;
      fieldMessage(this.field(f), this.el(`[data-${f}-message]`), errorText(t, e), e.code);
      verdict.replaceChildren();
      delete verdict.dataset.ok;
    }
  } catch (e) {
    verdict.dataset.ok = 'false';
    verdict.textContent = errorText(t, e);
    verdict.dataset.code = errorCode(e);
  }
}

export function render(this: ChainCheck, out: ChainCheckResult) {
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
      ...poolNotes.call(this, out),
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
            h('p', {}, reasonText.call(this, r.code, r.message, r.certificate)),
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
    ...poolNotes.call(this, out),
  );
}

/** The pasted certificates Go leaves out of its pools, and the name constraints of the CAs. */
export function poolNotes(this: ChainCheck, out: ChainCheckResult): HTMLElement[] {
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

export function reasonText(this: ChainCheck, code: string, english: string, certificate: string): string {
  return textOr(this.t, `chain.reason.${code}`, english, { certificate });
}

function present(...nodes: (HTMLElement | null)[]): HTMLElement[] {
  return nodes.filter((n): n is HTMLElement => n !== null);
}
