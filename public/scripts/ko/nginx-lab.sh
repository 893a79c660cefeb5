#!/usr/bin/env bash
# nginx-lab.sh: Kube Auth Lab의 nginx 강의(4강: HTTPS, 5강: 상호 TLS)의 모든 실험을 실제 nginx로
# 실행하고, 실험마다 강의에서 설명한 결과와 실제 결과를 출력합니다.
#
# 호스트에서, 3강에서 받은 파일이 있는 폴더에서 실행하세요: rootCA.pem, server.pem,
# server-key.pem, client.pem, client-key.pem. "다른 CA" 실험에는 other-client.pem과
# other-client-key.pem도 씁니다. 이 두 파일이 없으면 한 번 쓰고 버릴 CA로 이 폴더에
# openssl로 만듭니다(5강과 같은 명령입니다).
#
# 사용법: bash nginx-lab.sh [--local] [--port N] [--step https|mtls]
#   (기본값)    nginx를 docker에서 실행합니다. 이미지는 nginx, 컨테이너는 kube-auth-lab-nginx이며
#               (같은 이름의 컨테이너를 대체합니다) 끝날 때 지웁니다
#   --local     이 호스트에 설치된 nginx를 여러분의 권한으로 임시 폴더에서 실행합니다
#   --port N    127.0.0.1의 포트(기본값 8443)
#   --step S    4강(https)만 또는 5강(mtls)만 실행합니다. 기본값: 둘 다
# 환경 변수: NGINX_LAB_MODE=docker|local, NGINX_LAB_PORT, NGINX_LAB_IMAGE(기본값 nginx),
# NGINX_BIN(--local에서 쓸 nginx 실행 파일).
# nginx는 127.0.0.1에서만 접속을 받으며, 스크립트가 끝나면 멈춥니다(컨테이너는 지웁니다).
# 종료 코드: 모든 결과가 강의에서 설명한 대로이면 0, 하나라도 다르면 1,
# 필요한 것이 없으면 2.
set -euo pipefail
umask 077

mode=${NGINX_LAB_MODE:-docker}
port=${NGINX_LAB_PORT:-8443}
image=${NGINX_LAB_IMAGE:-nginx}
container=kube-auth-lab-nginx
steps=(https mtls)

die() {
  printf 'nginx-lab.sh: %s\n' "$*" >&2
  exit 2
}

usage() {
  echo "사용법: bash nginx-lab.sh [--local] [--port N] [--step https|mtls]"
  echo "4강과 5강의 실험을 docker의 nginx(--local이면 이 호스트의 nginx)로 실행합니다."
}

