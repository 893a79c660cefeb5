// The prelude every script the site hands out begins with (kube-pki-copy.sh, sign-on-node.sh,
// nginx-lab.sh, oidc-issuer.sh): die() and usage(), and the argument loop with -h/--help and the
// unknown-option refusal. Each script gives only its own options. Also the check the nginx scripts
// make before they start: curl and openssl, and docker or a local nginx.
import type { Lang } from '../i18n/index.ts';

/** The unknown-option refusal, in the script's language. */
export const UNKNOWN_OPTION: Record<Lang, string> = {
  en: "unknown option '$1' (see --help)",
  ko: "알 수 없는 옵션입니다: '$1' (--help 참고)",
};

export interface PreludeParams {
  /** The script's file name, which starts every die() message. */
  script: string;
  /** The usage line and the one-line description, in the script's language. */
  usage: string;
  about: string;
  /** The case arms of the script's own options, each indented by four spaces. */
  options: string;
  /** The arm for a word that is not an option (with its pattern), or none: every such word is then refused. */
  positional?: string;
  /** The unknown-option text in the script's language. */
  unknownOption: string;
}

/** die(), usage() and the argument loop, as bash. */
export function scriptPrelude(p: PreludeParams): string {
  const refuse = `    ${p.positional ? '-*' : '*'}) die "${p.unknownOption}" ;;`;
  return `die() {
  printf '${p.script}: %s\\n' "$*" >&2
  exit 2
}

usage() {
  echo "${p.usage}"
  echo "${p.about}"
}

while (($# > 0)); do
  case $1 in
${p.options}
    -h | --help)
      usage
      exit 0
      ;;
${refuse}${p.positional ? `\n${p.positional}` : ''}
  esac
  shift
done`;
}

export interface NginxToolsParams {
  /** The script's file name, which starts the message. */
  script: string;
  /** "missing on this host", in the script's language. */
  missing: string;
  /** What to say when docker is missing (docker mode), and when nginx is (--local). */
  docker: string;
  nginx: string;
}

/** Refuses to start (exit 2) when curl, openssl, or docker / the local nginx ($nginx_bin) is missing, naming all of them. */
export function nginxToolsCheck(p: NginxToolsParams): string {
  return `missing=()
for tool in curl openssl; do
  command -v "$tool" >/dev/null || missing+=("$tool")
done
if [[ $mode == docker ]]; then
  command -v docker >/dev/null || missing+=("${p.docker}")
else
  nginx_bin=\${NGINX_BIN:-$(command -v nginx || echo /usr/sbin/nginx)}
  [[ -x $nginx_bin ]] || missing+=("${p.nginx}")
fi
if ((\${#missing[@]} > 0)); then
  printf '${p.script}: ${p.missing}: %s\\n' "\${missing[@]}" >&2
  exit 2
fi`;
}
