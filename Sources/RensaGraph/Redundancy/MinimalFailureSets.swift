import Dispatch
import InternalRensaUtilities

/// **N-k**: for every node, the minimal sets of up to k other nodes (k ≤ 3) whose joint
/// failure brings it down although no proper subset does, under the redundancy-aware
/// semantics of ``RequirementGraph`` (requirement groups, k-of-n).
///
/// A set S is a *minimal failure set* of y when y is in the certainly-failed set of S
/// (``FailurePropagation``) and in none of the sets of S's proper subsets. Its size-1 sets
/// are the single points of failure (``FailureTable/singlePointsOfFailure(of:)``). A set's
/// **beyond** is the number of nodes for which it is minimal: for a pair {a, b}, the nodes
/// that fail when both fail but not when either fails alone.
///
/// ```swift
/// // 0 grid, 1 generator, 2 hospital needing (grid OR generator), 3 lab needing the hospital
/// let graph = RequirementGraph(nodeCount: 4, groups: [
///   .init(dependent: 2, suppliers: [0, 1]), .init(dependent: 3, suppliers: [2])])
/// let nk = try MinimalFailureSets(graph, maxSize: 2)
/// nk.counts(size: 1)             // [0, 0, 0, 1]: the lab's single point is the hospital
/// nk.minimalSets(of: 3, size: 2) // [[0, 1]]: grid and generator together
/// nk.top(size: 2).first          // nodes [0, 1], beyond 2 (hospital and lab)
/// ```
///
/// ## Algorithm (exact)
/// Nodes whose single failures fail the same set are interchangeable in every set:
/// F({a, b}) is the closure of F(a) ∪ F(b). The single-failure rows are computed for one
/// node per component of the kill graph (``RequirementGraph/killComponents``, 64 at a
/// time as in ``FailureTable``) and nodes with equal rows form one *class*.
///
/// **Pairs.** If F(a) ∪ F(b) loses no group that neither loses alone, it is closed and the
/// pair fails nothing beyond its members. Such a group g has failed suppliers from both
/// sides, each side fewer than g can lose: g is *partially degraded* by a (some but not
/// enough of its suppliers in F(a)), and b's row holds one of g's suppliers outside F(a).
/// So for each class a the only partners b worth a propagation are the classes whose rows
/// hold a supplier, outside F(a), of a group a partially degrades; each is propagated from
/// the state "F(a) failed", touching only what F(b) adds.
///
/// **Triples.** A triple fails something beyond its three pairs only through a group lost
/// on F(ab) ∪ F(ac) ∪ F(bc) and on none of them; one of the pairs, say {a, b}, partially
/// degrades it, and another of its failed suppliers lies in F(c), N(a, c) or N(b, c) (N:
/// what a pair fails beyond its members). Every pair of classes is taken as a base, and the
/// third members are found through the rows and an index of the pairs' N sets.
///
/// Pairs and triples are counted over classes and multiplied out, so a component of a
/// thousand interchangeable nodes costs one propagation, not a million.
///
/// - Complexity: rows: O((n + G) · ⌈c / 64⌉) for c kill components, memory c · n / 8
///   bytes; pairs: per class, the propagation of each candidate partner's row from F(a).
///   Triples examine every pair of classes as a base: use them on models of thousands of
///   classes, not hundreds of thousands.
public struct MinimalFailureSets: Sendable {
  /// A set of nodes with what its joint failure does.
  public struct FailureSet: Sendable, Hashable {
    /// The nodes, ascending.
    public let nodes: [Int]
    /// How many nodes this set is a minimal failure set of: what it brings down beyond
    /// its proper subsets.
    public let beyond: Int
    /// How many nodes fail when the set fails, its members included.
    public let failed: Int

    public init(nodes: [Int], beyond: Int, failed: Int) {
      self.nodes = nodes
      self.beyond = beyond
      self.failed = failed
    }
  }

  /// The number of nodes.
  public let nodeCount: Int
  /// The largest set size analysed (1 ... 3).
  public let maxSize: Int
  /// Classes of nodes whose single failures fail the same set.
  public var classCount: Int { members.count }
  /// How many pairs of classes were propagated (the pair candidates).
  public let pairsPropagated: Int
  /// How many triples of classes were propagated (the triple candidates, counted from each
  /// base pair that proposed them).
  public let triplesPropagated: Int

