#!/usr/bin/env python3
"""Side-by-side comparison of Rensa with peer libraries on identical inputs.

One command (Benchmarks/Peers/run.sh) generates the workloads, runs the release
`rensa-bench ...` subcommands and every peer on the same files, checks that
every peer's answer equals Rensa's (a mismatch fails the run), and prints one
table: workload, Rensa, fastest peer, ratio, peak memory of each.

Each measurement runs in a fresh subprocess so that its peak RSS is its own and a
slow peer can be stopped at the time limit. Times are for the algorithm alone
(best of several repetitions); loading and graph construction are reported
separately.

Usage: compare.py [--quick] [--timeout SECONDS] [--only KERNEL]
"""
import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
WORK = os.path.join(ROOT, "Benchmarks", "Workloads")
RENSA = os.path.join(ROOT, ".build", "release", "rensa")
RENSA_BENCH = os.path.join(ROOT, ".build", "release", "rensa-bench")


# ----------------------------------------------------------------------------- loading
def load_edges(path):
    import numpy as np
    nodes = None
    with open(path) as f:
        first = f.readline()
    if "nodes=" in first:
        nodes = int(first.split("nodes=")[1].split()[0])
    data = np.loadtxt(path, dtype=np.int64, comments="#", ndmin=2) if os.path.getsize(path) < 5e6 else \
        np.fromstring(open(path).read().split("\n", 1)[1], dtype=np.int64, sep=" ").reshape(-1, 2)
    if nodes is None:
        nodes = int(data.max()) + 1
    return nodes, data[:, 0], data[:, 1]


def csr(n, src, dst):
    import numpy as np
    import scipy.sparse as sp
    a = sp.csr_matrix((np.ones(len(src), dtype=np.int8), (src, dst)), shape=(n, n))
    a.sum_duplicates()
    a.data[:] = 1
    return a


def best_of(fn, repeat):
    times = []
    result = None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return min(times), result


# ----------------------------------------------------------------------------- closure peers
def closure_numpy(n, src, dst):
    """The best numpy/scipy composition: SCC with scipy, topological order of the
    condensation, reverse-topological uint64 bitset OR over the condensation with
    Rensa's own tricks (members contiguous so rows are upper-triangular and only
    each row's tail is OR-ed; successors already reached are skipped), then popcount."""
    import numpy as np
    from scipy.sparse.csgraph import connected_components
    import scipy.sparse as sp
    a = csr(n, src, dst)
    c, labels = connected_components(a, directed=True, connection="strong")
    coo = a.tocoo()
    cu, cv = labels[coo.row], labels[coo.col]
    cross = cu != cv
    cond = sp.csr_matrix((np.ones(int(cross.sum()), dtype=np.int8), (cu[cross], cv[cross])), shape=(c, c))
    cond.sum_duplicates()
    # Kahn's algorithm for a topological order of the components.
    indeg = np.diff(cond.tocsc().indptr).astype(np.int64)
    order = []
    stack = list(np.flatnonzero(indeg == 0))
    indptr, indices = cond.indptr, cond.indices
    while stack:
        k = stack.pop()
        order.append(k)
        for d in indices[indptr[k]:indptr[k + 1]]:
            indeg[d] -= 1
            if indeg[d] == 0:
                stack.append(d)
    order = np.asarray(order)
    rank = np.empty(c, dtype=np.int64)
    rank[order] = np.arange(c)
    sizes = np.bincount(labels, minlength=c)
    start = np.zeros(c + 1, dtype=np.int64)
    start[1:] = np.cumsum(sizes[order])  # member range of component at topological rank r
    cyclic = sizes > 1
    selfloop = coo.row[coo.row == coo.col]
    cyclic[labels[selfloop]] = True
    words = (n + 63) // 64
    rows = np.zeros((c, words), dtype=np.uint64)
    one = np.uint64(1)

    full = np.uint64(0xFFFFFFFFFFFFFFFF)

    def set_range(row, lo, hi):
        # whole words by slicing, the ragged ends bit by bit
        first_full, last_full = (lo + 63) >> 6, hi >> 6
        if first_full < last_full:
            row[first_full:last_full] = full
            bits = list(range(lo, first_full << 6)) + list(range(last_full << 6, hi))
        else:
            bits = range(lo, hi)
        for p in bits:
            row[p >> 6] |= one << np.uint64(p & 63)

    succ = [sorted(rank[indices[indptr[k]:indptr[k + 1]]]) for k in order]
    for r in range(c - 1, -1, -1):
        row = rows[r]
        if cyclic[order[r]]:
            set_range(row, start[r], start[r + 1])
        for d in succ[r]:
            first = int(start[d])
            if (int(row[first >> 6]) >> (first & 63)) & 1:
                continue
            set_range(row, first, start[d + 1])
            w = first >> 6
            np.bitwise_or(row[w:], rows[d, w:], out=row[w:])
    counts_by_rank = np.bitwise_count(rows).sum(axis=1).astype(np.int64)
    counts = counts_by_rank[rank[labels]] - cyclic[labels].astype(np.int64)
    return counts


def closure_networkit(n, src, dst):
    import networkit as nk
    import numpy as np
    g = nk.graph.Graph(n, directed=True)
    g.addEdges((src.astype(np.uint64), dst.astype(np.uint64)))
    g.removeMultiEdges()

    def run():
        r = nk.reachability.ReachableNodes(g, exact=True)
        r.run()
        # networkit counts the source itself; a node on a cycle reaches itself anyway.
        return np.array([r.numberOfReachableNodes(u) - 1 for u in range(n)])
    return run


def closure_graphblas(n, src, dst):
    """SuiteSparse:GraphBLAS (python-graphblas): the reachability matrix by repeated
    squaring over the boolean semiring, R ← R ∨ R·R until no entry is added."""
    import graphblas as gb
    import numpy as np
    a = gb.Matrix.from_coo(src, dst, True, nrows=n, ncols=n, dtype=bool)

    def run():
        r = a.dup()
        while True:
            before = r.nvals
            r(gb.binary.lor) << r.mxm(r, gb.semiring.lor_land)
            if r.nvals == before:
                break
        counts = r.reduce_rowwise(gb.monoid.plus[gb.dtypes.INT64]).new().to_dense(fill_value=0)
        # A node on a cycle reaches itself; descendants exclude it.
        diagonal = r.diag().to_dense(fill_value=False)
        return counts - diagonal.astype(np.int64)
    return run


