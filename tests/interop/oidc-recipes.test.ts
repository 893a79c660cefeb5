// The part-3 recipes, judged by real tools: the --oidc-* flags and the AuthenticationConfiguration the
// engine writes, field by field against FACTS-2-5 §2.1/§2.4 (names, defaults, the apiVersion by
// release); the kubeadm manifest diff applied by GNU patch and read back by a YAML parser (the colon
// prefix stays one string); the kind config; the kubeconfig entries kubectl itself writes; and
// oidc-issuer.sh under shellcheck, in Korean with the same commands, and its refusals.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import { generateKeyPair, isLabError } from '../../src/pki/index.ts';
import { labScript } from '../../src/recipes/lab-scripts.ts';
import {
  authenticationConfigYaml,
  idTokenKubeconfigCommands,
  kubeloginCommands,
  oidcKindConfig,
  oidcManifestPatch,
} from '../../src/recipes/oidc/index.ts';
import { KUBEADM_KUBE_APISERVER_MANIFEST } from '../../src/recipes/tokens/index.ts';
import { buildOidcIssuer, type OidcFlags, oidcFlagList } from '../../src/tokens/index.ts';
import { writeLocalhostCertificates } from '../support/lab-certs.ts';
import { labScriptFile } from '../support/lab-script-file.ts';
import { freePort } from '../support/net.ts';
import { shellcheck } from '../support/shellcheck.ts';
import { hasTool, inCI } from '../support/tools.ts';
import { readBash } from '../unit/recipes/bash-text.ts';

const tools = ['patch', 'kubectl', 'shellcheck', 'bash', 'openssl', 'curl'];
const missing = tools.filter((t) => !hasTool(t));
if (missing.length && inCI) throw new Error(`CI=true and the OIDC recipe tests need ${missing.join(', ')}`);

const ISSUER = 'https://oidc.lab.example:9443';
const choices: OidcFlags = {
  issuerUrl: ISSUER,
  clientId: 'kubernetes',
  caFile: '/etc/kubernetes/pki/oidc-ca.crt',
  usernameClaim: 'email',
  usernamePrefix: 'oidc:',
  groupsClaim: 'groups',
  groupsPrefix: 'oidc:',
  signingAlgs: ['RS256', 'ES256'],
  requiredClaims: { hd: 'example.com' },
};
const CA = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';
/** kube-apiserver's --oidc-* flags (FACTS-2-5 §2.1, from AddFlags). */
const KUBE_APISERVER_OIDC_FLAGS = [
  'oidc-ca-file',
  'oidc-client-id',
  'oidc-groups-claim',
  'oidc-groups-prefix',
  'oidc-issuer-url',
  'oidc-required-claim',
  'oidc-signing-algs',
  'oidc-username-claim',
  'oidc-username-prefix',
];

/** The command list of the kube-apiserver container in a manifest, as kubelet's YAML reader sees it. */
const commandOf = (manifest: string): unknown[] => parse(manifest).spec.containers[0].command;

