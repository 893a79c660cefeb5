// The text of token-webhook.py: a TokenReview webhook for kube-apiserver's
// --authentication-token-webhook-config-file, in Python 3 with the standard library only (every
// Ubuntu has it). It serves HTTPS with the part-1 server certificate, optionally requires kube-
// apiserver's client certificate (--client-ca), answers POSTs to one path (default /authenticate):
// a TokenReview v1 or v1beta1 gets HTTP 200 and a TokenReview in the same apiVersion, with the user
// of the token from the users file (src/tokens/webhook-users.ts: the same rules, the same answer as
// webhookScriptAnswer), or authenticated: false for a token it does not know — never a 401, which
// kube-apiserver would count as a failing webhook. Anything else gets 400 (not a TokenReview), 404
// (another path) or 405. One log line per review, with a SHA-256 fingerprint instead of the token.
// The users file is read again whenever it changes, so removing a token shows kube-apiserver's
// cache at work. Korean edition: same code, Korean comments and messages.
import type { Lang } from '../../i18n/index.ts';
import { type TextTable, textsIn } from '../texts.ts';

/** The file names the script expects by default (part-1 names, the users file the site writes). */
export const TOKEN_WEBHOOK_DEFAULTS = {
  cert: 'server.pem',
  key: 'server-key.pem',
  users: 'webhook-users.json',
  port: 8443,
  path: '/authenticate',
} as const;

