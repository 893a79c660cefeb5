// The text of kube-pki-copy.sh (lesson 6): on a kubeadm control-plane node it copies what the
// lesson needs out of /etc/kubernetes into one folder — the cluster CA certificate, the API
// server's certificate and key, and the client certificate and key embedded (base64 of PEM) in
// admin.conf — and never the CA's key. The site serves this text at /scripts/kube-pki-copy.sh and
// the Korean edition (same commands, Korean comments and messages) at /scripts/ko/kube-pki-copy.sh,
// both built from here (src/recipes/lab-scripts.ts).
import type { Lang } from '../../i18n/index.ts';
import { bash } from '../bash.ts';
import { scriptPrelude, UNKNOWN_OPTION } from '../script-prelude.ts';
import { expandVariables, printfText, type TextTable, textsIn } from '../texts.ts';

/** The files kube-pki-copy.sh writes, by where they come from (kubeadm's paths under /etc/kubernetes). */
export const KUBE_PKI_COPY_FILES = [
  { name: 'ca.crt', from: 'pki/ca.crt', secret: false },
  { name: 'apiserver.crt', from: 'pki/apiserver.crt', secret: false },
  { name: 'apiserver.key', from: 'pki/apiserver.key', secret: true },
  { name: 'admin.crt', from: 'admin.conf client-certificate-data', secret: false },
  { name: 'admin.key', from: 'admin.conf client-key-data', secret: true },
] as const;

/** The folder kube-pki-copy.sh writes into when none is given. */
export const KUBE_PKI_COPY_DIR = 'kube-pki';