describe('the --oidc-* flags and the file, field by field', {
  skip: missing.length ? `needs ${missing.join(', ')}` : false,
}, () => {
  it('uses only kube-apiserver’s flag names, each once except --oidc-required-claim', () => {
    const flags = oidcFlagList({ ...choices, requiredClaims: { hd: 'example.com', tenant: 'a' } });
    for (const f of flags) assert.ok(KUBE_APISERVER_OIDC_FLAGS.includes(f.name), f.name);
    assert.deepEqual(
      flags.filter((f) => f.name === 'oidc-required-claim').map((f) => f.value),
      ['hd=example.com', 'tenant=a'],
    );
    assert.deepEqual([...new Set(flags.map((f) => f.name))].sort(), KUBE_APISERVER_OIDC_FLAGS);
  });
  for (const [version, apiVersion] of [
    ['1.29', 'apiserver.config.k8s.io/v1alpha1'],
    ['1.30', 'apiserver.config.k8s.io/v1beta1'],
    ['1.33', 'apiserver.config.k8s.io/v1beta1'],
    ['1.34', 'apiserver.config.k8s.io/v1'],
    ['1.36', 'apiserver.config.k8s.io/v1'],
  ] as const) {
    it(`writes the same choices as a ${apiVersion} file for Kubernetes ${version}`, () => {
      const doc = parse(authenticationConfigYaml({ flags: choices, caPem: CA, version }));
      assert.deepEqual(doc, {
        apiVersion,
        kind: 'AuthenticationConfiguration',
        jwt: [
          {
            issuer: { url: ISSUER, audiences: ['kubernetes'], certificateAuthority: CA },
            claimMappings: {
              username: { claim: 'email', prefix: 'oidc:' },
              groups: { claim: 'groups', prefix: 'oidc:' },
            },
            claimValidationRules: [{ claim: 'hd', requiredValue: 'example.com' }],
          },
        ],
      });
    });
  }
  it('writes the issuer# prefix out in the file, which has no default', () => {
    const doc = parse(
      authenticationConfigYaml({ flags: { issuerUrl: ISSUER, clientId: 'k' }, version: '1.34' }),
    );
    assert.deepEqual(doc.jwt[0].claimMappings.username, { claim: 'sub', prefix: `${ISSUER}#` });
  });
  it('refuses the file for 1.28', () => {
    assert.throws(
      () => authenticationConfigYaml({ flags: choices, version: '1.28' }),
      (e) => isLabError(e, 'oidc-config/unsupported-version'),
    );
  });
});

