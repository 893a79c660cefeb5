// Part 5, lessons 2 and 3 as printed: with the lessons' inputs (part 1's jane in developers, her
// client.pem from rootCA.pem, the builder's front-proxy CA and proxy certificate, the site's
// default.conf both ways), real nginx in front of the kube-apiserver stand-in, and every command a
// page tags with {/* check: <setup> */} run as printed (ports swapped for the test's) must print
// exactly the block that follows it on the page, English and Korean. The setups: `proxy` (the
// site's config), `pitfall` (the client's headers passed), `apiserver` (straight to the stand-in
// with kubeadm's allowed names), `open` (straight to a stand-in with empty allowed names), and
// `script` (proxy-lab.sh --local in the folder). Besides: `nginx -t` accepts every config the
// builder can make, and the builder's preview (upstreamHeaders, apiServerPreview) predicts what
// the stand-in answers behind real nginx, a client-CA certificate is not taken as a proxy.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { type BuilderInputs, builderTexts, DEFAULT_INPUTS } from '../../src/recipes/proxy/builder.ts';
import {
  apiServerPreview,
  proxyLabReport,
  upstreamHeaders,
  writeHtpasswd,
} from '../../src/recipes/proxy/index.ts';
import { KUBEADM_KUBE_APISERVER_MANIFEST } from '../../src/recipes/tokens/kubeadm-manifest.ts';
import { labScriptFile } from '../support/lab-script-file.ts';
import { freePort } from '../support/net.ts';
import {
  issueProxyLabCertificates,
  KUBEADM_REQUESTHEADER_FLAGS,
  nginxBin,
  nginxPrefix,
  runNginx,
  writeFiles,
} from '../support/proxy-nginx.ts';
import { type Standin, startStandin } from '../support/standin.ts';
import { hasTool } from '../support/tools.ts';

const missing = ['go', 'kubectl', 'curl', 'openssl', 'bash'].filter((t) => !hasTool(t));
if (!hasTool(nginxBin)) missing.push('nginx');
if (missing.length) throw new Error(`the part 5 lesson tests need ${missing.join(', ')}`);

const PAGES = [
  '01-the-request-header-authenticator',
  '02-lab-nginx-as-an-authenticating-proxy',
  '03-the-pitfalls',
] as const;
const page = (name: string, lang: 'en' | 'ko') =>
  readFileSync(
    new URL(`../../content/${lang === 'ko' ? 'ko/' : ''}proxy/${name}.mdx`, import.meta.url),
    'utf8',
  );
/** The tagged commands of a page with the block after each: [setup, command, output]. */
const checks = (text: string) =>
  [...text.matchAll(/\{\/\* check: (\w+) \*\/\}\n\n```sh\n([\s\S]*?)^```\n\n```\n([\s\S]*?)^```$/gm)].map(
    (m) => [m[1]!, m[2]!, m[3]!] as const,
  );