  /// Members of each class, ascending; classes ordered by their first member.
  let members: [[Int]]
  /// Class of every node.
  let classOf: [Int32]
  /// Single-failure rows of the classes, `words` words each.
  let rows: [UInt64]
  let words: Int
  /// Per set size (2, 3): class tuples (ascending) and the nodes they fail beyond their
  /// proper subsets, ascending.
  let records: [[Record]]
  let countsBySize: [[Int]]
  let topBySize: [[FailureSet]]
  /// For every node, the classes whose row holds it (CSR): its single points of failure.
  let holders: (offsets: [Int], classes: [Int32])
  /// Per set size (2, 3): for every node, the records it is in the beyond of (CSR).
  let recordsFailing: [(offsets: [Int], records: [Int32])]

  struct Record: Sendable {
    var classes: [Int32]
    var beyond: [Int32]
    var failed: Int
  }

  /// Bytes of the single-failure rows: one row of `nodeCount` bits per kill component.
  public static func requiredBytes(nodeCount: Int, killComponents: Int) -> Int {
    let (product, overflow) = killComponents.multipliedReportingOverflow(by: ((nodeCount + 63) / 64) * 8)
    return overflow ? Int.max : product
  }

  /// Analyses every set of up to `maxSize` nodes.
  ///
  /// - Parameters:
  ///   - graph: the requirement groups.
  ///   - maxSize: the largest set size, 1 ... 3.
  ///   - topLimit: how many sets of each size ``top(size:)`` keeps.
  ///   - options: the memory limit for the single-failure rows and the thread count; the
  ///     result does not depend on the thread count.
  /// - Throws: ``MemoryLimitExceeded`` when the rows would exceed `options.memoryLimit`.
  /// - Precondition: `1 <= maxSize <= 3`, `topLimit >= 0` (the domain layer reports these
  ///   as usage errors).
  public init(
    _ graph: RequirementGraph, maxSize: Int = 2, topLimit: Int = 100, options: ClosureOptions = ClosureOptions()
  ) throws(MemoryLimitExceeded) {
    precondition((1...3).contains(maxSize), "maxSize must be 1, 2 or 3")
    precondition(topLimit >= 0, "topLimit must not be negative")
    let n = graph.nodeCount
    let words = (n + 63) / 64
    self.nodeCount = n
    self.maxSize = maxSize
    self.words = words

    // Rows for one node per kill component.
    let kill = KillRepresentatives(graph)
    let (representatives, seedIndex) = (kill.representatives, kill.seedIndex)
    let needed = Self.requiredBytes(nodeCount: n, killComponents: representatives.count)
    guard needed <= options.memoryLimit else {
      throw MemoryLimitExceeded(
        structure: "single-failure rows of \(representatives.count) kill components × \(n) nodes",
        bytesNeeded: needed, limit: options.memoryLimit,
        alternative: "raise ClosureOptions.memoryLimit (--memory-limit)", remedy: .other)
    }
    var seedRows = [UInt64](repeating: 0, count: representatives.count * words)
    if n > 0 {
      seedRows.withUnsafeMutableBufferPointer { out in
        seedIndex.withUnsafeBufferPointer { seedIndex in
          representatives.withUnsafeBufferPointer { representatives in
            let table = SendablePointer(out.baseAddress!)
            let index = SendableConstPointer(seedIndex.baseAddress!)
            let seeds = SendableConstPointer(representatives.baseAddress!)
            let total = representatives.count
            BatchPropagation(graph).forEachBatch(
              batches: (total + 63) / 64, threadCount: options.threadCount,
              seeds: { RepresentativeSeeds(batch: $0, index: index.pointer, seeds: seeds.pointer, count: total) }
            ) { batch, failed, touched in
              BatchPropagation.writeRows(
                batch: batch, lanes: min(64, total - (batch << 6)), failed: failed, touched: touched, nodeCount: n,
                words: words, into: table.pointer)
            }
          }
        }
      }
    }
    // Classes: kill components with equal rows, ordered by their first node.
    var classOfRow = [Int](repeating: -1, count: representatives.count)
    var firstRowOfClass: [Int] = []
    var byContent: [ArraySlice<UInt64>: Int] = [:]
    for r in 0..<representatives.count {
      let row = seedRows[r * words..<(r + 1) * words]
      if let c = byContent[row] {
        classOfRow[r] = c
      } else {
        byContent[row] = firstRowOfClass.count
        classOfRow[r] = firstRowOfClass.count
        firstRowOfClass.append(r)
      }
    }
    byContent = [:]
    // Representatives are in node order, so classes already are ordered by first member.
    var members = [[Int]](repeating: [], count: firstRowOfClass.count)
    var classOf = [Int32](repeating: 0, count: n)
    for v in 0..<n {
      let c = classOfRow[Int(kill.slot[v])]
      members[c].append(v)
      classOf[v] = Int32(c)
    }
    // Compacted in place (class c's first row is row r ≥ c): no second copy of the rows.
    for (c, r) in firstRowOfClass.enumerated() where c != r {
      for w in 0..<words { seedRows[c * words + w] = seedRows[r * words + w] }
    }
    seedRows.removeLast(seedRows.count - firstRowOfClass.count * words)
    let rows = seedRows
    seedRows = []
    self.members = members
    self.classOf = classOf
    self.rows = rows

    let engine = PairEngine(graph: graph, rows: rows, words: words, first: members.map { $0[0] })
    self.holders = (engine.holderOffsets, engine.holders)
    let threads = max(1, options.threadCount)
    var pairRecords: [Record] = []
    var triples: [Record] = []
    var pairsPropagated = 0
    var triplesPropagated = 0
    if maxSize >= 2 {
      (pairRecords, pairsPropagated) = engine.pairs(threadCount: threads)
    }
    if maxSize >= 3 {
      (triples, triplesPropagated) = engine.triples(pairs: pairRecords, threadCount: threads)
    }
    self.pairsPropagated = pairsPropagated
    self.triplesPropagated = triplesPropagated
    self.records = [pairRecords, triples]

    // Counts per node.
    var countsBySize: [[Int]] = []
    var singles = [Int](repeating: 0, count: n)
    for c in 0..<members.count {
      let size = members[c].count
      Self.forEachBit(rows, from: c * words, words: words) { y in singles[y] += size }
    }
    for y in 0..<n { singles[y] -= 1 }  // y itself
    countsBySize.append(singles)
    for size in 2...3 where size <= maxSize {
      var counts = [Int](repeating: 0, count: n)
      for record in records[size - 2] {
        let multiplicity = record.classes.reduce(1) { $0 * members[Int($1)].count }
        for y in record.beyond { counts[Int(y)] += multiplicity }
      }
      countsBySize.append(counts)
    }
    self.countsBySize = countsBySize
    self.recordsFailing = records.map { list in
      var offsets = [Int](repeating: 0, count: n + 1)
      for r in list { for y in r.beyond { offsets[Int(y) + 1] += 1 } }
      for v in 0..<n { offsets[v + 1] += offsets[v] }
      var cursor = offsets
      var failing = [Int32](repeating: 0, count: offsets[n])
      for (i, r) in list.enumerated() {
        for y in r.beyond {
          failing[cursor[Int(y)]] = Int32(i)
          cursor[Int(y)] += 1
        }
      }
      return (offsets, failing)
    }

    // Rankings.
    var topBySize: [[FailureSet]] = []
    var singleTop: [FailureSet] = []
    if topLimit > 0 {
      let failedOfClass = (0..<members.count).map { c in
        Self.popcount(rows, from: c * words, words: words)
      }
      let order = (0..<n).sorted { (failedOfClass[Int(classOf[$0])], $1) > (failedOfClass[Int(classOf[$1])], $0) }
      singleTop = order.prefix(topLimit).map { v in
        let f = failedOfClass[Int(classOf[v])]
        return FailureSet(nodes: [v], beyond: f - 1, failed: f)
      }
    }
    topBySize.append(singleTop)
    for size in 2...3 where size <= maxSize {
      topBySize.append(Self.top(records[size - 2], members: members, limit: topLimit))
    }
    self.topBySize = topBySize
  }

