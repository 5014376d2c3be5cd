import CRensaBits
import Dispatch

/// Options for building a ``TransitiveClosure``.
public struct ClosureOptions: Sendable, Hashable {
  /// The largest bit matrix the closure may allocate, in bytes.
  /// Default: ``MemoryBudget/defaultLimit`` (half of usable memory).
  public var memoryLimit: Int
  /// How many threads the kernel may use (≥ 1). Default: the active processor count.
  /// The result is identical for every thread count.
  public var threadCount: Int
  /// Bit-matrix size (in words) below which the closure runs on one thread,
  /// since starting threads costs more than it saves. Default 2¹⁶ words (512 KiB).
  public var parallelThreshold: Int

  public init(memoryLimit: Int = MemoryBudget.defaultLimit, threadCount: Int? = nil, parallelThreshold: Int = 1 << 16) {
    self.memoryLimit = memoryLimit
    self.threadCount = max(1, threadCount ?? ProcessorCount.active)
    self.parallelThreshold = parallelThreshold
  }
}

/// The all-pairs transitive closure of a ``Digraph``: for every node, the set of
/// nodes it reaches by a path of one or more edges (its **downstream** set, or
/// descendants) and, by transposition, the set that reaches it (its **upstream**
/// set, or ancestors).
///
/// ## Layout
/// The closure is a bit matrix with one row per strongly connected component
/// (all members of a component share a row) and one column per node. Columns
/// follow ``Condensation/position``: the members of each component are
/// contiguous and components are in topological order, so the row of component
/// `c` has no bits before the first member of `c`. Rows are built in reverse
/// topological order: a row is the OR of the rows of its successor components,
/// 64 reachability bits per machine word, touching only each row's non-zero word
/// range. Successors are visited in ascending topological order and skipped when
/// already reached through an earlier one (their row is then already included).
///
/// ```swift
/// let g = Digraph(nodeCount: 4, edges: [(0, 1), (1, 2), (2, 1), (3, 0)])
/// let closure = try TransitiveClosure(g)
/// closure.reaches(3, 2)            // true
/// closure.descendantCount(of: 0)   // 2: nodes 1 and 2
/// closure.descendantCount(of: 1)   // 1: node 2 (1 is not its own descendant)
/// closure.ancestorCounts()[1]      // 3: nodes 0, 2, 3
/// ```
///
/// - Complexity: O(m_c · n / 64) word operations in the worst case, where m_c is
///   the number of condensation edges, and far less on graphs with local
///   structure; memory `componentCount × ⌈n / 64⌉ × 8` bytes plus O(n + m).
public struct TransitiveClosure: Sendable {
  /// The condensation the closure is built on.
  public let condensation: Condensation
  /// Words per bit row (`⌈nodeCount / 64⌉`).
  public let wordsPerRow: Int
  @usableFromInline let storage: AlignedWords
  /// `descendantCounts[v]`: how many other nodes `v` reaches (networkx's
  /// `len(nx.descendants(G, v))`).
  public let descendantCounts: [Int]

  /// The number of nodes.
  public var nodeCount: Int { condensation.position.count }

  /// Bytes of the bit matrix for a graph with `nodeCount` nodes and
  /// `componentCount` strongly connected components, or `Int.max` on overflow.
  public static func requiredBytes(nodeCount: Int, componentCount: Int) -> Int {
    let words = (nodeCount + 63) / 64
    let (rowBytes, o1) = words.multipliedReportingOverflow(by: 8)
    let (total, o2) = rowBytes.multipliedReportingOverflow(by: componentCount)
    return o1 || o2 ? Int.max : total
  }

  /// Builds the closure of `graph`.
  ///
  /// - Throws: ``MemoryLimitExceeded`` when the bit matrix would exceed
  ///   `options.memoryLimit`; nothing large has been allocated then.
  public init(_ graph: Digraph, options: ClosureOptions = ClosureOptions()) throws(MemoryLimitExceeded) {
    try self.init(condensation: Condensation(graph), options: options)
  }

