// The text of proxy-lab.sh (Part 5): it starts nginx with the proxy's default.conf (the one the
// site wrote, src/recipes/proxy/config.ts) in front of the reader's API server, then asks the API
// server through it who the reader is (a SelfSubjectReview, as `kubectl auth whoami` does) and
// whether a client's own X-Remote-User gets through: the site's config drops it, the pitfall
// config lets it through. Docker by default (the nginx image, the folder as /etc/nginx/conf.d),
// --local for this host's nginx. Listed in src/recipes/lab-scripts.ts; Part 5, lesson 2 links it.
import type { Lang } from '../../i18n/index.ts';
import { bash } from '../bash.ts';
import { scriptPrelude, UNKNOWN_OPTION } from '../script-prelude.ts';
import { type TextTable, textsIn } from '../texts.ts';
import { PROXY_FILES } from './config.ts';

/** The container proxy-lab.sh runs nginx in. */
export const PROXY_CONTAINER = 'kube-auth-lab-proxy';

/** The user a client pretends to be in the spoofing check. */
export const SPOOFED_USER = 'spoofed-admin';

const TEXTS = {
  header: {
    en: bash`# proxy-lab.sh: runs Kube Auth Lab's authenticating proxy (part 5) and checks it.
#
# Run it on your host, in the folder with the files from the proxy builder: default.conf,
# ${PROXY_FILES.serverCert}, ${PROXY_FILES.serverKey}, ${PROXY_FILES.proxyCert}, ${PROXY_FILES.proxyKey}, ${PROXY_FILES.clusterCa}, and
# ${PROXY_FILES.clientCa} (your CA), with your client.pem and client-key.pem (certificate mode) or ${PROXY_FILES.htpasswd} (basic mode).
#
# Usage: bash proxy-lab.sh [--local] [--port N] [--user NAME --password PASSWORD]
#   (default)   nginx runs in docker: image nginx, container ${PROXY_CONTAINER} (removed at the end),
#               on the host's network, so that 127.0.0.1 in default.conf is this host
#   --local     runs the nginx installed on this host, as you, from a temporary folder
#   --port N    the port on 127.0.0.1 (default 8443)
#   --user, --password   basic mode: the user to log in as (default: certificate mode, client.pem)
# Exit status: 0 when the proxy authenticates you and drops a client's X-Remote-User,
# 1 when the API server believed a client's own X-Remote-User, 2 when something is missing.`,
    ko: bash`# proxy-lab.sh: Kube Auth Lab의 인증 프록시(5부)를 실행하고 확인합니다.
#
# 호스트에서, 프록시 빌더에서 받은 파일이 있는 폴더에서 실행하세요: default.conf,
# ${PROXY_FILES.serverCert}, ${PROXY_FILES.serverKey}, ${PROXY_FILES.proxyCert}, ${PROXY_FILES.proxyKey}, ${PROXY_FILES.clusterCa},
# ${PROXY_FILES.clientCa}(여러분의 CA), 그리고 client.pem, client-key.pem(인증서 방식) 또는 ${PROXY_FILES.htpasswd}(basic 방식).
#
# 사용법: bash proxy-lab.sh [--local] [--port N] [--user NAME --password PASSWORD]
#   (기본값)    nginx를 docker에서 실행합니다. 이미지는 nginx, 컨테이너 이름은 ${PROXY_CONTAINER}(끝날 때 지웁니다)
#               호스트 네트워크를 쓰므로 default.conf의 127.0.0.1은 이 호스트입니다
#   --local     이 호스트에 설치된 nginx를 사용자 권한으로 임시 폴더에서 실행합니다
#   --port N    127.0.0.1의 포트(기본값 8443)
#   --user, --password   basic 방식: 로그인할 사용자(기본값은 인증서 방식, client.pem)
# 종료 코드: 프록시가 사용자를 인증하고 클라이언트가 보낸 X-Remote-User를 버리면 0,
# API 서버가 클라이언트의 X-Remote-User를 믿었으면 1, 필요한 것이 없으면 2.`,
  },
  usage: {
    en: 'usage: bash proxy-lab.sh [--local] [--port N] [--user NAME --password PASSWORD]',
    ko: '사용법: bash proxy-lab.sh [--local] [--port N] [--user NAME --password PASSWORD]',
  },
  about: {
    en: 'Starts the authenticating proxy with nginx in docker (or, with --local, this host’s nginx) and checks it.',
    ko: '인증 프록시를 docker의 nginx(--local이면 이 호스트의 nginx)로 시작하고 확인합니다.',
  },
  portNeedsNumber: { en: '--port needs a number', ko: '--port에는 숫자가 필요합니다' },
  needsValue: { en: '$1 needs a value', ko: '$1에는 값이 필요합니다' },
  unknownOption: UNKNOWN_OPTION,
  missingFiles: {
    en: bash`missing in $PWD: $\{missing[*]}
Download them from the proxy builder into this folder, or cd to the folder that has them.`,
    ko: bash`$\{PWD}에 없는 파일: $\{missing[*]}
프록시 빌더에서 이 폴더로 내려받거나, 파일이 있는 폴더로 cd 하세요.`,
  },
  missingTool: { en: 'missing on this host: $1', ko: '이 호스트에 없음: $1' },
  noAnswer: {
    en: 'nginx did not answer on https://localhost:$port/. Its log:',
    ko: 'nginx가 https://localhost:$port/ 에서 응답하지 않았습니다. 로그:',
  },
  whoami: {
    en: 'The API server, asked through the proxy, says you are:',
    ko: '프록시를 거쳐 물으니 API 서버가 말하는 사용자:',
  },
  notAuthenticated: {
    en: 'The API server did not take the proxy’s word (see its answer above): check --requestheader-client-ca-file and --requestheader-allowed-names.',
    ko: 'API 서버가 프록시가 전한 신원을 받아들이지 않았습니다(위의 응답 참고). --requestheader-client-ca-file과 --requestheader-allowed-names를 확인하세요.',
  },
  spoof: {
    en: bash`A client that sends X-Remote-User: ${SPOOFED_USER} is:`,
    ko: bash`X-Remote-User: ${SPOOFED_USER} 헤더를 보낸 클라이언트의 사용자:`,
  },
  dropped: {
    en: 'The proxy dropped the client’s X-Remote-User: only what nginx verified reaches the API server.',
    ko: '프록시가 클라이언트의 X-Remote-User를 버렸습니다. nginx가 확인한 신원만 API 서버에 닿습니다.',
  },
  believed: {
    en: 'The API server believed the client’s own X-Remote-User: anyone can be anyone through this proxy.',
    ko: 'API 서버가 클라이언트가 보낸 X-Remote-User를 믿었습니다. 이 프록시를 거치면 누구나 아무나 될 수 있습니다.',
  },
} satisfies TextTable;

