#!/usr/bin/env python3
"""Leak scan (issue #13 item 8): searches what a Lantern run left behind for
the patients' names and identifiers.

    leak_scan.py needles --ehr URL --out FILE [FHIR files...]
        The needles: every Patient the simulator's FHIR API serves (names of
        the patient and of their contacts, identifier values such as the MRN)
        and every Patient in the imported files.
    leak_scan.py scan --needles FILE [--skip PATH]... [--allow-file FILE]... [--newer-than FILE --newer-in DIR]... PATH...
        Searches every file under PATH (and the files under --newer-in DIRs
        changed after --newer-than) for the needles: UTF-8, case-insensitive,
        and UTF-16 (Qt keeps strings as UTF-16; a QString in a core file or a
        binary cache would show up that way). Exit 1 on any hit.
    leak_scan.py selfcheck
        Plants needles into files of a scratch folder (UTF-8, upper case,
        UTF-16, inside a binary blob) and fails unless the scanner finds each
        one and nothing in a clean file: a broken scanner cannot pass.
    leak_scan.py mask [--needles FILE] [--catalog simulator/NameCatalog.cpp] < TEXT
        TEXT with every needle (and simulator name) replaced by its mask.
    leak_scan.py suite --catalog simulator/NameCatalog.cpp [--ignore DIR]... TMPDIR...
        The folders the rest of the test suite leaves behind (lantern-* and
        the Qt test temp dirs test_*-XXXXXX) searched for any name of the
        simulator's name lists.

A hit names the file and the needle's kind and a hash of the needle, never the
needle itself, so the test log leaks nothing.
"""

import argparse
import hashlib
import json
import os
import re
import sys
import tempfile
import urllib.request

# Needles shorter than this match by chance (any three letters occur in a
# binary file or an English sentence sooner or later).
MIN_LEN = 4

# Names that are ordinary English or German words, or words of Lantern's own
# vocabulary, so a case-insensitive search would find them in places that
# hold no patient data at all:
#   grace   - the setting mirror.purge_grace_hours in `config show`
#   wolf    - a word, and the README's demo physician dr.wolf
#   koch    - German "cook"; braun, schwarz, weiß - colours; groß - "big"
#   jack    - in "hijack"; isla - in "island"
#   kluge   - German "clever" (the KBV example patient's family name)
#   demo    - the demo's own user names (n.demo, "Nina Demo")
# The full names these words belong to are still searched where they are
# longer (given + family as one string is not needed: each part alone is).
COMMON_WORDS = {"grace", "wolf", "koch", "braun", "schwarz", "weiß", "groß", "jack", "isla", "kluge", "demo"}

# Only these name lists of the simulator hold names of people that become
# patients or contacts; cities, streets and physicians are not patients.
PEOPLE_LISTS = ("germanGivenMale", "germanGivenFemale", "germanFamily",
                "englishGivenMale", "englishGivenFemale", "englishFamily")

# Encrypted and compressed bytes are random: a 4-letter needle matches them
# case-insensitively about once in (256/2)^4 bytes, and with dozens of needles
# a few megabytes of vault would hit by chance. In a file that looks binary
# only needles of at least this many bytes are searched (6 UTF-8 letters, or
# any name in UTF-16, where 4 letters are 8 bytes); text files get every needle.
MIN_BINARY_BYTES = 6

# Files read whole; anything larger is read in slices with an overlap so a
# needle across a slice border is still found.
SLICE = 64 * 1024 * 1024


def mask(value):
    """What a log may show of a needle: its length and a short hash."""
    return "%d chars, sha256 %s" % (len(value), hashlib.sha256(value.encode("utf-8")).hexdigest()[:12])


def usable(value):
    value = value.strip()
    return len(value) >= MIN_LEN and value.lower() not in COMMON_WORDS


# ---------------------------------------------------------------- needles

def patients_in(resource):
    """Patient resources in a resource, a Bundle or an NDJSON file's lines."""
    if not isinstance(resource, dict):
        return
    if resource.get("resourceType") == "Patient":
        yield resource
    for entry in resource.get("entry", []) or []:
        if isinstance(entry, dict):
            yield from patients_in(entry.get("resource"))


