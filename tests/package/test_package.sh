#!/usr/bin/env bash
# test_package BUILD_DIR SIMULATOR: the Debian package from BUILD_DIR, end to end (see CMakeLists.txt).
# Everything it installs or creates (package, accounts, /var/lib/lantern, simulator, temp folder) is
# removed again on every way out (trap), and only if this test created it.
set -euo pipefail
build=$(cd "$1" && pwd)
sim=$2
source_dir=$(cd "$(dirname "$0")/../.." && pwd)

say() { printf 'test_package: %s\n' "$*"; }
fail() { say "FAIL: $*" >&2; exit 1; }
# Not possible here: skip (77), but under CI=true that is a failure.
cannot() {
    if [ "${CI:-}" = true ]; then fail "$* (CI=true: the package test must run)"; fi
    say "SKIP: $*"
    exit 77
}

[ "$(id -u)" -eq 0 ] || cannot "needs root (it installs the package)"
for tool in dpkg dpkg-deb apt-get lintian runuser cpack; do
    command -v "$tool" >/dev/null || cannot "needs $tool (scripts/install-deps.sh installs it)"
done
if dpkg-query -W -f='${Status}' lantern 2>/dev/null | grep -q installed; then
    cannot "the package lantern is installed on this machine already; the test will not replace it"
fi
[ ! -e /var/lib/lantern ] || cannot "/var/lib/lantern exists on this machine; the test never touches a vault it did not make"

