#!/usr/bin/env bash
# Prepares a Debian machine for Punchcard, then runs the command it is given with the right Node on
# PATH:  bash scripts/setup.sh npm start   |   bash scripts/setup.sh npm test
# Installs Node 24 (when the machine's Node is older), the system packages the tests need and the
# locked npm dependencies. Idempotent: a second run only checks.
set -euo pipefail
cd "$(dirname "$0")/.."

NODE_MAJOR=24
NODE_PREFIX=/opt/node${NODE_MAJOR}

# 1. Node 24. The machine's own Node may be older; the npm package node@24 ships an official build.
if ! command -v node >/dev/null || [ "$(node -p 'process.versions.node.split(".")[0]')" -lt "$NODE_MAJOR" ]; then
  if [ ! -x "$NODE_PREFIX/bin/node" ]; then
    echo "--- installing Node ${NODE_MAJOR} into ${NODE_PREFIX}"
    npm install --global --prefix "$NODE_PREFIX" --no-audit --no-fund --allow-scripts=node "node@${NODE_MAJOR}" >/dev/null
  fi
  export PATH="$NODE_PREFIX/bin:$PATH"
fi
echo "--- node $(node --version), npm $(npm --version)"

# Native modules (keytar) must build against the headers of the Node that runs them, not the
# machine's older system headers.
# The npm package keeps them in its platform package; a regular install keeps them beside bin/.
node_root="$(dirname "$(dirname "$(readlink -f "$(command -v node)")")")"
for candidate in "$node_root" "$node_root"/node_modules/node-*-*; do
  if [ -f "$candidate/include/node/node_version.h" ] &&
    grep -q "define NODE_MAJOR_VERSION $(node -p 'process.versions.node.split(".")[0]')\$" "$candidate/include/node/node_version.h"; then
    export npm_config_nodedir="$candidate"
    break
  fi
done

# 2. System packages: the keychain tests run a real gnome-keyring on a private D-Bus session;
#    keytar builds against libsecret; the settings window is tested in Debian's Chromium (with a
#    font, or the screenshots show boxes). Needs root (CI and the development machines run as root).
APT_PACKAGES=(gnome-keyring dbus dbus-x11 libsecret-1-dev python3 make g++ chromium fonts-dejavu-core)
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
if [ $# -gt 0 ]; then
  echo "--- $*"
  exec "$@"
fi