def needles_of_patient(patient, source):
    out = []

    def add(kind, value):
        if isinstance(value, str) and usable(value):
            out.append({"kind": kind, "value": value.strip(), "source": source})

    for name in patient.get("name", []) or []:
        add("family", name.get("family"))
        for given in name.get("given", []) or []:
            add("given", given)
        add("name-text", name.get("text"))
    for ident in patient.get("identifier", []) or []:
        codes = [c.get("code") for c in (ident.get("type") or {}).get("coding", []) or []]
        add("mrn" if "MR" in codes else "identifier", ident.get("value"))
    for contact in patient.get("contact", []) or []:
        name = contact.get("name") or {}
        add("contact-family", name.get("family"))
        for given in name.get("given", []) or []:
            add("contact-given", given)
    return out


def read_fhir_file(path):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    try:
        return [json.loads(text)]
    except json.JSONDecodeError:
        return [json.loads(line) for line in text.splitlines() if line.strip()]


def fetch_json(url):
    request = urllib.request.Request(url, headers={"Accept": "application/fhir+json"})
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.load(response)


def ehr_patients(base):
    url = base.rstrip("/") + "/Patient?_count=200"
    pages = 0
    while url and pages < 100:
        bundle = fetch_json(url)
        pages += 1
        yield from patients_in(bundle)
        url = next((l.get("url") for l in bundle.get("link", []) or [] if l.get("relation") == "next"), None)


def cmd_needles(args):
    needles, patients = [], 0
    if args.ehr:
        for p in ehr_patients(args.ehr):
            patients += 1
            needles += needles_of_patient(p, "ehr")
    for path in args.files:
        for resource in read_fhir_file(path):
            for p in patients_in(resource):
                patients += 1
                needles += needles_of_patient(p, os.path.basename(path))
    unique = {}
    for n in needles:
        unique.setdefault(n["value"], n)
    if args.ehr and not any(n["source"] == "ehr" for n in unique.values()):
        print("leak scan: the EHR served no patients; nothing to search for", file=sys.stderr)
        return 1
    with open(args.out, "w", encoding="utf-8") as f:
        json.dump(sorted(unique.values(), key=lambda n: n["value"]), f, ensure_ascii=False)
    kinds = {}
    for n in unique.values():
        kinds[n["kind"]] = kinds.get(n["kind"], 0) + 1
    print("needles: %d patients, %d distinct needles (%s)"
          % (patients, len(unique), ", ".join("%s %d" % kv for kv in sorted(kinds.items()))))
    return 0


# ---------------------------------------------------------------- scanning

class Matcher:
    """One regular expression per encoding over the lower-cased bytes.

    Case-insensitive by lowering both sides: Python lowers ASCII letters of
    bytes only, so for non-ASCII letters (Ö, á) the needle's lower- and
    upper-case forms are added as needles of their own. An all-digit needle (an
    MRN) must not be part of a longer number."""

    def __init__(self, needles, allowed=()):
        # Text that may hold a needle and is no leak: a command echoing its own
        # argument (Synthea names its files after the patient: the importer's
        # "FILE: 246 resources stored" repeats the path IT typed).
        self.allowed = [a for a in allowed if a]
        self.by_pattern = {}
        self.patterns = []
        self.binary_patterns = []
        for encoding in ("utf-8", "utf-16-le", "utf-16-be"):
            alternatives, long_alternatives = [], []
            for n in needles:
                for form in {n["value"], n["value"].lower(), n["value"].upper()}:
                    raw = form.encode(encoding).lower()
                    if raw in self.by_pattern.get(encoding, {}):
                        continue
                    self.by_pattern.setdefault(encoding, {})[raw] = n
                    pattern = re.escape(raw)
                    if n["value"].isdigit() and encoding == "utf-8":
                        pattern = b"(?<![0-9])" + pattern + b"(?![0-9])"
                    alternatives.append(pattern)
                    if len(raw) >= MIN_BINARY_BYTES:
                        long_alternatives.append(pattern)
            for target, alts in ((self.patterns, alternatives), (self.binary_patterns, long_alternatives)):
                if alts:
                    # Longest first, so "Williams" is reported as itself, not as "William".
                    alts.sort(key=len, reverse=True)
                    target.append((encoding, re.compile(b"|".join(alts))))

    def hits(self, data, binary=False):
        for text in self.allowed:
            for encoding in ("utf-8", "utf-16-le"):
                raw = text.encode(encoding)
                data = data.replace(raw, b"\0" * len(raw))
        lowered = data.lower()
        found = []
        for encoding, regex in (self.binary_patterns if binary else self.patterns):
            for m in regex.finditer(lowered):
                needle = self.by_pattern[encoding].get(m.group(0))
                if needle is not None:
                    found.append((encoding, needle))
        return found


