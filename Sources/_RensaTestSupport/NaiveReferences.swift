import RensaGraph
import Rensa

/// Slow, obviously-correct reference implementations that the fast kernels are
/// tested against.
public enum Naive {
  /// Descendants of every node by a breadth-first search from each node
  /// (excluding the node itself, as networkx does).
  public static func descendants(_ graph: Digraph) -> [Set<Int>] {
    (0..<graph.nodeCount).map { s in
      var seen = Set<Int>()
      var queue = [s]
      while let v = queue.popLast() {
        for w in graph.successors(of: v) where !seen.contains(Int(w)) {
          seen.insert(Int(w))
          queue.append(Int(w))
        }
      }
      seen.remove(s)
      return seen
    }
  }

  /// Whether `t` is reachable from `s` by one or more edges.
  public static func reachesByPath(_ graph: Digraph, _ s: Int, _ t: Int) -> Bool {
    var seen = Set<Int>()
    var queue = [s]
    while let v = queue.popLast() {
      for w in graph.successors(of: v) {
        if Int(w) == t { return true }
        if seen.insert(Int(w)).inserted { queue.append(Int(w)) }
      }
    }
    return false
  }

  /// Strongly connected components as a partition: u and v share a component
  /// iff each reaches the other (or u == v).
  public static func sameComponent(_ graph: Digraph) -> [[Bool]] {
    let d = descendants(graph)
    let n = graph.nodeCount
    return (0..<n).map { u in (0..<n).map { v in u == v || (d[u].contains(v) && d[v].contains(u)) } }
  }

  /// Longest supplier chain ending at each node, counting a strongly connected
  /// component as one step: by relaxing over all pairs until nothing changes.
  public static func depth(_ graph: Digraph) -> [Int] {
    let same = sameComponent(graph)
    let n = graph.nodeCount
    var depth = [Int](repeating: 0, count: n)
    var changed = true
    while changed {
      changed = false
      for u in 0..<n {
        for w in graph.successors(of: u) {
          let w = Int(w)
          let candidate = same[u][w] ? depth[u] : depth[u] + 1
          if candidate > depth[w] {
            depth[w] = candidate
            changed = true
          }
        }
      }
      // Members of one component share the largest depth among them.
      for u in 0..<n {
        for v in 0..<n where same[u][v] && depth[v] > depth[u] {
          depth[u] = depth[v]
          changed = true
        }
      }
    }
    return depth
  }

  /// Certainly-failed set by repeated full sweeps until nothing changes.
  public static func failed(_ graph: RequirementGraph, seeds: Set<Int>) -> Set<Int> {
    var failed = seeds
    var changed = true
    while changed {
      changed = false
      for g in 0..<graph.groupCount {
        let owner = Int(graph.owner[g])
        if failed.contains(owner) { continue }
        let suppliers = graph.suppliers(ofGroup: g)
        let working = suppliers.filter { !failed.contains(Int($0)) }.count
        if working < Int(graph.needed[g]) {
          failed.insert(owner)
          changed = true
        }
      }
    }
    return failed
  }

  /// N-k by enumeration: for every set S of 1 ... `maxSize` nodes, the certainly-failed set
  /// by ``failed(_:seeds:)``; S is a minimal failure set of every node of F(S) outside S
  /// that is in no F(T) of a proper non-empty subset T. `result[size - 1][y]` holds the minimal sets of
  /// y with `size` nodes, each ascending, in lexicographic order.
  public static func minimalFailureSets(_ graph: RequirementGraph, maxSize: Int) -> [[[[Int]]]] {
    let n = graph.nodeCount
    var failedOf: [[Int]: Set<Int>] = [:]
    var result = [[[[Int]]]](repeating: [[Int]](repeating: [], count: n).map { _ in [[Int]]() }, count: maxSize)
    func subsets(_ size: Int, from start: Int, _ prefix: [Int], _ body: ([Int]) -> Void) {
      if prefix.count == size { body(prefix); return }
      guard start < n else { return }
      for v in start..<n { subsets(size, from: v + 1, prefix + [v], body) }
    }
    for size in 1...maxSize {
      subsets(size, from: 0, []) { set in
        let failed = Naive.failed(graph, seeds: Set(set))
        failedOf[set] = failed
        var properSubsetsFail = Set<Int>()
        for drop in 0..<(1 << size) - 1 where drop != 0 {
          // Non-empty proper subsets: keep the members whose bit is set in `drop`.
          let subset = set.enumerated().filter { drop >> $0.offset & 1 != 0 }.map(\.element)
          properSubsetsFail.formUnion(failedOf[subset]!)
        }
        // A set's own members fail with it: sets of *other* nodes only.
        for y in failed.subtracting(properSubsetsFail).subtracting(set).sorted() { result[size - 1][y].append(set) }
      }
    }
    return result
  }

  /// Dominators by deletion: x dominates y iff y is reachable from the virtual
  /// root (joined to `roots`) but not once x is removed.
  public static func dominators(_ graph: Digraph, roots: [Int]) -> [Set<Int>] {
    let n = graph.nodeCount
    func reachable(without removed: Int?) -> Set<Int> {
      var seen = Set<Int>()
      var queue = roots.filter { $0 != removed }
      for r in queue { seen.insert(r) }
      while let v = queue.popLast() {
        for w in graph.successors(of: v) where Int(w) != removed && !seen.contains(Int(w)) {
          seen.insert(Int(w))
          queue.append(Int(w))
        }
      }
      return seen
    }
    let all = reachable(without: nil)
    var result = [Set<Int>](repeating: [], count: n)
    for x in 0..<n where all.contains(x) {
      let rest = reachable(without: x)
      for y in all where y != x && !rest.contains(y) { result[y].insert(x) }
    }
    return result
  }
}