  /// For every node, how many minimal failure sets of `size` nodes it has (for size 1:
  /// its single points of failure).
  ///
  /// - Precondition: `1 <= size <= maxSize`.
  public func counts(size: Int) -> [Int] {
    precondition(size >= 1 && size <= maxSize, "size must be in 1...\(maxSize)")
    return countsBySize[size - 1]
  }

  /// The sets of `size` nodes that bring down the most nodes beyond their proper subsets,
  /// most first (ties: the lexicographically smaller set first); at most `topLimit`. For
  /// size 1, the nodes by how many others they bring down alone.
  ///
  /// - Precondition: `1 <= size <= maxSize`.
  public func top(size: Int) -> [FailureSet] {
    precondition(size >= 1 && size <= maxSize, "size must be in 1...\(maxSize)")
    return topBySize[size - 1]
  }

  /// As ``top(size:)``, counting only the nodes `counted` marks (one flag per node): the
  /// sets that bring down the most of them beyond their proper subsets (e.g. of one sector).
  /// Sets that bring none of them down are left out.
  ///
  /// - Precondition: `2 <= size <= maxSize`, `counted.count == nodeCount`.
  public func top(size: Int, limit: Int, counting counted: [Bool]) -> [FailureSet] {
    precondition(size >= 2 && size <= maxSize, "size must be in 2...\(maxSize)")
    precondition(counted.count == nodeCount, "one flag per node")
    let filtered = records[size - 2].compactMap { r -> Record? in
      let kept = r.beyond.filter { counted[Int($0)] }
      return kept.isEmpty ? nil : Record(classes: r.classes, beyond: kept, failed: r.failed)
    }
    return Self.top(filtered, members: members, limit: limit)
  }

