#!/usr/bin/env python3
"""Checks docs/safety/hazard-log.md against the tests it names.

Every hazard row must name at least one test as `tests/<path>.cpp::function`
(or a script as `tests/<path>`), and every named test must exist: the file,
and in it a Qt Test slot `void function(`. A renamed or deleted test thus
fails CI until the log says which test now guards the hazard.

Prints one line per hazard and a closing 'N passed, N failed' line.
"""
import pathlib
import re
import sys

root = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else pathlib.Path(__file__).resolve().parents[2])
log = root / "docs" / "safety" / "hazard-log.md"
text = log.read_text(encoding="utf-8")

ref = re.compile(r"`(tests/[A-Za-z0-9_./-]+?)(?:::([A-Za-z_][A-Za-z0-9_]*))?`")
passed = failed = 0
hazards = 0
for line in text.splitlines():
    m = re.match(r"^\|\s*(H\d+)\s*\|", line)
    if not m:
        continue
    hazards += 1
    hid = m.group(1)
    refs = ref.findall(line)
    problems = []
    if not refs:
        problems.append("names no test")
    for path, function in refs:
        f = root / path
        if not f.is_file():
            problems.append(f"{path}: no such file")
            continue
        if function and not re.search(r"\bvoid\s+" + re.escape(function) + r"\s*\(", f.read_text(encoding="utf-8", errors="replace")):
            problems.append(f"{path}: no test function {function}()")
    if problems:
        failed += 1
        print(f"FAIL {hid}: " + "; ".join(problems))
    else:
        passed += 1
        print(f"ok   {hid}: {len(refs)} test(s)")

if hazards == 0:
    print("FAIL: no hazard rows found in", log)
    failed += 1
print(f"{passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
