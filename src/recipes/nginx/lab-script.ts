// The text of nginx-lab.sh: it sets up nginx from the reader's files and runs every experiment
// of lessons 4 and 5, printing what each lesson expects and what it saw. The default.conf it
// writes comes from nginxConfig() and the experiments from NGINX_EXPERIMENTS, so the script, the
// lessons and the interop test cannot drift apart. The site serves this text at /scripts/nginx-lab.sh
// and the Korean edition (same commands, Korean comments and messages) at /scripts/ko/nginx-lab.sh,
// both built from here (src/recipes/lab-scripts.ts).
//
// The static parts are written with the `bash` tag below: it keeps backslashes as they are
// (String.raw) and turns `$\{` into `${`, since a template literal cannot hold `${` itself. The
// texts are bash source too: what goes between the quotes (or after the `#`) they stand in.

import type { Lang } from '../../i18n/index.ts';
import { bash } from '../bash.ts';
import { nginxToolsCheck, scriptPrelude, UNKNOWN_OPTION } from '../script-prelude.ts';
import { shellQuoteText } from '../shell-quote.ts';
import { expandVariables, type TextTable, textsIn } from '../texts.ts';
import { NGINX_LAB_STEPS, type NginxLabStep, nginxConfig } from './config.ts';
import { NGINX_CONTAINER } from './docker-commands.ts';
import {
  CLIENT_DN,
  type ExperimentCommandParams,
  experimentCommand,
  NGINX_EXPERIMENTS,
  type NginxExperiment,
  withClientDn,
} from './experiments.ts';
import { otherClientCommands } from './other-client.ts';

/** The bash template tag (src/recipes/bash.ts), also for the scripts that import it from here. */
export { bash };

const OTHER_CLIENT_ISSUER = '$(openssl x509 -in other-client.pem -noout -issuer)';