def files_under(path):
    if os.path.isfile(path) or os.path.islink(path):
        yield path
        return
    for folder, dirs, names in os.walk(path):
        dirs.sort()
        for name in sorted(names):
            yield os.path.join(folder, name)


def looks_binary(data):
    """More than a tenth of the first 64 KiB outside text (UTF-8 or ASCII)."""
    sample = data[:65536]
    if not sample:
        return False
    try:
        sample.decode("utf-8")
        return False
    except UnicodeDecodeError:
        pass
    odd = sum(1 for b in sample if b < 9 or 13 < b < 32 or b == 127)
    return odd * 10 > len(sample) or b"\0" in sample[:1024] and odd * 50 > len(sample)


def read_slices(path):
    with open(path, "rb") as f:
        previous = b""
        while True:
            chunk = f.read(SLICE)
            if not chunk:
                return
            yield previous + chunk
            previous = chunk[-4096:]


def scan(paths, matcher, skip=(), skip_programs=False):
    """(files, bytes, hits); a hit is (file, encoding, needle). With
    skip_programs, ELF executables and libraries are passed over: the
    simulator's binary holds its own name lists (suite mode only; the flow's
    scan root holds no programs)."""
    skip = {os.path.realpath(s) for s in skip}
    count, total, hits = 0, 0, []
    for root in paths:
        for path in files_under(root):
            real = os.path.realpath(path)
            if real in skip or any(real.startswith(s + os.sep) for s in skip):
                continue
            if os.path.islink(path) or not os.path.isfile(path):
                continue  # sockets, FIFOs, links: nothing of their own to read
            is_program = skip_programs
            try:
                seen = set()
                binary = None
                # A file named after a patient (a printout, a temp file) is a leak too.
                for encoding, needle in matcher.hits(os.path.relpath(path, root).encode("utf-8", "surrogateescape")):
                    if encoding == "utf-8":
                        hits.append((path, "file name", needle))
                for data in read_slices(path):
                    total += len(data)
                    if is_program and data.startswith(b"\x7fELF"):
                        break
                    if binary is None:
                        binary = looks_binary(data)
                    for encoding, needle in matcher.hits(data, binary):
                        key = needle["value"]  # one report per needle and file
                        if key not in seen:
                            seen.add(key)
                            hits.append((path, encoding, needle))
                count += 1
            except OSError as e:
                hits.append((path, "unreadable", {"kind": "error", "value": str(e.strerror)}))
    return count, total, hits


def newer_files(folder, marker, ignore):
    """Files under folder changed after marker (processes that ignore TMPDIR)."""
    since = os.stat(marker).st_mtime
    ignore = [os.path.realpath(i) for i in ignore]
    out = []
    for path in files_under(folder):
        real = os.path.realpath(path)
        if any(real == i or real.startswith(i + os.sep) for i in ignore):
            continue
        try:
            st = os.lstat(path)
        except OSError:
            continue  # gone meanwhile: another process's temp file
        if st.st_mtime >= since or st.st_ctime >= since:
            out.append(path)
    return out


