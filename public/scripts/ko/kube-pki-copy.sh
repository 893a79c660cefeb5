#!/usr/bin/env bash
# kube-pki-copy.sh: kubeadm 컨트롤 플레인 노드에서, Kube Auth Lab 6강에서 살펴볼 파일을
# 한 폴더에 복사합니다.
#   ca.crt         클러스터 CA 인증서 (/etc/kubernetes/pki/ca.crt)
#   apiserver.crt  API 서버의 서버 인증서 (/etc/kubernetes/pki/apiserver.crt)
#   apiserver.key  그 개인 키, 모드 600 (/etc/kubernetes/pki/apiserver.key)
#   admin.crt      admin.conf의 클라이언트 인증서 (client-certificate-data를 base64로 디코딩)
#   admin.key      그 개인 키, 모드 600 (client-key-data를 base64로 디코딩)
# CA의 개인 키(ca.key)는 복사하지 않습니다. 그 키는 노드에만 있어야 합니다.
#
# 사용법: sudo bash kube-pki-copy.sh [--kubeconfig NAME] [DEST]
#   DEST              파일을 쓸 폴더(기본값: 현재 폴더의 kube-pki). 모드 700으로 만듭니다
#   --kubeconfig NAME 디코딩할 /etc/kubernetes 안의 kubeconfig(기본값: admin.conf).
#                     super-admin.conf라면 파일 이름은 super-admin.crt와 super-admin.key가 됩니다
# 환경 변수: KUBE_DIR, kubeadm 폴더(기본값 /etc/kubernetes).
# sudo로 실행하세요. 키와 admin.conf는 root만 읽을 수 있습니다. 복사한 파일의 소유자는 sudo를
# 실행한 사용자가 됩니다. 다시 실행하면 바뀐 파일만 다시 씁니다.
# 종료 코드: 성공하면 0, 필요한 것이 없거나 읽을 수 없으면 2.
set -euo pipefail
umask 077

kube_dir=${KUBE_DIR:-/etc/kubernetes}
conf=admin.conf
dest=kube-pki

die() {
  printf 'kube-pki-copy.sh: %s\n' "$*" >&2
  exit 2
}

usage() {
  echo "사용법: sudo bash kube-pki-copy.sh [--kubeconfig NAME] [DEST]"
  echo "ca.crt, apiserver.crt/.key, admin.conf의 클라이언트 인증서와 키를 DEST(기본값 kube-pki)에 복사합니다."
}

while (($# > 0)); do
  case $1 in
    --kubeconfig)
      [[ $# -ge 2 ]] || die "--kubeconfig에는 파일 이름이 필요합니다(예: admin.conf)"
      conf=$2
      shift
      ;;
    -h | --help)
      usage
      exit 0
      ;;
    -*) die "알 수 없는 옵션입니다: '$1' (--help 참고)" ;;
    *) dest=$1 ;;
  esac
  shift
done

[[ $conf =~ ^[A-Za-z0-9._-]+\.conf$ ]] || die "--kubeconfig에는 $kube_dir 안의, .conf로 끝나는 파일 이름을 주세요(예: admin.conf). 지금 값: '$conf'"
user_base=${conf%.conf}

# --- 필요한 것 ----------------------------------------------------------------------------------

command -v base64 >/dev/null || die "base64가 없습니다(coreutils에 들어 있습니다)"
[[ -d $kube_dir ]] || die "$kube_dir 폴더가 없습니다: kubeadm 컨트롤 플레인 노드에서 실행하세요(또는 KUBE_DIR을 설정하세요)"

missing=()
unreadable=()
for file in "$kube_dir/pki/ca.crt" "$kube_dir/pki/apiserver.crt" "$kube_dir/pki/apiserver.key" "$kube_dir/$conf"; do
  if [[ ! -e $file ]]; then
    missing+=("$file")
  elif [[ ! -r $file ]]; then
    unreadable+=("$file")
  fi
