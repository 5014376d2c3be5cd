import InternalRensaUtilities

extension Linkage {
  /// The same tree with children swapped so that the dendrogram's leaf order minimises
  /// the sum of the distances between neighbouring leaves (scipy's
  /// `optimal_leaf_ordering`; Bar-Joseph, Gifford & Jaakkola 2001). Merges, heights
  /// and clusters are unchanged; only which child is drawn on the left changes, so
  /// ``Merge/left`` may then be the larger id, as in scipy's result. The root's
  /// children keep their sides (reversing the whole order costs the same).
  ///
  /// Exact dynamic programme: for every node and every pair (u, w) of a leaf of its
  /// left child and a leaf of its right child, the cheapest ordering of the node's
  /// leaves that starts at u and ends at w, in two min-plus passes
  /// (min over the inner left endpoint, then over the inner right endpoint). Ties go to
  /// the first candidate in the current leaf order.
  ///
  /// - Parameters:
  ///   - distances: the distances the tree was built from (or any others).
  ///   - memoryLimit: bytes for the two n × n working matrices (nil:
  ///     `MemoryBudget.defaultLimit`).
  /// - Throws: ``ClusterError/invalidDistances(_:)`` when `distances` has another
  ///   number of observations, ``ClusterError/memoryLimitExceeded(_:)`` when 16 n²
  ///   bytes exceed the limit.
  /// - Complexity: O(Σ over merges of |L|·|R|·(|L| + |R|)), at most O(n³) (about n³/3
  ///   for a balanced tree); memory 16 n² bytes.
  public func optimalLeafOrdering<S>(_ distances: CondensedDistances<S>, memoryLimit: Int? = nil) throws(ClusterError)
    -> Linkage
  {
    let n = observationCount
    guard distances.count == n else {
      throw .invalidDistances("\(distances.count) observations in the distances, \(n) in the tree")
    }
    try ClusterError.checkSquare(
      n, bytesPerEntry: 16, memoryLimit: memoryLimit,
      structure: "optimal leaf ordering of \(n) observations (two \(n) × \(n) matrices)",
      alternative: "raise the memory limit, or use the plain leaf order (leafOrder)")
    if n <= 2 { return self }
    // Work in positions of the current leaf order: every cluster is a range of them.
    let leaves = leafOrder
    var lo = [Int](repeating: 0, count: 2 * n - 1)
    var hi = [Int](repeating: 0, count: 2 * n - 1)
    for (p, leaf) in leaves.enumerated() {
      lo[leaf] = p
      hi[leaf] = p + 1
    }
    for (i, m) in merges.enumerated() {
      lo[n + i] = min(lo[m.left], lo[m.right])
      hi[n + i] = max(hi[m.left], hi[m.right])
    }
    // d[p * n + q]: the distance between the leaves at positions p and q.
    var d = [Double](repeating: 0, count: n * n)
    for p in 0..<n {
      for q in (p + 1)..<n {
        let v = Double(distances[leaves[p], leaves[q]])
        d[p * n + q] = v
        d[q * n + p] = v
      }
    }
    // cost[u * n + w]: the cheapest order of the leaves of the lowest common ancestor
    // of u and w that starts at u and ends at w (0 for u = w).
    var cost = [Double](repeating: 0, count: n * n)
    /// The positions of the child of `id` that does not contain position `p`
    /// (the leaf itself for a leaf).
    func other(_ id: Int, _ p: Int) -> Range<Int> {
      guard id >= n else { return p..<(p + 1) }
      let m = merges[id - n]
      let first = lo[m.left] <= p && p < hi[m.left] ? m.right : m.left
      return lo[first]..<hi[first]
    }
    var best = [Double](repeating: 0, count: n)
    d.withUnsafeBufferPointer { d in
      cost.withUnsafeMutableBufferPointer { cost in
        best.withUnsafeMutableBufferPointer { best in
          for m in merges {
            let left = lo[m.left]..<hi[m.left]
            let right = lo[m.right]..<hi[m.right]
            for u in left {
              let inner = other(m.left, u)
              // best[k] = min over m in inner of cost(u, m) + d(m, k), for k in right.
              for k in right { best[k] = .infinity }
              for mm in inner {
                let c = cost[u * n + mm]
                let row = mm * n
                for k in right {
                  let v = c + d[row + k]
                  if v < best[k] { best[k] = v }
                }
              }
              for w in right {
                var value = Double.infinity
                for k in other(m.right, w) {
                  let v = best[k] + cost[w * n + k]
                  if v < value { value = v }
                }
                cost[u * n + w] = value
                cost[w * n + u] = value
              }
            }
          }
        }
      }
    }
    // Reconstruct from the root: which child comes first at every node.
    var swapped = [Bool](repeating: false, count: n - 1)
    let root = 2 * n - 2
    let top = merges[n - 2]
    var start = lo[top.left]
    var end = lo[top.right]
    var lowest = Double.infinity
    for u in lo[top.left]..<hi[top.left] {
      for w in lo[top.right]..<hi[top.right] where cost[u * n + w] < lowest {
        lowest = cost[u * n + w]
        start = u
        end = w
      }
    }
    // (node, its first leaf position, its last leaf position)
    var stack = [(root, start, end)]
    while let (id, a, b) = stack.popLast() {
      guard id >= n else { continue }
      let m = merges[id - n]
      let aInLeft = lo[m.left] <= a && a < hi[m.left]
      swapped[id - n] = !aInLeft
      let first = aInLeft ? m.left : m.right
      let second = aInLeft ? m.right : m.left
      // The split: the last leaf mm of `first` and the first leaf k of `second`.
      var splitM = a
      var splitK = b
      var lowestSplit = Double.infinity
      for mm in other(first, a) {
        for k in other(second, b) {
          let v = cost[a * n + mm] + d[mm * n + k] + cost[k * n + b]
          if v < lowestSplit {
            lowestSplit = v
            splitM = mm
            splitK = k
          }
        }
      }
      stack.append((second, splitK, b))
      stack.append((first, a, splitM))
    }
    let reordered = merges.enumerated().map { i, m in
      swapped[i] ? Merge(left: m.right, right: m.left, distance: m.distance, size: m.size) : m
    }
    return Linkage(observationCount: n, merges: reordered, method: method)
  }

  /// The sum of the distances between neighbouring leaves of ``leafOrder``: what
  /// ``optimalLeafOrdering(_:memoryLimit:)`` minimises.
  public func leafOrderCost<S>(_ distances: CondensedDistances<S>) -> Double {
    let order = leafOrder
    return zip(order, order.dropFirst()).reduce(0.0) { $0 + Double(distances[$1.0, $1.1]) }
  }
}
