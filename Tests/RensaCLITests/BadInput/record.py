#!/usr/bin/env python3
"""Records what the CLI answers to each case of catalogue.json (exit status and the
exact standard error), for a person to review before committing: the test suite
(BadInputTests) then requires exactly these answers. Run from anywhere:

    python3 Tests/RensaCLITests/BadInput/record.py .build/debug/rensa [--check]

With --check nothing is written; differences are printed and the exit status is 1.
"""
import json, os, subprocess, sys, tempfile

here = os.path.dirname(os.path.abspath(__file__))
rensa = os.path.abspath(sys.argv[1])
check = "--check" in sys.argv
catalogue = json.load(open(os.path.join(here, "catalogue.json")))
different = 0
for case in catalogue["cases"]:
    with tempfile.TemporaryDirectory() as tmp:
        paths = {"{store}": os.path.join(tmp, "store.sqlite"), "{out}": os.path.join(tmp, "out")}
        args = [paths.get(a, a) for a in case["run"]]
        p = subprocess.run([rensa] + args, cwd=here, capture_output=True, text=True,
                           env={**os.environ, **case.get("env", {})})
        stderr = p.stderr
        for k, v in paths.items():
            stderr = stderr.replace(v, k)
        if p.stdout:
            print(f"{case['name']}: wrote to stdout:\n{p.stdout}", file=sys.stderr)
        if case.get("exit") != p.returncode or case.get("stderr") != stderr:
            different += 1
            print(f"--- {case['name']}\n  exit {case.get('exit')} -> {p.returncode}\n{stderr}", file=sys.stderr)
        case["exit"] = p.returncode
        case["stderr"] = stderr
if not check:
    json.dump(catalogue, open(os.path.join(here, "catalogue.json"), "w"), indent=1, ensure_ascii=False)
    open(os.path.join(here, "catalogue.json"), "a").write("\n")
print(f"{len(catalogue['cases'])} cases, {different} different", file=sys.stderr)
sys.exit(1 if check and different else 0)