describe('part 5 lessons 2 and 3: the commands print what the pages show, behind real nginx', () => {
  let dir = '';
  let folder = '';
  /** A folder laid out as kubeadm's /etc/kubernetes: its manifest (src/recipes) and a front-proxy pair from src/pki. */
  let kubeadm = '';
  let main: Standin;
  let open: Standin;
  const stops: (() => void)[] = [];
  const ports: Record<string, number> = {};
  const inputs = (p: Partial<BuilderInputs> = {}): BuilderInputs => ({
    ...DEFAULT_INPUTS,
    apiServer: 'https://127.0.0.1:6443',
    ...p,
  });
  const conf = (p: Partial<BuilderInputs> = {}) =>
    builderTexts(inputs({ ...p }), 'en').conf.replace('https://127.0.0.1:6443', main.url);
  const startNginx = async (text: string) => {
    const port = await freePort();
    // Paths and port rewritten as proxy-lab.sh --local does.
    const prefix = nginxPrefix(dir, (prefix) =>
      text
        .replaceAll('/etc/nginx/conf.d', folder)
        .replace(/listen [0-9.:]*8443 ssl;/, `listen 127.0.0.1:${port} ssl;`)
        .replace('error_log /var/log/nginx/error.log', `error_log ${prefix}/error.log`),
    );
    stops.push((await runNginx(prefix, port)).stop);
    return port;
  };
  /** Runs a page's command in the folder, in `setup`, and returns what it printed with the page's ports. */
  const run = (setup: string, command: string, lang: 'en' | 'ko') => {
    const target = setup === 'open' ? open.url : main.url;
    const apiPort = new URL(target).port;
    let cmd = command
      .replaceAll('127.0.0.1:6443', `127.0.0.1:${apiPort}`)
      .replaceAll('kubernetes:6443', `kubernetes:${apiPort}`)
      .replaceAll('localhost:8443', `localhost:${ports[setup] ?? 0}`);
    if (setup === 'kubeadm') cmd = cmd.replace(/^sudo /gm, '').replaceAll('/etc/kubernetes', kubeadm);
    if (setup === 'script') {
      cmd = cmd.replace(
        /^bash proxy-lab\.sh/m,
        `bash ${labScriptFile('proxy-lab.sh', lang)} --local --port ${ports.script}`,
      );
    }
    const r = spawnSync('bash', ['-c', cmd], { cwd: folder, encoding: 'utf8', timeout: 60_000 });
    return `${r.stdout}${r.stderr}`
      .replaceAll(`127.0.0.1:${apiPort}`, '127.0.0.1:6443')
      .replaceAll(`localhost:${ports[setup] ?? 0}`, 'localhost:8443');
  };

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kal-proxy-lesson-'));
    folder = join(dir, 'lab');
    spawnSync('mkdir', ['-p', folder]);
    const write = (name: string, text: string) => writeFileSync(join(folder, name), text);
    const { proxyCa, proxyClient, files } = await issueProxyLabCertificates({
      apiServerDnsNames: ['kubernetes', 'localhost'],
      caSubject: { commonName: 'Kube Auth Lab Root CA', organizations: ['Kube Auth Lab'] },
      serverIpAddresses: ['127.0.0.1'],
    });
    writeFiles(folder, files);
    const flags = {
      'requestheader-client-ca-file': join(folder, 'front-proxy-ca.pem'),
      ...KUBEADM_REQUESTHEADER_FLAGS,
    };
    const tls = { cert: join(folder, 'apiserver.pem'), key: join(folder, 'apiserver-key.pem') };
    main = await startStandin(dir, {
      ...tls,
      clientCa: join(folder, 'rootCA.pem'),
      requestHeaderFlags: flags,
    });
    open = await startStandin(dir, {
      ...tls,
      requestHeaderFlags: { ...flags, 'requestheader-allowed-names': '' },
    });
    kubeadm = join(dir, 'etc-kubernetes');
    spawnSync('mkdir', ['-p', join(kubeadm, 'manifests'), join(kubeadm, 'pki')]);
    writeFileSync(join(kubeadm, 'manifests', 'kube-apiserver.yaml'), KUBEADM_KUBE_APISERVER_MANIFEST);
    writeFileSync(join(kubeadm, 'pki', 'front-proxy-ca.crt'), proxyCa.certificatePem);
    writeFileSync(join(kubeadm, 'pki', 'front-proxy-client.crt'), proxyClient.certificatePem);
    write('default.conf', conf().replace(main.url, main.url));
    ports.proxy = await startNginx(conf());
    ports.pitfall = await startNginx(conf({ trust: true }));
    ports.script = await freePort();
  });
  after(() => {
    for (const stop of stops) stop();
    main?.stop();
    open?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const review = (port: number, credential: string[], headers: [string, string][]) => {
    const r = spawnSync(
      'curl',
      [
        '-s',
        '--cacert',
        join(folder, 'rootCA.pem'),
        ...credential,
        ...headers.flatMap(([n, v]) => ['-H', `${n}: ${v}`]),
        '-H',
        'Content-Type: application/json',
        '--data',
        '{"apiVersion":"authentication.k8s.io/v1","kind":"SelfSubjectReview"}',
        `https://localhost:${port}/apis/authentication.k8s.io/v1/selfsubjectreviews`,
      ],
      { encoding: 'utf8' },
    );
    return JSON.parse(r.stdout || '{}') as { status?: { userInfo?: unknown } };
  };
  const certificate = () => ['--cert', join(folder, 'client.pem'), '--key', join(folder, 'client-key.pem')];
  for (const mode of ['certificate', 'basic'] as const)
    for (const trust of [false, true])
      for (const groups of mode === 'basic' ? [['developers'], []] : [['developers']])
        it(`the builder's preview is what the stand-in answers behind real nginx: ${mode}, pitfall ${trust ? 'on' : 'off'}, ${groups.length} group(s)`, async () => {
          const i = inputs({ mode, trust, groups, password: 'lab pass' });
          if (mode === 'basic')
            writeFileSync(
              join(folder, 'htpasswd'),
              await writeHtpasswd([{ name: 'jane', password: 'lab pass' }]),
            );
          const port = await startNginx(conf(i));
          const spoof: [string, string][] = [
            ['X-Remote-User', 'spoofed-admin'],
            ['X-Remote-Group', 'system:masters'],
          ];
          const real = review(port, mode === 'basic' ? ['-u', 'jane:lab pass'] : certificate(), spoof);
          const predicted = await apiServerPreview({
            headers: upstreamHeaders(
              {
                mode,
                trustClientIdentity: trust,
                users: mode === 'basic' ? [{ name: 'jane', password: '', groups }] : [],
              },
              { user: 'jane', groups: mode === 'basic' ? groups : ['developers'] },
              spoof,
            ),
            peerCertificatePem: readFileSync(join(folder, 'front-proxy-client.pem'), 'utf8'),
            frontProxyCaPem: readFileSync(join(folder, 'front-proxy-ca.pem'), 'utf8'),
          });
          const { username, groups: g } = predicted.verdict.user!;
          assert.deepEqual(real.status?.userInfo, { username, groups: g });
          assert.equal(username, trust ? 'spoofed-admin' : 'jane');
        });

  for (const lang of ['en', 'ko'] as const)
    it(`proxy-lab.sh (${lang}) prints the report lesson 2 shows, with the answer it names`, () => {
      const text = page(PAGES[1], lang);
      const answer = /^export const answer =\n {2}'(.*)';$/m.exec(text)?.[1] ?? '';
      assert.match(
        text,
        new RegExp(
          `proxyLabReport\\(\\{ answer, spoofed: answer, believed: false \\}${lang === 'ko' ? ", 'ko'" : ''}\\)`,
        ),
      );
      assert.equal(
        run('script', 'bash proxy-lab.sh', lang),
        proxyLabReport({ answer, spoofed: answer, believed: false }, lang),
      );
    });

  for (const name of PAGES)
    for (const lang of ['en', 'ko'] as const)
      it(`${name} (${lang}): every checked command prints the block after it`, () => {
        const found = checks(page(name, lang));
        assert.ok(found.length > 0, 'the page tags no command');
        for (const [setup, command, output] of found) {
          if (process.env.PRINT) console.log(`--- ${setup}\n${command}\n>>>\n${run(setup, command, lang)}`);
          else assert.equal(run(setup, command, lang), output, `${setup}: ${command}`);
        }
      });
});