/** The comments and messages of nginx-lab.sh, in the order they appear. */
const TEXTS = {
  header: {
    en: bash`# nginx-lab.sh: runs every experiment of Kube Auth Lab's nginx lessons (4: HTTPS, 5: mutual TLS)
# against a real nginx, and prints for each the outcome the lesson describes and the one seen.
#
# Run it on your host, in the folder with the files from lesson 3: rootCA.pem, server.pem,
# server-key.pem, client.pem and client-key.pem. For the "other CA" experiment (lesson 5) it also
# uses other-client.pem and other-client-key.pem; when they are missing it makes them with openssl,
# from a throwaway CA, in this folder (the same commands as lesson 5). --step https makes nothing.
#
# Usage: bash nginx-lab.sh [--local] [--port N] [--step https|mtls]
#   (default)   nginx runs in docker: image nginx, container ${NGINX_CONTAINER} (replacing one
#               of that name, and removed at the end)
#   --local     runs the nginx installed on this host, as you, from a temporary folder
#   --port N    the port on 127.0.0.1 (default 8443)
#   --step S    only lesson 4 (https) or only lesson 5 (mtls); default: both
# Environment: NGINX_LAB_MODE=docker|local, NGINX_LAB_PORT, NGINX_LAB_IMAGE (default nginx),
# NGINX_BIN (the nginx binary for --local).
# nginx listens on 127.0.0.1 only, and is stopped (the container removed) when the script ends.
# Exit status: 0 when every outcome is the one the lessons describe, 1 when one differs,
# 2 when something needed is missing.`,
    ko: bash`# nginx-lab.sh: Kube Auth Lab의 nginx 강의(4강: HTTPS, 5강: 상호 TLS)의 모든 실험을 실제 nginx로
# 실행하고, 실험마다 강의에서 설명한 결과와 실제 결과를 출력합니다.
#
# 호스트에서, 3강에서 받은 파일이 있는 폴더에서 실행하세요: rootCA.pem, server.pem,
# server-key.pem, client.pem, client-key.pem. "다른 CA" 실험(5강)에는 other-client.pem과
# other-client-key.pem도 씁니다. 이 두 파일이 없으면 한 번 쓰고 버릴 CA로 이 폴더에
# openssl로 만듭니다(5강과 같은 명령입니다). --step https는 아무 파일도 만들지 않습니다.
#
# 사용법: bash nginx-lab.sh [--local] [--port N] [--step https|mtls]
#   (기본값)    nginx를 docker에서 실행합니다. 이미지는 nginx, 컨테이너는 ${NGINX_CONTAINER}이며
#               (같은 이름의 컨테이너를 대체합니다) 끝날 때 지웁니다
#   --local     이 호스트에 설치된 nginx를 여러분의 권한으로 임시 폴더에서 실행합니다
#   --port N    127.0.0.1의 포트(기본값 8443)
#   --step S    4강(https)만 또는 5강(mtls)만 실행합니다. 기본값: 둘 다
# 환경 변수: NGINX_LAB_MODE=docker|local, NGINX_LAB_PORT, NGINX_LAB_IMAGE(기본값 nginx),
# NGINX_BIN(--local에서 쓸 nginx 실행 파일).
# nginx는 127.0.0.1에서만 접속을 받으며, 스크립트가 끝나면 멈춥니다(컨테이너는 지웁니다).
# 종료 코드: 모든 결과가 강의에서 설명한 대로이면 0, 하나라도 다르면 1,
# 필요한 것이 없으면 2.`,
  },
  usage: {
    en: 'usage: bash nginx-lab.sh [--local] [--port N] [--step https|mtls]',
    ko: '사용법: bash nginx-lab.sh [--local] [--port N] [--step https|mtls]',
  },
  about: {
    en: "Runs lessons 4 and 5's experiments against nginx in docker (or, with --local, this host's nginx).",
    ko: '4강과 5강의 실험을 docker의 nginx(--local이면 이 호스트의 nginx)로 실행합니다.',
  },
  portNeedsNumber: { en: '--port needs a number', ko: '--port에는 숫자가 필요합니다' },
  stepNeedsValue: { en: '--step needs https or mtls', ko: '--step에는 https 또는 mtls가 필요합니다' },
  unknownOption: UNKNOWN_OPTION,
  badMode: {
    en: "NGINX_LAB_MODE must be docker or local, not '$mode'",
    ko: "NGINX_LAB_MODE는 docker 또는 local이어야 합니다. 지금 값: '$mode'",
  },
  badPort: {
    en: "the port must be a number from 1 to 65535, not '$port'",
    ko: "포트는 1부터 65535까지의 숫자여야 합니다. 지금 값: '$port'",
  },
  badStep: {
    en: bash`--step must be https or mtls, not '$\{steps[0]}'`,
    ko: bash`--step은 https 또는 mtls여야 합니다. 지금 값: '$\{steps[0]}'`,
  },
  sectionNeeds: {
    en: '# --- What the lab needs -----------------------------------------------------------------------',
    ko: '# --- 실습에 필요한 것 -------------------------------------------------------------------------',
  },
  missingDocker: {
    en: 'docker (or run with --local to use nginx installed on this host)',
    ko: 'docker (또는 --local로 실행하면 이 호스트에 설치된 nginx를 씁니다)',
  },
  missingNginx: {
    en: 'nginx (sudo apt-get install nginx), or run without --local to use docker',
    ko: 'nginx (sudo apt-get install nginx), 또는 --local 없이 실행하면 docker를 씁니다',
  },
  missingTools: { en: 'missing on this host', ko: '이 호스트에 없음' },
  sectionPlace: {
    en: '# Before anything is made or started: docker must answer, and the port must be free.',
    ko: '# 파일을 만들거나 nginx를 시작하기 전에, docker가 응답하는지와 포트가 비어 있는지 확인합니다.',
  },
  dockerSaid: {
    en: "# docker's own reason: the line that names the error, not its header or footer.",
    ko: '# docker가 말한 이유: 머리말이나 꼬리말이 아니라 오류를 말하는 줄입니다.',
  },
  portLater: {
    en: '# docker mode first replaces its own container, which may hold the port: it checks in start_nginx.',
    ko: '# docker 모드는 포트를 쥐고 있을 수 있는 자기 컨테이너를 먼저 대체하므로 start_nginx에서 확인합니다.',
  },
  noDaemon: {
    en: bash`docker cannot reach its daemon, so nothing was started:
  $\{docker_said}
Start docker (or run the script as a user allowed to use it), or run the lab with the nginx
installed on this host instead (sudo apt-get install nginx):
  bash nginx-lab.sh --local`,
    ko: bash`docker가 데몬에 연결하지 못해 아무것도 시작하지 않았습니다:
  $\{docker_said}
docker 데몬을 시작하거나(또는 docker를 쓸 권한이 있는 사용자로 실행하거나), 이 호스트에 설치된
nginx로 실습하세요(sudo apt-get install nginx):
  bash nginx-lab.sh --local`,
  },
  missingFiles: {
    en: bash`missing in $PWD: $\{missing[*]}
Download them from lesson 3 into this folder, or cd to the folder that has them.`,
    ko: bash`$\{PWD}에 없는 파일: $\{missing[*]}
3강에서 이 폴더로 내려받거나, 파일이 있는 폴더로 cd 하세요.`,
  },
  checkPair: {
    en: '# check_pair CERT KEY: CERT is a PEM certificate, KEY an unencrypted PEM key, and they belong together.',
    ko: '# check_pair CERT KEY: CERT가 PEM 인증서이고, KEY가 암호화되지 않은 PEM 개인 키이며, 둘이 짝인지 확인합니다.',
  },
  notCertificate: { en: '$1 is not a PEM certificate', ko: '$1 파일은 PEM 인증서가 아닙니다' },
  notKey: {
    en: '$2 is not an unencrypted PEM private key',
    ko: '$2 파일은 암호화되지 않은 PEM 개인 키가 아닙니다',
  },
  notPair: { en: '$2 is not the private key of $1', ko: '$2 파일은 $1의 개인 키가 아닙니다' },
  rootNotCertificate: {
    en: 'rootCA.pem is not a PEM certificate',
    ko: 'rootCA.pem 파일은 PEM 인증서가 아닙니다',
  },
  notSignedByRoot: {
    en: '$cert is not signed by rootCA.pem, or has expired',
    ko: '$cert 파일은 rootCA.pem의 CA가 서명하지 않았거나 유효 기간이 지났습니다',
  },
  noLocalhostSan: {
    en: 'warning: server.pem has no SAN DNS:localhost, so curl will not accept it for https://localhost:$port/',
    ko: '경고: server.pem에 SAN DNS:localhost가 없으므로, curl은 https://localhost:$port/ 에 대해 이 인증서를 받아들이지 않습니다',
  },
  usingOtherClient: {
    en: `Using other-client.pem (${OTHER_CLIENT_ISSUER}) for the other-CA experiment.`,
    ko: `다른 CA 실험에 other-client.pem(${OTHER_CLIENT_ISSUER})을 씁니다.`,
  },
  onlyHttps: {
    en: '# Only lesson 5 uses other-client.pem: with --step https nothing is made in this folder.',
    ko: '# other-client.pem은 5강에서만 씁니다. --step https이면 이 폴더에 아무 파일도 만들지 않습니다.',
  },
  makingOtherClient1: {
    en: 'other-client.pem and other-client-key.pem are missing: making them now with openssl, from a',
    ko: 'other-client.pem과 other-client-key.pem이 없으므로 지금 openssl로 만듭니다. 한 번 쓰고 버릴',
  },
  makingOtherClient2: {
    en: 'throwaway CA (other-ca.pem, other-ca-key.pem), in $PWD.',
    ko: bash`CA(other-ca.pem, other-ca-key.pem)가 발급하며, 파일은 $\{PWD}에 둡니다.`,
  },
  sectionNginx: {
    en: '# --- nginx, in docker or local -----------------------------------------------------------------',
    ko: '# --- nginx: docker 또는 이 호스트에서 ----------------------------------------------------------',
  },
  workFolder: {
    en: '# In this folder (docker must be able to mount it) and removed at the end.',
    ko: '# 임시 폴더는 이 폴더 안에 만들고(docker가 마운트할 수 있어야 합니다) 끝날 때 지웁니다.',
  },
  noWorkFolder: { en: 'cannot create a folder in $PWD', ko: bash`$\{PWD}에 폴더를 만들 수 없습니다` },
  writeDefaultConf: {
    en: `# write_default_conf STEP CERT_DIR LISTEN ERROR_LOG: prints the default.conf of lesson 4
# (STEP https) or lesson 5 (STEP mtls). With docker the lessons' values are used:
# /etc/nginx/conf.d, 443 and /var/log/nginx/error.log.`,
    ko: `# write_default_conf STEP CERT_DIR LISTEN ERROR_LOG: 4강(STEP https) 또는 5강(STEP mtls)의
# default.conf를 출력합니다. docker에서는 강의와 같은 값을 씁니다:
# /etc/nginx/conf.d, 443, /var/log/nginx/error.log.`,
  },
  writeNginxConf: {
    en: `# write_nginx_conf: the nginx.conf for --local. Paths are relative to the temporary folder, so
# nginx writes nothing outside it, and it runs in the foreground as a child of this script.`,
    ko: `# write_nginx_conf: --local에서 쓰는 nginx.conf입니다. 경로가 임시 폴더 기준이므로 nginx는 그 밖에
# 아무것도 쓰지 않으며, 이 스크립트의 자식 프로세스로 포그라운드에서 실행됩니다.`,
  },
  startNginx: {
    en: '# start_nginx STEP: writes default.conf for STEP and starts nginx on 127.0.0.1:$port.',
    ko: '# start_nginx STEP: STEP의 default.conf를 작성하고 127.0.0.1:$port 에서 nginx를 시작합니다.',
  },
  portInUse: {
    en: bash`something already listens on 127.0.0.1:$port, so nothing was started.
If it is the lessons' nginx (still running from lesson 4 or 5), stop it:
  docker rm -f ${NGINX_CONTAINER}
Or run the lab on another port:
  bash nginx-lab.sh $\{mode_option}--port $((port == 8444 ? 8445 : 8444))`,
    ko: bash`127.0.0.1:$\{port}에서 이미 다른 프로그램이 연결을 받고 있어 아무것도 시작하지 않았습니다.
4강이나 5강에서 띄운 nginx가 아직 실행 중이라면 멈추세요:
  docker rm -f ${NGINX_CONTAINER}
또는 다른 포트로 실습하세요:
  bash nginx-lab.sh $\{mode_option}--port $((port == 8444 ? 8445 : 8444))`,
  },
  temporaryFolder: { en: 'temporary folder', ko: '임시 폴더' },
  dockerRunFailed: {
    en: 'docker run failed (see above)',
    ko: 'docker run이 실패했습니다(위의 메시지를 보세요)',
  },
  noAnswer: {
    en: 'nginx did not answer on https://127.0.0.1:$port/. Its log:',
    ko: 'nginx가 https://127.0.0.1:$port/ 에서 응답하지 않았습니다. 로그:',
  },
  nginxReason: {
    en: '# nginx_reason LINES: the first reason nginx logged at level info after line LINES of its log.',
    ko: '# nginx_reason LINES: nginx 로그의 LINES번째 줄 뒤에 info 수준으로 기록된 첫 번째 이유를 출력합니다.',
  },
  sectionExperiments: {
    en: '# --- The experiments -----------------------------------------------------------------------------',
    ko: '# --- 실험 ----------------------------------------------------------------------------------------',
  },
  experiment: {
    en: `# experiment ID TITLE EXPECTED HINT CURL_ARGUMENT... URL: runs curl -sS with the arguments, shows
# what it printed, and compares the outcome with EXPECTED: the title of nginx's error page,
# "200 <first line of the page>", or "curl exit <N>".`,
    ko: `# experiment ID TITLE EXPECTED HINT CURL_ARGUMENT... URL: 인자를 주어 curl -sS를 실행하고, 출력을
# 보여 준 뒤, 결과를 EXPECTED와 비교합니다. EXPECTED는 nginx 오류 페이지의 제목,
# "200 <페이지의 첫 줄>", 또는 "curl exit <N>"입니다.`,
  },
  expected: { en: 'expected: ', ko: '기대한 결과: ' },
  seen: { en: 'seen:     ', ko: '실제 결과:   ' },
  nginxLog: { en: 'nginx log: ', ko: 'nginx 로그: ' },
  hint: { en: 'hint: ', ko: '힌트: ' },
  makeOtherClient: {
    en: '# make_other_client: the commands of lesson 5 that make other-client.pem from a throwaway CA.',
    ko: '# make_other_client: 한 번 쓰고 버릴 CA로 other-client.pem을 만드는 5강의 명령입니다.',
  },
  sectionRun: {
    en: '# --- Run -----------------------------------------------------------------------------------------',
    ko: '# --- 실행 ----------------------------------------------------------------------------------------',
  },
  lesson4: { en: 'Lesson 4: HTTPS with nginx', ko: '4강: nginx로 HTTPS 제공하기' },
  lesson5: { en: 'Lesson 5: mutual TLS', ko: '5강: 클라이언트 인증서 요구하기(상호 TLS)' },
  failSummary: {
    en: '$failures of $total experiments did not give the outcome the lessons describe.',
    ko: bash`실험 $\{total}개 중 $\{failures}개가 강의에서 설명한 결과와 다릅니다.`,
  },
  passSummary: {
    en: 'all $total experiments gave the outcome the lessons describe.',
    ko: bash`실험 $\{total}개 모두 강의에서 설명한 결과가 나왔습니다.`,
  },
} satisfies TextTable;

