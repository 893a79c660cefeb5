// The kube-apiserver changes of lessons 2.2-2.4, field by field, for every kind of setting the
// lessons use, on kubeadm's manifest and on a reader's own (another address and image, CRLF): the
// flags (names from FACTS-2-5 §1: --token-auth-file, --enable-bootstrap-token-auth,
// --service-account-issuer/-key-file/-signing-key-file, --api-audiences) with their values, a
// hostPath File volume and a read-only mount at the same path for every file outside the directories
// kubeadm mounts, nothing else in the Pod changed, the YAML read back by the `yaml` package, the
// change idempotent; the kind config with the same flags, mounts and volumes; the steps.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import { dictionary } from '../../../../src/i18n/index.ts';
import { isLabError } from '../../../../src/pki/index.ts';
import {
  type ApiServerTokenSettings,
  KUBEADM_KUBE_APISERVER_MANIFEST,
  kindChangeSteps,
  kindClusterConfig,
  kubeadmChangeSteps,
  patchReaderManifest,
} from '../../../../src/recipes/tokens/index.ts';

type Mount = { mountPath: string; name: string; readOnly?: boolean };
type Volume = { name: string; hostPath: { path: string; type: string } };
type Pod = {
  spec: { containers: { command: string[]; volumeMounts: Mount[] }[]; volumes: Volume[] };
} & Record<string, unknown>;

/** The flag names kube-apiserver has for these settings (FACTS-2-5 §1.1-1.3, §0). */
const FACTS_FLAGS = new Set([
  'token-auth-file',
  'enable-bootstrap-token-auth',
  'service-account-issuer',
  'service-account-key-file',
  'service-account-signing-key-file',
  'api-audiences',
]);

const WITHOUT_BOOTSTRAP = KUBEADM_KUBE_APISERVER_MANIFEST.replace(
  '    - --enable-bootstrap-token-auth=true\n',
  '',
);
const OWN = KUBEADM_KUBE_APISERVER_MANIFEST.replaceAll('192.0.2.10', '10.0.0.5')
  .replace('v1.32.4', 'v1.33.1')
  .replace(/\n/g, '\r\n');

interface Case {
  name: string;
  settings: ApiServerTokenSettings;
  /** The flags kube-apiserver must end up with, for the names the settings touch. */
  flags: string[];
  /** The new hostPath volumes (name → path). */
  volumes: [string, string][];
  /** The files kind brings from the laptop (node path). */
  kindFiles: string[];
}

export const CASES: Case[] = [
  {
    name: 'a token file outside /etc/kubernetes/pki',
    settings: { tokenAuthFile: '/etc/kubernetes/tokens.csv' },
    flags: ['--token-auth-file=/etc/kubernetes/tokens.csv'],
    volumes: [['token-auth-file', '/etc/kubernetes/tokens.csv']],
    kindFiles: ['/etc/kubernetes/tokens.csv'],
  },
  {
    name: 'a token file under /etc/kubernetes/pki (mounted already)',
    settings: { tokenAuthFile: '/etc/kubernetes/pki/tokens.csv' },
    flags: ['--token-auth-file=/etc/kubernetes/pki/tokens.csv'],
    volumes: [],
    kindFiles: ['/etc/kubernetes/pki/tokens.csv'],
  },
  {
    name: 'bootstrap tokens',
    settings: { enableBootstrapTokenAuth: true },
    flags: ['--enable-bootstrap-token-auth=true'],
    volumes: [],
    kindFiles: [],
  },
  {
    name: 'a second service-account public key next to kubeadm’s',
    settings: {
      serviceAccountIssuers: ['https://kubernetes.default.svc.cluster.local'],
      serviceAccountKeyFiles: ['/etc/kubernetes/pki/sa.pub', '/etc/kubernetes/pki/sa-extra.pub'],
      serviceAccountSigningKeyFile: '/etc/kubernetes/pki/sa.key',
    },
    flags: [
      '--service-account-issuer=https://kubernetes.default.svc.cluster.local',
      '--service-account-key-file=/etc/kubernetes/pki/sa.pub',
      '--service-account-key-file=/etc/kubernetes/pki/sa-extra.pub',
      '--service-account-signing-key-file=/etc/kubernetes/pki/sa.key',
    ],
    volumes: [],
    kindFiles: ['/etc/kubernetes/pki/sa-extra.pub'],
  },
  {
    name: 'a new issuer first, keys outside pki, audiences',
    settings: {
      serviceAccountIssuers: ['https://issuer.example', 'https://kubernetes.default.svc.cluster.local'],
      serviceAccountKeyFiles: ['/etc/kubernetes/pki/sa.pub', '/srv/keys/new.pub'],
      serviceAccountSigningKeyFile: '/srv/keys/new.key',
      apiAudiences: ['https://issuer.example', 'vault'],
    },
    flags: [
      '--api-audiences=https://issuer.example,vault',
      '--service-account-issuer=https://issuer.example',
      '--service-account-issuer=https://kubernetes.default.svc.cluster.local',
      '--service-account-key-file=/etc/kubernetes/pki/sa.pub',
      '--service-account-key-file=/srv/keys/new.pub',
      '--service-account-signing-key-file=/srv/keys/new.key',
    ],
    volumes: [
      ['sa-key', '/srv/keys/new.pub'],
      ['sa-signing-key', '/srv/keys/new.key'],
    ],
    kindFiles: ['/srv/keys/new.pub', '/srv/keys/new.key'],
  },
  {
    name: 'everything at once',
    settings: {
      tokenAuthFile: '/srv/auth/tokens.csv',
      enableBootstrapTokenAuth: true,
      serviceAccountKeyFiles: ['/srv/keys/a.pub', '/srv/keys/b.pub'],
    },
    flags: [
      '--enable-bootstrap-token-auth=true',
      '--service-account-key-file=/srv/keys/a.pub',
      '--service-account-key-file=/srv/keys/b.pub',
      '--token-auth-file=/srv/auth/tokens.csv',
    ],
    volumes: [
      ['sa-key', '/srv/keys/a.pub'],
      ['sa-key-2', '/srv/keys/b.pub'],
      ['token-auth-file', '/srv/auth/tokens.csv'],
    ],
    kindFiles: ['/srv/keys/a.pub', '/srv/keys/b.pub', '/srv/auth/tokens.csv'],
  },
];

