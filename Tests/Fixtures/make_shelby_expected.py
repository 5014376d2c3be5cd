#!/usr/bin/env python3
"""Computes the networkx oracle for ShelbyCountyTests.

Reads ../shared/datasets/shelby-county/Extended_Shelby_County/ (the four
infrastructure networks and Interdep.csv) and writes shelby-networkx.json:
the edge list in the reading Rensa tests, every node's descendants (as
networkx.descendants gives them) and ancestor count, and the strongly
connected components.

Edge reading (stated in Docs/Datasets.md): every infrastructure arc is read
in its listed direction, Start Node -> End Node (supply flows from start to
end), and every interdependency from Dependee Node to Depender Node (supplier
to dependent). Node ids are "<network>:<id>", e.g. "power:13".

Usage: python3 make_shelby_expected.py [DATASET_DIR]
"""
import csv, json, os, sys
import networkx as nx

here = os.path.dirname(os.path.abspath(__file__))
root = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
    here, "../../../../shared/datasets/shelby-county/Extended_Shelby_County")
networks = {"Water": "water", "Gas": "gas", "Power": "power", "Telecommunication": "telecom"}

edges = []
nodes = []
for name, short in networks.items():
    with open(os.path.join(root, f"{name}Nodes.csv"), newline="") as f:
        for row in csv.DictReader(f):
            nodes.append(f"{short}:{int(float(row['ID']))}")
    with open(os.path.join(root, f"{name}Arcs.csv"), newline="") as f:
        for row in csv.DictReader(f):
            edges.append((f"{short}:{int(float(row['Start Node']))}", f"{short}:{int(float(row['End Node']))}"))
with open(os.path.join(root, "Interdep.csv"), newline="") as f:
    for row in csv.DictReader(f):
        s = networks[row["Dependee Network"]]
        d = networks[row["Depender Network"]]
        edges.append((f"{s}:{int(float(row['Dependee Node']))}", f"{d}:{int(float(row['Depender Node']))}"))

g = nx.DiGraph()
g.add_nodes_from(nodes)
g.add_edges_from(edges)
out = {
    "networkx_version": nx.__version__,
    "reading": "arcs Start->End; interdependencies Dependee->Depender",
    "nodes": nodes,
    "edge_count": g.number_of_edges(),
    "descendants": {v: sorted(nx.descendants(g, v)) for v in nodes},
    "ancestor_counts": {v: len(nx.ancestors(g, v)) for v in nodes},
    "strongly_connected_components": sorted(sorted(c) for c in nx.strongly_connected_components(g)),
    "dag_longest_path_length": nx.dag_longest_path_length(nx.condensation(g)),
}
with open(os.path.join(here, "shelby-networkx.json"), "w") as f:
    json.dump(out, f, sort_keys=True, separators=(",", ":"))
    f.write("\n")
print(f"{len(nodes)} nodes, {len(edges)} edges, "
      f"{len(out['strongly_connected_components'])} SCCs -> shelby-networkx.json")