def report(hits, base_paths):
    for path, encoding, needle in hits:
        shown = path
        for b in base_paths:
            if path.startswith(b.rstrip("/") + "/"):
                shown = "<" + os.path.basename(b.rstrip("/")) + ">/" + path[len(b.rstrip("/")) + 1:]
        if encoding == "unreadable":
            print("LEAK SCAN: cannot read %s (%s)" % (shown, needle["value"]))
        else:
            print("LEAK: %s holds a %s (%s, %s, from %s)"
                  % (shown, needle["kind"], encoding, mask(needle["value"]), needle.get("source", "?")))


def cmd_scan(args):
    with open(args.needles, encoding="utf-8") as f:
        needles = json.load(f)
    if not needles:
        print("leak scan: no needles", file=sys.stderr)
        return 1
    allowed = []
    for path in args.allow_file or []:
        if not os.path.exists(path):
            continue  # the flow ended before it imported
        with open(path, encoding="utf-8") as f:
            allowed += [line.rstrip("\n") for line in f if line.strip()]
    matcher = Matcher(needles, allowed)
    extra = []
    for folder in args.newer_in or []:
        if os.path.isdir(folder):
            extra += newer_files(folder, args.newer_than, args.paths + (args.ignore or []))
    count, total, hits = scan(args.paths + extra, matcher, args.skip or [])
    kinds = sorted({n["kind"] for n in needles})
    print("leak scan: %d files, %d bytes (%d of them in system temp folders), %d needles (%s), %d hits"
          % (count, total, len(extra), len(needles), ", ".join(kinds), len(hits)))
    report(hits, args.paths)
    return 1 if hits else 0


# ---------------------------------------------------------------- self-check

def cmd_selfcheck(_args):
    """The scanner must find what is planted, in every form, and only that."""
    needles = [{"kind": "family", "value": "Schröder", "source": "selfcheck"},
               {"kind": "given", "value": "Siobhán", "source": "selfcheck"},
               {"kind": "mrn", "value": "10000042", "source": "selfcheck"},
               {"kind": "given", "value": "Grace", "source": "selfcheck"}]  # common word: must be dropped
    needles = [n for n in needles if usable(n["value"])]
    if any(n["value"] == "Grace" for n in needles):
        print("selfcheck: a common word was not dropped")
        return 1
    matcher = Matcher(needles)
    planted = {
        "log.txt": ("utf-8", "cycle 3: patient SCHRÖDER".encode("utf-8") + b" mirrored\n", "Schröder"),
        "cache.bin": ("utf-16-le", os.urandom(512) + "Siobhán".encode("utf-16-le") + os.urandom(512), "Siobhán"),
        "be.bin": ("utf-16-be", b"\x00\x01" + "Siobhán".encode("utf-16-be"), "Siobhán"),
        "mrn.json": ("utf-8", b'{"mrn":"10000042"}', "10000042"),
    }
    clean = {"clean.txt": b"order 100000420 and 110000042 are other numbers; Schroder without umlaut\n"}
    with tempfile.TemporaryDirectory(prefix="lantern-leak-selfcheck-") as d:
        for name, (_enc, data, _needle) in planted.items():
            with open(os.path.join(d, name), "wb") as f:
                f.write(data)
        for name, data in clean.items():
            with open(os.path.join(d, name), "wb") as f:
                f.write(data)
        count, _total, hits = scan([d], matcher)
        found = {(os.path.basename(p), e, n["value"]) for p, e, n in hits}
        ok = count == len(planted) + len(clean)
        for name, (enc, _data, needle) in planted.items():
            if (name, enc, needle) not in found:
                print("selfcheck: the scanner missed the planted %s needle in %s" % (enc, name))
                ok = False
        for p, _e, _n in hits:
            if os.path.basename(p) in clean:
                print("selfcheck: a false hit in %s" % os.path.basename(p))
                ok = False
        skipped = scan([d], matcher, skip=[os.path.join(d, "log.txt")])[2]
        if any(os.path.basename(p) == "log.txt" for p, _e, _n in skipped):
            print("selfcheck: --skip did not skip")
            ok = False
    print("selfcheck: %s (%d planted needles, %d clean files)" % ("ok" if ok else "FAILED", len(planted), len(clean)))
    return 0 if ok else 1


# ---------------------------------------------------------------- the suite's leftovers