const flagName = (f: string) => /^--([^=]+)=/.exec(f)?.[1] ?? '';

/** The Pod without what a change may touch: the command, the mounts and the volumes. */
function rest(pod: Pod) {
  const copy = structuredClone(pod);
  const c = copy.spec.containers[0] as Partial<Pod['spec']['containers'][0]>;
  delete c.command;
  delete c.volumeMounts;
  delete (copy.spec as Partial<Pod['spec']>).volumes;
  return copy;
}

for (const [manifestName, manifest] of [
  ['kubeadm’s manifest', KUBEADM_KUBE_APISERVER_MANIFEST],
  ['kubeadm’s manifest without --enable-bootstrap-token-auth', WITHOUT_BOOTSTRAP],
  ['a reader’s own manifest (another address and image, CRLF)', OWN],
] as const) {
  describe(`the kubeadm change on ${manifestName}`, () => {
    for (const c of CASES) {
      it(`${c.name}: sets exactly these flags, adds a File volume and a read-only mount per outside file, changes nothing else`, () => {
        const before = parse(manifest) as Pod;
        const { manifest: text, diff } = patchReaderManifest(c.settings, manifest);
        const after = parse(text) as Pod;
        const touched = new Set(c.flags.map(flagName));
        for (const name of touched) assert.ok(FACTS_FLAGS.has(name), `--${name} is not a flag FACTS names`);
        const [cmd0, ...flags] = after.spec.containers[0]!.command;
        assert.equal(cmd0, 'kube-apiserver');
        assert.deepEqual(
          flags.filter((f) => touched.has(flagName(f))),
          c.flags,
        );
        // The flags the change does not touch stay, in their order.
        assert.deepEqual(
          flags.filter((f) => !touched.has(flagName(f))),
          before.spec.containers[0]!.command.slice(1).filter((f) => !touched.has(flagName(f))),
        );
        // kubeadm's order: by flag name; a repeated flag keeps the order given (the first issuer signs).
        const names = flags.map(flagName);
        assert.deepEqual([...names].sort(), names, 'in kubeadm’s sorted order');
        const newMounts = after.spec.containers[0]!.volumeMounts.slice(
          before.spec.containers[0]!.volumeMounts.length,
        );
        assert.deepEqual(
          newMounts,
          c.volumes.map(([name, path]) => ({ mountPath: path, name, readOnly: true })),
        );
        assert.deepEqual(after.spec.volumes.slice(0, before.spec.volumes.length), before.spec.volumes);
        assert.deepEqual(
          after.spec.volumes.slice(before.spec.volumes.length),
          c.volumes.map(([name, path]) => ({ hostPath: { path, type: 'File' }, name })),
        );
        assert.deepEqual(rest(after), rest(before), 'nothing else in the Pod changed');
        // Every removed line is a flag the change replaces.
        for (const line of diff.split('\n').filter((l) => /^-[^-]/.test(l)))
          assert.ok(touched.has(flagName(line.slice(1).trim().replace(/^- /, ''))), line);
        // Applied twice, the second time changes nothing.
        const again = patchReaderManifest(c.settings, text);
        assert.equal(again.diff, '');
        assert.equal(again.manifest, text);
      });
    }
  });
}

