#!/usr/bin/env python3
# Counts test cases across meson test logs and prints "N passed, N failed, N skipped".
# A TAP test counts each "ok" / "not ok" line (every GTest case); a test that failed without
# a failing case (it crashed, timed out or died after its cases) counts one failure more.
# Other tests count once, by meson's result.
import json
import re
import sys

CASE = re.compile(r"^(ok|not ok)\b([^\n]*)", re.M)
GOOD = ("OK", "SKIP", "EXPECTEDFAIL")

passed = failed = skipped = 0
for path in sys.argv[1:]:
    try:
        lines = open(path, encoding="utf-8").read().splitlines()
    except FileNotFoundError:
        print(f"summarize: {path} is missing", file=sys.stderr)
        failed += 1
        continue
    for line in filter(str.strip, lines):
        test = json.loads(line)
        result = test.get("result")
        cases = CASE.findall(test.get("stdout") or "")
        if not cases:
            passed += result == "OK"
            skipped += result == "SKIP"
            failed += result not in GOOD
            continue
        for verdict, rest in cases:
            if "# SKIP" in rest.upper():
                skipped += 1
            elif verdict == "ok":
                passed += 1
            else:
                failed += 1
        if result not in GOOD and not any(v == "not ok" for v, _ in cases):
            failed += 1
print(f"{passed} passed, {failed} failed, {skipped} skipped")
