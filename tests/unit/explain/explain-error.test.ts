import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  CATALOGUE,
  catalogueEntry,
  explainError,
  KO_ANCHORS,
  lessonHref,
} from '../../../src/explain/index.ts';

describe('the error catalogue', () => {
  test('has unique ids, and every wording is lower-case with a real sample and its source mark', () => {
    const ids = CATALOGUE.map((e) => e.id);
    assert.deepEqual([...new Set(ids)], ids);
    for (const entry of CATALOGUE) {
      for (const w of entry.wordings) {
        for (const f of w.all) assert.equal(f, f.toLowerCase(), `${entry.id}: ${f}`);
        assert.ok(w.sample.length > 0, entry.id);
        // The source mark: captured by a real run in tests/interop/troubleshooting-captured*.test.ts,
        // or where the sample was taken from.
        assert.ok(
          (w.captured === undefined) !== (w.from === undefined) && (w.captured ?? w.from)!.length > 5,
          `${entry.id}: ${w.sample} needs exactly one of captured or from`,
        );
      }
    }
  });

  test('every refinement names an entry that exists', () => {
    for (const id of ['anonymous-forbidden', 'no-kubeconfig']) assert.ok(catalogueEntry(id));
  });

  for (const entry of CATALOGUE) {
    for (const [i, wording] of entry.wordings.entries()) {
      test(`recognises ${entry.id} from the ${wording.source} wording #${i + 1}`, () => {
        const { matches } = explainError(wording.sample);
        const ids = matches.map((m) => m.id);
        // An entry with a refinement may answer with the more specific entry its captures select.
        const found = matches.find((m) => m.id === (entry.refine?.(m.captures) ?? entry.id));
        assert.ok(found, `${JSON.stringify(wording.sample)} gave ${ids.join(', ') || 'nothing'}`);
        assert.equal(found.source, wording.source);
        assert.equal(found.lineNumber, 1);
      });
    }
  }
});