describe('the kind config', () => {
  for (const c of CASES) {
    for (const api of ['v1beta3', 'v1beta4'] as const) {
      const repeated = new Set(c.flags.map(flagName)).size !== c.flags.length;
      it(`${c.name}, kubeadm ${api}: the same flags, a mount from the laptop per file (not kubeadm’s own), the same volumes`, () => {
        if (api === 'v1beta3' && repeated) {
          assert.throws(
            () => kindClusterConfig({ settings: c.settings, kubeadmApi: api }),
            (e) => isLabError(e, 'kind-config/repeated-flag') && e.details.field === 'kubeadmApi',
          );
          return;
        }
        const config = parse(kindClusterConfig({ settings: c.settings, kubeadmApi: api }));
        assert.equal(config.kind, 'Cluster');
        assert.equal(config.apiVersion, 'kind.x-k8s.io/v1alpha4');
        assert.equal(config.nodes.length, 1);
        const node = config.nodes[0];
        assert.equal(node.role, 'control-plane');
        assert.deepEqual(
          node.extraMounts ?? [],
          c.kindFiles.map((path) => ({
            hostPath: `./${path.split('/').at(-1)}`,
            containerPath: path,
            readOnly: true,
          })),
        );
        assert.equal(node.kubeadmConfigPatches.length, 1);
        const patch = parse(node.kubeadmConfigPatches[0]);
        assert.equal(patch.apiVersion, `kubeadm.k8s.io/${api}`);
        assert.equal(patch.kind, 'ClusterConfiguration');
        const args =
          api === 'v1beta3'
            ? Object.entries(patch.apiServer.extraArgs as Record<string, string>).map(
                ([n, v]) => `--${n}=${v}`,
              )
            : (patch.apiServer.extraArgs as { name: string; value: string }[]).map(
                (a) => `--${a.name}=${a.value}`,
              );
        assert.deepEqual(args, c.flags);
        assert.deepEqual(
          patch.apiServer.extraVolumes ?? [],
          c.volumes.map(([name, path]) => ({
            name,
            hostPath: path,
            mountPath: path,
            readOnly: true,
            pathType: 'File',
          })),
        );
        assert.deepEqual(
          Object.keys(patch.apiServer).sort(),
          c.volumes.length ? ['extraArgs', 'extraVolumes'] : ['extraArgs'],
        );
      });
    }
  }
});

describe('files another recipe adds (extraFiles, e.g. --authentication-config)', () => {
  const settings: ApiServerTokenSettings = {
    extraFlags: [{ name: 'authentication-config', value: '/etc/kubernetes/auth/authentication-config.yaml' }],
    extraFiles: [{ name: 'authentication-config', path: '/etc/kubernetes/auth/authentication-config.yaml' }],
  };
  it('are mounted like the others: kubeadm volume, kind extraMount and extraVolume, and a step that puts them in place', () => {
    const pod = parse(patchReaderManifest(settings).manifest) as Pod;
    assert.deepEqual(pod.spec.volumes.at(-1), {
      hostPath: { path: '/etc/kubernetes/auth/authentication-config.yaml', type: 'File' },
      name: 'authentication-config',
    });
    const node = parse(kindClusterConfig({ settings, kubeadmApi: 'v1beta4' })).nodes[0];
    assert.deepEqual(node.extraMounts, [
      {
        hostPath: './authentication-config.yaml',
        containerPath: '/etc/kubernetes/auth/authentication-config.yaml',
        readOnly: true,
      },
    ]);
    assert.equal(parse(node.kubeadmConfigPatches[0]).apiServer.extraVolumes[0].name, 'authentication-config');
    assert.ok(
      kubeadmChangeSteps({ settings })
        .map((s) => s.command)
        .includes(
          'sudo install -D -m 600 authentication-config.yaml /etc/kubernetes/auth/authentication-config.yaml',
        ),
    );
  });
});

