#!/usr/bin/env python3
"""Builds Debian's package dependency graph from `apt-cache dumpavail`.

Writes an integer edge list (the format of `rensa-bench generate`, see
Docs/Benchmarks.md) and, beside it, the package names (line i = node i).

Reading: one node per package name in the stanzas (duplicate stanzas of one
name merged) and per name mentioned in a Depends/Pre-Depends field. For every
dependency "P depends on Q" there is an edge Q -> P (supplier to dependent: a
broken Q breaks P). Version constraints and architecture qualifiers (":any")
are dropped; every alternative of "Q1 | Q2" gets an edge (the all-AND
over-approximation of the closure benchmark). Virtual packages are kept as
nodes, not resolved to their providers.

Usage: python3 debian_graph.py OUT.tsv   (runs `apt-cache dumpavail`; needs `apt-get update` once)
"""
import re
import subprocess
import sys

out = sys.argv[1]
text = subprocess.run(["apt-cache", "dumpavail"], check=True, capture_output=True, text=True).stdout
index = {}
names = []
def node(name):
    if name not in index:
        index[name] = len(names)
        names.append(name)
    return index[name]

edges = set()
package = None
field = None
fields = {}
def flush():
    if package is None:
        return
    p = node(package)
    for key in ("Depends", "Pre-Depends"):
        value = fields.get(key)
        if not value:
            continue
        for clause in value.split(","):
            for alternative in clause.split("|"):
                name = re.sub(r"\(.*?\)|\[.*?\]|<.*?>", "", alternative).strip().split(":")[0].strip()
                if name:
                    edges.add((node(name), p))

for line in text.splitlines():
    if not line.strip():
        flush()
        package, fields, field = None, {}, None
        continue
    if line[0] in " \t":
        if field:
            fields[field] += " " + line.strip()
        continue
    key, _, value = line.partition(":")
    field = key
    fields[key] = value.strip()
    if key == "Package":
        package = value.strip()
flush()

with open(out, "w") as f:
    f.write(f"# rensa-edges nodes={len(names)} edges={len(edges)} family=debian source=apt-cache-dumpavail\n")
    for s, t in sorted(edges):
        f.write(f"{s}\t{t}\n")
with open(out + ".names", "w") as f:
    f.write("\n".join(names) + "\n")
print(f"wrote {out}: {len(names)} nodes, {len(edges)} edges")
