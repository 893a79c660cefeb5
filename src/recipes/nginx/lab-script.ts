// The text of nginx-lab.sh: it sets up nginx from the reader's files and runs every experiment
// of lessons 4 and 5, printing what each lesson expects and what it saw. The default.conf it
// writes comes from nginxConfig() and the experiments from NGINX_EXPERIMENTS, so the script, the
// lessons and the interop test cannot drift apart. public/scripts/nginx-lab.sh is this text;
// tests/interop/nginx-script-file.test.ts checks that (UPDATE_SCRIPTS=1 rewrites the file).
//
// The static parts are written with the `bash` tag below: it keeps backslashes as they are
// (String.raw) and turns `$\{` into `${`, since a template literal cannot hold `${` itself.

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

function bash(strings: TemplateStringsArray, ...values: string[]): string {
  return String.raw({ raw: strings.raw.map((s) => s.replaceAll('$\\{', '${')) }, ...values);
}

/** Quotes a word for bash: bare when safe, else in single (or, around an apostrophe, double) quotes. */
function bashWord(word: string): string {
  if (/^[A-Za-z0-9_./:=,+@%-]+$/.test(word)) return word;
  if (!word.includes("'")) return `'${word}'`;
  if (!/[$`"\\!]/.test(word)) return `"${word}"`;
  return `'${word.replaceAll("'", `'\\''`)}'`;
}

/** The config text as an unquoted heredoc body: nginx's own $variables escaped, ours expanded. */
function heredocBody(text: string): string {
  return text.replace(/\$(?!\{(cert_dir|listen|error_log)\})/g, '\\$');
}

function writeDefaultConfFunction(): string {
  const body = (step: NginxLabStep) =>
    heredocBody(
      // biome-ignore lint/suspicious/noTemplateCurlyInString: these are bash's ${...}, expanded by the heredoc
      nginxConfig({ step, certDir: '${cert_dir}', listen: '${listen}', errorLog: '${error_log}' }),
    );
  return bash`# write_default_conf STEP CERT_DIR LISTEN ERROR_LOG: prints the default.conf of lesson 4
# (STEP https) or lesson 5 (STEP mtls). With docker the lessons' values are used:
# /etc/nginx/conf.d, 443 and /var/log/nginx/error.log.
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

function experimentCall(e: NginxExperiment): string {
  const expected = e.expected.includes(CLIENT_DN)
    ? `"${e.expected.replace(CLIENT_DN, '$client_dn')}"`
    : bashWord(e.expected);
  const url = `"${e.scheme ?? 'https'}://localhost:$port/"`;
  const words = [
    e.id,
    bashWord(e.title),
    expected,
    bashWord(e.hint),
    [...e.args.map(bashWord), url].join(' '),
  ];
  return `  experiment ${words.join(' \\\n    ')}\n`;
}

function experimentFunctions(): string {
  return NGINX_LAB_STEPS.map(
    (step) =>
      `experiments_${step}() {\n${NGINX_EXPERIMENTS.filter((e) => e.step === step)
        .map(experimentCall)
        .join('')}}\n`,
  ).join('\n');
}

function makeOtherClientFunction(): string {
  const body = otherClientCommands()
    .trimEnd()
    .split('\n')
    .map((line) => `  ${line}`)
    .join('\n');
  return `# make_other_client: the commands of lesson 5 that make other-client.pem from a throwaway CA.\nmake_other_client() {\n  local subject\n${body}\n}\n`;
}

/** Returns the text of nginx-lab.sh. */
export function nginxLabScript(): string {
  return bash`#!/usr/bin/env bash
# nginx-lab.sh: runs every experiment of Kube Auth Lab's nginx lessons (4: HTTPS, 5: mutual TLS)
# against a real nginx, and prints for each the outcome the lesson describes and the one seen.
#
# Run it on your host, in the folder with the files from lesson 3: rootCA.pem, server.pem,
# server-key.pem, client.pem and client-key.pem. For the "other CA" experiment it also uses
# other-client.pem and other-client-key.pem; when they are missing it makes them with openssl,
# from a throwaway CA, in this folder (the same commands as lesson 5).
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
# 2 when something needed is missing.
set -euo pipefail
umask 077

mode=$\{NGINX_LAB_MODE:-docker}
port=$\{NGINX_LAB_PORT:-8443}
image=$\{NGINX_LAB_IMAGE:-nginx}
container=${NGINX_CONTAINER}
steps=(https mtls)

die() {
  printf 'nginx-lab.sh: %s\n' "$*" >&2
  exit 2
}

usage() {
  echo "usage: bash nginx-lab.sh [--local] [--port N] [--step https|mtls]"
  echo "Runs lessons 4 and 5's experiments against nginx in docker (or, with --local, this host's nginx)."
}

while (($# > 0)); do
  case $1 in
    --local) mode=local ;;
    --docker) mode=docker ;;
    --port)
      [[ $# -ge 2 ]] || die "--port needs a number"
      port=$2
      shift
      ;;
    --step)
      [[ $# -ge 2 ]] || die "--step needs https or mtls"
      steps=("$2")
      shift
      ;;
    -h | --help)
      usage
      exit 0
      ;;
    *) die "unknown option '$1' (see --help)" ;;
  esac
  shift
done

[[ $mode == docker || $mode == local ]] || die "NGINX_LAB_MODE must be docker or local, not '$mode'"
if ! [[ $port =~ ^[0-9]+$ ]] || ((port < 1 || port > 65535)); then
  die "the port must be a number from 1 to 65535, not '$port'"
fi
[[ $\{steps[0]} == https || $\{steps[0]} == mtls ]] || die "--step must be https or mtls, not '$\{steps[0]}'"

# --- What the lab needs -----------------------------------------------------------------------

missing=()
for tool in curl openssl; do
  command -v "$tool" >/dev/null || missing+=("$tool")
done
if [[ $mode == docker ]]; then
  command -v docker >/dev/null || missing+=("docker (or run with --local to use nginx installed on this host)")
else
  nginx_bin=$\{NGINX_BIN:-$(command -v nginx || echo /usr/sbin/nginx)}
  [[ -x $nginx_bin ]] || missing+=("nginx (sudo apt-get install nginx), or run without --local to use docker")
fi
if (($\{#missing[@]} > 0)); then
  printf 'nginx-lab.sh: missing on this host: %s\n' "$\{missing[@]}" >&2
  exit 2
fi

missing=()
for file in rootCA.pem server.pem server-key.pem client.pem client-key.pem; do
  [[ -s $file ]] || missing+=("$file")
done
if (($\{#missing[@]} > 0)); then
  die "missing in $PWD: $\{missing[*]}
Download them from lesson 3 into this folder, or cd to the folder that has them."
fi

# check_pair CERT KEY: CERT is a PEM certificate, KEY an unencrypted PEM key, and they belong together.
check_pair() {
  local cert_public key_public
  cert_public=$(openssl x509 -in "$1" -noout -pubkey 2>/dev/null) || die "$1 is not a PEM certificate"
  key_public=$(openssl pkey -in "$2" -pubout -passin pass: 2>/dev/null) ||
    die "$2 is not an unencrypted PEM private key"
  [[ $cert_public == "$key_public" ]] || die "$2 is not the private key of $1"
}

openssl x509 -in rootCA.pem -noout 2>/dev/null || die "rootCA.pem is not a PEM certificate"
check_pair server.pem server-key.pem
check_pair client.pem client-key.pem
for cert in server.pem client.pem; do
  openssl verify -CAfile rootCA.pem "$cert" >/dev/null 2>&1 ||
    die "$cert is not signed by rootCA.pem, or has expired: $(openssl verify -CAfile rootCA.pem "$cert" 2>&1 | tail -n 1)"
done
if ! openssl x509 -in server.pem -noout -ext subjectAltName 2>/dev/null | grep -q 'DNS:localhost'; then
  echo "warning: server.pem has no SAN DNS:localhost, so curl will not accept it for https://localhost:$port/"
fi

if [[ -s other-client.pem && -s other-client-key.pem ]]; then
  check_pair other-client.pem other-client-key.pem
  echo "Using other-client.pem ($(openssl x509 -in other-client.pem -noout -issuer)) for the other-CA experiment."
else
  echo "other-client.pem and other-client-key.pem are missing: making them now with openssl, from a"
  echo "throwaway CA (other-ca.pem, other-ca-key.pem), in $PWD."
  make_other_client_now=yes
fi

client_dn=$(openssl x509 -in client.pem -noout -subject -nameopt RFC2253)
client_dn=$\{client_dn#subject=}

if [[ $mode == docker ]] && ! docker info >/dev/null 2>&1; then
  die "docker cannot reach its daemon (is it running? may you use it without sudo?).
Or run: bash nginx-lab.sh --local (uses nginx installed on this host)"
fi

# --- nginx, in docker or local -----------------------------------------------------------------

# In this folder (docker must be able to mount it) and removed at the end.
work=$(mktemp -d "$PWD/.nginx-lab.XXXXXX") || die "cannot create a folder in $PWD"
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

${writeDefaultConfFunction()}
# write_nginx_conf: the nginx.conf for --local. Paths are relative to the temporary folder, so
# nginx writes nothing outside it, and it runs in the foreground as a child of this script.
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

port_in_use() {
  local code=0
  curl -s -o /dev/null --max-time 2 "http://127.0.0.1:$port/" || code=$?
  [[ $code != 7 ]]
}

# start_nginx STEP: writes default.conf for STEP and starts nginx on 127.0.0.1:$port.
start_nginx() {
  local i
  if [[ $mode == docker ]]; then
    docker rm -f "$container" >/dev/null 2>&1 || true
  fi
  if port_in_use; then
    die "something already listens on 127.0.0.1:$port (a nginx from an earlier run?). Stop it, or use --port"
  fi
  mkdir -p "$work/conf.d" "$work/tmp"
  cp rootCA.pem server.pem server-key.pem "$work/conf.d/"
  if [[ $mode == docker ]]; then
    write_default_conf "$1" /etc/nginx/conf.d 443 /var/log/nginx/error.log >"$work/conf.d/default.conf"
    echo "nginx: docker run -d --name $container -p 127.0.0.1:$port:443 -v <temporary folder>:/etc/nginx/conf.d:ro $image"
    started_container=yes
    docker run -d --name "$container" -p "127.0.0.1:$port:443" \
      -v "$work/conf.d:/etc/nginx/conf.d:ro" "$image" >/dev/null || die "docker run failed (see above)"
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
  echo "nginx did not answer on https://127.0.0.1:$port/. Its log:" >&2
  log_lines | tail -n 20 >&2
  exit 2
}

# nginx_reason LINES: the first reason nginx logged at level info after line LINES of its log.
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

# --- The experiments -----------------------------------------------------------------------------

total=0
failures=0

# experiment ID TITLE EXPECTED HINT CURL_ARGUMENT... URL: runs curl -sS with the arguments, shows
# what it printed, and compares the outcome with EXPECTED: the title of nginx's error page,
# "200 <first line of the page>", or "curl exit <N>".
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
  echo "  expected: $expected"
  echo "  seen:     $seen"
  if [[ $status != 200 ]]; then
    reason=$(nginx_reason "$before")
    if [[ -n $reason ]]; then
      echo "  nginx log: $reason"
    fi
  fi
  if [[ $verdict == FAIL ]]; then
    echo "  hint: $hint"
  fi
}

${experimentFunctions()}
${makeOtherClientFunction()}
# --- Run -----------------------------------------------------------------------------------------

if [[ $\{make_other_client_now:-no} == yes ]]; then
  make_other_client
fi

for step in "$\{steps[@]}"; do
  echo
  if [[ $step == https ]]; then
    echo "=== Lesson 4: HTTPS with nginx ==="
  else
    echo "=== Lesson 5: mutual TLS ==="
  fi
  start_nginx "$step"
  "experiments_$step"
  stop_nginx
done

echo
if ((failures > 0)); then
  echo "FAIL: $failures of $total experiments did not give the outcome the lessons describe."
  exit 1
fi
echo "PASS: all $total experiments gave the outcome the lessons describe."
`;
}

export interface ScriptReportParams extends ExperimentCommandParams {
  /** client.pem's subject as nginx prints it. Default: EXAMPLE_CLIENT_DN. */
  clientDn?: string;
}

/** What nginx-lab.sh prints for an experiment whose outcome is the expected one. */
export function scriptReport(e: NginxExperiment, params: ScriptReportParams = {}): string {
  const expected = withClientDn(e.expected, params.clientDn);
  const lines = [
    `[PASS] ${e.id}: ${e.title}`,
    `  $ ${experimentCommand(e, params)}`,
    ...withClientDn(e.output, params.clientDn)
      .replace(/\n$/, '')
      .split('\n')
      .map((line) => `  | ${line}`),
    `  expected: ${expected}`,
    `  seen:     ${expected}`,
  ];
  if (e.nginxLog) lines.push(`  nginx log: ${e.nginxLog}`);
  return `${lines.join('\n')}\n`;
}
