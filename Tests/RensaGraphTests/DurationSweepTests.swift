@testable import RensaGraph
import Testing
import _RensaTestSupport

/// Duration sweeps against the timeline itself, run at many durations.
@Suite struct DurationSweepTests {
  @Test func theDocumentedExample() throws {
    let graph = try TimedDependencyGraph(nodeCount: 2, edges: [.init(supplier: 0, dependent: 1, delay: 6, recovery: 1)])
    let sweep = try DurationSweep(graph, initial: [0])
    #expect(sweep.breakpoint == [0, 6])
    #expect(sweep.failedAt(1, duration: 6) == .infinity && sweep.failedAt(1, duration: 10) == 6)
    #expect(sweep.restoredAt(1, duration: 10) == 11 && sweep.lostHours(1, duration: 10) == 5)
    #expect(sweep.slack(1, duration: 4) == 2 && sweep.slack(1, duration: 7) == 0)
    #expect(sweep.changes == [0, 6] && sweep.failedCounts == [1, 2])
  }

  /// On random timed graphs (whole-hour or fractional delays, recoveries, groups of
  /// alternatives): at durations on a grid, at every change, and just either side of it,
  /// the sweep's failures and restorations are the timeline's.
  @Test func matchesRepeatedTimelines() throws {
    var rng = Xoshiro256StarStar(seed: 2_320)
    var changesSeen = 0
    var nonMonotone = 0
    for trial in 0..<150 {
      let n = 2 + Int(rng.next() % 25)
      let m = Int(rng.next() % UInt64(3 * n + 1))
      let whole = trial % 2 == 0
      var edges: [TimedDependencyGraph.Edge] = []
      var groupOf: [Int: Int] = [:]
      for _ in 0..<m {
        let s = Int(rng.next() % UInt64(n))
        let d = Int(rng.next() % UInt64(n))
        let delay = whole ? Double(rng.next() % 12) : Double(rng.next() % 1_000) / 64
        let recovery = whole ? Double(rng.next() % 4) : Double(rng.next() % 300) / 32
        // Half of the dependents put their suppliers in one group of alternatives.
        let group: Int? = d % 2 == 0 ? nil : (groupOf[d] ?? { groupOf[d] = groupOf.count; return groupOf[d]! }())
        edges.append(.init(supplier: s, dependent: d, delay: delay, recovery: recovery, group: group))
      }
      guard let graph = try? TimedDependencyGraph(nodeCount: n, edges: edges) else { continue }
      let initial = Array(Set((0..<(1 + Int(rng.next() % 2))).map { _ in Int(rng.next() % UInt64(n)) })).sorted()
      let start = trial % 3 == 0 ? 5.0 : 0
      let sweep = try DurationSweep(graph, initial: initial, start: start)
      changesSeen += sweep.changes.count - 1
      var durations = (1...60).map { Double($0) * 0.37 }
      for c in sweep.changes where c > 0 { durations += [c, c + 1e-5, max(1e-6, c - 1e-5)] }
      if let last = sweep.changes.last { durations.append(last + 50) }
      for d in durations {
        let t = try CascadeTimeline(graph, failures: initial.map { .init(node: $0, start: start, end: start + d) })
        for v in 0..<n {
          #expect(sweep.failedAt(v, duration: d) == t.failedAt[v], "trial \(trial) node \(v) duration \(d)")
          let r = sweep.restoredAt(v, duration: d)
          #expect(r == t.restoredAt[v] || abs(r - t.restoredAt[v]) < 1e-9, "trial \(trial) node \(v) duration \(d)")
          if t.failedAt[v].isFinite && d < sweep.breakpoint[v] { nonMonotone += 1 }
        }
      }
    }
    #expect(changesSeen > 300, "changes of state found: \(changesSeen)")
    #expect(nonMonotone == 0)
  }
}
