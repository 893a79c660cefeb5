#!/usr/bin/env bash
# sign-on-node.sh: kubeadm 컨트롤 플레인 노드의 클러스터 CA로 사용자의 인증서 서명 요청(CSR)에
# 서명해, kube-apiserver용 클라이언트 인증서를 만듭니다(Kube Auth Lab 7강).
#
# 컨트롤 플레인 노드에서, CSR(예: 브라우저에서 만든 jane.csr)을 복사해 둔 폴더에서 실행하세요.
# 개인 키는 만든 곳에 그대로 둡니다.
#   sudo bash sign-on-node.sh [--days N] [--out FILE] CSR
#   --days N    유효 기간(일), 1부터 3650까지(기본값 1). 그 전에는 누구도 폐기할 수 없습니다
#   --out FILE  쓸 인증서 파일(기본값: CSR 이름에서 확장자를 .crt로 바꾼 것, 예: jane.crt)
# 환경 변수: KUBE_PKI_DIR, ca.crt와 ca.key가 있는 폴더(기본값 /etc/kubernetes/pki).
#
# 인증서에는 CSR의 주체(CN = 사용자 이름, O 하나하나 = 그룹), 확장 키 용도 clientAuth 하나,
# CA:FALSE, 무작위 일련번호가 들어가며, CSR의 다른 확장은 들어가지 않습니다. CA의 개인 키는
# openssl이 제자리에서 읽을 뿐 어디에도 복사하지 않습니다. system:masters 그룹을 요청하거나
# CN이 없는 CSR은 거부합니다.
# 종료 코드: 인증서를 쓰면 0, 입력이 없거나 거부되면 2.
set -euo pipefail
umask 077

pki_dir=${KUBE_PKI_DIR:-/etc/kubernetes/pki}
days=1
out=
csr=

die() {
  printf 'sign-on-node.sh: %s\n' "$*" >&2
  exit 2
}

usage() {
  echo "사용법: sudo bash sign-on-node.sh [--days N] [--out FILE] CSR"
  echo "$pki_dir/ca.crt와 ca.key로 CSR에 서명해 kube-apiserver 클라이언트 인증서를 만듭니다."
}

