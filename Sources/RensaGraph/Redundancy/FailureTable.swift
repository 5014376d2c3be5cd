import CRensaBits
import Dispatch
import InternalRensaUtilities

/// The table "what fails if X alone fails", for every node X, under the
/// redundancy-aware semantics of ``RequirementGraph`` (the certainly-failed set
/// of ``FailurePropagation`` for the single seed X).
///
/// Row X is a bit set over nodes (X included). Its transpose answers the other
/// question: the **single points of failure** of Y, the nodes whose failure
/// alone brings Y down.
///
/// ## Algorithm
/// 64 seeds are propagated at once: bit j of node v's machine word says "v fails
/// when seed j fails". Nodes are evaluated once, in topological order of the
/// supply graph's strongly connected components; the members of a cyclic
/// component are re-evaluated until their words stop changing (monotone, so
/// this reaches the least fixed point). A group that is lost when `t` of its
/// suppliers fail is evaluated bit-sliced: OR for `t = 1`, AND when all must
/// fail, and a `t`-level counter in between. Each batch of 64 words is then
/// transposed 64 × 64 into the table rows. Batches are independent and run on
/// all threads; the result does not depend on the thread count.
///
/// - Complexity: O((n + G) · ⌈n / 64⌉) word operations for acyclic supply
///   graphs (G = total group size), more for loops that need several sweeps;
///   memory `n × ⌈n / 64⌉ × 8` bytes.
public struct FailureTable: Sendable {
  /// The number of nodes.
  public let nodeCount: Int
  /// Words per row.
  public let wordsPerRow: Int
  let storage: MappedBuffer<UInt64>
  /// `failureCounts[x]`: how many *other* nodes fail when `x` alone fails.
  public let failureCounts: [Int]

  /// Bytes of the table for `nodeCount` nodes, or `Int.max` on overflow.
  public static func requiredBytes(nodeCount: Int) -> Int {
    TransitiveClosure.denseBytes(nodeCount: nodeCount, componentCount: nodeCount)
  }

  /// Builds the table.
  ///
  /// - Throws: ``MemoryLimitExceeded`` when the table would exceed `options.memoryLimit`.
  public init(_ graph: RequirementGraph, options: ClosureOptions = ClosureOptions()) throws(MemoryLimitExceeded) {
    let n = graph.nodeCount
    let needed = Self.requiredBytes(nodeCount: n)
    let alternative =
      "use FailureTable.failureCounts (O(n) memory) or FailurePropagation for single failures, "
      + "or raise ClosureOptions.memoryLimit"
    guard needed <= options.memoryLimit else {
      throw MemoryLimitExceeded(
        structure: "single-failure table (\(n) × \(n) bits)", bytesNeeded: needed, limit: options.memoryLimit,
        alternative: alternative, remedy: .failureCounts)
    }
    let words = (n + 63) / 64
    guard let storage = MappedBuffer<UInt64>(zeroedCount: words * n) else {
      throw MemoryLimitExceeded(
        structure: "single-failure table", bytesNeeded: needed, limit: options.memoryLimit,
        alternative: "the system refused the allocation; " + alternative, remedy: .failureCounts)
    }
    let engine = BatchPropagation(graph)
    let table = SendablePointer(storage.base)
    engine.forEachBatch(threadCount: options.threadCount) { batch, failed, touched in
      BatchPropagation.writeRows(
        batch: batch, lanes: min(64, n - (batch << 6)), failed: failed, touched: touched, nodeCount: n, words: words,
        into: table.pointer)
    }
    var counts = [Int](repeating: 0, count: n)
    for x in 0..<n { counts[x] = Int(rensa_popcount_words(storage.base + x * words, words)) - 1 }
    self.nodeCount = n
    self.wordsPerRow = words
    self.storage = storage
    self.failureCounts = counts
  }

