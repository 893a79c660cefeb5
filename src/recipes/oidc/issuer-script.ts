// The text of oidc-issuer.sh: it serves the issuer files made in the browser (the discovery
// document and the JWKS) over HTTPS with nginx and the part-1 server certificate, at the URL paths
// kube-apiserver fetches ({issuer}/.well-known/openid-configuration and the document's jwks_uri),
// checks them with curl as kube-apiserver will (the CA, the exact issuer string), and keeps serving
// until Ctrl-C. nginx runs in docker by default, or from this host with --local, as nginx-lab.sh
// does; the files are sent with Cache-Control: no-cache, so kube-apiserver refetches the JWKS as soon
// as a token names a key it has not seen. Korean edition: same commands, Korean comments and
// messages (src/recipes/lab-scripts.ts). Written with nginx-lab.sh's `bash` tag.
import type { Lang } from '../../i18n/index.ts';
import { bash } from '../bash.ts';
import { nginxToolsCheck, scriptPrelude } from '../script-prelude.ts';
import { type TextTable, textsIn } from '../texts.ts';

/** The container name; not nginx-lab.sh's, so both can run. */
export const OIDC_ISSUER_CONTAINER = 'kube-auth-lab-oidc';
/** The files the script reads, as the site's OIDC widgets name their downloads. */
export const OIDC_ISSUER_FILES = {
  discovery: 'openid-configuration.json',
  jwks: 'jwks.json',
} as const;