while (($# > 0)); do
  case $1 in
    --days)
      [[ $# -ge 2 ]] || die "--days에는 일수가 필요합니다"
      days=$2
      shift
      ;;
    --out)
      [[ $# -ge 2 ]] || die "--out에는 파일 이름이 필요합니다"
      out=$2
      shift
      ;;
    -h | --help)
      usage
      exit 0
      ;;
    -*) die "알 수 없는 옵션입니다: '$1' (--help 참고)" ;;
    *)
      [[ -z $csr ]] || die "CSR은 한 번에 하나씩만 받습니다. 받은 것: '$csr', '$1'"
      csr=$1
      ;;
  esac
  shift
done

[[ -n $csr ]] || die "어떤 CSR인가요? 사용법: sudo bash sign-on-node.sh [--days N] CSR (예: jane.csr)"
if ! [[ $days =~ ^[0-9]+$ ]] || ((10#$days < 1 || 10#$days > 3650)); then
  die "--days는 1부터 3650까지의 정수여야 합니다. 지금 값: '$days'"
fi
days=$((10#$days))
if [[ -z $out ]]; then
  out=$(basename -- "$csr")
  out=${out%.csr}
  out=${out%.pem}.crt
fi

# --- 필요한 것 ----------------------------------------------------------------------------------

command -v openssl >/dev/null || die "openssl이 없습니다(sudo apt-get install openssl)"
[[ -f $csr ]] || die "$csr 파일이 여기($PWD)에 없습니다: 먼저 브라우저에서 만든 CSR을 이 노드로 복사하세요"
[[ -r $csr ]] || die "$csr 파일을 읽을 수 없습니다"
missing=()
for file in "$pki_dir/ca.crt" "$pki_dir/ca.key"; do
  [[ -e $file ]] || missing+=("$file")
done
if ((${#missing[@]} > 0)); then
  die "없는 파일: ${missing[*]}
kubeadm 컨트롤 플레인 노드에서 실행하세요(또는 KUBE_PKI_DIR을 ca.crt와 ca.key가 있는 폴더로 설정하세요)."
fi
[[ -r $pki_dir/ca.key ]] || die "$pki_dir/ca.key를 읽을 수 없습니다: root로 실행하세요(sudo bash sign-on-node.sh ...)"
[[ $(realpath -- "$out") != "$(realpath -- "$csr")" ]] || die "--out에 CSR 파일 자신을 줄 수는 없습니다"

openssl req -in "$csr" -noout 2>/dev/null ||
  die "$csr 파일은 PEM 인증서 서명 요청이 아닙니다(-----BEGIN CERTIFICATE REQUEST-----로 시작해야 합니다)"
openssl req -in "$csr" -noout -verify >/dev/null 2>&1 ||
  die "$csr 파일이 자신의 키로 서명되어 있지 않습니다: 만든 뒤에 바뀌었으니 새로 만드세요"

# kube-apiserver가 읽는 방식대로, 사용자 이름은 마지막 CN이고 O 하나하나가 그룹입니다.
user=
groups=()
while IFS= read -r line; do
  line=${line#"${line%%[![:space:]]*}"}
  case $line in
    CN=*) user=${line#CN=} ;;
    O=*) groups+=("${line#O=}") ;;
  esac
done < <(openssl req -in "$csr" -noout -subject -nameopt sep_multiline,sname,utf8)

[[ -n $user ]] || die "$csr 파일에 CN이 없습니다: kube-apiserver가 인증서에서 사용자 이름을 찾을 수 없습니다"
for group in "${groups[@]}"; do
  if [[ $group == system:masters ]]; then
    die "$csr 파일은 system:masters 그룹을 요청합니다. 이 그룹은 모든 인가를 건너뛰고 취소할 수도
없으므로 이 스크립트는 거부합니다. 대신 일반 그룹과 RoleBinding을 쓰세요."
  fi
done

# --- 서명 -----------------------------------------------------------------------------------------

work=$(mktemp -d)
trap 'rm -rf -- "$work"' EXIT
cat >"$work/client.ext" <<'EOF'
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature
extendedKeyUsage = clientAuth
authorityKeyIdentifier = keyid
EOF

serial=0x$(openssl rand -hex 16)
openssl x509 -req -in "$csr" -CA "$pki_dir/ca.crt" -CAkey "$pki_dir/ca.key" \
  -set_serial "$serial" -days "$days" -sha256 \
  -extfile "$work/client.ext" -out "$work/certificate.pem" 2>"$work/openssl.log" ||
  die "openssl이 $csr 파일에 서명하지 못했습니다: $(cat "$work/openssl.log")"
openssl verify -CAfile "$pki_dir/ca.crt" -purpose sslclient "$work/certificate.pem" >/dev/null 2>&1 ||
  die "새 인증서가 $pki_dir/ca.crt로 검증되지 않습니다: $(openssl verify -CAfile "$pki_dir/ca.crt" -purpose sslclient "$work/certificate.pem" 2>&1 | tail -n 1)"

cp -- "$work/certificate.pem" "$out"
chmod 644 -- "$out"
if [[ $EUID -eq 0 && -n ${SUDO_USER:-} && $SUDO_USER != root ]]; then
  chown -- "$SUDO_USER:" "$out"
fi

group_list="${groups[*]} system:authenticated"
echo "$pki_dir/ca.crt로 서명한 $out 파일을 썼습니다:"
openssl x509 -in "$out" -noout -subject -issuer -enddate -ext extendedKeyUsage | sed 's/^/  /'
echo "kube-apiserver가 보게 될 사용자: \"$user\", 그룹: [${group_list# }]."
echo "$out 파일을 개인 키가 있는 곳으로 다시 복사하세요. 그 밖에는 아무것도 이 노드를 떠나지 않습니다."
