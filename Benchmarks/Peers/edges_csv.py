#!/usr/bin/env python3
"""Writes an integer edge list (`rensa-bench generate`'s format) as the CSV edge list a
user gives `rensa closure` or `rensa cascade`: header `supplier,dependent` (and
`delay_h` when the list has delays), ids as strings (the names beside the file, IN.names,
when there are any: Debian's package names).

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
    rows = [line.split() for line in f if not line.startswith("#") and line.strip()]
    timed = bool(rows) and len(rows[0]) == 3
    g.write("supplier,dependent,delay_h\n" if timed else "supplier,dependent\n")
    for row in rows:
        s, d = row[0], row[1]
        if names is not None:
            s, d = names[int(s)], names[int(d)]
        g.write(f"{s},{d},{row[2]}\n" if timed else f"{s},{d}\n")
