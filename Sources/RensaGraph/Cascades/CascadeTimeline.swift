import CRensaBits

/// The deterministic cascade timeline: when each node fails after a set of initial
/// failures, when it is restored, and why (Docs/Cascade.md states the semantics with
/// worked examples).
///
/// **Failure.** A dependency `e = (s → d)` is lost at `F(s) + delay(e)` — unless `s` is
/// restored by then (`R(s) ≤ F(s) + delay(e)`: the backup bridged the outage) — and is
/// back at `R(s)`. A cut (an initial failure of the dependency itself) loses it from
/// its start to its end. A requirement group of `d` with `n` members and need `k` is
/// lost while fewer than `k` members work, i.e. while at least `n − k + 1` are lost
/// (an edge without a group is a group of its own). `d` fails at the first instant one
/// of its groups is lost (AND over groups, OR or k-of-n within), so for outages that
/// outlast the backups, `F(d) = min over groups of the (n − k + 1)-th smallest loss time`.
/// Initial failures fail at their start. Outage intervals are half-open `[lost, back)`.
///
/// **Restoration.** Each node fails at most once. A failed node is restored when every
/// group that is lost at its failure is served again: when enough of the members lost
/// then are available again for fewer than `n − k + 1` to remain lost, a member being
/// available `recovery(e)` hours after its outage ends. Losses that begin after the node
/// failed are consequences of the same outage and do not delay it. Losses at the very
/// instant a node fails count only if they come from an earlier round of that instant
/// (a zero-delay chain is resolved in rounds: round 0 holds what was caused before the
/// instant and the initial failures starting at it; round r + 1 what round r causes), so
/// restoration never waits on a loop of simultaneous failures. An initial failure is
/// restored at its end (never, without one); a node that is both an initial failure and
/// failed through a dependency stays down until both are over.
///
/// **Why.** For each failed node the edge whose loss completed its group (``cause``),
/// so the chain of causes back to an initial failure can be read.
///
/// The search is label-setting over a radix heap: O((n + m) · 64) time, O(n + m) memory.
/// Required (single-edge) groups relax like Dijkstra's algorithm; groups with
/// alternatives count member losses and returns as events in time order (returns first
/// at equal times).
public struct CascadeTimeline: Sendable {
  /// An initial failure of a node.
  public struct NodeFailure: Sendable, Hashable {
    public var node: Int
    public var start: Double
    /// When the failure ends; `nil`: not within the scenario.
    public var end: Double?
    public init(node: Int, start: Double = 0, end: Double? = nil) {
      self.node = node
      self.start = start
      self.end = end
    }
  }

  /// An initial failure of one dependency (edge id): it is lost from `start` to `end`.
  public struct EdgeCut: Sendable, Hashable {
    public var edge: Int
    public var start: Double
    public var end: Double?
    public init(edge: Int, start: Double = 0, end: Double? = nil) {
      self.edge = edge
      self.start = start
      self.end = end
    }
  }

  /// Hour each node fails; `.infinity` when it never does.
  public let failedAt: [Double]
  /// Hour each failed node is restored; `.infinity` when it is not (or never failed).
  public let restoredAt: [Double]
  /// For each node failed through a dependency, the edge (input order) whose loss
  /// completed the group that failed it; `-1` for initial failures and unfailed nodes.
  public let cause: [Int32]
  /// Failed nodes in the order they fail.
  public let order: [UInt32]
  /// Whether each node was an initial failure at or before it failed.
  public let isInitial: [Bool]

  let cuts: [Int: (start: Double, end: Double)]
  let transmitted: [Bool]?
  /// Per edge, the delays of this timeline when they differ from the graph's (a trial).
  let delays: [Double]?

  /// The delay of edge `e` in this timeline.
  public func delay(ofEdge e: Int, in graph: TimedDependencyGraph) -> Double { delays?[e] ?? graph.edges[e].delay }

  /// The number of nodes that fail.
  public var failedCount: Int { order.count }

