#!/usr/bin/env bash
# Installs the Debian 12 packages Lantern needs to build, test, package
# (dpkg-dev for dpkg-shlibdeps, lintian: tests/package) and run, and
# the npm packages of the peer FHIR server the tests run against (Medplum,
# pinned by tests/peer/server/package-lock.json).
# Idempotent: only missing packages are installed. Uses sudo (for apt only)
# when not root.
set -euo pipefail
cd "$(dirname "$0")/.."

# npm ci for tests/peer/server when node_modules is absent or older than the lock file.
install_peer_server() {
    local dir=tests/peer/server
    if [ -e "$dir/node_modules/.package-lock.json" ] && [ ! "$dir/package-lock.json" -nt "$dir/node_modules/.package-lock.json" ]; then
        return 0
    fi
    echo "install-deps: npm ci --prefix $dir (Medplum FHIR router for the peer tests)"
    npm ci --prefix "$dir" --no-audit --no-fund --loglevel=error
}

packages=(
    build-essential cmake ninja-build pkg-config git
    qt6-base-dev qt6-base-dev-tools qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools qt6-translations-l10n
    libgl-dev libxkbcommon-dev
    libsqlcipher-dev sqlcipher libsodium-dev libpoco-dev libpwquality-dev cracklib-runtime wamerican
    openssl python3 tzdata
    xvfb xauth poppler-utils fonts-dejavu-core dbus-daemon
    clang libclang-rt-14-dev
    dpkg-dev lintian file adduser
)

missing=()
for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

# Node.js runs the Medplum-based peer FHIR server in the tests. Some machines carry
# NodeSource's nodejs (which bundles npm and conflicts with Debian's npm package).
command -v npm >/dev/null 2>&1 || missing+=(nodejs npm)

if [ ${#missing[@]} -eq 0 ]; then
    echo "install-deps: all ${#packages[@]} packages present"
    install_peer_server
    exit 0
fi

SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
# cracklib's dictionary is built by its postinst; make sure it exists for libpwquality.
if [ ! -e /var/cache/cracklib/cracklib_dict.pwd ]; then
    $SUDO update-cracklib || true
fi
echo "install-deps: done"
install_peer_server