def closure_igraph(n, src, dst):
    import igraph as ig
    import numpy as np
    g = ig.Graph(n=n, edges=list(zip(src.tolist(), dst.tolist())), directed=True)
    g.simplify(multiple=True, loops=False)
    return lambda: np.array(g.neighborhood_size(vertices=None, order=n, mode="out", mindist=1))


def closure_rustworkx(n, src, dst):
    import rustworkx as rx
    import numpy as np
    g = rx.PyDiGraph(multigraph=False)
    g.add_nodes_from(range(n))
    g.add_edges_from_no_data(list(zip(src.tolist(), dst.tolist())))
    return lambda: np.array([len(rx.descendants(g, v)) for v in range(n)])


def closure_networkx(n, src, dst):
    import networkx as nx
    import numpy as np
    g = nx.DiGraph()
    g.add_nodes_from(range(n))
    g.add_edges_from(zip(src.tolist(), dst.tolist()))
    return lambda: np.array([len(nx.descendants(g, v)) for v in range(n)])


def closure_scipy_bfs(n, src, dst):
    import numpy as np
    from scipy.sparse.csgraph import breadth_first_order
    a = csr(n, src, dst)

    def run():
        out = np.empty(n, dtype=np.int64)
        for v in range(n):
            reached = breadth_first_order(a, v, directed=True, return_predecessors=False)
            # the source is in the order; count it only if it lies on a cycle (never, as BFS
            # does not revisit it), matching networkx's definition.
            out[v] = len(reached) - 1
        return out
    return run


# ----------------------------------------------------------------------------- SCC peers
def scc_scipy(n, src, dst):
    import numpy as np
    from scipy.sparse.csgraph import connected_components
    a = csr(n, src, dst)

    def run():
        c, labels = connected_components(a, directed=True, connection="strong")
        # condensation edges, deduplicated
        coo_row = np.repeat(np.arange(n), np.diff(a.indptr))
        cu, cv = labels[coo_row], labels[a.indices]
        cross = cu != cv
        np.unique(cu[cross].astype(np.int64) * c + cv[cross])
        return np.sort(np.bincount(labels, minlength=c))
    return run


def scc_igraph(n, src, dst):
    import igraph as ig
    import numpy as np
    g = ig.Graph(n=n, edges=list(zip(src.tolist(), dst.tolist())), directed=True)

    def run():
        cl = g.connected_components(mode="strong")
        cl.cluster_graph(combine_edges=False)
        return np.sort(np.array(cl.sizes()))
    return run


def scc_networkit(n, src, dst):
    import networkit as nk
    import numpy as np
    g = nk.graph.Graph(n, directed=True)
    g.addEdges((src.astype(np.uint64), dst.astype(np.uint64)))

    def run():
        s = nk.components.StronglyConnectedComponents(g)
        s.run()
        return np.sort(np.array(list(s.getComponentSizes().values())))
    return run


def scc_rustworkx(n, src, dst):
    import rustworkx as rx
    import numpy as np
    g = rx.PyDiGraph(multigraph=False)
    g.add_nodes_from(range(n))
    g.add_edges_from_no_data(list(zip(src.tolist(), dst.tolist())))
    return lambda: np.sort(np.array([len(c) for c in rx.strongly_connected_components(g)]))


def scc_networkx(n, src, dst):
    import networkx as nx
    import numpy as np
    g = nx.DiGraph()
    g.add_nodes_from(range(n))
    g.add_edges_from(zip(src.tolist(), dst.tolist()))

    def run():
        comps = list(nx.strongly_connected_components(g))
        nx.condensation(g, scc=comps)
        return np.sort(np.array([len(c) for c in comps]))
    return run


# ----------------------------------------------------------------------------- timeline peers
# Earliest failure times with every edge required = multi-source shortest paths from the
# initial failures (nodes 0..9) with the delays as weights. Result: hours, -1 = never.
TIMELINE_SOURCES = 10


def load_timed(path):
    import numpy as np
    with open(path) as f:
        first = f.readline()
    n = int(first.split("nodes=")[1].split()[0])
    data = np.fromstring(open(path).read().split("\n", 1)[1], dtype=np.int64, sep=" ").reshape(-1, 3)
    return n, data[:, 0], data[:, 1], data[:, 2]


def as_hours(dist):
    import numpy as np
    d = np.asarray(dist, dtype=np.float64)
    d[~np.isfinite(d) | (d > 1e300)] = -1
    return d.astype(np.int64)


def timeline_scipy(n, src, dst, w):
    import numpy as np
    import scipy.sparse as sp
    from scipy.sparse.csgraph import dijkstra
    a = sp.csr_matrix((w.astype(np.float64), (src, dst)), shape=(n, n))
    return lambda: as_hours(dijkstra(a, directed=True, indices=list(range(TIMELINE_SOURCES)), min_only=True))


def timeline_networkit(n, src, dst, w):
    import networkit as nk
    import numpy as np
    g = nk.graph.Graph(n + 1, weighted=True, directed=True)  # node n: a super-source
    g.addEdges((w.astype(np.float64), (src.astype(np.uint64), dst.astype(np.uint64))))
    for s in range(TIMELINE_SOURCES):
        g.addEdge(n, s, 0.0)

    def run():
        d = nk.distance.Dijkstra(g, n, storePaths=False)
        d.run()
        return as_hours(d.getDistances()[:n])
    return run


def timeline_igraph(n, src, dst, w):
    import igraph as ig
    import numpy as np
    edges = list(zip(src.tolist(), dst.tolist())) + [(n, s) for s in range(TIMELINE_SOURCES)]
    g = ig.Graph(n=n + 1, edges=edges, directed=True)
    g.es["w"] = w.tolist() + [0] * TIMELINE_SOURCES
    return lambda: as_hours(np.array(g.distances(source=[n], weights="w", mode="out")[0][:n]))


def timeline_rustworkx(n, src, dst, w):
    import rustworkx as rx
    import numpy as np
    g = rx.PyDiGraph(multigraph=False)
    g.add_nodes_from(range(n + 1))
    g.add_edges_from(list(zip(src.tolist(), dst.tolist(), w.astype(float).tolist()))
                     + [(n, s, 0.0) for s in range(TIMELINE_SOURCES)])

    def run():
        lengths = rx.digraph_dijkstra_shortest_path_lengths(g, n, edge_cost_fn=float)
        out = np.full(n, -1, dtype=np.int64)
        for v, d in lengths.items():
            if v < n:
                out[v] = int(d)
        out[:TIMELINE_SOURCES] = 0  # the super-source's own targets
        return out
    return run


