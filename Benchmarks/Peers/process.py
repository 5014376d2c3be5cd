#!/usr/bin/env python3
"""Whole-process rows of the peer comparison (issue 24): what a user runs, file to
answer, against a peer script that reads the same file and writes the same answer.

Each row runs `rensa COMMAND FILE.csv [ARGS] --json > OUT` and the peer
(`COMMAND_process.py FILE.csv [ARGS] --out OUT`) in fresh processes, alternately, R
rounds; reports the best wall time and the peak resident memory of each (from wait4, the
process's own), checks that the peer's answer agrees with Rensa's (exit 1 otherwise) and
writes process.json.

    python3 process.py [--rounds 3] [--only NAME]
"""
import argparse
import json
import os
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
WORK = os.path.join(ROOT, "Benchmarks", "Workloads")
RENSA = os.path.join(ROOT, ".build", "release", "rensa")

TEN = ",".join(str(v) for v in range(10))
# (command, label, file, rensa's arguments, peer script, the peer's arguments)
ROWS = [
    ("closure", "hard family n=50,000 (145,430 edges)", "hard-50000.csv", [], "closure_process.py", []),
    ("closure", "Debian packages (68,498 / 283,247)", "debian.csv", [], "closure_process.py", []),
    ("cascade", "random n=100,000 m=499,988, delays 1-24 h, 10 initial failures", "timed-100000-d5.csv", ["--fail", TEN],
     "cascade_process.py", ["--fail", TEN]),
    # N-k (issue 23): exact N-2, every node's counts and the top 100 pairs.
    ("closure", "N-2, hard family n=10,000 with groups of alternatives (48,024)", "nk-10000.csv", ["--pairs", "--top", "100"],
     "n_minus_k.py", ["--top", "100"]),
    ("closure", "N-2, hard family n=100,000 with groups of alternatives (482,433)", "nk-100000.csv",
     ["--pairs", "--top", "100"], "n_minus_k.py", ["--top", "100"]),
]


def timed(command, stdout_path):
    """Runs `command` with stdout to a file; returns (seconds, peak RSS bytes, exit status)."""
    with open(stdout_path, "wb") as out:
        start = time.perf_counter()
        proc = subprocess.Popen(command, stdout=out, stderr=subprocess.PIPE)
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        err = proc.stderr.read().decode()
    if proc.returncode != 0:
        raise RuntimeError(f"{command[0]} exited {proc.returncode}: {err[-300:]}")
    return seconds, usage.ru_maxrss * 1024


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--only")
    parser.add_argument("--json-out", default=os.path.join(HERE, "process.json"))
    args = parser.parse_args()
    rows, failures = [], []
    for command, label, file, extra, script, peer_extra in ROWS:
        if args.only and args.only not in (command, file, script):
            continue
        path = os.path.join(WORK, file)
        if not os.path.exists(path):
            print(f"  {label}: {file} is absent; skipped", file=sys.stderr)
            continue
        ours_out, peer_out = path + ".rensa.json", path + ".peer.json"
        ours, peer = [], []
        for _ in range(args.rounds):
            ours.append(timed([RENSA, command, path] + extra + ["--json"], ours_out))
            peer.append(timed([sys.executable, os.path.join(HERE, script), path] + peer_extra + ["--out", peer_out],
                              os.devnull))
        check = subprocess.run([sys.executable, os.path.join(HERE, script), path] + peer_extra + ["--check", ours_out],
                               capture_output=True, text=True)
        agree = check.returncode == 0
        if not agree:
            failures.append(f"{label}: the peer disagrees with Rensa ({check.stderr.strip()[-200:]})")
        best_ours, best_peer = min(ours), min(peer)
        row = {"command": " ".join(["rensa", command, "FILE"] + extra + ["--json"]), "workload": label, "file": file,
               "rensa": {"best_s": best_ours[0], "peak_rss_bytes": max(m for _, m in ours)},
               "peer": {"name": f"{script} (pandas, scipy, orjson)" if script.endswith("_process.py") else f"{script} (pandas, orjson)",
                        "best_s": best_peer[0],
                        "peak_rss_bytes": max(m for _, m in peer), "status": "ok" if agree else "MISMATCH"},
               "ratio": best_peer[0] / best_ours[0]}
        rows.append(row)
        print(f"{label}: rensa {best_ours[0]:.3f} s, {best_ours[1] >> 20} MB; peer {best_peer[0]:.3f} s, "
              f"{best_peer[1] >> 20} MB; {row['ratio']:.1f}x{'' if agree else ' MISMATCH'}")
    with open(args.json_out, "w") as f:
        json.dump({"date": time.strftime("%Y-%m-%d"), "rows": rows}, f, indent=1)
    if failures:
        print("\n".join(failures), file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
