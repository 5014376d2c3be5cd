import Dispatch
import InternalRensaUtilities

/// Hidden common modes of redundancy: **causes** — sets of nodes that fail together,
/// such as every asset running one product, every asset at one site or in one flood
/// zone, or a single upstream node — whose failure, through the cascade, loses a
/// requirement group that has an alternative to spare.
///
/// A group of `n` suppliers of which `k` are needed is **redundant** when `k < n`: it
/// survives the loss of any `n − k` of them. A cause is a hidden common mode of the group
/// when the failures it starts (with every group of every node honoured, k-of-n
/// included, as ``FailurePropagation`` computes them) take down more than `n − k` of its
/// suppliers: the redundancy does not protect against that cause. A group that is not
/// redundant is not audited (any loss of a supplier loses it: that is no hidden mode).
///
/// The causes are propagated 64 at a time by the bit-parallel engine of
/// ``FailureTable`` (one lane per cause), so thousands of causes cost about as much as
/// `causes / 64` single propagations. Causes that meet the same components of the kill
/// graph (``RequirementGraph/killComponents``) fail the same nodes, so they share a lane:
/// where most nodes bring each other down (a large loop of plain requirements), the single
/// upstream nodes of a national model need a few hundred propagations, not one per node.
///
/// ```swift
/// // Node 2 needs 1 of {0, 1}; both run product P (cause 0); 3 is an upstream node of both.
/// let graph = RequirementGraph(nodeCount: 4, groups: [
///   .init(dependent: 2, suppliers: [0, 1], needed: 1),
///   .init(dependent: 0, suppliers: [3]), .init(dependent: 1, suppliers: [3])])
/// let audit = CommonModeAudit(graph, causes: [[0, 1], [3], [0]])
/// audit.modes.map(\.cause)   // [0, 1]: the shared product, the upstream node; not node 0 alone
/// ```
///
/// - Complexity: O(⌈d / 64⌉ · (n + m + Σ group sizes)) time for d distinct causes (d ≤ c,
///   the causes; see ``distinctPropagations``), plus O(n + m + Σ cause sizes) to find
///   them; O(n) memory per thread beyond the result.
public struct CommonModeAudit: Sendable {
  /// One redundant group lost to one cause.
  public struct Mode: Sendable, Hashable {
    /// The group (index among the graph's groups) and the node that needs it.
    public var group: Int
    public var dependent: Int
    /// The cause (index into the causes given).
    public var cause: Int
    /// The group's suppliers that fail, of all of them, and how many it needs.
    public var failedSuppliers: Int
    public var suppliers: Int
    public var needed: Int
    /// Every node that fails from the cause (its own nodes included).
    public var failedNodes: Int

    public init(group: Int, dependent: Int, cause: Int, failedSuppliers: Int, suppliers: Int, needed: Int, failedNodes: Int) {
      self.group = group
      self.dependent = dependent
      self.cause = cause
      self.failedSuppliers = failedSuppliers
      self.suppliers = suppliers
      self.needed = needed
      self.failedNodes = failedNodes
    }
  }

  /// The groups lost to the summarised causes (single upstream nodes, typically): how many
  /// of them defeat the group, and the few that fail fewest nodes.
  public struct Summary: Sendable, Hashable {
    public var group: Int
    public var dependent: Int
    /// Summarised causes that defeat the group.
    public var count: Int
    /// Up to ``examplesKept`` of them, fewest failed nodes first (then cause index): the
    /// most specific causes, those nearest the group.
    public var examples: [(cause: Int, failedNodes: Int)]

    public static func == (a: Summary, b: Summary) -> Bool {
      a.group == b.group && a.dependent == b.dependent && a.count == b.count
        && a.examples.map(\.cause) == b.examples.map(\.cause) && a.examples.map(\.failedNodes) == b.examples.map(\.failedNodes)
    }
    public func hash(into h: inout Hasher) {
      h.combine(group)
      h.combine(count)
    }
  }

  /// How many examples a summary keeps.
  public static let examplesKept = 3

  /// Every hidden common mode of the listed causes, by group, then cause.
  public let modes: [Mode]
  /// The groups lost to summarised causes, by group.
  public let summaries: [Summary]
  /// For each cause, how many redundant groups it defeats.
  public let groupsDefeated: [Int]
  /// For each cause, how many nodes fail from it.
  public let failedCounts: [Int]
  /// The redundant groups audited.
  public let redundantGroups: Int
  /// The propagations run: causes that meet the same components of the kill graph
  /// (`RequirementGraph.killComponents`) fail the same nodes and share one.
  public let distinctPropagations: Int
  /// The hidden common modes of the listed causes, all of them, of which ``modes`` holds
  /// those kept (every one, unless `modesPerGroup` bounds them).
  public let listedModeCount: Int