  /// Builds the closure from an existing condensation.
  ///
  /// - Throws: ``MemoryLimitExceeded`` when the bit matrix would exceed the limit.
  public init(condensation: Condensation, options: ClosureOptions = ClosureOptions())
    throws(MemoryLimitExceeded)
  {
    let n = condensation.position.count
    let c = condensation.count
    let needed = Self.requiredBytes(nodeCount: n, componentCount: c)
    let alternative =
      "use the single-source queries (Reachability.downstream/upstream, `rensa closure --from/--to`), "
      + "which need O(n + m) memory, or raise the limit (ClosureOptions.memoryLimit, `--memory-limit`)"
    guard needed <= options.memoryLimit else {
      throw MemoryLimitExceeded(
        structure: "all-pairs closure bit matrix (\(c) components × \(n) nodes)",
        bytesNeeded: needed, limit: options.memoryLimit, alternative: alternative)
    }
    let words = (n + 63) / 64
    guard let storage = AlignedWords(count: words * c) else {
      throw MemoryLimitExceeded(
        structure: "all-pairs closure bit matrix", bytesNeeded: needed, limit: options.memoryLimit,
        alternative: "the system refused the allocation; " + alternative)
    }
    self.condensation = condensation
    self.wordsPerRow = words
    self.storage = storage

    // Split the columns into one word range per thread. The work in a column grows
    // with its index (rows are upper-triangular), so equal-work boundaries sit at
    // words · √(t / T); ranges are rounded to whole 64-byte cache lines.
    let threads = (c * words >= options.parallelThreshold) ? min(options.threadCount, max(1, words)) : 1
    let alignment = words >= 8 * threads ? 8 : 1
    var bounds = [0]
    for t in 1..<threads {
      let raw = Int((Double(words) * (Double(t) / Double(threads)).squareRoot()).rounded())
      bounds.append(min(words, max(bounds[t - 1], raw / alignment * alignment)))
    }
    bounds.append(words)
    let ranges = (0..<threads).map { bounds[$0]..<bounds[$0 + 1] }
    // Row popcounts per thread (each thread counts its own word range), then summed.
    var partialCounts = [Int](repeating: 0, count: threads * c)
    partialCounts.withUnsafeMutableBufferPointer { partial in
      let partialBase = SendablePointer(partial.baseAddress!)
      let rows = SendablePointer(storage.base)
      DispatchQueue.concurrentPerform(iterations: threads) { t in
        Self.kernel(
          condensation, rows: rows.pointer, words: words, range: ranges[t],
          counts: partialBase.pointer + t * c)
      }
    }
    var rowCounts = [Int](repeating: 0, count: c)
    for t in 0..<threads {
      for k in 0..<c { rowCounts[k] += partialCounts[t * c + k] }
    }
    var descendantCounts = [Int](repeating: 0, count: n)
    for k in 0..<c {
      let own = condensation.isCyclic[k] ? 1 : 0
      for v in condensation.members(of: k) { descendantCounts[Int(v)] = rowCounts[k] - own }
    }
    self.descendantCounts = descendantCounts
  }

  /// Fills the word range `range` of every row; writes row popcounts (of that range) to `counts`.
  static func kernel(
    _ cond: Condensation, rows: UnsafeMutablePointer<UInt64>, words: Int, range: Range<Int>,
    counts: UnsafeMutablePointer<Int>
  ) {
    let c = cond.count
    guard c > 0, !range.isEmpty else { return }
    let w0 = range.lowerBound
    let w1 = range.upperBound
    let bit0 = w0 << 6
    let bit1 = min(w1 << 6, cond.position.count)
    // Non-zero word range of every row within [w0, w1); lo == hi means empty.
    var lo = [Int32](repeating: 0, count: c)
    var hi = [Int32](repeating: 0, count: c)
    cond.memberOffsets.withUnsafeBufferPointer { memberOffsets in
      cond.dag.offsets.withUnsafeBufferPointer { offsets in
        cond.dag.targets.withUnsafeBufferPointer { targets in
          cond.isCyclic.withUnsafeBufferPointer { isCyclic in
            lo.withUnsafeMutableBufferPointer { lo in
              hi.withUnsafeMutableBufferPointer { hi in
                var k = c - 1
                while k >= 0 {
                  let row = rows + k * words
                  var rowLo = Int.max
                  var rowHi = 0
                  if isCyclic[k] {
                    let from = max(memberOffsets[k], bit0)
                    let to = min(memberOffsets[k + 1], bit1)
                    if from < to {
                      row.setBits(from: from, to: to)
                      rowLo = from >> 6
                      rowHi = ((to - 1) >> 6) + 1
                    }
                  }
                  var e = offsets[k]
                  let end = offsets[k + 1]
                  while e < end {
                    let d = Int(targets[e])
                    e &+= 1
                    let first = memberOffsets[d]
                    // Row d and the members of d lie at positions ≥ first.
                    if first >= bit1 { break }  // successors are ascending: the rest lie beyond too
                    if first >= bit0 && row.testBit(first) { continue }  // already reached
                    let from = max(first, bit0)
                    let to = min(memberOffsets[d + 1], bit1)
                    if from < to {
                      row.setBits(from: from, to: to)
                      rowLo = min(rowLo, from >> 6)
                      rowHi = max(rowHi, ((to - 1) >> 6) + 1)
                    }
                    let dLo = Int(lo[d])
                    let dHi = Int(hi[d])
                    if dLo < dHi {
                      rensa_or_words(row + dLo, rows + d * words + dLo, dHi - dLo)
                      rowLo = min(rowLo, dLo)
                      rowHi = max(rowHi, dHi)
                    }
                  }
                  if rowLo < rowHi {
                    lo[k] = Int32(truncatingIfNeeded: rowLo)
                    hi[k] = Int32(truncatingIfNeeded: rowHi)
                    counts[k] = Int(rensa_popcount_words(row + rowLo, rowHi - rowLo))
                  } else {
                    counts[k] = 0
                  }
                  k -= 1
                }
              }
            }
          }
        }
      }
    }
  }