  /// When dependency `e` is lost and back, if it is lost before its dependent is
  /// restored: by its supplier's failure (outlasting the delay) or by a cut.
  public func outage(ofEdge e: Int, in graph: TimedDependencyGraph) -> (lost: Double, back: Double)? {
    let edge = graph.edges[e]
    var lost = Double.infinity
    var back = -Double.infinity
    let fs = failedAt[edge.supplier]
    let delay = delays?[e] ?? edge.delay
    if fs.isFinite, fs + delay < restoredAt[edge.supplier], transmitted?[e] ?? true {
      lost = fs + delay
      back = restoredAt[edge.supplier]
    }
    if let cut = cuts[e] {
      if cut.start < lost {
        // A cut first; the supplier's outage, if it overlaps, extends it.
        back = lost <= cut.end ? max(back, cut.end) : cut.end
        lost = cut.start
      } else if cut.start <= back {
        back = max(back, cut.end)
      }
    }
    return lost.isFinite ? (lost, back) : nil
  }

  /// Computes the timeline.
  ///
  /// - Throws: ``TimedDependencyGraph/InputError`` for an unknown node or edge, a start
  ///   that is negative or not finite, or an end not after its start.
  public init(
    _ graph: TimedDependencyGraph, failures: [NodeFailure], cuts: [EdgeCut] = []
  ) throws(TimedDependencyGraph.InputError) {
    try self.init(graph, failures: failures, cuts: cuts, transmitted: nil)
  }

  /// Computes the timeline of one Monte Carlo trial: a dependency whose entry in
  /// `transmitted` (by edge id) is false does not pass its supplier's failure on (it can
  /// still be cut).
  public init(
    _ graph: TimedDependencyGraph, failures: [NodeFailure], cuts: [EdgeCut] = [], transmitted: [Bool]?,
    delays: [Double]? = nil
  ) throws(TimedDependencyGraph.InputError) {
    if let transmitted, transmitted.count != graph.edges.count {
      throw .init(reason: "\(transmitted.count) transmission flags for \(graph.edges.count) edges")
    }
    if let delays {
      guard delays.count == graph.edges.count else {
        throw .init(reason: "\(delays.count) delays for \(graph.edges.count) edges")
      }
      for (e, d) in delays.enumerated() where !(d.isFinite && d >= 0) {
        throw .init(edge: e, reason: "delay \(d) is not a finite number ≥ 0")
      }
    }
    let (seedStart, seedEnd, cutTable) = try Self.resolve(graph, failures: failures, cuts: cuts)
    self.cuts = cutTable

    var search = TimelineSearch(
      graph: graph, seedStart: seedStart, seedEnd: seedEnd, cuts: cutTable,
      live: transmitted.map { t in graph.outEdge.map { t[Int($0)] } } ?? [],
      delays: delays.map { d in graph.outEdge.map { d[Int($0)] } } ?? [])
    self.delays = delays
    self.transmitted = transmitted
    search.run()
    let (failed, cause) = search.finish()
    self.failedAt = failed
    self.restoredAt = search.restored
    self.cause = cause
    self.order = search.order
    self.isInitial = search.initial
  }

  /// Checks initial failures and cuts as the timeline would, without computing it.
  ///
  /// - Throws: ``TimedDependencyGraph/InputError`` for an unknown node or edge, a start
  ///   that is negative or not finite, an end not after its start, or a node or edge
  ///   given twice.
  public static func validate(
    _ graph: TimedDependencyGraph, failures: [NodeFailure], cuts: [EdgeCut]
  ) throws(TimedDependencyGraph.InputError) {
    _ = try resolve(graph, failures: failures, cuts: cuts)
  }

