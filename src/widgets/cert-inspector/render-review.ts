// The inspector's sections for part 4 and 5 (read-input.ts and src/tokens/read-token-review.ts
// decide; this only renders): a TokenReview request or answer with what kube-apiserver would believe,
// the webhook-kubeconfig banner, and the front-proxy note of a certificate. Loaded with render.ts.
import type { WebhookKubeconfigLook } from '../../kube/webhook-kubeconfig-look.ts';
import type { FrontProxyLook } from '../../pki/front-proxy-look.ts';
import type { Identity } from '../../pki/index.ts';
import type {
  TokenReviewAnswerReading,
  TokenReviewBelief,
  TokenReviewRequestReading,
} from '../../tokens/read-token-review.ts';
import type { UserInfo } from '../../tokens/types.ts';
import { h } from '../shared/dom.ts';
import { nameNode } from '../shared/name-view.ts';
import type { Translate } from '../shared/strings.ts';
import { pageLang } from '../shared/strings.ts';
import type { TokenReviewItem } from './read-input.ts';
import { renderToken, section } from './render-token.ts';

function lessonLink(t: Translate, part: string, page: string, key: string): HTMLElement {
  const base = pageLang() === 'ko' ? '/ko' : '';
  return h('a', { href: `${base}/${part}/${page}/`, 'data-lesson': page }, t(key));
}

function rows(list: ([string, Node | string, string?] | null)[]): HTMLElement {
  const dl = h('dl', { class: 'kal-inspect-rows' });
  for (const row of list) {
    if (!row) continue;
    const [label, value, field] = row;
    dl.append(
      h('dt', {}, label),
      h('dd', field ? { 'data-field': field } : {}, typeof value === 'string' ? h('code', {}, value) : value),
    );
  }
  return dl;
}

const list = (values: string[]): Node =>
  h('code', {}, ...values.flatMap((g, i) => (i ? [', ', nameNode(g)] : [nameNode(g)])));

function userRows(t: Translate, user: UserInfo): HTMLElement {
  return rows([
    [t('inspector.user'), h('code', { 'data-user': true }, nameNode(user.username))],
    user.uid ? [t('inspector.token.uid'), h('code', { 'data-uid': true }, user.uid)] : null,
    [t('inspector.groups'), h('span', { 'data-groups': true }, list(user.groups))],
    ...Object.entries(user.extra).map(
      ([k, v]) =>
        [`${t('inspector.token.extra')}: ${k}`, h('code', { 'data-extra': k }, v.join(', '))] as [
          string,
          Node,
        ],
    ),
  ]);
}

/** What kube-apiserver believes from an answer, in one box. */
function belief(t: Translate, b: TokenReviewBelief): HTMLElement {
  const box = h(
    'div',
    { class: 'kal-inspect-identity', 'data-belief': b.kind, 'data-version': b.version },
    h('h5', {}, t('inspector.review.beliefTitle', { version: b.version })),
  );
  if (b.kind === 'ok') {
    box.append(
      h('p', {}, t('inspector.review.beliefOk')),
      userRows(t, b.user),
      h(
        'p',
        { class: 'kal-hint', 'data-added': b.addedAuthenticated ? 'system:authenticated' : 'none' },
        t(b.addedAuthenticated ? 'inspector.review.addedAuthenticated' : 'inspector.review.notAdded'),
      ),
    );
  } else if (b.kind === 'not-mine') {
    box.append(h('p', {}, t('inspector.review.beliefNotMine')));
  } else {
    box.append(
      h('p', { class: 'kal-inspect-warning' }, t('inspector.review.beliefError')),
      h('pre', { class: 'kal-pre', 'data-error': true }, b.error),
    );
    if (b.log) box.append(rows([[t('inspector.review.logLine'), h('code', { 'data-log': true }, b.log)]]));
  }
  return box;
}

function renderRequest(t: Translate, item: TokenReviewItem, r: TokenReviewRequestReading): HTMLElement {
  const tokenText =
    item.tokenShape === 'empty'
      ? t('inspector.review.tokenEmpty')
      : item.tokenShape === 'jwt'
        ? t('inspector.review.tokenJwt', { length: item.tokenLength })
        : item.tokenShape === 'bootstrap'
          ? t('inspector.review.tokenBootstrap')
          : t('inspector.review.tokenOpaque', { length: item.tokenLength });
  return section(
    'token-review',
    t('inspector.review.requestTitle'),
    h('p', { 'data-review-role': 'request' }, t('inspector.review.requestWhat')),
    rows([
      [t('inspector.review.kind'), r.kind, 'kind'],
      [t('inspector.review.apiVersion'), r.apiVersion, 'apiVersion'],
      [
        t('inspector.review.token'),
        h('span', { 'data-token-shape': item.tokenShape }, tokenText),
        'spec.token',
      ],
      [
        t('inspector.review.audiences'),
        r.audiences.length ? list(r.audiences) : t('inspector.review.noAudiences'),
        'spec.audiences',
      ],
    ]),
    r.audiences.length ? h('p', { class: 'kal-hint' }, t('inspector.review.audiencesNote')) : null,
    h(
      'p',
      { class: 'kal-hint', 'data-answer-in': r.apiVersion },
      t('inspector.review.answerIn', { apiVersion: r.apiVersion }),
    ),
    item.token
      ? h(
          'div',
          { 'data-spec-token': item.token.kind },
          h('p', {}, t('inspector.review.tokenKnown')),
          renderToken(t, item.token),
        )
      : null,
    h(
      'p',
      { class: 'kal-hint' },
      t('inspector.review.tokenHidden'),
      ' ',
      lessonLink(t, 'webhook', '01-tokenreview', 'inspector.review.lesson'),
    ),
  );
}

