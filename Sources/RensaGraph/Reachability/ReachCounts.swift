import CRensaBits
import Dispatch
import InternalRensaUtilities

/// For every node, how many other nodes it reaches (its descendants) or how many reach it
/// (its ancestors), without keeping the all-pairs matrix of ``TransitiveClosure``.
///
/// The same bit-parallel sweep as the closure (components in reverse topological order,
/// each row the OR of its successors' rows), run over **column blocks** of 64 × `w` nodes
/// at a time: a block's rows take `components × w` words, a few megabytes that stay in
/// cache and are reused from block to block, where the closure's matrix (312 MB for the
/// hard family at n = 50,000) costs more to fault in than to fill. Rows are skipped
/// outside their hull (the word range their reach can fall in), as in the closure, so the
/// work is the closure's. Blocks are independent and spread over threads; the counts do
/// not depend on the thread count.
///
/// ```swift
/// // grid → telecom ⇄ data-centre → bank
/// let c = Condensation(Digraph(nodeCount: 4, edges: [(0, 1), (1, 2), (2, 1), (2, 3)]))
/// ReachCounts.descendants(c)   // [3, 2, 2, 0]
/// ReachCounts.ancestors(c)     // [0, 2, 2, 3]
/// ```
///
/// - Complexity: as ``TransitiveClosure`` in time; O(components × w) words per thread.
public enum ReachCounts {
  /// Words per column block: 1,024 nodes, 128 bytes per component row (the fastest of
  /// 8, 16, 32 and 64 on the hard family at n = 50,000).
  static let blockWords = 16

  /// For every node, how many other nodes it reaches by a path of one or more edges
  /// (``TransitiveClosure/descendantCounts`` without the matrix).
  ///
  /// - Parameters:
  ///   - condensation: the graph's condensation.
  ///   - threadCount: threads; nil for the active processors. The counts do not depend on it.
  public static func descendants(_ condensation: Condensation, threadCount: Int? = nil) -> [Int] {
    descendants(condensation, threadCount: threadCount, blockWords: blockWords)
  }

  /// As ``descendants(_:threadCount:)`` with blocks of `w` words (the tests use small
  /// blocks, so that small graphs span many).
  static func descendants(_ condensation: Condensation, threadCount: Int?, blockWords w: Int) -> [Int] {
    let n = condensation.position.count
    let c = condensation.count
    guard n > 0 else { return [] }
    let (rowLo, rowOffsets) = TransitiveClosure.hulls(condensation)
    let blocks = (n + 64 * w - 1) / (64 * w)
    let threads = max(1, min(threadCount ?? ProcessorCount.active, blocks))
    // Per thread: the row counts of its blocks, added up after.
    let partial = UnsafeMutableBufferPointer<[Int]?>.allocate(capacity: threads)
    partial.initialize(repeating: nil)
    defer {
      _ = partial.deinitialize()
      partial.deallocate()
    }
    let slots = SendablePointer(partial.baseAddress!)
    let component = condensation.components.component
    DispatchQueue.concurrentPerform(iterations: threads) { t in
      var counts = [Int](repeating: 0, count: c)
      let rows = UnsafeMutablePointer<UInt64>.allocate(capacity: c * w)
      defer { rows.deallocate() }
      var nonzero = [Bool](repeating: false, count: c)
      condensation.memberOffsets.withUnsafeBufferPointer { memberOffsets in
        condensation.dag.offsets.withUnsafeBufferPointer { offsets in
          condensation.dag.targets.withUnsafeBufferPointer { targets in
            condensation.isCyclic.withUnsafeBufferPointer { isCyclic in
              rowOffsets.withUnsafeBufferPointer { rowOffsets in
                rowLo.withUnsafeBufferPointer { rowLo in
                  var b = t
                  while b < blocks {
                    let loWord = b * w
                    let hiWord = min(loWord + w, (n + 63) / 64)
                    let loBit = loWord << 6
                    let hiBit = min(hiWord << 6, n)
                    // Components after the one holding the block's last column reach
                    // nothing in it (their descendants come later in topological order).
                    let last = Int(component[Int(condensation.members[hiBit - 1])])
                    var k = last
                    while k >= 0 {
                      // Outside the row's hull: nothing in this block.
                      let hullLo = rowLo[k]
                      let hullHi = hullLo + rowOffsets[k + 1] - rowOffsets[k]
                      if hullHi <= loWord || hullLo >= hiWord {
                        nonzero[k] = false
                        k -= 1
                        continue
                      }
                      let row = rows + k * w
                      row.update(repeating: 0, count: w)
                      var any = false
                      if isCyclic[k] {
                        let from = max(memberOffsets[k], loBit)
                        let to = min(memberOffsets[k + 1], hiBit)
                        if from < to {
                          row.setBits(from: from - loBit, to: to - loBit)
                          any = true
                        }
                      }
                      for e in offsets[k]..<offsets[k + 1] {
                        let d = Int(targets[e])
                        guard d <= last else { continue }
                        let from = max(memberOffsets[d], loBit)
                        let to = min(memberOffsets[d + 1], hiBit)
                        if from < to {
                          row.setBits(from: from - loBit, to: to - loBit)
                          any = true
                        }
                        if nonzero[d] {
                          rensa_or_words(row, rows + d * w, w)
                          any = true
                        }
                      }
                      if any {
                        let bits = Int(rensa_popcount_words(row, w))
                        counts[k] &+= bits
                        nonzero[k] = bits > 0
                      } else {
                        nonzero[k] = false
                      }
                      k -= 1
                    }
                    b += threads
                  }
                }
              }
            }
          }
        }
      }
      slots.pointer[t] = counts
    }
    var rowCounts = [Int](repeating: 0, count: c)
    for t in 0..<threads {
      for (k, x) in partial[t]!.enumerated() { rowCounts[k] &+= x }
    }
    var result = [Int](repeating: 0, count: n)
    for k in 0..<c {
      let own = condensation.isCyclic[k] ? 1 : 0
      for v in condensation.members(of: k) { result[Int(v)] = rowCounts[k] - own }
    }
    return result
  }

  /// For every node, how many other nodes reach it (networkx's `len(nx.ancestors(G, v))`):
  /// the descendant counts of the reversed condensation.
  ///
  /// - Parameters:
  ///   - condensation: the graph's condensation.
  ///   - threadCount: threads; nil for the active processors. The counts do not depend on it.
  public static func ancestors(_ condensation: Condensation, threadCount: Int? = nil) -> [Int] {
    descendants(condensation.reversed(), threadCount: threadCount)
  }
}