extension Naive {
  /// The cascade timeline by stepping through time on an integer grid (every delay,
  /// recovery, start and end must be a whole number of hours), with each instant
  /// resolved in rounds: round 0 sees what failed before the instant and the initial
  /// failures starting at it, round r + 1 what round r failed. Each step re-derives every
  /// dependency's state from the definitions (Docs/Cascade.md) — no event queue, no
  /// counters. O(horizon · rounds · (n + m)).
  public static func cascadeOnGrid(
    nodeCount n: Int, edges: [TimedDependencyGraph.Edge], failures: [CascadeTimeline.NodeFailure],
    cuts: [CascadeTimeline.EdgeCut], horizon: Int
  ) -> (failed: [Double], restored: [Double]) {
    var failed = [Double](repeating: .infinity, count: n)
    var restored = [Double](repeating: .infinity, count: n)
    var round = [Int](repeating: Int.max, count: n)
    // Group of each edge: (dependent, label) or its own.
    var groups: [[Int]] = []  // member edges
    var groupOf: [String: Int] = [:]
    for (i, e) in edges.enumerated() {
      let key = e.group.map { "\(e.dependent)/\($0)" } ?? "edge \(i)"
      if let g = groupOf[key] { groups[g].append(i) } else {
        groupOf[key] = groups.count
        groups.append([i])
      }
    }
    let groupsOfNode = (0..<n).map { v in groups.indices.filter { edges[groups[$0][0]].dependent == v } }
    let seed = Dictionary(failures.map { ($0.node, $0) }, uniquingKeysWith: { a, _ in a })
    let cut = Dictionary(cuts.map { ($0.edge, $0) }, uniquingKeysWith: { a, _ in a })

    /// End of edge e's outage under way at t, seen from round r of instant t.
    func outageEnd(_ e: Int, _ t: Double, _ r: Int) -> Double? {
      let edge = edges[e]
      var end: Double? = nil
      let s = edge.supplier
      let known = failed[s] < t || (failed[s] == t && round[s] < r)
      if known, failed[s] + edge.delay <= t, t < restored[s] { end = restored[s] }
      if let c = cut[e], c.start <= t, t < (c.end ?? .infinity) { end = max(end ?? -.infinity, c.end ?? .infinity) }
      return end
    }

    for step in 0...horizon {
      let t = Double(step)
      var r = 0
      while true {
        var newly: [(Int, Double)] = []
        for v in 0..<n where failed[v] == .infinity {
          var isLost = false
          var restore = -Double.infinity
          for g in groupsOfNode[v] {
            let members = groups[g]
            let need = edges[members[0]].need
            let ends = members.compactMap { e in outageEnd(e, t, r).map { $0 + edges[e].recovery } }.sorted()
            let required = members.count - need + 1
            if ends.count >= required {
              isLost = true
              restore = max(restore, ends[ends.count - required])
            }
          }
          let seedNow = seed[v].map { $0.start == t } ?? false
          if isLost || seedNow {
            if let s = seed[v] { restore = max(restore, s.end ?? .infinity) }
            newly.append((v, restore))
          }
        }
        if newly.isEmpty { break }
        for (v, restore) in newly {
          failed[v] = t
          restored[v] = restore
          round[v] = r
        }
        r += 1
      }
    }
    return (failed, restored)
  }
}

extension Naive {
  /// Sector pairs "dependent depends on supplier" of a dataset, directly (`transitive:
  /// false`) or through any chain of dependencies (`true`), written "dependent>supplier":
  /// for each node, its suppliers are followed by string ids until nothing is new.
  public static func sectorDependencies(_ dataset: Dataset, transitive: Bool) -> Set<String> {
    var sectorOf: [String: String] = [:]
    for s in dataset.sectors { sectorOf[s.id] = s.id }
    for a in dataset.assets { sectorOf[a.id] = a.sector }
    var suppliers: [String: [String]] = [:]
    for d in dataset.dependencies { suppliers[d.dependent, default: []].append(d.supplier) }
    var pairs = Set<String>()
    for (node, sector) in sectorOf {
      var seen = Set<String>()
      var stack = suppliers[node] ?? []
      while let s = stack.popLast() {
        guard seen.insert(s).inserted else { continue }
        if transitive { stack += suppliers[s] ?? [] }
      }
      for s in seen { if let t = sectorOf[s], t != sector { pairs.insert("\(sector)>\(t)") } }
    }
    return pairs
  }

  /// Single points of failure of every node (by id): the other nodes whose failure
  /// alone makes it fail, by ``failed(_:seeds:)`` from each node in turn.
  public static func singlePoints(_ network: DependencyNetwork) -> [String: Set<String>] {
    let graph = network.requirementGraph
    var out: [String: Set<String>] = [:]
    for x in network.nodeIDs.indices {
      for y in failed(graph, seeds: [x]) where y != x { out[network.nodeIDs[y], default: []].insert(network.nodeIDs[x]) }
    }
    return out
  }

  /// Mutual-dependency loops as sets of ids, from ``sameComponent(_:)``.
  public static func loops(_ network: DependencyNetwork) -> Set<Set<String>> {
    let same = sameComponent(network.digraph)
    var out = Set<Set<String>>()
    for u in network.nodeIDs.indices {
      let members = Set(network.nodeIDs.indices.filter { same[u][$0] }.map { network.nodeIDs[$0] })
      if members.count > 1 { out.insert(members) }
    }
    return out
  }
}