  /// For every node x, how many other nodes fail when x alone fails, in O(n)
  /// memory per thread (no table is kept).
  ///
  /// The members of a component of the kill graph (``RequirementGraph/killComponents``)
  /// fail the same nodes, so one propagation per component answers for all of them: in a
  /// model where most nodes bring each other down, a few hundred instead of one per node.
  ///
  /// - Complexity: as building the table for one node per kill component, without its memory.
  /// - Parameters:
  ///   - graph: the requirement groups.
  ///   - threadCount: threads; `nil` for the active processor count. The counts do not
  ///     depend on it.
  public static func failureCounts(_ graph: RequirementGraph, threadCount: Int? = nil) -> [Int] {
    let threadCount = threadCount ?? ProcessorCount.active
    let n = graph.nodeCount
    guard n > 0 else { return [] }
    // The members of a kill component fail the same nodes (RequirementGraph.killComponents):
    // one propagation per component, from its first member.
    let kill = KillRepresentatives(graph)
    let (representatives, seedIndex) = (kill.representatives, kill.seedIndex)
    var seedCounts = [Int](repeating: 0, count: representatives.count)
    seedCounts.withUnsafeMutableBufferPointer { counts in
      seedIndex.withUnsafeBufferPointer { seedIndex in
        representatives.withUnsafeBufferPointer { representatives in
          let out = SendablePointer(counts.baseAddress!)
          let index = SendableConstPointer(seedIndex.baseAddress!)
          let seeds = SendableConstPointer(representatives.baseAddress!)
          let total = representatives.count
          BatchPropagation(graph).forEachBatch(
            batches: (total + 63) / 64, threadCount: threadCount,
            seeds: { RepresentativeSeeds(batch: $0, index: index.pointer, seeds: seeds.pointer, count: total) }
          ) { batch, failed, touched in
            // A 64-lane vertical counter: lane j counts the nodes that fail with seed j.
            var planes = [UInt64](repeating: 0, count: BitSlice.planes(for: n))
            for v in touched { BitSlice.add(failed[Int(v)], into: &planes) }
            for (j, count) in BitSlice.counts(planes, lanes: min(64, total - (batch << 6))).enumerated() {
              out.pointer[(batch << 6) + j] = count - 1
            }
          }
        }
      }
    }
    return kill.slot.map { seedCounts[Int($0)] }
  }

  /// Whether `y` fails when `x` alone fails (true for `y == x`).
  ///
  /// - Complexity: O(1).
  public func fails(_ y: Int, whenFails x: Int) -> Bool {
    (storage.base + x * wordsPerRow).testBit(y)
  }

  /// The nodes that fail when `x` alone fails, `x` excluded, ascending.
  ///
  /// - Complexity: O(n / 64 + result size).
  public func failed(whenFails x: Int) -> [Int] {
    let row = storage.base + x * wordsPerRow
    var result: [Int] = []
    for w in 0..<wordsPerRow {
      var word = row[w]
      while word != 0 {
        let v = (w << 6) | word.trailingZeroBitCount
        word &= word &- 1
        if v != x { result.append(v) }
      }
    }
    return result
  }

  /// The single points of failure of `y`: every other node whose failure alone
  /// brings `y` down, ascending.
  ///
  /// - Complexity: O(n).
  public func singlePointsOfFailure(of y: Int) -> [Int] {
    (0..<nodeCount).filter { $0 != y && fails(y, whenFails: $0) }
  }

  /// For every node y, how many other nodes bring it down alone: the sizes of
  /// ``singlePointsOfFailure(of:)`` for all nodes at once.
  ///
  /// - Complexity: O(n²/64 + the number of set bits), one pass over the rows.
  public var singlePointCounts: [Int] {
    var counts = [Int](repeating: 0, count: nodeCount)
    counts.withUnsafeMutableBufferPointer { counts in
      for x in 0..<nodeCount {
        let row = storage.base + x * wordsPerRow
        for w in 0..<wordsPerRow {
          var word = row[w]
          while word != 0 {
            let y = (w << 6) | word.trailingZeroBitCount
            word &= word &- 1
            if y != x { counts[y] += 1 }
          }
        }
      }
    }
    return counts
  }
}