describe('the kube-apiserver manifest, changed both ways', {
  skip: missing.length ? `needs ${missing.join(', ')}` : false,
}, () => {
  it('with the flags: GNU patch applies the diff, and the colon prefix reads back as one flag', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kal-oidc-patch-'));
    try {
      const patch = oidcManifestPatch({ way: 'flags', flags: choices, version: '1.34' });
      writeFileSync(join(dir, 'kube-apiserver.yaml'), KUBEADM_KUBE_APISERVER_MANIFEST);
      writeFileSync(join(dir, 'change.diff'), patch.diff);
      execFileSync('patch', ['--quiet', 'kube-apiserver.yaml', 'change.diff'], { cwd: dir });
      assert.equal(readFileSync(join(dir, 'kube-apiserver.yaml'), 'utf8'), patch.manifest);
      const command = commandOf(patch.manifest);
      assert.ok(
        command.every((c) => typeof c === 'string'),
        JSON.stringify(command),
      );
      for (const f of oidcFlagList(choices)) assert.ok(command.includes(`--${f.name}=${f.value}`), f.name);
      assert.match(patch.manifest, /- "--oidc-username-prefix=oidc:"\n/);
      // The CA is under /etc/kubernetes/pki, which kubeadm mounts already: no new volume.
      assert.ok(!patch.diff.includes('hostPath:\n'), patch.diff);
      // Without the quotes YAML makes the item a map, which kubelet refuses (kubernetes#97741).
      const unquoted = patch.manifest.replace(
        '- "--oidc-username-prefix=oidc:"',
        '- --oidc-username-prefix=oidc:',
      );
      assert.ok(commandOf(unquoted).some((c) => typeof c === 'object'));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
  it('with the file: --authentication-config, and the file mounted read-only at the same path', () => {
    const patch = oidcManifestPatch({ way: 'file', flags: choices, version: '1.34' });
    const pod = parse(patch.manifest).spec;
    assert.ok(
      pod.containers[0].command.includes(
        '--authentication-config=/etc/kubernetes/authentication-config.yaml',
      ),
    );
    assert.ok(!pod.containers[0].command.some((c: string) => c.startsWith('--oidc-')));
    assert.deepEqual(
      pod.containers[0].volumeMounts.find((m: { name: string }) => m.name === 'authentication-config'),
      {
        mountPath: '/etc/kubernetes/authentication-config.yaml',
        name: 'authentication-config',
        readOnly: true,
      },
    );
    assert.deepEqual(
      pod.volumes.find((v: { name: string }) => v.name === 'authentication-config'),
      {
        hostPath: { path: '/etc/kubernetes/authentication-config.yaml', type: 'File' },
        name: 'authentication-config',
      },
    );
    const alpha = commandOf(oidcManifestPatch({ way: 'file', flags: choices, version: '1.29' }).manifest);
    assert.ok(alpha.includes('--feature-gates=StructuredAuthenticationConfiguration=true'));
  });
  it('as a kind config: the flags as kubeadm extraArgs, the file as extraMount and extraVolume', () => {
    const flags = parse(
      oidcKindConfig({ way: 'flags', flags: { ...choices, requiredClaims: {} }, version: '1.34' }),
    );
    const patch = parse(flags.nodes[0].kubeadmConfigPatches[0]);
    assert.equal(patch.apiServer.extraArgs['oidc-username-prefix'], 'oidc:');
    assert.equal(patch.apiServer.extraArgs['oidc-issuer-url'], ISSUER);
    const file = parse(
      oidcKindConfig({ way: 'file', flags: choices, version: '1.34' }, { kubeadmApi: 'v1beta4' }),
    );
    assert.deepEqual(file.nodes[0].extraMounts, [
      {
        hostPath: './authentication-config.yaml',
        containerPath: '/etc/kubernetes/authentication-config.yaml',
        readOnly: true,
      },
    ]);
    const filePatch = parse(file.nodes[0].kubeadmConfigPatches[0]);
    assert.deepEqual(filePatch.apiServer.extraArgs, [
      { name: 'authentication-config', value: '/etc/kubernetes/authentication-config.yaml' },
    ]);
  });
});

describe('the kubeconfig entries, written by kubectl', {
  skip: missing.length ? `needs ${missing.join(', ')}` : false,
}, () => {
  const run = (commands: { command: string }[], kubeconfig: string) => {
    const r = spawnSync('bash', ['-euc', commands.map((c) => c.command).join('\n')], {
      encoding: 'utf8',
      env: { ...process.env, KUBECONFIG: kubeconfig },
    });
    return r;
  };
  it('kubelogin: an exec entry with the v1 API, interactiveMode Never and the plugin’s flags', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kal-oidc-kc-'));
    try {
      const kc = join(dir, 'config');
      writeFileSync(kc, 'apiVersion: v1\nkind: Config\n');
      const cmds = kubeloginCommands({
        userName: 'oidc',
        issuerUrl: ISSUER,
        clientId: 'kubernetes',
        clientSecret: 's3cret',
        extraScopes: ['email', 'groups'],
        idpCaFile: 'rootCA.pem',
      });
      const r = run(cmds.slice(0, 1), kc);
      assert.equal(r.status, 0, r.stderr);
      const user = parse(readFileSync(kc, 'utf8')).users.find(
        (u: { name: string }) => u.name === 'oidc',
      ).user;
      assert.deepEqual(user.exec, {
        apiVersion: 'client.authentication.k8s.io/v1',
        command: 'kubectl',
        args: [
          'oidc-login',
          'get-token',
          `--oidc-issuer-url=${ISSUER}`,
          '--oidc-client-id=kubernetes',
          '--oidc-client-secret=s3cret',
          '--oidc-extra-scope=email',
          '--oidc-extra-scope=groups',
          '--certificate-authority=rootCA.pem',
        ],
        env: null,
        interactiveMode: 'Never',
        provideClusterInfo: false,
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
  it('the lab: the ID token as the user’s token', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kal-oidc-kc-'));
    try {
      const kc = join(dir, 'config');
      writeFileSync(kc, 'apiVersion: v1\nkind: Config\n');
      writeFileSync(join(dir, 'rootCA.pem'), CA);
      const cmds = idTokenKubeconfigCommands({
        server: 'https://127.0.0.1:6443',
        caFile: join(dir, 'rootCA.pem'),
        token: 'eyJ.a.b',
        userName: 'alice',
      });
      const r = run(
        cmds.filter((c) => c.step !== 'kubectl.whoami'),
        kc,
      );
      assert.equal(r.status, 0, r.stderr);
      assert.equal(parse(readFileSync(kc, 'utf8')).users[0].user.token, 'eyJ.a.b');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

async function issuerFolder(issuerUrl: string): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'kal-oidc-sh-'));
  await writeLocalhostCertificates(dir, { caSubject: { commonName: 'Lab CA' }, validityDays: 2 });
  const key = await generateKeyPair('ECDSA-P256');
  const issuer = await buildOidcIssuer({ issuerUrl, publicKey: key.publicKey });
  writeFileSync(join(dir, 'openid-configuration.json'), issuer.files[0]!.text);
  writeFileSync(join(dir, 'jwks.json'), issuer.files[1]!.text);
  return dir;
}

describe('oidc-issuer.sh', { skip: missing.length ? `needs ${missing.join(', ')}` : false }, () => {
  for (const lang of ['en', 'ko'] as const) {
    it(`passes shellcheck (${lang})`, () => {
      const r = shellcheck(labScript('oidc-issuer.sh', lang));
      assert.equal(r.status, 0, r.output);
    });
  }
  it('runs the same commands in Korean, with Korean comments and messages', () => {
    const en = readBash(labScript('oidc-issuer.sh', 'en'));
    const ko = readBash(labScript('oidc-issuer.sh', 'ko'));
    assert.deepEqual(ko.skeleton, en.skeleton);
    assert.notDeepEqual(ko.comments, en.comments);
    assert.ok(ko.quoted.some((q) => /[가-힣]/.test(q)));
  });
  for (const lang of ['en', 'ko'] as const) {
    it(`serves a trailing-slash issuer under a path with nginx --local and checks it (${lang})`, async (t) => {
      if (!hasTool('nginx') && !hasTool('/usr/sbin/nginx')) return t.skip('no nginx');
      const port = await freePort();
      const dir = await issuerFolder(`https://localhost:${port}/tenant/`);
      try {
        const r = spawnSync('bash', [labScriptFile('oidc-issuer.sh', lang), '--local', '--check'], {
          cwd: dir,
          encoding: 'utf8',
          timeout: 30_000,
        });
        assert.equal(r.status, 0, r.stdout + r.stderr);
        assert.ok(
          r.stdout.includes(
            `[PASS] https://localhost:${port}/tenant/.well-known/openid-configuration: issuer https://localhost:${port}/tenant/\n`,
          ),
          r.stdout,
        );
        assert.ok(r.stdout.includes(`[PASS] https://localhost:${port}/tenant/openid/v1/jwks:`), r.stdout);
        assert.match(
          r.stdout,
          lang === 'ko' ? /PASS: kube-apiserver가 이 issuer를/ : /PASS: kube-apiserver can fetch/,
        );
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
    it(`in docker mode without a daemon, says so and points to --local (${lang})`, async () => {
      const dir = await issuerFolder('https://localhost:9443');
      try {
        const bin = join(dir, 'bin');
        mkdirSync(bin);
        writeFileSync(
          join(bin, 'docker'),
          '#!/bin/sh\necho "Cannot connect to the Docker daemon at unix:///var/run/docker.sock." >&2\nexit 1\n',
        );
        chmodSync(join(bin, 'docker'), 0o755);
        const r = spawnSync('bash', [labScriptFile('oidc-issuer.sh', lang), '--check'], {
          cwd: dir,
          encoding: 'utf8',
          env: { ...process.env, PATH: `${bin}:${process.env.PATH}` },
        });
        assert.equal(r.status, 2, r.stdout + r.stderr);
        assert.match(r.stderr, /Cannot connect to the Docker daemon/);
        assert.match(r.stderr, /--local/);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
    it(`refuses, with exit 2 and the file named, a folder without the issuer files (${lang})`, () => {
      const dir = mkdtempSync(join(tmpdir(), 'kal-oidc-sh-'));
      try {
        for (const f of ['rootCA.pem', 'server.pem', 'server-key.pem']) writeFileSync(join(dir, f), 'x\n');
        const r = spawnSync('bash', [labScriptFile('oidc-issuer.sh', lang), '--local', '--check'], {
          cwd: dir,
          encoding: 'utf8',
        });
        assert.equal(r.status, 2, r.stderr);
        assert.match(r.stderr, /openid-configuration\.json jwks\.json/);
        assert.match(r.stderr, lang === 'ko' ? /없는 파일/ : /missing in/);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  }
});
