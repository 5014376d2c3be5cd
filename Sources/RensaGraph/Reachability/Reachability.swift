/// Single-source reachability: what one node reaches, or what reaches it,
/// without building the all-pairs ``TransitiveClosure``.
///
/// ```swift
/// let g = Digraph(nodeCount: 4, edges: [(0, 1), (1, 2), (3, 2)])
/// Reachability.downstream(of: 0, in: g)             // [1, 2]
/// Reachability.upstream(of: 2, in: g.transposed())  // [0, 1, 3]
/// ```
public enum Reachability {
  /// The nodes reachable from `source` by one or more edges, ascending.
  /// `source` itself is included only if it lies on a cycle (or has a self-loop)
  /// and `includeSourceOnCycle` is true; by default it is excluded, as in
  /// networkx's `descendants`.
  ///
  /// - Complexity: O(n / 64 + reached nodes + their edges) time, n bits of memory.
  public static func downstream(of source: Int, in graph: Digraph, includeSourceOnCycle: Bool = false) -> [Int] {
    precondition(source >= 0 && source < graph.nodeCount, "node \(source) out of range")
    var visited = [UInt64](repeating: 0, count: (graph.nodeCount + 63) / 64)
    var stack: [UInt32] = []
    var reached: [Int] = []
    var sourceOnCycle = false
    graph.offsets.withUnsafeBufferPointer { offsets in
      graph.targets.withUnsafeBufferPointer { targets in
        visited.withUnsafeMutableBufferPointer { visited in
          let bits = visited.baseAddress!
          stack.append(UInt32(truncatingIfNeeded: source))
          while let v = stack.popLast() {
            for e in offsets[Int(v)]..<offsets[Int(v) + 1] {
              let w = Int(targets[e])
              if w == source { sourceOnCycle = true }
              if !bits.testBit(w) {
                bits[w >> 6] |= 1 << UInt64(w & 63)
                if w != source { reached.append(w) }
                stack.append(targets[e])
              }
            }
          }
        }
      }
    }
    if includeSourceOnCycle && sourceOnCycle { reached.append(source) }
    reached.sort()
    return reached
  }

  /// The nodes reachable by one or more edges from any of `sources`, ascending: the
  /// downstream set of a group of nodes (a sector and its assets). A source is included
  /// only when another source, or a cycle through it, reaches it.
  ///
  /// ```swift
  /// let g = Digraph(nodeCount: 4, edges: [(0, 1), (1, 2), (3, 2)])
  /// Reachability.downstream(ofAny: [0, 3], in: g)   // [1, 2]
  /// Reachability.downstream(ofAny: [0, 1], in: g)   // [1, 2]: 1 is reached from 0
  /// ```
  ///
  /// - Complexity: O(n / 64 + |sources| + reached nodes + their edges) time, n bits of memory.
  public static func downstream(ofAny sources: [Int], in graph: Digraph) -> [Int] {
    var visited = [UInt64](repeating: 0, count: (graph.nodeCount + 63) / 64)
    var stack: [Int] = []
    var reached: [Int] = []
    for s in sources {
      precondition(s >= 0 && s < graph.nodeCount, "node \(s) out of range")
      stack.append(s)
    }
    while let v = stack.popLast() {
      for e in graph.offsets[v]..<graph.offsets[v + 1] {
        let w = Int(graph.targets[e])
        if visited[w >> 6] & (1 << UInt64(w & 63)) == 0 {
          visited[w >> 6] |= 1 << UInt64(w & 63)
          reached.append(w)
          stack.append(w)
        }
      }
    }
    reached.sort()
    return reached
  }

  /// The nodes that reach `target` (its ancestors), ascending, from the
  /// **transposed** graph (`graph.transposed()`; build it once for many queries).
  ///
  /// - Complexity: as ``downstream(of:in:includeSourceOnCycle:)`` on the transpose.
  public static func upstream(of target: Int, in transposed: Digraph) -> [Int] {
    downstream(of: target, in: transposed)
  }

  /// Whether `target` is reachable from `source` by one or more edges, by a
  /// search that stops as soon as `target` is found.
  ///
  /// - Complexity: O(n / 64 + visited nodes + their edges).
  public static func reaches(_ source: Int, _ target: Int, in graph: Digraph) -> Bool {
    var visited = [UInt64](repeating: 0, count: (graph.nodeCount + 63) / 64)
    var stack: [Int] = [source]
    while let v = stack.popLast() {
      for w in graph.successors(of: v) {
        let w = Int(w)
        if w == target { return true }
        if visited[w >> 6] & (1 << UInt64(w & 63)) == 0 {
          visited[w >> 6] |= 1 << UInt64(w & 63)
          stack.append(w)
        }
      }
    }
    return false
  }
}
