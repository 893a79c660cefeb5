// Lesson 8's inspector with what readers of parts 4 and 5 paste, in both languages: a TokenReview
// request (its spec.token read as the token it is, never kept) and answers in v1 and v1beta1 with
// what kube-apiserver would believe (the user with system:authenticated, "not mine", an error in
// kube-apiserver's words), a malformed one named at the field; the webhook kubeconfig
// src/recipes/webhook writes, named as kube-apiserver's file; and a front-proxy client certificate
// noted, where a plain client certificate is not. No serious axe violation, no English left in Korean.
import {
  issueClientCertificate,
  issueFrontProxyCa,
  issueFrontProxyClientCertificate,
  issueRootCa,
} from '../../src/pki/index.ts';
import { webhookKubeconfig } from '../../src/recipes/webhook/index.ts';
import { buildTokenReviewRequest, buildTokenReviewResponse } from '../../src/tokens/index.ts';
import { englishLeft } from './english-left.ts';
import { page8 } from './explain-entries.ts';
import { expect, seriousAxeViolations, test } from './fixtures.ts';

const json = (v: unknown) => JSON.stringify(v, null, 2);
const AUDIENCE = 'https://kubernetes.default.svc.cluster.local';
const b64url = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
const JWT = `${b64url({ alg: 'RS256' })}.${b64url({ iss: 'https://idp.example.com', sub: 'u1', aud: 'kubernetes' })}.c2ln`;
const alice = {
  username: 'alice',
  uid: '1001',
  groups: ['dev', 'webhook-users'],
  extra: { 'example.com/team': ['blue'] },
};

const TEXT = {
  en: {
    requestStatus: 'This is a TokenReview request',
    answerStatus: 'This is a TokenReview answer',
    groupsMessage: 'status.user.groups must be a list of strings, such as ["dev", "ops"].',
    webhookStatus: 'A webhook kubeconfig, not a person’s.',
    webhookTitle: 'A webhook kubeconfig: the file kube-apiserver uses to call its token webhook',
    frontProxyTitle: 'Looks like an authenticating proxy’s client certificate (part 5)',
  },
  ko: {
    requestStatus: 'TokenReview 요청입니다',
    answerStatus: 'TokenReview 답입니다',
    groupsMessage: '필드 status.user.groups: ["dev", "ops"]처럼 문자열 목록이어야 합니다.',
    webhookStatus: '사람의 kubeconfig가 아니라 웹훅 kubeconfig입니다.',
    webhookTitle: '웹훅 kubeconfig: kube-apiserver가 토큰 웹훅을 부를 때 쓰는 파일',
    frontProxyTitle: '인증 프록시의 클라이언트 인증서로 보입니다(5부)',
  },
} as const;