const TEXTS = {
  header: {
    en: `# token-webhook.py: a TokenReview webhook for kube-apiserver (Kube Auth Lab, part 4).
# kube-apiserver POSTs each bearer token it cannot place to this server, as a TokenReview; the
# webhook answers who the token belongs to (its users file), or authenticated: false.
#
# Run it on a host kube-apiserver can reach, in the folder with the files from lesson 3
# (server.pem, server-key.pem, rootCA.pem) and the users file made on the lesson page:
#   python3 token-webhook.py --cert server.pem --key server-key.pem --users webhook-users.json
# Options: --client-ca rootCA.pem requires kube-apiserver's client certificate signed by that CA;
# --address (default 127.0.0.1; 0.0.0.0 to let a cluster reach it), --port (default 8443),
# --path (default /authenticate: the path of the server URL in the webhook kubeconfig).
# Python 3 standard library only. Stop it with Ctrl-C.`,
    ko: `# token-webhook.py: kube-apiserver용 TokenReview 웹훅입니다(Kube Auth Lab 4부).
# kube-apiserver는 스스로 판단하지 못한 bearer 토큰을 TokenReview로 이 서버에 POST합니다.
# 웹훅은 토큰의 주인을 사용자 파일에서 찾아 답하고, 모르는 토큰에는 authenticated: false로 답합니다.
#
# kube-apiserver가 접근할 수 있는 호스트에서, 3강에서 만든 파일(server.pem, server-key.pem,
# rootCA.pem)과 강의 페이지에서 만든 사용자 파일이 있는 폴더에서 실행하세요.
#   python3 token-webhook.py --cert server.pem --key server-key.pem --users webhook-users.json
# 옵션: --client-ca rootCA.pem 을 주면 그 CA가 서명한 kube-apiserver 클라이언트 인증서를 요구합니다.
# --address(기본값 127.0.0.1, 클러스터에서 접근하게 하려면 0.0.0.0), --port(기본값 8443),
# --path(기본값 /authenticate: 웹훅 kubeconfig의 server URL에 있는 경로).
# Python 3 표준 라이브러리만 씁니다. 멈추려면 Ctrl-C를 누르세요.`,
  },
  cUsers: {
    en: '# The users file: {"users": [{"token", "username", "uid", "groups", "extra"}]}, read with the site\'s rules.',
    ko: '# 사용자 파일: {"users": [{"token", "username", "uid", "groups", "extra"}]}. 사이트와 같은 규칙으로 읽습니다.',
  },
  cReload: {
    en: '# Read the file again when it changes; if the new text is bad, keep the users read before.',
    ko: '# 파일이 바뀌면 다시 읽습니다. 새 내용이 잘못되었으면 전에 읽은 사용자를 그대로 씁니다.',
  },
  cAnswer: {
    en: '# Always HTTP 200 for a TokenReview, in the apiVersion it was asked in; authenticated: false for an unknown token.',
    ko: '# TokenReview에는 항상 HTTP 200으로, 요청과 같은 apiVersion으로 답합니다. 모르는 토큰에는 authenticated: false.',
  },
  cLog: {
    en: '# One line per review; the token itself is never logged, only the start of its SHA-256.',
    ko: '# 리뷰마다 한 줄을 남깁니다. 토큰 자체는 남기지 않고 SHA-256 앞부분만 남깁니다.',
  },
  cTls: {
    en: '# HTTPS with the server certificate; with --client-ca, a client certificate from that CA is required.',
    ko: '# 서버 인증서로 HTTPS를 제공합니다. --client-ca를 주면 그 CA가 서명한 클라이언트 인증서가 있어야 합니다.',
  },
  helpDescription: {
    en: 'A TokenReview webhook for kube-apiserver (Kube Auth Lab, part 4).',
    ko: 'kube-apiserver용 TokenReview 웹훅(Kube Auth Lab 4부).',
  },
  helpCert: { en: 'serving certificate (PEM)', ko: '서버 인증서(PEM)' },
  helpKey: { en: 'its private key (PEM)', ko: '그 개인 키(PEM)' },
  helpUsers: { en: 'the users file (JSON)', ko: '사용자 파일(JSON)' },
  helpClientCa: {
    en: "require kube-apiserver's client certificate, signed by this CA (PEM)",
    ko: '이 CA(PEM)가 서명한 kube-apiserver 클라이언트 인증서를 요구합니다',
  },
  helpAddress: { en: 'address to listen on', ko: '수신 주소' },
  helpPort: { en: 'port to listen on', ko: '수신 포트' },
  helpPath: { en: 'the path kube-apiserver POSTs to', ko: 'kube-apiserver가 POST하는 경로' },
  badEntry: { en: 'users[{}].{} must be {}', ko: 'users[{}].{} 값은 {}이어야 합니다' },
  notObject: {
    en: 'the users file must be a JSON object with a "users" list',
    ko: '사용자 파일은 "users" 목록이 있는 JSON 오브젝트여야 합니다',
  },
  duplicate: {
    en: 'users[{}] repeats a token given before',
    ko: 'users[{}]의 토큰이 앞에서 이미 나왔습니다',
  },
  expToken: { en: 'a non-empty string without spaces', ko: '공백 없는 비어 있지 않은 문자열' },
  expUsername: { en: 'a non-empty string', ko: '비어 있지 않은 문자열' },
  expString: { en: 'a string', ko: '문자열' },
  expGroups: { en: 'a list of non-empty strings', ko: '비어 있지 않은 문자열의 목록' },
  expExtra: { en: 'an object of string lists', ko: '문자열 목록을 값으로 갖는 오브젝트' },
  expObject: { en: 'an object', ko: '오브젝트' },
  notReview: {
    en: 'expected kind TokenReview and apiVersion authentication.k8s.io/v1 or /v1beta1, got kind {} and apiVersion {}',
    ko: 'kind TokenReview, apiVersion authentication.k8s.io/v1 또는 /v1beta1이어야 하는데 kind {}, apiVersion {}입니다',
  },
  notJson: { en: 'the body is not JSON: {}', ko: '본문이 JSON이 아닙니다: {}' },
  badToken: { en: 'spec.token must be a string', ko: 'spec.token 값은 문자열이어야 합니다' },
  notFound: {
    en: 'no webhook at {} (it answers POSTs to {})',
    ko: '{}에는 웹훅이 없습니다({}로 POST하세요)',
  },
  onlyPost: { en: 'only POST is answered here', ko: '여기서는 POST에만 답합니다' },
  cannotStart: { en: 'token-webhook.py cannot start: {}', ko: 'token-webhook.py를 시작할 수 없습니다: {}' },
  listening: {
    en: 'listening on https://{}:{}{} (users: {}, from {}; client certificates: {})',
    ko: 'https://{}:{}{} 주소에서 기다립니다(사용자 {}명, 파일 {}, 클라이언트 인증서: {})',
  },
  required: { en: 'required, CA {}', ko: '필수, CA {}' },
  notRequired: { en: 'not required', ko: '요구하지 않음' },
  reloaded: { en: 'users file read again, users: {}', ko: '사용자 파일을 다시 읽었습니다: 사용자 {}명' },
  reloadFailed: {
    en: 'users file not read again, the users read before stay: {}',
    ko: '사용자 파일을 다시 읽지 못해 전에 읽은 사용자를 그대로 씁니다: {}',
  },
  accepted: { en: 'user {} groups {}', ko: '사용자 {} 그룹 {}' },
  unknown: { en: 'unknown token: authenticated false', ko: '모르는 토큰: authenticated false' },
  refused: { en: 'refused {} {} ({}): {}', ko: '거절 {} {}({}): {}' },
  tlsRefused: { en: 'TLS handshake refused: {}', ko: 'TLS 핸드셰이크 거절: {}' },
  stopped: { en: 'stopped', ko: '멈췄습니다' },
} satisfies TextTable;

