// The text of sign-on-node.sh (lesson 7, the second path): on a kubeadm control-plane node it signs
// a user's CSR with the cluster CA (/etc/kubernetes/pki/ca.crt and ca.key) as a client
// certificate — EKU clientAuth, CA:FALSE, a random serial, a lifetime in days — the way kubeadm
// and the Kubernetes CSR signer shape one. The CA key is read where it lies and never copied.
// The site serves this text at /scripts/sign-on-node.sh and the Korean edition (same commands,
// Korean comments and messages) at /scripts/ko/sign-on-node.sh, both built from here
// (src/recipes/lab-scripts.ts).

import type { Lang } from '../../i18n/index.ts';
import { X509_UID_OID } from '../../pki/describe-identity.ts';
import { LabError } from '../../pki/errors.ts';
import { bash } from '../bash.ts';
import { scriptPrelude, UNKNOWN_OPTION } from '../script-prelude.ts';
import { checkFileName, shellQuote } from '../shell-quote.ts';
import { expandVariables, type TextTable, textsIn } from '../texts.ts';

/** The lifetime sign-on-node.sh gives when --days is not passed (one day, as the CSR API's default). */
export const SIGN_ON_NODE_DEFAULT_DAYS = 1;

/** The longest lifetime sign-on-node.sh accepts, in days. */
export const SIGN_ON_NODE_MAX_DAYS = 3650;

/** The extensions of the issued certificate (an openssl extfile). */
export const SIGN_ON_NODE_EXTENSIONS = [
  'basicConstraints = critical, CA:FALSE',
  'keyUsage = critical, digitalSignature',
  'extendedKeyUsage = clientAuth',
  'authorityKeyIdentifier = keyid',
] as const;

/** Whole days for an expirationSeconds value (openssl counts in days): rounded up, at least 1. */
export function daysFromSeconds(seconds: number): number {
  return Math.max(1, Math.ceil(seconds / 86_400));
}

/** What signOnNodeCommand takes. */
export interface SignOnNodeParams {
  /** The CSR file on the node, e.g. "jane.csr". */
  csrFile: string;
  /** Lifetime in days. Default: 1. */
  days?: number;
}

/** The command that runs sign-on-node.sh on the node, e.g. `sudo bash sign-on-node.sh --days 1 jane.csr`. */
export function signOnNodeCommand(params: SignOnNodeParams): string {
  const days = params.days ?? SIGN_ON_NODE_DEFAULT_DAYS;
  checkFileName('csrFile', params.csrFile);
  if (!Number.isSafeInteger(days) || days < 1 || days > SIGN_ON_NODE_MAX_DAYS) {
    throw new LabError(
      'recipe/bad-days',
      `days ${days} is not a whole number from 1 to ${SIGN_ON_NODE_MAX_DAYS}`,
      { field: 'days', value: String(days), limit: SIGN_ON_NODE_MAX_DAYS },
    );
  }
  return `sudo bash sign-on-node.sh --days ${days} ${shellQuote(params.csrFile)}`;
}