  /// The minimal failure sets of `y` with `size` nodes, in lexicographic order; the first
  /// `limit` of them (`nil`: all, which can be many: the counts say how many).
  ///
  /// - Complexity: O(the records of sets of `y`, each up to `limit` sets).
  /// - Precondition: `1 <= size <= maxSize` and `y` is a node.
  public func minimalSets(of y: Int, size: Int, limit: Int? = nil) -> [[Int]] {
    precondition(size >= 1 && size <= maxSize, "size must be in 1...\(maxSize)")
    precondition(y >= 0 && y < nodeCount, "node out of range")
    let limit = limit ?? Int.max
    guard limit > 0 else { return [] }
    var found: [[Int]] = []
    if size == 1 {
      for h in holders.offsets[y]..<holders.offsets[y + 1] {
        // Each class's first `limit + 1` members are enough (y may be one of them).
        for v in members[Int(holders.classes[h])].prefix(limit == Int.max ? Int.max : limit + 1) where v != y {
          found.append([v])
        }
      }
      found.sort { $0[0] < $1[0] }
      return Array(found.prefix(limit))
    }
    let index = recordsFailing[size - 2]
    for i in index.offsets[y]..<index.offsets[y + 1] {
      let record = records[size - 2][Int(index.records[i])]
      var taken = 0
      Self.lexicographicSets(record.classes.map { members[Int($0)] }) { set in
        found.append(set)
        taken += 1
        return taken < limit
      }
    }
    found.sort { $0.lexicographicallyPrecedes($1) }
    return Array(found.prefix(limit))
  }

  /// The nodes that fail when `x` alone fails, `x` included, ascending.
  public func failed(whenFails x: Int) -> [Int] {
    var result: [Int] = []
    Self.forEachBit(rows, from: Int(classOf[x]) * words, words: words) { result.append($0) }
    return result
  }

  /// Calls `body` with every set of one member of each class, in lexicographic order of the
  /// ascending sets, until it returns false. Returns false when stopped.
  @discardableResult
  static func lexicographicSets(_ classes: [[Int]], above: Int = -1, prefix: [Int] = [], _ body: ([Int]) -> Bool) -> Bool {
    if classes.isEmpty { return body(prefix) }
    // The smallest element of the set comes from one of the classes; the rest from the others.
    var merged: [(value: Int, of: Int)] = []
    for (i, c) in classes.enumerated() {
      for v in c where v > above { merged.append((v, i)) }
    }
    merged.sort { $0.value < $1.value }
    for (value, i) in merged {
      var rest = classes
      rest.remove(at: i)
      // Every other class needs a member above `value`.
      if !rest.allSatisfy({ ($0.last ?? Int.min) > value }) { continue }
      if !lexicographicSets(rest, above: value, prefix: prefix + [value], body) { return false }
    }
    return true
  }

