// Lesson 8's three widgets, as a reader uses them: the inspector with a real certificate, the chain
// check passing and failing each way, and the explainer with real outputs and an unknown one.
import { issueClientCertificate, issueRootCa } from '../../src/pki/index.ts';
import { issueLocalhostServerCertificate } from '../support/standin-certs.ts';
import { expect, test } from './fixtures.ts';

const page8 = '/client-certificates/08-troubleshooting/';

async function labCertificates() {
  const ca = await issueRootCa({ subject: { commonName: 'Lab Root' }, algorithm: 'ECDSA-P256' });
  const other = await issueRootCa({ subject: { commonName: 'Lab Root' }, algorithm: 'ECDSA-P256' });
  const client = await issueClientCertificate(
    {
      subject: { commonName: 'jane', organizations: ['developers', 'qa'] },
      algorithm: 'ECDSA-P256',
      validityDays: 30,
    },
    ca,
  );
  const server = await issueLocalhostServerCertificate(ca);
  const expired = await issueClientCertificate(
    {
      subject: { commonName: 'old' },
      algorithm: 'ECDSA-P256',
      notBefore: new Date(Date.now() - 10 * 86_400_000),
      validityDays: 7,
    },
    ca,
  );
  return { ca, other, client, server, expired };
}

test('the inspector shows a real client certificate: fields, identity, expiry and the key it belongs to', async ({
  page,
}) => {
  const { client, ca } = await labCertificates();
  await page.goto(page8);
  const widget = page.locator('kal-cert-inspector');
  const input = widget.getByLabel('Certificate, CSR, private key or kubeconfig');
  await input.fill(client.certificatePem + client.privateKeyPem + ca.certificatePem);
  const first = widget.locator('section[data-kind="certificate"]').first();
  await expect(first).toContainText('Certificate 1: CN=jane,O=qa,O=developers');
  await expect(first.locator('[data-user]')).toHaveText('jane');
  await expect(first.locator('[data-groups]')).toHaveText('developers, qa, system:authenticated');
  await expect(first.locator('[data-expiry]')).toHaveAttribute('data-expiry', 'valid');
  await expect(first.locator('[data-expiry]')).toContainText(/expires in (29|30) days/);
  await expect(first).toContainText(/([0-9A-F]{2}:){31}[0-9A-F]{2}/);
  await expect(widget.locator('section[data-kind="key"] [data-key-match]')).toHaveText(/certificate 1:/);
  const keyBody = client.privateKeyPem.split('\n')[1]!;
  await expect(widget.locator('[data-results]')).not.toContainText(keyBody.slice(0, 40));
  const status = widget.getByRole('status').first();
  await expect(status).toContainText('Found 2 certificate(s), 0 CSR(s), 1 private key(s)');
});

test('the inspector counts an expired certificate from now', async ({ page }) => {
  const { expired } = await labCertificates();
  await page.goto(page8);
  const widget = page.locator('kal-cert-inspector');
  await widget.getByLabel('Certificate, CSR, private key or kubeconfig').fill(expired.certificatePem);
  await expect(widget.locator('[data-expiry]')).toHaveAttribute('data-expiry', 'expired');
  await expect(widget.locator('[data-expiry]')).toContainText(/Expired 3 days ago/);
});

test('the inspector keeps pasted certificates for a reload, but never text that holds a private key', async ({
  page,
}) => {
  const { ca, client } = await labCertificates();
  const b64 = (text: string) => Buffer.from(text).toString('base64');
  const kubeconfig = [
    'apiVersion: v1',
    'kind: Config',
    'clusters:',
    `- cluster: {server: "https://192.0.2.10:6443", certificate-authority-data: ${b64(ca.certificatePem)}}`,
    '  name: lab',
    'users:',
    '- name: jane',
    `  user: {client-certificate-data: ${b64(client.certificatePem)}, client-key-data: ${b64(client.privateKeyPem)}}`,
    '',
  ].join('\n');
  await page.goto(page8);
  const widget = page.locator('kal-cert-inspector');
  const input = widget.getByLabel('Certificate, CSR, private key or kubeconfig');

  await input.fill(client.certificatePem);
  await expect(widget.locator('[data-user]')).toHaveText('jane');
  await page.waitForTimeout(500); // the save follows the verdict
  await page.reload();
  await expect(input).toHaveValue(client.certificatePem);

  // A kubeconfig with client-key-data: the key is checked against jane's certificate, not kept.
  await input.fill(kubeconfig);
  await expect(widget.locator('section[data-kind="key"] [data-key-match]')).toHaveText(/^certificate 2:/);
  await expect(widget.locator('[data-results]')).not.toContainText(b64(client.privateKeyPem).slice(0, 40));
  await page.waitForTimeout(500);
  await page.reload();
  await expect(input).toHaveValue('');
});