/** Python's str.format with positional {} fields. */
const format = (template: string, ...args: (string | number)[]) => {
  let i = 0;
  return template.replace(/\{\}/g, () => String(args[i++]));
};

/** json.dumps(value, ensure_ascii=False) of a list of strings, as the script logs it. */
const dumpsList = (list: string[]) => `[${list.map((s) => JSON.stringify(s)).join(', ')}]`;

/** The line token-webhook.py prints when it starts (after its timestamp and a space). */
export function tokenWebhookListeningLine(
  p: { address?: string; port?: number; path?: string; users: number; usersFile?: string; clientCa?: string },
  lang: Lang = 'en',
): string {
  const t = textsIn(TEXTS, lang);
  const d = TOKEN_WEBHOOK_DEFAULTS;
  const clients = p.clientCa ? format(t.required, p.clientCa) : t.notRequired;
  return format(
    t.listening,
    p.address ?? '127.0.0.1',
    p.port ?? d.port,
    p.path ?? d.path,
    p.users,
    p.usersFile ?? d.users,
    clients,
  );
}

/** The line token-webhook.py logs for one review (after its timestamp and a space). */
export function tokenWebhookReviewLine(
  p: {
    version: 'v1' | 'v1beta1';
    /** "sha256:" and the first 12 hex digits of the token's SHA-256. */
    fingerprint: string;
    audiences?: string[];
    /** The user the token belongs to; none: an unknown token. */
    user?: { username: string; groups?: string[] };
  },
  lang: Lang = 'en',
): string {
  const t = textsIn(TEXTS, lang);
  const outcome = p.user ? format(t.accepted, p.user.username, dumpsList(p.user.groups ?? [])) : t.unknown;
  return `TokenReview ${p.version} token ${p.fingerprint} audiences ${dumpsList(p.audiences ?? [])} -> ${outcome}`;
}

/** Python string literal (JSON's escapes are Python's). */
function py(text: string): string {
  return JSON.stringify(text);
}