  /// The `limit` node sets ranked first: by beyond, most first, then lexicographically.
  static func top(_ records: [Record], members: [[Int]], limit: Int) -> [FailureSet] {
    guard limit > 0 else { return [] }
    // Records by beyond, most first; ties by their smallest set (the classes' first members).
    let order = records.indices.sorted { a, b in
      let x = records[a]
      let y = records[b]
      if x.beyond.count != y.beyond.count { return x.beyond.count > y.beyond.count }
      let sx = x.classes.map { members[Int($0)][0] }.sorted()
      let sy = y.classes.map { members[Int($0)][0] }.sorted()
      return sx.lexicographicallyPrecedes(sy)
    }
    var chosen: [FailureSet] = []
    var i = 0
    while i < order.count {
      // One level of equal beyond at a time.
      var j = i
      let beyond = records[order[i]].beyond.count
      var level: [FailureSet] = []
      while j < order.count && records[order[j]].beyond.count == beyond {
        let record = records[order[j]]
        var taken = 0
        lexicographicSets(record.classes.map { members[Int($0)] }) { set in
          level.append(FailureSet(nodes: set, beyond: beyond, failed: record.failed))
          taken += 1
          return taken < limit - chosen.count
        }
        j += 1
      }
      level.sort { $0.nodes.lexicographicallyPrecedes($1.nodes) }
      chosen.append(contentsOf: level.prefix(limit - chosen.count))
      if chosen.count >= limit { break }
      i = j
    }
    return chosen
  }

  static func popcount(_ rows: [UInt64], from start: Int, words: Int) -> Int {
    var total = 0
    for w in 0..<words { total += rows[start + w].nonzeroBitCount }
    return total
  }

  static func forEachBit(_ rows: [UInt64], from start: Int, words: Int, _ body: (Int) -> Void) {
    for w in 0..<words {
      var word = rows[start + w]
      while word != 0 {
        body((w << 6) | word.trailingZeroBitCount)
        word &= word &- 1
      }
    }
  }
}


/// The propagations of pairs and triples of classes, from the classes' single-failure rows.
private struct PairEngine: Sendable {
  let graph: RequirementGraph
  let rows: [UInt64]
  let words: Int
  let classCount: Int
  /// For every node, the groups it supplies.
  let groupOffsets: [Int]
  let groupsOf: [UInt32]
  /// For every node s, the classes whose row holds s (CSR).
  let holderOffsets: [Int]
  let holders: [Int32]
  /// First member of each class.
  let first: [Int]
  /// Failures each group tolerates.
  let slack: [Int32]

  typealias Record = MinimalFailureSets.Record

  init(graph: RequirementGraph, rows: [UInt64], words: Int, first: [Int]) {
    self.graph = graph
    self.rows = rows
    self.words = words
    self.classCount = first.count
    self.first = first
    let index = graph.supplierIndex()
    self.groupOffsets = index.offsets
    self.groupsOf = index.groups
    let n = graph.nodeCount
    var offsets = [Int](repeating: 0, count: n + 1)
    for c in 0..<first.count {
      MinimalFailureSets.forEachBit(rows, from: c * words, words: words) { offsets[$0 + 1] += 1 }
    }
    for v in 0..<n { offsets[v + 1] += offsets[v] }
    var cursor = offsets
    var holders = [Int32](repeating: 0, count: offsets[n])
    for c in 0..<first.count {
      MinimalFailureSets.forEachBit(rows, from: c * words, words: words) { s in
        holders[cursor[s]] = Int32(c)
        cursor[s] += 1
      }
    }
    self.holderOffsets = offsets
    self.holders = holders
    self.slack = (0..<graph.groupCount).map {
      Int32(graph.supplierOffsets[$0 + 1] - graph.supplierOffsets[$0]) - Int32(graph.needed[$0])
    }
  }

