// The errors the error explainer knows: one entry per cause, each with the wordings real tools use
// for it (Go's crypto/x509 and crypto/tls, OpenSSL's X509_verify_cert_error_string, curl, nginx,
// kubectl, kube-apiserver) and the lesson section that covers it. The texts a reader sees (title,
// cause, fix) live in src/i18n/troubleshooting.{en,ko}.json under `explain.entry.<id>.*`.
//
// A wording is a list of literal fragments, lower-case, that must all appear on one line in that
// order. No regular expression runs over the whole paste (a paste may be megabytes): fragments are
// found with indexOf, and `capture` runs only on the one matched line, cut to MAX_LINE characters.

/** Where an error happens, in the order a request meets them. */
export type Layer = 'tcp' | 'tls' | 'authn' | 'authz' | 'client' | 'csr';

/** The tool whose wording this is. */
export type Source = 'go' | 'openssl' | 'curl' | 'nginx' | 'kubectl' | 'kube-apiserver' | 'kubernetes';

/** One way a tool words the error. */
export interface Wording {
  source: Source;
  /**
   * Lower-case literal fragments that must appear, in this order, on one line. A fragment is looked
   * for in the MAX_LINE characters after the first one, then in the last MAX_LINE of the line (Go
   * ends a list of 2,000 SANs with ", not <host>").
   */
  all: string[];
  /** A real line with this wording, as the tool prints it (used by tests and the lesson). */
  sample: string;
  /**
   * Where the sample comes from (the source mark). `captured`: the tool and version whose real run
   * in tests/interop/troubleshooting-captured.test.ts prints this line (the test compares them).
   * `from`: where it was copied from, for tools that do not run on the test machines (a newer curl,
   * kube-apiserver itself): the source file or the published run. Exactly one of the two.
   */
  captured?: string;
  from?: string;
}

/** The parts of the series, as URL prefixes. */
export type Part =
  | 'client-certificates'
  | 'bearer-tokens'
  | 'oidc'
  | 'webhook'
  | 'proxy'
  | 'authenticator-chain';

/** A lesson page and, optionally, a section of it. */
export interface LessonLink {
  /** The part the page belongs to. Default: 'client-certificates'. */
  part?: Part;
  /** The page slug under /<part>/, e.g. "08-troubleshooting". */
  page: string;
  /** The heading id on that page. Default: the top of the page. */
  anchor?: string;
}

/** One known error. */
export interface CatalogueEntry {
  /** Stable id; the dictionary keys are `explain.entry.<id>.title|cause|fix`. */
  id: string;
  layer: Layer;
  lesson: LessonLink;
  wordings: Wording[];
  /**
   * Pulls values out of the matched line (named groups). Runs on one line only; keep it free of
   * nested quantifiers. Default: none.
   */
  capture?: RegExp;
  /**
   * A catch-all (such as "curl: (60)") that is dropped when a more specific entry matched on the
   * same line. Default: false.
   */
  generic?: boolean;
  /** Picks a more specific entry from the captures (e.g. a 403 for system:anonymous). Default: none. */
  refine?: (captures: Readonly<Record<string, string>>) => string | undefined;
  /** Extra words for ranking candidates when nothing matched. Default: none. */
  keywords?: string[];
  /**
   * A 401 summary: the reason comes from the entries beside it, so it does not make a generic
   * entry on its line redundant. Default: false.
   */
  summary?: boolean;
  /** An error only bearer tokens give (its hit shows that the paste is about a token). Default: false. */
  token?: boolean;
  /** The entry to answer with when the paste shows that a bearer token was sent. Default: none. */
  withToken?: string;
  /**
   * The entry to answer with when the paste shows a curl command that sent no credential at all
   * (no client certificate, no Authorization header). Default: none.
   */
  withoutCredential?: string;
  /**
   * The entry to answer with when the paste shows that the request came through an authenticating
   * proxy (X-Remote-* headers, --requestheader-* flags, nginx's proxy_ssl_certificate): kube-apiserver
   * logs a refused proxy certificate with the same line as any refused client certificate. Default: none.
   */
  withProxy?: string;
}

/** Longest line `capture` ever sees. */
export const MAX_LINE = 4000;

const L8 = '08-troubleshooting';
const L4 = '04-lab-https-with-nginx';
const L5 = '05-lab-mutual-tls';
const B1 = '01-what-a-bearer-token-is';
const B2 = '02-lab-static-token-file';
const B3 = '03-bootstrap-tokens';
const B4 = '04-service-account-tokens';
const B5 = '05-check-it-and-limits';
const O2 = '02-lab-your-own-issuer';
const O3 = '03-configure-the-api-server';
const O5 = '05-inspect-a-real-token';
const W1 = '01-tokenreview';
const W3 = '03-tokenreview-playground';
const P1 = '01-the-request-header-authenticator';
const P4 = '04-impersonation';
const C1 = '01-follow-a-request-through-the-chain';
/** The source mark of lines the Go stand-in for kube-apiserver printed in a real run. */
const STANDIN = 'stand-in (tests/interop/go/apiserver, Go 1.19)';
const OIDC_FROM =
  'kubernetes/kubernetes staging/src/k8s.io/apiserver/plugin/pkg/authenticator/token/oidc/oidc.go and coreos/go-oidc verify.go, as kube-apiserver 1.30+ logs them (via src/tokens/oidc-authenticate.ts)';
const WEBHOOK_FROM =
  'kubernetes/kubernetes staging/src/k8s.io/apiserver/plugin/pkg/authenticator/token/webhook/webhook.go (via src/tokens/webhook-authenticator.ts)';

