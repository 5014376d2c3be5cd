#!/usr/bin/env python3
"""Peer of `rensa closure EDGES.csv --pairs --json` (issue 23, N-2): the same file in, every
node's numbers of single points of failure and of critical pairs, and the pairs ranked by
what they bring down beyond either member alone.

The fastest exact method we could write in Python is Rensa's own: a brute force over the
n²/2 pairs (each a propagation) is out of reach at n = 10,000 (5·10⁷ propagations). So:

1. the single-failure set F(x) of every node by a worklist propagation (each group's
   tolerated failures counted down, its dependent failed when they run out);
2. for every node a, the groups F(a) partially degrades (some suppliers failed, not enough
   to lose the group, dependent still up); the only partners b worth a propagation are
   the nodes whose F(b) holds one of those groups' suppliers outside F(a) (otherwise
   F(a) ∪ F(b) loses no further group and is closed);
3. each candidate b propagated from the state "F(a) failed"; the nodes failed that are in
   neither F(a) nor F(b) are those the pair is minimal for.

Nodes with equal single-failure sets are not merged (Rensa merges them); on the N-k
workloads of `rensa-bench n-k` almost every node's set is its own.

    python3 n_minus_k.py EDGES.csv [--top 100] [--check RENSA.json] [--timing]

Reads the edge list as Rensa does (peer_io.read_edges; `group` and `need` columns: rows of
one dependent with the same group are alternatives, `need` of them required; rows without
a group are required). With --check, compares with Rensa's `--pairs --json` document
(counts per node of size 1 and 2, and the ranked pairs) and exits 1 on a difference.
--timing prints the seconds of the analysis alone (reading excluded) on stderr.
"""
import argparse
import os
import sys
import time

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from peer_io import dumps, read_edges, write  # noqa: E402


def groups_of(frame, src, dst):
    """Requirement groups as Rensa builds them: (owner, suppliers, needed)."""
    has_group = "group" in frame.columns
    labels = frame["group"].astype(str).str.strip().to_numpy() if has_group else None
    needs = frame["need"].to_numpy() if "need" in frame.columns else None
    owners, members, needed = [], [], []
    index = {}
    for r in range(len(src)):
        s, d = int(src[r]), int(dst[r])
        label = labels[r] if has_group else ""
        if not label:
            owners.append(d)
            members.append([s])
            needed.append(1)
            continue
        key = (d, label)
        g = index.get(key)
        if g is None:
            index[key] = len(owners)
            owners.append(d)
            members.append([s])
            needed.append(int(needs[r]) if needs is not None and str(needs[r]).strip() else 1)
        elif s not in members[g]:
            members[g].append(s)
    return owners, members, needed


def analyse(n, owners, members, needed, top):
    slack0 = [len(m) - k for m, k in zip(members, needed)]
    supplies = [[] for _ in range(n)]
    for g, m in enumerate(members):
        for s in m:
            supplies[s].append(g)

    def propagate(seeds, failed, slack, log):
        """Fails `seeds` (not yet failed) on top of `failed`; returns the nodes failed."""
        queue = []
        for s in seeds:
            if s not in failed:
                failed.add(s)
                queue.append(s)
        head = 0
        while head < len(queue):
            u = queue[head]
            head += 1
            for g in supplies[u]:
                slack[g] -= 1
                log.append(g)
                if slack[g] == -1:
                    d = owners[g]
                    if d not in failed:
                        failed.add(d)
                        queue.append(d)
        return queue

    single = []
    for x in range(n):
        single.append(frozenset(propagate([x], set(), slack0.copy(), [])))
    holders = [[] for _ in range(n)]
    for x in range(n):
        for s in single[x]:
            holders[s].append(x)
    single_counts = [len(holders[y]) - 1 for y in range(n)]

    pair_counts = [0] * n
    ranked = []
    slack = slack0.copy()
    for a in range(n):
        fa = single[a]
        log_a = []
        for u in fa:
            for g in supplies[u]:
                slack[g] -= 1
                log_a.append(g)
        candidates = set()
        for g in set(log_a):
            if slack[g] < 0 or owners[g] in fa:
                continue
            for s in members[g]:
                if s not in fa:
                    candidates.update(b for b in holders[s] if b > a)
        for b in sorted(candidates):
            if b in fa or a in single[b]:
                continue
            failed = set(fa)
            log = []
            queue = propagate(single[b], failed, slack, log)
            beyond = [v for v in queue if v not in single[b]]
            for g in log:
                slack[g] += 1
            if beyond:
                for y in beyond:
                    pair_counts[y] += 1
                ranked.append((-len(beyond), a, b, len(fa) + len(queue)))
        for g in log_a:
            slack[g] += 1
    ranked.sort()
    return single_counts, pair_counts, ranked[:top]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("edges")
    parser.add_argument("--top", type=int, default=100)
    parser.add_argument("--check")
    parser.add_argument("--timing", action="store_true")
    parser.add_argument("--out")
    args = parser.parse_args()
    frame, src, dst, ids = read_edges(args.edges)
    n = len(ids)
    start = time.perf_counter()
    owners, members, needed = groups_of(frame, src, dst)
    single_counts, pair_counts, ranked = analyse(n, owners, members, needed, args.top)
    if args.timing:
        print(f"analysis_s {time.perf_counter() - start:.3f}", file=sys.stderr)
    doc = {
        "nodes": [
            {"id": str(ids[y]), "counts": [single_counts[y], pair_counts[y]]}
            for y in range(n)
            if single_counts[y] or pair_counts[y]
        ],
        "top": [
            {"nodes": [str(ids[a]), str(ids[b])], "beyond": -negative, "failed": failed}
            for negative, a, b, failed in ranked
        ],
    }
    write(dumps(doc), args.out)
    if args.check:
        import json

        with open(args.check) as f:
            rensa = json.load(f)
        theirs = {node["id"]: node["counts"][:2] for node in rensa["nodes"]}
        ours = {node["id"]: node["counts"] for node in doc["nodes"]}
        pairs = next(s for s in rensa["sizes"] if s["size"] == 2)["top"][: args.top]
        problems = []
        if theirs != ours:
            differing = [k for k in set(theirs) | set(ours) if theirs.get(k) != ours.get(k)]
            problems.append(f"counts differ for {len(differing)} nodes, e.g. {sorted(differing)[:5]}")
        if [(p["nodes"], p["beyond"], p["failed"]) for p in pairs] != [
            (p["nodes"], p["beyond"], p["failed"]) for p in doc["top"]
        ]:
            problems.append("the ranked pairs differ")
        if problems:
            print("n_minus_k.py: Rensa and the peer disagree: " + "; ".join(problems), file=sys.stderr)
            sys.exit(1)
        print(f"n_minus_k.py: agrees with Rensa on {n} nodes and the top {len(pairs)} pairs", file=sys.stderr)


if __name__ == "__main__":
    main()