  /// Whether `target` is reachable from `source` by a path of one or more edges.
  ///
  /// - Complexity: O(1).
  @inlinable
  public func reaches(_ source: Int, _ target: Int) -> Bool {
    let row = Int(condensation.components.component[source])
    return (storage.base + row * wordsPerRow).testBit(Int(condensation.position[target]))
  }

  /// The number of other nodes that `v` reaches.
  ///
  /// - Complexity: O(1).
  @inlinable
  public func descendantCount(of v: Int) -> Int { descendantCounts[v] }

  /// The nodes that `v` reaches (excluding `v`), ascending.
  ///
  /// - Complexity: O(n / 64 + result size).
  public func descendants(of v: Int) -> [Int] {
    let row = storage.base + Int(condensation.components.component[v]) * wordsPerRow
    var result: [Int] = []
    result.reserveCapacity(descendantCounts[v])
    for w in 0..<wordsPerRow {
      var word = row[w]
      while word != 0 {
        let bit = word.trailingZeroBitCount
        word &= word &- 1
        let node = Int(condensation.members[(w << 6) | bit])
        if node != v { result.append(node) }
      }
    }
    result.sort()
    return result
  }

  /// For every node, how many other nodes reach it (networkx's
  /// `len(nx.ancestors(G, v))`).
  ///
  /// Column sums of the bit matrix, weighted by component size, accumulated in
  /// a bit-sliced vertical counter (⌈log₂(n + 1)⌉ bit planes of one row each).
  ///
  /// - Complexity: O(c · n / 64 · log n) word operations in the worst case,
  ///   usually O(c · n / 64); O(n) extra memory.
  public func ancestorCounts() -> [Int] {
    let n = nodeCount
    let c = condensation.count
    guard n > 0 else { return [] }
    let planes = max(1, Int.bitWidth - n.leadingZeroBitCount)
    let words = wordsPerRow
    var counter = [UInt64](repeating: 0, count: planes * words)
    counter.withUnsafeMutableBufferPointer { counter in
      for k in 0..<c {
        let row = storage.base + k * words
        for _ in 0..<condensation.size(of: k) {
          rensa_vertical_increment(counter.baseAddress!, planes, words, row, words)
        }
      }
    }
    var result = [Int](repeating: 0, count: n)
    for position in 0..<n {
      let word = position >> 6
      let shift = UInt64(position & 63)
      var value = 0
      for p in 0..<planes where (counter[p * words + word] >> shift) & 1 != 0 { value |= 1 << p }
      let v = Int(condensation.members[position])
      let own = condensation.isCyclic[Int(condensation.components.component[v])] ? 1 : 0
      result[v] = value - own
    }
    return result
  }
}

/// The number of processors available to this process.
public enum ProcessorCount {
  /// Active processors (at least 1).
  public static var active: Int {
    #if canImport(Glibc)
      let n = sysconf(Int32(_SC_NPROCESSORS_ONLN))
      return n > 0 ? n : 1
    #else
      return 1
    #endif
  }
}

#if canImport(Glibc)
  import Glibc
#endif
