#!/usr/bin/env bash
# Throwaway TLS material for development and tests: a CA and one certificate per name, signed by it.
#
#   scripts/make-dev-certs.sh [--days N] DIR [NAME...]
#
# NAMEs default to the docker-compose services and one client: runnel-1 runnel-2 runnel-3 client.
# Every certificate is good for both ends of a connection (serverAuth and clientAuth), with
# CN=NAME and the subject alternative names NAME, localhost, 127.0.0.1 and ::1. DIR gets:
#   ca.crt  ca.key                      the CA (reused when DIR already has one, so more names
#                                       can be added later; a new DIR means a new, unrelated CA)
#   NAME.crt  NAME.key  NAME.pem        certificate, private key, and both in one file (key first),
#                                       the PEM keystore ssl.keystore.location names
# Keys are unencrypted and readable by everyone, so a container's unprivileged user can read a
# mounted copy: these are for development only.
set -euo pipefail

days=365
if [ "${1:-}" = "--days" ]; then
  days="${2:?--days needs a number}"
  shift 2
fi
dir="${1:?usage: make-dev-certs.sh [--days N] DIR [NAME...]}"
shift
names=("$@")
[ ${#names[@]} -gt 0 ] || names=(runnel-1 runnel-2 runnel-3 client)

command -v openssl > /dev/null || { echo "make-dev-certs: openssl is not installed" >&2; exit 1; }
mkdir -p "$dir"
cd "$dir"

if [ ! -f ca.key ] || [ ! -f ca.crt ]; then
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days "$days" \
    -keyout ca.key -out ca.crt -subj "/O=Runnel Dev/CN=Runnel Dev CA $(date +%s)-$RANDOM" \
    -addext basicConstraints=critical,CA:TRUE -addext keyUsage=critical,keyCertSign,cRLSign 2> /dev/null
  echo "make-dev-certs: new CA in $dir/ca.crt"
fi

for name in "${names[@]}"; do
  ext="$(mktemp)"
  trap 'rm -f "$ext" "$name.csr"' EXIT
  printf '%s\n' \
    "basicConstraints=critical,CA:FALSE" \
    "keyUsage=critical,digitalSignature,keyEncipherment" \
    "extendedKeyUsage=serverAuth,clientAuth" \
    "subjectAltName=DNS:$name,DNS:localhost,IP:127.0.0.1,IP:::1" > "$ext"
  openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$name.key" -out "$name.csr" \
    -subj "/O=Runnel Dev/CN=$name" 2> /dev/null
  # A random serial: a certificate issued again for the same name is told apart from the old one.
  openssl x509 -req -in "$name.csr" -CA ca.crt -CAkey ca.key -set_serial "0x$(openssl rand -hex 16)" \
    -days "$days" -extfile "$ext" -out "$name.crt" 2> /dev/null
  rm -f "$ext" "$name.csr"
  trap - EXIT
  # Written beside and renamed, so a node polling the file never reads half of it.
  cat "$name.key" "$name.crt" > ".$name.pem.tmp"
  mv ".$name.pem.tmp" "$name.pem"
  chmod 644 "$name.key" "$name.pem"
  echo "make-dev-certs: $dir/$name.pem (CN=$name)"
done
chmod 644 ca.key