/// Transposes a 64 × 64 bit matrix in place: afterwards bit i of word j is what
/// bit j of word i was.
@inlinable
func transpose64(_ a: UnsafeMutablePointer<UInt64>) {
  var j = 32
  var m: UInt64 = 0x0000_0000_FFFF_FFFF
  while j != 0 {
    var k = 0
    while k < 64 {
      let t = ((a[k] >> UInt64(j)) ^ a[k + j]) & m
      a[k] ^= t << UInt64(j)
      a[k + j] ^= t
      k = (k + j + 1) & ~j
    }
    j >>= 1
    m ^= m << UInt64(j)
  }
}

/// Propagates 64 single-node seeds at a time through a ``RequirementGraph``.
///
/// Only what a batch's failures reach is evaluated: a bit set over the supply
/// graph's components (in topological order) holds the components with a failed
/// supplier, scanned upwards; members of a cyclic component are re-evaluated until
/// their words stop changing (monotone, so the least fixed point). Work per batch is
/// proportional to the failures and their dependents, not to the graph; once more
/// than 1/64 of the nodes have failed the rest is scanned in order instead,
/// which is cheaper than marking when nearly everything fails.
struct BatchPropagation: Sendable {
  /// Writes a batch's failure words into the rows of its seeds: row `batch · 64 + j` (of
  /// `words` words) gets the nodes that fail with seed j. The 64 × 64 blocks (node block ×
  /// seed lane) that hold a failure are transposed; all other blocks of these rows are left
  /// as they are (zero in a fresh table).
  static func writeRows(
    batch: Int, lanes: Int, failed: UnsafeMutablePointer<UInt64>, touched: [UInt32], nodeCount n: Int, words: Int,
    into table: UnsafeMutablePointer<UInt64>
  ) {
    var blocks = Set<Int>()
    for v in touched { blocks.insert(Int(v) >> 6) }
    var block = [UInt64](repeating: 0, count: 64)
    block.withUnsafeMutableBufferPointer { block in
      let b = block.baseAddress!
      for nodeBlock in blocks {
        let first = nodeBlock << 6
        let count = min(64, n - first)
        for i in 0..<64 { b[i] = i < count ? failed[first + i] : 0 }
        transpose64(b)
        for j in 0..<lanes { table[((batch << 6) + j) * words + nodeBlock] = b[j] }
      }
    }
  }

  let graph: RequirementGraph
  let supply: Digraph
  let condensation: Condensation
  let maxThreshold: Int

  init(_ graph: RequirementGraph) {
    self.graph = graph
    self.supply = graph.supplyGraph
    self.condensation = Condensation(supply)
    var maxThreshold = 1
    for g in 0..<graph.groupCount {
      let size = graph.supplierOffsets[g + 1] - graph.supplierOffsets[g]
      maxThreshold = max(maxThreshold, size - Int(graph.needed[g]) + 1)
    }
    self.maxThreshold = maxThreshold
  }

  /// Runs `batches` batches of up to 64 seed sets, each given by `seeds(batch)`, spread
  /// over threads, and hands `body` the batch number, the failure word of every node (bit
  /// j: fails with the batch's seed set j) and the nodes whose word is non-zero.
  func forEachBatch<S: SeedWords>(
    batches: Int, threadCount: Int, seeds: @Sendable (_ batch: Int) -> S,
    _ body: @Sendable (_ batch: Int, _ failed: UnsafeMutablePointer<UInt64>, _ touched: [UInt32]) -> Void
  ) {
    let n = graph.nodeCount
    guard batches > 0, n > 0 else { return }
    let threads = max(1, min(threadCount, batches))
    DispatchQueue.concurrentPerform(iterations: threads) { t in
      var failed = [UInt64](repeating: 0, count: n)
      var counters = [UInt64](repeating: 0, count: maxThreshold + 1)
      var pending = [UInt64](repeating: 0, count: (condensation.count + 63) / 64)
      var touched: [UInt32] = []
      failed.withUnsafeMutableBufferPointer { failed in
        counters.withUnsafeMutableBufferPointer { counters in
          pending.withUnsafeMutableBufferPointer { pending in
            var batch = t
            while batch < batches {
              for v in touched { failed[Int(v)] = 0 }
              touched.removeAll(keepingCapacity: true)
              run(
                seeds: seeds(batch), failed: failed.baseAddress!, counters: counters.baseAddress!,
                pending: pending.baseAddress!, touched: &touched)
              body(batch, failed.baseAddress!, touched)
              batch += threads
            }
          }
        }
      }
    }
  }

