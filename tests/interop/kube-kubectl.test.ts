// kubectl (client only; no cluster is needed for `kubectl config`) judges the kubeconfigs src/kube
// writes and the `kubectl config` recipe src/recipes prints, with certificates made by openssl.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import { buildKubeconfig, type KubeconfigParams, parseKubeconfig } from '../../src/kube/index.ts';
import { kubectlConfigCommands, opensslCommands, shellQuote } from '../../src/recipes/index.ts';
import { hasTool, requireTools } from '../support/tools.ts';

const TOOLS = ['kubectl', 'openssl', 'bash'];
let dir = '';
let pems: { ca: string; cert: string; key: string } = { ca: '', cert: '', key: '' };

function sh(command: string, cwd = dir): string {
  const r = spawnSync('bash', ['-euo', 'pipefail', '-c', command], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, KUBECONFIG: join(cwd, 'nowhere') },
  });
  assert.equal(r.status, 0, `${command}\n${r.stdout}${r.stderr}`);
  return r.stdout;
}

function kubectl(args: string[]): string {
  const r = spawnSync('kubectl', args, {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, KUBECONFIG: join(dir, 'nowhere') },
  });
  assert.equal(r.status, 0, `kubectl ${args.join(' ')}\n${r.stdout}${r.stderr}`);
  return r.stdout;
}

const b64 = (s: string) => Buffer.from(s).toString('base64');

before(() => {
  if (!TOOLS.every(hasTool)) return;
  dir = mkdtempSync(join(tmpdir(), 'kube-kubectl-'));
  for (const c of opensslCommands({
    rootCa: { subject: { commonName: 'kubernetes' }, algorithm: 'ECDSA-P256' },
    server: { subject: { commonName: 'kube-apiserver' }, dnsNames: ['kubernetes'], algorithm: 'ECDSA-P256' },
    client: { subject: { commonName: 'jane', organizations: ['developers'] }, algorithm: 'ECDSA-P256' },
  })) {
    sh(c.command);
  }
  pems = {
    ca: readFileSync(join(dir, 'rootCA.pem'), 'utf8'),
    cert: readFileSync(join(dir, 'client.pem'), 'utf8'),
    key: readFileSync(join(dir, 'client-key.pem'), 'utf8'),
  };
  process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
});

const CASES: [string, Omit<KubeconfigParams, 'caPem' | 'clientCertificatePem' | 'clientKeyPem'>][] = [
  [
    'a kubeadm-style cluster',
    { clusterName: 'kubernetes', server: 'https://192.0.2.10:6443', userName: 'jane' },
  ],
  [
    'a namespace and a chosen context',
    {
      clusterName: 'lab',
      server: 'https://api.lab.example.test:6443',
      userName: 'jane',
      contextName: 'jane-lab',
      namespace: 'dev',
    },
  ],
  [
    'an IPv6 server and names with @ and :',
    {
      clusterName: 'prod:eu',
      server: 'https://[2001:db8::1]:6443',
      userName: 'jane@corp',
      contextName: 'jane@corp@prod:eu',
    },
  ],
  [
    'names kubectl would read as a boolean or a number if unquoted',
    { clusterName: 'on', server: 'https://192.0.2.10:6443', userName: 'yes', contextName: '0x1A' },
  ],
  [
    'a server behind a path',
    { clusterName: 'rancher', server: 'https://rancher.example.test/k8s/clusters/c-abc', userName: 'u-1' },
  ],
];