  /// Per node, the initial failure's start (∞: none) and end (−∞: none; ∞: not
  /// restored), and the cuts by edge.
  static func resolve(
    _ graph: TimedDependencyGraph, failures: [NodeFailure], cuts: [EdgeCut]
  ) throws(TimedDependencyGraph.InputError) -> (
    seedStart: [Double], seedEnd: [Double], cuts: [Int: (start: Double, end: Double)]
  ) {
    let n = graph.nodeCount
    let m = graph.edges.count
    var seedStart = [Double](repeating: .infinity, count: n)
    var seedEnd = [Double](repeating: -.infinity, count: n)
    for f in failures {
      guard f.node >= 0, f.node < n else { throw .init(reason: "initial failure of node \(f.node), out of range 0..<\(n)") }
      guard f.start.isFinite, f.start >= 0 else { throw .init(reason: "node \(f.node): start \(f.start) is not a finite number ≥ 0") }
      if let end = f.end {
        guard end > f.start, !end.isNaN else { throw .init(reason: "node \(f.node): end \(end) is not after start \(f.start)") }
      }
      guard seedStart[f.node] == .infinity else { throw .init(reason: "node \(f.node) has two initial failures") }
      seedStart[f.node] = f.start
      seedEnd[f.node] = f.end ?? .infinity
    }
    var cutTable: [Int: (start: Double, end: Double)] = [:]
    for c in cuts {
      guard c.edge >= 0, c.edge < m else { throw .init(reason: "cut of edge \(c.edge), out of range 0..<\(m)") }
      guard c.start.isFinite, c.start >= 0 else { throw .init(edge: c.edge, reason: "cut start \(c.start) is not a finite number ≥ 0") }
      if let end = c.end {
        guard end > c.start, !end.isNaN else { throw .init(edge: c.edge, reason: "cut end \(end) is not after its start") }
      }
      guard cutTable[c.edge] == nil else { throw .init(edge: c.edge, reason: "the edge is cut twice") }
      cutTable[c.edge] = (c.start, c.end ?? .infinity)
    }
    return (seedStart, seedEnd, cutTable)
  }

  /// The chain of causes of node `v`, from `v` back to an initial failure: each step is
  /// the edge whose loss failed the previous node.
  public func causeChain(of v: Int, in graph: TimedDependencyGraph) -> [Int] {
    var chain: [Int] = []
    var node = v
    var seen = Set<Int>()
    while cause[node] >= 0, seen.insert(node).inserted {
      let e = Int(cause[node])
      chain.append(e)
      node = graph.edges[e].supplier
    }
    return chain
  }
}

/// The label-setting search of ``CascadeTimeline`` (state in stored properties, so that
/// the hot loop works on plain arrays, not on captured variables).
struct TimelineSearch {
  /// How many nodes ahead of the one relaxed the search fetches offsets, rows and targets.
  enum LookAhead {
    static let offsets = 24
    static let rows = 8
    static let targets = 3
    /// How many popped node events ahead the round's check fetches their labels.
    static let labels = 16
  }
  let graph: TimedDependencyGraph
  let n: Int
  let m: Int
  let seedStart: [Double]
  let seedEnd: [Double]
  let cutTable: [Int: (start: Double, end: Double)]
  /// Per row position: whether the dependency passes its supplier's failure on (empty:
  /// all do).
  let live: [Bool]
  /// Per row position: the delay of this search when it differs from the graph's (empty:
  /// the graph's).
  let delayByPosition: [Double]
  /// Every outage is permanent (no initial failure or cut ends): every failed node stays
  /// down, and restoration need not be computed.
  let permanent: Bool

  /// The hot state of one node, in one 16-byte record so that a relaxation or a check
  /// touches one cache line: its tentative then final failure time, its cause (a row
  /// position until `finish()`), whether it is final, and whether it is among this
  /// round's candidates.
  struct Label {
    var failed: Double
    var cause: Int32
    var done: Bool
    var candidate: Bool
  }
  // Raw buffer, freed by `finish()`.
  let labels: UnsafeMutablePointer<Label>
  var restored: [Double]
  var initial: [Bool]
  var order: [UInt32] = []
  var lostCount: [UInt32]
  // Per edge of a group with alternatives: lost now (for counting), and its return.
  var edgeDown: [Bool]
  var edgeBack: [Double]
  let heap = RadixHeap()
  // Event values: [0, n) a node that may fail, [lossBase, lossBase + m) the loss of an
  // edge with alternatives, [backBase, backBase + m) its return.
  let lossBase: UInt32
  let backBase: UInt32
  var scratch: [Double] = []