  /// Runs every batch of 64 seeds (nodes 64b ..< 64b + 64) and hands `body` the batch
  /// number, the failure word of every node (bit j: fails with seed 64b + j) and the
  /// nodes whose word is non-zero. Batches are spread over threads; `body` must only
  /// write state that belongs to its batch.
  func forEachBatch(
    threadCount: Int,
    _ body: @Sendable (_ batch: Int, _ failed: UnsafeMutablePointer<UInt64>, _ touched: [UInt32]) -> Void
  ) {
    let n = graph.nodeCount
    forEachBatch(batches: (n + 63) / 64, threadCount: threadCount, seeds: { ConsecutiveSeeds(first: $0 << 6, nodeCount: n) }, body)
  }

  /// Fills `failed[v]` (all zero on entry) for every node the seeds reach (bit j: from
  /// seed set j) and lists in `touched` the nodes whose word became non-zero.
  func run<S: SeedWords>(
    seeds: S, failed: UnsafeMutablePointer<UInt64>, counters: UnsafeMutablePointer<UInt64>,
    pending: UnsafeMutablePointer<UInt64>, touched: inout [UInt32]
  ) {
    let n = graph.nodeCount
    let component = condensation.components.component
    graph.groupOffsets.withUnsafeBufferPointer { groupOffsets in
      graph.supplierOffsets.withUnsafeBufferPointer { supplierOffsets in
        graph.suppliers.withUnsafeBufferPointer { suppliers in
          graph.needed.withUnsafeBufferPointer { needed in
            @inline(__always) func evaluate(_ v: Int) -> UInt64 {
              var word: UInt64 = seeds.word(v)
              for g in groupOffsets[v]..<groupOffsets[v + 1] {
                let lo = supplierOffsets[g]
                let hi = supplierOffsets[g + 1]
                let size = hi - lo
                let threshold = size - Int(needed[g]) + 1  // failures that lose the group
                var lost: UInt64
                if threshold == 1 {
                  lost = 0
                  for i in lo..<hi { lost |= failed[Int(suppliers[i])] }
                } else if threshold == size {
                  lost = ~0
                  for i in lo..<hi { lost &= failed[Int(suppliers[i])] }
                } else {
                  // counters[k]: lanes with at least k failed suppliers so far.
                  counters[0] = ~0
                  for k in 1...threshold { counters[k] = 0 }
                  for i in lo..<hi {
                    let x = failed[Int(suppliers[i])]
                    var k = threshold
                    while k >= 1 {
                      counters[k] |= counters[k - 1] & x
                      k -= 1
                    }
                  }
                  lost = counters[threshold]
                }
                word |= lost
              }
              return word
            }
            @inline(__always) func mark(_ k: Int) { pending[k >> 6] |= 1 << UInt64(k & 63) }
            // Unsafe views: no array retains (and no refcount traffic between threads).
            component.withUnsafeBufferPointer { component in
              condensation.memberOffsets.withUnsafeBufferPointer { memberOffsets in
                condensation.members.withUnsafeBufferPointer { members in
                  condensation.isCyclic.withUnsafeBufferPointer { isCyclic in
                    supply.offsets.withUnsafeBufferPointer { supplyOffsets in
                      supply.targets.withUnsafeBufferPointer { supplyTargets in
                        var lowest = Int.max
                        seeds.forEachSeed { v in
                          let k = Int(component[v])
                          mark(k)
                          lowest = min(lowest, k)
                        }
                        // Sparse while few nodes fail: pop marked components in order. Once
                        // more than 1/64 of the nodes have failed, marking costs more than
                        // it saves, so scan every remaining component (dense).
                        let count = condensation.count
                        let words = (count + 63) / 64
                        var dense = false
                        var k = lowest
                        while k < count {
                          if !dense {
                            var w = k >> 6
                            while w < words && pending[w] == 0 { w += 1 }
                            if w == words { break }
                            k = (w << 6) | pending[w].trailingZeroBitCount
                            pending[w] &= pending[w] &- 1
                          }
                          let first = memberOffsets[k]
                          let last = memberOffsets[k + 1]
                          if isCyclic[k] {
                            var changed = true
                            while changed {
                              changed = false
                              for i in first..<last {
                                let v = Int(members[i])
                                let word = evaluate(v)
                                if word != failed[v] {
                                  failed[v] = word
                                  changed = true
                                }
                              }
                            }
                          } else {
                            let v = Int(members[first])
                            failed[v] = evaluate(v)
                          }
                          for i in first..<last {
                            let v = Int(members[i])
                            guard failed[v] != 0 else { continue }
                            touched.append(UInt32(truncatingIfNeeded: v))
                            // Dependents of a failing member may fail too (always a later component).
                            if !dense {
                              for e in supplyOffsets[v]..<supplyOffsets[v + 1] {
                                let kd = Int(component[Int(supplyTargets[e])])
                                if kd != k { mark(kd) }
                              }
                            }
                          }
                          if !dense && touched.count &* 64 > n { dense = true }
                          k += 1
                        }
                        if dense {
                          for w in 0..<words { pending[w] = 0 }
                        }
                      }
                    }
                  }
                }
              }
            }
          }
        }
      }
    }
  }
}