/** The comments and messages of kube-pki-copy.sh (bash source, `$\{` for bash's `${`), in order. */
const TEXTS = {
  header: {
    en: `# kube-pki-copy.sh: copies, on a kubeadm control-plane node, the files Kube Auth Lab's lesson 6
# looks at into one folder:
#   ca.crt         the cluster CA certificate            (/etc/kubernetes/pki/ca.crt)
#   apiserver.crt  the API server's serving certificate  (/etc/kubernetes/pki/apiserver.crt)
#   apiserver.key  its private key, mode 600              (/etc/kubernetes/pki/apiserver.key)
#   admin.crt      the client certificate in admin.conf  (client-certificate-data, base64-decoded)
#   admin.key      its private key, mode 600              (client-key-data, base64-decoded)
# It never copies the CA's private key (ca.key): that stays on the node.
#
# Usage: sudo bash kube-pki-copy.sh [--kubeconfig NAME] [DEST]
#   DEST              the folder to write (default: ${KUBE_PKI_COPY_DIR}, in the current folder); made with mode 700
#   --kubeconfig NAME the kubeconfig under /etc/kubernetes to decode (default: admin.conf); for
#                     super-admin.conf the files are named super-admin.crt and super-admin.key
# Environment: KUBE_DIR, the kubeadm folder (default /etc/kubernetes).
# Run with sudo: the keys and admin.conf are readable by root only. The copies are given to the
# user who ran sudo. Running it again rewrites only what changed.
# Exit status: 0 on success, 2 when something needed is missing or unreadable.`,
    ko: `# kube-pki-copy.sh: kubeadm 컨트롤 플레인 노드에서, Kube Auth Lab 6강에서 살펴볼 파일을
# 한 폴더에 복사합니다.
#   ca.crt         클러스터 CA 인증서 (/etc/kubernetes/pki/ca.crt)
#   apiserver.crt  API 서버의 서버 인증서 (/etc/kubernetes/pki/apiserver.crt)
#   apiserver.key  그 개인 키, 모드 600 (/etc/kubernetes/pki/apiserver.key)
#   admin.crt      admin.conf의 클라이언트 인증서 (client-certificate-data를 base64로 디코딩)
#   admin.key      그 개인 키, 모드 600 (client-key-data를 base64로 디코딩)
# CA의 개인 키(ca.key)는 복사하지 않습니다. 그 키는 노드에만 있어야 합니다.
#
# 사용법: sudo bash kube-pki-copy.sh [--kubeconfig NAME] [DEST]
#   DEST              파일을 쓸 폴더(기본값: 현재 폴더의 ${KUBE_PKI_COPY_DIR}). 모드 700으로 만듭니다
#   --kubeconfig NAME 디코딩할 /etc/kubernetes 안의 kubeconfig(기본값: admin.conf).
#                     super-admin.conf라면 파일 이름은 super-admin.crt와 super-admin.key가 됩니다
# 환경 변수: KUBE_DIR, kubeadm 폴더(기본값 /etc/kubernetes).
# sudo로 실행하세요. 키와 admin.conf는 root만 읽을 수 있습니다. 복사한 파일의 소유자는 sudo를
# 실행한 사용자가 됩니다. 다시 실행하면 바뀐 파일만 다시 씁니다.
# 종료 코드: 성공하면 0, 필요한 것이 없거나 읽을 수 없으면 2.`,
  },
  usage: {
    en: 'usage: sudo bash kube-pki-copy.sh [--kubeconfig NAME] [DEST]',
    ko: '사용법: sudo bash kube-pki-copy.sh [--kubeconfig NAME] [DEST]',
  },
  about: {
    en: `Copies ca.crt, apiserver.crt/.key and the client certificate and key of admin.conf into DEST (default ${KUBE_PKI_COPY_DIR}).`,
    ko: `ca.crt, apiserver.crt/.key, admin.conf의 클라이언트 인증서와 키를 DEST(기본값 ${KUBE_PKI_COPY_DIR})에 복사합니다.`,
  },
  kubeconfigNeedsName: {
    en: '--kubeconfig needs a file name, e.g. admin.conf',
    ko: '--kubeconfig에는 파일 이름이 필요합니다(예: admin.conf)',
  },
  unknownOption: UNKNOWN_OPTION,
  badKubeconfig: {
    en: "--kubeconfig takes a file name in $kube_dir ending in .conf, e.g. admin.conf, not '$conf'",
    ko: "--kubeconfig에는 $kube_dir 안의, .conf로 끝나는 파일 이름을 주세요(예: admin.conf). 지금 값: '$conf'",
  },
  sectionNeeds: {
    en: '# --- What is needed -----------------------------------------------------------------------------',
    ko: '# --- 필요한 것 ----------------------------------------------------------------------------------',
  },
  noBase64: {
    en: 'base64 is missing (it comes with coreutils)',
    ko: 'base64가 없습니다(coreutils에 들어 있습니다)',
  },
  noKubeDir: {
    en: '$kube_dir does not exist: run this on a kubeadm control-plane node (or set KUBE_DIR)',
    ko: '$kube_dir 폴더가 없습니다: kubeadm 컨트롤 플레인 노드에서 실행하세요(또는 KUBE_DIR을 설정하세요)',
  },
  missing: {
    en: bash`missing: $\{missing[*]}
Is this a kubeadm control-plane node? (worker nodes have no pki/apiserver.* and no $conf)`,
    ko: bash`없는 파일: $\{missing[*]}
kubeadm 컨트롤 플레인 노드가 맞나요? (워커 노드에는 pki/apiserver.*도, $\{conf}도 없습니다)`,
  },
  unreadable: {
    en: bash`cannot read: $\{unreadable[*]}
Run it as root: sudo bash kube-pki-copy.sh`,
    ko: bash`읽을 수 없는 파일: $\{unreadable[*]}
root로 실행하세요: sudo bash kube-pki-copy.sh`,
  },
  field: {
    en: '# field NAME: the value of NAME: in the kubeconfig, which must appear exactly once.',
    ko: '# field NAME: kubeconfig에서 NAME:의 값을 출력합니다. NAME:은 정확히 한 번 나와야 합니다.',
  },
  noField: {
    en: '$kube_dir/$conf has no $1 (does this user log in with a certificate?)',
    ko: '$kube_dir/$conf 파일에 $1 항목이 없습니다(이 사용자는 인증서로 로그인하나요?)',
  },
  twoFields: {
    en: '$kube_dir/$conf has more than one $1',
    ko: '$kube_dir/$conf 파일에 $1 항목이 두 개 이상 있습니다',
  },
  certNotBase64: {
    en: 'client-certificate-data in $kube_dir/$conf is not valid base64',
    ko: '$kube_dir/$conf 파일의 client-certificate-data가 올바른 base64가 아닙니다',
  },
  keyNotBase64: {
    en: 'client-key-data in $kube_dir/$conf is not valid base64',
    ko: '$kube_dir/$conf 파일의 client-key-data가 올바른 base64가 아닙니다',
  },
  certNotPem: {
    en: 'client-certificate-data in $kube_dir/$conf does not decode to a PEM certificate',
    ko: '$kube_dir/$conf 파일의 client-certificate-data를 디코딩해도 PEM 인증서가 나오지 않습니다',
  },
  keyNotPem: {
    en: 'client-key-data in $kube_dir/$conf does not decode to a PEM private key',
    ko: '$kube_dir/$conf 파일의 client-key-data를 디코딩해도 PEM 개인 키가 나오지 않습니다',
  },
  sectionCopy: {
    en: '# --- Copy -----------------------------------------------------------------------------------------',
    ko: '# --- 복사 -----------------------------------------------------------------------------------------',
  },
  put: {
    en: '# put SOURCE NAME MODE WHAT: writes DEST/NAME from SOURCE with MODE, and says what it did.',
    ko: '# put SOURCE NAME MODE WHAT: SOURCE를 DEST/NAME에 모드 MODE로 쓰고, 무엇을 했는지 알려 줍니다.',
  },
  unchanged: { en: 'unchanged %-28s %s (mode %s)', ko: '변경 없음 %-28s %s (모드 %s)' },
  wrote: { en: 'wrote     %-28s %s (mode %s)', ko: '저장함    %-28s %s (모드 %s)' },
  fromCa: { en: 'from $kube_dir/pki/ca.crt', ko: '$kube_dir/pki/ca.crt에서 복사' },
  fromApiserverCrt: {
    en: 'from $kube_dir/pki/apiserver.crt',
    ko: '$kube_dir/pki/apiserver.crt에서 복사',
  },
  fromApiserverKey: {
    en: 'from $kube_dir/pki/apiserver.key',
    ko: '$kube_dir/pki/apiserver.key에서 복사',
  },
  decodedCert: {
    en: 'decoded from client-certificate-data in $kube_dir/$conf',
    ko: bash`$kube_dir/$\{conf}의 client-certificate-data에서 디코딩`,
  },
  decodedKey: {
    en: 'decoded from client-key-data in $kube_dir/$conf',
    ko: bash`$kube_dir/$\{conf}의 client-key-data에서 디코딩`,
  },
  names: { en: 'apiserver.crt names: ', ko: 'apiserver.crt의 이름: ' },
  done1: {
    en: 'Done. $dest holds two private keys of your cluster: keep it to yourself, and delete it',
    ko: '완료했습니다. $dest 폴더에는 클러스터의 개인 키 두 개가 들어 있습니다. 다른 사람과 나누지 말고',
  },
  done2: {
    en: 'as soon as the lesson has used it, from wherever you are, with: cd && rm -rf -- $dest_q',
    ko: '강의에서 다 쓰면 바로 지우세요. 어느 폴더에서든 이 명령이면 됩니다: cd && rm -rf -- $dest_q',
  },
  done3: { en: 'The CA key was not copied.', ko: 'CA의 키는 복사하지 않았습니다.' },
} satisfies TextTable;