  @inline(__always) func inRow(_ c: Int, _ v: Int) -> Bool {
    rows[c * words + (v >> 6)] >> UInt64(v & 63) & 1 != 0
  }

  /// One thread's state: group slack after the failures applied so far, and the nodes
  /// failed beyond the base class's row (level 1: the second member; level 2: the third).
  struct State {
    var slack: [Int32]
    var extra: [[UInt64]]
    var logs: [[UInt32]] = [[], [], []]
    var queues: [[Int32]] = [[], [], []]
    var groupStamp: [Int]
    var classStamp: [Int]
    // Stamps are 64-bit: an epoch per base pair and group never wraps.
    var epoch = 0
    var degraded: [UInt32] = []
    var candidates: [Int32] = []
    // Triples: how many suppliers of one group each proposed class covers.
    var cover: [Int32]
    var coverStamp: [Int]
    var supplierStamp: [Int]
    var supplierEpoch = 0
    var proposed: [Int32] = []
  }

  func makeState() -> State {
    State(
      slack: slack, extra: [[UInt64](repeating: 0, count: words), [UInt64](repeating: 0, count: words)],
      groupStamp: [Int](repeating: 0, count: graph.groupCount), classStamp: [Int](repeating: 0, count: classCount),
      cover: [Int32](repeating: 0, count: classCount), coverStamp: [Int](repeating: 0, count: classCount),
      supplierStamp: [Int](repeating: 0, count: classCount))
  }

  @inline(__always) func failed(_ v: Int, base: Int, _ state: State) -> Bool {
    inRow(base, v) || state.extra[0][v >> 6] >> UInt64(v & 63) & 1 != 0
      || state.extra[1][v >> 6] >> UInt64(v & 63) & 1 != 0
  }

  /// Applies the failure of class `base`'s row to the slack (level 0).
  func apply(base: Int, _ state: inout State) {
    state.logs[0].removeAll(keepingCapacity: true)
    MinimalFailureSets.forEachBit(rows, from: base * words, words: words) { u in
      for k in groupOffsets[u]..<groupOffsets[u + 1] {
        let g = Int(groupsOf[k])
        state.slack[g] -= 1
        state.logs[0].append(UInt32(g))
      }
    }
  }

  /// Fails class `c`'s row on top of the current state at `level` (1 or 2) and propagates.
  /// Returns the nodes failed that are in no row applied so far, ascending, and leaves the
  /// nodes newly failed (the row's new nodes first) in `queues[level]`.
  func propagate(_ c: Int, base: Int, level: Int, _ state: inout State) -> [Int32] {
    state.logs[level].removeAll(keepingCapacity: true)
    state.queues[level].removeAll(keepingCapacity: true)
    let bits = level - 1
    MinimalFailureSets.forEachBit(rows, from: c * words, words: words) { s in
      if !failed(s, base: base, state) {
        state.extra[bits][s >> 6] |= 1 << UInt64(s & 63)
        state.queues[level].append(Int32(s))
      }
    }
    var beyond: [Int32] = []
    var head = 0
    while head < state.queues[level].count {
      let u = Int(state.queues[level][head])
      head += 1
      for k in groupOffsets[u]..<groupOffsets[u + 1] {
        let g = Int(groupsOf[k])
        state.slack[g] -= 1
        state.logs[level].append(UInt32(g))
        if state.slack[g] == -1 {
          let d = Int(graph.owner[g])
          if !failed(d, base: base, state) {
            state.extra[bits][d >> 6] |= 1 << UInt64(d & 63)
            state.queues[level].append(Int32(d))
            beyond.append(Int32(d))
          }
        }
      }
    }
    beyond.sort()
    return beyond
  }

  func undo(level: Int, _ state: inout State) {
    for g in state.logs[level] { state.slack[Int(g)] += 1 }
    state.logs[level].removeAll(keepingCapacity: true)
    if level > 0 {
      for v in state.queues[level] { state.extra[level - 1][Int(v) >> 6] &= ~(1 << UInt64(v & 63)) }
      state.queues[level].removeAll(keepingCapacity: true)
    }
  }

