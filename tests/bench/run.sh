#!/usr/bin/env bash
# Runs Lantern's benchmarks and prints figures as ratios against baselines
# measured in the same run. Usage: tests/bench/run.sh [RESOURCES]   (default 100000)
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
build="${LANTERN_BUILD_DIR:-$root/build}"
n="${1:-100000}"
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$build" --target bench_vault_ingest >/dev/null
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# Ctrl-C or SIGTERM end the running benchmark with the script (each stops the servers it started).
trap 'exit 143' TERM HUP
trap 'exit 130' INT
bin="$build/tests/bench/bench_vault_ingest"

echo "== vault ingest: $n synthetic FHIR resources (NDJSON, streamed)"
"$bin" generate "$n" "$work/big.ndjson" >/dev/null
"$bin" generate "$((n / 4))" "$work/quarter.ndjson" >/dev/null
plain=$("$bin" plain "$work/big.ndjson")
raw=$("$bin" raw "$work/big.ndjson")
lantern=$("$bin" lantern "$work/big.ndjson")
lantern_q=$("$bin" lantern "$work/quarter.ndjson")
python3 - "$plain" "$raw" "$lantern" "$lantern_q" <<'PY'
import json, sys
plain, raw, lan, lanq = (json.loads(a) for a in sys.argv[1:5])
for r in (plain, raw, lan, lanq):
    print(f"  {r['mode']:<14} {r['resources']:>8} resources  {r['seconds']:7.2f} s  {r['perSecond']:9.0f}/s  peak RSS {r['peakRssMb']:6.1f} MB")
print(f"  ratio lantern / raw SQLCipher insert : {lan['perSecond']/raw['perSecond']:.2f}  (goal >= 0.5)")
print(f"  ratio lantern / plain SQLite insert  : {lan['perSecond']/plain['perSecond']:.2f}  (for the record)")
print(f"  peak RSS at N/4 vs N                 : {lanq['peakRssMb']:.1f} MB vs {lan['peakRssMb']:.1f} MB  (goal <= 250 MB, flat)")
PY

echo "== mirror: initial load of ${MIRROR_PATIENTS:-1000} simulated patients over loopback, then freshness"
cmake --build "$build" --target bench_mirror >/dev/null
mirror=$("$build/tests/bench/bench_mirror" "${MIRROR_PATIENTS:-1000}" "${MIRROR_SAMPLES:-20}" "${LOAD_CYCLES:-30}")
python3 - "$mirror" <<'PY'
import json, sys
r = json.loads(sys.argv[1])
print(f"  initial mirror    {r['resources']:>8} resources  {r['seconds']:7.2f} s  {r['perSecond']:9.0f}/s  peak RSS {r['peakRssMb']:6.1f} MB")
print(f"  peak RSS less the in-process simulator's {r['simulatorRssMb']:.0f} MB before the mirror: {r['peakRssMb'] - r['simulatorRssMb']:.0f} MB  (goal <= 250 MB)")
print(f"  raw vault ingest  {r['ingestPerSecond']:9.0f}/s (same resources, Importer, NDJSON)")
print(f"  ratio mirror / raw ingest            : {r['ratio']:.2f}  (goal >= 0.5)")
print(f"  freshness at the default interval    : p50 {r['freshnessP50Ms']/1000:.1f} s, p95 {r['freshnessP95Ms']/1000:.1f} s ({r['freshnessSamples']} changes)")
print(f"  once on the wire: {r['served']} resources served, {r['written']} written, {r['unchanged']} unchanged  (goal: written == served, 0 unchanged)")
print("== EHR load per device (counted on the simulator's wire; manual server clock)")
def mb(b): return b / 1e6
print(f"  {'device':<10} {'patients':>8} {'initial req/pt':>14} {'initial kB/pt':>13} {'req/cycle':>9} {'kB/cycle':>9} {'req/h':>8} {'MB/h':>7}  (incl. heartbeats)")
for d in r['load']:
    p = max(1, d['patients'])
    reqh = d['cycleRequestsPerHour'] + d['heartbeatsPerHour']
    bh = d['cycleBytesPerHour'] + d['heartbeatBytesPerHour']
    print(f"  {d['name']:<10} {d['patients']:>8.0f} {d['initialRequests']/p:>14.2f} {d['initialBytes']/p/1e3:>13.1f} "
          f"{d['steadyRequestsPerCycle']:>9.1f} {d['steadyBytesPerCycle']/1e3:>9.1f} {reqh:>8.0f} {mb(bh):>7.2f}")
    if d['initialUnchanged']:
        print(f"    ({d['name']}: {d['initialUnchanged']:.0f} resources came twice in the initial load)")
worst = max(d['steadyRequestsPerCycle'] for d in r['load'])
print(f"  steady-state requests per device per cycle: at most {worst:.1f}  (goal <= {r['mirroredTypes']}, the mirrored resource types)")
w = next(d for d in r['load'] if d['name'] == 'ward')
devices = 2700
reqh = (w['cycleRequestsPerHour'] + w['heartbeatsPerHour']) * devices
bh = (w['cycleBytesPerHour'] + w['heartbeatBytesPerHour']) * devices
print(f"  interval {w['intervalSeconds']} s, {w['changesPerMinute']:g} changes/min on the simulated hospital; heartbeat GET /metadata "
      f"{w['heartbeatsPerHour']:.0f}/h = {mb(w['heartbeatBytesPerHour']):.2f} MB/h of that")