def timeline_networkx(n, src, dst, w):
    import networkx as nx
    import numpy as np
    g = nx.DiGraph()
    g.add_nodes_from(range(n))
    g.add_weighted_edges_from(zip(src.tolist(), dst.tolist(), w.tolist()))

    def run():
        lengths = nx.multi_source_dijkstra_path_length(g, set(range(TIMELINE_SOURCES)))
        out = np.full(n, -1, dtype=np.int64)
        for v, d in lengths.items():
            out[v] = int(d)
        return out
    return run


# ----------------------------------------------------------------------------- threshold peers
# Watts threshold cascade: seeds 0..999, theta 0.3 over the share of failed suppliers
# (in-neighbours). Result: 1 failed / 0 not, per node.
THRESHOLD_SOURCES = 1000
THRESHOLD_THETA = 0.3


def threshold_matvec(n, src, dst):
    """Sparse mat-vec per round over the whole failed vector."""
    import numpy as np
    a = csr(n, src, dst).astype(np.float64)
    at = a.T.tocsr()
    indeg = np.asarray(a.sum(axis=0)).ravel()
    need = THRESHOLD_THETA * indeg - 1e-12 * indeg

    def run():
        failed = np.zeros(n, dtype=bool)
        failed[:THRESHOLD_SOURCES] = True
        while True:
            counts = at @ failed.astype(np.float64)
            new = failed | ((counts >= need) & (indeg > 0))
            if new.sum() == failed.sum():
                return failed.astype(np.int64)
            failed = new
    return run


def threshold_frontier(n, src, dst):
    """Incremental: only the rows of the newly failed nodes are added each round."""
    import numpy as np
    a = csr(n, src, dst).astype(np.float64)
    indeg = np.asarray(a.sum(axis=0)).ravel()
    need = THRESHOLD_THETA * indeg - 1e-12 * indeg

    def run():
        failed = np.zeros(n, dtype=bool)
        frontier = np.arange(THRESHOLD_SOURCES)
        failed[frontier] = True
        counts = np.zeros(n)
        while len(frontier):
            counts += np.asarray(a[frontier].sum(axis=0)).ravel()
            new = (~failed) & (counts >= need) & (indeg > 0)
            frontier = np.flatnonzero(new)
            failed[frontier] = True
        return failed.astype(np.int64)
    return run


# ----------------------------------------------------------------------------- Monte Carlo peers
# Independent cascade from nodes 0..9, each edge transmitting with probability p, 1,000
# trials. Result: per node, the number of trials in which it fails. Different random
# streams: agreement is statistical (see agree_statistically).
MC_TRIALS = 1000
MC_SOURCES = 10


def montecarlo_numpy(p):
    def make(n, src, dst):
        import numpy as np
        a = csr(n, src, dst)
        indptr, indices = a.indptr, a.indices

        def run():
            rng = np.random.default_rng(1)
            counts = np.zeros(n, dtype=np.int64)
            for _ in range(MC_TRIALS):
                failed = np.zeros(n, dtype=bool)
                frontier = np.arange(MC_SOURCES)
                failed[frontier] = True
                while len(frontier):
                    starts = indptr[frontier]
                    lens = indptr[frontier + 1] - starts
                    total = int(lens.sum())
                    if total == 0:
                        break
                    offsets = np.repeat(starts - np.cumsum(lens) + lens, lens) + np.arange(total)
                    targets = indices[offsets]
                    live = rng.random(total) < p
                    targets = np.unique(targets[live & ~failed[targets]])
                    failed[targets] = True
                    frontier = targets
                counts += failed
            return counts
        return run
    return make


