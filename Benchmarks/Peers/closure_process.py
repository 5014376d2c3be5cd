#!/usr/bin/env python3
"""Whole-process peer of `rensa closure EDGES.csv --json` (issue 24): the same file in,
the same document out, with the fastest Python tools we could compose.

Reads the edge list (header `supplier,dependent`; ids are strings, as Rensa reads them)
with pandas' C parser, numbers the ids in order of first appearance (supplier, then
dependent, row by row: Rensa's node order), and computes for every node what Rensa's
document gives: descendants (`downstream`), ancestors (`upstream`), depth over the
condensation (a loop counts as one step), the loops (strongly connected components of
two or more nodes, members sorted), and the largest depth. The closure counts use
compare.py's `closure_numpy` (scipy's SCC, then uint64 bit rows OR-ed in reverse
topological order, Rensa's own tricks), the depth a pass over the condensation in
topological order. Writes the document with orjson (or json) to OUT, or to stdout.

    python3 closure_process.py EDGES.csv [--out FILE] [--check RENSA.json]

With --check, compares its document with Rensa's (loops as a set of sorted lists,
everything else exactly) and exits 1 on a difference. A file with groups (redundancy)
is not this peer's: it says so and exits 2.
"""
import argparse
import os
import sys

import numpy as np
import scipy.sparse as sp
from scipy.sparse.csgraph import connected_components

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from compare import closure_numpy  # noqa: E402
from peer_io import dumps, read_edges, write  # noqa: E402

def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("edges")
    parser.add_argument("--out")
    parser.add_argument("--check")
    args = parser.parse_args()
    frame, src, dst, ids = read_edges(args.edges)
    if "group" in frame.columns:
        print("closure_process.py: a file with requirement groups is not this peer's (no redundancy)", file=sys.stderr)
        sys.exit(2)
    n = len(ids)
    # Parallel duplicates count once (Rensa merges them).
    pairs = np.unique(src * n + dst)
    src, dst = pairs // n, pairs % n
    downstream = closure_numpy(n, src, dst)
    upstream = closure_numpy(n, dst, src)
    # Depth over the condensation: longest chain of components, a loop one step.
    a = sp.csr_matrix((np.ones(len(src), dtype=np.int8), (src, dst)), shape=(n, n))
    c, labels = connected_components(a, directed=True, connection="strong")
    cu, cv = labels[src], labels[dst]
    cross = cu != cv
    cond = sp.csr_matrix((np.ones(int(cross.sum()), dtype=np.int8), (cu[cross], cv[cross])), shape=(c, c))
    cond.sum_duplicates()
    indeg = np.diff(cond.tocsc().indptr).astype(np.int64)
    depth_c = np.zeros(c, dtype=np.int64)
    indptr, indices = cond.indptr, cond.indices
    stack = list(np.flatnonzero(indeg == 0))
    while stack:
        k = stack.pop()
        nxt = depth_c[k] + 1
        for d in indices[indptr[k]:indptr[k + 1]]:
            if depth_c[d] < nxt:
                depth_c[d] = nxt
            indeg[d] -= 1
            if indeg[d] == 0:
                stack.append(d)
    depth = depth_c[labels]
    sizes = np.bincount(labels, minlength=c)
    order = np.argsort(labels, kind="stable")
    loops = []
    starts = np.concatenate(([0], np.cumsum(sizes)))
    for k in np.flatnonzero(sizes > 1):
        members = order[starts[k]:starts[k + 1]]
        loops.append(sorted(ids[members].tolist()))
    idlist = ids.tolist()
    up, down, dep = upstream.tolist(), downstream.tolist(), depth.tolist()
    nodes = [{"id": idlist[v], "upstream": up[v], "downstream": down[v], "depth": dep[v],
              "downstream_with_redundancy": down[v]} for v in range(n)]
    doc = {"nodes": nodes, "loops": loops, "depth": int(depth_c.max()) if c else 0}
    data = dumps(doc)
    if args.out or not args.check:
        write(data, args.out)
    if args.check:
        import json
        with open(args.check) as f:
            rensa = json.load(f)
        same = rensa["nodes"] == nodes and rensa["depth"] == doc["depth"] and \
            sorted(map(tuple, rensa["loops"])) == sorted(map(tuple, loops))
        print("closure_process.py: " + ("agrees with Rensa" if same else "DISAGREES with Rensa"), file=sys.stderr)
        sys.exit(0 if same else 1)


if __name__ == "__main__":
    main()