/** The text of token-webhook.py, its comments and messages in `lang`. */
export function tokenWebhookScript(lang: Lang = 'en'): string {
  const t = textsIn(TEXTS, lang);
  const d = TOKEN_WEBHOOK_DEFAULTS;
  return `#!/usr/bin/env python3
${t.header}
import argparse
import hashlib
import json
import os
import ssl
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

VERSIONS = ("authentication.k8s.io/v1", "authentication.k8s.io/v1beta1")


def log(line):
    print(time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()) + " " + line, flush=True)


${t.cUsers}
def read_users(path):
    with open(path, encoding="utf-8") as f:
        try:
            doc = json.load(f)
        except ValueError as e:
            raise ValueError(${py(t.notJson)}.format(e))
    if not isinstance(doc, dict) or not isinstance(doc.get("users"), list):
        raise ValueError(${py(t.notObject)})
    users = {}
    for i, e in enumerate(doc["users"]):
        def bad(field, expected):
            raise ValueError(${py(t.badEntry)}.format(i, field, expected))
        if not isinstance(e, dict):
            bad("", ${py(t.expObject)})
        token = e.get("token")
        if not isinstance(token, str) or token == "" or any(c.isspace() for c in token):
            bad("token", ${py(t.expToken)})
        if not isinstance(e.get("username"), str) or e["username"] == "":
            bad("username", ${py(t.expUsername)})
        if "uid" in e and not isinstance(e["uid"], str):
            bad("uid", ${py(t.expString)})
        groups = e.get("groups", [])
        if not isinstance(groups, list) or not all(isinstance(g, str) and g != "" for g in groups):
            bad("groups", ${py(t.expGroups)})
        extra = e.get("extra", {})
        if not isinstance(extra, dict) or not all(
            k != "" and isinstance(v, list) and all(isinstance(s, str) for s in v) for k, v in extra.items()
        ):
            bad("extra", ${py(t.expExtra)})
        if token in users:
            raise ValueError(${py(t.duplicate)}.format(i))
        user = {"username": e["username"]}
        if e.get("uid"):
            user["uid"] = e["uid"]
        if groups:
            user["groups"] = groups
        if extra:
            user["extra"] = extra
        users[token] = user
    return users


class Users:
    def __init__(self, path):
        self.path = path
        self.lock = threading.Lock()
        self.stamp = self._stamp()
        self.users = read_users(path)

    def _stamp(self):
        st = os.stat(self.path)
        return (st.st_mtime_ns, st.st_size, st.st_ino)

    ${t.cReload}
    def get(self, token):
        with self.lock:
            try:
                stamp = self._stamp()
                if stamp != self.stamp:
                    self.stamp = stamp
                    self.users = read_users(self.path)
                    log(${py(t.reloaded)}.format(len(self.users)))
            except (OSError, ValueError) as e:
                log(${py(t.reloadFailed)}.format(e))
            return self.users.get(token)


def fingerprint(token):
    return "sha256:" + hashlib.sha256(token.encode("utf-8")).hexdigest()[:12]


class Handler(BaseHTTPRequestHandler):
    server_version = "token-webhook"
    protocol_version = "HTTP/1.1"

    def reply(self, code, content_type, body):
        data = body.encode("utf-8")
        self.send_response(code)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def refuse(self, code, message):
        log(${py(t.refused)}.format(self.command, self.path, code, message))
        self.reply(code, "text/plain; charset=utf-8", message + "\\n")

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        if self.path != self.server.review_path:
            return self.refuse(404, ${py(t.notFound)}.format(self.path, self.server.review_path))
        try:
            review = json.loads(body)
        except ValueError as e:
            return self.refuse(400, ${py(t.notJson)}.format(e))
        api = review.get("apiVersion") if isinstance(review, dict) else None
        kind = review.get("kind") if isinstance(review, dict) else None
        if kind != "TokenReview" or api not in VERSIONS:
            return self.refuse(400, ${py(t.notReview)}.format(json.dumps(kind), json.dumps(api)))
        spec = review.get("spec") or {}
        token = spec.get("token", "") if isinstance(spec, dict) else None
        if not isinstance(token, str):
            return self.refuse(400, ${py(t.badToken)})
        audiences = spec.get("audiences") or []
        user = self.server.users.get(token)
        ${t.cAnswer}
        status = {"authenticated": True, "user": user} if user else {"authenticated": False}
        self.reply(200, "application/json", json.dumps({"apiVersion": api, "kind": "TokenReview", "status": status}))
        ${t.cLog}
        if user:
            outcome = ${py(t.accepted)}.format(user["username"], json.dumps(user.get("groups", []), ensure_ascii=False))
        else:
            outcome = ${py(t.unknown)}
        log("TokenReview {} token {} audiences {} -> {}".format(
            api.split("/")[1], fingerprint(token), json.dumps(audiences, ensure_ascii=False), outcome))

    def do_GET(self):
        self.refuse(405, ${py(t.onlyPost)})

    do_PUT = do_DELETE = do_PATCH = do_GET

    def log_message(self, format, *args):
        pass


class Server(ThreadingHTTPServer):
    daemon_threads = True

    def get_request(self):
        try:
            return super().get_request()
        except ssl.SSLError as e:
            log(${py(t.tlsRefused)}.format(e.reason or e))
            raise


def main():
    p = argparse.ArgumentParser(description=${py(t.helpDescription)})
    p.add_argument("--cert", default=${py(d.cert)}, help=${py(t.helpCert)})
    p.add_argument("--key", default=${py(d.key)}, help=${py(t.helpKey)})
    p.add_argument("--users", default=${py(d.users)}, help=${py(t.helpUsers)})
    p.add_argument("--client-ca", help=${py(t.helpClientCa)})
    p.add_argument("--address", default="127.0.0.1", help=${py(t.helpAddress)})
    p.add_argument("--port", type=int, default=${d.port}, help=${py(t.helpPort)})
    p.add_argument("--path", default=${py(d.path)}, help=${py(t.helpPath)})
    args = p.parse_args()
    try:
        users = Users(args.users)
        ${t.cTls}
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        ctx.minimum_version = ssl.TLSVersion.TLSv1_2
        ctx.load_cert_chain(args.cert, args.key)
        if args.client_ca:
            ctx.verify_mode = ssl.CERT_REQUIRED
            ctx.load_verify_locations(args.client_ca)
        server = Server((args.address, args.port), Handler)
        server.socket = ctx.wrap_socket(server.socket, server_side=True)
    except (OSError, ValueError, ssl.SSLError) as e:
        print(${py(t.cannotStart)}.format(e), file=sys.stderr, flush=True)
        return 2
    server.users = users
    server.review_path = args.path
    clients = ${py(t.required)}.format(args.client_ca) if args.client_ca else ${py(t.notRequired)}
    host, port = server.socket.getsockname()[:2]
    log(${py(t.listening)}.format(host, port, args.path, len(users.users), args.users, clients))
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        log(${py(t.stopped)})
    return 0


if __name__ == "__main__":
    sys.exit(main())
`;
}
