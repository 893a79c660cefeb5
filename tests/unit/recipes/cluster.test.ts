// src/recipes/cluster: the scripts' fixed facts, the commands lessons 6 and 7 render, and the
// names derived from a user name. Real tools judge the same text in tests/interop/cluster-*.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isLabError } from '../../../src/pki/errors.ts';
import {
  apiserverExperiments,
  apiserverNginxConfig,
  bindingName,
  caFromKubeconfigCommand,
  csrObjectName,
  daysFromSeconds,
  forbiddenPodsMessage,
  hostsCleanupCommand,
  hostsEntryCommand,
  kubePkiCopyScript,
  realApiserverCommand,
  signedCertificateFile,
  signOnNodeCommand,
  signOnNodeScript,
  userCheckCommands,
  userFiles,
  writeFileCommand,
} from '../../../src/recipes/cluster/index.ts';

describe('kube-pki-copy.sh', () => {
  const script = kubePkiCopyScript();
  it('starts like every lab script: env bash, strict mode', () => {
    assert.match(script, /^#!\/usr\/bin\/env bash\n/);
    assert.match(script, /^set -euo pipefail$/m);
  });
  it('never copies the CA key', () => {
    assert.doesNotMatch(script, /pki\/ca\.key/);
  });
  it('keeps the two private keys mode 600 and decodes admin.conf with base64 -d', () => {
    assert.match(script, /put "\$kube_dir\/pki\/apiserver\.key" apiserver\.key 600/);
    assert.match(script, /put "\$work\/\$user_base\.key" "\$user_base\.key" 600/);
    assert.match(script, /base64 -d/);
  });
  it('has no template placeholders left', () => {
    assert.doesNotMatch(script, /\$\\\{/);
  });
});

describe('sign-on-node.sh', () => {
  const script = signOnNodeScript();
  it('signs a client certificate: clientAuth only, CA:FALSE, random serial', () => {
    assert.match(script, /^extendedKeyUsage = clientAuth$/m);
    assert.match(script, /^basicConstraints = critical, CA:FALSE$/m);
    assert.match(script, /-set_serial "\$serial"/);
    assert.doesNotMatch(script, /CAcreateserial/, 'would write ca.srl into /etc/kubernetes/pki');
  });
  it('refuses system:masters and reads the CA key only in place', () => {
    assert.match(script, /system:masters/);
    assert.doesNotMatch(script, /cp [^\n]*ca\.key/);
  });
});

describe('signOnNodeCommand', () => {
  it('renders the days and the CSR file', () => {
    assert.equal(
      signOnNodeCommand({ csrFile: 'jane.csr', days: 2 }),
      'sudo bash sign-on-node.sh --days 2 jane.csr',
    );
    assert.equal(signOnNodeCommand({ csrFile: 'a b.csr' }), "sudo bash sign-on-node.sh --days 1 'a b.csr'");
  });
  for (const days of [0, 1.5, 3651, Number.NaN]) {
    it(`refuses ${days} days with recipe/bad-days`, () => {
      assert.throws(
        () => signOnNodeCommand({ csrFile: 'jane.csr', days }),
        (e) => isLabError(e, 'recipe/bad-days') && e.details.field === 'days',
      );
    });
  }
  it('refuses a CSR file name that starts with a dash', () => {
    assert.throws(
      () => signOnNodeCommand({ csrFile: '-rf' }),
      (e) => isLabError(e, 'recipe/bad-file-name'),
    );
  });
});

describe('daysFromSeconds and signedCertificateFile', () => {
  for (const [seconds, days] of [
    [600, 1],
    [86400, 1],
    [86401, 2],
    [604800, 7],
  ] as const) {
    it(`${seconds} s is ${days} day(s) for openssl`, () => assert.equal(daysFromSeconds(seconds), days));
  }
  it('names the certificate after the CSR', () => {
    assert.equal(signedCertificateFile('jane.csr'), 'jane.crt');
    assert.equal(signedCertificateFile('/tmp/x/bob.pem'), 'bob.crt');
  });
});

describe('csrObjectName', () => {
  for (const [user, name] of [
    ['jane', 'jane'],
    ['Jane Doe@example.com', 'jane-doe-example.com'],
    ['system:node:x', 'system-node-x'],
    ['...', 'user'],
    ['한글', 'user'],
    ['a..b', 'a.b'],
  ] as const) {
    it(`${JSON.stringify(user)} → ${name}`, () => assert.equal(csrObjectName(user), name));
  }
  it('keeps every label within 63 characters', () => {
    assert.ok(csrObjectName('x'.repeat(100)).length <= 63);
  });
  it('gives the file names of one user and a binding name', () => {
    assert.deepEqual(userFiles('jane'), {
      key: 'jane-key.pem',
      csr: 'jane.csr',
      manifest: 'jane-csr.yaml',
      certificate: 'jane.crt',
      kubeconfig: 'jane.kubeconfig',
    });
    assert.equal(bindingName('developers', 'view'), 'developers-view');
  });
});

describe('lesson 6 nginx lab', () => {
  it('serves apiserver.crt as kubernetes and trusts ca.crt for clients', () => {
    const conf = apiserverNginxConfig();
    assert.match(conf, /server_name kubernetes;/);
    assert.match(conf, /ssl_certificate {5}\/etc\/nginx\/conf\.d\/apiserver\.crt;/);
    assert.match(conf, /ssl_client_certificate \/etc\/nginx\/conf\.d\/ca\.crt;/);
    assert.match(conf, /ssl_verify_client {6}on;/);
  });
  it('calls localhost once (refused) and kubernetes otherwise', () => {
    const urls = apiserverExperiments().map((e) => e.args.at(-1));
    assert.deepEqual(urls, [
      'https://localhost:8443/',
      'https://kubernetes:8443/',
      'https://kubernetes:8443/',
    ]);
  });
  it('adds and removes exactly one hosts line', () => {
    assert.equal(
      hostsEntryCommand(),
      "grep -qx '127.0.0.1 kubernetes' /etc/hosts || echo '127.0.0.1 kubernetes' | sudo tee -a /etc/hosts\n",
    );
    assert.equal(hostsCleanupCommand(), "sudo sed -i '/^127\\.0\\.0\\.1 kubernetes$/d' /etc/hosts\n");
  });
  it('asks the real API server on 127.0.0.1 under the name kubernetes', () => {
    assert.match(
      realApiserverCommand(),
      /--resolve kubernetes:6443:127\.0\.0\.1 https:\/\/kubernetes:6443\/api/,
    );
  });
});

describe('lesson 7 commands', () => {
  it('writes a file with a quoted heredoc and refuses content that would end it', () => {
    assert.equal(writeFileCommand('a.yaml', 'x: $HOME\n'), "cat > a.yaml <<'EOF'\nx: $HOME\nEOF\n");
    assert.throws(
      () => writeFileCommand('a.yaml', 'EOF\n'),
      (e) => isLabError(e, 'recipe/heredoc-marker'),
    );
  });
  it('saves the CA from the current kubeconfig', () => {
    assert.equal(
      caFromKubeconfigCommand(),
      "kubectl config view --raw --minify -o jsonpath='{.clusters[0].cluster.certificate-authority-data}' | base64 -d > ca.crt\n",
    );
  });
  it('checks with curl, whoami and get pods, values quoted', () => {
    const [curl, whoami, pods] = userCheckCommands({
      server: 'https://192.0.2.10:6443/',
      certificateFile: 'jane.crt',
      keyFile: 'jane-key.pem',
      kubeconfigFile: 'jane.kubeconfig',
    });
    assert.equal(
      curl?.command,
      'curl --cacert ca.crt --cert jane.crt --key jane-key.pem https://192.0.2.10:6443/api',
    );
    assert.equal(whoami?.command, 'kubectl --kubeconfig jane.kubeconfig auth whoami');
    assert.equal(pods?.command, 'kubectl --kubeconfig jane.kubeconfig get pods -n kube-system');
  });
  it('refuses a server that is not https', () => {
    assert.throws(
      () =>
        userCheckCommands({
          server: 'http://x',
          certificateFile: 'a',
          keyFile: 'b',
          kubeconfigFile: 'c',
        }),
      (e) => isLabError(e, 'kubeconfig/server-not-https'),
    );
  });
  it('prints the Forbidden line kubectl prints', () => {
    assert.equal(
      forbiddenPodsMessage('jane'),
      'Error from server (Forbidden): pods is forbidden: User "jane" cannot list resource "pods" in API group "" in the namespace "kube-system"\n',
    );
  });
});
