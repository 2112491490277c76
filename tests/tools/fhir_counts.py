#!/usr/bin/env python3
"""Independent count of allergies and active medications per patient.

Walks the foreign FHIR test data (synthea/, ips/, kbv/, r4-examples/) with its
own, deliberately simple logic -- no code shared with Lantern's C++ mapping --
and prints JSON:

    {"<folder>/<file>.json": {"<patient id>": {"allergies": n, "activeMeds": m}}}

Every patient any resource of the file belongs to gets a key (also with 0/0).
test_fhir_mapping compares Lantern's charts against this output.

Definitions (as in the clinical notes):
  allergy     an AllergyIntolerance that records an allergy: not a "no known
              allergy" statement (SNOMED 716186003, 409137002, 429625007,
              716184000, 428607008, 428197003; IPS no-known-*), not an
              absent/unknown code (IPS *-info, data-absent-reason), and not
              verificationStatus refuted / entered-in-error.
  active med  a MedicationRequest with status "active", or a
              MedicationStatement with status "active" or "intended".

Standard library only. Usage: fhir_counts.py <data folder>
"""

import json
import os
import sys

SNOMED = "http://snomed.info/sct"
IPS_ABSENT = "http://hl7.org/fhir/uv/ips/CodeSystem/absent-unknown-uv-ips"
DATA_ABSENT = "http://terminology.hl7.org/CodeSystem/data-absent-reason"
NO_KNOWN_SNOMED = {"716186003", "409137002", "429625007", "716184000", "428607008", "428197003"}


def resources_in(document):
    """(fullUrl, resource) pairs of a Bundle, or the one resource of a file."""
    if document.get("resourceType") == "Bundle":
        out = []
        for entry in document.get("entry", []):
            resource = entry.get("resource")
            if isinstance(resource, dict):
                out.append((entry.get("fullUrl"), resource))
        return out
    return [(None, document)]


def patient_from_reference(reference, full_urls):
    """Patient id a reference points at, or None."""
    if not isinstance(reference, str) or not reference:
        return None
    reference = full_urls.get(reference, reference)
    if reference.startswith("urn:") or reference.startswith("#"):
        return None
    parts = [p for p in reference.split("/") if p]
    if len(parts) >= 4 and parts[-2] == "_history":
        parts = parts[:-2]
    if len(parts) >= 2 and parts[-2] == "Patient":
        return parts[-1]
    return None


def patient_of(resource, full_urls):
    if resource.get("resourceType") == "Patient":
        return resource.get("id")
    for key in ("subject", "patient", "beneficiary"):
        value = resource.get(key)
        for ref in value if isinstance(value, list) else [value]:
            if isinstance(ref, dict):
                found = patient_from_reference(ref.get("reference"), full_urls)
                if found:
                    return found
    return None


def first_code(concept):
    codings = (concept or {}).get("coding") or []
    return codings[0].get("code") if codings else None


def is_allergy(resource):
    if resource.get("resourceType") != "AllergyIntolerance":
        return False
    if first_code(resource.get("verificationStatus")) in ("refuted", "entered-in-error"):
        return False
    for coding in (resource.get("code") or {}).get("coding") or []:
        system, code = coding.get("system"), coding.get("code") or ""
        if system == DATA_ABSENT:
            return False
        if system == IPS_ABSENT and (code.endswith("-info") or code.startswith("no-known-")):
            return False
        if system == SNOMED and code in NO_KNOWN_SNOMED:
            return False
    return True


def is_active_med(resource):
    kind, status = resource.get("resourceType"), resource.get("status")
    if kind == "MedicationRequest":
        return status == "active"
    if kind == "MedicationStatement":
        return status in ("active", "intended")
    return False


def count_file(path):
    with open(path, encoding="utf-8") as f:
        document = json.load(f)
    pairs = resources_in(document)
    full_urls = {}
    for full_url, resource in pairs:
        if full_url and resource.get("resourceType") and resource.get("id"):
            full_urls[full_url] = resource["resourceType"] + "/" + resource["id"]
    counts = {}
    for _, resource in pairs:
        patient = patient_of(resource, full_urls)
        if not patient:
            continue
        c = counts.setdefault(patient, {"allergies": 0, "activeMeds": 0})
        if is_allergy(resource):
            c["allergies"] += 1
        if is_active_med(resource):
            c["activeMeds"] += 1
    return counts


def main(argv):
    if len(argv) != 2:
        print("usage: fhir_counts.py <data folder>", file=sys.stderr)
        return 2
    root = argv[1]
    result = {}
    for folder in sorted(os.listdir(root)):
        folder_path = os.path.join(root, folder)
        if not os.path.isdir(folder_path):
            continue
        for name in sorted(os.listdir(folder_path)):
            if name.endswith(".json"):
                result[folder + "/" + name] = count_file(os.path.join(folder_path, name))
    json.dump(result, sys.stdout, indent=1, sort_keys=True)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
