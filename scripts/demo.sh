#!/usr/bin/env bash
# The README's demo command: installs what is missing, builds, walks through a
# demo vault with the command line (demo passphrases are printed; demo only),
# mirrors two wards from the embedded EHR simulator with the mirror service
# (run in the background as the same user: a demo shortcut, see
# docs/security/accounts.md), and opens the ward desktop on that vault when a
# display is available. Simulator and service stop on every way out.
#
# For tests and drills (tests/leak runs the demo this way):
#   LANTERN_DEMO_NO_BUILD=1   use the build as it is: no apt, no build
#   LANTERN_BUILD_DIR=DIR     the build folder (default build)
#   LANTERN_DEMO_DIR=DIR      the demo folder (default a new /tmp/lantern-demo.XXXXXX)
#   LANTERN_DEMO_CTL=CMD      run lanternctl through CMD (a wrapper that records each call)
#   LANTERN_DEMO_NO_DESKTOP=1 do not open the ward desktop even with a display
#   LANTERN_DEMO_THEN=CMD     run CMD after the walk-through, while the simulator and the
#                             service still run (LANTERN_DEMO_EHR is the EHR's base URL,
#                             LANTERN_DEMO_*_PASS the demo passphrases); its failure fails the demo
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${LANTERN_DEMO_NO_BUILD:-}" ]; then
    scripts/install-deps.sh
    scripts/build.sh >/dev/null
fi
build="$(cd "${LANTERN_BUILD_DIR:-build}" && pwd)"

ctl="${LANTERN_DEMO_CTL:-$build/app/lanternctl/lanternctl}"
export LANTERN_VAULT_DIR="${LANTERN_DEMO_DIR:-$(mktemp -d /tmp/lantern-demo.XXXXXX)}/vault"
admin_pass='Demo-IT-lantern-2026!'
nurse_pass='Demo-Nurse-ward-one-night'
doctor_pass='Demo-Physician-both-wards-day'
data="${LANTERN_FHIR_DATA_DIR:-$PWD/tests/data/fhir}"

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

step "Create a vault with its first IT administrator (demo passphrase: $admin_pass)"
printf '%s\n' "$admin_pass" | "$ctl" init --admin it.demo --name "IT Demo"

# The simulator's wards are the FHIR Locations ward-1 and ward-2. The nurse
# sees ward 1 only (ward 2 needs break-glass, audited); the physician both.
step "Add a nurse for ward 1 (demo passphrase: $nurse_pass)"
printf '%s\n%s\n' "$admin_pass" "$nurse_pass" | "$ctl" --user it.demo user add n.demo --role nurse --name "Nina Demo" --wards ward-1

step "Add a physician for wards 1 and 2 (demo passphrase: $doctor_pass)"
printf '%s\n%s\n' "$admin_pass" "$doctor_pass" | "$ctl" --user it.demo user add d.demo --role physician --name "Dr. Dana Demo" --wards ward-1,ward-2

