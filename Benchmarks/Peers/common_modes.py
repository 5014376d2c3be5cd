#!/usr/bin/env python3
"""The redundancy audit's kernel written with numpy/scipy (issue 22, section 5): for each
cause (a set of nodes that fail together), the failures it starts through the cascade,
every requirement group honoured (a node fails when one of its groups has lost more
suppliers than it can spare), and how many redundant groups it defeats.

Vectorised over causes: a batch of causes is a boolean matrix (nodes x causes); each
round counts every group's failed suppliers with one sparse product (groups x nodes),
marks the groups lost, and fails their nodes with another (nodes x groups), until
nothing changes. This is the fastest formulation we could write in numpy/scipy on the
same input; it is checked against Rensa's answers, which `rensa-bench common-modes
--export DIR [--upstream]` writes beside the workload.

Causes that meet the same strongly connected components of the kill graph (an edge s -> d
when s alone brings d down: s supplies a group of d that needs all its suppliers) fail
the same nodes, so, like Rensa, the peer propagates one cause per distinct set of
components (scipy's connected_components, strong) and copies its answer to the others;
`--no-reduce` propagates every cause.

    python3 common_modes.py DIR [--batch 256] [--no-reduce]
"""
import argparse
import sys
import time

import numpy as np
import scipy.sparse as sp
from scipy.sparse.csgraph import connected_components


def load(folder):
    owners, needed, rows, cols = [], [], [], []
    with open(f"{folder}/groups.tsv") as f:
        next(f)
        for g, line in enumerate(f):
            owner, need, suppliers = line.rstrip("\n").split("\t")
            owners.append(int(owner))
            needed.append(int(need))
            for s in suppliers.split():
                rows.append(g)
                cols.append(int(s))
    causes, failed, defeated = [], [], []
    with open(f"{folder}/causes.tsv") as f:
        next(f)
        for line in f:
            _, nodes, fails, groups = line.rstrip("\n").split("\t")
            causes.append([int(v) for v in nodes.split()])
            failed.append(int(fails))
            defeated.append(int(groups))
    n = max(max(owners, default=0), max(cols, default=0), max((v for c in causes for v in c), default=0)) + 1
    return n, np.array(owners), np.array(needed), np.array(rows), np.array(cols), causes, failed, defeated


def distinct(n, owners, needed, rows, cols, causes):
    """Each cause's key (its set of kill components), the distinct keys' first causes, and
    for each cause the index of its key among them."""
    size = np.bincount(rows, minlength=len(owners))
    plain = (size == needed)[rows]  # supplier -> owner edges of groups that need all
    kill = sp.csr_matrix((np.ones(int(plain.sum()), dtype=np.int8), (cols[plain], owners[rows[plain]])), shape=(n, n))
    _, component = connected_components(kill, directed=True, connection="strong")
    first, index, which = [], {}, []
    for k, c in enumerate(causes):
        key = frozenset(component[c].tolist())
        if key not in index:
            index[key] = len(first)
            first.append(k)
        which.append(index[key])
    return first, which


def audit(n, owners, needed, rows, cols, causes, batch):
    groups = len(owners)
    suppliers_of = sp.csr_matrix((np.ones(len(rows), dtype=np.int32), (rows, cols)), shape=(groups, n))
    size = np.asarray(suppliers_of.sum(axis=1)).ravel()
    threshold = size - needed + 1  # failed suppliers that lose the group
    owner_of = sp.csr_matrix((np.ones(groups, dtype=np.int32), (owners, np.arange(groups))), shape=(n, groups))
    redundant = size > needed
    failed_counts, groups_defeated = [], []
    for start in range(0, len(causes), batch):
        part = causes[start:start + batch]
        seeds = np.zeros((n, len(part)), dtype=bool)
        for j, c in enumerate(part):
            seeds[c, j] = True
        failed = seeds.copy()
        while True:
            lost = (suppliers_of @ failed.astype(np.int32)) >= threshold[:, None]
            now = seeds | ((owner_of @ lost.astype(np.int32)) > 0)
            if np.array_equal(now, failed):
                break
            failed = now
        failed_counts += failed.sum(axis=0).tolist()
        groups_defeated += lost[redundant].sum(axis=0).tolist()
    return failed_counts, groups_defeated


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder")
    parser.add_argument("--batch", type=int, default=256)
    parser.add_argument("--no-reduce", action="store_true", help="propagate every cause (no kill components)")
    args = parser.parse_args()
    n, owners, needed, rows, cols, causes, failed, defeated = load(args.folder)
    start = time.perf_counter()
    if args.no_reduce:
        got_failed, got_defeated = audit(n, owners, needed, rows, cols, causes, args.batch)
        propagated = len(causes)
    else:
        first, which = distinct(n, owners, needed, rows, cols, causes)
        part_failed, part_defeated = audit(n, owners, needed, rows, cols, [causes[k] for k in first], args.batch)
        got_failed = [part_failed[w] for w in which]
        got_defeated = [part_defeated[w] for w in which]
        propagated = len(first)
    seconds = time.perf_counter() - start
    agree = got_failed == failed and got_defeated == defeated
    print(f"numpy/scipy common-modes: {seconds:.3f} s for {len(causes)} causes ({propagated} propagated) on {n} nodes, "
          f"{len(owners)} groups; {'agrees with Rensa' if agree else 'DISAGREES with Rensa'}")
    sys.exit(0 if agree else 1)


if __name__ == "__main__":
    main()
