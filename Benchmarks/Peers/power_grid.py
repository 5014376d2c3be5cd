#!/usr/bin/env python3
"""Converts the Western US power grid (Watts & Strogatz 1998; ../shared/datasets/
power-grid-us-western/powergridUSWS.txt, an undirected edge list with 1-based ids) into
the integer edge-list format of the benchmarks: 0-based ids, every line in both
directions (a failure spreads either way along a line), duplicates dropped.

Usage: python3 power_grid.py [IN.txt] OUT.tsv
"""
import os
import sys

here = os.path.dirname(os.path.abspath(__file__))
source = sys.argv[1] if len(sys.argv) > 2 else os.path.join(
    here, "../../../shared/datasets/power-grid-us-western/powergridUSWS.txt")
out = sys.argv[-1]
edges = set()
nodes = 0
for line in open(source):
    line = line.strip()
    if not line or line.startswith("#"):
        continue
    a, b = (int(x) - 1 for x in line.replace(",", " ").split()[:2])
    if a == b:
        continue
    edges.add((a, b))
    edges.add((b, a))
    nodes = max(nodes, a + 1, b + 1)
with open(out, "w") as f:
    f.write(f"# rensa-edges nodes={nodes} edges={len(edges)} source=powergridUSWS.txt (both directions)\n")
    for a, b in sorted(edges):
        f.write(f"{a}\t{b}\n")
print(f"wrote {out}: {nodes} nodes, {len(edges)} directed edges")