  /// - Parameters:
  ///   - graph: the requirement groups.
  ///   - causes: each cause's nodes (indices below `graph.nodeCount`; empty causes fail nothing).
  ///   - summarisingFrom: causes from this index on are summarised per group (``summaries``)
  ///     instead of listed (``modes``): single upstream nodes of a national model each
  ///     defeat many groups, and listing every pair would not fit in memory. nil: none.
  ///   - modesPerGroup: at most this many modes of listed causes are kept per group, those
  ///     failing fewest nodes (then lowest cause); nil: all. In a model where most causes
  ///     fail most of it (a supercritical cascade), every cause defeats every group and
  ///     listing every pair would not fit in memory; ``listedModeCount`` still counts them
  ///     all, and ``groupsDefeated`` is exact.
  ///   - threadCount: threads; nil for the active processors. The result does not depend on it.
  public init(
    _ graph: RequirementGraph, causes: [[Int]], summarisingFrom: Int? = nil, modesPerGroup: Int? = nil, threadCount: Int? = nil
  ) {
    let summariseFrom = summarisingFrom ?? causes.count
    let n = graph.nodeCount
    for c in causes { for v in c { precondition(v >= 0 && v < n, "cause node \(v) of \(n)") } }
    // The redundant groups and the lanes lost in each: threshold = n − k + 1 failures.
    let redundant = (0..<graph.groupCount).filter {
      graph.supplierOffsets[$0 + 1] - graph.supplierOffsets[$0] > Int(graph.needed[$0])
    }
    redundantGroups = redundant.count
    let maxGroupSize = redundant.map { graph.supplierOffsets[$0 + 1] - graph.supplierOffsets[$0] }.max() ?? 1
    // Causes that meet the same components of the kill graph fail the same nodes
    // (RequirementGraph.killComponents): one lane propagates them all. A lane's causes are
    // ascending, lanes ordered by their first cause.
    let killComponent = graph.killComponents.component
    var laneOfKey: [[UInt32]: Int] = [:]
    var lanesFound: [[Int]] = []
    var laneOfCause = [Int](repeating: 0, count: causes.count)
    for (c, nodes) in causes.enumerated() {
      let key = Array(Set(nodes.map { killComponent[$0] })).sorted()
      if let lane = laneOfKey[key] {
        lanesFound[lane].append(c)
        laneOfCause[c] = lane
      } else {
        laneOfKey[key] = lanesFound.count
        laneOfCause[c] = lanesFound.count
        lanesFound.append([c])
      }
    }
    laneOfKey = [:]
    let laneCauses = lanesFound
    let laneTotal = laneCauses.count
    let batches = (laneTotal + 63) / 64
    let engine = BatchPropagation(graph)
    let threads = max(1, min(threadCount ?? ProcessorCount.active, max(1, batches)))
    // Per batch: its modes, and per lane the nodes failed and groups defeated, written by
    // the thread that runs it.
    let perBatch = UnsafeMutableBufferPointer<(modes: [Mode], counts: [Int], defeated: [Int])?>
      .allocate(capacity: max(1, batches))
    perBatch.initialize(repeating: nil)
    defer {
      _ = perBatch.deinitialize()
      perBatch.deallocate()
    }
    let slots = SendablePointer(perBatch.baseAddress!)
    // Summaries accumulate per thread (counts add; the examples kept are the smallest by a
    // total order), so the merge does not depend on which thread ran which batch, and no
    // batch's summaries are held beyond it.
    let groupCount = graph.groupCount
    let kept = Self.examplesKept
    // Bounded listing: per thread and group, the `bound` smallest (failed, cause) modes.
    let bound = modesPerGroup.map { max(1, $0) }
    let listing = bound != nil && summariseFrom > 0
    let threadListed = UnsafeMutableBufferPointer<(count: [Int], cause: [Int], failed: [Int], down: [Int])?>.allocate(capacity: threads)
    threadListed.initialize(repeating: nil)
    defer {
      _ = threadListed.deinitialize()
      threadListed.deallocate()
    }
    let listedSlots = SendablePointer(threadListed.baseAddress!)
    let threadSummaries = UnsafeMutableBufferPointer<(count: [Int], cause: [Int], failed: [Int])?>.allocate(capacity: threads)
    threadSummaries.initialize(repeating: nil)
    defer {
      _ = threadSummaries.deinitialize()
      threadSummaries.deallocate()
    }
    let summarySlots = SendablePointer(threadSummaries.baseAddress!)
    if batches > 0 && n > 0 {
      DispatchQueue.concurrentPerform(iterations: threads) { t in
        var failed = [UInt64](repeating: 0, count: n)
        var words = [UInt64](repeating: 0, count: n)
        var counters = [UInt64](repeating: 0, count: engine.maxThreshold + 1)
        var pending = [UInt64](repeating: 0, count: (engine.condensation.count + 63) / 64)
        var touched: [UInt32] = []
        var seedNodes: [Int32] = []
        var summaryCount = [Int](repeating: 0, count: summariseFrom < causes.count ? groupCount : 0)
        var exampleCause = [Int](repeating: -1, count: summaryCount.count * kept)
        var exampleFailed = [Int](repeating: 0, count: summaryCount.count * kept)
        let per = bound ?? 0
        var listedCount = [Int](repeating: 0, count: listing ? groupCount : 0)
        var listedCause = [Int](repeating: -1, count: listedCount.count * per)
        var listedFailed = [Int](repeating: 0, count: listedCount.count * per)
        var listedDown = [Int](repeating: 0, count: listedCount.count * per)
        // Bit planes of the vertical counters: nodes failed per lane, groups lost per lane,
        // and a group's failed suppliers per lane.
        var planes = [UInt64](repeating: 0, count: BitSlice.planes(for: n))
        var groupPlanes = [UInt64](repeating: 0, count: BitSlice.planes(for: groupCount))
        var supplierPlanes = [UInt64](repeating: 0, count: BitSlice.planes(for: maxGroupSize))
        // Per lane of the batch: its listed and its summarised causes (ascending).
        var listedOf = [[Int]](repeating: [], count: 64)
        var summarisedOf = [[Int]](repeating: [], count: 64)
        var batch = t
        while batch < batches {
          for v in touched { failed[Int(v)] = 0 }
          touched.removeAll(keepingCapacity: true)
          for v in seedNodes { words[Int(v)] = 0 }
          seedNodes.removeAll(keepingCapacity: true)
          let base = batch << 6
          let lanes = min(64, laneTotal - base)
          // The lanes with listed and with summarised causes; whether every lane is one cause.
          var listedLanes: UInt64 = 0
          var summarisedLanes: UInt64 = 0
          var single = true
          for j in 0..<lanes {
            let all = laneCauses[base + j]
            single = single && all.count == 1
            listedOf[j] = all.filter { $0 < summariseFrom }
            summarisedOf[j] = all.filter { $0 >= summariseFrom }
            if !listedOf[j].isEmpty { listedLanes |= 1 << UInt64(j) }
            if !summarisedOf[j].isEmpty { summarisedLanes |= 1 << UInt64(j) }
            // The lane's first cause stands for all of them.
            for v in causes[all[0]] {
              if words[v] == 0 { seedNodes.append(Int32(v)) }
              words[v] |= 1 << UInt64(j)
            }
          }
          words.withUnsafeBufferPointer { w in
            seedNodes.withUnsafeBufferPointer { s in
              failed.withUnsafeMutableBufferPointer { f in
                counters.withUnsafeMutableBufferPointer { c in
                  pending.withUnsafeMutableBufferPointer { p in
                    engine.run(
                      seeds: ListedSeeds(words: w.baseAddress!, nodes: s), failed: f.baseAddress!, counters: c.baseAddress!,
                      pending: p.baseAddress!, touched: &touched)
                  }
                }
              }
            }
          }
          // Nodes failed per lane: the failure words added into bit-sliced vertical
          // counters (one bit plane per power of two, 64 lanes at once), not lane by lane.
          for b in planes.indices { planes[b] = 0 }
          for v in touched { BitSlice.add(failed[Int(v)], into: &planes) }
          let counts = BitSlice.counts(planes, lanes: lanes)
          // The least (failed, cause) of the batch, to skip a group whose kept examples all
          // come before every lane.
          let least =
            counts.indices.min { (counts[$0], laneCauses[base + $0][0]) < (counts[$1], laneCauses[base + $1][0]) }
            .map { (counts[$0], laneCauses[base + $0][0]) } ?? (Int.max, Int.max)
          @inline(__always) func weight(_ mask: UInt64, _ of: [[Int]]) -> Int {
            if single { return mask.nonzeroBitCount }
            var total = 0
            var m = mask
            while m != 0 {
              total += of[m.trailingZeroBitCount].count
              m &= m &- 1
            }
            return total
          }
          // Groups lost per lane: the lanes where at least `threshold` suppliers failed, by a
          // bit-sliced count over the suppliers' words.
          var modes: [Mode] = []
          for b in groupPlanes.indices { groupPlanes[b] = 0 }
          for g in redundant {
            let lo = graph.supplierOffsets[g]
            let hi = graph.supplierOffsets[g + 1]
            let threshold = hi - lo - Int(graph.needed[g]) + 1
            let lost: UInt64
            if hi - lo == 2 {
              // The common case, 1 of 2: both must fail (threshold 2).
              lost = failed[Int(graph.suppliers[lo])] & failed[Int(graph.suppliers[lo + 1])]
            } else {
              var any: UInt64 = 0
              for i in lo..<hi { any |= failed[Int(graph.suppliers[i])] }
              guard any != 0 else { continue }
              for b in supplierPlanes.indices { supplierPlanes[b] = 0 }
              for i in lo..<hi { BitSlice.add(failed[Int(graph.suppliers[i])], into: &supplierPlanes) }
              lost = BitSlice.atLeast(threshold, supplierPlanes)
            }
            guard lost != 0 else { continue }
            BitSlice.add(lost, into: &groupPlanes)
            func down(_ j: Int) -> Int {
              var n = 0
              for i in lo..<hi where failed[Int(graph.suppliers[i])] >> UInt64(j) & 1 == 1 { n += 1 }
              return n
            }
            let listedLost = lost & listedLanes
            if listedLost != 0 && listing {
              listedCount[g] += weight(listedLost, listedOf)
              let last = g * per + per - 1
              // Every lane comes after the group's last kept example: nothing to insert.
              if listedCause[last] >= 0 && least > (listedFailed[last], listedCause[last]) { } else {
                var lanesLost = listedLost
                while lanesLost != 0 {
                  let j = lanesLost.trailingZeroBitCount
                  lanesLost &= lanesLost &- 1
                  let lostHere = down(j)
                  for cause in listedOf[j] {
                    // The lane's causes ascend: once one is not kept, no later one is.
                    if listedCause[last] >= 0 && (counts[j], cause) > (listedFailed[last], listedCause[last]) { break }
                    var item = (failed: counts[j], cause: cause, down: lostHere)
                    for e in (g * per)..<(g * per + per) {
                      if listedCause[e] < 0 {
                        (listedCause[e], listedFailed[e], listedDown[e]) = (item.cause, item.failed, item.down)
                        break
                      }
                      if (item.failed, item.cause) < (listedFailed[e], listedCause[e]) {
                        swap(&item.failed, &listedFailed[e])
                        swap(&item.cause, &listedCause[e])
                        swap(&item.down, &listedDown[e])
                      }
                    }
                  }
                }
              }
            } else if listedLost != 0 {
              var lanesLost = listedLost
              while lanesLost != 0 {
                let j = lanesLost.trailingZeroBitCount
                lanesLost &= lanesLost &- 1
                let lostHere = down(j)
                for cause in listedOf[j] {
                  modes.append(Mode(
                    group: g, dependent: Int(graph.owner[g]), cause: cause, failedSuppliers: lostHere, suppliers: hi - lo,
                    needed: Int(graph.needed[g]), failedNodes: counts[j]))
                }
              }
            }
            let summarisedLost = lost & summarisedLanes
            if summarisedLost != 0 {
              summaryCount[g] += weight(summarisedLost, summarisedOf)
              let last = g * kept + kept - 1
              if exampleCause[last] >= 0 && least > (exampleFailed[last], exampleCause[last]) { continue }
              var lanesLost = summarisedLost
              while lanesLost != 0 {
                let j = lanesLost.trailingZeroBitCount
                lanesLost &= lanesLost &- 1
                for cause in summarisedOf[j] {
                  if exampleCause[last] >= 0 && (counts[j], cause) > (exampleFailed[last], exampleCause[last]) { break }
                  // Insert (failed, cause) into the group's smallest `kept`, in order.
                  var item = (failed: counts[j], cause: cause)
                  for e in (g * kept)..<(g * kept + kept) {
                    if exampleCause[e] < 0 {
                      exampleCause[e] = item.cause
                      exampleFailed[e] = item.failed
                      break
                    }
                    if (item.failed, item.cause) < (exampleFailed[e], exampleCause[e]) {
                      swap(&item.failed, &exampleFailed[e])
                      swap(&item.cause, &exampleCause[e])
                    }
                  }
                }
              }
            }
          }
          let defeated = BitSlice.counts(groupPlanes, lanes: lanes)
          slots.pointer[batch] = (modes, counts, defeated)
          batch += threads
        }
        summarySlots.pointer[t] = (summaryCount, exampleCause, exampleFailed)
        if listing { listedSlots.pointer[t] = (listedCount, listedCause, listedFailed, listedDown) }
      }
    }
    var all: [Mode] = []
    var laneCounts: [Int] = []
    var laneDefeated: [Int] = []
    for b in 0..<batches {
      all += perBatch[b]!.modes
      laneCounts += perBatch[b]!.counts
      laneDefeated += perBatch[b]!.defeated
    }
    var merged: [Summary] = []
    if summariseFrom < causes.count && batches > 0 {
      let parts = (0..<threads).compactMap { threadSummaries[$0] }
      for g in 0..<groupCount {
        let count = parts.reduce(0) { $0 + $1.count[g] }
        guard count > 0 else { continue }
        var examples: [(cause: Int, failedNodes: Int)] = []
        for p in parts {
          for e in (g * kept)..<(g * kept + kept) where p.cause[e] >= 0 { examples.append((p.cause[e], p.failed[e])) }
        }
        merged.append(Summary(group: g, dependent: Int(graph.owner[g]), count: count, examples: Self.keep(examples)))
      }
    }
    var listedTotal = all.count
    if listing && batches > 0, let per = bound {
      let parts = (0..<threads).compactMap { threadListed[$0] }
      listedTotal = 0
      for g in 0..<groupCount {
        let count = parts.reduce(0) { $0 + $1.count[g] }
        guard count > 0 else { continue }
        listedTotal += count
        var kept: [(failed: Int, cause: Int, down: Int)] = []
        for p in parts {
          for e in (g * per)..<(g * per + per) where p.cause[e] >= 0 { kept.append((p.failed[e], p.cause[e], p.down[e])) }
        }
        let lo = graph.supplierOffsets[g]
        let hi = graph.supplierOffsets[g + 1]
        for m in kept.sorted(by: { ($0.failed, $0.cause) < ($1.failed, $1.cause) }).prefix(per) {
          all.append(Mode(
            group: g, dependent: Int(graph.owner[g]), cause: m.cause, failedSuppliers: m.down, suppliers: hi - lo,
            needed: Int(graph.needed[g]), failedNodes: m.failed))
        }
      }
    }
    listedModeCount = listedTotal
    modes = all.sorted { ($0.group, $0.cause) < ($1.group, $1.cause) }
    summaries = merged
    failedCounts = laneOfCause.map { laneCounts[$0] }
    groupsDefeated = laneOfCause.map { laneDefeated[$0] }
    distinctPropagations = laneTotal
  }

