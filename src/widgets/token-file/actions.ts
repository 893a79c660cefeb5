// What the token-file builder does when the reader acts, loaded on first use: tokens from WebCrypto
// (src/tokens randomToken), the file written and read back with kube-apiserver's rules
// (writeTokenFile, readTokenFile), and for the chosen user the kubectl and curl commands
// (src/recipes/tokens) and the `kubectl auth whoami` preview. Every refusal is a LabError whose
// translated text goes to the field that caused it.
import { checkServerUrl } from '../../kube/kubeconfig-checks.ts';
import { isLabError } from '../../pki/errors.ts';
import { checkFileName } from '../../recipes/shell-quote.ts';
import { curlWithToken, tokenKubeconfigCommands } from '../../recipes/tokens/token-client-commands.ts';
import { addAuthenticatedGroup, KUBECTL_401 } from '../../tokens/authenticate-request.ts';
import { randomToken } from '../../tokens/random-token.ts';
import { readTokenFile, type TokenFileEntry, tokenFileUser } from '../../tokens/read-token-file.ts';
import { whoamiForUser } from '../../tokens/whoami-for-user.ts';
import { type TokenFileUserParams, writeTokenFile } from '../../tokens/write-token-file.ts';
import { showCommands } from '../new-user/code-block.ts';
import { h } from '../shared/dom.ts';
import { copyText, downloadFile } from '../shared/download.ts';
import { errorText } from '../shared/strings.ts';
import type { Column, Field, RowValues, TokenFileElement } from './element.ts';

/** The users the rows describe: groups are the 4th column as typed, split on commas. */
export function usersOf(rows: RowValues[]): TokenFileUserParams[] {
  return rows.map((r) => ({
    token: r.token,
    user: r.user,
    uid: r.uid,
    groups: r.groups === '' ? [] : r.groups.split(','),
  }));
}

/** Makes the tokens still missing, shows the results, and from now on keeps them up to date. */
export function build(el: TokenFileElement, quiet = false): void {
  for (const row of el.rowEls()) {
    if (el.cell(row, 'token').value === '') fill(el, row);
  }
  el.built = true;
  el.el('[data-output]').hidden = false;
  el.changed();
  if (!quiet) el.el('[data-status]').textContent = el.t('tokenfile.made');
}

/** A new token for one row. */
export function regenerate(el: TokenFileElement, row: HTMLElement): void {
  fill(el, row);
  el.changed();
}

function fill(el: TokenFileElement, row: HTMLElement) {
  el.cell(row, 'token').value = randomToken();
  delete row.dataset.own;
}

export function download(el: TokenFileElement): void {
  render(el);
  if (el.written) downloadFile('tokens.csv', el.written, 'text/csv');
}

function mark(host: HTMLElement, text: string, input?: HTMLElement | null) {
  host.textContent = text;
  host.dataset.kind = 'error';
  input?.setAttribute('aria-invalid', 'true');
}

function clear(el: TokenFileElement) {
  for (const m of el.querySelectorAll<HTMLElement>('[data-message]')) m.textContent = '';
  for (const i of el.querySelectorAll('[aria-invalid]')) i.removeAttribute('aria-invalid');
}

function markCell(el: TokenFileElement, row: HTMLElement, col: Column, e: unknown) {
  mark(row.querySelector<HTMLElement>(`[data-message="${col}"]`)!, errorText(el.t, e), el.cell(row, col));
}

function markField(el: TokenFileElement, name: Field, e: unknown) {
  mark(el.el(`[data-message="${name}"]`), errorText(el.t, e), el.field(name));
}

