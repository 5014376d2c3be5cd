import CRensaBits
import Dispatch
import Foundation
import RensaGraph
import InternalRensaUtilities

/// Distances between binary rows (sets of features). With a = |A|, b = |B| and
/// c = |A ∩ B|:
///
/// | metric | distance | scipy |
/// |---|---|---|
/// | Jaccard | (a + b − 2c)/(a + b − c) | `pdist(X, 'jaccard')` |
/// | Dice | (a + b − 2c)/(a + b) | `pdist(X, 'dice')` |
/// | overlap (Szymkiewicz–Simpson) | 1 − c/min(a, b) | — |
/// | cosine | 1 − c/√(ab) | `pdist(X, 'cosine')` |
///
/// **Empty rows** (no feature): two empty rows are at distance 0 (identical sets) and
/// an empty row is at distance 1 from any other row, for every metric. scipy agrees
/// for Jaccard; its Dice and cosine give NaN there instead.
public enum BinaryMetric: String, Sendable, Hashable, CaseIterable {
  case jaccard, dice, overlap, cosine

  var code: Int32 {
    switch self {
    case .jaccard: return 0
    case .dice: return 1
    case .overlap: return 2
    case .cosine: return 3
    }
  }
}

extension BinaryMatrix {
  /// Row ranges with about equal numbers of pairs (i, j > i), one per thread.
  func pairChunks(threads: Int) -> [Range<Int>] {
    let n = rowCount
    let total = n * (n - 1) / 2
    guard threads > 1, n > 1 else { return [0..<n] }
    var chunks: [Range<Int>] = []
    var start = 0
    var done = 0
    for t in 1...threads {
      let target = total * t / threads
      var end = start
      while end < n && (t == threads || done + (n - end - 1) <= target) {
        done += n - end - 1
        end += 1
      }
      if t == threads { end = n }
      if end > start { chunks.append(start..<end) }
      start = end
    }
    return chunks
  }

  /// Fills `out` (condensed order) with the distances of rows in `range`.
  func fillDistances<S>(_ metric: BinaryMetric, rows range: Range<Int>, into out: UnsafeMutablePointer<S>) {
    let n = rowCount
    words.withUnsafeBufferPointer { w in
      rowCounts.withUnsafeBufferPointer { counts in
        for i in range where i + 1 < n {
          let offset = n * i - i * (i + 1) / 2
          if S.self == Double.self {
            out.withMemoryRebound(to: Double.self, capacity: 1) { p in
              rensa_binary_distance_row(
                w.baseAddress, n, wordsPerRow, counts.baseAddress, i, i + 1, n, metric.code, p + offset, nil)
            }
          } else {
            out.withMemoryRebound(to: Float.self, capacity: 1) { p in
              rensa_binary_distance_row(
                w.baseAddress, n, wordsPerRow, counts.baseAddress, i, i + 1, n, metric.code, nil, p + offset)
            }
          }
        }
      }
    }
  }

  /// Pairwise distances between the rows, in condensed order, as `Double` or
  /// `Float` (half the memory; each value is the `Double` result rounded once).
  ///
  /// Set bits are counted with the CPU's vector popcount where it has one
  /// (AVX-512 VPOPCNTDQ); rows are split over `threads` threads (nil: all
  /// processors) by pair count, each pair computed by one thread, so the result is
  /// the same for any thread count.
  ///
  /// ```swift
  /// let m = BinaryMatrix(rows: [[true, true, false], [true, false, true], [false, false, false]])
  /// let d: CondensedDistances<Double> = try m.distances(.jaccard)
  /// d[0, 1]   // 2/3: one shared feature of three
  /// d[0, 2]   // 1: an empty row
  /// ```
  ///
  /// - Throws: `MemoryLimitExceeded` if n(n − 1)/2 values exceed `memoryLimit`
  ///   (default: half the memory).
  /// - Complexity: O(n² · columns / 64) word operations; memory n(n − 1)/2 scalars.
  public func distances<S: BinaryFloatingPoint & Sendable>(
    _ metric: BinaryMetric, as: S.Type = Double.self, threads: Int? = nil, memoryLimit: Int? = nil
  ) throws(MemoryLimitExceeded) -> CondensedDistances<S> {
    precondition(S.self == Double.self || S.self == Float.self, "distances are Double or Float")
    let n = rowCount
    let bytes = CondensedDistances<S>.byteCount(observations: n)
    let limit = memoryLimit ?? MemoryBudget.defaultLimit
    if bytes > limit {
      throw MemoryLimitExceeded(
        structure: "condensed \(n)-observation distance matrix (\(S.self == Float.self ? "Float" : "Double"))",
        bytesNeeded: bytes, limit: limit,
        alternative: S.self == Double.self ? "use Float distances (half the memory), or fewer rows" : "use fewer rows")
    }
    let m = n < 2 ? 0 : n * (n - 1) / 2
    let threadCount = threads ?? ProcessorCount.active
    let values = [S](unsafeUninitializedCapacity: m) { buffer, initialized in
      guard let base = buffer.baseAddress else {
        initialized = 0
        return
      }
      let chunks = pairChunks(threads: m < 100_000 ? 1 : max(1, threadCount))
      nonisolated(unsafe) let out = base
      if chunks.count <= 1 {
        fillDistances(metric, rows: 0..<n, into: out)
      } else {
        DispatchQueue.concurrentPerform(iterations: chunks.count) { t in
          fillDistances(metric, rows: chunks[t], into: out)
        }
      }
      initialized = m
    }
    return CondensedDistances(count: max(n, 1), unchecked: values)
  }
}