const TEXTS = {
  header: {
    en: bash`# oidc-issuer.sh: serves Kube Auth Lab's OpenID Connect issuer files over HTTPS with nginx,
# at the paths kube-apiserver fetches, checks them as kube-apiserver will, and keeps serving.
#
# Run it on your host, in the folder with the files from lesson 3 (rootCA.pem, server.pem,
# server-key.pem) and the two issuer files made on the identity-provider page:
# openid-configuration.json (the discovery document) and jwks.json (the public key).
#
# Usage: bash oidc-issuer.sh [--local] [--port N] [--address A] [--check]
#   (default)    nginx runs in docker: image nginx, container ${OIDC_ISSUER_CONTAINER}
#   --local      runs the nginx installed on this host, as you, from a temporary folder
#   --port N     the port to listen on (default: the port of the issuer URL, else 443)
#   --address A  the address to listen on (default 127.0.0.1; 0.0.0.0 to let a cluster reach it)
#   --check      check the files over HTTPS, then stop nginx (default: keep serving until Ctrl-C)
# Environment: OIDC_ISSUER_MODE=docker|local, OIDC_ISSUER_IMAGE (default nginx), NGINX_BIN.
# Exit status: 0 when the files are served as kube-apiserver needs them, 1 when a check fails,
# 2 when the script cannot run (a missing tool or file, a busy port).`,
    ko: bash`# oidc-issuer.sh: Kube Auth Lab의 OpenID Connect issuer 파일을 nginx로 HTTPS 제공합니다.
# kube-apiserver가 가져가는 경로에 파일을 두고, kube-apiserver와 같은 방식으로 확인한 다음 계속 제공합니다.
#
# 3강에서 만든 파일(rootCA.pem, server.pem, server-key.pem)과 신원 제공자 페이지에서 만든
# issuer 파일 두 개(openid-configuration.json: 디스커버리 문서, jwks.json: 공개 키)가 있는
# 폴더에서, 여러분의 호스트에서 실행하세요.
#
# 사용법: bash oidc-issuer.sh [--local] [--port N] [--address A] [--check]
#   (기본값)     nginx를 docker에서 실행합니다: 이미지 nginx, 컨테이너 ${OIDC_ISSUER_CONTAINER}
#   --local      이 호스트에 설치된 nginx를 임시 폴더에서 현재 사용자로 실행합니다
#   --port N     수신 포트(기본값: issuer URL의 포트, 없으면 443)
#   --address A  수신 주소(기본값 127.0.0.1, 클러스터에서 접근하게 하려면 0.0.0.0)
#   --check      HTTPS로 파일을 확인한 뒤 nginx를 멈춥니다(기본값: Ctrl-C까지 계속 제공)
# 환경 변수: OIDC_ISSUER_MODE=docker|local, OIDC_ISSUER_IMAGE(기본값 nginx), NGINX_BIN.
# 종료 코드: kube-apiserver가 필요로 하는 대로 파일이 제공되면 0, 확인이 하나라도 실패하면 1,
# 스크립트를 실행할 수 없으면(도구나 파일이 없거나 포트가 사용 중) 2.`,
  },
  usage: {
    en: 'Usage: bash oidc-issuer.sh [--local] [--port N] [--address A] [--check]',
    ko: '사용법: bash oidc-issuer.sh [--local] [--port N] [--address A] [--check]',
  },
  about: {
    en: 'Serves the OpenID Connect issuer files over HTTPS with nginx and checks them as kube-apiserver will.',
    ko: 'OpenID Connect issuer 파일을 nginx로 HTTPS 제공하고 kube-apiserver와 같은 방식으로 확인합니다.',
  },
  unknownOption: { en: 'unknown option $1 (see --help)', ko: '알 수 없는 옵션입니다: $1 (--help 참고)' },
  needsValue: { en: '$1 needs a value', ko: '$1 옵션에는 값이 필요합니다' },
  badPort: {
    en: 'the port must be a number from 1 to 65535, not $port',
    ko: '포트는 1부터 65535 사이의 숫자여야 합니다(받은 값: $port)',
  },
  missingTools: { en: 'missing tools', ko: '없는 도구' },
  missingDocker: { en: 'docker (or use --local)', ko: 'docker(또는 --local 사용)' },
  missingNginx: {
    en: 'nginx (apt-get install nginx, or set NGINX_BIN)',
    ko: 'nginx(apt-get install nginx 또는 NGINX_BIN 지정)',
  },
  missingFiles: {
    en: bash`missing in $PWD: $\{missing[*]} (lesson 3 makes the certificates; the identity-provider page makes the issuer files)`,
    ko: bash`$PWD 폴더에 없는 파일: $\{missing[*]} (인증서는 3강에서, issuer 파일은 신원 제공자 페이지에서 만듭니다)`,
  },
  notPair: {
    en: 'server-key.pem is not the key of server.pem',
    ko: 'server-key.pem은 server.pem의 키가 아닙니다',
  },
  notSigned: {
    en: 'server.pem is not signed by rootCA.pem',
    ko: 'server.pem은 rootCA.pem이 서명한 인증서가 아닙니다',
  },
  noIssuer: {
    en: 'no issuer string in $discovery_file: download it again from the identity-provider page',
    ko: '$discovery_file 파일에 issuer 문자열이 없습니다. 신원 제공자 페이지에서 다시 내려받으세요',
  },
  noJwksUri: {
    en: 'no jwks_uri string in $discovery_file: download it again from the identity-provider page',
    ko: '$discovery_file 파일에 jwks_uri 문자열이 없습니다. 신원 제공자 페이지에서 다시 내려받으세요',
  },
  notHttps: {
    en: 'the issuer must start with https://, not $issuer',
    ko: 'issuer는 https://로 시작해야 합니다(받은 값: $issuer)',
  },
  otherOrigin: {
    en: 'jwks_uri $jwks_uri is not under $origin, which this script serves',
    ko: 'jwks_uri $jwks_uri 주소가 이 스크립트가 제공하는 $origin 아래에 있지 않습니다',
  },
  noKeys: { en: '$jwks_file holds no keys', ko: '$jwks_file 파일에 keys 항목이 없습니다' },
  noSan: {
    en: 'note: server.pem has no SAN for $host, so kube-apiserver (and curl) would refuse this issuer: make the server certificate again with $host in lesson 3',
    ko: '참고: server.pem의 SAN에 $host 항목이 없어서 kube-apiserver(와 curl)가 이 issuer를 거부합니다. 3강에서 SAN에 $host 항목을 넣어 서버 인증서를 다시 만드세요',
  },
  portInUse: {
    en: `something already listens on port $port: stop it (docker rm -f ${OIDC_ISSUER_CONTAINER}) or choose --port`,
    ko: `포트 $port에서 이미 무언가가 수신 중입니다. 그것을 멈추거나(docker rm -f ${OIDC_ISSUER_CONTAINER}) --port로 다른 포트를 고르세요`,
  },
  noDaemon: {
    en: 'docker is installed but its daemon does not answer ($docker_said): start docker, or run with --local',
    ko: 'docker는 설치되어 있지만 데몬이 응답하지 않습니다($docker_said). docker를 시작하거나 --local로 실행하세요',
  },
  dockerRunFailed: { en: 'docker run failed', ko: 'docker run이 실패했습니다' },
  noAnswer: {
    en: 'nginx did not answer on port $port. Its log:',
    ko: 'nginx가 포트 $port에서 응답하지 않습니다. 로그:',
  },
  layout: {
    en: '# The files, at the URL paths kube-apiserver asks for.',
    ko: '# kube-apiserver가 요청하는 URL 경로에 파일을 둡니다.',
  },
  confComment: {
    en: '# default.conf: the issuer files over HTTPS, as JSON, never cached (kube-apiserver then refetches the JWKS for an unknown kid).',
    ko: '# default.conf: issuer 파일을 JSON으로, 캐시 없이 HTTPS로 제공합니다(그래서 모르는 kid가 오면 kube-apiserver가 JWKS를 다시 가져갑니다).',
  },
  rootWorkers: {
    en: '# Run as root, nginx would read the files as nobody, who cannot enter this folder: keep root.',
    ko: '# root로 실행하면 nginx가 nobody로 파일을 읽는데, nobody는 이 폴더에 들어갈 수 없습니다. 그래서 root를 유지합니다.',
  },
  checking: {
    en: 'Checking as kube-apiserver will (curl --cacert rootCA.pem):',
    ko: 'kube-apiserver와 같은 방식으로 확인합니다(curl --cacert rootCA.pem):',
  },
  fetchFailed: { en: 'could not fetch it', ko: '가져오지 못했습니다' },
  issuerDiffers: {
    en: 'the served issuer is $served_issuer, not $issuer: kube-apiserver compares them character for character',
    ko: '제공된 issuer 값($served_issuer)이 설정한 값($issuer)과 다릅니다. kube-apiserver는 두 문자열을 한 글자씩 비교합니다',
  },
  keysServed: { en: 'JWKS served, with its keys', ko: 'JWKS가 키와 함께 제공됩니다' },
  serving: {
    en: 'Serving the issuer $issuer on https://$address:$port (nginx $mode). Press Ctrl-C to stop.',
    ko: 'issuer를 제공합니다: $issuer (https://$address:$port, nginx $mode). 멈추려면 Ctrl-C를 누르세요.',
  },
  pass: {
    en: 'kube-apiserver can fetch this issuer (trusting rootCA.pem).',
    ko: 'kube-apiserver가 이 issuer를 가져갈 수 있습니다(rootCA.pem을 신뢰할 때).',
  },
  fail: {
    en: 'fix the file named above and run the script again.',
    ko: '위에 나온 파일을 고친 다음 스크립트를 다시 실행하세요.',
  },
} satisfies TextTable;