const REVIEW = '{"apiVersion":"authentication.k8s.io/v1","kind":"SelfSubjectReview"}';

/** Returns the text of proxy-lab.sh in `lang` (default 'en'). */
export function proxyLabScript(lang: Lang = 'en'): string {
  const m = textsIn(TEXTS, lang);
  const options = bash`    --local) mode=local ;;
    --port)
      [[ $# -ge 2 && $2 =~ ^[0-9]+$ ]] || die "${m.portNeedsNumber}"
      port=$2
      shift
      ;;
    --user | --password)
      [[ $# -ge 2 ]] || die "${m.needsValue}"
      if [[ $1 == --user ]]; then user=$2; else password=$2; fi
      shift
      ;;`;
  // The host's network: proxy_pass to 127.0.0.1 reaches this host's API server (a published port
  // would leave 127.0.0.1 inside the container); the listen address is rewritten to 127.0.0.1:$port.
  const docker = bash`docker run -d --name ${PROXY_CONTAINER} --network host \
      -v "$PWD":/etc/nginx/conf.d:ro -v "$work/default.conf":/etc/nginx/conf.d/default.conf:ro \
      nginx`;
  return bash`#!/usr/bin/env bash
${m.header}
set -euo pipefail

mode=$\{PROXY_LAB_MODE:-docker}
port=$\{PROXY_LAB_PORT:-8443}
user=''
password=''

${scriptPrelude({ script: 'proxy-lab.sh', usage: m.usage, about: m.about, options, unknownOption: m.unknownOption })}

need=(default.conf ${PROXY_FILES.serverCert} ${PROXY_FILES.serverKey} ${PROXY_FILES.clientCa} ${PROXY_FILES.proxyCert} ${PROXY_FILES.proxyKey} ${PROXY_FILES.clusterCa})
if [[ -n $user ]]; then need+=(${PROXY_FILES.htpasswd}); else need+=(client.pem client-key.pem); fi
missing=()
for f in "$\{need[@]}"; do [[ -f $f ]] || missing+=("$f"); done
(($\{#missing[@]} == 0)) || die "${m.missingFiles}"
for tool in curl $([[ $mode == local ]] && echo nginx || echo docker); do
  command -v "$tool" >/dev/null || die "$(set -- "$tool"; echo "${m.missingTool}")"
done

work=$(mktemp -d)
nginx_pid=''
cleanup() {
  if [[ $mode == docker ]]; then docker rm -f ${PROXY_CONTAINER} >/dev/null 2>&1 || true; fi
  if [[ -n $nginx_pid ]]; then kill "$nginx_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

listen='s#listen [0-9.:]*8443 ssl;#listen 127.0.0.1:'"$port"' ssl;#'
if [[ $mode == docker ]]; then
  docker rm -f ${PROXY_CONTAINER} >/dev/null 2>&1 || true
  sed -e "$listen" default.conf >"$work/default.conf"
  ${docker} >/dev/null
  log() { docker logs ${PROXY_CONTAINER} 2>&1 | tail -n 20; }
else
  mkdir -p "$work/tmp"
  sed -e "s#/etc/nginx/conf.d#$PWD#g" -e "$listen" \
    -e "s#error_log /var/log/nginx/error.log#error_log $work/error.log#" default.conf >"$work/default.conf"
  cat >"$work/nginx.conf" <<EOF
daemon off;
master_process off;
pid $work/nginx.pid;
error_log $work/error.log info;
events {}
http {
  client_body_temp_path $work/tmp; proxy_temp_path $work/tmp; fastcgi_temp_path $work/tmp;
  uwsgi_temp_path $work/tmp; scgi_temp_path $work/tmp;
  access_log off;
  include $work/default.conf;
}
EOF
  "$\{NGINX_BIN:-nginx}" -p "$work/" -c "$work/nginx.conf" 2>>"$work/error.log" &
  nginx_pid=$!
  log() { tail -n 20 "$work/error.log"; }
fi

credential=()
if [[ -n $user ]]; then credential=(-u "$user:$password"); else credential=(--cert client.pem --key client-key.pem); fi
review() {
  curl -sS --cacert ${PROXY_FILES.clientCa} "$\{credential[@]}" -X POST -H 'Content-Type: application/json' \
    --data '${REVIEW}' "$@" "https://localhost:$port/apis/authentication.k8s.io/v1/selfsubjectreviews"
}
username() { sed -n 's/.*"username":"\([^"]*\)".*/\1/p'; }

for _ in $(seq 50); do
  curl -s -o /dev/null --cacert ${PROXY_FILES.clientCa} "https://localhost:$port/" && break
  sleep 0.2
done
if ! answer=$(review); then
  echo "${m.noAnswer}" >&2
  log >&2
  exit 2
fi
echo "${m.whoami}"
echo "  $answer"
me=$(username <<<"$answer")
if [[ -z $me ]]; then
  echo "${m.notAuthenticated}" >&2
  exit 1
fi
spoofed=$(review -H 'X-Remote-User: ${SPOOFED_USER}' -H 'X-Remote-Group: system:masters')
echo "${m.spoof}"
echo "  $spoofed"
if [[ $(username <<<"$spoofed") == "${SPOOFED_USER}" ]]; then
  echo "${m.believed}"
  exit 1
fi
echo "${m.dropped}"
`;
}

/** What proxy-lab.sh prints once nginx answers: the two SelfSubjectReview answers (JSON, one line each) and its verdict. */
export function proxyLabReport(
  p: { answer: string; spoofed: string; believed: boolean },
  lang: Lang = 'en',
): string {
  const m = textsIn(TEXTS, lang);
  return [m.whoami, `  ${p.answer}`, m.spoof, `  ${p.spoofed}`, p.believed ? m.believed : m.dropped, ''].join(
    '\n',
  );
}
