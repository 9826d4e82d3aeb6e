#!/usr/bin/env bash
# Makes the base image the team server's Containerfile starts from, docker.io/library/node:24-bookworm-slim,
# on a machine that cannot reach a container registry (docs/team-server/container.md, "Building without
# a registry"). An image of that name already on the machine is used as it is: a machine pays once.
#
#   bash scripts/container-base.sh            make it from Debian's packages (the mirror apt uses here)
#   PUNCHCARD_BASE_FROM=registry bash ...     pull the official images instead (a machine that can)
#
# From packages: mmdebstrap writes a minimal Debian bookworm from the mirror this machine's apt reads
# (taken from its sources at run time, so no address is written here), with the package settings the
# official image has for builds (container_settings below), the engine imports it as
# docker.io/library/debian:bookworm-slim, and a small build adds Node 24 (the official binary the npm
# package node-linux-<arch>@24 ships) and the user `node` (1000), as the official image has them.
# Prints what it did and how long it took; the engine is podman unless CONTAINER_ENGINE says otherwise.
set -euo pipefail

ENGINE=${CONTAINER_ENGINE:-podman}
DEBIAN_IMAGE=docker.io/library/debian:bookworm-slim
NODE_IMAGE=docker.io/library/node:24-bookworm-slim
NODE_MAJOR=24
started=$(date +%s)

if ! command -v "$ENGINE" >/dev/null; then
  echo "container-base: $ENGINE is not installed; see docs/team-server/container.md (\"Building without a registry\")." >&2
  exit 1
fi

if [ "${PUNCHCARD_BASE_FROM:-packages}" = registry ]; then
  # Both: the tests' PostgreSQL image starts from Debian's.
  for image in "$DEBIAN_IMAGE" "$NODE_IMAGE"; do
    "$ENGINE" image exists "$image" 2>/dev/null || "$ENGINE" pull --quiet "$image" >/dev/null
  done
  echo "container-base: $DEBIAN_IMAGE and $NODE_IMAGE are on this machine ($(($(date +%s) - started)) s)."
  exit 0
fi

# Both: the tests' PostgreSQL, Caddy and systemd images start from Debian's, the server's from Node's.
if "$ENGINE" image exists "$DEBIAN_IMAGE" 2>/dev/null && "$ENGINE" image exists "$NODE_IMAGE" 2>/dev/null; then
  echo "container-base: $DEBIAN_IMAGE and $NODE_IMAGE are already on this machine; using them."
  exit 0
fi