test('the chain check keeps pasted certificates for a reload before anything is checked', async ({
  page,
}) => {
  const { ca, client } = await labCertificates();
  await page.goto(page8);
  const widget = page.locator('kal-chain-check');
  await widget.getByLabel('Certificate to check (PEM)').fill(client.certificatePem);
  await widget.getByLabel('Trusted CA (PEM)').fill(ca.certificatePem);
  await page.waitForTimeout(800); // past the pause after typing
  await page.reload();
  await expect(widget.getByLabel('Certificate to check (PEM)')).toHaveValue(client.certificatePem);
  await expect(widget.getByLabel('Trusted CA (PEM)')).toHaveValue(ca.certificatePem);
});

test('Inspect and Explain on an empty box say what to paste, instead of doing nothing', async ({ page }) => {
  await page.goto(page8);
  const inspector = page.locator('kal-cert-inspector');
  await inspector.getByRole('button', { name: 'Inspect', exact: true }).click();
  await expect(inspector.locator('[data-input-message]')).toHaveText('There is nothing to read yet.');
  const explainer = page.locator('kal-error-explainer');
  await explainer.locator('[data-action="explain"]').click();
  await expect(explainer.locator('[data-empty]')).toHaveText(
    'Paste an error message or a terminal session first.',
  );
});

test('a file picked after a large paste replaces it: the file is what the inspector reads', async ({
  page,
}) => {
  const { client } = await labCertificates();
  await page.goto(page8);
  const widget = page.locator('kal-cert-inspector');
  await page.evaluate(() => {
    const input = document.querySelector<HTMLTextAreaElement>('kal-cert-inspector [data-input]')!;
    const data = new DataTransfer();
    data.setData('text/plain', 'x'.repeat(300 * 1024));
    input.dispatchEvent(
      new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }),
    );
  });
  await expect(widget.locator('[data-large-notice]')).toBeVisible();
  await widget.locator('[data-file]').setInputFiles({
    name: 'client.pem',
    mimeType: 'application/x-pem-file',
    buffer: Buffer.from(client.certificatePem),
  });
  await expect(widget.locator('[data-user]')).toHaveText('jane');
  await expect(widget.locator('[data-large-notice]')).toBeHidden();
  // Inspect again: still the file, not the held paste.
  await widget.getByRole('button', { name: 'Inspect', exact: true }).click();
  await expect(widget.locator('[data-user]')).toHaveText('jane');
  await expect(widget.locator('[data-input-message]')).toBeEmpty();
});

test('the inspector shows a file chosen right after typing in the box, not the typed text', async ({
  page,
}) => {
  const { client } = await labCertificates();
  await page.goto(page8);
  const widget = page.locator('kal-cert-inspector');
  // Typing starts a short wait before the text is read; the file is chosen within it.
  await widget.getByLabel('Certificate, CSR, private key or kubeconfig').fill('not a certificate');
  await widget.locator('[data-file]').setInputFiles({
    name: 'client.pem',
    mimeType: 'application/x-pem-file',
    buffer: Buffer.from(client.certificatePem),
  });
  const certificate = widget.locator('section[data-kind="certificate"]');
  await expect(certificate.locator('[data-user]')).toHaveText('jane');
  // Well past the wait: the typed text was not read after the file and did not replace it.
  await page.waitForTimeout(1000);
  await expect(certificate.locator('[data-user]')).toHaveText('jane');
  await expect(widget.locator('[data-input-message]')).toBeEmpty();
});

test('the chain check accepts a client certificate from its CA and rejects each kind of failure with Go’s text', async ({
  page,
}) => {
  const { ca, other, client, server, expired } = await labCertificates();
  await page.goto(page8);
  const widget = page.locator('kal-chain-check');
  const leaf = widget.getByLabel('Certificate to check (PEM)');
  const roots = widget.getByLabel('Trusted CA (PEM)');
  const verdict = widget.locator('[data-verdict]');
  const check = widget.getByRole('button', { name: 'Check the chain' });

  await leaf.fill(client.certificatePem);
  await roots.fill(ca.certificatePem);
  await check.click();
  await expect(verdict).toHaveAttribute('data-ok', 'true');
  await expect(verdict).toContainText('Valid for client authentication');
  await expect(verdict.locator('[data-chain] li')).toHaveText(['CN=jane,O=qa,O=developers', 'CN=Lab Root']);

  // Another CA with the same name: the signature does not verify.
  await roots.fill(other.certificatePem);
  await check.click();
  await expect(verdict).toHaveAttribute('data-ok', 'false');
  await expect(verdict.locator('[data-go-error]').first()).toContainText(
    'x509: certificate signed by unknown authority (possibly because of',
  );
  await expect(verdict.locator('[data-apiserver-error]')).toHaveText(
    /^verifying certificate SN=\d+, SKID=[0-9A-F:]*, AKID=[0-9A-F:]+ failed: x509: certificate signed by unknown authority/,
  );

  // A server certificate used as a client certificate.
  await leaf.fill(server.certificatePem);
  await roots.fill(ca.certificatePem);
  await check.click();
  await expect(verdict.locator('li[data-code="verify/incompatible-usage"] [data-go-error]')).toHaveText(
    'x509: certificate specifies an incompatible key usage',
  );

  // Expired.
  await leaf.fill(expired.certificatePem);
  await check.click();
  await expect(verdict.locator('li[data-code="verify/expired"] [data-go-error]')).toContainText(
    'x509: certificate has expired or is not yet valid: current time',
  );

  // A server certificate checked for a host name it does not have.
  await leaf.fill(server.certificatePem);
  await widget.getByLabel(/a server certificate/).check();
  const host = widget.getByLabel('Host name or IP address the client connects to');
  await host.fill('kube.example.org');
  await check.click();
  await expect(verdict.locator('li[data-code="verify/hostname-mismatch"] [data-go-error]')).toHaveText(
    'x509: certificate is valid for localhost, not kube.example.org',
  );
  await host.fill('127.0.0.1');
  await check.click();
  await expect(verdict).toHaveAttribute('data-ok', 'true');

  // A field that is not a certificate gets its message at the field, and keeps its text.
  await roots.fill('-----BEGIN CERTIFICATE-----\nnot base64!\n-----END CERTIFICATE-----\n');
  await check.click();
  await expect(widget.locator('[data-roots-message]')).toHaveAttribute('data-code', 'pem/bad-base64');
  await expect(roots).toHaveAttribute('aria-invalid', 'true');
  await expect(roots).toHaveValue(/not base64!/);
});