/** Checks every field, writes the file and fills the results; on a refusal says so at the field. */
export function render(el: TokenFileElement): void {
  clear(el);
  el.written = '';
  const rowEls = el.rowEls();
  const users = usersOf(el.rows());
  const status = el.el('[data-status]');
  const output = el.el('[data-output]');
  let bad = false;
  let fileError = '';
  // Each row alone first, so that every row's mistake is shown at once, then the file as a whole
  // (a token two rows share).
  users.forEach((u, i) => {
    try {
      writeTokenFile([u]);
    } catch (e) {
      bad = true;
      const field = isLabError(e) ? (e.details as { field?: Column }).field : undefined;
      markCell(el, rowEls[i]!, field ?? 'user', e);
    }
  });
  let text = '';
  if (!bad) {
    try {
      text = writeTokenFile(users);
    } catch (e) {
      bad = true;
      const d = isLabError(e) ? (e.details as { row?: number; field?: Column }) : {};
      const row = d.row === undefined ? undefined : rowEls[d.row];
      if (row) markCell(el, row, d.field ?? 'token', e);
      else fileError = errorText(el.t, e);
    }
  }

  // The user the commands are for.
  const select = el.field('chosen') as HTMLSelectElement;
  const chosen = Math.min(Number(select.value || el.dataset.chosen || 0) || 0, Math.max(users.length - 1, 0));
  delete el.dataset.chosen;
  select.replaceChildren(
    ...users.map((u, i) =>
      h('option', { value: String(i) }, el.t('tokenfile.chosenOption', { n: i + 1, user: u.user })),
    ),
  );
  select.value = String(chosen);
  const pick = users[chosen];
  const server = el.field('server').value;
  const caFile = el.field('caFile').value;
  let commands: ReturnType<typeof tokenKubeconfigCommands> = [];
  let curl: ReturnType<typeof curlWithToken> | undefined;
  // The server and the CA file are checked whatever the rows hold, so their messages show at once.
  for (const [name, check] of [
    ['server', () => checkServerUrl(server)],
    ['caFile', () => checkFileName('caFile', caFile)],
  ] as const) {
    try {
      check();
    } catch (e) {
      bad = true;
      markField(el, name, e);
    }
  }
  if (pick && !bad) {
    try {
      commands = tokenKubeconfigCommands({ server, caFile, token: pick.token, userName: pick.user });
      curl = curlWithToken({ server, caFile, token: pick.token });
    } catch (e) {
      bad = true;
      const field = isLabError(e) ? (e.details as { field?: string }).field : undefined;
      if (field === 'server' || field === 'caFile') markField(el, field, e);
      else if (field === 'token') markCell(el, rowEls[chosen]!, 'token', e);
      else markCell(el, rowEls[chosen]!, 'user', e);
    }
  }
  if (bad) {
    output.hidden = true;
    status.textContent = fileError || el.t('tokenfile.fix');
    status.dataset.kind = 'error';
    return;
  }
  status.dataset.kind = '';
  if (status.textContent === el.t('tokenfile.fix') || status.textContent === fileErrorShown(el)) {
    status.textContent = '';
  }
  el.written = text;
  output.hidden = false;
  showText(el, el.el('[data-csv]'), text);

  // The file read back as kube-apiserver reads it at startup.
  const file = readTokenFile(text);
  const body = el.el('[data-read] tbody');
  body.replaceChildren(...file.rows.map((entry) => h('tr', {}, ...cells(entry))));
  showCommands(el.el('[data-commands]'), commands, el.t);
  if (curl) showCommands(el.el('[data-curl]'), [curl], el.t);
  const entry = file.tokens.get(pick!.token)!;
  el.el('[data-whoami]').textContent = whoamiForUser(tokenFileUser(entry));
  el.el('[data-wrong]').textContent = `${KUBECTL_401.whoami}\n`;
}

/** The no-users text, which the status line shows in place of the fields' messages. */
function fileErrorShown(el: TokenFileElement): string {
  return el.t('error.token-file/no-users');
}

/** Reads a pasted tokens.csv as kube-apiserver would at startup: the users, or why it would not start. */
export function readPasted(el: TokenFileElement): void {
  const field = el.paste;
  const message = el.el('[data-message="paste"]');
  const result = el.el('[data-paste-result]');
  message.textContent = '';
  field.removeAttribute('aria-invalid');
  field.dataset.read = 'true';
  el.pasteChanged();
  let file: ReturnType<typeof readTokenFile>;
  try {
    file = readTokenFile(field.value);
  } catch (e) {
    result.hidden = true;
    mark(message, errorText(el.t, e), field);
    return;
  }
  result.hidden = false;
  el.el('[data-paste-summary]').textContent =
    file.tokens.size === 0
      ? el.t('tokenfile.pasteNone')
      : el.t('tokenfile.pasteSummary', { tokens: file.tokens.size });
  el.el('[data-paste-table] tbody').replaceChildren(
    ...file.rows.map((entry) => {
      const notes: string[] = [];
      if (file.tokens.get(entry.token) !== entry) notes.push(el.t('tokenfile.pasteOverridden'));
      if (entry.ignoredColumns.length) {
        notes.push(el.t('tokenfile.pasteIgnored', { columns: entry.ignoredColumns.join(', ') }));
      }
      return h('tr', {}, ...cells(entry), h('td', { class: 'kal-tf-note' }, notes.join(' ')));
    }),
  );
  el.el('[data-paste-warnings-title]').hidden = file.warnings.length === 0;
  el.el('[data-paste-warnings]').replaceChildren(
    ...file.warnings.map((w) =>
      h('li', {}, el.t('tokenfile.pasteWarningLine', { line: w.line }), ' ', h('code', {}, w.text)),
    ),
  );
}

/** A row of the file as kube-apiserver reads it: line, user, uid and groups (names, not for translation). */
function cells(entry: TokenFileEntry): HTMLElement[] {
  const user = addAuthenticatedGroup(tokenFileUser(entry));
  return [String(entry.line), entry.user, entry.uid, user.groups.join(', ')].map((cell) =>
    h('td', { translate: 'no' }, cell),
  );
}

/** A plain block with a copy button that copies exactly the text shown. */
function showText(el: TokenFileElement, host: HTMLElement, text: string) {
  const pre = h('pre', { class: 'kal-pre kal-nu-output', tabindex: '0', 'data-csv-text': true }, text);
  const label = el.t('tokenfile.copy');
  const copy = h('button', { type: 'button', class: 'kal-button kal-secondary kal-copy' }, label);
  copy.addEventListener('click', async () => {
    copy.textContent = (await copyText(text)) ? el.t('newuser.copied') : el.t('newuser.copyFailed');
    setTimeout(() => {
      copy.textContent = label;
    }, 2000);
  });
  host.replaceChildren(pre, copy);
}