describe('kubectl and the kubeconfigs src/kube writes', () => {
  for (const [what, params] of CASES) {
    test(`kubectl reads back the server, user, CA and certificate data for ${what}`, (t) => {
      if (!requireTools(t, ...TOOLS)) return;
      const file = join(dir, `${params.clusterName.replace(/\W/g, '_')}.kubeconfig`);
      writeFileSync(
        file,
        buildKubeconfig({
          ...params,
          caPem: pems.ca,
          clientCertificatePem: pems.cert,
          clientKeyPem: pems.key,
        }),
      );
      const view = JSON.parse(
        kubectl(['config', 'view', '--raw', '--minify', '--kubeconfig', file, '-o', 'json']),
      );
      const context = params.contextName ?? `${params.userName}@${params.clusterName}`;
      assert.equal(view['current-context'], context);
      assert.deepEqual(view.clusters, [
        {
          name: params.clusterName,
          cluster: { server: params.server, 'certificate-authority-data': b64(pems.ca) },
        },
      ]);
      assert.deepEqual(view.users, [
        {
          name: params.userName,
          user: { 'client-certificate-data': b64(pems.cert), 'client-key-data': b64(pems.key) },
        },
      ]);
      assert.deepEqual(view.contexts, [
        {
          name: context,
          context: {
            cluster: params.clusterName,
            user: params.userName,
            ...(params.namespace ? { namespace: params.namespace } : {}),
          },
        },
      ]);
      const contexts = kubectl(['config', 'get-contexts', '--kubeconfig', file]).trim().split('\n');
      assert.match(contexts[0] ?? '', /^CURRENT\s+NAME\s+CLUSTER\s+AUTHINFO\s+NAMESPACE$/);
      assert.deepEqual(contexts[1]?.split(/\s+/), [
        '*',
        context,
        params.clusterName,
        params.userName,
        ...(params.namespace ? [params.namespace] : []),
      ]);
    });
  }

  test('the kubectl config recipe, run as printed, makes the same kubeconfig as buildKubeconfig', (t) => {
    if (!requireTools(t, ...TOOLS)) return;
    const params = {
      clusterName: 'kubernetes',
      server: 'https://192.0.2.10:6443',
      userName: 'jane',
      namespace: 'dev',
    };
    for (const c of kubectlConfigCommands({
      ...params,
      caFile: 'rootCA.pem',
      clientCertificateFile: 'client.pem',
      clientKeyFile: 'client-key.pem',
      kubeconfigFile: 'from recipe.kubeconfig',
    })) {
      sh(c.command);
    }
    const fromKubectl = parseKubeconfig(readFileSync(join(dir, 'from recipe.kubeconfig'), 'utf8'));
    writeFileSync(
      join(dir, 'ours.kubeconfig'),
      buildKubeconfig({ ...params, caPem: pems.ca, clientCertificatePem: pems.cert, clientKeyPem: pems.key }),
    );
    // kubectl itself reads both files: every field it knows must agree, not only what our parser keeps.
    const view = (file: string) =>
      JSON.parse(sh(`kubectl config view --raw -o json --kubeconfig ${shellQuote(file)}`));
    assert.deepEqual(view('ours.kubeconfig'), view('from recipe.kubeconfig'));
    assert.equal(fromKubectl.users[0]?.clientKeyPem, pems.key);
  });

  test('parseKubeconfig reads a kubectl-written file with several users, tokens, exec and file paths', (t) => {
    if (!requireTools(t, ...TOOLS)) return;
    const f = '--kubeconfig=multi.kubeconfig';
    sh(
      `kubectl config set-cluster a ${f} --server=https://a.example.test --certificate-authority=rootCA.pem --embed-certs`,
    );
    sh(`kubectl config set-cluster b ${f} --server=https://b.example.test --insecure-skip-tls-verify=true`);
    sh(
      `kubectl config set-credentials files ${f} --client-certificate=client.pem --client-key=client-key.pem`,
    );
    sh(`kubectl config set-credentials ci ${f} --token=s3cr3t-token`);
    sh(
      `kubectl config set-credentials eks ${f} --exec-command=aws --exec-api-version=client.authentication.k8s.io/v1beta1 --exec-arg=eks --exec-arg=get-token`,
    );
    sh(`kubectl config set-credentials basic ${f} --username=admin --password=hunter2`);
    sh(`kubectl config set-context files@a ${f} --cluster=a --user=files`);
    sh(`kubectl config use-context files@a ${f}`);
    const text = readFileSync(join(dir, 'multi.kubeconfig'), 'utf8');
    const k = parseKubeconfig(text);
    assert.equal(k.currentContext, 'files@a');
    assert.deepEqual(
      k.clusters.map((c) => [c.name, c.server, c.caPem === pems.ca, c.insecureSkipTlsVerify]),
      [
        ['a', 'https://a.example.test', true, false],
        ['b', 'https://b.example.test', false, true],
      ],
    );
    const users = new Map(k.users.map((u) => [u.name, u]));
    // client-go stores paths relative to the kubeconfig's folder when no "../" is needed.
    assert.equal(users.get('files')?.clientCertificateFile, 'client.pem');
    assert.equal(users.get('files')?.clientKeyFile, 'client-key.pem');
    assert.equal(users.get('files')?.clientCertificatePem, undefined);
    assert.equal(users.get('files')?.clientKeyPresent, true);
    assert.equal(users.get('ci')?.token, true);
    assert.equal(users.get('eks')?.exec, true);
    assert.equal(users.get('eks')?.execCommand, 'aws');
    assert.equal(users.get('basic')?.basicAuth, true);
    const dump = JSON.stringify(k);
    assert.ok(!dump.includes('s3cr3t-token') && !dump.includes('hunter2'));
  });
});