describe('explaining errors', () => {
  test('extracts user, verb, resource and namespace from a 403', () => {
    const { matches } = explainError(
      'Error from server (Forbidden): pods is forbidden: User "jane" cannot list resource "pods" in API group "" in the namespace "dev"',
    );
    assert.equal(matches.length, 1);
    assert.equal(matches[0]!.id, 'forbidden');
    assert.equal(matches[0]!.layer, 'authz');
    assert.deepEqual(matches[0]!.captures, {
      user: 'jane',
      verb: 'list',
      resource: 'pods',
      namespace: 'dev',
    });
  });

  test('reads a cluster-scoped 403 with an API group', () => {
    const { matches } = explainError(
      'Error from server (Forbidden): clusterroles.rbac.authorization.k8s.io is forbidden: User "bob" cannot create resource "clusterroles" in API group "rbac.authorization.k8s.io" at the cluster scope',
    );
    assert.deepEqual(matches[0]!.captures, {
      user: 'bob',
      verb: 'create',
      resource: 'clusterroles',
      group: 'rbac.authorization.k8s.io',
    });
  });

  test('turns a 403 for system:anonymous into "no certificate reached the authenticator"', () => {
    const { matches } = explainError(
      '  "message": "forbidden: User \\"system:anonymous\\" cannot get path \\"/\\"",',
    );
    assert.equal(matches[0]!.id, 'anonymous-forbidden');
    assert.deepEqual(matches[0]!.captures, { user: 'system:anonymous', verb: 'get', path: '/' });
    const kubectl = explainError(
      'Error from server (Forbidden): namespaces is forbidden: User "system:anonymous" cannot list resource "namespaces" in API group "" at the cluster scope',
    );
    assert.equal(kubectl.matches[0]!.id, 'anonymous-forbidden');
    assert.equal(kubectl.matches[0]!.captures.user, 'system:anonymous');
  });

  test('tells an expired certificate from one that is not valid yet, with the times', () => {
    const expired = explainError(
      'Unable to connect to the server: tls: failed to verify certificate: x509: certificate has expired or is not yet valid: current time 2026-03-02T09:14:05Z is after 2026-03-01T08:00:00Z',
    );
    assert.deepEqual(
      expired.matches.map((m) => m.id),
      ['expired'],
    );
    assert.deepEqual(expired.matches[0]!.captures, {
      now: '2026-03-02T09:14:05Z',
      notAfter: '2026-03-01T08:00:00Z',
    });
    const early = explainError(
      'x509: certificate has expired or is not yet valid: current time 2026-03-02T09:14:05Z is before 2026-03-02T10:00:00Z',
    );
    assert.deepEqual(
      early.matches.map((m) => m.id),
      ['not-yet-valid'],
    );
  });

  test("reads curl's old and new host name texts and the host", () => {
    for (const text of [
      "curl: (60) SSL: no alternative certificate subject name matches target host name 'kube.lab'",
      "curl: (60) SSL: no alternative certificate subject name matches target hostname 'kube.lab'",
      "curl: (51) SSL: no alternative certificate subject name matches target host name 'kube.lab'",
      'x509: certificate is valid for kubernetes, kubernetes.default, not kube.lab',
      'x509: certificate is not valid for any names, but wanted to match kube.lab',
    ]) {
      const { matches } = explainError(text);
      assert.deepEqual(
        matches.map((m) => m.id),
        ['hostname-mismatch'],
        text,
      );
      assert.equal(matches[0]!.captures.host, 'kube.lab', text);
    }
    const ip = explainError(
      "curl: (60) SSL: no alternative certificate subject name matches target IPv4 address '10.0.0.7'",
    );
    assert.equal(ip.matches[0]!.captures.host, '10.0.0.7');
  });

  test('keeps the specific reason and drops the generic curl exit 60 on the same line', () => {
    const { matches } = explainError(
      [
        'curl: (60) SSL certificate problem: self-signed certificate in certificate chain',
        'More details here: https://curl.se/docs/sslcerts.html',
      ].join('\n'),
    );
    assert.deepEqual(
      matches.map((m) => m.id),
      ['self-signed-in-chain'],
    );
  });

  test('reads the API server log line: the certificate identifier and the Go reason both', () => {
    const { matches } = explainError(
      'E0302 09:14:05.123456       1 authentication.go:74] "Unable to authenticate the request" err="verifying certificate SN=5577006791947779410, SKID=, AKID=9C:1A failed: x509: certificate specifies an incompatible key usage"',
    );
    assert.deepEqual(
      matches.map((m) => m.id),
      ['unauthorized', 'apiserver-verify-failed', 'incompatible-usage'],
    );
    assert.deepEqual(matches[1]!.captures, { serial: '5577006791947779410', akid: '9C:1A' });
  });

  test('finds each error in a whole terminal transcript, with line numbers, ignoring colours', () => {
    const transcript = [
      '$ kubectl get pods',
      '\u001b[31merror: You must be logged in to the server (Unauthorized)\u001b[0m',
      '$ curl --cert client.pem https://localhost:8443/',
      "curl: (58) unable to set private key file: 'client.pem' type PEM",
      '$ curl http://localhost:8443/',
      '<html>',
      '<head><title>400 The plain HTTP request was sent to HTTPS port</title></head>',
    ].join('\r\n');
    const { matches } = explainError(transcript);
    assert.deepEqual(
      matches.map((m) => [m.id, m.lineNumber]),
      [
        ['unauthorized', 2],
        ['curl-key', 4],
        ['plain-http-to-https', 7],
      ],
    );
    assert.equal(matches[1]!.captures.file, 'client.pem');
    assert.equal(matches[0]!.line, 'error: You must be logged in to the server (Unauthorized)');
  });

  test('maps the kubectl default of localhost:8080 to "no kubeconfig"', () => {
    const { matches } = explainError(
      'The connection to the server localhost:8080 was refused - did you specify the right host or port?',
    );
    assert.equal(matches[0]!.id, 'no-kubeconfig');
  });

  test('reads the reason out of an nginx log line and explains that reason too', () => {
    const { matches } = explainError(
      '2026/03/02 09:14:05 [info] 29#29: *3 client SSL certificate verify error: (26:unsuitable certificate purpose) while reading client request headers',
    );
    assert.deepEqual(
      matches.map((m) => m.id),
      ['nginx-certificate-error', 'incompatible-usage'],
    );
    assert.deepEqual(matches[0]!.captures, { number: '26', reason: 'unsuitable certificate purpose' });
  });

  test('says "not recognised" for unknown text and offers the closest entries', () => {
    const r = explainError(
      'error: the server could not verify the client certificate authority for user jane',
    );
    assert.deepEqual(r.matches, []);
    assert.ok(r.candidates.length > 0 && r.candidates.length <= 3);
    assert.ok(r.candidates.every((c) => c.score > 0));
    const none = explainError('hello world');
    assert.deepEqual(none, { matches: [], candidates: [] });
    assert.deepEqual(explainError(''), { matches: [], candidates: [] });
  });

  // How fast it is, is measured by `npm run bench`, not asserted here: a time limit in a test fails on a
  // busy machine. A catastrophic (backtracking) pattern would take minutes on 5 MB, so the timeout
  // below still catches one.
  test('explains a 5 MB paste without a catastrophic pattern', { timeout: 15_000 }, () => {
    const line =
      'Jan 01 12:00:00 node kubelet[123]: I0101 some ordinary log line with a few words 0123456789\n';
    const big = `${line.repeat(Math.ceil((5 * 1024 * 1024) / line.length))}error: You must be logged in to the server (Unauthorized)\n`;
    const r = explainError(big);
    assert.equal(r.matches[0]!.id, 'unauthorized');
  });

  test('builds lesson links for both languages', () => {
    assert.equal(
      lessonHref({ page: '08-troubleshooting', anchor: 'check-a-chain' }),
      '/client-certificates/08-troubleshooting/#check-a-chain',
    );
    assert.equal(lessonHref({ page: '07-lab-new-user' }, 'ko'), '/ko/client-certificates/07-lab-new-user/');
    assert.equal(
      lessonHref({ page: '05-lab-mutual-tls', anchor: '1-no-client-certificate' }, 'ko'),
      '/ko/client-certificates/05-lab-mutual-tls/#1-클라이언트-인증서-없음',
    );
  });

  test('knows the Korean id of every section the catalogue links to, and nothing more', () => {
    const used = new Set(
      CATALOGUE.filter((e) => e.lesson.anchor).map((e) => `${e.lesson.page}#${e.lesson.anchor}`),
    );
    for (const key of used)
      assert.ok(KO_ANCHORS[key], `no Korean id for ${key} in src/explain/lesson-href.ts`);
    for (const key of Object.keys(KO_ANCHORS))
      assert.ok(used.has(key), `${key} is not used by the catalogue`);
    for (const id of Object.values(KO_ANCHORS)) assert.match(id, /[가-힣]/, `${id} is not a Korean id`);
  });
});