for (const lang of ['en', 'ko'] as const) {
  const prefix = lang === 'ko' ? '/ko' : '';
  const text = TEXT[lang];

  async function open(page: import('@playwright/test').Page) {
    await page.goto(`${prefix}${page8}`);
    return page.locator('kal-cert-inspector');
  }

  async function clean(page: import('@playwright/test').Page, where: string) {
    expect(await seriousAxeViolations(page, 'kal-cert-inspector'), `axe: ${where}`).toEqual([]);
    expect(await englishLeft(page, lang), `English left: ${where}`).toEqual([]);
  }

  test(`the inspector reads a TokenReview request, its JWT, and never keeps it (${lang})`, async ({
    page,
  }) => {
    const widget = await open(page);
    await widget
      .locator('textarea')
      .fill(json(buildTokenReviewRequest({ token: JWT, version: 'v1', audiences: [AUDIENCE] })));
    const section = widget.locator('section[data-kind="token-review"]');
    await expect(section.locator('[data-review-role]')).toHaveAttribute('data-review-role', 'request');
    await expect(widget.getByRole('status').first()).toContainText(text.requestStatus);
    await expect(section.locator('[data-field="apiVersion"]')).toHaveText('authentication.k8s.io/v1');
    await expect(section.locator('[data-field="spec.token"] [data-token-shape]')).toHaveAttribute(
      'data-token-shape',
      'jwt',
    );
    await expect(section.locator('[data-field="spec.audiences"]')).toHaveText(AUDIENCE);
    await expect(section.locator('[data-spec-token="jwt"] section[data-kind="jwt"]')).toBeVisible();
    await expect(section.locator('[data-spec-token] [data-token-kind]')).toHaveAttribute(
      'data-token-kind',
      'oidc',
    );
    await expect(section.locator('a[data-lesson="01-tokenreview"]')).toHaveAttribute(
      'href',
      `${prefix}/webhook/01-tokenreview/`,
    );
    await expect(widget.locator('[data-input-message]')).toHaveText('');
    await expect(widget.locator('[data-results]')).not.toContainText(JWT);
    await clean(page, 'a request');
    await page.waitForTimeout(400);
    await page.reload();
    await expect(widget.locator('textarea')).toHaveValue('');
  });

  test(`the inspector says what kube-apiserver believes from each answer (${lang})`, async ({ page }) => {
    const widget = await open(page);
    const box = widget.locator('textarea');
    const section = widget.locator('section[data-kind="token-review"]');
    const belief = section.locator('[data-belief]');

    await box.fill(
      json(buildTokenReviewResponse({ version: 'v1', status: { authenticated: true, user: alice } })),
    );
    await expect(widget.getByRole('status').first()).toContainText(text.answerStatus);
    await expect(belief).toHaveAttribute('data-belief', 'ok');
    await expect(belief).toHaveAttribute('data-version', 'v1');
    await expect(belief.locator('[data-user]')).toHaveText('alice');
    await expect(belief.locator('[data-uid]')).toHaveText('1001');
    await expect(belief.locator('[data-groups]')).toHaveText('dev, webhook-users, system:authenticated');
    await expect(belief.locator('[data-extra="example.com/team"]')).toHaveText('blue');
    await expect(belief.locator('[data-added]')).toHaveAttribute('data-added', 'system:authenticated');
    await expect(section.locator('[data-field="status.user.groups"]')).toHaveText('dev, webhook-users');
    await expect(section.locator('[data-other-version="v1beta1"] pre')).toHaveText(
      'converting (v1.TokenReview) to (v1beta1.TokenReview): unknown conversion',
    );
    await clean(page, 'a v1 answer');

    await box.fill(json(buildTokenReviewResponse({ version: 'v1beta1', status: { authenticated: false } })));
    await expect(belief).toHaveAttribute('data-belief', 'not-mine');
    await expect(belief).toHaveAttribute('data-version', 'v1beta1');
    await expect(section.locator('[data-field="status.authenticated"]')).toHaveText('false');
    await expect(section.locator('[data-other-version="v1"] pre')).toHaveText(
      'converting (v1beta1.TokenReview) to (v1.TokenReview): unknown conversion',
    );
    await clean(page, 'a v1beta1 answer, not authenticated');

    await box.fill(
      json(
        buildTokenReviewResponse({ version: 'v1', status: { authenticated: false, error: 'token expired' } }),
      ),
    );
    await expect(belief).toHaveAttribute('data-belief', 'error');
    await expect(belief.locator('[data-error]')).toHaveText('token expired');

    await box.fill(
      json({
        apiVersion: 'authentication.k8s.io/v1',
        kind: 'TokenReviewResponse',
        status: { authenticated: true },
      }),
    );
    await expect(belief).toHaveAttribute('data-belief', 'error');
    await expect(belief.locator('[data-error]')).toHaveText(
      'no kind "TokenReviewResponse" is registered for version "authentication.k8s.io/v1"',
    );
    await expect(belief.locator('[data-log]')).toContainText('Failed to make webhook authenticator request');
    await expect(section.locator('[data-other-version]')).toHaveCount(0);
    await clean(page, 'a wrong kind');
    // An answer holds no credential: it is kept for a reload.
    await page.waitForTimeout(400);
    await page.reload();
    await expect(box).toHaveValue(/TokenReviewResponse/);
  });

  test(`a malformed TokenReview is named at the field (${lang})`, async ({ page }) => {
    const widget = await open(page);
    const box = widget.locator('textarea');
    const message = widget.locator('[data-input-message]');
    await box.fill(
      json({
        apiVersion: 'authentication.k8s.io/v1',
        kind: 'TokenReview',
        status: { authenticated: true, user: { username: 'alice', groups: 'dev' } },
      }),
    );
    await expect(message).toHaveAttribute('data-code', 'input/review-not-strings');
    await expect(message).toHaveText(text.groupsMessage);
    await expect(box).toHaveAttribute('aria-invalid', 'true');
    await clean(page, 'a malformed answer');
    await box.fill('{\n  "kind": "TokenReview",\n  "status": {"authenticated": tru}\n}');
    await expect(message).toHaveAttribute('data-code', 'input/review-json-at');
    await expect(message).toContainText(lang === 'ko' ? '3번째 줄 31번째 글자' : 'line 3, column 31');
    await expect(box).toHaveValue(/tru\}/);
  });

  test(`the inspector names a webhook kubeconfig and each certificate's part in it (${lang})`, async ({
    page,
  }) => {
    const root = await issueRootCa({ subject: { commonName: 'Lab Root' }, algorithm: 'ECDSA-P256' });
    const client = await issueClientCertificate(
      { subject: { commonName: 'jane' }, algorithm: 'ECDSA-P256' },
      root,
    );
    const widget = await open(page);
    await widget.locator('textarea').fill(
      webhookKubeconfig({
        server: 'https://localhost:8443/authenticate',
        caPem: root.certificatePem,
        clientCertificatePem: client.certificatePem,
        clientKeyPem: client.privateKeyPem,
      }),
    );
    const banner = widget.locator('section[data-kind="webhook-kubeconfig"]');
    await expect(banner.locator('h4')).toHaveText(text.webhookTitle);
    await expect(banner.locator('[data-field="server"]')).toHaveText('https://localhost:8443/authenticate');
    await expect(banner.locator('[data-field="user"]')).toHaveText('kube-apiserver');
    await expect(banner.locator('[data-sign]')).toHaveCount(4);
    await expect(widget.getByRole('status').first()).toContainText(text.webhookStatus);
    const certs = widget.locator('section[data-kind="certificate"]');
    await expect(certs).toHaveCount(2);
    await expect(certs.nth(0).locator('[data-webhook-role]')).toHaveAttribute(
      'data-webhook-role',
      'webhook-ca',
    );
    await expect(certs.nth(1).locator('[data-webhook-role]')).toHaveAttribute(
      'data-webhook-role',
      'apiserver-client',
    );
    // The decoder's own checks still run: the key belongs to the client certificate.
    await expect(widget.locator('section[data-kind="key"] [data-key-match]')).toHaveAttribute(
      'data-key-match',
      'yes',
    );
    await clean(page, 'a webhook kubeconfig');
  });

  test(`the inspector notes a front-proxy client certificate and not a plain one (${lang})`, async ({
    page,
  }) => {
    const ca = await issueFrontProxyCa({ algorithm: 'ECDSA-P256' });
    const proxy = await issueFrontProxyClientCertificate({ algorithm: 'ECDSA-P256' }, ca);
    const root = await issueRootCa({ subject: { commonName: 'Lab Root' }, algorithm: 'ECDSA-P256' });
    const jane = await issueClientCertificate(
      { subject: { commonName: 'jane' }, algorithm: 'ECDSA-P256' },
      root,
    );
    const widget = await open(page);
    await widget.locator('textarea').fill(proxy.certificatePem);
    const note = widget.locator('section[data-kind="certificate"] [data-front-proxy]');
    await expect(note).toHaveAttribute('data-front-proxy', 'both');
    await expect(note.locator('h5')).toHaveText(text.frontProxyTitle);
    await expect(note.locator('[data-cn]')).toHaveText('front-proxy-client');
    await expect(note.locator('[data-as-user]')).toHaveText('front-proxy-client');
    await expect(note).toContainText('--requestheader-client-ca-file');
    await expect(note).toContainText('--requestheader-allowed-names');
    await expect(note).toContainText('--client-ca-file');
    await expect(note.locator('a[data-lesson]')).toHaveAttribute(
      'href',
      `${prefix}/proxy/01-the-request-header-authenticator/`,
    );
    await clean(page, 'a front-proxy certificate');
    await widget.locator('textarea').fill(jane.certificatePem);
    await expect(widget.locator('section[data-kind="certificate"] [data-user]')).toHaveText('jane');
    await expect(widget.locator('[data-front-proxy]')).toHaveCount(0);
  });
}