step "Import FHIR R4 data"
if ls "$data"/synthea/*.json >/dev/null 2>&1; then
    files=("$data"/synthea/Adolfo_Marquardt_*.json "$data"/ips/Bundle-IPS-examples-Bundle-01.json "$data"/kbv/Beispiel_10_1.json)
else
    "$build"/tests/bench/bench_vault_ingest generate 500 "${LANTERN_VAULT_DIR%/vault}/demo.ndjson" >/dev/null
    files=("${LANTERN_VAULT_DIR%/vault}/demo.ndjson")
fi
printf '%s\n' "$admin_pass" | "$ctl" --user it.demo import "${files[@]}" || true

step "Start the embedded demo EHR (lantern-ehr-sim) and mirror its two wards"
sim_log="${LANTERN_VAULT_DIR%/vault}/sim.log"
"$build"/app/lantern-ehr-sim/lantern-ehr-sim --port 0 --wards 2 --patients-per-ward 8 --seed 7 --changes-per-minute 6 >"$sim_log" 2>&1 &
sim_pid=$!
svc_pid=
stop_background() {
    # The service first (SIGTERM: it ends after the current transaction), then the EHR.
    if [ -n "$svc_pid" ]; then kill -TERM "$svc_pid" 2>/dev/null || true; wait "$svc_pid" 2>/dev/null || true; fi
    kill "$sim_pid" 2>/dev/null || true
    wait "$sim_pid" 2>/dev/null || true
}
trap stop_background EXIT
trap 'exit 130' INT
trap 'exit 143' TERM HUP
for _ in $(seq 50); do grep -q 'listening on' "$sim_log" && break; sleep 0.2; done
base=$(grep -o 'http://[^ ]*' "$sim_log" | head -1)
echo "simulator: $base"
"$ctl" --device config set mirror.base_url "$base"
"$ctl" --device config set mirror.wards ward-1,ward-2
# Numbers for patients admitted during a downtime (a real device gets its block from the hospital's downtime pool).
"$ctl" --device downtime-ids set urn:oid:1.2.276.0.76.4711.9 DT- 9000 9099
step "Start the mirror service in the background AS THE SAME USER ($(id -un)); on a ward PC it runs as the system account lantern"
svc_log="${LANTERN_VAULT_DIR%/vault}/service.log"
"$ctl" --device service run >"$svc_log" 2>&1 &
svc_pid=$!
echo "mirror service: pid $svc_pid, log $svc_log (stopped when this script ends)"
for _ in $(seq 300); do grep -q '^cycle 1:' "$svc_log" && break; kill -0 "$svc_pid" 2>/dev/null || break; sleep 0.2; done
if ! grep -q '^cycle 1:' "$svc_log"; then
    echo "the mirror service did not complete a cycle:" >&2
    cat "$svc_log" >&2
    exit 1
fi
grep '^cycle 1:' "$svc_log"
"$ctl" --device status

step "The nurse lists the patients of her ward (audited)"
printf '%s\n' "$nurse_pass" | "$ctl" --user n.demo patient list

first=$(printf '%s\n' "$nurse_pass" | "$ctl" --user n.demo patient list | awk 'NR==1 {print $1}')
step "Allergies and active medications of $first"
printf '%s\n' "$nurse_pass" | "$ctl" --user n.demo patient show "$first"

# The imported IPS patient lies on no ward: only break-glass with a reason opens the chart, and it is audited.
ips=$(python3 -c 'import json,sys; b=json.load(open(sys.argv[1])); print(next(e["resource"]["id"] for e in b["entry"] if e["resource"]["resourceType"]=="Patient"))' \
      "$data/ips/Bundle-IPS-examples-Bundle-01.json" 2>/dev/null || true)
if [ -n "$ips" ]; then
    step "The physician opens a patient outside her wards: refused, then by break-glass (audited)"
    printf '%s\n' "$doctor_pass" | "$ctl" --user d.demo patient show "$ips" || echo "(exit code $?)"
    printf '%s\n' "$doctor_pass" | "$ctl" --user d.demo patient show "$ips" --break-glass "consultation: demo"
fi

step "A wrong passphrase is refused"
printf 'not-the-passphrase\n' | "$ctl" --user n.demo patient list || echo "(exit code $?)"

step "IT verifies vault, key slots and the audit chain"
printf '%s\n' "$admin_pass" | "$ctl" --user it.demo verify

cat <<EOF

Demo vault: $LANTERN_VAULT_DIR (try: LANTERN_VAULT_DIR=$LANTERN_VAULT_DIR $ctl --help)
Demo EHR:   $base
  a drill:  curl -X POST -d '{"mode": "refuse"}' "$base/\$sim/fault"   (and {"mode": "none"} to end it)

  Demo sign-ins (demo only; real passphrases are never printed):
    n.demo    nurse, ward 1           $nurse_pass
    d.demo    physician, wards 1+2    $doctor_pass
    it.demo   IT administrator        $admin_pass   (sees no patients)
EOF
if [ -n "${LANTERN_DEMO_THEN:-}" ]; then
    step "Then: $LANTERN_DEMO_THEN"
    LANTERN_DEMO_EHR="$base" LANTERN_DEMO_ADMIN_PASS="$admin_pass" LANTERN_DEMO_NURSE_PASS="$nurse_pass" \
        LANTERN_DEMO_DOCTOR_PASS="$doctor_pass" LANTERN_DEMO_FILES="$(printf '%s\n' "${files[@]}")" \
        bash -c "$LANTERN_DEMO_THEN"
fi
if [ -n "${LANTERN_DEMO_NO_DESKTOP:-}" ]; then
    :
elif [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
    step "Opening the ward desktop; it follows the mirror service while open (close the window to end the demo)"
    "$build"/app/lantern/lantern --vault "$LANTERN_VAULT_DIR"
else
    echo "No display. Open the ward desktop later with the command below; the simulator and the mirror"
    echo "service stop when this script ends, so the desktop will show the service not running and keep"
    echo "the mirrored data:"
    echo "  $build/app/lantern/lantern --vault $LANTERN_VAULT_DIR"
fi
