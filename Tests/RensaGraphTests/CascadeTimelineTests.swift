import Testing
import RensaGraph
import _RensaTestSupport

@Suite struct CascadeTimelineTests {
  typealias Edge = TimedDependencyGraph.Edge
  typealias Failure = CascadeTimeline.NodeFailure

  func timeline(_ n: Int, _ edges: [Edge], _ failures: [Failure], cuts: [CascadeTimeline.EdgeCut] = []) throws
    -> CascadeTimeline
  {
    try CascadeTimeline(TimedDependencyGraph(nodeCount: n, edges: edges), failures: failures, cuts: cuts)
  }

  /// Docs/Cascade.md, example 1: a chain with backups, grid never restored.
  @Test func chainWithBackups() throws {
    // 0 grid → 1 telecom (batteries 3 h) → 2 bank (buffer 0.5 h)
    let t = try timeline(3, [Edge(supplier: 0, dependent: 1, delay: 3), Edge(supplier: 1, dependent: 2, delay: 0.5)], [Failure(node: 0)])
    #expect(t.failedAt == [0, 3, 3.5])
    #expect(t.restoredAt == [.infinity, .infinity, .infinity])
    #expect(t.cause == [-1, 0, 1] && t.isInitial == [true, false, false])
    #expect(t.causeChain(of: 2, in: try TimedDependencyGraph(nodeCount: 3, edges: [
      Edge(supplier: 0, dependent: 1, delay: 3), Edge(supplier: 1, dependent: 2, delay: 0.5),
    ])) == [1, 0])
  }

  /// Example 2: an outage shorter than the backup never reaches the dependent; a longer
  /// one does, and restoration follows with each recovery time.
  @Test func backupsBridgeShortOutagesAndRecoveryFollows() throws {
    let edges = [Edge(supplier: 0, dependent: 1, delay: 3, recovery: 2), Edge(supplier: 1, dependent: 2, delay: 0.5, recovery: 1)]
    let short = try timeline(3, edges, [Failure(node: 0, start: 0, end: 2)])
    #expect(short.failedAt == [0, .infinity, .infinity] && short.restoredAt[0] == 2)
    let exact = try timeline(3, edges, [Failure(node: 0, start: 0, end: 3)])  // back exactly when the batteries run out
    #expect(exact.failedAt == [0, .infinity, .infinity])
    let long = try timeline(3, edges, [Failure(node: 0, start: 0, end: 72)])
    #expect(long.failedAt == [0, 3, 3.5])
    #expect(long.restoredAt == [72, 74, 75])
  }

  /// Example 3: alternatives. The hospital runs on the grid or on its generator, whose
  /// fuel deliveries need the grid after 6 h; a 2-of-3 group needs two of three lines.
  @Test func alternativesAndKOfN() throws {
    // 0 grid, 1 fuel logistics, 2 hospital (grid OR fuel), 3 line a, 4 line b, 5 line c, 6 exchange (2 of a, b, c)
    let edges = [
      Edge(supplier: 0, dependent: 1, delay: 6, recovery: 12),
      Edge(supplier: 0, dependent: 2, delay: 0, recovery: 1, group: 1),
      Edge(supplier: 1, dependent: 2, delay: 0, recovery: 2, group: 1),
      Edge(supplier: 3, dependent: 6, group: 7, need: 2), Edge(supplier: 4, dependent: 6, group: 7, need: 2),
      Edge(supplier: 5, dependent: 6, group: 7, need: 2),
    ]
    let t = try timeline(7, edges, [Failure(node: 0, start: 0, end: 48), Failure(node: 3, start: 5), Failure(node: 4, start: 9, end: 20)])
    #expect(t.failedAt[1] == 6 && t.restoredAt[1] == 60)  // grid back at 48, fuel needs 12 h
    // The hospital loses the grid at 0 and fuel at 6: down from 6; the grid returns at 48,
    // and one alternative suffices: 48 + 1.
    #expect(t.failedAt[2] == 6 && t.restoredAt[2] == 49)
    #expect(t.cause[2] == 2)  // the fuel edge completed the group
    // Exchange: line a lost at 5 (never back), line b at 9: two of three lost → fails at 9;
    // served again when b returns at 20.
    #expect(t.failedAt[6] == 9 && t.restoredAt[6] == 20)
  }

  /// Example 4: a loop. Power and telecom need each other (telecom after 3 h on
  /// batteries, power control after 1 h); the outage is of telecom, 0–24 h.
  @Test func loopsRestoreFromTheInitialFailure() throws {
    let edges = [Edge(supplier: 0, dependent: 1, delay: 3, recovery: 2), Edge(supplier: 1, dependent: 0, delay: 1, recovery: 1)]
    let t = try timeline(2, edges, [Failure(node: 1, start: 0, end: 24)])
    #expect(t.failedAt == [1, 0])
    // Power fails at 1 and returns 1 h after telecom does; telecom's own power dependency
    // was lost at 4 (after it failed), so it does not hold telecom back.
    #expect(t.restoredAt == [25, 24])
  }

  @Test func cutsLoseOneDependency() throws {
    // Two pipes feed a pump (either suffices); one is cut 0–10, the other 5–8.
    let edges = [Edge(supplier: 0, dependent: 2, group: 0), Edge(supplier: 1, dependent: 2, group: 0)]
    let t = try timeline(3, edges, [], cuts: [.init(edge: 0, start: 0, end: 10), .init(edge: 1, start: 5, end: 8)])
    #expect(t.failedAt == [.infinity, .infinity, 5] && t.restoredAt[2] == 8)
  }

  @Test func badInputIsRefusedWithAReason() {
    #expect(throws: TimedDependencyGraph.InputError.self) { try TimedDependencyGraph(nodeCount: 2, edges: [Edge(supplier: 0, dependent: 2)]) }
    #expect(throws: TimedDependencyGraph.InputError.self) { try TimedDependencyGraph(nodeCount: 2, edges: [Edge(supplier: 0, dependent: 1, delay: -1)]) }
    #expect(throws: TimedDependencyGraph.InputError.self) { try TimedDependencyGraph(nodeCount: 2, edges: [Edge(supplier: 0, dependent: 1, delay: .nan)]) }
    #expect(throws: TimedDependencyGraph.InputError.self) {
      try TimedDependencyGraph(nodeCount: 3, edges: [Edge(supplier: 0, dependent: 2, group: 1, need: 2), Edge(supplier: 1, dependent: 2, group: 1, need: 1)])
    }
    #expect(throws: TimedDependencyGraph.InputError.self) {
      try TimedDependencyGraph(nodeCount: 3, edges: [Edge(supplier: 0, dependent: 2, group: 1, need: 3), Edge(supplier: 1, dependent: 2, group: 1, need: 3)])
    }
    let g = try! TimedDependencyGraph(nodeCount: 2, edges: [Edge(supplier: 0, dependent: 1)])
    #expect(throws: TimedDependencyGraph.InputError.self) { try CascadeTimeline(g, failures: [Failure(node: 5)]) }
    #expect(throws: TimedDependencyGraph.InputError.self) { try CascadeTimeline(g, failures: [Failure(node: 0, start: 3, end: 2)]) }
    #expect(throws: TimedDependencyGraph.InputError.self) { try CascadeTimeline(g, failures: [Failure(node: 0, start: -.infinity)]) }
    #expect(throws: TimedDependencyGraph.InputError.self) { try CascadeTimeline(g, failures: [], cuts: [.init(edge: 1)]) }
  }

  /// Random requirement groups: for each dependent d, `below(groupsBelow)` groups of 1–3
  /// distinct suppliers (d itself left out); a group is labelled (alternatives, k-of-n
  /// with k drawn) when `labelled(its size)` says so, else its edges are plain required
  /// edges; `edge(supplier, dependent, group or nil, need)` draws the rest of an edge.
  static func randomGroups(
    _ n: Int, groupsBelow: Int, _ below: (Int) -> Int, labelled: (Int) -> Bool,
    edge: (Int, Int, Int?, Int) -> Edge
  ) -> [Edge] {
    var edges: [Edge] = []
    for d in 0..<n {
      for g in 0..<below(groupsBelow) {
        let size = 1 + below(3)
        var suppliers = Set<Int>()
        for _ in 0..<size { suppliers.insert(below(n)) }
        suppliers.remove(d)
        guard !suppliers.isEmpty else { continue }
        let isLabelled = labelled(suppliers.count)
        let need = isLabelled ? 1 + below(suppliers.count) : 1
        for s in suppliers.sorted() { edges.append(edge(s, d, isLabelled ? g : nil, need)) }
      }
    }
    return edges
  }

  /// The event-driven search against the time-grid simulation on random graphs with
  /// required edges, alternatives, k-of-n groups, loops, zero delays, restorations and cuts.
  @Test func matchesTheTimeGridSimulation() throws {
    var rng = Xoshiro256StarStar(seed: 2026)
    func below(_ k: Int) -> Int { Int(rng.next() % UInt64(k)) }
    var compared = 0
    var restoredCompared = 0
    for trial in 0..<400 {
      let n = 2 + below(10)
      // 0–2 groups per node, each of 1–3 suppliers.
      let edges = Self.randomGroups(n, groupsBelow: 3, below, labelled: { $0 > 1 || below(2) == 0 }) { s, d, g, need in
        Edge(supplier: s, dependent: d, delay: Double(below(4)), recovery: Double(below(3)), group: g, need: need)
      }
      var failures: [Failure] = []
      for v in 0..<n where below(4) == 0 {
        failures.append(Failure(node: v, start: Double(below(5)), end: below(3) == 0 ? nil : Double(6 + below(30))))
      }
      var cuts: [CascadeTimeline.EdgeCut] = []
      for e in edges.indices where below(8) == 0 {
        let start = below(6)
        cuts.append(.init(edge: e, start: Double(start), end: below(3) == 0 ? nil : Double(start + 1 + below(10))))
      }
      let fast = try timeline(n, edges, failures, cuts: cuts)
      let slow = Naive.cascadeOnGrid(nodeCount: n, edges: edges, failures: failures, cuts: cuts, horizon: 120)
      #expect(fast.failedAt == slow.failed, "trial \(trial): failure times")
      #expect(fast.restoredAt == slow.restored, "trial \(trial): restoration times")
      compared += fast.failedCount
      restoredCompared += fast.restoredAt.filter(\.isFinite).count
    }
    // The comparison is not vacuous.
    #expect(compared > 800 && restoredCompared > 300)
  }

  /// The search's fast path for permanent outages (no restoration bound, no masks, no
  /// "final" test) against its general path, forced by marking every dependency as
  /// transmitted: equal failure times, causes and order, ties included (integer and zero
  /// delays, alternatives and k-of-n groups), on graphs large enough that the look-ahead
  /// fetches run.
  @Test func thePermanentFastPathEqualsTheGeneralSearch() throws {
    var rng = Xoshiro256StarStar(seed: 77)
    func below(_ k: Int) -> Int { Int(rng.next() % UInt64(k)) }
    var failedCompared = 0
    var causedByGroups = 0
    for trial in 0..<60 {
      let n = 2 + below(trial < 30 ? 12 : 3000)
      let edges = Self.randomGroups(n, groupsBelow: 4, below, labelled: { $0 > 1 && below(3) != 0 }) { s, d, g, need in
        Edge(supplier: s, dependent: d, delay: Double(below(4)), group: g, need: need)
      }
      var failures: [Failure] = []
      for v in 0..<n where below(max(2, n / 5)) == 0 { failures.append(Failure(node: v, start: Double(below(3)))) }
      let graph = try TimedDependencyGraph(nodeCount: n, edges: edges)
      let fast = try CascadeTimeline(graph, failures: failures, transmitted: nil)
      let general = try CascadeTimeline(
        graph, failures: failures, transmitted: [Bool](repeating: true, count: edges.count))
      // The first difference only (the arrays run to thousands of entries).
      func firstDifference<T: Equatable>(_ a: [T], _ b: [T]) -> String? {
        guard a != b else { return nil }
        let i = a.indices.first { $0 >= b.count || a[$0] != b[$0] } ?? a.count
        return "at \(i): \(i < a.count ? "\(a[i])" : "end") vs \(i < b.count ? "\(b[i])" : "end")"
      }
      #expect(firstDifference(fast.failedAt, general.failedAt) == nil, "trial \(trial): failure times")
      #expect(firstDifference(fast.cause, general.cause) == nil, "trial \(trial): causes")
      #expect(firstDifference(fast.order, general.order) == nil, "trial \(trial): order")
      failedCompared += fast.failedCount
      causedByGroups += fast.cause.filter { $0 >= 0 && edges[Int($0)].group != nil }.count
    }
    #expect(failedCompared > 10_000 && causedByGroups > 500)
  }
}