  init(
    graph: TimedDependencyGraph, seedStart: [Double], seedEnd: [Double], cuts: [Int: (start: Double, end: Double)],
    live: [Bool], delays: [Double]
  ) {
    self.graph = graph
    self.live = live
    self.delayByPosition = delays
    n = graph.nodeCount
    m = graph.edges.count
    self.seedStart = seedStart
    self.seedEnd = seedEnd
    cutTable = cuts
    permanent = !seedEnd.contains { $0.isFinite } && !cuts.values.contains { $0.end.isFinite }
    labels = .allocate(capacity: max(n, 1))
    labels.initialize(repeating: Label(failed: .infinity, cause: -1, done: false, candidate: false), count: n)
    restored = [Double](repeating: .infinity, count: n)
    initial = [Bool](repeating: false, count: n)
    lostCount = [UInt32](repeating: 0, count: graph.groupCount)
    let anyAlternatives = graph.groupCount < m
    edgeDown = [Bool](repeating: false, count: anyAlternatives ? m : 0)
    edgeBack = [Double](repeating: -.infinity, count: anyAlternatives ? m : 0)
    lossBase = UInt32(n)
    backBase = UInt32(n + m)
  }

  /// When edge e's outage that is under way at `t` ends, from what is known now (its
  /// supplier, if already failed, and its cut); nil when it is not lost at `t`.
  func outageEnd(_ e: Int, at t: Double) -> Double? {
    let edge = graph.edges[e]
    var end: Double? = nil
    let s = edge.supplier
    let position = Int(graph.positionOfEdge[e])
    if labels[s].done, live.isEmpty || live[position] {
      let lost = labels[s].failed + (delayByPosition.isEmpty ? edge.delay : delayByPosition[position])
      if lost <= t, t < restored[s] { end = restored[s] }
    }
    if !cutTable.isEmpty, let cut = cutTable[e], cut.start <= t, t < cut.end { end = max(end ?? cut.end, cut.end) }
    return end
  }

  /// Restoration of d failed at t: every lost group served again, and any initial
  /// failure over.
  mutating func restoration(of d: Int, at t: Double) -> Double {
    var r = -Double.infinity
    for g in graph.groups(of: d) {
      let g = Int(g)
      let lo = graph.groupMemberOffsets[g]
      let hi = graph.groupMemberOffsets[g + 1]
      if hi - lo == 1 {
        let e = Int(graph.groupMembers[lo])
        guard let end = outageEnd(e, at: t) else { continue }
        r = max(r, end + graph.edges[e].recovery)
        continue
      }
      let required = hi - lo - graph.need(ofGroup: g) + 1
      guard Int(lostCount[g]) >= required else { continue }
      scratch.removeAll(keepingCapacity: true)
      for k in lo..<hi {
        let e = Int(graph.groupMembers[k])
        guard edgeDown[e] else { continue }
        scratch.append(edgeBack[e] + graph.edges[e].recovery)
      }
      // Served again once (lost − required + 1) of the lost members are back.
      scratch.sort()
      r = max(r, scratch[scratch.count - required])
    }
    if seedStart[d].isFinite { r = max(r, seedEnd[d]) }
    return r
  }

