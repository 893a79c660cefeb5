#!/usr/bin/env bash
# kube-pki-copy.sh: copies, on a kubeadm control-plane node, the files Kube Auth Lab's lesson 6
# looks at into one folder:
#   ca.crt         the cluster CA certificate            (/etc/kubernetes/pki/ca.crt)
#   apiserver.crt  the API server's serving certificate  (/etc/kubernetes/pki/apiserver.crt)
#   apiserver.key  its private key, mode 600              (/etc/kubernetes/pki/apiserver.key)
#   admin.crt      the client certificate in admin.conf  (client-certificate-data, base64-decoded)
#   admin.key      its private key, mode 600              (client-key-data, base64-decoded)
# It never copies the CA's private key (ca.key): that stays on the node.
#
# Usage: sudo bash kube-pki-copy.sh [--kubeconfig NAME] [DEST]
#   DEST              the folder to write (default: kube-pki, in the current folder); made with mode 700
#   --kubeconfig NAME the kubeconfig under /etc/kubernetes to decode (default: admin.conf); for
#                     super-admin.conf the files are named super-admin.crt and super-admin.key
# Environment: KUBE_DIR, the kubeadm folder (default /etc/kubernetes).
# Run with sudo: the keys and admin.conf are readable by root only. The copies are given to the
# user who ran sudo. Running it again rewrites only what changed.
# Exit status: 0 on success, 2 when something needed is missing or unreadable.
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
  echo "usage: sudo bash kube-pki-copy.sh [--kubeconfig NAME] [DEST]"
  echo "Copies ca.crt, apiserver.crt/.key and the client certificate and key of admin.conf into DEST (default kube-pki)."
}

while (($# > 0)); do
  case $1 in
    --kubeconfig)
      [[ $# -ge 2 ]] || die "--kubeconfig needs a file name, e.g. admin.conf"
      conf=$2
      shift
      ;;
    -h | --help)
      usage
      exit 0
      ;;
    -*) die "unknown option '$1' (see --help)" ;;
    *) dest=$1 ;;
  esac
  shift
done

[[ $conf =~ ^[A-Za-z0-9._-]+\.conf$ ]] || die "--kubeconfig takes a file name in $kube_dir ending in .conf, e.g. admin.conf, not '$conf'"
user_base=${conf%.conf}

# --- What is needed -----------------------------------------------------------------------------

command -v base64 >/dev/null || die "base64 is missing (it comes with coreutils)"
[[ -d $kube_dir ]] || die "$kube_dir does not exist: run this on a kubeadm control-plane node (or set KUBE_DIR)"

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
  die "missing: ${missing[*]}
Is this a kubeadm control-plane node? (worker nodes have no pki/apiserver.* and no $conf)"
fi
if ((${#unreadable[@]} > 0)); then
  die "cannot read: ${unreadable[*]}
Run it as root: sudo bash kube-pki-copy.sh"
fi

# field NAME: the value of NAME: in the kubeconfig, which must appear exactly once.
field() {
  local values
  values=$(sed -n "s/^[[:space:]]*$1:[[:space:]]*//p" "$kube_dir/$conf")
  [[ -n $values ]] || die "$kube_dir/$conf has no $1 (does this user log in with a certificate?)"
  [[ $(printf '%s\n' "$values" | wc -l) -eq 1 ]] || die "$kube_dir/$conf has more than one $1"
  printf '%s\n' "$values"
}

work=$(mktemp -d)
trap 'rm -rf -- "$work"' EXIT

certificate_data=$(field client-certificate-data)
key_data=$(field client-key-data)
printf '%s\n' "$certificate_data" | base64 -d >"$work/$user_base.crt" 2>/dev/null ||
  die "client-certificate-data in $kube_dir/$conf is not valid base64"
printf '%s\n' "$key_data" | base64 -d >"$work/$user_base.key" 2>/dev/null ||
  die "client-key-data in $kube_dir/$conf is not valid base64"
grep -q -- '-----BEGIN CERTIFICATE-----' "$work/$user_base.crt" ||
  die "client-certificate-data in $kube_dir/$conf does not decode to a PEM certificate"
grep -q -- '-----BEGIN .*PRIVATE KEY-----' "$work/$user_base.key" ||
  die "client-key-data in $kube_dir/$conf does not decode to a PEM private key"

# --- Copy -----------------------------------------------------------------------------------------

owner=
if [[ $EUID -eq 0 && -n ${SUDO_USER:-} && $SUDO_USER != root ]]; then
  owner=$SUDO_USER
fi

mkdir -p -- "$dest"
chmod 700 -- "$dest"
[[ -z $owner ]] || chown -- "$owner:" "$dest"

# put SOURCE NAME MODE WHAT: writes DEST/NAME from SOURCE with MODE, and says what it did.
put() {
  local source=$1 target=$dest/$2 mode=$3 what=$4
  if [[ -f $target ]] && cmp -s -- "$source" "$target"; then
    chmod -- "$mode" "$target"
    [[ -z $owner ]] || chown -- "$owner:" "$target"
    printf 'unchanged %-28s %s (mode %s)\n' "$target" "$what" "$mode"
  else
    cp -- "$source" "$target"
    chmod -- "$mode" "$target"
    [[ -z $owner ]] || chown -- "$owner:" "$target"
    printf 'wrote     %-28s %s (mode %s)\n' "$target" "$what" "$mode"
  fi
}

put "$kube_dir/pki/ca.crt" ca.crt 644 "from $kube_dir/pki/ca.crt"
put "$kube_dir/pki/apiserver.crt" apiserver.crt 644 "from $kube_dir/pki/apiserver.crt"
put "$kube_dir/pki/apiserver.key" apiserver.key 600 "from $kube_dir/pki/apiserver.key"
put "$work/$user_base.crt" "$user_base.crt" 644 "decoded from client-certificate-data in $kube_dir/$conf"
put "$work/$user_base.key" "$user_base.key" 600 "decoded from client-key-data in $kube_dir/$conf"

if command -v openssl >/dev/null; then
  echo
  for cert in ca.crt apiserver.crt "$user_base.crt"; do
    printf '%s:\n' "$cert"
    openssl x509 -in "$dest/$cert" -noout -subject -issuer -enddate | sed 's/^/  /'
  done
  printf 'apiserver.crt names: '
  openssl x509 -in "$dest/apiserver.crt" -noout -ext subjectAltName | tail -n +2 | sed 's/^ *//'
fi

echo
echo "Done. $dest holds two private keys of your cluster: keep it to yourself, and delete it"
echo "when you have finished the lesson (rm -rf -- $dest). The CA key was not copied."