/** The certificate file sign-on-node.sh writes for a CSR file: "jane.csr" → "jane.crt". */
export function signedCertificateFile(csrFile: string): string {
  const base = csrFile.replace(/^.*\//, '').replace(/\.(csr|pem)$/, '');
  return `${base}.crt`;
}

/** The comments and messages of sign-on-node.sh (bash source, `$\{` for bash's `${`), in order. */
const TEXTS = {
  header: {
    en: `# sign-on-node.sh: signs a user's certificate signing request (CSR) with the cluster CA of a
# kubeadm control-plane node, as a client certificate for kube-apiserver (Kube Auth Lab, lesson 7).
#
# Run it on the control-plane node, in the folder where you copied the CSR (e.g. jane.csr, made in
# the browser; the private key stays where it was made):
#   sudo bash sign-on-node.sh [--days N] [--out FILE] CSR
#   --days N    lifetime in days, 1 to ${SIGN_ON_NODE_MAX_DAYS} (default ${SIGN_ON_NODE_DEFAULT_DAYS}); no one can revoke it before then
#   --out FILE  the certificate to write (default: the CSR's name with .crt, e.g. jane.crt)
# Environment: KUBE_PKI_DIR, the folder of ca.crt and ca.key (default /etc/kubernetes/pki).
#
# The certificate gets the CSR's subject (CN = user name, each O = a group), extended key usage
# clientAuth only, CA:FALSE, a random serial, and no other extension from the CSR. The CA's
# private key is read in place, by openssl, and copied nowhere. CSRs asking for the group
# system:masters, or with no CN, are refused.
# Exit status: 0 when the certificate is written, 2 when an input is missing or refused.`,
    ko: `# sign-on-node.sh: kubeadm 컨트롤 플레인 노드의 클러스터 CA로 사용자의 인증서 서명 요청(CSR)에
# 서명해, kube-apiserver용 클라이언트 인증서를 만듭니다(Kube Auth Lab 7강).
#
# 컨트롤 플레인 노드에서, CSR(예: 브라우저에서 만든 jane.csr)을 복사해 둔 폴더에서 실행하세요.
# 개인 키는 만든 곳에 그대로 둡니다.
#   sudo bash sign-on-node.sh [--days N] [--out FILE] CSR
#   --days N    유효 기간(일), 1부터 ${SIGN_ON_NODE_MAX_DAYS}까지(기본값 ${SIGN_ON_NODE_DEFAULT_DAYS}). 그 전에는 누구도 폐기할 수 없습니다
#   --out FILE  쓸 인증서 파일(기본값: CSR 이름에서 확장자를 .crt로 바꾼 것, 예: jane.crt)
# 환경 변수: KUBE_PKI_DIR, ca.crt와 ca.key가 있는 폴더(기본값 /etc/kubernetes/pki).
#
# 인증서에는 CSR의 주체(CN = 사용자 이름, O 하나하나 = 그룹), 확장 키 용도 clientAuth 하나,
# CA:FALSE, 무작위 일련번호가 들어가며, CSR의 다른 확장은 들어가지 않습니다. CA의 개인 키는
# openssl이 제자리에서 읽을 뿐 어디에도 복사하지 않습니다. system:masters 그룹을 요청하거나
# CN이 없는 CSR은 거부합니다.
# 종료 코드: 인증서를 쓰면 0, 입력이 없거나 거부되면 2.`,
  },
  usage: {
    en: 'usage: sudo bash sign-on-node.sh [--days N] [--out FILE] CSR',
    ko: '사용법: sudo bash sign-on-node.sh [--days N] [--out FILE] CSR',
  },
  about: {
    en: 'Signs CSR with $pki_dir/ca.crt and ca.key as a kube-apiserver client certificate.',
    ko: '$pki_dir/ca.crt와 ca.key로 CSR에 서명해 kube-apiserver 클라이언트 인증서를 만듭니다.',
  },
  daysNeedsNumber: { en: '--days needs a number of days', ko: '--days에는 일수가 필요합니다' },
  outNeedsName: { en: '--out needs a file name', ko: '--out에는 파일 이름이 필요합니다' },
  unknownOption: UNKNOWN_OPTION,
  oneCsr: {
    en: "one CSR at a time: got '$csr' and '$1'",
    ko: "CSR은 한 번에 하나씩만 받습니다. 받은 것: '$csr', '$1'",
  },
  whichCsr: {
    en: 'which CSR? usage: sudo bash sign-on-node.sh [--days N] CSR (e.g. jane.csr)',
    ko: '어떤 CSR인가요? 사용법: sudo bash sign-on-node.sh [--days N] CSR (예: jane.csr)',
  },
  badDays: {
    en: `--days must be a whole number from 1 to ${SIGN_ON_NODE_MAX_DAYS}, not '$days'`,
    ko: `--days는 1부터 ${SIGN_ON_NODE_MAX_DAYS}까지의 정수여야 합니다. 지금 값: '$days'`,
  },
  sectionNeeds: {
    en: '# --- What is needed -----------------------------------------------------------------------------',
    ko: '# --- 필요한 것 ----------------------------------------------------------------------------------',
  },
  noOpenssl: {
    en: 'openssl is missing (sudo apt-get install openssl)',
    ko: 'openssl이 없습니다(sudo apt-get install openssl)',
  },
  noCsr: {
    en: '$csr does not exist here ($PWD): copy the CSR from the browser to this node first',
    ko: '$csr 파일이 여기($PWD)에 없습니다: 먼저 브라우저에서 만든 CSR을 이 노드로 복사하세요',
  },
  unreadableCsr: { en: 'cannot read $csr', ko: '$csr 파일을 읽을 수 없습니다' },
  missing: {
    en: bash`missing: $\{missing[*]}
Run this on a kubeadm control-plane node (or set KUBE_PKI_DIR to the folder of ca.crt and ca.key).`,
    ko: bash`없는 파일: $\{missing[*]}
kubeadm 컨트롤 플레인 노드에서 실행하세요(또는 KUBE_PKI_DIR을 ca.crt와 ca.key가 있는 폴더로 설정하세요).`,
  },
  unreadableKey: {
    en: 'cannot read $pki_dir/ca.key: run it as root (sudo bash sign-on-node.sh ...)',
    ko: '$pki_dir/ca.key를 읽을 수 없습니다: root로 실행하세요(sudo bash sign-on-node.sh ...)',
  },
  outIsCsr: { en: '--out must not be the CSR itself', ko: '--out에 CSR 파일 자신을 줄 수는 없습니다' },
  notCsr: {
    en: '$csr is not a PEM certificate signing request (it should start with -----BEGIN CERTIFICATE REQUEST-----)',
    ko: '$csr 파일은 PEM 인증서 서명 요청이 아닙니다(-----BEGIN CERTIFICATE REQUEST-----로 시작해야 합니다)',
  },
  badSelfSignature: {
    en: '$csr is not signed by its own key: it was changed after it was made; make a new one',
    ko: '$csr 파일이 자신의 키로 서명되어 있지 않습니다: 만든 뒤에 바뀌었으니 새로 만드세요',
  },
  identity: {
    en: '# The user name is the last CN, and each O is a group, as kube-apiserver reads them.',
    ko: '# kube-apiserver가 읽는 방식대로, 사용자 이름은 마지막 CN이고 O 하나하나가 그룹입니다.',
  },
  parseNote: {
    en: String.raw`# openssl prints one RDN a line and joins the values of a multi-valued RDN with " + " (how cfssl,
# Go and the CSR API write several groups: O=developers + O=system:masters); inside a value it writes
# \ as \\ and + as \+ (esc_2253). So split at each unescaped " + ", then undo the escapes.`,
    ko: String.raw`# openssl은 RDN 하나를 한 줄에 찍고, 값이 여럿인 RDN은 " + "로 이어 찍습니다(cfssl, Go, CSR API가
# 그룹 여럿을 쓰는 방식: O=developers + O=system:masters). 값 안의 \는 \\로, +는 \+로 씁니다(esc_2253).
# 그래서 이스케이프되지 않은 " + "마다 나눈 다음 이스케이프를 되돌립니다.`,
  },
  noCn: {
    en: '$csr has no CN: kube-apiserver would find no user name in the certificate',
    ko: '$csr 파일에 CN이 없습니다: kube-apiserver가 인증서에서 사용자 이름을 찾을 수 없습니다',
  },
  masters: {
    en: `$csr asks for the group system:masters, which bypasses all authorization and cannot be
revoked; this script refuses it. Use an ordinary group and a RoleBinding instead.`,
    ko: `$csr 파일은 system:masters 그룹을 요청합니다. 이 그룹은 모든 인가를 건너뛰고 취소할 수도
없으므로 이 스크립트는 거부합니다. 대신 일반 그룹과 RoleBinding을 쓰세요.`,
  },
  twoUids: {
    en: bash`$csr has $\{#uids[@]} UID attributes ($\{uids[*]}): kube-apiserver 1.33 and later refuse to authenticate such a certificate`,
    ko: bash`$csr 파일에 UID 속성이 $\{#uids[@]}개 있습니다($\{uids[*]}). kube-apiserver 1.33 이후는 이런 인증서를 인증하지 않습니다`,
  },
  sectionSign: {
    en: '# --- Sign -----------------------------------------------------------------------------------------',
    ko: '# --- 서명 -----------------------------------------------------------------------------------------',
  },
  signFailed: { en: 'openssl could not sign $csr', ko: 'openssl이 $csr 파일에 서명하지 못했습니다' },
  verifyFailed: {
    en: 'the new certificate does not verify against $pki_dir/ca.crt',
    ko: '새 인증서가 $pki_dir/ca.crt로 검증되지 않습니다',
  },
  wrote: {
    en: 'Wrote $out, signed by $pki_dir/ca.crt:',
    ko: '$pki_dir/ca.crt로 서명한 $out 파일을 썼습니다:',
  },
  identitySeen: {
    en: bash`kube-apiserver will see user \"$user\" in groups [$\{group_list# }].`,
    ko: bash`kube-apiserver가 보게 될 사용자: \"$user\", 그룹: [$\{group_list# }].`,
  },
  uidSeen: {
    en: bash`From Kubernetes 1.33 on, with the UID \"$\{uids[0]}\".`,
    ko: bash`Kubernetes 1.33 이후로는 UID \"$\{uids[0]}\"도 함께 봅니다.`,
  },
  copyBack: {
    en: 'Copy $out back to where the private key is; nothing else leaves this node.',
    ko: '$out 파일을 개인 키가 있는 곳으로 다시 복사하세요. 그 밖에는 아무것도 이 노드를 떠나지 않습니다.',
  },
} satisfies TextTable;

/** Returns the text of sign-on-node.sh, its comments and messages in `lang` (default 'en'). */
export function signOnNodeScript(lang: Lang = 'en'): string {
  const m = textsIn(TEXTS, lang);
  return bash`#!/usr/bin/env bash
${m.header}
set -euo pipefail
umask 077

pki_dir=$\{KUBE_PKI_DIR:-/etc/kubernetes/pki}
days=${String(SIGN_ON_NODE_DEFAULT_DAYS)}
out=
csr=

${scriptPrelude({
  script: 'sign-on-node.sh',
  usage: m.usage,
  about: m.about,
  options: `    --days)
      [[ $# -ge 2 ]] || die "${m.daysNeedsNumber}"
      days=$2
      shift
      ;;
    --out)
      [[ $# -ge 2 ]] || die "${m.outNeedsName}"
      out=$2
      shift
      ;;`,
  positional: `    *)
      [[ -z $csr ]] || die "${m.oneCsr}"
      csr=$1
      ;;`,
  unknownOption: m.unknownOption,
})}

[[ -n $csr ]] || die "${m.whichCsr}"
if ! [[ $days =~ ^[0-9]+$ ]] || ((10#$days < 1 || 10#$days > ${String(SIGN_ON_NODE_MAX_DAYS)})); then
  die "${m.badDays}"
fi
days=$((10#$days))
if [[ -z $out ]]; then
  out=$(basename -- "$csr")
  out=$\{out%.csr}
  out=$\{out%.pem}.crt
fi

${m.sectionNeeds}

command -v openssl >/dev/null || die "${m.noOpenssl}"
[[ -f $csr ]] || die "${m.noCsr}"
[[ -r $csr ]] || die "${m.unreadableCsr}"
missing=()
for file in "$pki_dir/ca.crt" "$pki_dir/ca.key"; do
  [[ -e $file ]] || missing+=("$file")
done
if (($\{#missing[@]} > 0)); then
  die "${m.missing}"
fi
[[ -r $pki_dir/ca.key ]] || die "${m.unreadableKey}"
[[ $(realpath -- "$out") != "$(realpath -- "$csr")" ]] || die "${m.outIsCsr}"

openssl req -in "$csr" -noout 2>/dev/null ||
  die "${m.notCsr}"
openssl req -in "$csr" -noout -verify >/dev/null 2>&1 ||
  die "${m.badSelfSignature}"

${m.identity}
user=
groups=()
uids=()
${m.parseNote}
plus=$'\x01'
backslash=$'\x02'
while IFS= read -r rdn; do
  rdn=$\{rdn#"$\{rdn%%[![:space:]]*}"}
  [[ -n $rdn && $rdn != subject=* ]] || continue
  rdn=$\{rdn//"\\\\"/$backslash}
  rdn=$\{rdn//'\+'/$plus}
  while [[ -n $rdn ]]; do
    ava=$\{rdn%%' + '*}
    if [[ $ava == "$rdn" ]]; then rdn=; else rdn=$\{rdn#*' + '}; fi
    type=$\{ava%%=*}
    value=$\{ava#*=}
    for c in ',' '"' '<' '>' ';' '#' ' ' '='; do
      value=$\{value//"\\$c"/$c}
    done
    value=$\{value//$plus/+}
    value=$\{value//$backslash/\\}
    case $type in
      CN) user=$value ;;
      O) groups+=("$value") ;;
      ${X509_UID_OID}) uids+=("$value") ;;
    esac
  done
done < <(openssl req -in "$csr" -noout -subject -nameopt sep_multiline,sname,utf8,esc_2253,esc_ctrl)

[[ -n $user ]] || die "${m.noCn}"
for group in "$\{groups[@]}"; do
  if [[ $group == system:masters ]]; then
    die "${m.masters}"
  fi
done
(($\{#uids[@]} <= 1)) || die "${m.twoUids}"

${m.sectionSign}

work=$(mktemp -d)
trap 'rm -rf -- "$work"' EXIT
cat >"$work/client.ext" <<'EOF'
${SIGN_ON_NODE_EXTENSIONS.join('\n')}
EOF

serial=0x$(openssl rand -hex 16)
openssl x509 -req -in "$csr" -CA "$pki_dir/ca.crt" -CAkey "$pki_dir/ca.key" \
  -set_serial "$serial" -days "$days" -sha256 \
  -extfile "$work/client.ext" -out "$work/certificate.pem" 2>"$work/openssl.log" ||
  die "${m.signFailed}: $(cat "$work/openssl.log")"
openssl verify -CAfile "$pki_dir/ca.crt" -purpose sslclient "$work/certificate.pem" >/dev/null 2>&1 ||
  die "${m.verifyFailed}: $(openssl verify -CAfile "$pki_dir/ca.crt" -purpose sslclient "$work/certificate.pem" 2>&1 | tail -n 1)"

cp -- "$work/certificate.pem" "$out"
chmod 644 -- "$out"
if [[ $EUID -eq 0 && -n $\{SUDO_USER:-} && $SUDO_USER != root ]]; then
  chown -- "$SUDO_USER:" "$out"
fi

group_list="$\{groups[*]}"
[[ " $group_list " == *" system:authenticated "* ]] || group_list+=" system:authenticated"
echo "${m.wrote}"
openssl x509 -in "$out" -noout -subject -issuer -enddate -ext extendedKeyUsage | sed 's/^/  /'
echo "${m.identitySeen}"
if (($\{#uids[@]} == 1)); then
  echo "${m.uidSeen}"
fi
echo "${m.copyBack}"
`;
}

export interface SignOnNodeReportParams {
  lang?: Lang;
  user?: string;
  groups?: readonly string[];
  /** The CSR's UID attribute (Kubernetes 1.33+ takes it as the user's UID). Default: none. */
  uid?: string;
  /** The certificate file written. Default: signedCertificateFile(`${user}.csr`). */
  out?: string;
  /** KUBE_PKI_DIR. Default: '/etc/kubernetes/pki'. */
  pkiDir?: string;
  /** What `openssl x509 -subject -issuer -enddate -ext extendedKeyUsage` printed (the lesson's example by default). */
  certificateLines?: string;
}

const EXAMPLE_CERTIFICATE_LINES = `subject=O = developers, CN = jane
issuer=CN = kubernetes
notAfter=Nov 30 09:12:03 2026 GMT
X509v3 Extended Key Usage: 
    TLS Web Client Authentication
`;

/** What sign-on-node.sh prints once it has signed (the lesson's jane by default). */
export function signOnNodeReport(params: SignOnNodeReportParams = {}): string {
  const {
    lang = 'en',
    user = 'jane',
    groups = ['developers'],
    pkiDir = '/etc/kubernetes/pki',
    certificateLines = EXAMPLE_CERTIFICATE_LINES,
  } = params;
  const out = params.out ?? signedCertificateFile(`${user}.csr`);
  const m = textsIn(TEXTS, lang);
  // The texts are echoed inside double quotes: \" prints ", and ${group_list# } is the group list.
  const say = (text: string) =>
    expandVariables(
      text
        .replaceAll('\\"', '"')
        // biome-ignore lint/suspicious/noTemplateCurlyInString: bash's ${…}, not a template
        .replace('${group_list# }', withAuthenticated(groups).join(' '))
        // biome-ignore lint/suspicious/noTemplateCurlyInString: bash's ${…}, not a template
        .replace('${uids[0]}', params.uid ?? ''),
      { out, pki_dir: pkiDir, user },
    );
  const indented = certificateLines
    .replace(/\n$/, '')
    .split('\n')
    .map((l) => `  ${l}`)
    .join('\n');
  const uid = params.uid === undefined ? '' : `${say(m.uidSeen)}\n`;
  return `${say(m.wrote)}\n${indented}\n${say(m.identitySeen)}\n${uid}${say(m.copyBack)}\n`;
}

function withAuthenticated(groups: readonly string[]): string[] {
  return groups.includes('system:authenticated') ? [...groups] : [...groups, 'system:authenticated'];
}