  mutating func run() {
    for v in 0..<n where seedStart[v].isFinite {
      labels[v].failed = seedStart[v]
      heap.push(seedStart[v], UInt32(v))
    }
    for (e, c) in cutTable.sorted(by: { $0.key < $1.key }) {
      let g = graph.group(ofEdge: e)
      if graph.isSingle(g) {
        let d = graph.edges[e].dependent
        if c.start < labels[d].failed {
          labels[d].failed = c.start
          labels[d].cause = Int32(bitPattern: graph.positionOfEdge[e])
          heap.push(c.start, UInt32(d))
        }
      } else {
        heap.push(c.start, lossBase + UInt32(e))
      }
    }

    var losses: [UInt32] = []
    var nodes: [UInt32] = []
    var backs: [UInt32] = []
    var candidates: [Int] = []
    while !heap.isEmpty {
      // One round: every event at the earliest time that is waiting now.
      let (t, first) = heap.pop()
      losses.removeAll(keepingCapacity: true)
      nodes.removeAll(keepingCapacity: true)
      backs.removeAll(keepingCapacity: true)
      var value = first
      while true {
        if value < lossBase {
          nodes.append(value)
        } else if value < backBase {
          losses.append(value - lossBase)
        } else {
          backs.append(value - backBase)
        }
        guard heap.hasMoreAtLastKey else { break }
        value = heap.pop().value
      }
      // Returns first (outages are half-open), then losses, then node failures.
      for e in backs {
        let e = Int(e)
        if edgeDown[e] && edgeBack[e] == t {
          edgeDown[e] = false
          lostCount[graph.group(ofEdge: e)] -= 1
        }
      }
      candidates.removeAll(keepingCapacity: true)
      for e in losses {
        let e = Int(e)
        let d = graph.edges[e].dependent
        guard !labels[d].done, let end = outageEnd(e, at: t) else { continue }
        if edgeDown[e] {
          // Already lost (by its cut or its supplier): the other outage may extend it.
          if end > edgeBack[e] {
            edgeBack[e] = end
            if end.isFinite { heap.push(end, backBase + UInt32(e)) }
          }
          continue
        }
        edgeDown[e] = true
        edgeBack[e] = end
        if end.isFinite { heap.push(end, backBase + UInt32(e)) }
        let g = graph.group(ofEdge: e)
        lostCount[g] += 1
        let members = graph.groupMemberOffsets[g + 1] - graph.groupMemberOffsets[g]
        if Int(lostCount[g]) >= members - graph.need(ofGroup: g) + 1, !labels[d].candidate {
          labels[d].candidate = true
          candidates.append(d)
          labels[d].failed = t
          // An initial failure starting now keeps no cause.
          labels[d].cause = seedStart[d] <= t ? -1 : Int32(bitPattern: graph.positionOfEdge[e])
          if permanent { labels[d].done = true }
        }
      }
      // A node event stands if it still carries the node's time (its cause was set with it).
      for (i, value) in nodes.enumerated() {
        if i &+ LookAhead.labels < nodes.count { rensa_prefetch(labels + Int(nodes[i &+ LookAhead.labels])) }
        let v = Int(value)
        if !labels[v].done, labels[v].failed == t, !labels[v].candidate {
          candidates.append(v)
          if permanent { labels[v].done = true } else { labels[v].candidate = true }
        }
      }
      // Fail this round's nodes, then let their dependencies go. When every outage is
      // permanent nothing is restored and they are final at once (`done` above).
      order.append(contentsOf: candidates.lazy.map { UInt32($0) })
      if !permanent {
        for d in candidates {
          labels[d].candidate = false
          restored[d] = restoration(of: d, at: t)
        }
        for d in candidates { labels[d].done = true }
      } else {
        for d in candidates where labels[d].candidate { labels[d].candidate = false }
      }
      relaxAll(candidates, at: t)
    }
    for v in 0..<n where !labels[v].done {
      labels[v].failed = .infinity
      restored[v] = .infinity
      labels[v].cause = -1
    }
    // Initial failures are the failed nodes without a cause.
    for v in 0..<n { initial[v] = labels[v].done && labels[v].cause < 0 }
  }

  /// The results as arrays; frees the buffers.
  func finish() -> (failed: [Double], cause: [Int32]) {
    let failed = (0..<n).map { labels[$0].failed }
    // Causes were kept as row positions; report edge ids.
    let cause = (0..<n).map { v in
      let c = labels[v].cause
      return c < 0 || graph.positionsAreEdgeIDs ? c : Int32(bitPattern: graph.outEdge[Int(c)])
    }
    labels.deinitialize(count: n)
    labels.deallocate()
    return (failed, cause)
  }

  /// Relaxes a round's nodes, fetching ahead what the next ones will read: the search is
  /// bound by memory latency on large random graphs.
  mutating func relaxAll(_ nodes: [Int], at t: Double) {
    if permanent && live.isEmpty && delayByPosition.isEmpty {
      relaxAllPermanent(nodes, at: t)
      return
    }
    let labels = labels
    graph.outOffsets.withUnsafeBufferPointer { offsets in
      graph.outPacked.withUnsafeBufferPointer { rows in
        nodes.withUnsafeBufferPointer { nodes in
          for i in 0..<nodes.count {
            Self.fetchAhead(of: i, in: nodes, offsets: offsets.baseAddress!, rows: rows.baseAddress!, labels: labels)
            relax(nodes[i], at: t)
          }
        }
      }
    }
  }