type Messages = Record<keyof typeof TEXTS, string>;

/** The config text as an unquoted heredoc body: nginx's own $variables escaped, ours expanded. */
function heredocBody(text: string): string {
  return text.replace(/\$(?!\{(cert_dir|listen|error_log)\})/g, '\\$');
}

function writeDefaultConfFunction(m: Messages, lang: Lang): string {
  const body = (step: NginxLabStep) =>
    heredocBody(
      // biome-ignore lint/suspicious/noTemplateCurlyInString: these are bash's ${...}, expanded by the heredoc
      nginxConfig({ step, certDir: '${cert_dir}', listen: '${listen}', errorLog: '${error_log}', lang }),
    );
  return bash`${m.writeDefaultConf}
write_default_conf() {
  local cert_dir=$2 listen=$3 error_log=$4
  if [[ $1 == https ]]; then
    cat <<EOF
${body('https')}EOF
  else
    cat <<EOF
${body('mtls')}EOF
  fi
}
`;
}

function experimentCall(e: NginxExperiment, lang: Lang): string {
  const expected = e.expected.includes(CLIENT_DN)
    ? `"${e.expected.replace(CLIENT_DN, '$client_dn')}"`
    : shellQuoteText(e.expected);
  const url = `"${e.scheme ?? 'https'}://localhost:$port/"`;
  const words = [
    e.id,
    shellQuoteText(e.title[lang]),
    expected,
    shellQuoteText(e.hint[lang]),
    [...e.args.map(shellQuoteText), url].join(' '),
  ];
  return `  experiment ${words.join(' \\\n    ')}\n`;
}