/** Returns the text of kube-pki-copy.sh, its comments and messages in `lang` (default 'en'). */
export function kubePkiCopyScript(lang: Lang = 'en'): string {
  const m = textsIn(TEXTS, lang);
  return bash`#!/usr/bin/env bash
${m.header}
set -euo pipefail
umask 077

kube_dir=$\{KUBE_DIR:-/etc/kubernetes}
conf=admin.conf
dest=${KUBE_PKI_COPY_DIR}

${scriptPrelude({
  script: 'kube-pki-copy.sh',
  usage: m.usage,
  about: m.about,
  options: `    --kubeconfig)
      [[ $# -ge 2 ]] || die "${m.kubeconfigNeedsName}"
      conf=$2
      shift
      ;;`,
  positional: `    *) dest=$1 ;;`,
  unknownOption: m.unknownOption,
})}

[[ $conf =~ ^[A-Za-z0-9._-]+\.conf$ ]] || die "${m.badKubeconfig}"
user_base=$\{conf%.conf}

${m.sectionNeeds}

command -v base64 >/dev/null || die "${m.noBase64}"
[[ -d $kube_dir ]] || die "${m.noKubeDir}"

missing=()
unreadable=()
for file in "$kube_dir/pki/ca.crt" "$kube_dir/pki/apiserver.crt" "$kube_dir/pki/apiserver.key" "$kube_dir/$conf"; do
  if [[ ! -e $file ]]; then
    missing+=("$file")
  elif [[ ! -r $file ]]; then
    unreadable+=("$file")
  fi
done
if (($\{#missing[@]} > 0)); then
  die "${m.missing}"
fi
if (($\{#unreadable[@]} > 0)); then
  die "${m.unreadable}"
fi

${m.field}
field() {
  local values
  values=$(sed -n "s/^[[:space:]]*$1:[[:space:]]*//p" "$kube_dir/$conf")
  [[ -n $values ]] || die "${m.noField}"
  [[ $(printf '%s\n' "$values" | wc -l) -eq 1 ]] || die "${m.twoFields}"
  printf '%s\n' "$values"
}

work=$(mktemp -d)
trap 'rm -rf -- "$work"' EXIT

certificate_data=$(field client-certificate-data)
key_data=$(field client-key-data)
printf '%s\n' "$certificate_data" | base64 -d >"$work/$user_base.crt" 2>/dev/null ||
  die "${m.certNotBase64}"
printf '%s\n' "$key_data" | base64 -d >"$work/$user_base.key" 2>/dev/null ||
  die "${m.keyNotBase64}"
grep -q -- '-----BEGIN CERTIFICATE-----' "$work/$user_base.crt" ||
  die "${m.certNotPem}"
grep -q -- '-----BEGIN .*PRIVATE KEY-----' "$work/$user_base.key" ||
  die "${m.keyNotPem}"

${m.sectionCopy}

owner=
if [[ $EUID -eq 0 && -n $\{SUDO_USER:-} && $SUDO_USER != root ]]; then
  owner=$SUDO_USER
fi

mkdir -p -- "$dest"
chmod 700 -- "$dest"
[[ -z $owner ]] || chown -- "$owner:" "$dest"

${m.put}
put() {
  local source=$1 target=$dest/$2 mode=$3 what=$4
  if [[ -f $target ]] && cmp -s -- "$source" "$target"; then
    chmod -- "$mode" "$target"
    [[ -z $owner ]] || chown -- "$owner:" "$target"
    printf '${m.unchanged}\n' "$target" "$what" "$mode"
  else
    cp -- "$source" "$target"
    chmod -- "$mode" "$target"
    [[ -z $owner ]] || chown -- "$owner:" "$target"
    printf '${m.wrote}\n' "$target" "$what" "$mode"
  fi
}

put "$kube_dir/pki/ca.crt" ca.crt 644 "${m.fromCa}"
put "$kube_dir/pki/apiserver.crt" apiserver.crt 644 "${m.fromApiserverCrt}"
put "$kube_dir/pki/apiserver.key" apiserver.key 600 "${m.fromApiserverKey}"
put "$work/$user_base.crt" "$user_base.crt" 644 "${m.decodedCert}"
put "$work/$user_base.key" "$user_base.key" 600 "${m.decodedKey}"

if command -v openssl >/dev/null; then
  echo
  for cert in ca.crt apiserver.crt "$user_base.crt"; do
    printf '%s:\n' "$cert"
    openssl x509 -in "$dest/$cert" -noout -subject -issuer -enddate | sed 's/^/  /'
  done
  printf '${m.names}'
  openssl x509 -in "$dest/apiserver.crt" -noout -ext subjectAltName | tail -n +2 | sed 's/^ *//'
fi

dest_q=$(cd -- "$dest" && printf '%q' "$PWD")
echo
echo "${m.done1}"
echo "${m.done2}"
echo "${m.done3}"
`;
}