print(f"  x {devices} ward devices (45 hospitals x 30 wards x 2 PCs): {reqh/3600:.0f} requests/s, {bh/1e9:.2f} GB/h, "
      f"initial load {w['initialRequests']*devices:.0f} requests, {w['initialBytes']*devices/1e9:.1f} GB")
PY

echo "== ward desktop: ${GUI_PATIENTS:-5000} simulated inpatients in the vault (offscreen Qt)"
cmake --build "$build" --target bench_gui >/dev/null
QT_QPA_PLATFORM=offscreen "$build/tests/bench/bench_gui" prepare "$work/gui-vault" "${GUI_PATIENTS:-5000}" >/dev/null
gui=$(QT_QPA_PLATFORM=offscreen "$build/tests/bench/bench_gui" run "$work/gui-vault")
python3 - "$gui" <<'PY'
import json, sys
r = json.loads(sys.argv[1])
def line(label, value, base, goal):
    ratio = f"{value / base:6.1f}x baseline ({base:.1f} ms)" if base else ""
    print(f"  {label:<34} {value:8.1f} ms  {ratio:<28} goal {goal}")
print(f"  unlock, Argon2id + vault open      {r['unlockArgon2Ms']:8.1f} ms  (reported apart)")
line(f"census visible, {r['censusRows']} rows", r['censusVisibleMs'], r['baselineCensusMs'], "<= 300 ms (raw QTableView+QStandardItemModel)")
line("open a chart (median of 20)", r['chartMs'], r['baselineChartReadMs'], "<= 50 ms (plain SQLCipher read)")
print(f"  {'  slowest chart':<34} {r['chartMaxMs']:8.1f} ms")
line("census filter per keystroke", r['keystrokeMs'], r['baselineKeystrokeMs'], "<= 20 ms (QSortFilterProxyModel)")
print(f"  {'  slowest keystroke':<34} {r['keystrokeMaxMs']:8.1f} ms")
line(f"ward MAR to PDF, {r['wardMarPatients']} beds, {r['wardMarPages']} p", r['wardMarMs'], r['baselineMarHtmlPdfMs'], "<= 5000 ms (same HTML, one QTextDocument)")
print(f"  GUI peak RSS                       {r['peakRssMb']:8.1f} MB  goal <= 200 MB")
# The peak includes Argon2id's memory-hard buffer (192 MiB by default, freed right
# after the unlock): what the desktop itself keeps resident is reported apart.
print(f"  {'  resident with the census shown':<34} {r['rssWithCensusMb']:8.1f} MB  (peak so far {r['peakRssAfterCensusMb']:.1f} MB incl. Argon2id)")
print(f"  {'  resident at the end (2 sessions)':<34} {r['rssAtEndMb']:8.1f} MB")
PY

echo "== reconcile: ${RECONCILE_ENTRIES:-1000} entries recorded offline, reconciled against lantern-ehr-sim on loopback"
cmake --build "$build" --target bench_reconcile >/dev/null
reconcile=$("$build/tests/bench/bench_reconcile" "${RECONCILE_ENTRIES:-1000}" 2>/dev/null)
python3 - "$reconcile" <<'PY'
import json, sys
r = json.loads(sys.argv[1])
print(f"  reconcile         {r['entries']:>8} entries    {r['seconds']:7.2f} s  {r['perSecond']:9.0f}/s  ({r['notes']} downtime notes)")
print(f"  conditional creates {r['baselinePerSecond']:7.0f}/s (same resources one by one, If-None-Exist, no checks)")
print(f"  transaction Bundles {r['transactions']:>7}")
print(f"  reconcile entries/s                  : {r['perSecond']:.0f}  (goal: >= 50 entries/s; ratio to the baseline {r['ratio']:.2f})")
PY
# Medplum's in-memory repository answers every search (also If-None-Exist) by
# scanning all stored resources, so both the run and the baseline slow with the
# square of their size: 200 entries by default.
echo "== reconcile: ${RECONCILE_PEER_ENTRIES:-200} entries reconciled against Medplum's FHIR router (tests/peer) on loopback"
reconcile_peer=$("$build/tests/bench/bench_reconcile" "${RECONCILE_PEER_ENTRIES:-200}" --peer 2>/dev/null)
python3 - "$reconcile_peer" <<'PY'
import json, sys
r = json.loads(sys.argv[1])
print(f"  reconcile (Medplum) {r['entries']:>6} entries    {r['seconds']:7.2f} s  {r['perSecond']:9.1f}/s  ({r['notes']} downtime notes)")
print(f"  conditional creates {r['baselinePerSecond']:9.1f}/s (same resources one by one, If-None-Exist, same Medplum, no checks)")
print(f"  transaction Bundles {r['transactions']:>9}")
print(f"  ratio reconcile / conditional creates: {r['ratio']:.2f}  (goal >= 0.5)")
PY