function experimentFunctions(lang: Lang): string {
  return NGINX_LAB_STEPS.map(
    (step) =>
      `experiments_${step}() {\n${NGINX_EXPERIMENTS.filter((e) => e.step === step)
        .map((e) => experimentCall(e, lang))
        .join('')}}\n`,
  ).join('\n');
}

function makeOtherClientFunction(m: Messages): string {
  const body = otherClientCommands()
    .trimEnd()
    .split('\n')
    .map((line) => `  ${line}`)
    .join('\n');
  return `${m.makeOtherClient}\nmake_other_client() {\n  local subject\n${body}\n}\n`;
}

/** Returns the text of nginx-lab.sh, its comments and messages in `lang` (default 'en'). */
export function nginxLabScript(lang: Lang = 'en'): string {
  const m = textsIn(TEXTS, lang);
  return bash`#!/usr/bin/env bash
${m.header}
set -euo pipefail
umask 077

mode=$\{NGINX_LAB_MODE:-docker}
port=$\{NGINX_LAB_PORT:-8443}
image=$\{NGINX_LAB_IMAGE:-nginx}
container=${NGINX_CONTAINER}
steps=(https mtls)

${scriptPrelude({
  script: 'nginx-lab.sh',
  usage: m.usage,
  about: m.about,
  options: `    --local) mode=local ;;
    --docker) mode=docker ;;
    --port)
      [[ $# -ge 2 ]] || die "${m.portNeedsNumber}"
      port=$2
      shift
      ;;
    --step)
      [[ $# -ge 2 ]] || die "${m.stepNeedsValue}"
      steps=("$2")
      shift
      ;;`,
  unknownOption: m.unknownOption,
})}

[[ $mode == docker || $mode == local ]] || die "${m.badMode}"
if ! [[ $port =~ ^[0-9]+$ ]] || ((port < 1 || port > 65535)); then
  die "${m.badPort}"
fi
[[ $\{steps[0]} == https || $\{steps[0]} == mtls ]] || die "${m.badStep}"

${m.sectionNeeds}

${nginxToolsCheck({ script: 'nginx-lab.sh', missing: m.missingTools, docker: m.missingDocker, nginx: m.missingNginx })}

port_in_use() {
  local code=0
  curl -s -o /dev/null --max-time 2 "http://127.0.0.1:$port/" || code=$?
  [[ $code != 7 ]]
}

${m.sectionPlace}
if [[ $mode == docker ]]; then
  mode_option=
  docker_code=0
  docker_said=$(docker info 2>&1 >/dev/null) || docker_code=$?
  if ((docker_code != 0)); then
    ${m.dockerSaid}
    docker_said=$(grep -m 1 -i -E 'cannot connect|permission denied|error' <<<"$docker_said" ||
      grep -m 1 -v '^ *$' <<<"$docker_said") || docker_said="docker info: exit $docker_code"
    die "${m.noDaemon}"
  fi
else
  mode_option='--local '
  ${m.portLater}
  if port_in_use; then
    die "${m.portInUse}"
  fi
fi

missing=()
for file in rootCA.pem server.pem server-key.pem client.pem client-key.pem; do
  [[ -s $file ]] || missing+=("$file")
done
if (($\{#missing[@]} > 0)); then
  die "${m.missingFiles}"
fi

${m.checkPair}
check_pair() {
  local cert_public key_public
  cert_public=$(openssl x509 -in "$1" -noout -pubkey 2>/dev/null) || die "${m.notCertificate}"
  key_public=$(openssl pkey -in "$2" -pubout -passin pass: 2>/dev/null) ||
    die "${m.notKey}"
  [[ $cert_public == "$key_public" ]] || die "${m.notPair}"
}

openssl x509 -in rootCA.pem -noout 2>/dev/null || die "${m.rootNotCertificate}"
check_pair server.pem server-key.pem
check_pair client.pem client-key.pem
for cert in server.pem client.pem; do
  openssl verify -CAfile rootCA.pem "$cert" >/dev/null 2>&1 ||
    die "${m.notSignedByRoot}: $(openssl verify -CAfile rootCA.pem "$cert" 2>&1 | tail -n 1)"
done
if ! openssl x509 -in server.pem -noout -ext subjectAltName 2>/dev/null | grep -q 'DNS:localhost'; then
  echo "${m.noLocalhostSan}"
fi

${m.onlyHttps}
if [[ " $\{steps[*]} " == *" mtls "* ]]; then
  if [[ -s other-client.pem && -s other-client-key.pem ]]; then
    check_pair other-client.pem other-client-key.pem
    echo "${m.usingOtherClient}"
  else
    echo "${m.makingOtherClient1}"
    echo "${m.makingOtherClient2}"
    make_other_client_now=yes
  fi
fi

client_dn=$(openssl x509 -in client.pem -noout -subject -nameopt RFC2253)
client_dn=$\{client_dn#subject=}

${m.sectionNginx}

${m.workFolder}
work=$(mktemp -d "$PWD/.nginx-lab.XXXXXX") || die "${m.noWorkFolder}"
nginx_pid=
started_container=no

stop_nginx() {
  if [[ $mode == docker ]]; then
    if [[ $started_container == yes ]]; then
      docker rm -f "$container" >/dev/null 2>&1 || true
      started_container=no
    fi
  elif [[ -n $nginx_pid ]]; then
    kill -TERM "$nginx_pid" 2>/dev/null || true
    wait "$nginx_pid" 2>/dev/null || true
    nginx_pid=
  fi
}

cleanup() {
  stop_nginx
  rm -rf -- "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

${writeDefaultConfFunction(m, lang)}
${m.writeNginxConf}
write_nginx_conf() {
  local configure module
  configure=$("$nginx_bin" -V 2>&1)
  echo "daemon off;"
  echo "worker_processes 1;"
  echo "pid nginx.pid;"
  echo "error_log error.log notice;"
  echo "events { worker_connections 64; }"
  echo "http {"
  echo "    access_log access.log;"
  echo "    client_body_temp_path tmp/client_body;"
  for module in proxy fastcgi uwsgi scgi; do
    if [[ $configure != *"--without-http_$\{module}_module"* ]]; then
      echo "    $\{module}_temp_path tmp/$module;"
    fi
  done
  echo "    include conf.d/default.conf;"
  echo "}"
}

log_lines() {
  if [[ $mode == docker ]]; then
    docker logs "$container" 2>&1 || true
  else
    cat "$work/error.log" 2>/dev/null || true
  fi
}

nginx_running() {
  if [[ $mode == docker ]]; then
    [[ $(docker inspect -f '{{.State.Running}}' "$container" 2>/dev/null) == true ]]
  else
    kill -0 "$nginx_pid" 2>/dev/null
  fi
}

${m.startNginx}
start_nginx() {
  local i
  if [[ $mode == docker ]]; then
    docker rm -f "$container" >/dev/null 2>&1 || true
  fi
  if port_in_use; then
    die "${m.portInUse}"
  fi
  mkdir -p "$work/conf.d" "$work/tmp"
  cp rootCA.pem server.pem server-key.pem "$work/conf.d/"
  if [[ $mode == docker ]]; then
    write_default_conf "$1" /etc/nginx/conf.d 443 /var/log/nginx/error.log >"$work/conf.d/default.conf"
    echo "nginx: docker run -d --name $container -p 127.0.0.1:$port:443 -v <${m.temporaryFolder}>:/etc/nginx/conf.d:ro $image"
    started_container=yes
    docker run -d --name "$container" -p "127.0.0.1:$port:443" \
      -v "$work/conf.d:/etc/nginx/conf.d:ro" "$image" >/dev/null || die "${m.dockerRunFailed}"
  else
    write_default_conf "$1" conf.d "127.0.0.1:$port" error.log >"$work/conf.d/default.conf"
    write_nginx_conf >"$work/nginx.conf"
    echo "nginx: $nginx_bin -p $work/ -c $work/nginx.conf"
    "$nginx_bin" -p "$work/" -c "$work/nginx.conf" &
    nginx_pid=$!
  fi
  echo "default.conf:"
  sed 's/^/  /' "$work/conf.d/default.conf"
  for ((i = 0; i < 50; i++)); do
    if curl -sk -o /dev/null --max-time 2 "https://127.0.0.1:$port/"; then
      return 0
    fi
    nginx_running || break
    sleep 0.2
  done
  echo "${m.noAnswer}" >&2
  log_lines | tail -n 20 >&2
  exit 2
}

${m.nginxReason}
nginx_reason() {
  local i reason
  for ((i = 0; i < 30; i++)); do
    reason=$(log_lines | tail -n "+$(($1 + 1))" |
      sed -n -E '/\[info\]/{/keepalive/d;s/^.*\[info\] [0-9]+#[0-9]+: (\*[0-9]+ )?//;s/ while .*$//;s/, client: .*$//;p;q;}') || true
    if [[ -n $reason ]]; then
      echo "$reason"
      return 0
    fi
    sleep 0.1
  done
}

${m.sectionExperiments}

total=0
failures=0

${m.experiment}
experiment() {
  local id=$1 title=$2 expected=$3 hint=$4
  shift 4
  local status code=0 seen page_title before verdict=PASS reason
  before=$(log_lines | wc -l)
  : >"$work/out"
  status=$(curl -sS --max-time 10 -o "$work/out" -w '%{http_code}' "$@" 2>"$work/err") || code=$?
  if ((code != 0)); then
    seen="curl exit $code"
  else
    page_title=$(tr -d '\r' <"$work/out" | sed -n 's:.*<title>\(.*\)</title>.*:\1:p')
    if [[ -n $page_title ]]; then
      seen=$page_title
    else
      seen="$status $(head -n 1 "$work/out")"
    fi
  fi
  total=$((total + 1))
  if [[ $seen != "$expected" ]]; then
    verdict=FAIL
    failures=$((failures + 1))
  fi
  echo
  echo "[$verdict] $id: $title"
  echo "  \$ curl -sS $*"
  cat "$work/out" "$work/err" | tr -d '\r' | sed 's/^/  | /'
  echo "  ${m.expected}$expected"
  echo "  ${m.seen}$seen"
  if [[ $status != 200 ]]; then
    reason=$(nginx_reason "$before")
    if [[ -n $reason ]]; then
      echo "  ${m.nginxLog}$reason"
    fi
  fi
  if [[ $verdict == FAIL ]]; then
    echo "  ${m.hint}$hint"
  fi
}

${experimentFunctions(lang)}
${makeOtherClientFunction(m)}
${m.sectionRun}

if [[ $\{make_other_client_now:-no} == yes ]]; then
  make_other_client
fi

for step in "$\{steps[@]}"; do
  echo
  if [[ $step == https ]]; then
    echo "=== ${m.lesson4} ==="
  else
    echo "=== ${m.lesson5} ==="
  fi
  start_nginx "$step"
  "experiments_$step"
  stop_nginx
done

echo
if ((failures > 0)); then
  echo "FAIL: ${m.failSummary}"
  exit 1
fi
echo "PASS: ${m.passSummary}"
`;
}

export interface ScriptReportParams extends ExperimentCommandParams {
  /** client.pem's subject as nginx prints it. Default: EXAMPLE_CLIENT_DN. */
  clientDn?: string;
  /** The language nginx-lab.sh speaks. Default: 'en'. */
  lang?: Lang;
}

/** What nginx-lab.sh prints for an experiment whose outcome is the expected one. */
export function scriptReport(e: NginxExperiment, params: ScriptReportParams = {}): string {
  const { lang = 'en' } = params;
  const m = textsIn(TEXTS, lang);
  const expected = withClientDn(e.expected, params.clientDn);
  const lines = [
    `[PASS] ${e.id}: ${e.title[lang]}`,
    `  $ ${experimentCommand(e, params)}`,
    ...withClientDn(e.output, params.clientDn)
      .replace(/\n$/, '')
      .split('\n')
      .map((line) => `  | ${line}`),
    `  ${m.expected}${expected}`,
    `  ${m.seen}${expected}`,
  ];
  if (e.nginxLog) lines.push(`  ${m.nginxLog}${e.nginxLog}`);
  return `${lines.join('\n')}\n`;
}

/** The last line nginx-lab.sh prints when all `count` experiments it ran gave the lessons' outcome. */
export function nginxLabSummary(count: number, lang: Lang = 'en'): string {
  return `PASS: ${expandVariables(textsIn(TEXTS, lang).passSummary, { total: String(count) })}\n`;
}