def median_run(runs):
    """The run with the median best time (a failed run stands for itself)."""
    ok = [r for r in runs if r.get("status", "ok") in ("ok",) and "best_s" in r]
    if len(ok) < len(runs):
        bad = [r for r in runs if r not in ok]
        if any(r.get("status") == "MISMATCH" for r in bad):
            return next(r for r in bad if r.get("status") == "MISMATCH")
        if not ok:
            return bad[0]
    ordered = sorted(ok, key=lambda r: r["best_s"])
    chosen = dict(ordered[(len(ordered) - 1) // 2])
    chosen["rounds_best_s"] = [r["best_s"] for r in runs if "best_s" in r]
    return chosen


# Repeats per round (both sides; fewer than --repeat where one call takes long). The
# linkages take 3: each call copies its distances (400 MB at 10,000 rows) into fresh
# memory, and the first touch of that memory in a process is slow on this virtual
# machine (Rensa's copy: 0.3–0.7 s in a process's first call, 0.07 s after), so with 2
# repeats a round's best was too often a first call.
RENSA_REPEAT = {"diim-64": 2, "diim-64-closed": 3, "iim": 3, "jaccard": 3,
                "linkage-average": 3, "linkage-ward": 3, "linkage-single": 3, "leaf-order": 2}


def agree_relatively(got, expected, tolerance):
    """Float results agree when every entry is within tolerance relative to max(1, |Rensa's|)."""
    import numpy as np
    a = np.asarray([float(x) for x in got])
    b = np.asarray([float(x) for x in expected])
    return a.shape == b.shape and bool(np.all(np.abs(a - b) <= tolerance * np.maximum(1, np.abs(b))))


def agree_statistically(got, expected, trials):
    """Two Monte Carlo estimates of per-node failure probabilities agree when their mean
    failed fractions differ by less than 0.005 and no node's probabilities differ by more
    than 6 standard errors of the difference."""
    import numpy as np
    a = np.asarray(got, dtype=np.float64) / trials
    b = np.asarray(expected, dtype=np.float64) / trials
    if abs(a.mean() - b.mean()) >= 0.005:
        return False
    pooled = (a + b) / 2
    se = np.sqrt(np.maximum(2 * pooled * (1 - pooled) / trials, 1e-12))
    return bool(np.all(np.abs(a - b) <= 6 * se + 1.0 / trials))


# ----------------------------------------------------------------------------- inoperability peers
# Binary workloads from `rensa-bench generate-iim` (format in Docs/Benchmarks.md). Results are
# floats; agreement is relative (FLOAT_TOLERANCE), not bitwise: LAPACK builds differ in rounding.
DIIM_STEPS = 1000
FLOAT_TOLERANCE = {"jaccard": 1e-6, "iim": 1e-10, "diim-1": 1e-10, "diim-64": 1e-10, "diim-64-closed": 1e-10, "sparse-iim": 1e-7}


def load_iim(path):
    import numpy as np
    raw = open(path, "rb").read()
    n, s = (int(v) for v in np.frombuffer(raw, dtype="<i8", count=2, offset=8))
    off = 24
    def take(count):
        nonlocal off
        out = np.frombuffer(raw, dtype="<f8", count=count, offset=off)
        off += 8 * count
        return out
    a = take(n * n).reshape((n, n), order="F")
    c, k = take(n), take(n)
    cs = take(n * s).reshape((n, s), order="F")
    q0 = take(n * s).reshape((n, s), order="F")
    return (np.ascontiguousarray(a), c.copy(), k.copy(), np.ascontiguousarray(cs), np.ascontiguousarray(q0))


def load_sparse_iim(path):
    import numpy as np
    import scipy.sparse as sp
    raw = open(path, "rb").read()
    n, nnz = (int(v) for v in np.frombuffer(raw, dtype="<i8", count=2, offset=8))
    off = 24
    indptr = np.frombuffer(raw, dtype="<i8", count=n + 1, offset=off); off += 8 * (n + 1)
    indices = np.frombuffer(raw, dtype="<i4", count=nnz, offset=off); off += 4 * nnz
    data = np.frombuffer(raw, dtype="<f8", count=nnz, offset=off); off += 8 * nnz
    c = np.frombuffer(raw, dtype="<f8", count=n, offset=off).copy()
    return (sp.csr_matrix((data.copy(), indices.copy(), indptr.copy()), shape=(n, n)), c)


def iim_numpy(a, c, k, cs, q0):
    import numpy as np
    n = len(c)
    return lambda: np.linalg.solve(np.eye(n) - a, c)


def iim_scipy(a, c, k, cs, q0):
    import numpy as np
    import scipy.linalg as sl
    n = len(c)
    return lambda: sl.solve(np.eye(n) - a, c, check_finite=False, overwrite_a=True)


def iim_scipy_lu(a, c, k, cs, q0):
    import numpy as np
    import scipy.linalg as sl
    n = len(c)
    return lambda: sl.lu_solve(sl.lu_factor(np.eye(n) - a, overwrite_a=True, check_finite=False), c, check_finite=False)


def diim_as_written(scenarios):
    """q(t+1) = q(t) + K[A q(t) + c - q(t)] as Lian & Haimes write it; cumulative sum kept."""
    def make(a, c, k, cs, q0):
        import numpy as np
        kcol = k[:, None]
        def run():
            q = q0[:, :scenarios].copy()
            cc = cs[:, :scenarios]
            total = np.zeros_like(q)
            for _ in range(DIIM_STEPS):
                total += q
                q = q + kcol * (a @ q + cc - q)
            return np.concatenate([q.ravel(order="F"), total.ravel(order="F")])
        return run
    return make


def diim_transition(scenarios):
    """The same recursion with M = I - K(I - A) formed once: q(t+1) = M q(t) + K c."""
    def make(a, c, k, cs, q0):
        import numpy as np
        def run():
            n = len(k)
            m = np.eye(n) - k[:, None] * (np.eye(n) - a)
            kc = k[:, None] * cs[:, :scenarios]
            q = q0[:, :scenarios].copy()
            total = np.zeros_like(q)
            for _ in range(DIIM_STEPS):
                total += q
                q = m @ q
                q += kc
            return np.concatenate([q.ravel(order="F"), total.ravel(order="F")])
        return run
    return make


def diim_closed_numpy(a, c, k, cs, q0):
    """The closed form with numpy: Q(T) = Q* + M^T E, sum = T Q* + (I - A)^-1 K^-1 (E - M^T E),
    M^T by numpy.linalg.matrix_power."""
    import numpy as np
    def run():
        n = len(k)
        m = np.eye(n) - k[:, None] * (np.eye(n) - a)
        b = np.eye(n) - a
        steady = np.linalg.solve(b, cs)
        e = q0 - steady
        decayed = np.linalg.matrix_power(m, DIIM_STEPS) @ e
        total = DIIM_STEPS * steady + np.linalg.solve(b, (e - decayed) / k[:, None])
        return np.concatenate([(steady + decayed).ravel(order="F"), total.ravel(order="F")])
    return run


def sparse_jacobi(a, c):
    import numpy as np
    def run():
        x = np.zeros_like(c)
        goal = 1e-10 * np.abs(c).max()
        while True:
            nxt = a @ x + c
            if np.abs(nxt - x).max() <= goal:
                return nxt
            x = nxt
    return run


def sparse_krylov(method):
    def make(a, c):
        import scipy.sparse as sp
        import scipy.sparse.linalg as sl
        b = (sp.identity(a.shape[0], format="csr") - a).tocsr()
        def run():
            fn = getattr(sl, method)
            x, info = fn(b, c, rtol=1e-12, atol=0)
            if info != 0:
                raise RuntimeError(f"{method} did not converge (info {info})")
            return x
        return run
    return make


def sparse_spsolve(a, c):
    import scipy.sparse as sp
    import scipy.sparse.linalg as sl
    b = (sp.identity(a.shape[0], format="csc") - a).tocsc()
    return lambda: sl.spsolve(b, c)


# ----------------------------------------------------------------------------- clustering peers
# Binary workloads from `rensa-bench generate-binary` (`# rensa-binary rows=N columns=F …`,
# then `row<TAB>column` per set bit). Distances: the result is every 997th condensed value.
# Linkage: the result is the linkage matrix; agreement = the same sorted merge heights
# (1e-12), robust to tie order (scipy's matrix must moreover be identical: checked in the
# Rensa tests and reported here).
def load_binary(path):
    import numpy as np
    with open(path) as f:
        header = f.readline()
    n = int(header.split("rows=")[1].split()[0])
    f_ = int(header.split("columns=")[1].split()[0])
    pairs = np.loadtxt(path, dtype=np.int64, comments="#", ndmin=2)
    x = np.zeros((n, f_), dtype=bool)
    x[pairs[:, 0], pairs[:, 1]] = True
    return (x,)


def sample_pairs(n):
    import numpy as np
    m = n * (n - 1) // 2
    k = np.arange(0, m, 997, dtype=np.int64)
    # Row i starts at s(i) = i*n - i*(i+1)/2; find i with s(i) <= k < s(i+1).
    starts = np.arange(n, dtype=np.int64) * n - np.arange(n, dtype=np.int64) * (np.arange(n, dtype=np.int64) + 1) // 2
    i = np.searchsorted(starts, k, side="right") - 1
    j = k - starts[i] + i + 1
    return i, j


def jaccard_from_intersections(inter, counts, n):
    """Jaccard distances (union − shared)/union from the shared counts, sampled."""
    import numpy as np
    union = counts[:, None] + counts[None, :] - inter
    with np.errstate(invalid="ignore", divide="ignore"):
        d = np.where(union > 0, (union - inter) / union, np.float32(0))
    i, j = sample_pairs(n)
    return d[i, j]


def jaccard_numpy_float32(x):
    """The matrix-product formula in float32: |A∩B| = X·Xᵀ, union = |A| + |B| − |A∩B|."""
    import numpy as np
    def run():
        xf = x.astype(np.float32)
        return jaccard_from_intersections(xf @ xf.T, xf.sum(axis=1), len(x))
    return run


def jaccard_scipy_sparse(x):
    """Intersections by a sparse product, then the same formula (float32)."""
    import numpy as np
    import scipy.sparse as sp
    def run():
        a = sp.csr_matrix(x.astype(np.float32))
        return jaccard_from_intersections((a @ a.T).toarray(), np.asarray(a.sum(axis=1)).ravel(), len(x))
    return run


def jaccard_graphblas(x):
    """Intersections by SuiteSparse:GraphBLAS's plus_pair product of the sparse rows
    (python-graphblas), then the same formula (float32)."""
    import graphblas as gb
    import numpy as np
    rows, cols = np.nonzero(x)
    a = gb.Matrix.from_coo(rows, cols, True, nrows=x.shape[0], ncols=x.shape[1], dtype=bool)
    def run():
        inter = a.mxm(a.T, gb.semiring.plus_pair[gb.dtypes.FP32]).new().to_dense(fill_value=0)
        return jaccard_from_intersections(inter, x.sum(axis=1).astype(np.float32), len(x))
    return run


def jaccard_pdist(x):
    from scipy.spatial.distance import pdist
    def run():
        d = pdist(x, "jaccard")
        return d[::997]
    return run


def condensed_jaccard64(x):
    """Float64 condensed Jaccard distances, built in row blocks (no n × n matrix)."""
    import numpy as np
    n = len(x)
    xf = x.astype(np.float64)
    counts = xf.sum(axis=1)
    out = np.empty(n * (n - 1) // 2)
    pos = 0
    for start in range(0, n, 512):
        stop = min(n, start + 512)
        inter = xf[start:stop] @ xf.T
        for r in range(start, stop):
            row = inter[r - start, r + 1:]
            union = counts[r] + counts[r + 1:] - row
            with np.errstate(invalid="ignore", divide="ignore"):
                out[pos:pos + n - r - 1] = np.where(union > 0, (union - row) / union, 0.0)
            pos += n - r - 1
    return out


def linkage_peer(library, method):
    def make(x):
        y = condensed_jaccard64(x)
        if library == "fastcluster":
            import fastcluster
            return lambda: fastcluster.linkage(y, method=method)
        import scipy.cluster.hierarchy as sch
        return lambda: sch.linkage(y, method=method)
    return make


def ties_explain_linkage(path, kernel, got, expected):
    """When a linkage peer's heights differ from Rensa's: True if Rensa's equal scipy's
    (scipy.cluster.hierarchy.linkage, the reference the issue names) and the peer's do
    not, i.e. the peer breaks ties differently from scipy (seen: fastcluster on the ICS
    advisories, 21,524 zero distances)."""
    import scipy.cluster.hierarchy as sch
    x, = load_binary(path)
    reference = sch.linkage(condensed_jaccard64(x), method=kernel.split("-", 1)[1]).ravel()
    return agree_linkage([str(v) for v in reference], expected) and not agree_linkage(got, [str(v) for v in reference])


def agree_linkage(got, expected, tolerance=1e-12):
    import numpy as np
    a = np.asarray([float(v) for v in got]).reshape(-1, 4)
    b = np.asarray([float(v) for v in expected]).reshape(-1, 4)
    if a.shape != b.shape:
        return False
    ha, hb = np.sort(a[:, 2]), np.sort(b[:, 2])
    return bool(np.all(np.abs(ha - hb) <= tolerance * np.maximum(1, np.abs(hb))))


# Co-clustering: the result is the row labels, then the column labels. Labels on data
# whose blocks are not sharply separated (or with more blocks than 2^dims) are not
# determined by the method, so agreement is on quality: Rensa's normalised cut of the
# bipartite graph (Dhillon's objective; lower is better) must be at most 2.5 % above the
# peer's (the spread of Rensa's own cut over k-means seeds on the ATT&CK workload is
# 1 %). Identical partitions have equal cuts. Note: scikit-learn's ARPACK branch keeps
# singular vectors 1 … n−1 instead of 2 … n (scipy's svds returns them in ascending
# order, and it discards the first), so it embeds with one informative coordinate less.
COCLUSTERS = 10


def cocluster_sklearn(svd_method):
    def make(x):
        import numpy as np
        import scipy.sparse as sp
        from sklearn.cluster import SpectralCoclustering
        a = sp.csr_matrix(x.astype(np.float64))
        def run():
            model = SpectralCoclustering(n_clusters=COCLUSTERS, svd_method=svd_method, random_state=0).fit(a)
            return np.concatenate([model.row_labels_, model.column_labels_])
        return run
    return make


def normalized_cut(x, labels, k):
    """Σ over blocks j of cut(V_j) / vol(V_j) in the bipartite row–column graph."""
    import numpy as np
    n = x.shape[0]
    rows, cols = np.asarray(labels[:n]), np.asarray(labels[n:])
    xf = x.astype(np.float64)
    row_degree, column_degree = xf.sum(axis=1), xf.sum(axis=0)
    total = 0.0
    for j in range(k):
        r, c = rows == j, cols == j
        volume = row_degree[r].sum() + column_degree[c].sum()
        if volume > 0:
            total += (volume - 2 * xf[np.ix_(r, c)].sum()) / volume
    return total


def agree_cocluster(path, got, expected):
    x, = load_binary(path)
    ours = normalized_cut(x, [int(v) for v in expected], COCLUSTERS)
    theirs = normalized_cut(x, [int(v) for v in got], COCLUSTERS)
    print(f"    normalised cut: rensa {ours:.4f}, peer {theirs:.4f}", file=sys.stderr)
    return ours <= theirs * 1.025 + 1e-12


# Optimal leaf ordering: the result is the leaf order; agreement = Rensa's neighbouring-leaf
# distance sum at most the peer's (+1e-9 relative). scipy's is not always optimal
# (scipy issue #11227), so Rensa's may be lower.
def leaf_order_scipy(x):
    import scipy.cluster.hierarchy as sch
    y = condensed_jaccard64(x)
    z = sch.linkage(y, method="average")
    return lambda: sch.leaves_list(sch.optimal_leaf_ordering(z, y))


def leaf_order_cost(x, order):
    import numpy as np
    xf = x.astype(np.float64)
    counts = xf.sum(axis=1)
    total = 0.0
    for a, b in zip(order, order[1:]):
        inter = float(xf[a] @ xf[b])
        union = counts[a] + counts[b] - inter
        total += (union - inter) / union if union > 0 else 0.0
    return total


def agree_leaf_order(path, got, expected):
    x, = load_binary(path)
    ours = leaf_order_cost(x, [int(v) for v in expected])
    theirs = leaf_order_cost(x, [int(v) for v in got])
    print(f"    neighbouring-leaf distance sum: rensa {ours:.6f}, peer {theirs:.6f}", file=sys.stderr)
    return ours <= theirs * (1 + 1e-9)


PEERS = {
    "leaf-order": {"scipy optimal_leaf_ordering": leaf_order_scipy},
    "cocluster": {
        "scikit-learn SpectralCoclustering (randomized SVD)": cocluster_sklearn("randomized"),
        "scikit-learn SpectralCoclustering (ARPACK)": cocluster_sklearn("arpack"),
    },
    "closure": {
        "numpy+scipy composition": lambda n, s, d: (lambda: closure_numpy(n, s, d)),
        "networkit ReachableNodes": closure_networkit,
        "python-graphblas repeated squaring": closure_graphblas,
        "igraph neighborhood_size": closure_igraph,
        "rustworkx descendants": closure_rustworkx,
        "networkx descendants": closure_networkx,
        "scipy breadth_first_order": closure_scipy_bfs,
    },
    "scc": {
        "scipy connected_components": scc_scipy,
        "igraph connected_components": scc_igraph,
        "networkit StronglyConnectedComponents": scc_networkit,
        "rustworkx strongly_connected_components": scc_rustworkx,
        "networkx strongly_connected_components": scc_networkx,
    },
    "threshold": {
        "numpy/scipy sparse mat-vec per round": threshold_matvec,
        "numpy/scipy frontier rows per round": threshold_frontier,
    },
    "iim": {
        "numpy.linalg.solve": iim_numpy,
        "scipy.linalg.solve": iim_scipy,
        "scipy lu_factor + lu_solve": iim_scipy_lu,
    },
    "diim-1": {"numpy, recursion as written": diim_as_written(1), "numpy, transition M formed once": diim_transition(1)},
    "diim-64": {"numpy, recursion as written": diim_as_written(64), "numpy, transition M formed once": diim_transition(64)},
    "diim-64-closed": {"numpy stepping, M formed once": diim_transition(64),
                       "numpy closed form (matrix_power)": diim_closed_numpy},
    "sparse-iim": {
        "scipy Jacobi (A @ x + c)": sparse_jacobi,
        "scipy gmres": sparse_krylov("gmres"),
        "scipy bicgstab": sparse_krylov("bicgstab"),
        "scipy spsolve (SuperLU)": sparse_spsolve,
    },
    "jaccard": {
        "numpy float32 matrix product": jaccard_numpy_float32,
        "scipy sparse product": jaccard_scipy_sparse,
        "python-graphblas plus_pair product": jaccard_graphblas,
        "scipy pdist(jaccard)": jaccard_pdist,
    },
    "linkage-average": {"fastcluster": linkage_peer("fastcluster", "average"), "scipy": linkage_peer("scipy", "average")},
    "linkage-ward": {"fastcluster": linkage_peer("fastcluster", "ward"), "scipy": linkage_peer("scipy", "ward")},
    "linkage-single": {"fastcluster": linkage_peer("fastcluster", "single"), "scipy": linkage_peer("scipy", "single")},
    "montecarlo-p0.3": {"numpy frontier sampling": montecarlo_numpy(0.3)},
    "montecarlo-p0.1": {"numpy frontier sampling": montecarlo_numpy(0.1)},
    "timeline": {
        "scipy dijkstra(min_only)": timeline_scipy,
        "networkit Dijkstra": timeline_networkit,
        "igraph distances": timeline_igraph,
        "rustworkx dijkstra": timeline_rustworkx,
        "networkx multi_source_dijkstra": timeline_networkx,
    },
}


def run_peer(kernel, name, path, repeat, result_path):
    """Child process: load, build, time, write the result and one JSON line."""
    import numpy as np
    t0 = time.perf_counter()
    if kernel in ("jaccard", "cocluster", "leaf-order") or kernel.startswith("linkage-"):
        columns = load_binary(path)
    elif kernel in ("iim", "diim-1", "diim-64", "diim-64-closed"):
        columns = load_iim(path)
    elif kernel == "sparse-iim":
        columns = load_sparse_iim(path)
    else:
        columns = load_timed(path) if kernel == "timeline" else load_edges(path)
    load = time.perf_counter() - t0
    t0 = time.perf_counter()
    fn = PEERS[kernel][name](*columns)
    build = time.perf_counter() - t0
    best, result = best_of(fn, repeat)
    if kernel.startswith("linkage-"):
        np.savetxt(result_path, np.asarray(result, dtype=np.float64), fmt="%.17g")
    elif kernel in FLOAT_TOLERANCE:
        np.savetxt(result_path, np.asarray(result, dtype=np.float64), fmt="%.17g")
    else:
        np.savetxt(result_path, np.asarray(result, dtype=np.int64), fmt="%d")
    print(json.dumps({"load_s": load, "build_s": build, "best_s": best,
                      "peak_rss_bytes": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024}))


# ----------------------------------------------------------------------------- orchestration
def run_rensa(kernel, path, repeat, result_path):
    extra = []
    commands = {"jaccard": ["distances", "--float"],
                "linkage-average": ["linkage", "--method", "average"],
                "linkage-ward": ["linkage", "--method", "ward"],
                "linkage-single": ["linkage", "--method", "single"],
                "cocluster": ["cocluster", "--clusters", str(COCLUSTERS)],
                "diim-1": ["diim", "--scenarios", "1", "--steps", str(DIIM_STEPS)],
                "diim-64": ["diim", "--scenarios", "64", "--steps", str(DIIM_STEPS)],
                "diim-64-closed": ["diim", "--scenarios", "64", "--steps", str(DIIM_STEPS), "--closed-form"]}
    if kernel in commands:
        extra = commands[kernel][1:]
        kernel = commands[kernel][0]
    if kernel.startswith("montecarlo-p"):
        extra = ["--probability", kernel.split("-p")[1], "--trials", str(MC_TRIALS), "--sources", str(MC_SOURCES)]
        kernel = "montecarlo"
    out = subprocess.run([RENSA_BENCH, kernel, path, "--repeat", str(repeat), "--result-out", result_path] + extra,
                         check=True, capture_output=True, text=True).stdout
    return json.loads(out)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true", help="small workloads only")
    parser.add_argument("--timeout", type=float, default=120)
    parser.add_argument("--only", choices=["closure", "scc", "timeline", "threshold", "montecarlo-p0.3", "montecarlo-p0.1",
                                           "iim", "diim-1", "diim-64", "diim-64-closed", "sparse-iim",
                                           "jaccard", "linkage-average", "linkage-ward", "linkage-single", "cocluster", "leaf-order"])
    parser.add_argument("--file", help="only the workloads of this file (e.g. attack-groups.tsv); other rows are kept")
    parser.add_argument("--peer", nargs=3, metavar=("KERNEL", "NAME", "FILE"), help=argparse.SUPPRESS)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--rounds", type=int, default=1, help="alternate Rensa and the peers this many times; report medians")
    parser.add_argument("--result", help=argparse.SUPPRESS)
    parser.add_argument("--json-out", default=os.path.join(HERE, "latest.json"))
    args = parser.parse_args()
    if args.peer:
        run_peer(args.peer[0], args.peer[1], args.peer[2], args.repeat, args.result)
        return

    workloads = {
        "closure": [("Western US power grid (4,941 / 13,188)", "power-grid.tsv"), ("Shelby County interdependent networks (167 / 289)", "shelby.tsv"),
                    ("random n=10,000 d=3", "random-10000-d3.tsv"), ("random n=10,000 d=8", "random-10000-d8.tsv"),
                    ("random n=50,000 d=3", "random-50000-d3.tsv"), ("random n=50,000 d=8", "random-50000-d8.tsv"),
                    ("hard family n=50,000", "hard-50000.tsv"), ("Debian packages", "debian.tsv")],
        "scc": [("random n=1,000,000 m=5,000,000", "random-1000000-d5.tsv"), ("Shelby County interdependent networks (167 / 289)", "shelby.tsv")],
        "timeline": [("random n=100,000 m=500,000, delays 1-24 h, 10 sources", "timed-100000-d5.tsv"),
                     ("Western US power grid (4,941 / 13,188), delays 1-24 h, 10 sources", "power-grid-timed.tsv"),
                     ("Shelby County (167 / 289), delays 1-24 h, 10 water nodes", "shelby-timed.tsv")],
        "threshold": [("random n=100,000 m=500,000, theta 0.3, 1,000 seeds", "random-100000-d5.tsv"),
                      ("Western US power grid (4,941 / 13,188), theta 0.3, 1,000 seeds", "power-grid.tsv")],
        "montecarlo-p0.3": [("random n=100,000 m=500,000, p=0.3, 10 seeds, 1,000 trials", "random-100000-d5.tsv"),
                            ("Shelby County (167 / 289), p=0.3, 10 water nodes, 1,000 trials", "shelby.tsv")],
        "montecarlo-p0.1": [("random n=100,000 m=500,000, p=0.1, 10 seeds, 1,000 trials", "random-100000-d5.tsv")],
        "iim": [("dense A* n=2,000 (rho 0.9)", "iim-2000.bin"), ("dense A* n=5,000 (rho 0.9)", "iim-5000.bin")],
        "diim-1": [("n=2,000, 1,000 steps, 1 scenario", "iim-2000.bin")],
        "diim-64": [("n=2,000, 1,000 steps, 64 scenarios", "iim-2000.bin")],
        "diim-64-closed": [("n=2,000, final + cumulative after 1,000 steps, 64 scenarios", "iim-2000.bin")],
        "sparse-iim": [("n=100,000, 1,000,000 nonzeros (rho 0.9), tolerance 1e-10", "iim-sparse-100000.bin")],
        "jaccard": [("ATT&CK Enterprise 18.1 groups × techniques", "attack-groups.tsv"), ("CISA ICS advisories × CWEs", "ics-advisories-cwe.tsv"),
                    ("10,000 × 400 binary, 5 % density (Float output)", "binary-10000.tsv"),
                    ("20,000 × 400 binary, 5 % density (Float output)", "binary-20000.tsv")],
        "linkage-average": [("ATT&CK Enterprise 18.1 groups × techniques", "attack-groups.tsv"), ("CISA ICS advisories × CWEs", "ics-advisories-cwe.tsv"),
                            ("Jaccard distances of 10,000 × 400 binary rows", "binary-10000.tsv"),
                            ("Jaccard distances of 20,000 × 400 binary rows", "binary-20000.tsv")],
        "linkage-ward": [("ATT&CK Enterprise 18.1 groups × techniques", "attack-groups.tsv"), ("CISA ICS advisories × CWEs", "ics-advisories-cwe.tsv"),
                         ("Jaccard distances of 10,000 × 400 binary rows", "binary-10000.tsv"),
                         ("Jaccard distances of 20,000 × 400 binary rows", "binary-20000.tsv")],
        "linkage-single": [("Jaccard distances of 10,000 × 400 binary rows", "binary-10000.tsv")],
        "leaf-order": [("average linkage of 1,000 × 400 binary rows (Jaccard)", "binary-1000.tsv"),
                       ("average linkage of 2,000 × 400 binary rows (Jaccard)", "binary-2000.tsv")],
        "cocluster": [("ATT&CK Enterprise 18.1 groups × techniques", "attack-groups.tsv"), ("CISA ICS advisories × CWEs", "ics-advisories-cwe.tsv"),
                      ("10,000 × 400 binary, 10 planted blocks, 5 % density, 10 clusters", "blocks-10000.tsv"),
                      ("10,000 × 400 binary, uniform 5 % density, 10 clusters", "binary-10000.tsv"),
                      ("20,000 × 400 binary, 10 planted blocks, 5 % density, 10 clusters", "blocks-20000.tsv")],
    }
    if args.quick:
        workloads = {"closure": workloads["closure"][:1], "iim": workloads["iim"][:1]}
    rows = []
    failures = []
    for kernel, items in workloads.items():
        if args.only and kernel != args.only:
            continue
        for label, file in items:
            if args.file and file != args.file:
                continue
            path = os.path.join(WORK, file)
            if not os.path.exists(path):
                print(f"  {label}: {file} is absent (its source data is missing); skipped", file=sys.stderr)
                continue
            ours_path = path + f".{kernel}.rensa"
            # With --rounds R, Rensa and the peers run alternately R times and each
            # reports the median over rounds of its best time: on this shared VM, slow
            # phases then hit both sides alike.
            rounds_ours = []
            rounds_peers = {}
            timed_out = set()
            for round_index in range(args.rounds):
                ours = run_rensa(kernel, path, RENSA_REPEAT.get(kernel, 5), ours_path)
                rounds_ours.append(ours)
                expected = open(ours_path).read().split()
                for name in PEERS[kernel]:
                    if name in timed_out:
                        continue
                    result_path = path + f".{kernel}.peer"
                    try:
                        proc = subprocess.run([sys.executable, __file__, "--peer", kernel, name, path,
                                               "--repeat", str(min(args.repeat, RENSA_REPEAT.get(kernel, args.repeat))),
                                               "--result", result_path],
                                              capture_output=True, text=True, timeout=args.timeout)
                    except subprocess.TimeoutExpired:
                        rounds_peers[name] = [{"name": name, "status": f"> {args.timeout:.0f} s"}]
                        timed_out.add(name)
                        print(f"  {label}: {name} exceeded {args.timeout:.0f} s", file=sys.stderr)
                        continue
                    if proc.returncode != 0:
                        rounds_peers[name] = [{"name": name, "status": "error: " + proc.stderr.strip().splitlines()[-1][:120]}]
                        timed_out.add(name)
                        print(f"  {label}: {name} failed: {proc.stderr.strip()[-300:]}", file=sys.stderr)
                        continue
                    stats = json.loads(proc.stdout.strip().splitlines()[-1])
                    got = open(result_path).read().split()
                    if kernel.startswith("montecarlo"):
                        agree = agree_statistically([int(x) for x in got], [int(x) for x in expected], MC_TRIALS)
                    elif kernel.startswith("linkage-"):
                        agree = agree_linkage(got, expected)
                    elif kernel == "cocluster":
                        agree = agree_cocluster(path, got, expected)
                    elif kernel == "leaf-order":
                        agree = agree_leaf_order(path, got, expected)
                    elif kernel in FLOAT_TOLERANCE:
                        agree = agree_relatively(got, expected, FLOAT_TOLERANCE[kernel])
                    else:
                        agree = got == expected
                    status = "ok" if agree else "MISMATCH"
                    if not agree and kernel.startswith("linkage-") and name != "scipy" and ties_explain_linkage(path, kernel, got, expected):
                        status = "ok (ties broken unlike scipy; Rensa = scipy)"
                        agree = True
                    if not agree:
                        failures.append(f"{label}: {name} disagrees with Rensa")
                    rounds_peers.setdefault(name, []).append({"name": name, "status": status, **stats})
                    print(f"  {label}: {name} {stats['best_s']:.4f} s ({'agrees' if agree else 'MISMATCH'})",
                          file=sys.stderr)
                print(f"  {label}: rensa {ours['best_s']:.4f} s (round {round_index + 1})", file=sys.stderr)
            ours = median_run(rounds_ours)
            peers = [median_run(runs) for runs in rounds_peers.values()]
            ok = [p for p in peers if p["status"].startswith("ok")]
            fastest = min(ok, key=lambda p: p["best_s"]) if ok else None
            rows.append({"kernel": kernel, "workload": label, "file": file, "rensa": ours, "peers": peers,
                         "fastest": fastest["name"] if fastest else None,
                         "ratio": (fastest["best_s"] / ours["best_s"]) if fastest else None})
            print(f"{label}: rensa {ours['best_s']:.4f} s", file=sys.stderr)

    import numpy, scipy
    versions = {"python": platform.python_version(), "numpy": numpy.__version__, "scipy": scipy.__version__}
    for mod in ["networkx", "igraph", "rustworkx", "networkit"]:
        try:
            versions[mod] = __import__(mod).__version__
        except Exception:
            pass
    bandwidth = json.loads(subprocess.run([RENSA_BENCH, "bandwidth"], capture_output=True, text=True).stdout)
    summary = {"date": time.strftime("%Y-%m-%d"), "machine": platform.machine(), "cpu": cpu_name(),
               "cores": os.cpu_count(), "versions": versions, "copy_gb_per_s": bandwidth["copy_gb_per_s"],
               "rows": rows}
    if (args.only or args.file) and os.path.exists(args.json_out):
        # Keep the rows of the last run that this one did not measure again.
        previous = json.load(open(args.json_out))
        measured = {(r["kernel"], r["file"]) for r in rows}
        summary["rows"] = [r for r in previous.get("rows", [])
                           if (r["kernel"], r["file"]) not in measured
                           and not (args.only and not args.file and r["kernel"] == args.only)] + rows
    with open(args.json_out, "w") as f:
        json.dump(summary, f, indent=1)
    print(table(summary))
    if failures:
        print("\n".join(["MISMATCHES:"] + failures))
        sys.exit(1)


def cpu_name():
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor()


def mib(b):
    return f"{b / 2**20:.0f} MiB"


def table(summary):
    lines = ["| kernel | workload | Rensa | fastest peer | peer time | ratio (peer / Rensa) | Rensa peak RSS | peer peak RSS |",
             "|---|---|---|---|---|---|---|---|"]
    for r in summary["rows"]:
        f = next((p for p in r["peers"] if p["name"] == r["fastest"]), None)
        lines.append(f"| {r['kernel']} | {r['workload']} | {r['rensa']['best_s']*1000:.1f} ms | {r['fastest']} | "
                     + (f"{f['best_s']*1000:.1f} ms | {r['ratio']:.1f}× | " if f else "— | — | ")
                     + f"{mib(r['rensa']['peak_rss_bytes'])} | " + (mib(f['peak_rss_bytes']) if f else "—") + " |")
    lines.append("")
    lines.append("All peers per workload (best time; '>' = stopped at the time limit):")
    lines.append("")
    for r in summary["rows"]:
        cells = ", ".join(f"{p['name']} {p['best_s']*1000:.1f} ms" if p["status"] == "ok" else f"{p['name']} {p['status']}"
                          for p in r["peers"])
        lines.append(f"- {r['kernel']}, {r['workload']}: {cells}")
    return "\n".join(lines)


if __name__ == "__main__":
    main()