/** oidc-issuer.sh, its comments and messages in `lang`. */
export function oidcIssuerScript(lang: Lang = 'en'): string {
  const m = textsIn(TEXTS, lang);
  return bash`#!/usr/bin/env bash
${m.header}
set -euo pipefail
umask 077

mode=$\{OIDC_ISSUER_MODE:-docker}
image=$\{OIDC_ISSUER_IMAGE:-nginx}
container=${OIDC_ISSUER_CONTAINER}
discovery_file=${OIDC_ISSUER_FILES.discovery}
jwks_file=${OIDC_ISSUER_FILES.jwks}
port=
address=127.0.0.1
check_only=no

${scriptPrelude({
  script: 'oidc-issuer.sh',
  usage: m.usage,
  about: m.about,
  options: `    --local) mode=local ;;
    --docker) mode=docker ;;
    --check) check_only=yes ;;
    --port | --address)
      [[ $# -ge 2 ]] || die "${m.needsValue}"
      if [[ $1 == --port ]]; then port=$2; else address=$2; fi
      shift
      ;;`,
  unknownOption: m.unknownOption,
})}

${nginxToolsCheck({ script: 'oidc-issuer.sh', missing: m.missingTools, docker: m.missingDocker, nginx: m.missingNginx })}
missing=()
for file in rootCA.pem server.pem server-key.pem "$discovery_file" "$jwks_file"; do
  [[ -s $file ]] || missing+=("$file")
done
if (($\{#missing[@]} > 0)); then
  die "${m.missingFiles}"
fi

[[ $(openssl x509 -in server.pem -noout -pubkey 2>/dev/null) == "$(openssl pkey -in server-key.pem -pubout 2>/dev/null)" ]] ||
  die "${m.notPair}"
openssl verify -CAfile rootCA.pem server.pem >/dev/null 2>&1 || die "${m.notSigned}"

json_string() {
  tr -d '\n' <"$2" | sed -n -E "s/.*\"$1\"[[:space:]]*:[[:space:]]*\"([^\"]*)\".*/\1/p"
}
issuer=$(json_string issuer "$discovery_file")
jwks_uri=$(json_string jwks_uri "$discovery_file")
[[ -n $issuer ]] || die "${m.noIssuer}"
[[ -n $jwks_uri ]] || die "${m.noJwksUri}"
grep -q '"keys"' "$jwks_file" || die "${m.noKeys}"
[[ $issuer == https://* ]] || die "${m.notHttps}"
rest=$\{issuer#https://}
authority=$\{rest%%/*}
issuer_path=$\{rest#"$authority"}
host=$\{authority%:*}
issuer_port=443
if [[ $authority == *:* ]]; then issuer_port=$\{authority##*:}; fi
origin="https://$authority"
[[ $jwks_uri == "$origin"/* ]] || die "${m.otherOrigin}"
port=$\{port:-$issuer_port}
if ! [[ $port =~ ^[0-9]+$ ]] || ((port < 1 || port > 65535)); then
  die "${m.badPort}"
fi
discovery_path="$\{issuer_path%/}/.well-known/openid-configuration"
jwks_path=$\{jwks_uri#"$origin"}
if ! openssl x509 -in server.pem -noout -ext subjectAltName 2>/dev/null | grep -q -E "(DNS|IP Address):$host(,|$)"; then
  echo "${m.noSan}"
fi

curl_issuer() {
  curl -sS --max-time 10 --cacert rootCA.pem --resolve "$host:$issuer_port:127.0.0.1" \
    --connect-to "$host:$issuer_port:127.0.0.1:$port" "$@"
}
port_in_use() {
  local code=0
  curl -s -o /dev/null --max-time 2 "http://127.0.0.1:$port/" || code=$?
  [[ $code != 7 ]]
}

if [[ $mode == docker ]]; then
  docker_code=0
  docker_said=$(docker info 2>&1 >/dev/null) || docker_code=$?
  if ((docker_code != 0)); then
    docker_said=$(grep -m 1 -v '^ *$' <<<"$docker_said") || docker_said="docker info: exit $docker_code"
    die "${m.noDaemon}"
  fi
  docker rm -f "$container" >/dev/null 2>&1 || true
fi
if port_in_use; then
  die "${m.portInUse}"
fi

work=$(mktemp -d "$PWD/.oidc-issuer.XXXXXX")
nginx_pid=
started_container=no
cleanup() {
  if [[ $started_container == yes ]]; then
    docker rm -f "$container" >/dev/null 2>&1 || true
  fi
  if [[ -n $nginx_pid ]]; then
    kill -TERM "$nginx_pid" 2>/dev/null || true
    wait "$nginx_pid" 2>/dev/null || true
  fi
  rm -rf -- "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

${m.layout}
mkdir -p "$work/conf.d/www$\{discovery_path%/*}" "$work/conf.d/www$\{jwks_path%/*}" "$work/tmp"
cp "$discovery_file" "$work/conf.d/www$discovery_path"
cp "$jwks_file" "$work/conf.d/www$jwks_path"
cp server.pem server-key.pem "$work/conf.d/"
chmod -R a+rX "$work/conf.d"

write_default_conf() {
  echo "${m.confComment}"
  echo "server {"
  echo "    listen $2 ssl;"
  echo "    server_name $host;"
  echo "    ssl_certificate     $1/server.pem;"
  echo "    ssl_certificate_key $1/server-key.pem;"
  echo "    root $1/www;"
  echo "    server_tokens off;"
  echo "    location / {"
  echo "        default_type application/json;"
  echo "        add_header Cache-Control no-cache always;"
  echo "    }"
  echo "}"
}

if [[ $mode == docker ]]; then
  write_default_conf /etc/nginx/conf.d 443 >"$work/conf.d/default.conf"
  started_container=yes
  docker run -d --name "$container" -p "$address:$port:443" \
    -v "$work/conf.d:/etc/nginx/conf.d:ro" "$image" >/dev/null || die "${m.dockerRunFailed}"
else
  write_default_conf "$work/conf.d" "$address:$port" >"$work/conf.d/default.conf"
  {
    echo "daemon off;"
    ${m.rootWorkers}
    if (($(id -u) == 0)); then echo "user root;"; fi
    echo "worker_processes 1;"
    echo "pid $work/nginx.pid;"
    echo "error_log $work/error.log notice;"
    echo "events { worker_connections 64; }"
    echo "http {"
    echo "    access_log $work/access.log;"
    for temp in client_body proxy fastcgi uwsgi scgi; do
      echo "    $\{temp}_temp_path $work/tmp/$temp;"
    done
    echo "    include $work/conf.d/default.conf;"
    echo "}"
  } >"$work/nginx.conf"
  "$nginx_bin" -p "$work/" -c "$work/nginx.conf" 2>>"$work/error.log" &
  nginx_pid=$!
fi
sed 's/^/  /' "$work/conf.d/default.conf"

answered=no
for ((i = 0; i < 50; i++)); do
  if curl -sk -o /dev/null --max-time 2 "https://127.0.0.1:$port/"; then
    answered=yes
    break
  fi
  sleep 0.2
done
if [[ $answered != yes ]]; then
  echo "${m.noAnswer}" >&2
  if [[ $mode == docker ]]; then docker logs "$container" 2>&1 | tail -n 20 >&2 || true; else tail -n 20 "$work/error.log" >&2 || true; fi
  exit 2
fi

echo
echo "${m.checking}"
failures=0
if served=$(curl_issuer "$origin$discovery_path"); then
  served_issuer=$(json_string issuer /dev/stdin <<<"$served")
  if [[ $served_issuer == "$issuer" ]]; then
    echo "  [PASS] $origin$discovery_path: issuer $served_issuer"
  else
    echo "  [FAIL] $origin$discovery_path: ${m.issuerDiffers}"
    failures=$((failures + 1))
  fi
else
  echo "  [FAIL] $origin$discovery_path: ${m.fetchFailed}"
  failures=$((failures + 1))
fi
if curl_issuer "$jwks_uri" | grep -q '"keys"'; then
  echo "  [PASS] $jwks_uri: ${m.keysServed}"
else
  echo "  [FAIL] $jwks_uri: ${m.fetchFailed}"
  failures=$((failures + 1))
fi
if ((failures > 0)); then
  echo "FAIL: ${m.fail}"
  exit 1
fi
echo "PASS: ${m.pass}"
if [[ $check_only == yes ]]; then
  exit 0
fi
echo "${m.serving}"
if [[ $mode == docker ]]; then
  docker wait "$container" >/dev/null || true
else
  wait "$nginx_pid" || true
fi
`;
}

/** What oidc-issuer.sh prints once nginx answers, when both files pass (the lessons' expected output). */
export function oidcIssuerReport(
  p: {
    /** The discovery document's issuer. */
    issuer: string;
    /** Its jwks_uri. */
    jwksUri: string;
    /** The port nginx listens on. Default: the issuer's port, else 443. */
    port?: number;
    /** Default: 127.0.0.1. */
    address?: string;
    /** Default: 'docker'. */
    mode?: 'docker' | 'local';
    /** With --check the script stops after the checks. Default: false (it keeps serving). */
    check?: boolean;
  },
  lang: Lang = 'en',
): string {
  const m = textsIn(TEXTS, lang);
  const u = new URL(p.issuer);
  const origin = `https://${p.issuer.slice('https://'.length).split('/')[0]}`;
  const path = `${p.issuer.slice(origin.length).replace(/\/$/, '')}/.well-known/openid-configuration`;
  const vars: Record<string, string> = {
    issuer: p.issuer,
    address: p.address ?? '127.0.0.1',
    port: String(p.port ?? (u.port || 443)),
    mode: p.mode ?? 'docker',
  };
  const fill = (s: string) => s.replace(/\$(\w+)/g, (_, n: string) => vars[n] ?? `$${n}`);
  return [
    '',
    m.checking,
    `  [PASS] ${origin}${path}: issuer ${p.issuer}`,
    `  [PASS] ${p.jwksUri}: ${m.keysServed}`,
    `PASS: ${m.pass}`,
    ...(p.check ? [] : [fill(m.serving)]),
    '',
  ].join('\n');
}
