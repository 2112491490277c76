#!/usr/bin/env bash
# Leak scan (issue #13 item 8; ctest label leak). Runs what a ward and IT do
# (scripts/demo.sh and then leak_then.sh: init, users, import, the simulator
# mirrored by the service, status, patient list/show, a wrong passphrase,
# verify, a declared downtime with the ward desktop open and a note recorded,
# reconciliation, audit exports, config show, more cycles) in a private scan
# root, then searches everything left behind for the patients' names and
# identifiers. None may appear outside the vault (vault.db and its -wal/-shm,
# which must not hold them in plain text either) and the printout asked for.
#
#   tests/leak/leak_test.sh SOURCE_DIR BUILD_DIR WORK_DIR
#
# The scan root is one mktemp -d folder under WORK_DIR: HOME, TMPDIR, the XDG
# folders, the vault, every log and every command's output. As root, the run
# gets private /tmp and /var/tmp (a mount namespace; bind mounts from the scan
# root), so whatever a process writes there despite TMPDIR is scanned too and
# nothing of other processes is. Otherwise the files changed in /tmp and
# /var/tmp since the start are scanned. LANTERN_LEAK_KEEP=1 keeps the root.
set -euo pipefail

if [ "${1:-}" = --inner ]; then
    # ---------------------------------------------------------------- inside the scan root
    shift
    source_dir="$1" build_dir="$2" root="$3"
    here="$source_dir/tests/leak"
    if [ "${LEAK_NAMESPACE:-}" = 1 ]; then
        mount --bind "$root/sys-tmp" /tmp
        mount --bind "$root/sys-var-tmp" /var/tmp
    fi
    scan="$root/scan"
    export HOME="$scan/home" TMPDIR="$scan/tmp" XDG_CONFIG_HOME="$scan/config" XDG_CACHE_HOME="$scan/cache" \
           XDG_DATA_HOME="$scan/data" XDG_RUNTIME_DIR="$scan/run"
    export LANTERN_VAULT_DIR="$scan/demo/vault"
    export LEAK_ROOT="$root" LEAK_CTL_REAL="$build_dir/app/lanternctl/lanternctl" LEAK_CTL_LOGS="$root/calls"
    export LEAK_DESKTOP="$build_dir/app/lantern/lantern" LEAK_WARD_SESSION="$build_dir/tests/leak/leak_ward_session"
    unset DISPLAY WAYLAND_DISPLAY LANTERN_USER
    echo "flow: scripts/demo.sh, then tests/leak/leak_then.sh (namespace: ${LEAK_NAMESPACE:-0})"
    # The demo's stdout is what the people asked to see (patient list and show
    # among it): kept apart and not counted. Every command's own stdout and
    # stderr are in $root/calls and scanned (but patient list/show stdout).
    rc=0
    LANTERN_DEMO_NO_BUILD=1 LANTERN_BUILD_DIR="$build_dir" LANTERN_DEMO_DIR="$scan/demo" \
        LANTERN_DEMO_CTL="$here/leak_ctl.sh" LANTERN_DEMO_NO_DESKTOP=1 LANTERN_DEMO_THEN="$here/leak_then.sh" \
        "$source_dir/scripts/demo.sh" >"$root/shown/demo.stdout" 2>"$root/logs/demo.stderr" || rc=$?
    if [ "$rc" != 0 ]; then
        echo "the flow failed (exit $rc); its stderr, with names masked by the scan below:"
        tail -20 "$root/logs/demo.stderr" | python3 "$here/leak_scan.py" mask --needles "$root/meta/needles.json" \
            --catalog "$source_dir/simulator/NameCatalog.cpp"
        cat "$root"/logs/ward-session.stderr 2>/dev/null | grep '^leak_ward_session' || true
        grep -E '^== ' "$root/shown/demo.stdout" | tail -3
    fi
    [ -f "$root/meta/needles.json" ] || { echo "no needles were collected"; exit 1; }
    grep -E '^needles:' "$root/shown/demo.stdout" || true # counts only
    cat "$root/logs/ward-session.stdout" 2>/dev/null || true  # counts only
    [ -f "$root/printouts/mar.pdf" ] || echo "note: the ward session printed no MAR"

    # Core files and crash reports, wherever the kernel put them.
    crash=()
    while IFS= read -r -d '' f; do crash+=("$f"); done < <(
        find "$source_dir" "$build_dir" /var/crash /var/lib/systemd/coredump -maxdepth 3 \
             \( -name 'core' -o -name 'core.[0-9]*' -o -name '*.crash' -o -name 'core.*.zst' \) -type f \
             -newer "$root/meta/start" -print0 2>/dev/null || true)
    [ "${#crash[@]}" = 0 ] || echo "crash output found: ${#crash[@]} file(s), scanned"

    skips=(--allow-file "$root/meta/imported-paths.txt" --skip "$root/meta" --skip "$root/shown" --skip "$root/printouts/mar.pdf"
           --skip "$LANTERN_VAULT_DIR/vault.db" --skip "$LANTERN_VAULT_DIR/vault.db-wal" --skip "$LANTERN_VAULT_DIR/vault.db-shm")
    for f in "$root"/calls/*-patient-list.stdout "$root"/calls/*-patient-show.stdout; do
        [ -e "$f" ] && skips+=(--skip "$f")
    done
    system_tmp=()
    [ "${LEAK_NAMESPACE:-}" = 1 ] || system_tmp=(--newer-than "$root/meta/start" --newer-in /tmp --newer-in /var/tmp --ignore "$root")

    status=0
    echo "== everything left behind (the scan root, logs, every command's stderr, system temp, crash output)"
    python3 "$here/leak_scan.py" scan --needles "$root/meta/needles.json" "${skips[@]}" "${system_tmp[@]}" \
        "$root" "${crash[@]}" || status=1

    echo "== the vault's own files hold no plain text"
    vault_files=()
    for f in "$LANTERN_VAULT_DIR"/vault.db "$LANTERN_VAULT_DIR"/vault.db-wal "$LANTERN_VAULT_DIR"/vault.db-shm; do
        [ -e "$f" ] && vault_files+=("$f")
    done
    [ "${#vault_files[@]}" -gt 0 ] || { echo "no vault file found"; status=1; }
    python3 "$here/leak_scan.py" scan --needles "$root/meta/needles.json" "${vault_files[@]}" || status=1

    echo "== the scan can fail: one patient's family name planted (upper case, UTF-16) in the scan root"
    python3 - "$root/meta/needles.json" "$scan/cache/planted.bin" <<'EOF'
import json, os, sys
needles = [n for n in json.load(open(sys.argv[1])) if n["kind"] == "family" and n["source"] == "ehr"]
with open(sys.argv[2], "wb") as f:
    f.write(os.urandom(256) + needles[0]["value"].upper().encode("utf-16-le") + os.urandom(256))
EOF
    planted_out="$root/meta/planted.out"
    if python3 "$here/leak_scan.py" scan --needles "$root/meta/needles.json" "${skips[@]}" "$root" >"$planted_out"; then
        echo "FAILED: the planted name was not found"; status=1
    elif ! grep -q 'LEAK: <[^>]*>/scan/cache/planted.bin holds a family (utf-16-le' "$planted_out"; then
        echo "FAILED: the scan failed without naming the planted file:"; cat "$planted_out"; status=1
    else
        echo "ok: found and named ($(grep -c '^LEAK' "$planted_out") hit)"
    fi
    rm -f "$scan/cache/planted.bin"
    [ "$rc" = 0 ] || status=1
    exit "$status"
fi

# -------------------------------------------------------------------- outside
source_dir="$(cd "${1:?SOURCE_DIR}" && pwd)"
build_dir="$(cd "${2:?BUILD_DIR}" && pwd)"
mkdir -p "${3:?WORK_DIR}"
work_dir="$(cd "$3" && pwd)"
here="$source_dir/tests/leak"

echo "== the scanner's self-check"
python3 "$here/leak_scan.py" selfcheck

root="$(mktemp -d "$work_dir/leak.XXXXXX")"
inner_pid=
cleanup() {
    # The demo stops its simulator and service on TERM; the desktop dies with its hook.
    if [ -n "$inner_pid" ] && kill -0 "$inner_pid" 2>/dev/null; then
        kill -TERM -- "-$inner_pid" 2>/dev/null || kill -TERM "$inner_pid" 2>/dev/null || true
        wait "$inner_pid" 2>/dev/null || true
    fi
    if [ -z "${LANTERN_LEAK_KEEP:-}" ]; then rm -rf "$root"; else echo "kept: $root"; fi
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM HUP

mkdir -p "$root"/{meta,shown,logs,calls,printouts,sys-tmp,sys-var-tmp} \
         "$root"/scan/{home,tmp,config,cache,data,run,demo,it}
chmod 1777 "$root/sys-tmp" "$root/sys-var-tmp"
chmod 0700 "$root/scan/run"
touch "$root/meta/start"
sleep 1 # file times have a resolution: what the flow writes is newer than the marker

namespace=0
if [ "$(id -u)" = 0 ] && [ -z "${LANTERN_LEAK_NO_NAMESPACE:-}" ] && unshare -m --propagation private true 2>/dev/null; then
    namespace=1
fi
# A process group of its own, so a timeout's TERM reaches the demo and what it started.
if [ "$namespace" = 1 ]; then
    LEAK_NAMESPACE=1 setsid unshare -m --propagation private bash "$0" --inner "$source_dir" "$build_dir" "$root" &
else
    setsid bash "$0" --inner "$source_dir" "$build_dir" "$root" &
fi
inner_pid=$!
status=0
wait "$inner_pid" || status=$?
inner_pid=

echo "== what the rest of the test suite left in /tmp and /var/tmp"
python3 "$here/leak_scan.py" suite --catalog "$source_dir/simulator/NameCatalog.cpp" --ignore "$root" /tmp /var/tmp || status=1
exit "$status"
