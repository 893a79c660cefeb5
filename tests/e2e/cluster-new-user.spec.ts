// Lesson 7's widgets, as a reader uses them: the CSR builder (refusing system:masters), the
// CertificateSigningRequest and its commands, the binding, then the kubeconfig builder with the
// certificate "issued" by a kubeadm-like CA (signed here by openssl), the download, and a reload
// that brings everything back.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { t } from '../../src/i18n/index.ts';
import { makeCa } from '../support/openssl.ts';
import { expect, test } from './fixtures.ts';

const page7 = '/client-certificates/07-lab-new-user/';

/** Signs `csrPem` with a fresh kubeadm-like CA, as the cluster's signer would; returns both PEMs. */
function issue(csrPem: string): { ca: string; certificate: string } {
  const dir = mkdtempSync(join(tmpdir(), 'kal-e2e-new-user-'));
  try {
    makeCa(dir, 'ca');
    writeFileSync(join(dir, 'user.csr'), csrPem);
    writeFileSync(join(dir, 'ext'), 'extendedKeyUsage=clientAuth\nbasicConstraints=critical,CA:FALSE\n');
    execFileSync(
      'openssl',
      [
        'x509',
        '-req',
        '-in',
        'user.csr',
        '-CA',
        'ca.crt',
        '-CAkey',
        'ca.key',
        '-set_serial',
        '0x1234',
        '-days',
        '1',
        '-extfile',
        'ext',
        '-out',
        'user.crt',
      ],
      { cwd: dir, stdio: 'ignore' },
    );
    return {
      ca: readFileSync(join(dir, 'ca.crt'), 'utf8'),
      certificate: readFileSync(join(dir, 'user.crt'), 'utf8'),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('a lifetime longer than sign-on-node.sh allows still shows the key and the CSR, and says why there is no node command', async ({
  page,
}) => {
  await page.goto(page7);
  const csr = page.locator('kal-new-user-csr');
  await csr.getByLabel('Lifetime (expirationSeconds)').fill('400000000');
  await csr.getByRole('button', { name: 'Make the private key and the CSR' }).click();
  await expect(csr.locator('[data-yaml]')).toContainText('expirationSeconds: 400000000', { timeout: 30_000 });
  await expect(csr.getByRole('button', { name: 'Download jane-key.pem' })).toBeVisible();
  await expect(csr.locator('[data-node-command]')).toContainText(
    'sign-on-node.sh signs for at most 3650 days',
  );
  await page.reload();
  await expect(csr.locator('[data-yaml]')).toContainText('expirationSeconds: 400000000');
});

test('a reader makes a CSR, gets the YAML and commands, binds the group, builds a kubeconfig, and finds it all after a reload', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await page.goto(page7);
  const csr = page.locator('kal-new-user-csr');
  const user = csr.getByLabel('User name (CN)');
  const groups = csr.getByLabel('Groups (O), one per line');

  await user.fill('alice');
  await groups.fill('developers\nsystem:masters');
  await expect(groups).toHaveAttribute('aria-invalid', 'true');
  await expect(csr.locator('[data-message="groups"]')).toContainText('system:masters is refused here');
  await csr.getByRole('button', { name: 'Make the private key and the CSR' }).click();
  await expect(csr.locator('[data-status]')).toContainText('Fix the fields marked above first.');
  await expect(csr.locator('[data-output]')).toBeHidden();

  await groups.fill('developers\nops');
  await expect(groups).not.toHaveAttribute('aria-invalid', 'true');
  await csr.getByLabel('Lifetime (expirationSeconds)').fill('3600');
  await csr.getByRole('button', { name: 'Make the private key and the CSR' }).click();
  await expect(csr.locator('[data-status]')).toContainText('Made alice-key.pem and alice.csr', {
    timeout: 30_000,
  });

  const yamlText = (await csr.locator('[data-yaml] pre').first().textContent()) ?? '';
  const object = parse(yamlText);
  expect(object.kind).toBe('CertificateSigningRequest');
  expect(object.metadata).toEqual({ name: 'alice' });
  expect(object.spec.signerName).toBe('kubernetes.io/kube-apiserver-client');
  expect(object.spec.usages).toEqual(['client auth']);
  expect(object.spec.expirationSeconds).toBe(3600);
  const csrPem = Buffer.from(object.spec.request, 'base64').toString('utf8');
  expect(csrPem).toContain('-----BEGIN CERTIFICATE REQUEST-----');
  await expect(csr.locator('[data-commands]')).toContainText('kubectl apply -f alice-csr.yaml');
  await expect(csr.locator('[data-commands]')).toContainText('kubectl certificate approve alice');
  await expect(csr.locator('[data-commands]')).toContainText(
    "kubectl get csr alice -o jsonpath='{.status.certificate}' | base64 -d > alice.crt",
  );
  await expect(csr.locator('[data-node-command]')).toContainText(
    'sudo bash sign-on-node.sh --days 1 alice.csr',
  );
  // The CSR API's signer writes both groups into one DER set, which sorts them: ops first.
  await expect(csr.locator('[data-whoami]')).toHaveText(
    [
      ['ATTRIBUTE', 'VALUE'],
      ['Username', 'alice'],
      ['Groups', '[ops developers system:authenticated]'],
      ['Extra: authentication.kubernetes.io/credential-id', '[X509SHA256=…]'],
    ]
      .map(([label, value]) => `${label!.padEnd(52)}${value}\n`)
      .join(''),
  );
  await expect(csr.locator('[data-group-order]')).toContainText(
    'The cluster will list the groups as ops, developers',
  );
  const keyDownload = page.waitForEvent('download');
  await csr.getByRole('button', { name: 'Download alice-key.pem' }).click();
  expect((await keyDownload).suggestedFilename()).toBe('alice-key.pem');

  const binding = page.locator('kal-new-user-binding');
  await expect(binding.getByLabel('Group')).toHaveValue('developers');
  await binding.getByLabel('In every namespace (ClusterRoleBinding)').check();
  await expect(binding.locator('[data-yaml]')).toContainText('kind: ClusterRoleBinding');
  await expect(binding.locator('[data-commands]')).toContainText(
    'kubectl auth can-i list pods --namespace kube-system --as alice --as-group developers',
  );

  const { ca, certificate } = issue(csrPem);
  const builder = page.locator('kal-kubeconfig-builder');
  await expect(builder.locator('[data-key-status]')).toContainText('Using alice-key.pem');
  await builder.getByLabel('Cluster CA certificate').fill(ca);
  await builder.getByLabel('The user’s certificate').fill('not a certificate');
  await builder.getByRole('button', { name: 'Build the kubeconfig' }).click();
  await expect(builder.getByLabel('The user’s certificate')).toHaveAttribute('aria-invalid', 'true');
  await expect(builder.getByLabel('The user’s certificate')).toHaveValue('not a certificate');

  // A certificate for another key (here the CA's own) is refused at the certificate field.
  await builder.getByLabel('The user’s certificate').fill(ca);
  await builder.getByRole('button', { name: 'Build the kubeconfig' }).click();
  await expect(builder.locator('[data-message="certificate"]')).toHaveText(
    'This certificate is not for alice-key.pem: it holds a different public key. Paste the certificate issued for this CSR.',
  );

  await builder.getByLabel('The user’s certificate').fill(certificate);
  await builder.getByRole('button', { name: 'Build the kubeconfig' }).click();
  await expect(builder.locator('[data-status]')).toContainText('Built alice.kubeconfig');
  await expect(builder.locator('[data-kubeconfig]')).toContainText('client-certificate-data:');
  await expect(builder.locator('[data-kubeconfig]')).not.toContainText('PRIVATE KEY');
  // Every cluster from 1.32 on prints the credential-id row; the older form comes second.
  await expect(builder.locator('[data-whoami]')).toContainText(
    'Extra: authentication.kubernetes.io/credential-id   [X509SHA256=',
  );
  await expect(builder.locator('[data-whoami-new]')).toHaveText(
    'ATTRIBUTE   VALUE\nUsername    alice\nGroups      [developers ops system:authenticated]\n',
  );
  await expect(builder.locator('[data-commands]')).toContainText(
    'kubectl config set-credentials alice --kubeconfig=alice.kubeconfig --client-certificate=alice.crt --client-key=alice-key.pem --embed-certs',
  );
  const download = page.waitForEvent('download');
  await builder.getByRole('button', { name: 'Download alice.kubeconfig' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('alice.kubeconfig');
  const kubeconfig = parse(readFileSync((await file.path())!, 'utf8'));
  expect(kubeconfig.users[0].name).toBe('alice');
  expect(Buffer.from(kubeconfig.users[0].user['client-key-data'], 'base64').toString()).toContain(
    'PRIVATE KEY',
  );

  await page.reload();
  await expect(user).toHaveValue('alice');
  await expect(groups).toHaveValue('developers\nops');
  await expect(csr.locator('[data-status]')).toContainText('Your key and CSR from before are back');
  await expect(csr.locator('[data-yaml] pre').first()).toContainText(object.spec.request.slice(0, 40));
  await expect(binding.getByLabel('In every namespace (ClusterRoleBinding)')).toBeChecked();
  await expect(builder.getByLabel('The user’s certificate')).toHaveValue(certificate);
  await expect(builder.locator('[data-whoami]')).toContainText('Username    alice');

  // A broken certificate afterwards: the old kubeconfig is no longer offered as if it still fitted.
  await builder.getByLabel('The user’s certificate').fill('not a certificate');
  await builder.getByRole('button', { name: 'Build the kubeconfig' }).click();
  await expect(builder.getByLabel('The user’s certificate')).toHaveAttribute('aria-invalid', 'true');
  await expect(builder.getByRole('button', { name: 'Download alice.kubeconfig' })).toBeHidden();
});

for (const lang of ['en', 'ko'] as const) {
  test(`the binding builder offers no stale download while the group is wrong, and names a NUL in it (${lang})`, async ({
    page,
  }) => {
    await page.goto(`${lang === 'ko' ? '/ko' : ''}/client-certificates/07-lab-new-user/`);
    const binding = page.locator('kal-new-user-binding');
    const group = binding.locator('[data-field="group"]');
    const download = binding.locator('[data-action="download"]');
    await expect(download).toBeVisible();
    await group.fill('dev\u0000ops');
    await expect(binding.locator('[data-message="group"]')).toHaveText(
      t(lang, 'binding.groupControl').replace('{chars}', 'U+0000'),
    );
    await expect(group).toHaveAttribute('aria-invalid', 'true');
    await expect(download).toBeHidden();
    await expect(binding.locator('[data-binding-stale]')).toHaveText(t(lang, 'binding.stale'));
    await group.fill('');
    await expect(binding.locator('[data-message="group"]')).toHaveText(
      t(lang, 'error.rbac/bad-subject-name'),
    );
    await expect(download).toBeHidden();
    await group.fill('ops');
    await expect(download).toBeVisible();
    await expect(download).toContainText('ops');
    await expect(binding.locator('[data-binding-stale]')).toBeHidden();
  });
}

test('an imported workspace whose CSR YAML holds a line EOF gets a message on lesson 7, not an uncaught error', async ({
  page,
}) => {
  await page.goto(page7);
  const csr = page.locator('kal-new-user-csr');
  await csr.getByRole('button', { name: 'Make the private key and the CSR' }).click();
  // An RSA-2048 key: seconds on a busy machine.
  await expect(csr.locator('[data-output]')).toBeVisible({ timeout: 30_000 });
  await page.goto('/client-certificates/03-lab-issue-certificates/');
  const [file] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: t('en', 'workbench.ws.export') }).click(),
  ]);
  const dir = mkdtempSync(join(tmpdir(), 'kal-e2e-eof-'));
  const path = join(dir, 'workspace.json');
  await file.saveAs(path);
  const ws = JSON.parse(readFileSync(path, 'utf8'));
  expect(ws.files['jane-csr.yaml']).toContain('kind: CertificateSigningRequest');
  ws.files['jane-csr.yaml'] = ws.files['jane-csr.yaml'].replace('spec:', 'spec:\nEOF');
  writeFileSync(path, JSON.stringify(ws));
  await page.locator('[data-import]').setInputFiles(path);
  await expect(page.locator('[data-ws-status]')).toHaveText(
    t('en', 'workbench.ws.imported').replace('{file}', 'workspace.json'),
  );
  await page.goto(page7);
  await expect(csr.locator('[data-status]')).toHaveText(
    t('en', 'newuser.restoreFailed')
      .replace('{file}', 'jane-csr.yaml')
      .replace('{reason}', t('en', 'error.recipe/heredoc-marker')),
  );
  await expect(csr.locator('[data-output]')).toBeHidden();
  rmSync(dir, { recursive: true, force: true });
});
