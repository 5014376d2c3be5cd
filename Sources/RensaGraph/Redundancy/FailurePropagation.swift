/// The **certainly-failed** set: what fails, given that some nodes fail, under
/// the requirement semantics of ``RequirementGraph``.
///
/// Propagation is monotone: a failed node never recovers, and a group is lost
/// once more than `suppliers − needed` of its suppliers have failed. The result
/// is the *least* fixed point, the failures that are forced: suppliers on a
/// loop that back each other up (A is an alternative supplier of B and B of A)
/// keep each other working when a third supplier fails. See the article
/// "AND vs redundancy-aware closure" for how this differs from the dominator
/// (supply-path) reading on cyclic graphs.
///
/// Build it once and query many failed sets.
public struct FailurePropagation: Sendable {
  /// The graph.
  public let graph: RequirementGraph
  private let index: (offsets: [Int], groups: [UInt32])

  /// Prepares propagation over `graph`.
  ///
  /// - Complexity: O(n + total group size).
  public init(_ graph: RequirementGraph) {
    self.graph = graph
    self.index = graph.supplierIndex()
  }

  /// The nodes that certainly fail when `seeds` fail (seeds included), ascending.
  ///
  /// - Complexity: O(n + total group size).
  public func failed(from seeds: [Int]) -> [Int] {
    let mask = failureMask(from: seeds)
    return mask.indices.filter { mask[$0] }
  }

  /// `mask[v]` is true when `v` certainly fails.
  ///
  /// - Complexity: O(n + total group size).
  public func failureMask(from seeds: [Int]) -> [Bool] {
    let n = graph.nodeCount
    var failed = [Bool](repeating: false, count: n)
    // Failures still tolerated by each group before it is lost.
    var slack = (0..<graph.groupCount).map {
      Int(graph.supplierOffsets[$0 + 1] - graph.supplierOffsets[$0]) - Int(graph.needed[$0])
    }
    var queue: [Int] = []
    for s in seeds where !failed[s] {
      precondition(s >= 0 && s < n, "seed \(s) out of range")
      failed[s] = true
      queue.append(s)
    }
    var head = 0
    while head < queue.count {
      let u = queue[head]
      head += 1
      for i in index.offsets[u]..<index.offsets[u + 1] {
        let g = Int(index.groups[i])
        slack[g] -= 1
        if slack[g] == -1 {
          let d = Int(graph.owner[g])
          if !failed[d] {
            failed[d] = true
            queue.append(d)
          }
        }
      }
    }
    return failed
  }
}
