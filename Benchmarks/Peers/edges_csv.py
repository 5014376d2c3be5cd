#!/usr/bin/env python3
"""Writes an integer edge list (`rensa-bench generate`'s format) as the CSV edge list a
user gives `rensa closure`: header `supplier,dependent`, ids as strings (the names beside
the file, IN.names, when there are any: Debian's package names).

    python3 edges_csv.py IN.tsv OUT.csv
"""
import os
import sys

source, out = sys.argv[1], sys.argv[2]
names = None
if os.path.exists(source + ".names"):
    with open(source + ".names") as f:
        names = f.read().split("\n")
with open(source) as f, open(out, "w") as g:
    g.write("supplier,dependent\n")
    for line in f:
        if line.startswith("#") or not line.strip():
            continue
        s, d = line.split()
        if names is not None:
            s, d = names[int(s)], names[int(d)]
        g.write(f"{s},{d}\n")