done
if ((${#missing[@]} > 0)); then
  die "없는 파일: ${missing[*]}
kubeadm 컨트롤 플레인 노드가 맞나요? (워커 노드에는 pki/apiserver.*도, ${conf}도 없습니다)"
fi
if ((${#unreadable[@]} > 0)); then
  die "읽을 수 없는 파일: ${unreadable[*]}
root로 실행하세요: sudo bash kube-pki-copy.sh"
fi

# field NAME: kubeconfig에서 NAME:의 값을 출력합니다. NAME:은 정확히 한 번 나와야 합니다.
field() {
  local values
  values=$(sed -n "s/^[[:space:]]*$1:[[:space:]]*//p" "$kube_dir/$conf")
  [[ -n $values ]] || die "$kube_dir/$conf 파일에 $1 항목이 없습니다(이 사용자는 인증서로 로그인하나요?)"
  [[ $(printf '%s\n' "$values" | wc -l) -eq 1 ]] || die "$kube_dir/$conf 파일에 $1 항목이 두 개 이상 있습니다"
  printf '%s\n' "$values"
}

work=$(mktemp -d)
trap 'rm -rf -- "$work"' EXIT

certificate_data=$(field client-certificate-data)
key_data=$(field client-key-data)
printf '%s\n' "$certificate_data" | base64 -d >"$work/$user_base.crt" 2>/dev/null ||
  die "$kube_dir/$conf 파일의 client-certificate-data가 올바른 base64가 아닙니다"
printf '%s\n' "$key_data" | base64 -d >"$work/$user_base.key" 2>/dev/null ||
  die "$kube_dir/$conf 파일의 client-key-data가 올바른 base64가 아닙니다"
grep -q -- '-----BEGIN CERTIFICATE-----' "$work/$user_base.crt" ||
  die "$kube_dir/$conf 파일의 client-certificate-data를 디코딩해도 PEM 인증서가 나오지 않습니다"
grep -q -- '-----BEGIN .*PRIVATE KEY-----' "$work/$user_base.key" ||
  die "$kube_dir/$conf 파일의 client-key-data를 디코딩해도 PEM 개인 키가 나오지 않습니다"

# --- 복사 -----------------------------------------------------------------------------------------

owner=
if [[ $EUID -eq 0 && -n ${SUDO_USER:-} && $SUDO_USER != root ]]; then
  owner=$SUDO_USER
fi

mkdir -p -- "$dest"
chmod 700 -- "$dest"
[[ -z $owner ]] || chown -- "$owner:" "$dest"

# put SOURCE NAME MODE WHAT: SOURCE를 DEST/NAME에 모드 MODE로 쓰고, 무엇을 했는지 알려 줍니다.
put() {
  local source=$1 target=$dest/$2 mode=$3 what=$4
  if [[ -f $target ]] && cmp -s -- "$source" "$target"; then
    chmod -- "$mode" "$target"
    [[ -z $owner ]] || chown -- "$owner:" "$target"
    printf '변경 없음 %-28s %s (모드 %s)\n' "$target" "$what" "$mode"
  else
    cp -- "$source" "$target"
    chmod -- "$mode" "$target"
    [[ -z $owner ]] || chown -- "$owner:" "$target"
    printf '저장함    %-28s %s (모드 %s)\n' "$target" "$what" "$mode"
  fi
}

put "$kube_dir/pki/ca.crt" ca.crt 644 "$kube_dir/pki/ca.crt에서 복사"
put "$kube_dir/pki/apiserver.crt" apiserver.crt 644 "$kube_dir/pki/apiserver.crt에서 복사"
put "$kube_dir/pki/apiserver.key" apiserver.key 600 "$kube_dir/pki/apiserver.key에서 복사"
put "$work/$user_base.crt" "$user_base.crt" 644 "$kube_dir/${conf}의 client-certificate-data에서 디코딩"
put "$work/$user_base.key" "$user_base.key" 600 "$kube_dir/${conf}의 client-key-data에서 디코딩"

if command -v openssl >/dev/null; then
  echo
  for cert in ca.crt apiserver.crt "$user_base.crt"; do
    printf '%s:\n' "$cert"
    openssl x509 -in "$dest/$cert" -noout -subject -issuer -enddate | sed 's/^/  /'
  done
  printf 'apiserver.crt의 이름: '
  openssl x509 -in "$dest/apiserver.crt" -noout -ext subjectAltName | tail -n +2 | sed 's/^ *//'
fi

echo
echo "완료했습니다. $dest 폴더에는 클러스터의 개인 키 두 개가 들어 있습니다. 다른 사람과 나누지 말고"
echo "강의를 마치면 지우세요(rm -rf -- $dest). CA의 키는 복사하지 않았습니다."
