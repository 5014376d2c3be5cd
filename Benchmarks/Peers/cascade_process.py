#!/usr/bin/env python3
"""Whole-process peer of `rensa cascade EDGES.csv --fail IDS --json` (issue 24): reads the
same timed edge list (header `supplier,dependent,delay_h`, ids as strings) with pandas'
C parser and computes every node's failure time with scipy's multi-source Dijkstra (a
dependency is lost `delay_h` hours after its supplier fails; no groups, no recovery: the
earliest failure is the shortest path from the initial failures). Writes
{"failures": [{"id", "failed_at_h"}, ...]} in Rensa's order (by failure time, never-failing
last, then id) with orjson.

Rensa's document says more per node (restoration, the cause chain, an explanation); the
peer writes only the times, so the comparison favours the peer.

    python3 cascade_process.py EDGES.csv --fail A,B,... [--out FILE] [--check RENSA.json]

With --check, compares the ids and failure times, in order, with Rensa's document and
exits 1 on a difference.
"""
import argparse
import sys

import numpy as np
import scipy.sparse as sp
from scipy.sparse.csgraph import dijkstra

from peer_io import dumps, read_edges, write

def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("edges")
    parser.add_argument("--fail", required=True)
    parser.add_argument("--out")
    parser.add_argument("--check")
    args = parser.parse_args()
    frame, src, dst, ids = read_edges(args.edges)
    n = len(ids)
    delay = frame["delay_h"].to_numpy(dtype=np.float64) if "delay_h" in frame.columns else np.zeros(len(src))
    a = sp.csr_matrix((delay, (src, dst)), shape=(n, n))
    index = {name: k for k, name in enumerate(ids)}
    sources = [index[name] for name in args.fail.split(",")]
    times = dijkstra(a, directed=True, indices=sources, min_only=True)
    names = ids
    order = sorted(range(n), key=lambda v: (times[v], names[v]))
    failures = []
    for v in order:
        t = times[v]
        value = None if not np.isfinite(t) else (int(t) if t == int(t) else float(t))
        failures.append({"id": names[v], "failed_at_h": value})
    data = dumps({"failures": failures})
    if args.out or not args.check:
        write(data, args.out)
    if args.check:
        import json
        with open(args.check) as f:
            rensa = json.load(f)
        same = [(x["id"], x["failed_at_h"]) for x in rensa["failures"]] == [(x["id"], x["failed_at_h"]) for x in failures]
        print("cascade_process.py: " + ("agrees with Rensa" if same else "DISAGREES with Rensa"), file=sys.stderr)
        sys.exit(0 if same else 1)


if __name__ == "__main__":
    main()