while (($# > 0)); do
  case $1 in
    --local) mode=local ;;
    --docker) mode=docker ;;
    --port)
      [[ $# -ge 2 ]] || die "--port에는 숫자가 필요합니다"
      port=$2
      shift
      ;;
    --step)
      [[ $# -ge 2 ]] || die "--step에는 https 또는 mtls가 필요합니다"
      steps=("$2")
      shift
      ;;
    -h | --help)
      usage
      exit 0
      ;;
    *) die "알 수 없는 옵션입니다: '$1' (--help 참고)" ;;
  esac
  shift
done

[[ $mode == docker || $mode == local ]] || die "NGINX_LAB_MODE는 docker 또는 local이어야 합니다. 지금 값: '$mode'"
if ! [[ $port =~ ^[0-9]+$ ]] || ((port < 1 || port > 65535)); then
  die "포트는 1부터 65535까지의 숫자여야 합니다. 지금 값: '$port'"
fi
[[ ${steps[0]} == https || ${steps[0]} == mtls ]] || die "--step은 https 또는 mtls여야 합니다. 지금 값: '${steps[0]}'"

# --- 실습에 필요한 것 -------------------------------------------------------------------------

missing=()
for tool in curl openssl; do
  command -v "$tool" >/dev/null || missing+=("$tool")
done
if [[ $mode == docker ]]; then
  command -v docker >/dev/null || missing+=("docker (또는 --local로 실행하면 이 호스트에 설치된 nginx를 씁니다)")
else
  nginx_bin=${NGINX_BIN:-$(command -v nginx || echo /usr/sbin/nginx)}
  [[ -x $nginx_bin ]] || missing+=("nginx (sudo apt-get install nginx), 또는 --local 없이 실행하면 docker를 씁니다")
fi
if ((${#missing[@]} > 0)); then
  printf 'nginx-lab.sh: 이 호스트에 없음: %s\n' "${missing[@]}" >&2
  exit 2
fi

missing=()
for file in rootCA.pem server.pem server-key.pem client.pem client-key.pem; do
  [[ -s $file ]] || missing+=("$file")
done
if ((${#missing[@]} > 0)); then
  die "${PWD}에 없는 파일: ${missing[*]}
3강에서 이 폴더로 내려받거나, 파일이 있는 폴더로 cd 하세요."
fi

# check_pair CERT KEY: CERT가 PEM 인증서이고, KEY가 암호화되지 않은 PEM 개인 키이며, 둘이 짝인지 확인합니다.
check_pair() {
  local cert_public key_public
  cert_public=$(openssl x509 -in "$1" -noout -pubkey 2>/dev/null) || die "$1 파일은 PEM 인증서가 아닙니다"
  key_public=$(openssl pkey -in "$2" -pubout -passin pass: 2>/dev/null) ||
    die "$2 파일은 암호화되지 않은 PEM 개인 키가 아닙니다"
  [[ $cert_public == "$key_public" ]] || die "$2 파일은 $1의 개인 키가 아닙니다"
}

openssl x509 -in rootCA.pem -noout 2>/dev/null || die "rootCA.pem 파일은 PEM 인증서가 아닙니다"
check_pair server.pem server-key.pem
check_pair client.pem client-key.pem
for cert in server.pem client.pem; do
  openssl verify -CAfile rootCA.pem "$cert" >/dev/null 2>&1 ||
    die "$cert 파일은 rootCA.pem의 CA가 서명하지 않았거나 유효 기간이 지났습니다: $(openssl verify -CAfile rootCA.pem "$cert" 2>&1 | tail -n 1)"
done
if ! openssl x509 -in server.pem -noout -ext subjectAltName 2>/dev/null | grep -q 'DNS:localhost'; then
  echo "경고: server.pem에 SAN DNS:localhost가 없으므로, curl은 https://localhost:$port/ 에 대해 이 인증서를 받아들이지 않습니다"
fi

if [[ -s other-client.pem && -s other-client-key.pem ]]; then
  check_pair other-client.pem other-client-key.pem
  echo "다른 CA 실험에 other-client.pem($(openssl x509 -in other-client.pem -noout -issuer))을 씁니다."
else
  echo "other-client.pem과 other-client-key.pem이 없으므로 지금 openssl로 만듭니다. 한 번 쓰고 버릴"
  echo "CA(other-ca.pem, other-ca-key.pem)가 발급하며, 파일은 ${PWD}에 둡니다."
  make_other_client_now=yes
fi

client_dn=$(openssl x509 -in client.pem -noout -subject -nameopt RFC2253)
client_dn=${client_dn#subject=}

if [[ $mode == docker ]] && ! docker info >/dev/null 2>&1; then
  die "docker가 데몬에 연결하지 못합니다(데몬이 실행 중인가요? sudo 없이 docker를 쓸 수 있나요?).
또는 이렇게 실행하세요: bash nginx-lab.sh --local (이 호스트에 설치된 nginx를 씁니다)"
fi

# --- nginx: docker 또는 이 호스트에서 ----------------------------------------------------------

# 임시 폴더는 이 폴더 안에 만들고(docker가 마운트할 수 있어야 합니다) 끝날 때 지웁니다.
work=$(mktemp -d "$PWD/.nginx-lab.XXXXXX") || die "${PWD}에 폴더를 만들 수 없습니다"
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

# write_default_conf STEP CERT_DIR LISTEN ERROR_LOG: 4강(STEP https) 또는 5강(STEP mtls)의
# default.conf를 출력합니다. docker에서는 강의와 같은 값을 씁니다:
# /etc/nginx/conf.d, 443, /var/log/nginx/error.log.
write_default_conf() {
  local cert_dir=$2 listen=$3 error_log=$4
  if [[ $1 == https ]]; then
    cat <<EOF
# default.conf, 4강: nginx가 여러분의 서버 인증서로 HTTPS를 제공합니다.
server {
    listen ${listen} ssl;
    server_name localhost;

    ssl_certificate     ${cert_dir}/server.pem;
    ssl_certificate_key ${cert_dir}/server-key.pem;

    # nginx의 오류 페이지는 이유를 알려 주지 않습니다. 이유는 로그(info 수준)에 남습니다.
    error_log ${error_log} info;
    # 오류 페이지에는 버전 없이 "nginx"만 나옵니다.
    server_tokens off;

    location / {
        default_type text/plain;
        return 200 "hello over HTTPS\n";
    }
}
EOF
  else
    cat <<EOF
# default.conf, 5강: nginx가 여러분의 CA가 발급한 클라이언트 인증서도 요구합니다.
server {
    listen ${listen} ssl;
    server_name localhost;

    ssl_certificate     ${cert_dir}/server.pem;
    ssl_certificate_key ${cert_dir}/server-key.pem;

    # 모든 클라이언트에게 인증서를 요청하고, 유효한 인증서가 없는 요청은 거부하며,
    # 이 CA가 발급한 인증서만 신뢰합니다.
    ssl_verify_client      on;
    ssl_client_certificate ${cert_dir}/rootCA.pem;
    # ssl_verify_depth의 기본값은 1이며, rootCA -> client에는 이것으로 충분합니다.
    # 둘 사이에 중간 CA가 하나 있을 때마다 1씩 더하세요.

    # nginx의 오류 페이지는 이유를 알려 주지 않습니다. 이유는 로그(info 수준)에 남습니다.
    error_log ${error_log} info;
    # 오류 페이지에는 버전 없이 "nginx"만 나옵니다.
    server_tokens off;

    location / {
        default_type text/plain;
        return 200 "hello, \$ssl_client_s_dn\nssl_client_verify: \$ssl_client_verify\n";
    }
}
EOF
  fi
}

# write_nginx_conf: --local에서 쓰는 nginx.conf입니다. 경로가 임시 폴더 기준이므로 nginx는 그 밖에
# 아무것도 쓰지 않으며, 이 스크립트의 자식 프로세스로 포그라운드에서 실행됩니다.
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
    if [[ $configure != *"--without-http_${module}_module"* ]]; then
      echo "    ${module}_temp_path tmp/$module;"
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

port_in_use() {
  local code=0
  curl -s -o /dev/null --max-time 2 "http://127.0.0.1:$port/" || code=$?
  [[ $code != 7 ]]
}

# start_nginx STEP: STEP의 default.conf를 작성하고 127.0.0.1:$port 에서 nginx를 시작합니다.
start_nginx() {
  local i
  if [[ $mode == docker ]]; then
    docker rm -f "$container" >/dev/null 2>&1 || true
  fi
  if port_in_use; then
    die "127.0.0.1:${port}에서 이미 다른 프로그램이 연결을 받고 있습니다(이전 실행의 nginx인가요?). 그 프로그램을 멈추거나 --port를 쓰세요"
  fi
  mkdir -p "$work/conf.d" "$work/tmp"
  cp rootCA.pem server.pem server-key.pem "$work/conf.d/"
  if [[ $mode == docker ]]; then
    write_default_conf "$1" /etc/nginx/conf.d 443 /var/log/nginx/error.log >"$work/conf.d/default.conf"
    echo "nginx: docker run -d --name $container -p 127.0.0.1:$port:443 -v <임시 폴더>:/etc/nginx/conf.d:ro $image"
    started_container=yes
    docker run -d --name "$container" -p "127.0.0.1:$port:443" \
      -v "$work/conf.d:/etc/nginx/conf.d:ro" "$image" >/dev/null || die "docker run이 실패했습니다(위의 메시지를 보세요)"
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
  echo "nginx가 https://127.0.0.1:$port/ 에서 응답하지 않았습니다. 로그:" >&2
  log_lines | tail -n 20 >&2
  exit 2
}

# nginx_reason LINES: nginx 로그의 LINES번째 줄 뒤에 info 수준으로 기록된 첫 번째 이유를 출력합니다.
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

# --- 실험 ----------------------------------------------------------------------------------------

total=0
failures=0

# experiment ID TITLE EXPECTED HINT CURL_ARGUMENT... URL: 인자를 주어 curl -sS를 실행하고, 출력을
# 보여 준 뒤, 결과를 EXPECTED와 비교합니다. EXPECTED는 nginx 오류 페이지의 제목,
# "200 <페이지의 첫 줄>", 또는 "curl exit <N>"입니다.
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
  echo "  기대한 결과: $expected"
  echo "  실제 결과:   $seen"
  if [[ $status != 200 ]]; then
    reason=$(nginx_reason "$before")
    if [[ -n $reason ]]; then
      echo "  nginx 로그: $reason"
    fi
  fi
  if [[ $verdict == FAIL ]]; then
    echo "  힌트: $hint"
  fi
}

experiments_https() {
  experiment plain-http \
    'HTTPS 포트에 평문 HTTP로 요청하기' \
    '400 The plain HTTP request was sent to HTTPS port' \
    '실습용 nginx가 아닌 다른 프로그램이 이 포트에서 연결을 받고 있지 않나요?' \
    "http://localhost:$port/"
  experiment no-ca \
    'HTTPS로 요청하지만 curl이 여러분의 CA를 모를 때' \
    'curl exit 60' \
    '이 호스트의 신뢰 저장소가 이미 rootCA.pem을 신뢰하고 있지 않나요(update-ca-certificates)?' \
    "https://localhost:$port/"
  experiment insecure \
    '-k를 붙인 HTTPS: 아무것도 확인하지 않음' \
    '200 hello over HTTPS' \
    'curl이 실습용 nginx에 접속하나요? server-key.pem이 server.pem의 개인 키인가요?' \
    -k "https://localhost:$port/"
  experiment cacert \
    '--cacert rootCA.pem을 붙인 HTTPS: 서버를 확인함' \
    '200 hello over HTTPS' \
    'server.pem에 rootCA.pem의 CA가 서명했나요? localhost가 SAN에 들어 있나요? (openssl x509 -in server.pem -noout -ext subjectAltName)' \
    --cacert rootCA.pem "https://localhost:$port/"
}

experiments_mtls() {
  experiment no-client-cert \
    '클라이언트 인증서 없음' \
    '400 No required SSL certificate was sent' \
    'default.conf에 ssl_verify_client on이 있나요?' \
    --cacert rootCA.pem "https://localhost:$port/"
  experiment client-cert \
    '여러분의 클라이언트 인증서와 그 키' \
    "200 hello, $client_dn" \
    'client.pem에 rootCA.pem의 CA가 서명했고, 유효 기간이 남아 있으며, 클라이언트 인증용(EKU clientAuth)으로 만들었나요?' \
    --cacert rootCA.pem --cert client.pem --key client-key.pem "https://localhost:$port/"
  experiment cert-without-key \
    '키 없이 인증서만' \
    'curl exit 58' \
    'client.pem에 개인 키도 들어 있지 않나요? 이 파일에는 인증서만 있어야 합니다.' \
    --cacert rootCA.pem --cert client.pem "https://localhost:$port/"
  experiment other-ca \
    '다른 CA가 발급한 클라이언트 인증서(이름은 같음)' \
    '400 The SSL certificate error' \
    'other-client.pem을 정말 rootCA.pem과 다른 CA가 발급했나요?' \
    --cacert rootCA.pem --cert other-client.pem --key other-client-key.pem "https://localhost:$port/"
  experiment server-cert-as-client \
    '서버 인증서를 클라이언트 인증서로 쓰기' \
    '400 The SSL certificate error' \
    'server.pem이 클라이언트 인증(EKU clientAuth)도 허용하지 않나요? 서버 인증서에는 serverAuth만 있어야 합니다.' \
    --cacert rootCA.pem --cert server.pem --key server-key.pem "https://localhost:$port/"
}

# make_other_client: 한 번 쓰고 버릴 CA로 other-client.pem을 만드는 5강의 명령입니다.
make_other_client() {
  local subject
  openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out other-ca-key.pem
  openssl req -x509 -new -key other-ca-key.pem -days 7 -subj "/CN=Some other CA" \
    -addext basicConstraints=critical,CA:TRUE -addext keyUsage=critical,keyCertSign,cRLSign \
    -out other-ca.pem
  openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out other-client-key.pem
  subject=$(openssl x509 -in client.pem -noout -subject -nameopt compat)
  openssl req -new -key other-client-key.pem -subj "${subject#subject=}" |
    openssl x509 -req -CA other-ca.pem -CAkey other-ca-key.pem -days 7 \
      -set_serial "0x$(openssl rand -hex 8)" \
      -extfile <(printf 'extendedKeyUsage=clientAuth\n') -out other-client.pem
}

# --- 실행 ----------------------------------------------------------------------------------------

if [[ ${make_other_client_now:-no} == yes ]]; then
  make_other_client
fi

for step in "${steps[@]}"; do
  echo
  if [[ $step == https ]]; then
    echo "=== 4강: nginx로 HTTPS 제공하기 ==="
  else
    echo "=== 5강: 클라이언트 인증서 요구하기(상호 TLS) ==="
  fi
  start_nginx "$step"
  "experiments_$step"
  stop_nginx
done

echo
if ((failures > 0)); then
  echo "FAIL: 실험 ${total}개 중 ${failures}개가 강의에서 설명한 결과와 다릅니다."
  exit 1
fi
echo "PASS: 실험 ${total}개 모두 강의에서 설명한 결과가 나왔습니다."
