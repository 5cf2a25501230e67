#!/usr/bin/env bash
# Build the Runnel image (deploy/Dockerfile) from this checkout: compile, stage the built packages
# with production dependencies only, and build the image on that stage. The base is the official
# node:20-bookworm-slim when it can be pulled, else a local stand-in made from this machine's node
# (scripts/docker-base-image.sh), so the build works with no registry.
#
#   scripts/docker-build.sh [tag]            (default tag: runnel:latest)
#   RUNNEL_BASE_IMAGE=<image> scripts/docker-build.sh    to choose the base yourself
set -euo pipefail

tag="${1:-runnel:latest}"
repo="$(cd "$(dirname "$0")/.." && pwd)"
stage="$repo/.docker-stage"
cd "$repo"

base="${RUNNEL_BASE_IMAGE:-}"
if [ -z "$base" ]; then
  if docker image inspect node:20-bookworm-slim > /dev/null 2>&1 || timeout 60 docker pull -q node:20-bookworm-slim > /dev/null 2>&1; then
    base=node:20-bookworm-slim
  else
    echo "docker-build: node:20-bookworm-slim cannot be pulled; building a local base from this machine's node"
    base=runnel/node-base:20
    docker image inspect "$base" > /dev/null 2>&1 || scripts/docker-base-image.sh "$base"
  fi
fi

echo "docker-build: compiling"
npx tsc -b

echo "docker-build: staging built packages with production dependencies"
rm -rf "$stage"
mkdir -p "$stage/packages" "$stage/data"
cp package.json package-lock.json "$stage/"
cp -r proto "$stage/proto"
for dir in packages/*/; do
  name="$(basename "$dir")"
  mkdir -p "$stage/packages/$name"
  cp "$dir/package.json" "$stage/packages/$name/"
  [ -d "$dir/dist" ] && cp -r "$dir/dist" "$stage/packages/$name/dist"
  [ -d "$dir/bin" ] && cp -r "$dir/bin" "$stage/packages/$name/bin"
done
# The installed tree (native addons already built for this platform), minus dev-only packages.
cp -a node_modules "$stage/node_modules"
(cd "$stage" && npm prune --omit=dev --no-audit --no-fund --offline > /dev/null)
find "$stage/packages" -name '*.tsbuildinfo' -delete

echo "docker-build: building $tag on $base"
docker build --build-arg "BASE=$base" -f deploy/Dockerfile -t "$tag" "$stage"
rm -rf "$stage"
echo "docker-build: built $tag"