/// The seeds of one batch of the bit-parallel propagation: which lanes each node fails
/// in from the start.
protocol SeedWords {
  /// The lanes (bit j: seed set j) in which node `v` fails from the start.
  func word(_ v: Int) -> UInt64
  /// Calls `body` with every node that fails from the start in some lane.
  func forEachSeed(_ body: (Int) -> Void)
}

/// Seed set j is the single node `first + j` (the single-failure table).
struct ConsecutiveSeeds: SeedWords {
  let first: Int
  let nodeCount: Int
  @inline(__always) func word(_ v: Int) -> UInt64 { (v >= first && v < first + 64) ? 1 << UInt64(v - first) : 0 }
  @inline(__always) func forEachSeed(_ body: (Int) -> Void) { for v in first..<min(first + 64, nodeCount) { body(v) } }
}

/// Seed j of batch b is the (64b + j)-th representative node (`seeds`); `index[v]` is
/// node v's place among them, or −1.
struct RepresentativeSeeds: SeedWords {
  let batch: Int
  let index: UnsafePointer<Int32>
  let seeds: UnsafePointer<Int32>
  let count: Int
  @inline(__always) func word(_ v: Int) -> UInt64 {
    let i = Int(index[v])
    return i >= 0 && i >> 6 == batch ? 1 << UInt64(i & 63) : 0
  }
  @inline(__always) func forEachSeed(_ body: (Int) -> Void) {
    for i in (batch << 6)..<min((batch << 6) + 64, count) { body(Int(seeds[i])) }
  }
}

/// Seed sets given as lists of nodes (common-cause failures: every node sharing a
/// product, a site, …): `words[v]` holds the lanes of node v, `nodes` the seed nodes.
struct ListedSeeds: SeedWords {
  let words: UnsafePointer<UInt64>
  let nodes: UnsafeBufferPointer<Int32>
  @inline(__always) func word(_ v: Int) -> UInt64 { words[v] }
  @inline(__always) func forEachSeed(_ body: (Int) -> Void) { for v in nodes { body(Int(v)) } }
}