/** Every known error. */
export const CATALOGUE: readonly CatalogueEntry[] = [
  // ── TCP: nothing answered ────────────────────────────────────────────────
  {
    id: 'no-kubeconfig',
    layer: 'tcp',
    lesson: { page: L8, anchor: 'find-the-layer-that-failed' },
    wordings: [],
    keywords: ['localhost:8080', 'kubeconfig'],
  },
  {
    id: 'connection-refused',
    layer: 'tcp',
    lesson: { page: L8, anchor: 'find-the-layer-that-failed' },
    wordings: [
      {
        source: 'kubectl',
        all: ['the connection to the server ', ' was refused'],
        sample:
          'The connection to the server 192.168.1.10:6443 was refused - did you specify the right host or port?',
        captured: 'kubectl 1.32',
      },
      {
        source: 'go',
        all: ['connect: connection refused'],
        sample: 'dial tcp 127.0.0.1:6443: connect: connection refused',
        captured: 'kubectl 1.32 (Go net)',
      },
      {
        source: 'curl',
        all: ['curl: (7) failed to connect to '],
        sample: "curl: (7) Failed to connect to localhost port 8443 after 0 ms: Couldn't connect to server",
        captured: 'curl 7.88.1 (OpenSSL 3.0)',
      },
    ],
    capture: /connection to the server (?<server>\S{1,300}) was refused|dial tcp (?<address>\S{1,300}):/i,
    refine: (c) => (c.server === 'localhost:8080' ? 'no-kubeconfig' : undefined),
    keywords: ['refused', 'connect', 'port'],
  },
  {
    id: 'timeout',
    layer: 'tcp',
    lesson: { page: L8, anchor: 'find-the-layer-that-failed' },
    wordings: [
      {
        source: 'go',
        all: ['dial tcp ', 'i/o timeout'],
        sample: 'dial tcp 10.0.0.5:6443: i/o timeout',
        from: 'a published run (no unreachable address to wait for in the tests)',
      },
      {
        source: 'curl',
        all: ['curl: (28) '],
        sample: 'curl: (28) Failed to connect to 10.0.0.5 port 6443 after 130000 ms: Timeout was reached',
        from: 'a published run (no unreachable address to wait for in the tests)',
      },
    ],
    keywords: ['timeout', 'timed', 'firewall'],
  },
  {
    id: 'no-such-host',
    layer: 'tcp',
    lesson: { page: L8, anchor: 'find-the-layer-that-failed' },
    wordings: [
      {
        source: 'go',
        all: ['dial tcp: lookup ', 'no such host'],
        sample: 'dial tcp: lookup kube.example.internal on 127.0.0.53:53: no such host',
        from: 'a published run (the test machines have no DNS)',
      },
      {
        source: 'curl',
        all: ['curl: (6) could not resolve host'],
        sample: 'curl: (6) Could not resolve host: kube.example.internal',
        from: 'a published run (the test machines have no DNS)',
      },
    ],
    capture: /lookup (?<host>[^\s:]{1,255})|resolve host: (?<host2>\S{1,255})/i,
    keywords: ['dns', 'resolve', 'lookup'],
  },
  {
    id: 'plain-http-to-https',
    layer: 'tcp',
    lesson: { page: L4, anchor: '1-plain-http-to-the-https-port' },
    wordings: [
      {
        source: 'nginx',
        all: ['the plain http request was sent to https port'],
        sample: '<head><title>400 The plain HTTP request was sent to HTTPS port</title></head>',
        captured: 'nginx 1.22',
      },
      {
        source: 'nginx',
        all: ['client sent plain http request to https port'],
        sample: 'client sent plain HTTP request to HTTPS port',
        captured: 'nginx 1.22',
      },
      {
        source: 'go',
        all: ['client sent an http request to an https server'],
        sample: 'Client sent an HTTP request to an HTTPS server.',
        captured: 'Go 1.19 net/http (the stand-in answering curl)',
      },
    ],
    keywords: ['http', 'https', 'plain'],
  },
  {
    id: 'https-to-plain-port',
    layer: 'tls',
    lesson: { page: L8, anchor: 'find-the-layer-that-failed' },
    wordings: [
      {
        source: 'openssl',
        all: ['wrong version number'],
        sample: 'curl: (35) OpenSSL/3.0.11: error:0A00010B:SSL routines::wrong version number',
        captured: 'curl 7.88.1 (OpenSSL 3.0)',
      },
      {
        source: 'go',
        all: ['http: server gave http response to https client'],
        sample: 'Get "https://127.0.0.1:8080/api": http: server gave HTTP response to HTTPS client',
        from: 'Go net/http client source (http.Client)',
      },
      {
        source: 'go',
        all: ['tls: first record does not look like a tls handshake'],
        sample: 'tls: first record does not look like a TLS handshake',
        from: 'Go crypto/tls source (conn.go)',
      },
    ],
    keywords: ['version', 'handshake', 'http'],
  },

  // ── TLS: the client checks the server's certificate ──────────────────────
  {
    id: 'unknown-authority',
    layer: 'tls',
    lesson: { page: L8, anchor: 'the-client-does-not-trust-the-server' },
    wordings: [
      {
        source: 'go',
        all: ['x509: certificate signed by unknown authority'],
        sample:
          'Unable to connect to the server: tls: failed to verify certificate: x509: certificate signed by unknown authority',
        captured: 'kubectl 1.32',
      },
      {
        source: 'openssl',
        all: ['unable to get local issuer certificate'],
        sample: 'curl: (60) SSL certificate problem: unable to get local issuer certificate',
        captured: 'curl 7.88.1 (OpenSSL 3.0)',
      },
      {
        source: 'openssl',
        all: ['unable to verify the first certificate'],
        sample: 'client SSL certificate verify error: (21:unable to verify the first certificate)',
        captured: 'nginx 1.22',
      },
      {
        source: 'openssl',
        all: ['unable to get issuer certificate'],
        sample: 'verify error:num=2:unable to get issuer certificate',
        from: 'OpenSSL 3.0 X509_verify_cert_error_string / ERR strings (crypto/x509/x509_txt.c, ssl/ssl_err.c); not yet captured here',
      },
    ],
    capture:
      /\(possibly because of "(?<hint>[^"]{1,300})" while trying to verify candidate authority certificate "(?<candidate>[^"]{0,300})"\)/,
    keywords: ['ca', 'trust', 'issuer', 'authority', 'cacert', 'certificate-authority'],
  },
  {
    id: 'self-signed-in-chain',
    layer: 'tls',
    lesson: { page: L8, anchor: 'the-client-does-not-trust-the-server' },
    wordings: [
      {
        source: 'openssl',
        all: ['self-signed certificate in certificate chain'],
        sample: 'curl: (60) SSL certificate problem: self-signed certificate in certificate chain',
        captured: 'curl 7.88.1 (OpenSSL 3.0)',
      },
      {
        source: 'openssl',
        all: ['self signed certificate in certificate chain'],
        sample: 'curl: (60) SSL certificate problem: self signed certificate in certificate chain',
        from: 'OpenSSL 1.1.1 X509_verify_cert_error_string (3.0 writes self-signed)',
      },
    ],
    keywords: ['self-signed', 'root', 'chain'],
  },
  {
    id: 'self-signed',
    layer: 'tls',
    lesson: { page: L8, anchor: 'the-client-does-not-trust-the-server' },
    wordings: [
      {
        source: 'openssl',
        all: ['self-signed certificate'],
        sample: 'curl: (60) SSL certificate problem: self-signed certificate',
        captured: 'curl 7.88.1 (OpenSSL 3.0)',
      },
      {
        source: 'openssl',
        all: ['self signed certificate'],
        sample: 'curl: (60) SSL certificate problem: self signed certificate',
        from: 'OpenSSL 1.1.1 X509_verify_cert_error_string (3.0 writes self-signed)',
      },
    ],
    keywords: ['self-signed'],
  },
  {
    id: 'hostname-mismatch',
    layer: 'tls',
    lesson: { page: L8, anchor: 'the-name-is-not-in-the-certificate' },
    wordings: [
      // curl 8.9.0 and later (curl's ossl_verifyhost; FACTS §7): not run here, the host has 7.88.1.
      {
        source: 'curl',
        all: ['no alternative certificate subject name matches target hostname'],
        sample:
          "curl: (60) SSL: no alternative certificate subject name matches target hostname 'kube.example.org'",
        from: 'curl 8.9.0 and later, lib/vtls/openssl.c ossl_verifyhost (FACTS §7); not installed here',
      },
      // curl up to 8.8, for names and (before 8.7.0) IPs too: captured from curl 7.88.1 in
      // tests/interop/troubleshooting-captured.test.ts.
      {
        source: 'curl',
        all: ['no alternative certificate subject name matches target host name'],
        sample:
          "curl: (60) SSL: no alternative certificate subject name matches target host name 'kube.example.org'",
        captured: 'curl 7.88.1',
      },
      {
        // curl 8.7.0 and later for an IP address, lowercase (ossl_verifyhost; FACTS §7): not run here.
        source: 'curl',
        all: ['no alternative certificate subject name matches target ipv'],
        sample:
          "curl: (60) SSL: no alternative certificate subject name matches target ipv4 address '10.0.0.7'",
        from: 'curl 8.7.0 and later, lib/vtls/openssl.c ossl_verifyhost (FACTS §7); not installed here',
      },
      {
        source: 'curl',
        all: ['ssl: certificate subject name ', ' does not match target host'],
        sample:
          "curl: (60) SSL: certificate subject name 'localhost' does not match target hostname '127.0.0.1'",
        from: 'curl lib/vtls/openssl.c ossl_verifyhost, for a certificate without SANs (its CN compared); not yet captured here',
      },
      {
        source: 'go',
        all: ['x509: certificate is valid for ', ', not '],
        sample:
          'Unable to connect to the server: tls: failed to verify certificate: x509: certificate is valid for cp1, kubernetes, kubernetes.default, kubernetes.default.svc, kubernetes.default.svc.cluster.local, not kube.example.org',
        captured: 'kubectl 1.32',
      },
      {
        source: 'go',
        all: ['x509: certificate is not valid for any names, but wanted to match '],
        sample: 'x509: certificate is not valid for any names, but wanted to match kube.example.org',
        captured: 'Go 1.19 crypto/x509 (tests/interop/go/verify)',
      },
      {
        source: 'openssl',
        all: ['hostname mismatch'],
        sample: 'verify error:num=62:hostname mismatch',
        captured: 'OpenSSL 3.0 s_client',
      },
      {
        source: 'openssl',
        all: ['ip address mismatch'],
        sample: 'verify error:num=64:IP address mismatch',
        captured: 'OpenSSL 3.0 s_client',
      },
      {
        // kubeadm's apiserver.crt asked for by an address it lacks: Go lists its IP SANs only.
        source: 'go',
        all: ['x509: certificate is valid for ', ', not '],
        sample:
          'Unable to connect to the server: tls: failed to verify certificate: x509: certificate is valid for 10.96.0.1, 192.0.2.10, not 203.0.113.9',
        captured: 'kubectl 1.32',
      },
    ],
    capture:
      /target (?:hostname|host name|ipv4 address|ipv6 address) '(?<host>[^']{1,300})'|, not (?<host2>[^\s,]{1,300})\s*$|wanted to match (?<host3>\S{1,300})/i,
    keywords: ['san', 'hostname', 'name', 'dns', 'subjectaltname'],
  },
  {
    // Go says this only for a certificate with no IP SAN at all; one with other IP SANs (kubeadm's
    // apiserver.crt) gives "certificate is valid for 10.96.0.1, …, not <ip>" (hostname-mismatch).
    id: 'no-ip-sans',
    layer: 'tls',
    lesson: { page: L8, anchor: 'the-name-is-not-in-the-certificate' },
    wordings: [
      {
        source: 'go',
        all: ['x509: cannot validate certificate for ', " because it doesn't contain any ip sans"],
        sample: "x509: cannot validate certificate for 203.0.113.9 because it doesn't contain any IP SANs",
        captured: 'Go 1.19 crypto/x509 (tests/interop/go/verify)',
      },
    ],
    capture: /certificate for (?<host>\S{1,300}) because/i,
    keywords: ['ip', 'san', 'address'],
  },
  {
    id: 'legacy-common-name',
    layer: 'tls',
    lesson: { page: L8, anchor: 'the-name-is-not-in-the-certificate' },
    wordings: [
      {
        source: 'go',
        all: ['x509: certificate relies on legacy common name field'],
        sample: 'x509: certificate relies on legacy Common Name field, use SANs instead',
        captured: 'Go 1.19 crypto/x509 (tests/interop/go/verify)',
      },
    ],
    keywords: ['cn', 'common', 'san'],
  },
  {
    id: 'expired',
    layer: 'tls',
    lesson: { page: L8, anchor: 'the-certificate-is-outside-its-validity-period' },
    wordings: [
      {
        source: 'go',
        all: ['x509: certificate has expired or is not yet valid', ' is after '],
        sample:
          'x509: certificate has expired or is not yet valid: current time 2026-03-02T09:14:05Z is after 2026-03-01T08:00:00Z',
        captured: 'Go 1.19 crypto/x509 (tests/interop/go/verify)',
      },
      {
        source: 'go',
        all: ['x509: certificate has expired or is not yet valid'],
        sample: 'x509: certificate has expired or is not yet valid',
        from: 'Go crypto/x509 verify.go (Expired, before Go 1.16 added the times)',
      },
      {
        source: 'openssl',
        all: ['certificate has expired'],
        sample: 'curl: (60) SSL certificate problem: certificate has expired',
        captured: 'curl 7.88.1 (OpenSSL 3.0)',
      },
    ],
    capture: /current time (?<now>\S{1,40}) is after (?<notAfter>[^\s)"]{1,40})/,
    keywords: ['expired', 'expiry', 'notafter', 'renew', 'time'],
  },
  {
    id: 'not-yet-valid',
    layer: 'tls',
    lesson: { page: L8, anchor: 'the-certificate-is-outside-its-validity-period' },
    wordings: [
      {
        source: 'go',
        all: ['x509: certificate has expired or is not yet valid', ' is before '],
        sample:
          'x509: certificate has expired or is not yet valid: current time 2026-03-02T09:14:05Z is before 2026-03-02T10:00:00Z',
        captured: 'Go 1.19 crypto/x509 (tests/interop/go/verify)',
      },
      {
        source: 'openssl',
        all: ['certificate is not yet valid'],
        sample: 'curl: (60) SSL certificate problem: certificate is not yet valid',
        captured: 'curl 7.88.1 (OpenSSL 3.0)',
      },
    ],
    capture: /current time (?<now>\S{1,40}) is before (?<notBefore>[^\s)"]{1,40})/,
    keywords: ['clock', 'time', 'notbefore'],
  },
  {
    id: 'incompatible-usage',
    layer: 'tls',
    lesson: { page: L8, anchor: 'the-certificate-is-for-something-else' },
    wordings: [
      {
        source: 'go',
        all: ['x509: certificate specifies an incompatible key usage'],
        sample: 'x509: certificate specifies an incompatible key usage',
        captured: 'Go 1.19 crypto/x509 (tests/interop/go/verify)',
      },
      {
        source: 'openssl',
        all: ['unsuitable certificate purpose'],
        sample: 'client SSL certificate verify error: (26:unsuitable certificate purpose)',
        captured: 'nginx 1.22',
      },
    ],
    keywords: ['eku', 'usage', 'clientauth', 'serverauth', 'purpose'],
  },
  {
    id: 'not-a-ca',
    layer: 'tls',
    lesson: { page: L8, anchor: 'check-a-chain' },
    wordings: [
      {
        source: 'go',
        all: ['x509: invalid signature: parent certificate cannot sign this kind of certificate'],
        sample: 'x509: invalid signature: parent certificate cannot sign this kind of certificate',
        captured: 'Go 1.19 crypto/x509 (tests/interop/go/verify)',
      },
      {
        source: 'go',
        all: ['x509: certificate is not authorized to sign other certificates'],
        sample: 'x509: certificate is not authorized to sign other certificates',
        from: 'Go crypto/x509 verify.go (NotAuthorizedToSign)',
      },
      {
        source: 'openssl',
        all: ['invalid ca certificate'],
        sample: 'verify error:num=79:invalid CA certificate',
        captured: 'OpenSSL 3.0 s_client (3.0 numbers it 79; 1.1 numbered it 24)',
      },
      {
        source: 'openssl',
        all: ['key usage does not include certificate signing'],
        sample: 'verify error:num=32:key usage does not include certificate signing',
        from: 'OpenSSL 3.0 X509_verify_cert_error_string / ERR strings (crypto/x509/x509_txt.c, ssl/ssl_err.c); not yet captured here',
      },
      {
        source: 'openssl',
        all: ['ca cert does not include key usage extension'],
        sample: 'verify error:num=90:CA cert does not include key usage extension',
        from: 'OpenSSL 3.0 X509_verify_cert_error_string / ERR strings (crypto/x509/x509_txt.c, ssl/ssl_err.c); not yet captured here',
      },
    ],
    keywords: ['ca', 'basicconstraints', 'keycertsign'],
  },
  {
    id: 'path-length',
    layer: 'tls',
    lesson: { page: L8, anchor: 'check-a-chain' },
    wordings: [
      {
        source: 'go',
        all: ['x509: too many intermediates for path length constraint'],
        sample: 'x509: too many intermediates for path length constraint',
        captured: 'Go 1.19 crypto/x509 (tests/interop/go/verify)',
      },
      {
        source: 'openssl',
        all: ['path length constraint exceeded'],
        sample: 'verify error:num=25:path length constraint exceeded',
        captured: 'OpenSSL 3.0 s_client (against s_server)',
      },
      {
        source: 'openssl',
        all: ['certificate chain too long'],
        sample: 'client SSL certificate verify error: (22:certificate chain too long)',
        from: 'OpenSSL 3.0 X509_verify_cert_error_string / ERR strings (crypto/x509/x509_txt.c, ssl/ssl_err.c); not yet captured here',
      },
    ],
    keywords: ['intermediate', 'pathlen', 'depth', 'ssl_verify_depth'],
  },
  {
    id: 'bad-signature',
    layer: 'tls',
    lesson: { page: L8, anchor: 'check-a-chain' },
    wordings: [
      {
        source: 'openssl',
        all: ['certificate signature failure'],
        sample: 'verify error:num=7:certificate signature failure',
        from: 'OpenSSL 3.0 X509_verify_cert_error_string / ERR strings (crypto/x509/x509_txt.c, ssl/ssl_err.c); not yet captured here',
      },
      {
        source: 'go',
        all: ['crypto/rsa: verification error'],
        sample:
          'x509: certificate signed by unknown authority (possibly because of "crypto/rsa: verification error" while trying to verify candidate authority certificate "kubernetes")',
        captured: 'Go 1.19 crypto/x509 (tests/interop/go/verify)',
      },
      {
        source: 'go',
        all: ['x509: ecdsa verification failure'],
        sample:
          'x509: certificate signed by unknown authority (possibly because of "x509: ECDSA verification failure" while trying to verify candidate authority certificate "kubernetes")',
        captured: 'Go 1.19 crypto/x509 (tests/interop/go/verify)',
      },
    ],
    keywords: ['signature'],
  },
  {
    id: 'insecure-algorithm',
    layer: 'tls',
    lesson: { page: L8, anchor: 'check-a-chain' },
    wordings: [
      {
        source: 'go',
        all: ['x509: cannot verify signature: insecure algorithm'],
        sample:
          'x509: cannot verify signature: insecure algorithm SHA1-RSA (temporarily override with GODEBUG=x509sha1=1)',
        captured: 'Go 1.19 crypto/x509 (tests/interop/go/verify)',
      },
    ],
    capture: /insecure algorithm (?<algorithm>[A-Za-z0-9-]{1,40})/,
    keywords: ['sha1', 'md5'],
  },
  {
    id: 'unhandled-critical-extension',
    layer: 'tls',
    lesson: { page: L8, anchor: 'inspect-a-certificate' },
    wordings: [
      {
        source: 'go',
        all: ['x509: unhandled critical extension'],
        sample: 'x509: unhandled critical extension',
        captured: 'Go 1.19 crypto/x509 (tests/interop/go/verify)',
      },
      {
        source: 'openssl',
        all: ['unhandled critical extension'],
        sample: 'verify error:num=34:unhandled critical extension',
        captured: 'OpenSSL 3.0 s_client (against s_server)',
      },
      {
        source: 'openssl',
        all: ['unsupported critical extension'],
        sample: 'unsupported critical extension',
        from: 'OpenSSL 3.0 X509_verify_cert_error_string / ERR strings (crypto/x509/x509_txt.c, ssl/ssl_err.c); not yet captured here',
      },
    ],
    keywords: ['critical', 'extension'],
  },
  {
    id: 'negative-serial',
    layer: 'tls',
    lesson: { page: L8, anchor: 'inspect-a-certificate' },
    wordings: [
      {
        source: 'go',
        all: ['x509: negative serial number'],
        sample: 'x509: negative serial number',
        from: 'Go 1.23 and later crypto/x509 parser.go (Go 1.19 here accepts negative serials)',
      },
    ],
    keywords: ['serial'],
  },
  {
    id: 'name-constraints',
    layer: 'tls',
    lesson: { page: L8, anchor: 'check-a-chain' },
    wordings: [
      {
        source: 'go',
        all: ['x509: a root or intermediate certificate is not authorized to sign for this name: '],
        sample:
          'x509: a root or intermediate certificate is not authorized to sign for this name: DNS name "a.other.org" is not permitted by any constraint',
        captured: 'Go 1.19 crypto/x509 (tests/interop/go/verify)',
      },
      {
        source: 'go',
        all: ['x509: issuer has name constraints but leaf contains unknown or unconstrained name: '],
        sample:
          'x509: issuer has name constraints but leaf contains unknown or unconstrained name: URI:urn:example:1',
        from: 'Go crypto/x509 verify.go (UnconstrainedName)',
      },
    ],
    capture:
      /(?<nameType>DNS name|email address|IP address|URI) "(?<name>[^"]{0,300})" is (?:not permitted by any constraint|excluded by constraint "(?<constraint>[^"]{0,300})")/,
    keywords: ['nameconstraints', 'permitted', 'excluded', 'constraint'],
  },
  {
    // Go's CertificateInvalidError has no text of its own for TooManyConstraints.
    id: 'too-many-constraints',
    layer: 'tls',
    lesson: { page: L8, anchor: 'check-a-chain' },
    wordings: [
      {
        source: 'go',
        all: ['x509: unknown error'],
        sample: 'x509: unknown error',
        captured: 'Go 1.19 crypto/x509 (tests/interop/go/verify)',
      },
    ],
    keywords: ['nameconstraints', 'san', 'constraint'],
  },
  {
    id: 'duplicate-extensions',
    layer: 'tls',
    lesson: { page: L8, anchor: 'inspect-a-certificate' },
    wordings: [
      {
        source: 'go',
        all: ['x509: certificate contains duplicate extensions'],
        sample: 'x509: certificate contains duplicate extensions',
        captured: 'Go 1.19 crypto/x509 (tests/interop/go/verify)',
      },
    ],
    keywords: ['extension', 'duplicate'],
  },
  {
    id: 'unsupported-curve',
    layer: 'tls',
    lesson: { page: L8, anchor: 'inspect-a-certificate' },
    wordings: [
      {
        source: 'go',
        all: ['x509: unsupported elliptic curve'],
        sample: 'x509: unsupported elliptic curve',
        captured: 'Go 1.19 crypto/x509 (tests/interop/go/verify)',
      },
    ],
    keywords: ['curve', 'ecdsa', 'secp256k1', 'p-192'],
  },
  {
    id: 'curl-60',
    layer: 'tls',
    generic: true,
    lesson: { page: L8, anchor: 'the-client-does-not-trust-the-server' },
    wordings: [
      {
        source: 'curl',
        all: ['curl: (60) '],
        sample:
          'curl: (60) schannel: SEC_E_UNTRUSTED_ROOT (0x80090325) - The certificate chain was issued by an authority that is not trusted.',
        from: 'curl on Windows (schannel); published run',
      },
      {
        source: 'curl',
        all: ['curl failed to verify the legitimacy of the server'],
        sample: 'curl failed to verify the legitimacy of the server and therefore could not',
        captured: 'curl 7.88.1 (OpenSSL 3.0)',
      },
      {
        source: 'curl',
        all: ['peer certificate cannot be authenticated with known ca certificates'],
        sample: 'curl: (60) Peer certificate cannot be authenticated with known CA certificates',
        from: 'curl before 7.62 (its old text for CURLE_PEER_FAILED_VERIFICATION, lib/strerror.c); published runs',
      },
    ],
    keywords: ['curl', 'cacert', 'insecure'],
  },
  {
    id: 'curl-35',
    layer: 'tls',
    generic: true,
    lesson: { page: L8, anchor: 'find-the-layer-that-failed' },
    wordings: [
      {
        source: 'curl',
        all: ['curl: (35) '],
        sample: 'curl: (35) OpenSSL/3.0.11: error:0A000410:SSL routines::sslv3 alert handshake failure',
        captured: 'curl 7.88.1 (OpenSSL 3.0)',
      },
    ],
    keywords: ['handshake'],
  },

  // ── TLS: the server checks the client's certificate (nginx, etcd, kubelet) ──
  {
    id: 'peer-rejected-certificate',
    layer: 'tls',
    lesson: { page: L8, anchor: 'the-client-does-not-trust-the-server' },
    wordings: [
      {
        source: 'openssl',
        all: ['alert unknown ca'],
        sample:
          'SSL_do_handshake() failed (SSL: error:0A000418:SSL routines::tlsv1 alert unknown ca:SSL alert number 48)',
        captured: 'nginx 1.22',
      },
      {
        source: 'go',
        all: ['remote error: tls: unknown certificate authority'],
        sample: 'remote error: tls: unknown certificate authority',
        captured: 'kubectl 1.32 (Go crypto/tls)',
      },
      {
        source: 'openssl',
        all: ['alert bad certificate'],
        sample:
          'curl: (56) OpenSSL SSL_read: error:0A000412:SSL routines::sslv3 alert bad certificate, errno 0',
        from: 'OpenSSL 3.0 X509_verify_cert_error_string / ERR strings (crypto/x509/x509_txt.c, ssl/ssl_err.c); not yet captured here',
      },
      {
        source: 'go',
        all: ['remote error: tls: bad certificate'],
        sample: 'remote error: tls: bad certificate',
        from: 'Go crypto/tls alert text (alert.go)',
      },
    ],
    keywords: ['alert', 'remote', 'peer'],
  },
  {
    id: 'certificate-required',
    layer: 'tls',
    lesson: { page: L5, anchor: '1-no-client-certificate' },
    wordings: [
      {
        source: 'openssl',
        all: ['alert certificate required'],
        sample:
          'curl: (56) OpenSSL SSL_read: OpenSSL/3.0.22: error:0A00045C:SSL routines::tlsv13 alert certificate required, errno 0',
        captured: 'curl 7.88.1 (OpenSSL 3.0)',
      },
      {
        source: 'go',
        all: ['tls: certificate required'],
        sample: 'remote error: tls: certificate required',
        captured: 'kubectl 1.32 (Go crypto/tls)',
      },
      {
        source: 'go',
        all: ["tls: client didn't provide a certificate"],
        sample: "http: TLS handshake error from 10.0.0.9:51234: tls: client didn't provide a certificate",
        from: 'Go crypto/tls server source (handshake_server.go), as kube-apiserver logs it',
      },
    ],
    keywords: ['client', 'cert', 'required'],
  },
  {
    id: 'nginx-no-certificate',
    layer: 'tls',
    lesson: { page: L5, anchor: '1-no-client-certificate' },
    wordings: [
      {
        source: 'nginx',
        all: ['no required ssl certificate was sent'],
        sample: '<head><title>400 No required SSL certificate was sent</title></head>',
        captured: 'nginx 1.22',
      },
      {
        source: 'nginx',
        all: ['client sent no required ssl certificate'],
        sample: 'client sent no required SSL certificate while reading client request headers',
        captured: 'nginx 1.22',
      },
    ],
    keywords: ['nginx', '496', 'ssl_verify_client'],
  },
  {
    id: 'nginx-certificate-error',
    layer: 'tls',
    lesson: { page: L5, anchor: '4-a-client-certificate-from-another-ca' },
    wordings: [
      {
        source: 'nginx',
        all: ['<title>400 the ssl certificate error</title>'],
        sample: '<head><title>400 The SSL certificate error</title></head>',
        captured: 'nginx 1.22',
      },
      {
        source: 'nginx',
        all: ['<center>the ssl certificate error</center>'],
        sample: '<center>The SSL certificate error</center>',
        captured: 'nginx 1.22',
      },
      {
        source: 'nginx',
        all: ['client ssl certificate verify error: '],
        sample:
          'client SSL certificate verify error: (21:unable to verify the first certificate) while reading client request headers',
        captured: 'nginx 1.22',
      },
    ],
    capture: /verify error: \((?<number>\d{1,3}):(?<reason>[^)]{1,200})\)/,
    keywords: ['nginx', '495', 'ssl_verify_client'],
  },

  // ── The client itself: key and files ────────────────────────────────────
  {
    id: 'curl-key',
    layer: 'client',
    lesson: { page: L5, anchor: '3-the-certificate-without-its-key' },
    wordings: [
      {
        source: 'curl',
        all: ['unable to set private key file'],
        sample: "curl: (58) unable to set private key file: 'client.pem' type PEM",
        captured: 'curl 7.88.1 (OpenSSL 3.0)',
      },
      {
        source: 'curl',
        all: ['could not load pem client certificate'],
        sample:
          'curl: (58) could not load PEM client certificate from client.pem, OpenSSL error error:80000002:system library::No such file or directory, (no key found, wrong pass phrase, or wrong file format?)',
        captured: 'curl 7.88.1 (OpenSSL 3.0)',
      },
      {
        source: 'curl',
        all: ['unable to use client certificate'],
        sample: 'curl: (58) unable to use client certificate (no key found or wrong pass phrase?)',
        from: 'curl 7.x source (lib/vtls/openssl.c); curl 7.88.1 says "could not load PEM client certificate" or "unable to set private key file" instead',
      },
      {
        source: 'curl',
        all: ['curl: (58) '],
        sample: 'curl: (58) problem with the local client certificate',
        from: 'curl source lib/strerror.c (CURLE_SSL_CERTPROBLEM)',
      },
    ],
    capture: /private key file: '(?<file>[^']{1,300})'|certificate from (?<file2>[^,\s]{1,300})/,
    keywords: ['key', 'curl', '--key'],
  },
  {
    id: 'key-mismatch',
    layer: 'client',
    lesson: { page: L8, anchor: 'the-key-is-missing-or-does-not-match' },
    wordings: [
      {
        source: 'go',
        all: ['tls: private key does not match public key'],
        sample: 'error: tls: private key does not match public key',
        captured: 'kubectl 1.32 (Go crypto/tls)',
      },
      {
        source: 'openssl',
        all: ['key values mismatch'],
        sample:
          'error:05800074:x509 certificate routines:X509_check_private_key:key values mismatch:../crypto/x509/x509_cmp.c:403:',
        captured: "OpenSSL 3.0 s_server (a key that is not the certificate's)",
      },
      {
        source: 'openssl',
        all: ['private key does not match the certificate public key'],
        sample: 'private key does not match the certificate public key',
        from: 'OpenSSL 3.0 X509_verify_cert_error_string / ERR strings (crypto/x509/x509_txt.c, ssl/ssl_err.c); not yet captured here',
      },
    ],
    keywords: ['key', 'mismatch', 'pair'],
  },
  {
    id: 'no-pem-data',
    layer: 'client',
    lesson: { page: L8, anchor: 'inspect-a-certificate' },
    wordings: [
      {
        source: 'go',
        all: ['tls: failed to find any pem data in '],
        sample: 'error: tls: failed to find any PEM data in certificate input',
        captured: 'kubectl 1.32 (Go crypto/tls)',
      },
      {
        source: 'go',
        all: ['tls: found a certificate rather than a key in the pem for the private key'],
        sample: 'tls: found a certificate rather than a key in the PEM for the private key',
        captured: 'kubectl 1.32 (Go crypto/tls)',
      },
      {
        source: 'go',
        all: ['tls: failed to parse private key'],
        sample: 'tls: failed to parse private key',
        from: 'Go crypto/tls X509KeyPair (tls.go)',
      },
    ],
    keywords: ['pem', 'base64', 'data'],
  },
  {
    id: 'kubeconfig-file-missing',
    layer: 'client',
    lesson: { page: '06-kubernetes-pki' },
    wordings: [
      {
        source: 'kubectl',
        all: ['unable to read client-', ' due to '],
        sample:
          '* unable to read client-cert /home/jane/certs/jane.crt for jane due to open /home/jane/certs/jane.crt: no such file or directory',
        captured: 'kubectl 1.32',
      },
      {
        source: 'kubectl',
        all: ['unable to read certificate-authority '],
        sample:
          '* unable to read certificate-authority /home/jane/ca.crt for kubernetes due to open /home/jane/ca.crt: no such file or directory',
        captured: 'kubectl 1.32',
      },
    ],
    capture: /unable to read (?<field>[a-z-]{1,40}) (?<file>\S{1,300})/,
    keywords: ['kubeconfig', 'embed-certs', 'path', 'file'],
  },

  // ── Authentication at kube-apiserver ───────────────────────────────────
  {
    id: 'apiserver-verify-failed',
    layer: 'authn',
    lesson: { page: L8, anchor: 'the-api-server-rejects-your-certificate' },
    wordings: [
      {
        source: 'kube-apiserver',
        all: ['verifying certificate sn=', ' failed: '],
        sample:
          'E0302 09:14:05.123456       1 authentication.go:74] "Unable to authenticate the request" err="verifying certificate SN=4242, SKID=, AKID=3A:1F failed: x509: certificate signed by unknown authority"',
        from: 'kubernetes/kubernetes staging/src/k8s.io/apiserver/pkg/authentication/request/x509/x509.go; kube-apiserver does not run here',
      },
    ],
    capture:
      /verifying certificate SN=(?<serial>\d{1,60}), SKID=(?<skid>[0-9A-F:]{0,200}), AKID=(?<akid>[0-9A-F:]{0,200}) failed/,
    withProxy: 'front-proxy-unknown-ca',
    keywords: ['apiserver', 'log', 'authenticate'],
  },
  {
    id: 'unauthorized',
    layer: 'authn',
    lesson: { page: L8, anchor: 'the-api-server-rejects-your-certificate' },
    summary: true,
    withToken: 'token-unauthorized',
    withoutCredential: 'anonymous-disabled',
    wordings: [
      {
        source: 'kubectl',
        all: ['you must be logged in to the server'],
        sample: 'error: You must be logged in to the server (Unauthorized)',
        captured: 'kubectl 1.32',
      },
      {
        // kubectl's form after a failed API discovery (kubectl get), one line per discovery call.
        source: 'kubectl',
        all: [
          "couldn't get current server api group list: ",
          'the server has asked for the client to provide credentials',
        ],
        sample:
          'E1206 21:50:00.000000   12345 memcache.go:265] "Unhandled Error" err="couldn\'t get current server API group list: the server has asked for the client to provide credentials"',
        captured: 'kubectl 1.32',
      },
      {
        source: 'kubernetes',
        all: ['"reason": "unauthorized"'],
        sample: '  "reason": "Unauthorized",',
        from: 'kubernetes/kubernetes apimachinery metav1.Status as kube-apiserver writes it (responsewriters)',
      },
      {
        source: 'kubernetes',
        all: ['"reason":"unauthorized"'],
        sample:
          '{"kind":"Status","apiVersion":"v1","status":"Failure","message":"Unauthorized","reason":"Unauthorized","code":401}',
        from: 'kubernetes/kubernetes apimachinery metav1.Status as kube-apiserver writes it (responsewriters)',
      },
      {
        source: 'kube-apiserver',
        all: ['unable to authenticate the request'],
        sample:
          'E0302 09:14:05.123456       1 authentication.go:74] "Unable to authenticate the request" err="verifying certificate SN=4242, SKID=, AKID=3A:1F failed: x509: certificate has expired or is not yet valid: current time 2026-03-02T09:14:05Z is after 2026-03-01T08:00:00Z"',
        from: 'kubernetes/kubernetes staging/src/k8s.io/apiserver/pkg/endpoints/filters/authentication.go; kube-apiserver does not run here',
      },
    ],
    keywords: ['401', 'unauthorized', 'login', 'authenticate'],
  },

  // ── Authentication with a bearer token (part 2) ─────────────────────────
  {
    // Reached from `unauthorized` when the paste shows a token was sent (--token, a kubeconfig
    // `token:`, an Authorization: Bearer header, or a token error of kube-apiserver's).
    id: 'token-unauthorized',
    layer: 'authn',
    lesson: { part: 'bearer-tokens', page: B5, anchor: 'what-each-error-means' },
    summary: true,
    wordings: [],
    keywords: ['401', 'token', 'bearer', 'unauthorized'],
  },
  {
    id: 'invalid-bearer-token',
    layer: 'authn',
    lesson: { part: 'bearer-tokens', page: B5, anchor: 'what-each-error-means' },
    token: true,
    generic: true,
    wordings: [
      {
        source: 'kube-apiserver',
        all: ['invalid bearer token'],
        sample:
          'E1206 21:50:00.000000       1 authentication.go:73] "Unable to authenticate the request" err="invalid bearer token"',
        from: 'kubernetes/kubernetes staging/src/k8s.io/apiserver/pkg/authentication/request/bearertoken/bearertoken.go (via src/tokens)',
      },
    ],
    keywords: ['token', 'bearer', 'token-auth-file'],
  },
  {
    id: 'bearer-extra-space',
    layer: 'authn',
    lesson: { part: 'bearer-tokens', page: B1, anchor: 'no-credentials-at-all-anonymous' },
    token: true,
    wordings: [
      {
        source: 'kubectl',
        all: ['the provided authorization header contains extra space before the bearer token'],
        sample:
          'Warning: the provided Authorization header contains extra space before the bearer token, and is ignored',
        captured: 'kubectl 1.32 (the stand-in sends the warning)',
      },
    ],
    keywords: ['authorization', 'header', 'bearer', 'space'],
  },
  {
    id: 'token-file-columns',
    layer: 'authn',
    lesson: { part: 'bearer-tokens', page: B2, anchor: 'the-file-kube-apiserver-reads' },
    token: true,
    wordings: [
      {
        source: 'kube-apiserver',
        all: ["token file '", "' must have at least 3 columns"],
        sample:
          "token file '/etc/kubernetes/tokens.csv' must have at least 3 columns (token, user name, user uid), found 2",
        from: 'kubernetes/kubernetes staging/src/k8s.io/apiserver/pkg/authentication/token/tokenfile/tokenfile.go (via src/tokens)',
      },
    ],
    capture:
      /token file '(?<file>[^']{1,300})' must have at least 3 columns \(token, user name, user uid\), found (?<found>\d{1,4})/,
    keywords: ['token-auth-file', 'csv', 'columns'],
  },
  {
    id: 'token-file-csv',
    layer: 'authn',
    lesson: { part: 'bearer-tokens', page: B2, anchor: 'the-file-kube-apiserver-reads' },
    token: true,
    wordings: [
      {
        source: 'go',
        all: ['parse error on line ', ', column ', 'bare " in non-quoted-field'],
        sample: 'parse error on line 2, column 12: bare " in non-quoted-field',
        from: 'Go encoding/csv ParseError (tests/interop/tokens-go-csv.test.ts holds src/tokens to it)',
      },
      {
        source: 'go',
        all: ['parse error on line ', ', column ', 'extraneous or missing " in quoted-field'],
        sample: 'record on line 2; parse error on line 3, column 0: extraneous or missing " in quoted-field',
        from: 'Go encoding/csv ParseError (tests/interop/tokens-go-csv.test.ts holds src/tokens to it)',
      },
    ],
    capture: /parse error on line (?<line>\d{1,9}), column (?<column>\d{1,9})/,
    keywords: ['token-auth-file', 'csv', 'quote'],
  },
  {
    id: 'bootstrap-token-not-found',
    layer: 'authn',
    lesson: { part: 'bearer-tokens', page: B3, anchor: 'expiry-and-deleting-a-token' },
    token: true,
    wordings: [
      {
        source: 'kube-apiserver',
        all: ['no secret of name ', ' to match bootstrap bearer token'],
        sample:
          'I1206 21:50:00.000000       1 bootstrap.go:86] No secret of name bootstrap-token-abcdef to match bootstrap bearer token',
        from: 'kubernetes/kubernetes plugin/pkg/auth/authenticator/token/bootstrap/bootstrap.go, logged at -v=3 (via src/tokens)',
      },
    ],
    capture: /No secret of name (?<secret>\S{1,300}) to match/,
    keywords: ['bootstrap', 'secret', 'kube-system'],
  },
  {
    id: 'bootstrap-token-expired',
    layer: 'authn',
    lesson: { part: 'bearer-tokens', page: B3, anchor: 'expiry-and-deleting-a-token' },
    token: true,
    wordings: [
      {
        source: 'kube-apiserver',
        all: ['expired bootstrap token in '],
        sample:
          'I1206 21:50:00.000000       1 bootstrap.go:124] Expired bootstrap token in kube-system/bootstrap-token-abcdef Secret: 2026-12-05T21:50:00Z',
        from: 'kubernetes/kubernetes plugin/pkg/auth/authenticator/token/bootstrap/bootstrap.go, logged at -v=3 (via src/tokens)',
      },
      {
        source: 'kube-apiserver',
        all: ['unparseable expiration time (', 'treating as expired.'],
        sample:
          'I1206 21:50:00.000000       1 bootstrap.go:124] Unparseable expiration time (tomorrow) in kube-system/bootstrap-token-abcdef Secret: parsing time "tomorrow" as "2006-01-02T15:04:05Z07:00": cannot parse "tomorrow" as "2006". Treating as expired.',
        from: 'kubernetes/kubernetes plugin/pkg/auth/authenticator/token/bootstrap/bootstrap.go, logged at -v=3 (via src/tokens)',
      },
    ],
    capture: /in kube-system\/(?<secret>bootstrap-token-[a-z0-9]{6}) Secret: (?<expiration>\S{1,60})/,
    keywords: ['bootstrap', 'expiration', 'ttl', 'expired'],
  },
  {
    id: 'bootstrap-token-usage',
    layer: 'authn',
    lesson: { part: 'bearer-tokens', page: B3, anchor: 'the-secret-is-the-token' },
    token: true,
    wordings: [
      {
        source: 'kube-apiserver',
        all: ['matching bearer token not marked usage-bootstrap-authentication=true'],
        sample:
          'I1206 21:50:00.000000       1 bootstrap.go:101] Bootstrap secret kube-system/bootstrap-token-abcdef matching bearer token not marked usage-bootstrap-authentication=true.',
        from: 'kubernetes/kubernetes plugin/pkg/auth/authenticator/token/bootstrap/bootstrap.go, logged at -v=3 (via src/tokens)',
      },
    ],
    capture: /Bootstrap secret kube-system\/(?<secret>\S{1,300}) matching/,
    keywords: ['bootstrap', 'usage', 'usages', 'authentication'],
  },
  {
    id: 'bootstrap-token-wrong-secret',
    layer: 'authn',
    lesson: { part: 'bearer-tokens', page: B3, anchor: 'the-secret-is-the-token' },
    token: true,
    wordings: [
      {
        source: 'kube-apiserver',
        all: ['matching bearer token has invalid value for key token-'],
        sample:
          'I1206 21:50:00.000000       1 bootstrap.go:101] Bootstrap secret kube-system/bootstrap-token-abcdef matching bearer token has invalid value for key token-secret, expected 0123456789abcdef.',
        from: 'kubernetes/kubernetes plugin/pkg/auth/authenticator/token/bootstrap/bootstrap.go, logged at -v=3 (via src/tokens)',
      },
    ],
    capture: /Bootstrap secret kube-system\/(?<secret>\S{1,300}) matching/,
    keywords: ['bootstrap', 'token-secret', 'secret'],
  },
  {
    id: 'bootstrap-token-extra-groups',
    layer: 'authn',
    lesson: { part: 'bearer-tokens', page: B3, anchor: 'the-secret-is-the-token' },
    token: true,
    wordings: [
      {
        source: 'kube-apiserver',
        all: ['matching bearer token has invalid value for key auth-extra-groups'],
        sample:
          'I1206 21:50:00.000000       1 bootstrap.go:101] Bootstrap secret kube-system/bootstrap-token-abcdef matching bearer token has invalid value for key auth-extra-groups: bootstrap group "developers" is invalid (must match \\Asystem:bootstrappers:[a-z0-9:-]{0,255}[a-z0-9]\\z).',
        from: 'kubernetes/kubernetes plugin/pkg/auth/authenticator/token/bootstrap/bootstrap.go, logged at -v=3 (via src/tokens)',
      },
    ],
    capture:
      /Bootstrap secret kube-system\/(?<secret>\S{1,300}) matching.*bootstrap group "(?<group>[^"]{0,300})"/,
    keywords: ['bootstrap', 'auth-extra-groups', 'group'],
  },
  {
    id: 'bootstrap-token-secret-unusable',
    layer: 'authn',
    lesson: { part: 'bearer-tokens', page: B3, anchor: 'the-secret-is-the-token' },
    token: true,
    wordings: [
      {
        source: 'kube-apiserver',
        all: ['matching bearer token has invalid type, expected bootstrap.kubernetes.io/token'],
        sample:
          'I1206 21:50:00.000000       1 bootstrap.go:101] Bootstrap secret kube-system/bootstrap-token-abcdef matching bearer token has invalid type, expected bootstrap.kubernetes.io/token.',
        from: 'kubernetes/kubernetes plugin/pkg/auth/authenticator/token/bootstrap/bootstrap.go, logged at -v=3 (via src/tokens)',
      },
      {
        source: 'kube-apiserver',
        all: ['matching bearer token is deleted and awaiting removal'],
        sample:
          'I1206 21:50:00.000000       1 bootstrap.go:101] Bootstrap secret kube-system/bootstrap-token-abcdef matching bearer token is deleted and awaiting removal',
        from: 'kubernetes/kubernetes plugin/pkg/auth/authenticator/token/bootstrap/bootstrap.go, logged at -v=3 (via src/tokens)',
      },
    ],
    capture: /Bootstrap secret kube-system\/(?<secret>\S{1,300}) matching/,
    keywords: ['bootstrap', 'secret', 'type'],
  },
  {
    id: 'sa-token-signature',
    layer: 'authn',
    lesson: { part: 'bearer-tokens', page: B4, anchor: 'what-kube-apiserver-checks-in-order' },
    token: true,
    wordings: [
      {
        // go-jose v4 (Kubernetes 1.30 and later); gopkg.in/square/go-jose.v2 before.
        source: 'kube-apiserver',
        all: ['go-jose: error in cryptographic primitive'],
        sample:
          'E1206 21:50:00.000000       1 authentication.go:73] "Unable to authenticate the request" err="[invalid bearer token, go-jose/go-jose: error in cryptographic primitive]"',
        from: 'go-jose v4 jwt errors, as kube-apiserver 1.30+ logs them (src/tokens GO_JOSE_CRYPTO_FAILURE)',
      },
      {
        source: 'kube-apiserver',
        all: ['go-jose: error in cryptographic primitive'],
        sample:
          'E1206 21:50:00.000000       1 authentication.go:73] "Unable to authenticate the request" err="[invalid bearer token, square/go-jose: error in cryptographic primitive]"',
        from: 'gopkg.in/square/go-jose.v2, as kube-apiserver before 1.30 logs it',
      },
      {
        source: 'kube-apiserver',
        all: ['invalid signature, no keys found'],
        sample:
          'E1206 21:50:00.000000       1 authentication.go:73] "Unable to authenticate the request" err="invalid signature, no keys found"',
        from: 'kubernetes/kubernetes pkg/serviceaccount/jwt.go, claims.go and legacy.go (via src/tokens); kube-apiserver does not run here',
      },
    ],
    keywords: ['signature', 'sa.key', 'sa.pub', 'service-account-key-file', 'jwt'],
  },
  {
    id: 'sa-token-audience',
    layer: 'authn',
    lesson: { part: 'bearer-tokens', page: B4, anchor: 'what-kube-apiserver-checks-in-order' },
    token: true,
    wordings: [
      {
        source: 'kube-apiserver',
        all: ['token audiences ', ' is invalid for the target audiences '],
        sample:
          'E1206 21:50:00.000000       1 authentication.go:73] "Unable to authenticate the request" err="token audiences [\\"vault\\"] is invalid for the target audiences [\\"https://kubernetes.default.svc.cluster.local\\"]"',
        from: 'kubernetes/kubernetes pkg/serviceaccount/jwt.go, claims.go and legacy.go (via src/tokens); kube-apiserver does not run here',
      },
    ],
    capture:
      /token audiences (?<audiences>\[[^\]]{0,300}\]) is invalid for the target audiences (?<apiAudiences>\[[^\]]{0,300}\])/,
    keywords: ['audience', 'aud', 'api-audiences'],
  },
  {
    id: 'sa-token-expired',
    layer: 'authn',
    lesson: { part: 'bearer-tokens', page: B4, anchor: 'what-kube-apiserver-checks-in-order' },
    token: true,
    wordings: [
      {
        source: 'kube-apiserver',
        all: ['service account token has expired'],
        sample:
          'E1206 21:50:00.000000       1 authentication.go:73] "Unable to authenticate the request" err="service account token has expired"',
        from: 'kubernetes/kubernetes pkg/serviceaccount/jwt.go, claims.go and legacy.go (via src/tokens); kube-apiserver does not run here',
      },
    ],
    keywords: ['exp', 'expired', 'duration'],
  },
  {
    id: 'sa-token-not-yet-valid',
    layer: 'authn',
    lesson: { part: 'bearer-tokens', page: B4, anchor: 'what-kube-apiserver-checks-in-order' },
    token: true,
    wordings: [
      {
        source: 'kube-apiserver',
        all: ['service account token is not valid yet'],
        sample:
          'E1206 21:50:00.000000       1 authentication.go:73] "Unable to authenticate the request" err="service account token is not valid yet"',
        from: 'kubernetes/kubernetes pkg/serviceaccount/jwt.go, claims.go and legacy.go (via src/tokens); kube-apiserver does not run here',
      },
      {
        source: 'kube-apiserver',
        all: ['service account token is issued in the future'],
        sample:
          'E1206 21:50:00.000000       1 authentication.go:73] "Unable to authenticate the request" err="service account token is issued in the future"',
        from: 'kubernetes/kubernetes pkg/serviceaccount/jwt.go, claims.go and legacy.go (via src/tokens); kube-apiserver does not run here',
      },
    ],
    keywords: ['nbf', 'iat', 'clock'],
  },
  {
    id: 'sa-token-invalidated',
    layer: 'authn',
    lesson: { part: 'bearer-tokens', page: B4, anchor: 'bound-tokens-short-lived-and-tied-to-an-object' },
    token: true,
    wordings: [
      {
        source: 'kube-apiserver',
        all: ['service account token has been invalidated'],
        sample:
          'E1206 21:50:00.000000       1 authentication.go:73] "Unable to authenticate the request" err="service account token has been invalidated"',
        from: 'kubernetes/kubernetes pkg/serviceaccount/jwt.go, claims.go and legacy.go (via src/tokens); kube-apiserver does not run here',
      },
      {
        source: 'kube-apiserver',
        all: [' uid (', ') does not match service account ', ' ref claim ('],
        sample:
          'E1206 21:50:00.000000       1 authentication.go:73] "Unable to authenticate the request" err="pod UID (0d8a5b2e-6f1c-4c3a-9b7e-2a4d6c8e0f12) does not match service account pod ref claim (9e1c2b7a-0d55-4b8e-a2f0-6f1d3c4b5a69)"',
        from: 'kubernetes/kubernetes pkg/serviceaccount/jwt.go, claims.go and legacy.go (via src/tokens); kube-apiserver does not run here',
      },
      {
        // legacy.go: the Secret that held a legacy token is gone.
        source: 'kube-apiserver',
        all: ['token has been invalidated'],
        sample:
          'E1206 21:50:00.000000       1 authentication.go:73] "Unable to authenticate the request" err="Token has been invalidated"',
        from: 'kubernetes/kubernetes pkg/serviceaccount/jwt.go, claims.go and legacy.go (via src/tokens); kube-apiserver does not run here',
      },
    ],
    keywords: ['pod', 'secret', 'node', 'bound', 'deleted'],
  },
  {
    id: 'sa-token-service-account',
    layer: 'authn',
    lesson: { part: 'bearer-tokens', page: B4, anchor: 'what-kube-apiserver-checks-in-order' },
    token: true,
    wordings: [
      {
        source: 'kube-apiserver',
        all: ['service account uid (', ') does not match claim ('],
        sample:
          'E1206 21:50:00.000000       1 authentication.go:73] "Unable to authenticate the request" err="service account UID (7d2c9a10-3b4e-4f5a-8c6d-1e2f3a4b5c6d) does not match claim (5b4f0e4c-3c3a-4f0e-9d55-0d2f8a1e7c11)"',
        from: 'kubernetes/kubernetes pkg/serviceaccount/jwt.go, claims.go and legacy.go (via src/tokens); kube-apiserver does not run here',
      },
      {
        source: 'kube-apiserver',
        all: ['serviceaccount uid (', ') does not match claim ('],
        sample:
          'E1206 21:50:00.000000       1 authentication.go:73] "Unable to authenticate the request" err="ServiceAccount UID (7d2c9a10-3b4e-4f5a-8c6d-1e2f3a4b5c6d) does not match claim (5b4f0e4c-3c3a-4f0e-9d55-0d2f8a1e7c11)"',
        from: 'kubernetes/kubernetes pkg/serviceaccount/jwt.go, claims.go and legacy.go (via src/tokens); kube-apiserver does not run here',
      },
      {
        source: 'kube-apiserver',
        all: ['serviceaccounts \\"', '\\" not found'],
        sample:
          'E1206 21:50:00.000000       1 authentication.go:73] "Unable to authenticate the request" err="serviceaccounts \\"builder\\" not found"',
        from: 'kubernetes/kubernetes pkg/serviceaccount/jwt.go, claims.go and legacy.go (via src/tokens); kube-apiserver does not run here',
      },
      {
        source: 'kube-apiserver',
        all: ['service account ', ' has been deleted'],
        sample:
          'E1206 21:50:00.000000       1 authentication.go:73] "Unable to authenticate the request" err="service account lab/builder has been deleted"',
        from: 'kubernetes/kubernetes pkg/serviceaccount/jwt.go, claims.go and legacy.go (via src/tokens); kube-apiserver does not run here',
      },
      {
        source: 'kube-apiserver',
        all: ['serviceaccount ', ' has been deleted'],
        sample:
          'E1206 21:50:00.000000       1 authentication.go:73] "Unable to authenticate the request" err="ServiceAccount lab/builder has been deleted"',
        from: 'kubernetes/kubernetes pkg/serviceaccount/jwt.go, claims.go and legacy.go (via src/tokens); kube-apiserver does not run here',
      },
    ],
    keywords: ['serviceaccount', 'uid', 'deleted'],
  },
  {
    id: 'sa-token-claims',
    layer: 'authn',
    lesson: { part: 'bearer-tokens', page: B4, anchor: 'what-kube-apiserver-checks-in-order' },
    token: true,
    wordings: [
      {
        source: 'kube-apiserver',
        all: ['service account token claims could not be validated'],
        sample:
          'E1206 21:50:00.000000       1 authentication.go:73] "Unable to authenticate the request" err="service account token claims could not be validated due to unexpected validation error"',
        from: 'kubernetes/kubernetes pkg/serviceaccount/jwt.go, claims.go and legacy.go (via src/tokens); kube-apiserver does not run here',
      },
      {
        source: 'kube-apiserver',
        all: ['sub claim is invalid'],
        sample:
          'E1206 21:50:00.000000       1 authentication.go:73] "Unable to authenticate the request" err="sub claim is invalid"',
        from: 'kubernetes/kubernetes pkg/serviceaccount/jwt.go, claims.go and legacy.go (via src/tokens); kube-apiserver does not run here',
      },
      {
        source: 'kube-apiserver',
        all: [' claim is missing'],
        sample:
          'E1206 21:50:00.000000       1 authentication.go:73] "Unable to authenticate the request" err="namespace claim is missing"',
        from: 'kubernetes/kubernetes pkg/serviceaccount/jwt.go, claims.go and legacy.go (via src/tokens); kube-apiserver does not run here',
      },
    ],
    keywords: ['claims', 'sub', 'jwt'],
  },
  {
    id: 'sa-legacy-token',
    layer: 'authn',
    lesson: { part: 'bearer-tokens', page: B4, anchor: 'legacy-secret-tokens-and-their-end' },
    token: true,
    wordings: [
      {
        source: 'kube-apiserver',
        all: ["token does not match server's copy"],
        sample:
          'E1206 21:50:00.000000       1 authentication.go:73] "Unable to authenticate the request" err="Token does not match server\'s copy"',
        from: 'kubernetes/kubernetes pkg/serviceaccount/legacy.go (via src/tokens)',
      },
      {
        source: 'kube-apiserver',
        all: [' has been marked invalid. use tokens from the tokenrequest api'],
        sample:
          'E1206 21:50:00.000000       1 authentication.go:73] "Unable to authenticate the request" err="the token in secret lab/builder-token for service account lab/builder has been marked invalid. Use tokens from the TokenRequest API or manually created secret-based tokens, or remove the \'kubernetes.io/legacy-token-invalid-since\' label from the secret to temporarily allow use of this token"',
        from: 'kubernetes/kubernetes pkg/serviceaccount/legacy.go (via src/tokens)',
      },
    ],
    keywords: ['legacy', 'secret', 'token'],
  },

  // ── Part 3: OIDC ID tokens ───────────────────────────────────────────────
  {
    id: 'oidc-audience',
    layer: 'authn',
    lesson: { part: 'oidc', page: O5, anchor: 'the-checks-in-kube-apiservers-order' },
    token: true,
    wordings: [
      {
        source: 'kube-apiserver',
        all: ['oidc: expected audience '],
        sample:
          'E1207 13:00:00.000000       1 authentication.go:73] "Unable to authenticate the request" err="[invalid bearer token, oidc: verify token: oidc: expected audience \\"kubernetes\\" got [\\"kubectl\\"]]"',
        from: OIDC_FROM,
      },
      {
        source: 'kube-apiserver',
        all: ['oidc: expected audience '],
        sample:
          'Unable to authenticate the request: oidc: verify token: oidc: expected audience "kubernetes" got ["kubectl"]',
        captured: STANDIN,
      },
    ],
    capture:
      /expected audience (?:in )?(?<apiAudiences>\[[^\]]{0,300}\]|\\?"[^"\\]{0,300}\\?") got (?<audiences>\[[^\]]{0,300}\])/,
    keywords: ['oidc', 'aud', 'audience', 'oidc-client-id', 'audiences'],
  },
  {
    id: 'oidc-expired',
    layer: 'authn',
    lesson: { part: 'oidc', page: O5, anchor: 'the-checks-in-kube-apiservers-order' },
    token: true,
    wordings: [
      {
        source: 'kube-apiserver',
        all: ['oidc: token is expired'],
        sample:
          'Unable to authenticate the request: oidc: verify token: oidc: token is expired (Token Expiry: 2026-12-07 12:03:47 +0000 UTC)',
        captured: STANDIN,
      },
      {
        source: 'kube-apiserver',
        all: ['oidc: current time ', ' before the nbf (not before) time: '],
        sample:
          'E1207 13:00:00.000000       1 authentication.go:73] "Unable to authenticate the request" err="[invalid bearer token, oidc: verify token: oidc: current time 2026-12-07 13:00:00 +0000 UTC before the nbf (not before) time: 2026-12-07 14:00:00 +0000 UTC]"',
        from: OIDC_FROM,
      },
    ],
    capture: /Token Expiry: (?<notAfter>[^)]{1,60})\)|nbf \(not before\) time: (?<notBefore>[^\]"]{1,60})/,
    keywords: ['oidc', 'exp', 'expired', 'id-token', 'refresh', 'kubelogin'],
  },
  {
    id: 'oidc-email-not-verified',
    layer: 'authn',
    lesson: { part: 'oidc', page: O5, anchor: 'the-checks-in-kube-apiservers-order' },
    token: true,
    wordings: [
      {
        source: 'kube-apiserver',
        all: ['oidc: email not verified'],
        sample: 'Unable to authenticate the request: oidc: email not verified',
        captured: STANDIN,
      },
      {
        source: 'kube-apiserver',
        all: ["oidc: parse 'email_verified' claim: "],
        sample:
          'E1207 13:00:00.000000       1 authentication.go:73] "Unable to authenticate the request" err="[invalid bearer token, oidc: parse \'email_verified\' claim: json: cannot unmarshal string into Go value of type bool]"',
        from: OIDC_FROM,
      },
    ],
    keywords: ['oidc', 'email', 'email_verified', 'oidc-username-claim'],
  },
  {
    id: 'oidc-signature',
    layer: 'authn',
    lesson: { part: 'oidc', page: O5, anchor: 'the-checks-in-kube-apiservers-order' },
    token: true,
    wordings: [
      {
        source: 'kube-apiserver',
        all: ['failed to verify signature: '],
        sample:
          'Unable to authenticate the request: oidc: verify token: failed to verify signature: failed to verify id token signature',
        captured: STANDIN,
      },
    ],
    keywords: ['oidc', 'jwks', 'kid', 'signature', 'key', 'rotation'],
  },
  {
    id: 'oidc-signing-alg',
    layer: 'authn',
    lesson: { part: 'oidc', page: O3, anchor: 'the-flags' },
    token: true,
    wordings: [
      {
        source: 'kube-apiserver',
        all: ['oidc: id token signed with unsupported algorithm'],
        sample:
          'Unable to authenticate the request: oidc: verify token: oidc: id token signed with unsupported algorithm, expected ["RS256"] got "PS256"',
        captured: STANDIN,
      },
    ],
    capture: /unsupported algorithm, expected \[[^\]]{0,200}\] got \\?"(?<algorithm>[A-Za-z0-9]{1,20})/,
    keywords: ['oidc', 'alg', 'rs256', 'es256', 'oidc-signing-algs'],
  },
  {
    id: 'oidc-not-initialized',
    layer: 'authn',
    lesson: { part: 'oidc', page: O2, anchor: 'the-issuer-string-exactly' },
    token: true,
    wordings: [
      {
        source: 'kube-apiserver',
        all: ['oidc: authenticator not initialized'],
        sample: 'Unable to authenticate the request: oidc: authenticator not initialized',
        captured: STANDIN,
      },
    ],
    keywords: ['oidc', 'discovery', 'issuer', 'initialized', 'oidc-ca-file'],
  },
  {
    id: 'oidc-issuer-mismatch',
    layer: 'authn',
    lesson: { part: 'oidc', page: O2, anchor: 'the-issuer-string-exactly' },
    wordings: [
      {
        source: 'kube-apiserver',
        all: ['oidc: issuer did not match the issuer returned by provider'],
        sample:
          'oidc authenticator: initializing plugin: oidc: issuer did not match the issuer returned by provider, expected "https://localhost:34949/" got "https://localhost:34949"',
        captured: STANDIN,
      },
    ],
    capture: /expected \\?"(?<issuer>[^"\\]{1,300})\\?" got \\?"(?<discovered>[^"\\]{0,300})/,
    keywords: ['oidc', 'issuer', 'discovery', 'openid-configuration', 'slash'],
  },
  {
    id: 'oidc-claim',
    layer: 'authn',
    lesson: { part: 'oidc', page: O3, anchor: 'the-file' },
    token: true,
    wordings: [
      {
        source: 'kube-apiserver',
        all: ['oidc: required claim ', ' not present in id token'],
        sample: 'Unable to authenticate the request: oidc: required claim hd not present in ID token',
        captured: STANDIN,
      },
      {
        source: 'kube-apiserver',
        all: ['oidc: required claim ', ' value does not match.'],
        sample:
          'Unable to authenticate the request: oidc: required claim hd value does not match. Got = evil.example, want = example.com',
        captured: STANDIN,
      },
      {
        source: 'kube-apiserver',
        all: ['oidc: parse groups claim '],
        sample:
          'Unable to authenticate the request: oidc: parse groups claim "groups": json: cannot unmarshal array into Go value of type string',
        captured: STANDIN,
      },
      {
        source: 'kube-apiserver',
        all: ['oidc: parse username claims '],
        sample:
          'E1207 13:00:00.000000       1 authentication.go:73] "Unable to authenticate the request" err="[invalid bearer token, oidc: parse username claims \\"email\\": claim not present]"',
        from: OIDC_FROM,
      },
      {
        // The structured configuration's CEL: claim and user validation rules, mappings.
        source: 'kube-apiserver',
        all: ['oidc: error evaluating '],
        sample:
          'E1207 13:00:00.000000       1 authentication.go:73] "Unable to authenticate the request" err="[invalid bearer token, oidc: error evaluating claim validation expression: validation expression \'claims.exp - claims.nbf <= 86400\' failed: at most a day]"',
        from: `${OIDC_FROM}; CEL runs in the engine only (src/tokens/oidc-cel.ts)`,
      },
      {
        source: 'kube-apiserver',
        all: ['oidc: empty username via cel expression is not allowed'],
        sample:
          'E1207 13:00:00.000000       1 authentication.go:73] "Unable to authenticate the request" err="[invalid bearer token, oidc: empty username via CEL expression is not allowed]"',
        from: `${OIDC_FROM}; CEL runs in the engine only (src/tokens/oidc-cel.ts)`,
      },
    ],
    capture:
      /required claim (?<claim>\S{1,100}) |parse (?:groups|username|uid) claims? \\?"(?<claim2>[^"\\]{1,100})/,
    keywords: ['oidc', 'claim', 'claimmappings', 'claimvalidationrules', 'cel', 'oidc-required-claim'],
  },

  // ── Part 4: the token webhook ────────────────────────────────────────────
  {
    id: 'webhook-failed',
    layer: 'authn',
    lesson: { part: 'webhook', page: W1, anchor: 'when-the-webhook-is-down' },
    token: true,
    generic: true,
    wordings: [
      {
        source: 'kube-apiserver',
        all: ['failed to make webhook authenticator request: '],
        sample:
          'E1207 13:00:00.000000       1 webhook.go:154] Failed to make webhook authenticator request: 0-length response with status code: 200 and content type: text/plain',
        from: WEBHOOK_FROM,
      },
    ],
    keywords: ['webhook', 'tokenreview', 'authentication-token-webhook-config-file'],
  },
  {
    id: 'webhook-unreachable',
    layer: 'authn',
    lesson: { part: 'webhook', page: W1, anchor: 'when-the-webhook-is-down' },
    token: true,
    wordings: [
      {
        source: 'kube-apiserver',
        all: ['failed to make webhook authenticator request: ', 'dial tcp ', 'connect: connection refused'],
        sample:
          'Failed to make webhook authenticator request: Post "https://127.0.0.1:34977/authenticate": dial tcp 127.0.0.1:34977: connect: connection refused',
        captured: STANDIN,
      },
      {
        // The same failure reaching further than Go's own words (a timeout, a name that does not resolve).
        source: 'kube-apiserver',
        all: ['failed to make webhook authenticator request: ', 'dial tcp ', 'i/o timeout'],
        sample:
          'E1207 13:00:00.000000       1 webhook.go:154] Failed to make webhook authenticator request: Post "https://10.0.0.9:8443/authenticate": dial tcp 10.0.0.9:8443: i/o timeout',
        from: WEBHOOK_FROM,
      },
      {
        source: 'kube-apiserver',
        all: ['failed to make webhook authenticator request: ', 'dial tcp: lookup ', 'no such host'],
        sample:
          'E1207 13:00:00.000000       1 webhook.go:154] Failed to make webhook authenticator request: Post "https://authn.example.internal:8443/authenticate": dial tcp: lookup authn.example.internal on 127.0.0.53:53: no such host',
        from: WEBHOOK_FROM,
      },
    ],
    capture: /request: Post \\?"(?<server>[^"\\]{1,300})\\?"/,
    keywords: ['webhook', 'refused', 'timeout', 'server'],
  },
  {
    id: 'webhook-tls',
    layer: 'authn',
    lesson: { part: 'webhook', page: W1, anchor: 'when-the-webhook-is-down' },
    token: true,
    wordings: [
      {
        source: 'kube-apiserver',
        all: [
          'failed to make webhook authenticator request: ',
          'x509: certificate signed by unknown authority',
        ],
        sample:
          'Failed to make webhook authenticator request: Post "https://127.0.0.1:42813/authenticate": x509: certificate signed by unknown authority',
        captured: STANDIN,
      },
      {
        // Go 1.20 and later put "tls: failed to verify certificate: " before x509's words.
        source: 'kube-apiserver',
        all: ['failed to make webhook authenticator request: ', 'tls: ', ', not '],
        sample:
          'E1207 13:00:00.000000       1 webhook.go:154] Failed to make webhook authenticator request: Post "https://authn.example.com:8443/authenticate": tls: failed to verify certificate: x509: certificate is valid for localhost, not authn.example.com',
        from: `${WEBHOOK_FROM}; Go 1.20+ crypto/tls wording`,
      },
    ],
    capture: /request: Post \\?"(?<server>[^"\\]{1,300})\\?"/,
    keywords: ['webhook', 'certificate-authority-data', 'x509', 'ca'],
  },
  {
    id: 'webhook-http-error',
    layer: 'authn',
    lesson: { part: 'webhook', page: W3, anchor: 'a-200-says-no-anything-else-is-a-failure' },
    token: true,
    wordings: [
      {
        source: 'kube-apiserver',
        all: ['failed to make webhook authenticator request: an error on the server ('],
        sample:
          'Failed to make webhook authenticator request: an error on the server ("database down") has prevented the request from succeeding',
        captured: STANDIN,
      },
      {
        source: 'kube-apiserver',
        all: [
          'failed to make webhook authenticator request: the server is currently unable to handle the request',
        ],
        sample:
          'Failed to make webhook authenticator request: the server is currently unable to handle the request',
        captured: STANDIN,
      },
      {
        source: 'kube-apiserver',
        all: [
          'failed to make webhook authenticator request: the server could not find the requested resource',
        ],
        sample:
          'Failed to make webhook authenticator request: the server could not find the requested resource',
        captured: STANDIN,
      },
    ],
    keywords: ['webhook', '500', '503', '404', 'status'],
  },
  {
    id: 'webhook-version',
    layer: 'authn',
    lesson: { part: 'webhook', page: W3, anchor: 'one-version-in-the-same-version-out' },
    token: true,
    wordings: [
      {
        source: 'kube-apiserver',
        all: ['failed to make webhook authenticator request: converting ('],
        sample:
          'Failed to make webhook authenticator request: converting (v1beta1.TokenReview) to (v1.TokenReview): unknown conversion',
        captured: STANDIN,
      },
      {
        source: 'kube-apiserver',
        all: ['failed to make webhook authenticator request: no kind '],
        sample:
          'Failed to make webhook authenticator request: no kind "TokenReview" is registered for version "example.com/v1"',
        captured: STANDIN,
      },
    ],
    keywords: ['webhook', 'apiversion', 'v1beta1', 'authentication-token-webhook-version'],
  },
  {
    id: 'webhook-said-no',
    layer: 'authn',
    lesson: { part: 'webhook', page: W3, anchor: 'a-200-says-no-anything-else-is-a-failure' },
    wordings: [],
    keywords: ['webhook', 'authenticated', 'false', 'tokenreview', 'status.error'],
  },

  // ── Part 5: the authenticating proxy and impersonation ───────────────────
  {
    id: 'front-proxy-name-not-allowed',
    layer: 'authn',
    lesson: { part: 'proxy', page: P1, anchor: 'the-flags' },
    wordings: [
      {
        source: 'kube-apiserver',
        all: ['x509: subject with cn=', ' is not in the allowed list'],
        sample:
          'Unable to authenticate the request: [x509: subject with cn=nginx is not in the allowed list, verifying certificate SN=',
        captured: STANDIN,
      },
    ],
    capture: /subject with cn=(?<name>.{1,200}?) is not in the allowed list/,
    keywords: ['requestheader-allowed-names', 'front-proxy', 'proxy', 'x-remote-user'],
  },
  {
    id: 'front-proxy-unknown-ca',
    layer: 'authn',
    lesson: { part: 'proxy', page: P1, anchor: 'the-flags' },
    wordings: [],
    keywords: ['requestheader-client-ca-file', 'front-proxy-ca', 'front-proxy', 'x-remote-user', 'proxy'],
  },
  {
    id: 'impersonation-forbidden',
    layer: 'authz',
    lesson: { part: 'proxy', page: P4, anchor: 'the-errors-you-will-meet' },
    wordings: [
      {
        source: 'kubernetes',
        all: ['forbidden: user "', '" cannot impersonate resource "'],
        sample:
          'Error from server (Forbidden): users "admin" is forbidden: User "bob" cannot impersonate resource "users" in API group "" at the cluster scope',
        captured: `${STANDIN} via kubectl 1.32`,
      },
      {
        source: 'kubernetes',
        all: ['forbidden: user \\"', '\\" cannot impersonate resource \\"'],
        sample:
          '"message":"groups \\"system:masters\\" is forbidden: User \\"bob\\" cannot impersonate resource \\"groups\\" in API group \\"\\" at the cluster scope"',
        captured: `${STANDIN} via curl`,
      },
    ],
    capture:
      /(?<kind>[a-z.]{1,100}) \\?"(?<name>[^"\\]{0,300})\\?" is forbidden: User \\?"(?<user>[^"\\]{0,300})\\?" cannot impersonate resource \\?"(?<resource>[^"\\]{1,200})\\?"/,
    keywords: ['impersonate', 'as', 'as-group', 'impersonate-user', 'rbac'],
  },
  {
    id: 'impersonation-without-user',
    layer: 'client',
    lesson: { part: 'proxy', page: P4, anchor: 'the-errors-you-will-meet' },
    wordings: [
      {
        source: 'kubernetes',
        all: ['requested [', '] without impersonating a user'],
        sample: 'Internal Server Error: "/api": requested [{Group  devs    }] without impersonating a user',
        captured: `${STANDIN} via curl`,
      },
      {
        source: 'kubectl',
        all: ['requesting uid, groups or user-extra for ', ' without impersonating a user'],
        sample: 'error: requesting uid, groups or user-extra for  without impersonating a user',
        captured: `${STANDIN} via kubectl 1.32`,
      },
    ],
    keywords: ['impersonate-group', 'as-group', 'as-uid', 'impersonate-user', '500'],
  },
  {
    id: 'whoami-forbidden',
    layer: 'authz',
    lesson: { part: 'proxy', page: P4, anchor: 'the-errors-you-will-meet' },
    wordings: [
      {
        source: 'kubectl',
        all: [
          'the selfsubjectreviews api is not enabled in the cluster or you do not have permission to call it',
        ],
        sample:
          'error: the selfsubjectreviews API is not enabled in the cluster or you do not have permission to call it',
        captured: `${STANDIN} via kubectl 1.32`,
      },
    ],
    keywords: ['whoami', 'selfsubjectreview', 'system:anonymous', 'as', 'impersonate'],
  },

  // ── Part 6: anonymous requests ───────────────────────────────────────────
  {
    id: 'anonymous-disabled',
    layer: 'authn',
    lesson: { part: 'authenticator-chain', page: C1, anchor: '3-anonymous-requests' },
    wordings: [],
    keywords: ['anonymous-auth', 'anonymous', 'conditions', 'authenticationconfiguration', 'livez'],
  },

  // ── Authorization ────────────────────────────────────────────────────────
  {
    id: 'anonymous-forbidden',
    layer: 'authz',
    lesson: { page: L8, anchor: 'authenticated-but-not-allowed' },
    wordings: [],
    keywords: ['anonymous', 'system:anonymous', 'unauthenticated'],
  },
  {
    id: 'forbidden',
    layer: 'authz',
    lesson: { page: L8, anchor: 'authenticated-but-not-allowed' },
    wordings: [
      {
        source: 'kubernetes',
        all: ['forbidden: user "', '" cannot '],
        sample:
          'Error from server (Forbidden): pods is forbidden: User "jane" cannot list resource "pods" in API group "" in the namespace "default"',
        from: 'kubernetes/kubernetes staging/src/k8s.io/apiserver/pkg/endpoints/handlers/responsewriters/errors.go (forbiddenMessage)',
      },
      {
        source: 'kubernetes',
        all: ['forbidden: user \\"', '\\" cannot '],
        sample: '  "message": "forbidden: User \\"system:anonymous\\" cannot get path \\"/\\"",',
        from: 'kubernetes/kubernetes staging/src/k8s.io/apiserver/pkg/endpoints/handlers/responsewriters/errors.go (forbiddenMessage)',
      },
    ],
    capture:
      /User \\?"(?<user>[^"\\]{0,300})\\?" cannot (?<verb>[a-z*]{1,40}) (?:resource \\?"(?<resource>[^"\\]{1,200})\\?"(?: in API group \\?"(?<group>[^"\\]{0,200})\\?")?(?: in the namespace \\?"(?<namespace>[^"\\]{1,200})\\?"| at the cluster scope)?|path \\?"(?<path>[^"\\]{1,300})\\?")/,
    refine: (c) => (c.user === 'system:anonymous' ? 'anonymous-forbidden' : undefined),
    keywords: ['403', 'forbidden', 'rbac', 'rolebinding', 'cannot'],
  },

  // ── The CertificateSigningRequest API ────────────────────────────────────
  {
    id: 'csr-system-masters',
    layer: 'csr',
    lesson: { page: '09-what-certificates-cannot-do', anchor: 'systemmasters-cannot-be-reined-in' },
    wordings: [
      {
        source: 'kubernetes',
        all: ['signer with system:masters group is not allowed'],
        sample:
          'Error from server (Forbidden): error when creating "csr.yaml": certificatesigningrequests.certificates.k8s.io "jane" is forbidden: use of kubernetes.io/kube-apiserver-client signer with system:masters group is not allowed',
        from: 'kubernetes/kubernetes pkg/apis/certificates/validation and plugin/pkg/admission/certificates; kube-apiserver does not run here',
      },
    ],
    keywords: ['csr', 'system:masters'],
  },
  {
    id: 'csr-invalid-usage',
    layer: 'csr',
    lesson: { page: '07-lab-new-user' },
    wordings: [
      {
        source: 'kubernetes',
        all: ['invalid usage for client certificate: '],
        sample: 'invalid usage for client certificate: server auth',
        from: 'kubernetes/kubernetes pkg/apis/certificates/validation and plugin/pkg/admission/certificates; kube-apiserver does not run here',
      },
    ],
    capture: /invalid usage for client certificate: (?<usage>[a-z ]{1,60})/,
    keywords: ['csr', 'usages'],
  },
  {
    id: 'csr-expiration-too-short',
    layer: 'csr',
    lesson: { page: '09-what-certificates-cannot-do', anchor: 'short-lifetimes-are-the-mitigation' },
    wordings: [
      {
        source: 'kubernetes',
        all: ['spec.expirationseconds: invalid value: ', 'may not specify a duration less than 600 seconds'],
        sample:
          'The CertificateSigningRequest "jane" is invalid: spec.expirationSeconds: Invalid value: 300: may not specify a duration less than 600 seconds (10 minutes)',
        from: 'kubernetes/kubernetes pkg/apis/certificates/validation and plugin/pkg/admission/certificates; kube-apiserver does not run here',
      },
    ],
    keywords: ['csr', 'expirationseconds'],
  },
];

/** The entry with `id`, or undefined. */
export function catalogueEntry(id: string): CatalogueEntry | undefined {
  return CATALOGUE.find((e) => e.id === id);
}
