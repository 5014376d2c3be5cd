import RensaGraph

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