  /// The groups touched by the logs up to `level` that are partially degraded: some
  /// suppliers failed, fewer than the group tolerates, and the dependent still working.
  func collectDegraded(base: Int, upTo level: Int, _ state: inout State) {
    state.epoch += 1
    state.degraded.removeAll(keepingCapacity: true)
    for l in 0...level {
      for g in state.logs[l] where state.groupStamp[Int(g)] != state.epoch {
        state.groupStamp[Int(g)] = state.epoch
        if state.slack[Int(g)] >= 0 && !failed(Int(graph.owner[Int(g)]), base: base, state) {
          state.degraded.append(g)
        }
      }
    }
  }

  /// Runs `body(thread, state)` for classes `thread, thread + threads, …` and returns what
  /// each thread collected.
  func perThread<T: Sendable>(threads: Int, _ body: @Sendable (_ base: Int, _ state: inout State, _ out: inout T) -> Void, initial: T)
    -> [T]
  {
    var results = [T](repeating: initial, count: threads)
    results.withUnsafeMutableBufferPointer { results in
      let out = SendablePointer(results.baseAddress!)
      DispatchQueue.concurrentPerform(iterations: threads) { t in
        var state = makeState()
        var collected = initial
        var base = t
        while base < classCount {
          body(base, &state, &collected)
          base += threads
        }
        out.pointer[t] = collected
      }
    }
    return results
  }

  /// Every pair of classes that fails something beyond its members, with what.
  func pairs(threadCount: Int) -> ([Record], Int) {
    let threads = max(1, min(threadCount, classCount))
    guard classCount > 1 else { return ([], 0) }
    let results = perThread(threads: threads, { a, state, out in
      apply(base: a, &state)
      let failedA = MinimalFailureSets.popcount(rows, from: a * words, words: words)
      collectDegraded(base: a, upTo: 0, &state)
      state.candidates.removeAll(keepingCapacity: true)
      for g in state.degraded {
        for k in graph.supplierOffsets[Int(g)]..<graph.supplierOffsets[Int(g) + 1] {
          let s = Int(graph.suppliers[k])
          if inRow(a, s) { continue }
          for h in holderOffsets[s]..<holderOffsets[s + 1] {
            let b = Int(holders[h])
            if b > a && state.classStamp[b] != state.epoch {
              state.classStamp[b] = state.epoch
              state.candidates.append(Int32(b))
            }
          }
        }
      }
      state.candidates.sort()
      for b in state.candidates.map({ Int($0) }) where !inRow(a, first[b]) && !inRow(b, first[a]) {
        out.propagated += 1
        let beyond = propagate(b, base: a, level: 1, &state)
        if !beyond.isEmpty {
          out.records.append(
            Record(classes: [Int32(a), Int32(b)], beyond: beyond, failed: failedA + state.queues[1].count))
        }
        undo(level: 1, &state)
      }
      undo(level: 0, &state)
    }, initial: Collected())
    var records = results.flatMap(\.records)
    records.sort { $0.classes.lexicographicallyPrecedes($1.classes) }
    return (records, results.reduce(0) { $0 + $1.propagated })
  }

  struct Collected: Sendable {
    var records: [Record] = []
    var propagated = 0
  }