describe('the steps around the change', () => {
  it('put each file the reader brings where its flag says, back up outside the manifests directory, and restore', () => {
    const c = CASES.at(-1)!;
    const steps = kubeadmChangeSteps({ settings: c.settings });
    const commands = steps.map((s) => s.command);
    assert.deepEqual(
      commands.slice(0, 3),
      c.kindFiles.map((p) => `sudo install -D -m 600 ${p.split('/').at(-1)} ${p}`),
    );
    assert.ok(
      commands.includes('sudo cp /etc/kubernetes/manifests/kube-apiserver.yaml ~/kube-apiserver.yaml.orig'),
    );
    assert.ok(commands.includes('sudoedit /etc/kubernetes/manifests/kube-apiserver.yaml'));
    assert.equal(
      commands.at(-1),
      'sudo cp ~/kube-apiserver.yaml.orig /etc/kubernetes/manifests/kube-apiserver.yaml',
    );
    const own = kubeadmChangeSteps({ settings: c.settings, ownManifest: true }).map((s) => s.command);
    assert.ok(own.includes('sudo cp kube-apiserver.yaml /etc/kubernetes/manifests/kube-apiserver.yaml'));
    assert.ok(!own.some((s) => s.startsWith('sudoedit')));
  });

  it('never ask the reader to bring kubeadm’s own sa.pub or sa.key', () => {
    const steps = kubeadmChangeSteps({ settings: CASES[3]!.settings }).map((s) => s.command);
    assert.deepEqual(
      steps.filter((s) => s.startsWith('sudo install')),
      ['sudo install -D -m 600 sa-extra.pub /etc/kubernetes/pki/sa-extra.pub'],
    );
  });

  it('on kind: check the files, make a new cluster from the config, and grep the flags kind’s kubeadm wrote', () => {
    const steps = kindChangeSteps({ settings: CASES[0]!.settings }).map((s) => s.command);
    assert.deepEqual(steps, [
      'ls -l tokens.csv kind-config.yaml',
      'kind create cluster --name kube-auth-lab --config kind-config.yaml',
      "docker exec kube-auth-lab-control-plane grep -E -e '--(token-auth-file)=' /etc/kubernetes/manifests/kube-apiserver.yaml",
    ]);
  });

  it('have a translated description with the same placeholders for every step, in both languages', () => {
    const steps = CASES.flatMap((c) => [
      ...kubeadmChangeSteps({ settings: c.settings }),
      ...kubeadmChangeSteps({ settings: c.settings, ownManifest: true }),
      ...kindChangeSteps({ settings: c.settings }),
    ]);
    for (const lang of ['en', 'ko'] as const) {
      const dict = dictionary(lang);
      for (const s of steps) {
        const text = dict[`recipeStep.${s.step}`];
        assert.ok(text, `${lang}: no text for ${s.step}`);
        for (const name of Object.keys(s.vars ?? {})) assert.match(text, new RegExp(`\\{${name}\\}`));
      }
    }
  });
});

describe('a pasted manifest the patch cannot use', () => {
  const settings = { tokenAuthFile: '/etc/kubernetes/tokens.csv' };
  it('is refused with the line when it is not YAML', () => {
    assert.throws(
      () => patchReaderManifest(settings, 'apiVersion: v1\nkind: Pod\nspec:\n  containers: [\n'),
      (e) =>
        isLabError(e, 'kubeadm-manifest/not-yaml') && e.details.line === 5 && e.details.field === 'manifest',
    );
  });

  it('is refused when it is not a kube-apiserver Pod', () => {
    for (const text of [
      'apiVersion: v1\nkind: ConfigMap\ndata:\n  a: b\n',
      KUBEADM_KUBE_APISERVER_MANIFEST.replace('kind: Pod', 'kind: Deployment'),
      KUBEADM_KUBE_APISERVER_MANIFEST.replace('    - kube-apiserver\n', '    - etcd\n'),
    ]) {
      assert.throws(
        () => patchReaderManifest(settings, text),
        (e) => isLabError(e, 'kubeadm-manifest/not-kube-apiserver'),
      );
    }
  });

  it('is refused when its layout would put the change where kube-apiserver does not read it', () => {
    // volumes: items indented deeper than kubeadm writes them: a line-based insert would break the list.
    const deeper = KUBEADM_KUBE_APISERVER_MANIFEST.replace(
      /\n {2}volumes:\n([\s\S]*?)status:/,
      (_m, body: string) => `\n  volumes:\n${body.replace(/^ {2}/gm, '    ')}status:`,
    );
    assert.ok(parse(deeper), 'the deeper layout is valid YAML');
    assert.throws(
      () => patchReaderManifest(settings, deeper),
      (e) => isLabError(e, 'kubeadm-manifest/cannot-patch') && e.details.field === 'manifest',
    );
  });

  it('uses kubeadm’s manifest when the box is blank', () => {
    assert.deepEqual(patchReaderManifest(settings, '  \n'), patchReaderManifest(settings));
  });
});
