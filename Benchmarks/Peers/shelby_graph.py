#!/usr/bin/env python3
"""Converts the Shelby County interdependent networks (../shared/datasets/shelby-county/
Extended_Shelby_County; Gonzalez, Dueñas-Osorio et al.) into the integer edge-list
format of the benchmarks, in the reading of `rensa import shelby-county`
(Docs/Datasets.md): each infrastructure arc Start Node -> End Node as listed (supply
flows from start to end) and each interdependency Dependee -> Depender. Parallel
arcs are one edge.

Nodes are numbered network by network: water 0-48, gas 49-64, power 65-139,
telecommunication 140-166 (each network's own ids in order). The Monte Carlo and
timeline workloads start from nodes 0-9, i.e. ten water nodes.

Usage: python3 shelby_graph.py DIR OUT.tsv
"""
import csv
import os
import sys

folder, out = sys.argv[1], sys.argv[2]
networks = [("Water", "Water"), ("Gas", "Gas"), ("Power", "Power"), ("Telecommunication", "Telecommunication")]
offset = {}
nodes = 0
for name, prefix in networks:
    with open(os.path.join(folder, f"{prefix}Nodes.csv"), newline="", encoding="utf-8-sig") as f:
        ids = sorted(int(float(row["ID"])) for row in csv.DictReader(f))
    if ids != list(range(len(ids))):
        sys.exit(f"{prefix}Nodes.csv: node ids are not 0..{len(ids) - 1}")
    offset[name] = nodes
    nodes += len(ids)
edges = set()
for name, prefix in networks:
    with open(os.path.join(folder, f"{prefix}Arcs.csv"), newline="", encoding="utf-8-sig") as f:
        for row in csv.DictReader(f):
            a = offset[name] + int(float(row["Start Node"]))
            b = offset[name] + int(float(row["End Node"]))
            if a != b:
                edges.add((a, b))
with open(os.path.join(folder, "Interdep.csv"), newline="", encoding="utf-8-sig") as f:
    for row in csv.DictReader(f):
        a = offset[row["Dependee Network"]] + int(float(row["Dependee Node"]))
        b = offset[row["Depender Network"]] + int(float(row["Depender Node"]))
        edges.add((a, b))
with open(out, "w") as f:
    f.write(f"# rensa-edges nodes={nodes} edges={len(edges)} source=Extended_Shelby_County (listed directions)\n")
    for a, b in sorted(edges):
        f.write(f"{a}\t{b}\n")
print(f"wrote {out}: {nodes} nodes, {len(edges)} edges")
