#!/usr/bin/env python3
"""Reads the TRX files that test.sh wrote under one run folder and prints what a person wants after a test run:
per-assembly counts, the ten slowest tests, and each failing test with the first line of its message.
Exits 1 when a test failed or when no test ran at all."""
import glob
import os
import re
import sys
import xml.etree.ElementTree as ET

NS = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}


def seconds(duration: str) -> float:
    h, m, s = duration.split(":")
    return int(h) * 3600 + int(m) * 60 + float(s)


def main(folder: str) -> int:
    files = sorted(glob.glob(os.path.join(folder, "*", "*.trx")))
    results, rows = [], []
    for path in files:
        assembly = os.path.basename(os.path.dirname(path))
        root = ET.parse(path).getroot()
        counters = root.find("t:ResultSummary/t:Counters", NS)
        passed = int(counters.get("passed", 0)) if counters is not None else 0
        failed = int(counters.get("failed", 0)) if counters is not None else 0
        total = int(counters.get("total", 0)) if counters is not None else 0
        skipped = max(0, total - passed - failed - int(counters.get("error", 0) if counters is not None else 0))
        rows.append((assembly, passed, failed, skipped))
        for r in root.iterfind("t:Results/t:UnitTestResult", NS):
            message = r.find("t:Output/t:ErrorInfo/t:Message", NS)
            results.append((assembly, r.get("testName"), r.get("outcome"), seconds(r.get("duration", "0:0:0")),
                            (message.text or "").strip() if message is not None else ""))
    for folder_name in sorted(os.listdir(folder)):
        sub = os.path.join(folder, folder_name)
        if os.path.isdir(sub) and not glob.glob(os.path.join(sub, "*.trx")):
            rows.append((folder_name + " (no results: crashed or did not start; see its console.log)", 0, 1, 0))

    print("\nTest assemblies:")
    width = max((len(a) for a, *_ in rows), default=10)
    for assembly, passed, failed, skipped in rows:
        mark = "FAILED" if failed else "ok"
        print(f"  {assembly:<{width}}  {passed:>4} passed  {failed:>3} failed  {skipped:>3} skipped  {mark}")
    print("\nTen slowest tests:")
    for assembly, name, outcome, secs, _ in sorted(results, key=lambda r: -r[3])[:10]:
        print(f"  {secs:7.1f} s  {name}  ({outcome})")
    failures = [r for r in results if r[2] == "Failed"]
    if failures:
        print(f"\nFailed tests ({len(failures)}):")
        for assembly, name, _, secs, message in failures:
            first = next((line for line in message.splitlines() if line.strip()), "(no message)")
            print(f"  {name}  [{assembly}, {secs:.1f} s]\n      {first[:300]}")
    passed = sum(r[1] for r in rows)
    failed = sum(r[2] for r in rows)
    skipped = sum(r[3] for r in rows)
    print(f"\ntests: {passed} passed, {failed} failed" + (f", {skipped} skipped" if skipped else ""))
    return 1 if failed or passed == 0 else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