function renderAnswer(t: Translate, a: TokenReviewAnswerReading): HTMLElement {
  const s = a.status;
  const u = s?.user;
  const bool = (v: boolean | undefined) =>
    v === undefined ? t('inspector.none') : t(v ? 'inspector.review.true' : 'inspector.review.false');
  const differs =
    a.otherBelief.kind !== a.belief.kind ||
    (a.otherBelief.kind === 'error' && a.belief.kind === 'error' && a.otherBelief.error !== a.belief.error);
  return section(
    'token-review',
    t('inspector.review.answerTitle'),
    h('p', { 'data-review-role': 'answer' }, t('inspector.review.answerWhat')),
    rows([
      [t('inspector.review.kind'), a.kind || t('inspector.review.missing'), 'kind'],
      [t('inspector.review.apiVersion'), a.apiVersion || t('inspector.review.missing'), 'apiVersion'],
      s ? [t('inspector.review.authenticated'), bool(s.authenticated), 'status.authenticated'] : null,
      u?.username !== undefined
        ? [t('inspector.review.username'), h('code', {}, nameNode(u.username)), 'status.user.username']
        : null,
      u?.uid !== undefined ? [t('inspector.review.uid'), u.uid, 'status.user.uid'] : null,
      u?.groups ? [t('inspector.review.groups'), list(u.groups), 'status.user.groups'] : null,
      u?.extra && Object.keys(u.extra).length
        ? [
            t('inspector.review.extra'),
            h(
              'code',
              {},
              Object.entries(u.extra)
                .map(([k, v]) => `${k}: ${v.join(', ')}`)
                .join('; '),
            ),
            'status.user.extra',
          ]
        : null,
      s?.audiences ? [t('inspector.review.statusAudiences'), list(s.audiences), 'status.audiences'] : null,
      s?.error !== undefined ? [t('inspector.review.error'), s.error, 'status.error'] : null,
    ]),
    s?.audiences ? h('p', { class: 'kal-hint' }, t('inspector.review.statusAudiencesNote')) : null,
    belief(t, a.belief),
    differs
      ? h(
          'div',
          { 'data-other-version': a.otherBelief.version },
          h('p', {}, t('inspector.review.otherVersion', { version: a.otherBelief.version })),
          a.otherBelief.kind === 'error' ? h('pre', { class: 'kal-pre' }, a.otherBelief.error) : null,
        )
      : null,
    a.holdsToken ? h('p', { class: 'kal-hint' }, t('inspector.review.specIgnored')) : null,
    h('p', { class: 'kal-hint' }, lessonLink(t, 'webhook', '01-tokenreview', 'inspector.review.lesson')),
  );
}

/** The section of a TokenReview item. */
export function renderTokenReview(t: Translate, item: TokenReviewItem): HTMLElement {
  return item.reading.role === 'request'
    ? renderRequest(t, item, item.reading)
    : renderAnswer(t, item.reading);
}

/** The banner of a kubeconfig that looks like kube-apiserver's webhook config file. */
export function renderWebhookKubeconfig(t: Translate, look: WebhookKubeconfigLook): HTMLElement {
  return section(
    'webhook-kubeconfig',
    t('inspector.webhookKubeconfig.title'),
    h('p', {}, t('inspector.webhookKubeconfig.what')),
    h('p', { class: 'kal-inspect-warning' }, t('inspector.webhookKubeconfig.kubectl')),
    rows([
      [t('inspector.webhookKubeconfig.server'), look.server || t('inspector.none'), 'server'],
      [t('inspector.webhookKubeconfig.cluster'), look.clusterName, 'cluster'],
      [t('inspector.webhookKubeconfig.user'), look.userName || t('inspector.none'), 'user'],
    ]),
    h('h5', {}, t('inspector.webhookKubeconfig.signs')),
    h(
      'ul',
      { 'data-signs': look.signs.join(' ') },
      ...look.signs.map((s) => h('li', { 'data-sign': s }, t(`inspector.webhookKubeconfig.sign.${s}`))),
    ),
    h(
      'p',
      { class: 'kal-hint' },
      lessonLink(t, 'webhook', '02-lab-a-webhook-of-your-own', 'inspector.webhookKubeconfig.lesson'),
    ),
  );
}

/** A certificate's part in a webhook kubeconfig, as one line. */
export function renderWebhookRole(t: Translate, role: 'webhook-ca' | 'apiserver-client'): HTMLElement {
  return h(
    'p',
    { class: 'kal-inspect-warning', 'data-webhook-role': role },
    t(
      role === 'webhook-ca' ? 'inspector.webhookKubeconfig.caRole' : 'inspector.webhookKubeconfig.clientRole',
    ),
  );
}

/** The note on a certificate that looks like a front proxy's client certificate. */
export function renderFrontProxy(t: Translate, look: FrontProxyLook, identity: Identity): HTMLElement {
  return h(
    'div',
    { class: 'kal-inspect-warnings', 'data-front-proxy': look.by },
    h('h5', {}, t('inspector.frontProxy.title')),
    h('p', {}, t(`inspector.frontProxy.by.${look.by}`)),
    h('p', {}, t('inspector.frontProxy.trust')),
    rows([[t('inspector.frontProxy.cn'), h('code', { 'data-cn': true }, nameNode(look.commonName))]]),
    identity.authenticated && identity.user !== null
      ? h(
          'div',
          {},
          h('p', {}, t('inspector.frontProxy.clientCa')),
          rows([
            [t('inspector.frontProxy.asUser'), h('code', { 'data-as-user': true }, nameNode(identity.user))],
          ]),
        )
      : null,
    h(
      'p',
      { class: 'kal-hint' },
      lessonLink(t, 'proxy', '01-the-request-header-authenticator', 'inspector.frontProxy.lesson'),
    ),
  );
}