# The first Debian mirror apt reads that serves bookworm's main component, from one-line
# (sources.list) or deb822 (*.sources) files.
debian_mirror() {
  local file
  for file in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
    [ -f "$file" ] || continue
    awk '$1 == "deb" && $0 ~ / bookworm( |$)/ && $0 ~ / main( |$)/ { for (i = 2; i <= NF; i++) if ($i ~ /^[a-z]+:\/\//) { print $i; exit } }' "$file"
  done
  for file in /etc/apt/sources.list.d/*.sources; do
    [ -f "$file" ] || continue
    # One stanza at a time: its URIs, Suites and Components.
    awk 'BEGIN { RS = ""; FS = "\n" }
      { uris = ""; suites = ""; components = ""
        for (i = 1; i <= NF; i++) {
          if ($i ~ /^URIs:/) uris = substr($i, 6)
          if ($i ~ /^Suites:/) suites = " " substr($i, 8) " "
          if ($i ~ /^Components:/) components = " " substr($i, 12) " "
        }
        if (suites ~ / bookworm / && components ~ / main /) { split(uris, list, " "); for (j in list) if (list[j] != "") { print list[j]; exit } }
      }' "$file"
  done
}

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The settings Debian's official images carry for package installs in builds (debuerreotype's
# minimizing config): dpkg does not sync after each file (a build cut short starts again from its
# last layer anyway), apt fetches no translations, and the packages it downloaded go once they are
# installed, so a layer does not keep them. Without them the tests' PostgreSQL image took a fifth
# more CPU to build and was 562 MB instead of 416 MB (its .deb files and apt's caches kept).
container_settings() {
  local root=$1 clean='"rm -f /var/cache/apt/archives/*.deb /var/cache/apt/archives/partial/*.deb /var/cache/apt/*.bin || true";'
  mkdir -p "$root/etc/dpkg/dpkg.cfg.d" "$root/etc/apt/apt.conf.d"
  echo 'force-unsafe-io' >"$root/etc/dpkg/dpkg.cfg.d/docker-apt-speedup"
  echo 'Acquire::Languages "none";' >"$root/etc/apt/apt.conf.d/docker-no-languages"
  printf '%s\n' "DPkg::Post-Invoke { $clean };" "APT::Update::Post-Invoke { $clean };" 'Dir::Cache::pkgcache "";' 'Dir::Cache::srcpkgcache "";' \
    >"$root/etc/apt/apt.conf.d/docker-clean"
}

if ! "$ENGINE" image exists "$DEBIAN_IMAGE" 2>/dev/null; then
  if ! command -v mmdebstrap >/dev/null; then
    echo "container-base: mmdebstrap is not installed (apt-get install mmdebstrap), and $DEBIAN_IMAGE is not on this machine." >&2
    exit 1
  fi
  mirror=$(debian_mirror | head -n 1)
  if [ -z "$mirror" ]; then
    echo "container-base: apt's sources name no Debian mirror for bookworm main; set PUNCHCARD_BASE_FROM=registry to pull the official images instead." >&2
    exit 1
  fi
  echo "container-base: making $DEBIAN_IMAGE from $mirror"
  container_settings "$work/settings"
  # minbase: essential packages and apt, as Debian's slim images have; no documentation or locales.
  # dpkg skips its syncs while the system is written too (force-unsafe-io, kept in 99mmdebstrap).
  mmdebstrap --quiet --variant=minbase --dpkgopt=force-unsafe-io --dpkgopt='path-exclude=/usr/share/doc/*' \
    --dpkgopt='path-exclude=/usr/share/man/*' --dpkgopt='path-exclude=/usr/share/locale/*' \
    --customize-hook="sync-in $work/settings /" bookworm - "deb $mirror bookworm main" |
    "$ENGINE" import --quiet --change 'CMD ["bash"]' - "$DEBIAN_IMAGE" >/dev/null
fi

if "$ENGINE" image exists "$NODE_IMAGE" 2>/dev/null; then
  echo "container-base: made $DEBIAN_IMAGE in $(($(date +%s) - started)) s; $NODE_IMAGE was already on this machine."
  exit 0
fi
case "$(uname -m)" in
  x86_64) node_arch=x64 ;;
  aarch64) node_arch=arm64 ;;
  *) echo "container-base: no Node build for $(uname -m)." >&2; exit 1 ;;
esac
echo "container-base: adding Node ${NODE_MAJOR} (node-linux-${node_arch}@${NODE_MAJOR} from the npm registry)"
mkdir "$work/node-image"
(cd "$work" && npm pack --silent "node-linux-${node_arch}@${NODE_MAJOR}" >/dev/null && tar -xzf node-linux-*.tgz package/bin/node)
mv "$work/package/bin/node" "$work/node-image/node"
cat >"$work/node-image/Containerfile" <<EOF
FROM $DEBIAN_IMAGE
COPY node /usr/local/bin/node
RUN groupadd --gid 1000 node && useradd --uid 1000 --gid node --shell /bin/bash --create-home node && node --version
CMD ["node"]
EOF
"$ENGINE" build --pull=never --quiet --tag "$NODE_IMAGE" "$work/node-image" >/dev/null
# Asked apart from the message: a command substituted into echo's words fails without stopping the script.
version=$("$ENGINE" run --rm --pull=never "$NODE_IMAGE" node --version)
echo "container-base: made $NODE_IMAGE ($version) in $(($(date +%s) - started)) s."