/**
 * The command that deletes the copied folder (it holds apiserver.key and admin.key) from wherever
 * the reader stands, inside it included: the lesson's scp and the script put it in the home folder.
 */
export function kubePkiCleanupCommand(): string {
  return `cd && rm -rf -- ~/${KUBE_PKI_COPY_DIR}`;
}

export interface KubePkiCopyReportParams {
  lang?: Lang;
  /** KUBE_DIR. Default: '/etc/kubernetes'. */
  kubeDir?: string;
  /** Run a second time over the same files: every line says "unchanged". Default: false. */
  again?: boolean;
}

/** The lines kube-pki-copy.sh prints for the files it copies, run with no arguments. */
export function kubePkiCopyReport(params: KubePkiCopyReportParams = {}): string {
  const { lang = 'en', kubeDir = '/etc/kubernetes', again = false } = params;
  const m = textsIn(TEXTS, lang);
  const vars = { kube_dir: kubeDir, conf: 'admin.conf', dest: KUBE_PKI_COPY_DIR };
  const line = (name: string, mode: string, what: string) =>
    printfText(
      again ? m.unchanged : m.wrote,
      `${KUBE_PKI_COPY_DIR}/${name}`,
      expandVariables(what, vars),
      mode,
    );
  return [
    line('ca.crt', '644', m.fromCa),
    line('apiserver.crt', '644', m.fromApiserverCrt),
    line('apiserver.key', '600', m.fromApiserverKey),
    line('admin.crt', '644', m.decodedCert),
    line('admin.key', '600', m.decodedKey),
    '',
  ].join('\n');
}