  /// The examples a summary keeps: fewest failed nodes, then lowest cause.
  static func keep(_ examples: [(cause: Int, failedNodes: Int)]) -> [(cause: Int, failedNodes: Int)] {
    Array(examples.sorted { ($0.failedNodes, $0.cause) < ($1.failedNodes, $1.cause) }.prefix(examplesKept))
  }
}

/// Bit-sliced vertical counters: 64 counters (one per lane of a word) held as bit planes,
/// plane `b` holding bit `b` of every lane's count, so that adding a word of 64 one-bit
/// increments costs a ripple of ANDs and XORs (about two planes on average) instead of
/// a loop over its set bits.
enum BitSlice {
  /// Planes enough to count to `n`.
  static func planes(for n: Int) -> Int { max(1, Int.bitWidth - max(1, n).leadingZeroBitCount) + 1 }

  /// Adds one to the counter of every lane set in `word`.
  @inline(__always)
  static func add(_ word: UInt64, into planes: inout [UInt64]) {
    var carry = word
    var b = 0
    while carry != 0 {
      let next = planes[b] & carry
      planes[b] ^= carry
      carry = next
      b += 1
    }
  }

  /// Each lane's count.
  static func counts(_ planes: [UInt64], lanes: Int) -> [Int] {
    (0..<lanes).map { j in
      var c = 0
      for (b, p) in planes.enumerated() where p >> UInt64(j) & 1 == 1 { c |= 1 << b }
      return c
    }
  }

  /// The lanes whose count is at least `t`: compared plane by plane from the top.
  static func atLeast(_ t: Int, _ planes: [UInt64]) -> UInt64 {
    var greater: UInt64 = 0
    var equal: UInt64 = ~0
    for b in stride(from: planes.count - 1, through: 0, by: -1) {
      if t >> b & 1 == 1 {
        equal &= planes[b]
      } else {
        greater |= equal & planes[b]
        equal &= ~planes[b]
      }
    }
    return greater | equal
  }
}
