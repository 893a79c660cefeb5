// The inspector's sections for bearer tokens (read-token.ts): what the token is, a JWT's header and
// claims, the identity kube-apiserver would derive, and where to check what this page cannot (the
// signature, with the keys: lesson 2.4's inspector). Loaded with render.ts.
import type { UserInfo } from '../../tokens/types.ts';
import { h } from '../shared/dom.ts';
import { nameNode } from '../shared/name-view.ts';
import type { Translate } from '../shared/strings.ts';
import { pageLang } from '../shared/strings.ts';
import type { BootstrapTokenItem, JwtItem, TokenFileItem, TokenItem } from './read-token.ts';
import { relativeTime } from './relative-time.ts';

const LESSON = {
  sa: '04-service-account-tokens',
  bootstrap: '03-bootstrap-tokens',
  file: '02-lab-static-token-file',
  oidc: '05-inspect-a-real-token',
};

function lessonLink(t: Translate, page: string, key: string, part = 'bearer-tokens'): HTMLElement {
  const base = pageLang() === 'ko' ? '/ko' : '';
  return h('a', { href: `${base}/${part}/${page}/`, 'data-lesson': page }, t(key));
}

function rows(list: ([string, Node | string] | null)[]): HTMLElement {
  const dl = h('dl', { class: 'kal-inspect-rows' });
  for (const row of list) {
    if (!row) continue;
    const [label, value] = row;
    dl.append(h('dt', {}, label), h('dd', {}, typeof value === 'string' ? h('code', {}, value) : value));
  }
  return dl;
}

/** The user rows, as `kubectl auth whoami` would list them. */
function identity(t: Translate, user: UserInfo, note?: string): HTMLElement {
  const extras = Object.entries(user.extra);
  return h(
    'div',
    { class: 'kal-inspect-identity', 'data-identity': true },
    h('h5', {}, t('inspector.token.identityTitle')),
    rows([
      [t('inspector.user'), h('code', { 'data-user': true }, nameNode(user.username))],
      user.uid ? [t('inspector.token.uid'), h('code', { 'data-uid': true }, user.uid)] : null,
      [
        t('inspector.groups'),
        h(
          'code',
          { 'data-groups': true },
          ...user.groups.flatMap((g, i) => (i ? [', ', nameNode(g)] : [nameNode(g)])),
        ),
      ],
      ...extras.map(
        ([k, v]) =>
          [`${t('inspector.token.extra')}: ${k}`, h('code', { 'data-extra': k }, v.join(', '))] as [
            string,
            Node,
          ],
      ),
    ]),
    note ? h('p', { class: 'kal-hint' }, note) : null,
  );
}

/** One item of the inspector's output: a titled section of `kind`. */
export function section(kind: string, title: string, ...body: (Node | null)[]): HTMLElement {
  return h(
    'section',
    { class: 'kal-inspect-item', 'data-kind': kind },
    h('h4', { class: 'kal-inspect-title' }, title),
    ...body,
  );
}

function json(value: unknown): HTMLElement {
  return h('pre', { class: 'kal-pre' }, JSON.stringify(value, null, 2));
}

function expiry(t: Translate, item: JwtItem): HTMLElement | null {
  const now = new Date();
  const lang = pageLang();
  if (!item.times.exp) {
    return h(
      'p',
      { class: 'kal-inspect-expiry', 'data-expiry': 'never' },
      t(item.flavour === 'legacy' ? 'inspector.token.noExpiryLegacy' : 'inspector.token.noExpiry'),
    );
  }
  const exp = new Date(item.times.exp);
  const nbf = item.times.nbf ? new Date(item.times.nbf) : undefined;
  if (nbf && now < nbf)
    return h(
      'p',
      { class: 'kal-inspect-expiry', 'data-expiry': 'not-yet-valid' },
      t('inspector.token.notYetValid', { when: relativeTime(nbf, now, lang) }),
    );
  if (now > exp)
    return h(
      'p',
      { class: 'kal-inspect-expiry', 'data-expiry': 'expired' },
      t('inspector.token.expired', { when: relativeTime(exp, now, lang) }),
    );
  return h(
    'p',
    { class: 'kal-inspect-expiry', 'data-expiry': 'valid' },
    t('inspector.token.expires', { when: relativeTime(exp, now, lang) }),
  );
}

