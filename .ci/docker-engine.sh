#!/usr/bin/env bash
# Make sure a Docker engine and docker-compose are here: install Debian's docker.io and
# docker-compose when missing, start dockerd in the background, and wait for its socket.
set -euo pipefail

if ! command -v dockerd > /dev/null || ! command -v docker-compose > /dev/null; then
  echo "docker-engine: installing docker.io and docker-compose"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq docker.io docker-compose > /dev/null
fi
if ! docker info > /dev/null 2>&1; then
  echo "docker-engine: starting dockerd"
  nohup dockerd > /tmp/dockerd.log 2>&1 &
  for _ in $(seq 1 60); do
    docker info > /dev/null 2>&1 && break
    sleep 1
  done
fi
if ! docker info > /dev/null 2>&1; then
  echo "docker-engine: dockerd did not come up; its log:" >&2
  tail -20 /tmp/dockerd.log >&2
  exit 1
fi
echo "docker-engine: $(docker version --format 'server {{.Server.Version}}')"