work=$(mktemp -d /tmp/lantern-package-test.XXXXXX)
created_user=no
created_group=no
getent passwd lantern >/dev/null || created_user=yes
getent group lantern-users >/dev/null || created_group=yes
sim_pid=
cleanup() {
    local status=$?
    set +e
    if [ -n "$sim_pid" ]; then kill "$sim_pid" 2>/dev/null; wait "$sim_pid" 2>/dev/null; fi
    if dpkg-query -W -f='${Status}' lantern 2>/dev/null | grep -qv not-installed; then
        DEBIAN_FRONTEND=noninteractive apt-get purge -y -qq -o DPkg::Lock::Timeout=300 lantern >/dev/null 2>&1 ||
            dpkg --purge lantern >/dev/null 2>&1
    fi
    # The package leaves the vault and the accounts on purpose; this test made them, so it removes them.
    rm -rf /var/lib/lantern
    [ "$created_user" = yes ] && { userdel lantern 2>/dev/null; groupdel lantern 2>/dev/null; }
    [ "$created_group" = yes ] && groupdel lantern-users 2>/dev/null
    rm -rf "$work"
    exit $status
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM HUP

# --- Build the packages from this build tree ---
say "cpack -G DEB"
(cd "$build" && cpack -G DEB -B "$work/out" >"$work/cpack.log" 2>&1) || { cat "$work/cpack.log" >&2; fail "cpack failed"; }
deb=$(ls "$work"/out/lantern_*.deb)
sim_deb=$(ls "$work"/out/lantern-ehr-sim_*.deb)
say "built $(basename "$deb") and $(basename "$sim_deb")"

# --- Contents: expected files with their modes, owned by root, nothing from the build machine ---
# "MODE OWNER PATH" per entry, paths without the leading "." and trailing "/" ("/" stays).
contents() {
    dpkg-deb -c "$1" | awk '{ p = $6; sub(/^\./, "", p); if (p != "/") sub(/\/$/, "", p); print $1, $2, p }'
}
contents "$deb" >"$work/lantern.list"
contents "$sim_deb" >"$work/sim.list"
expect() { # expect LIST MODE PATH
    grep -qxF -e "$2 root/root $3" "$1" || { grep -F -e "$3" "$1" >&2; fail "$(basename "$1"): expected $2 root/root $3"; }
}
for f in /usr/bin/lantern /usr/bin/lanternctl /usr/libexec/lantern/lantern-desktop; do expect "$work/lantern.list" -rwxr-xr-x "$f"; done
for f in /usr/lib/systemd/system/lantern-mirror.service /usr/share/applications/lantern.desktop \
         /usr/share/icons/hicolor/scalable/apps/lantern.svg /usr/share/man/man1/lanternctl.1.gz /usr/share/man/man1/lantern.1.gz \
         /usr/share/bash-completion/completions/lanternctl /etc/default/lantern /usr/share/doc/lantern/copyright \
         /usr/share/doc/lantern/changelog.Debian.gz /usr/share/doc/lantern/install.md /usr/share/lintian/overrides/lantern; do
    expect "$work/lantern.list" -rw-r--r-- "$f"
done
expect "$work/sim.list" -rwxr-xr-x /usr/bin/lantern-ehr-sim
expect "$work/sim.list" -rw-r--r-- /usr/share/man/man1/lantern-ehr-sim.1.gz
! grep -q lantern-ehr-sim "$work/lantern.list" || fail "the simulator must not be in the package lantern (ward PCs)"
! grep -q /var/lib/lantern "$work/lantern.list" || fail "/var/lib/lantern is made by postinst with its owner, not shipped"
if grep -v ' root/root ' "$work/lantern.list" "$work/sim.list"; then fail "files not owned by root/root"; fi
if grep -Ev ' /(usr|etc)(/|$)|^d[^ ]* [^ ]* /$' "$work/lantern.list" "$work/sim.list"; then fail "files outside /usr and /etc"; fi
mkdir "$work/root"
dpkg-deb -x "$deb" "$work/root"
dpkg-deb -x "$sim_deb" "$work/root"
if grep -rlF -e "$build" -e "$source_dir" "$work/root"; then fail "the packages name the build machine's folders"; fi
for f in "$work"/root/usr/bin/*; do
    file -b "$f" | grep -q 'not stripped' && fail "$(basename "$f") is not stripped"
done
# The generated man page is the command table: every command of lanternctl is in it.
zcat "$work/root/usr/share/man/man1/lanternctl.1.gz" >"$work/lanternctl.1"
while IFS=$'\t' read -r path _; do
    grep -qF "$(printf '%s' "$path" | sed 's/-/\\-/g')" "$work/lanternctl.1" || fail "lanternctl(1) lacks the command '$path'"
done < <("$work/root/usr/bin/lanternctl" --list-commands)
# lantern(1) is written by hand: it must name every option `lantern --help` shows.
zcat "$work/root/usr/share/man/man1/lantern.1.gz" >"$work/lantern.1"
for o in $(QT_QPA_PLATFORM=offscreen "$work/root/usr/bin/lantern" --help 2>/dev/null | grep -oE -- '--[a-z-]+' | sort -u); do
    grep -qF -- "$(printf '%s' "$o" | sed 's/-/\\-/g')" "$work/lantern.1" || fail "lantern(1) does not describe $o"
done
dpkg-deb -f "$deb" Depends >"$work/depends"
for d in libsqlcipher0 libsodium23 libqt6core6 adduser; do grep -q "$d" "$work/depends" || fail "Depends lacks $d: $(cat "$work/depends")"; done
dpkg-deb -e "$deb" "$work/control"
grep -qxF /etc/default/lantern "$work/control/conffiles" || fail "/etc/default/lantern is not a conffile"
for s in postinst prerm postrm; do [ -x "$work/control/$s" ] || fail "$s missing or not executable"; done
say "contents as expected"

# --- lintian: no error and no warning (overrides, each with its reason, are in the package) ---
lintian --allow-root --fail-on error,warning --display-info "$deb" "$sim_deb" >"$work/lintian.log" 2>&1 ||
    { cat "$work/lintian.log" >&2; fail "lintian"; }
grep -E '^(E|W):' "$work/lintian.log" && fail "lintian reported errors or warnings"
say "lintian: no errors, no warnings ($(grep -c '^[IPN]:' "$work/lintian.log" || true) info/pedantic notes)"

# --- Install with apt: accounts, folders and their modes (docs/security/accounts.md) ---
say "apt-get install $(basename "$deb")"
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends -o DPkg::Lock::Timeout=300 "$deb" \
    >"$work/apt.log" 2>&1 || { cat "$work/apt.log" >&2; fail "apt-get install"; }
getent passwd lantern | grep -q ':/var/lib/lantern:/usr/sbin/nologin$' || fail "account lantern: $(getent passwd lantern)"
[ "$(id -u lantern)" -lt 1000 ] || fail "lantern is not a system account"
getent group lantern-users >/dev/null || fail "no group lantern-users"
mode() { stat -c '%a %U:%G' "$1"; }
[ "$(mode /var/lib/lantern)" = "750 lantern:lantern-users" ] || fail "/var/lib/lantern: $(mode /var/lib/lantern)"
[ "$(mode /var/lib/lantern/vault)" = "3770 lantern:lantern-users" ] || fail "/var/lib/lantern/vault: $(mode /var/lib/lantern/vault)"
# A container without systemd (a fresh CI image) has no systemd-analyze; lintian checked the unit's syntax.
if command -v systemd-analyze >/dev/null; then
    systemd-analyze verify /usr/lib/systemd/system/lantern-mirror.service >"$work/verify.log" 2>&1 ||
        { cat "$work/verify.log" >&2; fail "systemd-analyze verify lantern-mirror.service"; }
else
    say "systemd-analyze not installed: unit not verified beyond lintian"
fi
[ "$(/usr/bin/lanternctl --version)" = "lanternctl $(dpkg-deb -f "$deb" Version | cut -d- -f1)" ] || fail "installed lanternctl --version"

# --- As the service account: init, configure, one mirror cycle against the simulator ---
"$sim" --port 0 --wards 1 --patients-per-ward 3 --seed 7 >"$work/sim.log" 2>&1 &
sim_pid=$!
for _ in $(seq 100); do grep -q 'listening on' "$work/sim.log" && break; kill -0 "$sim_pid" 2>/dev/null || break; sleep 0.1; done
base=$(grep -o 'http://[^ ]*' "$work/sim.log" | head -1)
[ -n "$base" ] || { cat "$work/sim.log" >&2; fail "lantern-ehr-sim did not start"; }
as_service() { runuser -u lantern -- /usr/bin/lanternctl --vault /var/lib/lantern/vault "$@"; }
printf '%s\n' 'Package-test-IT-passphrase-2026!' | as_service init --admin it.package --name "IT Package" >"$work/init.log" 2>&1 ||
    { cat "$work/init.log" >&2; fail "lanternctl init as lantern"; }
# postinst gives the files init made the shared modes (docs/it/install.md: dpkg-reconfigure after init).
DEBIAN_FRONTEND=noninteractive dpkg-reconfigure lantern >/dev/null 2>&1 || fail "dpkg-reconfigure lantern"
v=/var/lib/lantern/vault
[ "$(mode $v/device.key)" = "600 lantern:lantern" ] || fail "device.key: $(mode $v/device.key)"
[ "$(mode $v/keyslots.json)" = "660 lantern:lantern-users" ] || fail "keyslots.json: $(mode $v/keyslots.json)"
[ "$(mode $v/vault.db)" = "660 lantern:lantern-users" ] || fail "vault.db: $(mode $v/vault.db)"
as_service --device config set mirror.base_url "$base" >/dev/null || fail "config set mirror.base_url"
as_service --device config set mirror.wards ward-1 >/dev/null || fail "config set mirror.wards"
as_service --device sync --once >"$work/sync.log" 2>&1 || { cat "$work/sync.log" >&2; fail "sync --once as lantern"; }
as_service --device status --json >"$work/status.json" 2>&1 || { cat "$work/status.json" >&2; fail "status --json"; }
python3 - "$work/status.json" <<'PY' || fail "status after one cycle: $(cat "$work/status.json")"
import json, sys
status = json.load(open(sys.argv[1]))
# The simulator's ward-1 holds 3 patients (--patients-per-ward 3): all of them mirrored by the one cycle.
assert status["patients_in_scope"] == 3, status["patients_in_scope"]
assert status["resources_in_vault"] > 3, status["resources_in_vault"]
assert "ward-1" in json.dumps(status["wards"]), status["wards"]
PY
say "init, config set and sync --once as lantern: ok"
kill "$sim_pid"; wait "$sim_pid" 2>/dev/null || true; sim_pid=

# --- Remove, then purge: the program goes, the vault and the accounts stay ---
ls -l $v >"$work/vault-before"
sha256sum $v/vault.db $v/keyslots.json $v/device.key >"$work/vault.sha"
DEBIAN_FRONTEND=noninteractive apt-get remove -y -qq -o DPkg::Lock::Timeout=300 lantern >"$work/apt.log" 2>&1 ||
    { cat "$work/apt.log" >&2; fail "apt-get remove"; }
[ ! -e /usr/bin/lanternctl ] || fail "/usr/bin/lanternctl still there after remove"
sha256sum -c --quiet "$work/vault.sha" || fail "remove changed the vault"
DEBIAN_FRONTEND=noninteractive apt-get purge -y -qq -o DPkg::Lock::Timeout=300 lantern >"$work/apt.log" 2>&1 ||
    { cat "$work/apt.log" >&2; fail "apt-get purge"; }
sha256sum -c --quiet "$work/vault.sha" || fail "purge changed or deleted the vault"
grep -q 'kept /var/lib/lantern' "$work/apt.log" || { cat "$work/apt.log" >&2; fail "purge did not say it kept the vault"; }
[ ! -e /etc/default/lantern ] || fail "/etc/default/lantern still there after purge"
getent passwd lantern >/dev/null || fail "purge removed the account lantern (its files remain)"
say "remove and purge left the vault and the accounts alone"
say "PASS"