function renderJwt(t: Translate, item: JwtItem): HTMLElement {
  const aud = item.claims.aud;
  const audiences = Array.isArray(aud) ? aud.map(String).join(', ') : typeof aud === 'string' ? aud : '';
  return section(
    'jwt',
    t(`inspector.token.jwtTitle.${item.flavour}`),
    h('p', { 'data-token-kind': item.flavour }, t(`inspector.token.jwtWhat.${item.flavour}`)),
    expiry(t, item),
    item.user
      ? identity(t, item.user, t('inspector.token.identityIfAccepted'))
      : h(
          'p',
          { 'data-identity': 'none' },
          t(item.flavour === 'oidc' ? 'inspector.token.oidcIdentity' : 'inspector.token.noIdentity'),
        ),
    rows([
      [
        t('inspector.token.issuer'),
        typeof item.claims.iss === 'string' ? item.claims.iss : t('inspector.none'),
      ],
      [t('inspector.token.audiences'), audiences || t('inspector.none')],
      item.times.iat ? [t('inspector.token.issuedAt'), item.times.iat] : null,
      item.times.exp ? [t('inspector.token.expiresAt'), item.times.exp] : null,
      [t('inspector.token.algorithm'), String(item.header.alg ?? '')],
      typeof item.header.kid === 'string' ? [t('inspector.token.kid'), item.header.kid] : null,
      [t('inspector.token.header'), json(item.header)],
      [t('inspector.token.claims'), h('div', { 'data-claims': true }, json(item.claims))],
    ]),
    h(
      'p',
      { class: 'kal-inspect-warning', 'data-signature': 'not-checked' },
      t('inspector.token.signatureNotChecked'),
      ' ',
      item.flavour === 'oidc'
        ? lessonLink(t, LESSON.oidc, 'inspector.token.oidcLesson', 'oidc')
        : lessonLink(t, LESSON.sa, 'inspector.token.saLesson'),
    ),
  );
}

function renderBootstrap(t: Translate, item: BootstrapTokenItem): HTMLElement {
  return section(
    'bootstrap-token',
    t('inspector.token.bootstrapTitle'),
    h('p', {}, t('inspector.token.bootstrapWhat', { secret: item.secretName })),
    identity(t, item.user, t('inspector.token.bootstrapGroupsNote')),
    rows([
      [t('inspector.token.bootstrapId'), item.id],
      [t('inspector.token.bootstrapSecret'), `kube-system/${item.secretName}`],
    ]),
    h(
      'p',
      { class: 'kal-hint' },
      t('inspector.token.secretHidden'),
      ' ',
      lessonLink(t, LESSON.bootstrap, 'inspector.token.bootstrapLesson'),
    ),
  );
}

function renderTokenFile(t: Translate, item: TokenFileItem): HTMLElement {
  return section(
    'token-file',
    t('inspector.token.fileTitle', { count: item.rows.length }),
    h('p', {}, t('inspector.token.fileWhat')),
    ...item.rows.map((r) =>
      h(
        'div',
        { 'data-row': String(r.line) },
        h('h5', {}, t('inspector.originLine', { line: r.line })),
        identity(t, r.user),
        r.ignoredColumns
          ? h('p', { class: 'kal-hint' }, t('inspector.token.fileIgnored', { count: r.ignoredColumns }))
          : null,
      ),
    ),
    item.warnings.length
      ? h(
          'ul',
          { class: 'kal-inspect-warnings', 'data-warnings': true },
          ...item.warnings.map((w) =>
            h('li', {}, `${t('inspector.originLine', { line: w.line })}: `, h('code', {}, w.text)),
          ),
        )
      : null,
    h(
      'p',
      { class: 'kal-hint' },
      t('inspector.token.secretHidden'),
      ' ',
      lessonLink(t, LESSON.file, 'inspector.token.fileLesson'),
    ),
  );
}

/** The section of one token item. */
export function renderToken(t: Translate, item: TokenItem): HTMLElement {
  if (item.kind === 'jwt') return renderJwt(t, item);
  if (item.kind === 'bootstrap-token') return renderBootstrap(t, item);
  return renderTokenFile(t, item);
}