  /// Every triple of classes that fails something beyond its pairs, with what.
  func triples(pairs: [Record], threadCount: Int) -> ([Record], Int) {
    let threads = max(1, min(threadCount, classCount))
    guard classCount > 2 else { return ([], 0) }
    // The pairs' records by key, and for every node the pairs that fail it beyond their members.
    var pairIndex: [UInt64: Int] = [:]
    pairIndex.reserveCapacity(pairs.count)
    let n = graph.nodeCount
    var offsets = [Int](repeating: 0, count: n + 1)
    for (r, p) in pairs.enumerated() {
      pairIndex[UInt64(p.classes[0]) << 32 | UInt64(p.classes[1])] = r
      for y in p.beyond { offsets[Int(y) + 1] += 1 }
    }
    for v in 0..<n { offsets[v + 1] += offsets[v] }
    var cursor = offsets
    var pairsFailing = [Int32](repeating: 0, count: offsets[n])
    for (r, p) in pairs.enumerated() {
      for y in p.beyond {
        pairsFailing[cursor[Int(y)]] = Int32(r)
        cursor[Int(y)] += 1
      }
    }
    let index = pairIndex
    let failingOffsets = offsets
    let failing = pairsFailing
    @Sendable func pairBeyond(_ x: Int, _ y: Int, contains v: Int32) -> Bool {
      guard let r = index[UInt64(min(x, y)) << 32 | UInt64(max(x, y))] else { return false }
      let list = pairs[r].beyond
      var lo = 0
      var hi = list.count
      while lo < hi {
        let mid = (lo + hi) / 2
        if list[mid] < v { lo = mid + 1 } else { hi = mid }
      }
      return lo < list.count && list[lo] == v
    }
    let results = perThread(threads: threads, { a, state, out in
      apply(base: a, &state)
      let failedA = MinimalFailureSets.popcount(rows, from: a * words, words: words)
      for b in (a + 1)..<classCount where !inRow(a, first[b]) && !inRow(b, first[a]) {
        _ = propagate(b, base: a, level: 1, &state)
        let failedAB = failedA + state.queues[1].count
        collectDegraded(base: a, upTo: 1, &state)
        state.candidates.removeAll(keepingCapacity: true)
        let baseEpoch = state.epoch
        // A group that still tolerates r failures is lost only if the third member fails
        // r + 1 more of its suppliers (through its row or its pairs with a or b).
        for g in state.degraded {
          let more = Int(state.slack[Int(g)]) + 1
          state.epoch += 1
          state.proposed.removeAll(keepingCapacity: true)
          @inline(__always) func propose(_ c: Int) {
            guard c != a && c != b else { return }
            if state.coverStamp[c] != state.epoch {
              state.coverStamp[c] = state.epoch
              state.cover[c] = 0
              state.proposed.append(Int32(c))
            }
            state.cover[c] += 1
          }
          for k in graph.supplierOffsets[Int(g)]..<graph.supplierOffsets[Int(g) + 1] {
            let s = Int(graph.suppliers[k])
            if failed(s, base: a, state) { continue }
            // Each class once per supplier: its row, or its pair with a or b.
            state.supplierEpoch += 1
            @inline(__always) func once(_ c: Int) {
              if state.supplierStamp[c] != state.supplierEpoch {
                state.supplierStamp[c] = state.supplierEpoch
                propose(c)
              }
            }
            for h in holderOffsets[s]..<holderOffsets[s + 1] { once(Int(holders[h])) }
            // The proof of completeness needs these (a supplier failed by a pair with a or
            // b, not by the class alone); on random graphs the rows above have always
            // proposed the same classes through another group, so no test tells them apart.
            for h in failingOffsets[s]..<failingOffsets[s + 1] {
              let p = pairs[Int(failing[h])].classes
              let x = Int(p[0])
              let y = Int(p[1])
              if x == a || x == b { once(y) }
              if y == a || y == b { once(x) }
            }
          }
          for c in state.proposed where Int(state.cover[Int(c)]) >= more && state.classStamp[Int(c)] != baseEpoch {
            state.classStamp[Int(c)] = baseEpoch
            state.candidates.append(c)
          }
        }
        state.candidates.sort()
        for c in state.candidates.map({ Int($0) })
        where !failed(first[c], base: a, state) && !inRow(c, first[a]) && !inRow(c, first[b]) {
          out.propagated += 1
          let new = propagate(c, base: a, level: 2, &state)
          let beyond = new.filter { !pairBeyond(a, c, contains: $0) && !pairBeyond(b, c, contains: $0) }
          if !beyond.isEmpty {
            let classes = [Int32(a), Int32(b), Int32(c)].sorted()
            out.records.append(Record(classes: classes, beyond: beyond, failed: failedAB + state.queues[2].count))
          }
          undo(level: 2, &state)
        }
        undo(level: 1, &state)
      }
      undo(level: 0, &state)
    }, initial: Collected())
    var records = results.flatMap(\.records)
    records.sort { $0.classes.lexicographicallyPrecedes($1.classes) }
    // A triple is proposed by each of its pairs that sees it; keep one.
    var unique: [Record] = []
    unique.reserveCapacity(records.count)
    for r in records where unique.last?.classes != r.classes { unique.append(r) }
    return (unique, results.reduce(0) { $0 + $1.propagated })
  }
}
