#!/usr/bin/env python3
"""Writes the GraphML fixtures of GraphMLReaderTests and their oracle.

- networkx-directed.graphml: a seeded random directed graph written by
  networkx.write_graphml, with a `group` attribute on some edges and one
  isolated node;
- igraph-undirected.graphml: a seeded random undirected graph written by
  python-igraph's write_graphml (edgedefault="undirected", node ids n0, n1, …);
- graphml-expected.json: for each file, every node's descendants as networkx
  gives them (an undirected edge is a dependency both ways, so descendants are
  the rest of the node's connected component).

Usage: python3 make_graphml_fixtures.py   (needs networkx and python-igraph,
e.g. from Benchmarks/Peers/.venv)
"""
import json, os, random
import networkx as nx
import igraph as ig

here = os.path.dirname(os.path.abspath(__file__))

g = nx.gnp_random_graph(40, 0.05, seed=2009, directed=True)
g = nx.relabel_nodes(g, {i: f"n{i}" for i in g.nodes})
rng = random.Random(7)
for u, v in g.edges:
    if rng.random() < 0.3:
        g.edges[u, v]["group"] = "power"
    g.edges[u, v]["weight"] = rng.random()  # other data is ignored
g.add_node("lonely")
nx.write_graphml(g, os.path.join(here, "networkx-directed.graphml"))

random.seed(11)
ig.set_random_number_generator(random)
h = ig.Graph.Erdos_Renyi(n=30, m=35)
path = os.path.join(here, "igraph-undirected.graphml")
h.write_graphml(path)

def descendants(graph):
    out = {}
    for v in graph.nodes:
        out[str(v)] = sorted(nx.descendants(graph, v))
    return out

und = nx.read_graphml(path)  # nx reads igraph's file as an undirected Graph
directed_view = nx.DiGraph(und)  # each undirected edge both ways
expected = {
    "networkx-directed.graphml": {"nodes": len(g), "edges": g.number_of_edges(), "descendants": descendants(g)},
    "igraph-undirected.graphml": {"nodes": und.number_of_nodes(), "edges": 2 * und.number_of_edges(),
                                   "descendants": descendants(directed_view)},
}
with open(os.path.join(here, "graphml-expected.json"), "w") as f:
    json.dump(expected, f, indent=1, sort_keys=True)
    f.write("\n")
print("wrote fixtures:", {k: (v["nodes"], v["edges"]) for k, v in expected.items()})
