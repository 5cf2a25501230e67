#!/usr/bin/env bash
# Build a stand-in for node:20-bookworm-slim from this machine's own node binary and the shared
# libraries it and Runnel's native modules load, for hosts that cannot reach a container registry.
# The result has node and nothing else: no shell, no package manager (the Runnel image needs none).
#
#   scripts/docker-base-image.sh [tag]        (default tag: runnel/node-base:20)
set -euo pipefail

tag="${1:-runnel/node-base:20}"
node_bin="$(readlink -f "$(command -v node)")"
major="$("$node_bin" -p 'process.versions.node.split(".")[0]')"
if [ "$major" != 20 ]; then
  echo "docker-base-image: node $major found; the image is meant to carry node 20" >&2
  exit 1
fi
repo="$(cd "$(dirname "$0")/.." && pwd)"
root="$(mktemp -d)"
trap 'rm -rf "$root"' EXIT

# Copy a file into the root filesystem at the same path, following symlinks.
put() { mkdir -p "$root$(dirname "$1")" && cp -L "$1" "$root$1"; }

put_with_libs() {
  put "$1"
  ldd "$1" | awk '/=>/ { print $3 } /^\s*\/lib/ { print $1 }' | while read -r lib; do
    [ -n "$lib" ] && [ -e "$lib" ] && put "$lib"
  done
}

mkdir -p "$root/usr/local/bin" "$root/tmp" "$root/etc"
chmod 1777 "$root/tmp"
cp "$node_bin" "$root/usr/local/bin/node"
put_with_libs "$node_bin"
# The native addons Runnel loads (CRC32C, codecs, LevelDB) and whatever they link against.
find "$repo/node_modules" -name '*.node' -path '*linux-x64*' -o -name '*.node' -path '*/build/Release/*' | while read -r addon; do
  ldd "$addon" 2>/dev/null | awk '/=>/ { print $3 }' | while read -r lib; do
    [ -n "$lib" ] && [ -e "$lib" ] && put "$lib"
  done
done
put /lib64/ld-linux-x86-64.so.2

cat > "$root/etc/passwd" <<'PASSWD'
root:x:0:0:root:/root:/usr/sbin/nologin
node:x:1000:1000::/home/node:/usr/sbin/nologin
PASSWD
cat > "$root/etc/group" <<'GROUP'
root:x:0:
node:x:1000:
GROUP
echo 'hosts: files dns' > "$root/etc/nsswitch.conf"
mkdir -p "$root/home/node"

tar -C "$root" --numeric-owner --owner=0 --group=0 -c . \
  | docker import --change 'ENV PATH=/usr/local/bin:/usr/bin:/bin' --change 'CMD ["node"]' - "$tag" > /dev/null
echo "built $tag from $node_bin ($("$node_bin" --version))"
