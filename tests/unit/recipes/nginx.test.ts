import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  dockerRunCommand,
  EXAMPLE_CLIENT_DN,
  experiment,
  experimentCommand,
  experimentsOf,
  NGINX_EXPERIMENTS,
  NGINX_LAB_STEPS,
  nginxConfig,
  nginxErrorPage,
  nginxLabScript,
  otherClientCommands,
  scriptReport,
  withClientDn,
  writeDefaultConfCommand,
} from '../../../src/recipes/nginx/index.ts';

/** The non-comment directives of an nginx config, one per entry, whitespace collapsed. */
function directives(conf: string): string[] {
  return conf
    .split('\n')
    .map((l) => l.replace(/#.*$/, '').trim().replace(/\s+/g, ' '))
    .filter((l) => l !== '');
}

/** Lines that continue with a backslash must end with it: no comment or space after (FACTS §9b). */
function continuationProblems(text: string): string[] {
  return text.split('\n').filter((l) => /\\\s+$/.test(l) || /\\\s*#/.test(l));
}

describe('nginxConfig', () => {
  test('lesson 4 serves TLS with the mounted server.pem and server-key.pem and asks for no client certificate', () => {
    const d = directives(nginxConfig({ step: 'https' }));
    assert.ok(d.includes('listen 443 ssl;'));
    assert.ok(d.includes('server_name localhost;'));
    assert.ok(d.includes('ssl_certificate /etc/nginx/conf.d/server.pem;'));
    assert.ok(d.includes('ssl_certificate_key /etc/nginx/conf.d/server-key.pem;'));
    assert.ok(d.includes('error_log /var/log/nginx/error.log info;'));
    assert.ok(d.includes('server_tokens off;'));
    assert.ok(d.includes('return 200 "hello over HTTPS\\n";'));
    assert.ok(!d.some((l) => l.startsWith('ssl_verify_client') || l.startsWith('ssl_client_certificate')));
  });

  test('lesson 5 adds ssl_verify_client on and trusts only rootCA.pem for clients', () => {
    const d = directives(nginxConfig({ step: 'mtls' }));
    assert.ok(d.includes('ssl_verify_client on;'));
    assert.ok(d.includes('ssl_client_certificate /etc/nginx/conf.d/rootCA.pem;'));
    assert.ok(d.includes('ssl_certificate /etc/nginx/conf.d/server.pem;'));
    assert.ok(d.includes('return 200 "hello, $ssl_client_s_dn\\nssl_client_verify: $ssl_client_verify\\n";'));
    // Depth 1 (nginx's default) is right for rootCA -> client; the config explains it in a comment.
    assert.ok(!d.some((l) => l.startsWith('ssl_verify_depth')));
    assert.match(nginxConfig({ step: 'mtls' }), /# ssl_verify_depth is 1 by default/);
  });

  test('takes the folder, listen address, log and server name it is given', () => {
    const d = directives(
      nginxConfig({
        step: 'mtls',
        certDir: 'conf.d',
        listen: '127.0.0.1:18443',
        errorLog: 'error.log',
        serverName: 'lab',
      }),
    );
    assert.ok(d.includes('listen 127.0.0.1:18443 ssl;'));
    assert.ok(d.includes('server_name lab;'));
    assert.ok(d.includes('ssl_certificate_key conf.d/server-key.pem;'));
    assert.ok(d.includes('ssl_client_certificate conf.d/rootCA.pem;'));
    assert.ok(d.includes('error_log error.log info;'));
  });

  test('balances its braces and ends every directive with a semicolon', () => {
    for (const step of NGINX_LAB_STEPS) {
      const d = directives(nginxConfig({ step }));
      const opens = d.filter((l) => l.endsWith('{')).length;
      const closes = d.filter((l) => l === '}').length;
      assert.equal(opens, closes, step);
      for (const l of d) assert.ok(l.endsWith(';') || l.endsWith('{') || l === '}', `${step}: ${l}`);
    }
  });
});

describe('docker commands', () => {
  test('writes default.conf with a quoted heredoc whose body is the config', () => {
    for (const step of NGINX_LAB_STEPS) {
      const command = writeDefaultConfCommand({ step });
      assert.ok(command.startsWith("cat > default.conf <<'EOF'\n"));
      assert.ok(command.endsWith('\nEOF\n'));
      assert.equal(
        command.slice("cat > default.conf <<'EOF'\n".length, -'EOF\n'.length),
        nginxConfig({ step }),
      );
    }
  });

  test('publishes nginx on 127.0.0.1 only and mounts the folder read-only as conf.d', () => {
    const command = dockerRunCommand();
    assert.match(command, /-p 127\.0\.0\.1:8443:443 /);
    assert.match(command, / -v "\$PWD":\/etc\/nginx\/conf\.d:ro /);
    assert.match(command, /--name kube-auth-lab-nginx /);
    assert.match(command, /\n {2}nginx\n$/);
    assert.match(
      dockerRunCommand({ port: 9443, image: 'nginx:1.27' }),
      /127\.0\.0\.1:9443:443[\s\S]*nginx:1\.27\n$/,
    );
    assert.deepEqual(continuationProblems(command), []);
  });
});

describe('experiments', () => {
  test('have unique ids, and lesson 4 has four and lesson 5 five', () => {
    const ids = NGINX_EXPERIMENTS.map((e) => e.id);
    assert.equal(new Set(ids).size, ids.length);
    assert.equal(experimentsOf('https').length, 4);
    assert.equal(experimentsOf('mtls').length, 5);
    assert.throws(() => experiment('nope'), /no nginx experiment 'nope'/);
  });

  test('print the commands the lessons teach, on localhost:8443 by default', () => {
    const table: [string, string][] = [
      ['plain-http', 'curl -sS http://localhost:8443/'],
      ['no-ca', 'curl -sS https://localhost:8443/'],
      ['insecure', 'curl -sS -k https://localhost:8443/'],
      ['cacert', 'curl -sS --cacert rootCA.pem https://localhost:8443/'],
      ['no-client-cert', 'curl -sS --cacert rootCA.pem https://localhost:8443/'],
      [
        'client-cert',
        'curl -sS --cacert rootCA.pem --cert client.pem --key client-key.pem https://localhost:8443/',
      ],
      ['cert-without-key', 'curl -sS --cacert rootCA.pem --cert client.pem https://localhost:8443/'],
      [
        'other-ca',
        'curl -sS --cacert rootCA.pem --cert other-client.pem --key other-client-key.pem https://localhost:8443/',
      ],
      [
        'server-cert-as-client',
        'curl -sS --cacert rootCA.pem --cert server.pem --key server-key.pem https://localhost:8443/',
      ],
    ];
    for (const [id, command] of table) assert.equal(experimentCommand(experiment(id)), command, id);
    assert.equal(
      experimentCommand(experiment('cacert'), { port: 18443 }),
      'curl -sS --cacert rootCA.pem https://localhost:18443/',
    );
  });

  test('expect exactly what their output shows', () => {
    for (const e of NGINX_EXPERIMENTS) {
      const output = withClientDn(e.output);
      const expected = withClientDn(e.expected);
      const exit = /^curl exit (\d+)$/.exec(expected);
      const page = /^400 (.*)$/.exec(expected);
      const ok = /^200 (.*)$/.exec(expected);
      if (exit) assert.ok(output.startsWith(`curl: (${exit[1]}) `), e.id);
      else if (page) assert.equal(output, nginxErrorPage(page[1]!), e.id);
      else if (ok) assert.equal(output.split('\n')[0], ok[1], e.id);
      else assert.fail(`${e.id}: expected '${expected}' has no known form`);
    }
  });

  test('fill in the client subject, by default the lessons’ example', () => {
    assert.equal(withClientDn(experiment('client-cert').expected), `200 hello, ${EXAMPLE_CLIENT_DN}`);
    assert.equal(withClientDn(experiment('client-cert').expected, 'O=x,CN=y'), '200 hello, O=x,CN=y');
  });

  test('show nginx 1.22’s error page titles for 495, 496 and 497', () => {
    assert.equal(experiment('plain-http').expected, '400 The plain HTTP request was sent to HTTPS port');
    assert.equal(experiment('no-client-cert').expected, '400 No required SSL certificate was sent');
    assert.equal(experiment('other-ca').expected, '400 The SSL certificate error');
    assert.equal(experiment('server-cert-as-client').expected, '400 The SSL certificate error');
  });
});

describe('nginxLabScript', () => {
  const script = nginxLabScript();

  test('is a bash script that stops at the first error', () => {
    assert.ok(script.startsWith('#!/usr/bin/env bash\n'));
    assert.match(script, /^set -euo pipefail$/m);
  });

  test('writes, for docker, exactly the default.conf the lessons show', () => {
    // Expand the script's unquoted heredocs (only write_default_conf has them) as bash would,
    // with the values the script passes for docker.
    const docker: Record<string, string> = {
      cert_dir: '/etc/nginx/conf.d',
      listen: '443',
      error_log: '/var/log/nginx/error.log',
    };
    const bodies = [...script.matchAll(/cat <<EOF\n([\s\S]*?)^EOF$/gm)].map((m) =>
      m[1]!
        .replace(/\$\{(\w+)\}/g, (_, name: string) => docker[name] ?? `<unknown ${name}>`)
        .replaceAll('\\$', '$'),
    );
    assert.deepEqual(bodies, [nginxConfig({ step: 'https' }), nginxConfig({ step: 'mtls' })]);
  });

  test('runs every experiment, with its expected outcome', () => {
    for (const e of NGINX_EXPERIMENTS) {
      assert.match(script, new RegExp(`^ {2}experiment ${e.id} \\\\$`, 'm'), e.id);
      const expected = e.expected.replace('{client_dn}', '$client_dn');
      assert.ok(script.includes(`'${expected}'`) || script.includes(`"${expected}"`), e.id);
    }
    assert.match(script, /^ {2}experiment client-cert \\\n.*\n {4}"200 hello, \$client_dn" \\$/m);
  });

  test('makes the other CA’s client certificate with the commands lesson 5 prints', () => {
    for (const line of otherClientCommands().trimEnd().split('\n'))
      assert.ok(script.includes(`  ${line}\n`), line);
  });

  test('has a local mode that listens on 127.0.0.1 only and a docker mode that publishes on it only', () => {
    assert.match(script, /write_default_conf "\$1" conf\.d "127\.0\.0\.1:\$port" error\.log/);
    assert.match(script, /docker run -d --name "\$container" -p "127\.0\.0\.1:\$port:443"/);
    assert.match(script, /^\s+--local\) mode=local ;;$/m);
  });

  test('never puts a comment or a space after a line-continuation backslash', () => {
    assert.deepEqual(continuationProblems(script), []);
    assert.deepEqual(continuationProblems(otherClientCommands()), []);
  });

  test('describes its output faithfully in scriptReport', () => {
    const report = scriptReport(experiment('client-cert'), { port: 18443 });
    assert.equal(
      report,
      [
        '[PASS] client-cert: your client certificate and its key',
        '  $ curl -sS --cacert rootCA.pem --cert client.pem --key client-key.pem https://localhost:18443/',
        `  | hello, ${EXAMPLE_CLIENT_DN}`,
        '  | ssl_client_verify: SUCCESS',
        `  expected: 200 hello, ${EXAMPLE_CLIENT_DN}`,
        `  seen:     200 hello, ${EXAMPLE_CLIENT_DN}`,
        '',
      ].join('\n'),
    );
    assert.match(
      scriptReport(experiment('other-ca')),
      /\n {2}nginx log: client SSL certificate verify error: \(21:/,
    );
  });
});