  /// Fetches what relaxing the nodes after `nodes[i]` will read: the offsets
  /// `LookAhead.offsets` nodes ahead, both ends of the row (a row of a few edges often
  /// straddles two cache lines) `LookAhead.rows` ahead, and the targets' labels
  /// `LookAhead.targets` ahead. The search is bound by memory latency on large random
  /// graphs (on 100,000 nodes of mean degree 5, distances from half to twice these
  /// measured the same; fetching only a row's first line cost a quarter of the time).
  @inline(__always)
  static func fetchAhead(
    of i: Int, in nodes: UnsafeBufferPointer<Int>, offsets: UnsafePointer<Int>, rows: UnsafePointer<PackedEdge>,
    labels: UnsafeMutablePointer<Label>
  ) {
    let count = nodes.count
    if i &+ LookAhead.offsets < count { rensa_prefetch(offsets + nodes[i &+ LookAhead.offsets]) }
    if i &+ LookAhead.rows < count {
      let c = nodes[i &+ LookAhead.rows]
      let lo = offsets[c]
      let hi = offsets[c &+ 1]
      if lo < hi {
        rensa_prefetch(rows + lo)
        rensa_prefetch(rows + (hi &- 1))
      }
    }
    if i &+ LookAhead.targets < count {
      let c = nodes[i &+ LookAhead.targets]
      for p in offsets[c]..<offsets[c &+ 1] { rensa_prefetch_write(labels + Int(rows[p].target)) }
    }
  }

  /// `relaxAll` when every outage is permanent and every dependency transmits with the
  /// graph's delay (the common case): no restoration bound, no masks, and no `done` test
  /// (a final node's time is ≤ t ≤ any loss now, so the time comparison excludes it).
  mutating func relaxAllPermanent(_ nodes: [Int], at t: Double) {
    let lossBase = lossBase
    let heap = heap
    let labels = labels
    graph.outOffsets.withUnsafeBufferPointer { offsets in
      graph.outPacked.withUnsafeBufferPointer { rows in
        graph.outEdge.withUnsafeBufferPointer { outEdge in
          nodes.withUnsafeBufferPointer { nodes in
            let offsets = offsets.baseAddress!
            let rows = rows.baseAddress!
            for i in 0..<nodes.count {
              Self.fetchAhead(of: i, in: nodes, offsets: offsets, rows: rows, labels: labels)
              let d = nodes[i]
              for p in offsets[d]..<offsets[d &+ 1] {
                let edge = rows[p]
                let loss = t + edge.delay
                let v = Int(edge.target)
                let current = labels[v].failed
                if edge.group & TimedDependencyGraph.singleFlag != 0 {
                  if loss < current {
                    labels[v].failed = loss
                    labels[v].cause = Int32(truncatingIfNeeded: p)
                    heap.push(loss, UInt32(v))
                  }
                } else if loss <= current {
                  // A loss after the node's (tentative) failure cannot matter: that failure
                  // stands when nothing is restored. At equal times the loss is kept, as
                  // losses are handled before node events and give the cause.
                  heap.push(loss, lossBase + outEdge[p])
                }
              }
            }
          }
        }
      }
    }
  }

  /// Dependencies on d are lost when their delay runs out while d is still down.
  @inline(__always)
  mutating func relax(_ d: Int, at t: Double) {
    let r = restored[d]
    let lo = graph.outOffsets[d]
    let hi = graph.outOffsets[d + 1]
    let masked = !live.isEmpty
    for p in lo..<hi {
      if masked && !live[p] { continue }  // not transmitted in this trial
      let edge = graph.outPacked[p]
      let loss = t + (delayByPosition.isEmpty ? edge.delay : delayByPosition[p])
      guard loss < r else { continue }  // the backup outlasts the outage
      let v = Int(edge.target)
      if labels[v].done { continue }
      if edge.group & TimedDependencyGraph.singleFlag != 0 {
        if loss < labels[v].failed {
          labels[v].failed = loss
          labels[v].cause = Int32(truncatingIfNeeded: p)  // a position until `finish()`
          heap.push(loss, UInt32(v))
        }
      } else {
        heap.push(loss, lossBase + graph.outEdge[p])
      }
    }
  }
}