def catalog_names(path):
    """The simulator's name lists, read from its source (one place for them)."""
    with open(path, encoding="utf-8") as f:
        text = f.read()
    names = []
    for function in PEOPLE_LISTS:
        m = re.search(r"\b%s\(\)\s*\{(.*?)\n\}" % function, text, re.S)
        if not m:
            raise SystemExit("leak scan: %s not found in %s" % (function, path))
        names += re.findall(r'u"([^"]+)"_s', m.group(1))
    return names


def suite_folders(tmpdirs, ignore):
    ignore = {os.path.realpath(i) for i in ignore}
    qt_temp = re.compile(r"^(test|bench)_[A-Za-z0-9_]+-[A-Za-z0-9]{6}$")
    out = []
    for tmp in tmpdirs:
        if not os.path.isdir(tmp):
            continue
        for name in sorted(os.listdir(tmp)):
            path = os.path.join(tmp, name)
            if os.path.realpath(path) in ignore or not os.path.isdir(path) or os.path.islink(path):
                continue
            if name.startswith("lantern-") or qt_temp.match(name):
                out.append(path)
    return out


def cmd_suite(args):
    names = [n for n in catalog_names(args.catalog) if usable(n)]
    if len(names) < 20:
        print("leak scan: only %d names read from %s" % (len(names), args.catalog))
        return 1
    needles = [{"kind": "simulator-name", "value": n, "source": "NameCatalog"} for n in names]
    folders = suite_folders(args.tmpdirs, args.ignore or [])
    count, total, hits = scan(folders, Matcher(needles), skip_programs=True)
    print("suite leftovers: %d folders, %d files, %d bytes, %d simulator names, %d hits"
          % (len(folders), count, total, len(names), len(hits)))
    for path, encoding, needle in hits:
        folder = next((f for f in folders if path.startswith(f + "/")), path)
        print("LEAK: the test folder %s leaves %s with a simulator name (%s, %s)"
              % (folder, os.path.relpath(path, folder), encoding, mask(needle["value"])))
    return 1 if hits else 0


# ---------------------------------------------------------------- masking

def cmd_mask(args):
    """Copies standard input to standard output with every needle (or, before
    there are needles, every simulator name) replaced by its mask: for
    showing a failed flow's messages in the test log."""
    needles = []
    if args.needles and os.path.exists(args.needles):
        with open(args.needles, encoding="utf-8") as f:
            needles = json.load(f)
    if args.catalog:
        needles += [{"kind": "name", "value": n} for n in catalog_names(args.catalog) if usable(n)]
    values = sorted({n["value"] for n in needles}, key=len, reverse=True)
    regex = re.compile("|".join(re.escape(v) for v in values), re.I) if values else None
    for line in sys.stdin:
        if regex:
            line = regex.sub(lambda m: "[" + mask(m.group(0)) + "]", line)
        sys.stdout.write(line)
    return 0


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("needles")
    p.add_argument("--ehr")
    p.add_argument("--out", required=True)
    p.add_argument("files", nargs="*")
    p = sub.add_parser("scan")
    p.add_argument("--needles", required=True)
    p.add_argument("--skip", action="append")
    p.add_argument("--allow-file", action="append", help="lines of text (imported file paths) that are no leak")
    p.add_argument("--newer-than")
    p.add_argument("--newer-in", action="append")
    p.add_argument("--ignore", action="append")
    p.add_argument("paths", nargs="+")
    sub.add_parser("selfcheck")
    p = sub.add_parser("suite")
    p.add_argument("--catalog", required=True)
    p.add_argument("--ignore", action="append")
    p.add_argument("tmpdirs", nargs="+")
    p = sub.add_parser("mask")
    p.add_argument("--needles")
    p.add_argument("--catalog")
    args = parser.parse_args()
    if args.command == "scan" and args.newer_in and not args.newer_than:
        parser.error("--newer-in needs --newer-than")
    return {"needles": cmd_needles, "scan": cmd_scan, "selfcheck": cmd_selfcheck, "suite": cmd_suite,
            "mask": cmd_mask}[args.command](args)


if __name__ == "__main__":
    sys.exit(main())
