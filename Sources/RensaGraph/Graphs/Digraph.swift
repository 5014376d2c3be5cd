/// A compact, immutable directed graph in compressed sparse row (CSR) form.
///
/// Nodes are the integers `0..<nodeCount`; node indices are stored as 32-bit
/// unsigned integers, edge offsets as `Int`. The successors of every node are
/// sorted ascending and contain no duplicates: parallel edges given to the
/// initialiser are merged into one.
///
/// **Edge convention.** Throughout Rensa an edge goes from **supplier to
/// dependent**, the direction in which a failure propagates. The successors of a
/// node are therefore its direct dependents; its predecessors (the successors in
/// ``transposed()``) are its direct suppliers.
///
/// **Self-loops** are kept (``hasSelfLoop(_:)`` reports them) because they are
/// part of the input, but they never change which *other* nodes are reachable.
/// Following networkx, a node is never counted among its own descendants or
/// ancestors; ``TransitiveClosure/reaches(_:_:)`` does report `v → v` for a node
/// on a cycle or with a self-loop, since a path of length ≥ 1 exists.
///
/// ```swift
/// let g = Digraph(nodeCount: 3, edges: [(0, 1), (1, 2), (0, 1)])
/// g.edgeCount           // 2: the parallel edge 0 → 1 was merged
/// Array(g.successors(of: 0))  // [1]
/// ```
public struct Digraph: Sendable, Hashable {
  /// The number of nodes.
  public let nodeCount: Int
  /// `offsets[v] ..< offsets[v + 1]` is the range of `v`'s successors in `targets`.
  public let offsets: [Int]
  /// Successor lists, concatenated; each list sorted ascending without duplicates.
  public let targets: [UInt32]

  /// The number of (distinct) edges.
  @inlinable public var edgeCount: Int { targets.count }

  /// Creates a graph from an edge list.
  ///
  /// - Parameters:
  ///   - nodeCount: The number of nodes; every endpoint must be in `0..<nodeCount`.
  ///   - edges: `(source, target)` pairs. Parallel edges are merged.
  /// - Precondition: `nodeCount < UInt32.max` and every endpoint is a valid node.
  /// - Complexity: O(n + m), by two stable counting sorts.
  public init<S: Sequence>(nodeCount: Int, edges: S) where S.Element == (Int, Int) {
    var sources: [UInt32] = []
    var destinations: [UInt32] = []
    sources.reserveCapacity(edges.underestimatedCount)
    destinations.reserveCapacity(edges.underestimatedCount)
    for (s, t) in edges {
      precondition(s >= 0 && t >= 0, "edge (\(s), \(t)) has a negative endpoint")
      sources.append(UInt32(truncatingIfNeeded: s))
      destinations.append(UInt32(truncatingIfNeeded: t))
    }
    self.init(nodeCount: nodeCount, sources: sources, destinations: destinations)
  }

  /// Creates a graph from parallel arrays of edge endpoints.
  ///
  /// - Complexity: O(n + m).
  public init(nodeCount: Int, sources: [UInt32], destinations: [UInt32]) {
    precondition(nodeCount >= 0 && nodeCount < Int(UInt32.max), "node count out of range")
    precondition(sources.count == destinations.count, "endpoint arrays differ in length")
    for i in sources.indices {
      precondition(
        Int(sources[i]) < nodeCount && Int(destinations[i]) < nodeCount,
        "edge (\(sources[i]), \(destinations[i])) names a node outside 0..<\(nodeCount)")
    }
    let m = sources.count
    // Pass 1: stable counting sort of edge ids by destination.
    var byDestination = [UInt32](repeating: 0, count: m)
    var count = [Int](repeating: 0, count: nodeCount + 1)
    for t in destinations { count[Int(t) + 1] += 1 }
    for v in 0..<nodeCount { count[v + 1] += count[v] }
    for e in 0..<m {
      let t = Int(destinations[e])
      byDestination[count[t]] = UInt32(truncatingIfNeeded: e)
      count[t] += 1
    }
    // Pass 2: stable counting sort by source; targets end up sorted per source.
    var offsets = [Int](repeating: 0, count: nodeCount + 1)
    for s in sources { offsets[Int(s) + 1] += 1 }
    for v in 0..<nodeCount { offsets[v + 1] += offsets[v] }
    var cursor = offsets
    var sorted = [UInt32](repeating: 0, count: m)
    for e in byDestination {
      let s = Int(sources[Int(e)])
      sorted[cursor[s]] = destinations[Int(e)]
      cursor[s] += 1
    }
    // Pass 3: merge parallel edges in place.
    var write = 0
    var compactOffsets = [Int](repeating: 0, count: nodeCount + 1)
    for v in 0..<nodeCount {
      var previous: UInt32? = nil
      for i in offsets[v]..<offsets[v + 1] where sorted[i] != previous {
        sorted[write] = sorted[i]
        previous = sorted[i]
        write += 1
      }
      compactOffsets[v + 1] = write
    }
    sorted.removeLast(m - write)
    self.nodeCount = nodeCount
    self.offsets = compactOffsets
    self.targets = sorted
  }

