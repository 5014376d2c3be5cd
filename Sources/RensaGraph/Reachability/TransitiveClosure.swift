import Foundation
import CRensaBits
import InternalRensaUtilities

/// Options for building a ``TransitiveClosure``.
public struct ClosureOptions: Sendable, Hashable {
  /// The largest bit matrix the closure may allocate, in bytes.
  /// Default: `$RENSA_MEMORY_LIMIT` when set (e.g. `8G`, `512M`), else half of the
  /// usable memory (physical memory capped by the cgroup limit).
  public var memoryLimit: Int
  /// How many threads the batch kernels (``FailureTable``) may use (≥ 1). Default:
  /// the active processor count. Results are identical for every thread count.
  ///
  /// ``TransitiveClosure`` itself runs on one thread: splitting its columns between
  /// threads was measured slower on every benchmark family (row hulls form a band, so
  /// the threads' work falls in sequence, and one core already runs near the
  /// machine's memory bandwidth); see Docs/Architecture.md.
  public var threadCount: Int

  /// - Parameters:
  ///   - memoryLimit: bytes; `nil` for the default limit (above).
  ///   - threadCount: threads; `nil` for the active processor count.
  public init(memoryLimit: Int? = nil, threadCount: Int? = nil) {
    self.memoryLimit = memoryLimit ?? MemoryBudget.defaultLimit
    self.threadCount = max(1, threadCount ?? ProcessorCount.active)
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
/// `c` has no bits before the first member of `c`. Each row stores only its
/// **hull**, the word range from its lowest to its highest possible bit, found
/// by one pass over the condensation before anything is allocated (the lowest
/// bit is the first member of the first successor; the highest, the end of the
/// furthest successor hull). Rows are built in reverse topological order: a row is
/// the OR of the rows of its successor components, 64 reachability bits per
/// machine word, touching only each successor's non-zero word range. Successors
/// are visited in ascending topological order and skipped when already reached
/// through an earlier one (their row is then already included).
///
/// ```swift
/// let g = Digraph(nodeCount: 4, edges: [(0, 1), (1, 2), (2, 1), (3, 0)])
/// let closure = try TransitiveClosure(g)
/// closure.reaches(3, 2)            // true
/// closure.descendantCount(of: 0)   // 2: nodes 1 and 2
/// closure.descendantCount(of: 1)   // 1: node 2 (1 is not its own descendant)
/// try closure.ancestorCounts()[1]  // 3: nodes 0, 2, 3
/// ```
///
/// - Complexity: O(m_c · n / 64) word operations in the worst case, where m_c is
///   the number of condensation edges, and far less on graphs with local
///   structure; memory: the sum of the row hulls (``requiredBytes(for:)``), at most
///   `componentCount × ⌈n / 64⌉ × 8` bytes, plus O(n + m).
public struct TransitiveClosure: Sendable {
  /// The condensation the closure is built on.
  public let condensation: Condensation
  /// Words per full bit row (`⌈nodeCount / 64⌉`).
  public let wordsPerRow: Int
  /// Row `c` is stored at words `rowOffsets[c] ..< rowOffsets[c + 1]` of the buffer and
  /// covers word columns `rowLo[c] ..< rowLo[c] + (rowOffsets[c + 1] − rowOffsets[c])`.
  @usableFromInline let rowOffsets: [Int]
  @usableFromInline let rowLo: [Int]
  @usableFromInline let storage: MappedBuffer<UInt64>
  /// `descendantCounts[v]`: how many other nodes `v` reaches (networkx's
  /// `len(nx.descendants(G, v))`).
  public let descendantCounts: [Int]
  /// Work done while building, for bandwidth reports.
  public let statistics: Statistics

  /// Work counters of one build.
  public struct Statistics: Sendable, Hashable {
    /// Words OR-ed from a successor row into a row (each reads 2 words, writes 1).
    public var wordsOred: Int
    /// Words read to count bits.
    public var wordsCounted: Int
    /// Bytes of the stored row hulls.
    public var storedBytes: Int
    /// Bytes moved between cache and memory at least once per word touched:
    /// 24 per OR-ed word, 8 per counted word.
    public var bytesTouched: Int { wordsOred * 24 + wordsCounted * 8 }
  }

  /// The number of nodes.
  public var nodeCount: Int { condensation.position.count }

  /// Bytes of a dense bit matrix with one row per component and one bit per node
  /// (the upper bound of ``requiredBytes(for:)``), or `Int.max` on overflow.
  public static func denseBytes(nodeCount: Int, componentCount: Int) -> Int {
    let words = (nodeCount + 63) / 64
    let (rowBytes, o1) = words.multipliedReportingOverflow(by: 8)
    let (total, o2) = rowBytes.multipliedReportingOverflow(by: componentCount)
    return o1 || o2 ? Int.max : total
  }

  /// The exact bytes the closure of `condensation` stores (the sum of its row hulls).
  ///
  /// - Complexity: O(components + condensation edges).
  public static func requiredBytes(for condensation: Condensation) -> Int {
    let (_, offsets) = hulls(condensation)
    return offsets.last! * 8
  }

  /// Word hull of every row: `lo[c]` and the prefix sums of the hull widths.
  static func hulls(_ cond: Condensation) -> (lo: [Int], offsets: [Int]) {
    let c = cond.count
    var loBit = [Int](repeating: 0, count: c)
    var hiBit = [Int](repeating: 0, count: c)  // exclusive; lo == hi: empty
    var k = c - 1
    while k >= 0 {
      var lo = Int.max
      var hi = 0
      if cond.isCyclic[k] {
        lo = cond.memberOffsets[k]
        hi = cond.memberOffsets[k + 1]
      }
      for d in cond.dag.successors(of: k) {
        let d = Int(d)
        lo = min(lo, cond.memberOffsets[d])
        hi = max(hi, cond.memberOffsets[d + 1], hiBit[d])
      }
      if lo < hi {
        loBit[k] = lo
        hiBit[k] = hi
      }
      k -= 1
    }
    var lo = [Int](repeating: 0, count: c)
    var offsets = [Int](repeating: 0, count: c + 1)
    for k in 0..<c {
      var width = 0
      if loBit[k] < hiBit[k] {
        lo[k] = loBit[k] >> 6
        width = ((hiBit[k] - 1) >> 6) + 1 - lo[k]
      }
      offsets[k + 1] = offsets[k] &+ width
    }
    return (lo, offsets)
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
    let (rowLo, rowOffsets) = Self.hulls(condensation)
    let storedWords = rowOffsets[c]
    let (needed, overflow) = storedWords.multipliedReportingOverflow(by: 8)
    let alternative =
      "use the single-source queries (Reachability.downstream/upstream), which need O(n + m) memory, "
      + "or raise ClosureOptions.memoryLimit"
    guard !overflow, needed <= options.memoryLimit else {
      throw MemoryLimitExceeded(
        structure: "all-pairs closure bit matrix (\(c) components × \(n) nodes)",
        bytesNeeded: overflow ? Int.max : needed, limit: options.memoryLimit, alternative: alternative,
        remedy: .singleSourceQueries)
    }
    guard let storage = MappedBuffer<UInt64>(zeroedCount: storedWords) else {
      throw MemoryLimitExceeded(
        structure: "all-pairs closure bit matrix", bytesNeeded: needed, limit: options.memoryLimit,
        alternative: "the system refused the allocation; " + alternative, remedy: .singleSourceQueries)
    }
    let words = (n + 63) / 64
    self.condensation = condensation
    self.wordsPerRow = words
    self.rowOffsets = rowOffsets
    self.rowLo = rowLo
    self.storage = storage

    var rowCounts = [Int](repeating: 0, count: c)
    let work = rowCounts.withUnsafeMutableBufferPointer { counts in
      Self.kernel(condensation, rows: storage.base, rowOffsets: rowOffsets, rowLo: rowLo, counts: counts.baseAddress!)
    }
    self.statistics = Statistics(wordsOred: work.ored, wordsCounted: work.counted, storedBytes: needed)
    var descendantCounts = [Int](repeating: 0, count: n)
    for k in 0..<c {
      let own = condensation.isCyclic[k] ? 1 : 0
      for v in condensation.members(of: k) { descendantCounts[Int(v)] = rowCounts[k] - own }
    }
    self.descendantCounts = descendantCounts
  }

  /// Fills every row; writes row popcounts to `counts`; returns the words OR-ed and counted.
  ///
  /// A row's hull is exactly the word range of its set bits (the first member of its
  /// first successor is set, and so is the last bit of its furthest successor), so each
  /// successor row is OR-ed over its whole stored hull.
  static func kernel(
    _ cond: Condensation, rows: UnsafeMutablePointer<UInt64>, rowOffsets: [Int], rowLo: [Int],
    counts: UnsafeMutablePointer<Int>
  ) -> (ored: Int, counted: Int) {
    let c = cond.count
    var ored = 0
    cond.memberOffsets.withUnsafeBufferPointer { memberOffsets in
      cond.dag.offsets.withUnsafeBufferPointer { offsets in
        cond.dag.targets.withUnsafeBufferPointer { targets in
          cond.isCyclic.withUnsafeBufferPointer { isCyclic in
            rowOffsets.withUnsafeBufferPointer { rowOffsets in
              rowLo.withUnsafeBufferPointer { rowLo in
                var k = c - 1
                while k >= 0 {
                  // `row[i]` is word column `rowLo[k] + i` of row k.
                  let row = rows + rowOffsets[k]
                  let baseBit = rowLo[k] << 6
                  if isCyclic[k] {
                    row.setBits(from: memberOffsets[k] - baseBit, to: memberOffsets[k + 1] - baseBit)
                  }
                  for e in offsets[k]..<offsets[k + 1] {
                    let d = Int(targets[e])
                    let first = memberOffsets[d]
                    // Already reached through an earlier successor: row d is included.
                    if row.testBit(first - baseBit) { continue }
                    row.setBits(from: first - baseBit, to: memberOffsets[d + 1] - baseBit)
                    let width = rowOffsets[d + 1] - rowOffsets[d]
                    if width > 0 {
                      rensa_or_words(row + (rowLo[d] - rowLo[k]), rows + rowOffsets[d], width)
                      ored &+= width
                    }
                  }
                  let width = rowOffsets[k + 1] - rowOffsets[k]
                  counts[k] = width > 0 ? Int(rensa_popcount_words(row, width)) : 0
                  k -= 1
                }
              }
            }
          }
        }
      }
    }
    return (ored, rowOffsets[c])
  }

  /// Bit `position` (a column, see ``Condensation/position``) of component `row`.
  @inlinable
  func bit(row: Int, position: Int) -> Bool {
    let word = position >> 6
    let lo = rowLo[row]
    guard word >= lo && word - lo < rowOffsets[row + 1] - rowOffsets[row] else { return false }
    return (storage.base[rowOffsets[row] + word - lo] >> UInt64(position & 63)) & 1 != 0
  }

  /// Whether `target` is reachable from `source` by a path of one or more edges.
  ///
  /// - Complexity: O(1).
  @inlinable
  public func reaches(_ source: Int, _ target: Int) -> Bool {
    bit(row: Int(condensation.components.component[source]), position: Int(condensation.position[target]))
  }

  /// The number of other nodes that `v` reaches.
  ///
  /// - Complexity: O(1).
  @inlinable
  public func descendantCount(of v: Int) -> Int { descendantCounts[v] }

  /// The nodes that `v` reaches (excluding `v`), ascending.
  ///
  /// - Complexity: O(row hull / 64 + result size).
  public func descendants(of v: Int) -> [Int] {
    let k = Int(condensation.components.component[v])
    let row = storage.base + rowOffsets[k]
    var result: [Int] = []
    result.reserveCapacity(descendantCounts[v])
    for i in 0..<(rowOffsets[k + 1] - rowOffsets[k]) {
      var word = row[i]
      while word != 0 {
        let bit = word.trailingZeroBitCount
        word &= word &- 1
        let node = Int(condensation.members[((rowLo[k] + i) << 6) | bit])
        if node != v { result.append(node) }
      }
    }
    result.sort()
    return result
  }

  /// For every node, how many other nodes reach it (networkx's
  /// `len(nx.ancestors(G, v))`): the descendant counts of the transposed graph,
  /// computed by the same kernel on ``Condensation/reversed()`` (no second SCC
  /// search). The reversed bit matrix is freed before this returns.
  ///
  /// - Throws: ``MemoryLimitExceeded`` when the reversed matrix does not fit `options.memoryLimit`.
  /// - Complexity: as building the closure.
  public func ancestorCounts(options: ClosureOptions = ClosureOptions()) throws(MemoryLimitExceeded) -> [Int] {
    try TransitiveClosure(condensation: condensation.reversed(), options: options).descendantCounts
  }
}
