#!/usr/bin/env bash
# Fuzzes Lantern's readers with libFuzzer (clang, AddressSanitizer, UBSan).
#   scripts/fuzz.sh [--seconds N] [--build-dir DIR] [TARGET...]
# Default: every target for 60 s each (CI runs 20 s through ctest's fuzz_short).
# Long runs: scripts/fuzz.sh --seconds 3600 importer
# Builds core, sync and the targets in their own clang tree (default build-fuzz/),
# seeds each target from tests/data and tests/fuzz/seeds, and reports per target
# the executions and whether a crash was found. A crash leaves its input in
# DIR/crashes/TARGET/: copy it into tests/fuzz/regressions/TARGET/ with the fix,
# and the regular build replays it on every ctest run (fuzz_replay_TARGET).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
seconds=60
build="$root/build-fuzz"
targets=()
while [ $# -gt 0 ]; do
    case "$1" in
        --seconds) seconds="$2"; shift 2 ;;
        --build-dir) build="$2"; shift 2 ;;
        -h|--help) sed -n 2,11p "$0"; exit 0 ;;
        -*) echo "fuzz.sh: unknown option $1" >&2; exit 2 ;;
        *) targets+=("$1"); shift ;;
    esac
done
all=(bundle_reader fhir_mapping ndjson_stream key_slot_file config_value importer)
[ ${#targets[@]} -gt 0 ] || targets=("${all[@]}")

command -v clang++ >/dev/null || { echo "fuzz.sh: clang++ is missing (scripts/install-deps.sh installs it)" >&2; exit 1; }
launcher=()
command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DLANTERN_FUZZ=ON \
    -DCMAKE_CXX_COMPILER=clang++ "${launcher[@]}" >/dev/null
cmake --build "$build" --parallel "$(nproc)" --target "${targets[@]/#/fuzz_}" >/dev/null

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
trap 'exit 143' TERM HUP
trap 'exit 130' INT

# Seeds: small FHIR files as they are, and each entry of a Bundle as a resource
# of its own (the mapper reads one resource at a time); target seeds as they are.
python3 - "$root" "$work/fhir-seeds" <<'PY'
import json, os, sys
root, out = sys.argv[1], sys.argv[2]
os.makedirs(out)
n = 0
for dirpath, _, files in sorted(os.walk(os.path.join(root, "tests/data/fhir"))):
    for f in sorted(files):
        if not (f.endswith(".json") or f.endswith(".ndjson")):
            continue
        path = os.path.join(dirpath, f)
        data = open(path, "rb").read()
        if len(data) <= 64 * 1024:
            open(os.path.join(out, f"file-{n}"), "wb").write(data); n += 1
        try:
            doc = json.loads(data)
        except ValueError:
            continue
        for entry in (doc.get("entry") or [])[:40] if isinstance(doc, dict) else []:
            res = entry.get("resource") if isinstance(entry, dict) else None
            if isinstance(res, dict):
                open(os.path.join(out, f"res-{n}"), "w").write(json.dumps(res)); n += 1
PY

status=0
printf '%-16s %12s %8s  %s\n' target executions seconds verdict
for t in "${targets[@]}"; do
    corpus="$work/corpus-$t"
    mkdir -p "$corpus" "$build/crashes/$t"
    case "$t" in
        key_slot_file|config_value) ;;
        *) cp "$work"/fhir-seeds/* "$corpus"/ ;;
    esac
    [ -d "$root/tests/fuzz/seeds/$t" ] && cp -r "$root/tests/fuzz/seeds/$t"/. "$corpus"/
    [ -d "$root/tests/fuzz/regressions/$t" ] && cp -r "$root/tests/fuzz/regressions/$t"/. "$corpus"/
    log="$build/crashes/$t/last-run.log"
    verdict="no crash"
    if ! (cd "$work" && TMPDIR="$work" "$build/tests/fuzz/fuzz_$t" "$corpus" \
            -max_total_time="$seconds" -max_len=65536 -timeout=20 -rss_limit_mb=3072 \
            -print_final_stats=1 -artifact_prefix="$build/crashes/$t/" >"$log" 2>&1); then
        verdict="CRASH: $(ls -t "$build/crashes/$t" | grep -v last-run.log | head -1) (log: $log)"
        status=1
    fi
    execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo "?")
    printf '%-16s %12s %8s  %s\n' "$t" "$execs" "$seconds" "$verdict"
done
exit $status