  /// Creates a graph from already-built CSR arrays.
  ///
  /// - Precondition: `offsets` has `nodeCount + 1` non-decreasing entries starting at 0
  ///   and ending at `targets.count`; every list is sorted ascending without duplicates.
  public init(nodeCount: Int, offsets: [Int], targets: [UInt32]) {
    precondition(offsets.count == nodeCount + 1 && offsets.first == 0 && offsets.last == targets.count)
    #if RENSA_INTERNAL_CHECKS
      for v in 0..<nodeCount {
        precondition(offsets[v] <= offsets[v + 1])
        for i in offsets[v]..<offsets[v + 1] {
          precondition(Int(targets[i]) < nodeCount)
          if i > offsets[v] { precondition(targets[i - 1] < targets[i], "unsorted or duplicate") }
        }
      }
    #endif
    self.nodeCount = nodeCount
    self.offsets = offsets
    self.targets = targets
  }

  /// The direct successors (dependents) of `v`, sorted ascending.
  ///
  /// - Complexity: O(1).
  @inlinable
  public func successors(of v: Int) -> ArraySlice<UInt32> {
    targets[offsets[v]..<offsets[v + 1]]
  }

  /// The number of direct successors of `v`.
  @inlinable
  public func outDegree(of v: Int) -> Int { offsets[v + 1] - offsets[v] }

  /// Whether the edge `v → v` exists.
  ///
  /// - Complexity: O(log outDegree(v)).
  public func hasSelfLoop(_ v: Int) -> Bool { hasEdge(from: v, to: v) }

  /// Whether the edge `source → target` exists.
  ///
  /// - Complexity: O(log outDegree(source)), by binary search.
  public func hasEdge(from source: Int, to target: Int) -> Bool {
    var lo = offsets[source]
    var hi = offsets[source + 1]
    let t = UInt32(truncatingIfNeeded: target)
    while lo < hi {
      let mid = (lo + hi) / 2
      if targets[mid] < t { lo = mid + 1 } else { hi = mid }
    }
    return lo < offsets[source + 1] && targets[lo] == t
  }

  /// All edges in (source, target) order.
  public var edges: [(Int, Int)] {
    var result: [(Int, Int)] = []
    result.reserveCapacity(edgeCount)
    for v in 0..<nodeCount {
      for t in successors(of: v) { result.append((v, Int(t))) }
    }
    return result
  }

  /// The transpose: the same nodes with every edge reversed. Its successors are
  /// this graph's predecessors (a dependent's suppliers).
  ///
  /// - Complexity: O(n + m).
  public func transposed() -> Digraph {
    var offsets = [Int](repeating: 0, count: nodeCount + 1)
    for t in targets { offsets[Int(t) + 1] += 1 }
    for v in 0..<nodeCount { offsets[v + 1] += offsets[v] }
    var cursor = offsets
    var reversed = [UInt32](repeating: 0, count: edgeCount)
    // Sources are visited in ascending order, so every reversed list is sorted.
    for v in 0..<nodeCount {
      for t in successors(of: v) {
        reversed[cursor[Int(t)]] = UInt32(truncatingIfNeeded: v)
        cursor[Int(t)] += 1
      }
    }
    return Digraph(nodeCount: nodeCount, offsets: offsets, targets: reversed)
  }

  /// The in-degree of every node.
  ///
  /// - Complexity: O(n + m).
  public func inDegrees() -> [Int] {
    var degree = [Int](repeating: 0, count: nodeCount)
    for t in targets { degree[Int(t)] += 1 }
    return degree
  }
}