test('the explainer names each error of a pasted session, with values, causes and lesson links', async ({
  page,
}) => {
  await page.goto(page8);
  const widget = page.locator('kal-error-explainer');
  const input = widget.getByLabel('Error message or terminal output');
  await input.fill(
    [
      '$ kubectl get pods -n default',
      'Error from server (Forbidden): pods is forbidden: User "jane" cannot list resource "pods" in API group "" in the namespace "default"',
      '$ curl https://localhost:8443/',
      'curl: (60) SSL certificate problem: unable to get local issuer certificate',
      "curl: (60) SSL: no alternative certificate subject name matches target host name 'kube.lab'",
      'error: You must be logged in to the server (Unauthorized)',
    ].join('\n'),
  );
  const results = widget.locator('[data-results]');
  await expect(results).toHaveAttribute('data-recognised', 'true');
  await expect(results.locator('section')).toHaveCount(4);
  const forbidden = results.locator('section[data-id="forbidden"]');
  await expect(forbidden.locator('[data-capture="user"]')).toHaveText('jane');
  await expect(forbidden.locator('[data-capture="resource"]')).toHaveText('pods');
  await expect(forbidden.locator('[data-capture="namespace"]')).toHaveText('default');
  await expect(forbidden.locator('a[data-lesson]')).toHaveAttribute(
    'href',
    '/client-certificates/08-troubleshooting/#authenticated-but-not-allowed',
  );
  await expect(results.locator('section[data-id="unknown-authority"]')).toContainText(
    'The certificate is signed by a CA that is not trusted',
  );
  await expect(results.locator('section[data-id="hostname-mismatch"] [data-capture="host"]')).toHaveText(
    'kube.lab',
  );
  await expect(results.locator('section[data-id="unauthorized"]')).toContainText('401');

  await input.fill('segmentation fault (core dumped) while compiling the certificate authority');
  await expect(results).toHaveAttribute('data-recognised', 'false');
  await expect(results).toContainText('Not recognised');
  await expect(results.locator('[data-candidates] li').first()).toBeVisible();
  await expect(input).toHaveValue(/segmentation fault/);
});

test('every lesson link of the explainer points at a heading that exists, in both languages', async ({
  request,
}) => {
  const { CATALOGUE, lessonHref } = await import('../../src/explain/index.ts');
  const seen = new Set<string>();
  for (const href of CATALOGUE.flatMap((e) => [lessonHref(e.lesson, 'en'), lessonHref(e.lesson, 'ko')])) {
    if (seen.has(href)) continue;
    seen.add(href);
    const [path, anchor] = href.split('#');
    const response = await request.get(path!);
    // The static server answers a missing page with 404.html, which has an <h1> too.
    expect(response.status(), href).toBe(200);
    const html = await response.text();
    if (anchor) expect(html, href).toContain(`id="${anchor}"`);
    else expect(html, href).toContain('<h1');
  }
  // Korean links lead to Korean sections, not to the top of the page.
  expect(
    CATALOGUE.filter((e) => e.lesson.anchor && !lessonHref(e.lesson, 'ko').includes('#')).map((e) => e.id),
  ).toEqual([]);
});

test('the Korean page shows the widgets in Korean', async ({ page }) => {
  await page.goto(`/ko${page8}`);
  const widget = page.locator('kal-error-explainer');
  await widget.locator('textarea').fill('x509: certificate specifies an incompatible key usage');
  await expect(widget.locator('section[data-id="incompatible-usage"]')).toContainText(
    '인증서의 용도가 맞지 않음',
  );
  await expect(widget.locator('a[data-lesson]')).toHaveAttribute(
    'href',
    /^\/ko\/client-certificates\/08-troubleshooting\//,
  );
});
