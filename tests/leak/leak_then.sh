#!/usr/bin/env bash
# The leak scan's second half of the ward and IT day, run by scripts/demo.sh
# (LANTERN_DEMO_THEN) while the demo's simulator and mirror service still run:
# the needles from the EHR, a declared downtime with the ward desktop open and
# an entry recorded, reconciliation, the audit exports, the settings, more
# service cycles. Every lanternctl call goes through leak_ctl.sh, which keeps
# its stdout and stderr for the scan.
set -euo pipefail
: "${LANTERN_DEMO_EHR:?run by scripts/demo.sh}" "${LEAK_ROOT:?run by leak_test.sh}"
here="$(cd "$(dirname "$0")" && pwd)"
ctl="$LANTERN_DEMO_CTL"
demo_dir="${LANTERN_VAULT_DIR%/vault}"
svc_log="$demo_dir/service.log"
as_admin() { printf '%s\n' "$LANTERN_DEMO_ADMIN_PASS" | "$ctl" --user it.demo "$@"; }
as_nurse() { printf '%s\n' "$LANTERN_DEMO_NURSE_PASS" | "$ctl" --user n.demo "$@"; }
as_doctor() { printf '%s\n' "$LANTERN_DEMO_DOCTOR_PASS" | "$ctl" --user d.demo "$@"; }
step() { printf '\n== leak flow: %s\n' "$*"; }

# Waits until the service has completed N more cycles (its log says "cycle N:").
cycles_done() { grep -c '^cycle [0-9]*:' "$svc_log" || true; }
wait_cycles() {
    local target=$(( $(cycles_done) + $1 ))
    for _ in $(seq 600); do
        [ "$(cycles_done)" -ge "$target" ] && return 0
        sleep 0.2
    done
    echo "leak flow: the mirror service did not complete $1 more cycles" >&2
    return 1
}

step "needles: every Patient of the EHR and of the imported files"
# shellcheck disable=SC2086 # LANTERN_DEMO_FILES: one path a line, no blanks in them
# The paths IT typed for the import: the importer repeats them, and Synthea names its files after the patient.
printf '%s\n' "$LANTERN_DEMO_FILES" >"$LEAK_ROOT/meta/imported-paths.txt"
python3 "$here/leak_scan.py" needles --ehr "$LANTERN_DEMO_EHR" --out "$LEAK_ROOT/meta/needles.json" $LANTERN_DEMO_FILES

step "IT looks at the device"
"$ctl" --device status
"$ctl" --device status --json >/dev/null
as_admin config show
as_admin audit public-key >"$LEAK_ROOT/scan/it/audit-public-key.pem"
as_admin audit export-dir
as_admin downtime-ids show
as_admin user list --json >/dev/null
as_nurse patient list --json >/dev/null
as_doctor patient list >/dev/null

step "a wrong passphrase for IT is refused"
if printf 'not-the-passphrase\n' | "$ctl" --user it.demo config show; then
    echo "leak flow: a wrong passphrase opened the vault" >&2
    exit 1
fi

step "the nurse declares a downtime; the service holds it from its next cycle"
as_nurse downtime declare
wait_cycles 1
"$ctl" --device status

step "the ward desktop during the downtime"
if [ -n "${LEAK_DESKTOP:-}" ] && [ -x "$LEAK_DESKTOP" ]; then
    # The real desktop executable opens (offscreen), shows its unlock screen and is closed.
    QT_QPA_PLATFORM=offscreen "$LEAK_DESKTOP" --vault "$LANTERN_VAULT_DIR" >"$LEAK_ROOT/logs/lantern.stdout" 2>"$LEAK_ROOT/logs/lantern.stderr" &
    desktop_pid=$!
    trap 'kill "$desktop_pid" 2>/dev/null || true' EXIT
    sleep 3
    kill -0 "$desktop_pid" || { echo "leak flow: the ward desktop ended by itself" >&2; exit 1; }
    kill -TERM "$desktop_pid"
    wait "$desktop_pid" || true
    trap - EXIT
fi
if [ -n "${LEAK_WARD_SESSION:-}" ] && [ -x "$LEAK_WARD_SESSION" ]; then
    # The desktop's own windows, driven: unlock, census, chart, an entry recorded, a printout, lock.
    printf '%s\n' "$LANTERN_DEMO_NURSE_PASS" | QT_QPA_PLATFORM=offscreen "$LEAK_WARD_SESSION" \
        --vault "$LANTERN_VAULT_DIR" --user n.demo --pdf "$LEAK_ROOT/printouts/mar.pdf" \
        >"$LEAK_ROOT/logs/ward-session.stdout" 2>"$LEAK_ROOT/logs/ward-session.stderr"
fi

step "the downtime ends; reconciliation"
as_nurse downtime end
wait_cycles 1
"$ctl" --device reconcile status
"$ctl" --device reconcile status --json >"$LEAK_ROOT/scan/it/reconcile-status.json"
rc=0
"$ctl" --device reconcile run --progress || rc=$?
case "$rc" in 0|4) ;; *) echo "leak flow: reconcile run exited $rc" >&2; exit 1 ;; esac
downtime=$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(next((x["downtime"] for x in d["downtimes"] if x["downtime"]), ""))' \
           "$LEAK_ROOT/scan/it/reconcile-status.json")
# (A note recorded during a downtime declared by hand carries no downtime id yet: then there is no report.)
if [ -n "$downtime" ]; then
    # The report IT exports (audited): ids, no names; it is scanned like everything else.
    as_admin reconcile report --downtime "$downtime" --json "$LEAK_ROOT/scan/it/reconcile-report.json"
fi

step "IT collects the audit checkpoints and verifies against its own key"
mkdir -p "$LEAK_ROOT/scan/it/checkpoints"
as_admin audit export-dir "$LEAK_ROOT/scan/it/checkpoints"
as_admin verify --trusted-key "$LEAK_ROOT/scan/it/audit-public-key.pem" --checkpoints "$LEAK_ROOT/scan/it/checkpoints"
as_admin verify --json >/dev/null

step "more service cycles, then the service's own status"
wait_cycles 2
"$ctl" --device status
