#!/usr/bin/env bash
# sign-on-node.sh: signs a user's certificate signing request (CSR) with the cluster CA of a
# kubeadm control-plane node, as a client certificate for kube-apiserver (Kube Auth Lab, lesson 7).
#
# Run it on the control-plane node, in the folder where you copied the CSR (e.g. jane.csr, made in
# the browser; the private key stays where it was made):
#   sudo bash sign-on-node.sh [--days N] [--out FILE] CSR
#   --days N    lifetime in days, 1 to 3650 (default 1); no one can revoke it before then
#   --out FILE  the certificate to write (default: the CSR's name with .crt, e.g. jane.crt)
# Environment: KUBE_PKI_DIR, the folder of ca.crt and ca.key (default /etc/kubernetes/pki).
#
# The certificate gets the CSR's subject (CN = user name, each O = a group), extended key usage
# clientAuth only, CA:FALSE, a random serial, and no other extension from the CSR. The CA's
# private key is read in place, by openssl, and copied nowhere. CSRs asking for the group
# system:masters, or with no CN, are refused.
# Exit status: 0 when the certificate is written, 2 when an input is missing or refused.
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
  echo "usage: sudo bash sign-on-node.sh [--days N] [--out FILE] CSR"
  echo "Signs CSR with $pki_dir/ca.crt and ca.key as a kube-apiserver client certificate."
}

while (($# > 0)); do
  case $1 in
    --days)
      [[ $# -ge 2 ]] || die "--days needs a number of days"
      days=$2
      shift
      ;;
    --out)
      [[ $# -ge 2 ]] || die "--out needs a file name"
      out=$2
      shift
      ;;
    -h | --help)
      usage
      exit 0
      ;;
    -*) die "unknown option '$1' (see --help)" ;;
    *)
      [[ -z $csr ]] || die "one CSR at a time: got '$csr' and '$1'"
      csr=$1
      ;;
  esac
  shift
done

[[ -n $csr ]] || die "which CSR? usage: sudo bash sign-on-node.sh [--days N] CSR (e.g. jane.csr)"
if ! [[ $days =~ ^[0-9]+$ ]] || ((10#$days < 1 || 10#$days > 3650)); then
  die "--days must be a whole number from 1 to 3650, not '$days'"
fi
days=$((10#$days))
if [[ -z $out ]]; then
  out=$(basename -- "$csr")
  out=${out%.csr}
  out=${out%.pem}.crt
fi

# --- What is needed -----------------------------------------------------------------------------

command -v openssl >/dev/null || die "openssl is missing (sudo apt-get install openssl)"
[[ -f $csr ]] || die "$csr does not exist here ($PWD): copy the CSR from the browser to this node first"
[[ -r $csr ]] || die "cannot read $csr"
missing=()
for file in "$pki_dir/ca.crt" "$pki_dir/ca.key"; do
  [[ -e $file ]] || missing+=("$file")
done
if ((${#missing[@]} > 0)); then
  die "missing: ${missing[*]}
Run this on a kubeadm control-plane node (or set KUBE_PKI_DIR to the folder of ca.crt and ca.key)."
fi
[[ -r $pki_dir/ca.key ]] || die "cannot read $pki_dir/ca.key: run it as root (sudo bash sign-on-node.sh ...)"
[[ $(realpath -- "$out") != "$(realpath -- "$csr")" ]] || die "--out must not be the CSR itself"

openssl req -in "$csr" -noout 2>/dev/null ||
  die "$csr is not a PEM certificate signing request (it should start with -----BEGIN CERTIFICATE REQUEST-----)"
openssl req -in "$csr" -noout -verify >/dev/null 2>&1 ||
  die "$csr is not signed by its own key: it was changed after it was made; make a new one"

# The user name is the last CN, and each O is a group, as kube-apiserver reads them.
user=
groups=()
while IFS= read -r line; do
  line=${line#"${line%%[![:space:]]*}"}
  case $line in
    CN=*) user=${line#CN=} ;;
    O=*) groups+=("${line#O=}") ;;
  esac
done < <(openssl req -in "$csr" -noout -subject -nameopt sep_multiline,sname,utf8)

[[ -n $user ]] || die "$csr has no CN: kube-apiserver would find no user name in the certificate"
for group in "${groups[@]}"; do
  if [[ $group == system:masters ]]; then
    die "$csr asks for the group system:masters, which bypasses all authorization and cannot be
revoked; this script refuses it. Use an ordinary group and a RoleBinding instead."
  fi
done

# --- Sign -----------------------------------------------------------------------------------------

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
  die "openssl could not sign $csr: $(cat "$work/openssl.log")"
openssl verify -CAfile "$pki_dir/ca.crt" -purpose sslclient "$work/certificate.pem" >/dev/null 2>&1 ||
  die "the new certificate does not verify against $pki_dir/ca.crt: $(openssl verify -CAfile "$pki_dir/ca.crt" -purpose sslclient "$work/certificate.pem" 2>&1 | tail -n 1)"

cp -- "$work/certificate.pem" "$out"
chmod 644 -- "$out"
if [[ $EUID -eq 0 && -n ${SUDO_USER:-} && $SUDO_USER != root ]]; then
  chown -- "$SUDO_USER:" "$out"
fi

group_list="${groups[*]} system:authenticated"
echo "Wrote $out, signed by $pki_dir/ca.crt:"
openssl x509 -in "$out" -noout -subject -issuer -enddate -ext extendedKeyUsage | sed 's/^/  /'
echo "kube-apiserver will see user \"$user\" in groups [${group_list# }]."
echo "Copy $out back to where the private key is; nothing else leaves this node."
