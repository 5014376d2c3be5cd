@testable import RensaGraph
import Testing
import _RensaTestSupport

/// Hidden common modes against brute force: for every cause (a random set of nodes, or a
/// single node), the naive fixpoint of failures, and every redundant group whose lost
/// suppliers exceed its spare ones.
@Suite struct CommonModeAuditTests {
  @Test func theDocumentedExample() {
    let graph = RequirementGraph(nodeCount: 4, groups: [
      .init(dependent: 2, suppliers: [0, 1], needed: 1),
      .init(dependent: 0, suppliers: [3]), .init(dependent: 1, suppliers: [3]),
    ])
    let audit = CommonModeAudit(graph, causes: [[0, 1], [3], [0]])
    #expect(audit.modes.map(\.cause) == [0, 1])
    #expect(audit.modes.map(\.failedNodes) == [3, 4])
    #expect(audit.failedCounts == [3, 4, 1] && audit.groupsDefeated == [1, 1, 0])
    #expect(audit.redundantGroups == 1 && audit.summaries.isEmpty)
    // Summarised from cause 1 on: the upstream node is counted per group, not listed.
    let summarised = CommonModeAudit(graph, causes: [[0, 1], [3], [0]], summarisingFrom: 1)
    #expect(summarised.modes.map(\.cause) == [0])
    #expect(summarised.summaries.count == 1 && summarised.summaries[0].count == 1)
    #expect(summarised.summaries[0].examples.map(\.cause) == [1] && summarised.summaries[0].examples.map(\.failedNodes) == [4])
  }

  @Test(arguments: [1, 2])
  func modesMatchBruteForce(threads: Int) {
    var rng = Xoshiro256StarStar(seed: 2_200 + UInt64(threads))
    var found = 0
    var shared = 0
    for trial in 0..<400 {
      let g = GraphGenerators.arbitrary(maxNodes: trial % 20 == 0 ? 120 : 30, rng: &rng)
      let requirements = GraphGenerators.randomRequirements(g, rng: &rng)
      let n = requirements.nodeCount
      guard n > 0 else { continue }
      // Random attribute carriers (1–4 nodes each) and every single node: over 64 causes
      // on the larger graphs, so that several batches run.
      var causes: [[Int]] = (0..<Int(rng.next() % 70)).map { _ in
        Array(Set((0..<(1 + Int(rng.next() % 4))).map { _ in Int(rng.next() % UInt64(n)) }))
      }
      causes.append([])
      causes += (0..<n).map { [$0] }
      // The single nodes are summarised (as CommonModes does with upstream nodes).
      let listed = causes.count - n
      let audit = CommonModeAudit(requirements, causes: causes, summarisingFrom: listed, threadCount: threads)
      var expected: [CommonModeAudit.Mode] = []
      var counts: [Int] = []
      var defeated = [Int](repeating: 0, count: causes.count)
      var summaries: [Int: (count: Int, examples: [(cause: Int, failedNodes: Int)])] = [:]
      for (c, cause) in causes.enumerated() {
        let failed = Naive.failed(requirements, seeds: Set(cause))
        counts.append(failed.count)
        for group in 0..<requirements.groupCount {
          let suppliers = requirements.suppliers(ofGroup: group).map(Int.init)
          let needed = Int(requirements.needed[group])
          guard suppliers.count > needed else { continue }
          let down = suppliers.filter(failed.contains).count
          if down > suppliers.count - needed {
            defeated[c] += 1
            if c < listed {
              expected.append(.init(
                group: group, dependent: Int(requirements.owner[group]), cause: c, failedSuppliers: down, suppliers: suppliers.count,
                needed: needed, failedNodes: failed.count))
            } else {
              summaries[group, default: (0, [])].count += 1
              summaries[group, default: (0, [])].examples.append((c, failed.count))
            }
          }
        }
      }
      #expect(audit.failedCounts == counts, "trial \(trial)")
      #expect(audit.groupsDefeated == defeated, "trial \(trial)")
      // Each summary: the count, and the three causes failing fewest nodes (then lowest index).
      #expect(audit.summaries.map(\.group) == summaries.keys.sorted(), "trial \(trial)")
      for s in audit.summaries {
        let e = summaries[s.group]!
        let nearest = e.examples.sorted { ($0.failedNodes, $0.cause) < ($1.failedNodes, $1.cause) }.prefix(3)
        #expect(s.count == e.count && s.examples.map(\.cause) == nearest.map(\.cause), "trial \(trial), group \(s.group)")
        #expect(s.dependent == Int(requirements.owner[s.group]))
      }
      #expect(audit.modes == expected.sorted { ($0.group, $0.cause) < ($1.group, $1.cause) }, "trial \(trial)")
      #expect(audit.listedModeCount == expected.count)
      // Bounded listing: per group the 2 modes failing fewest nodes (then lowest cause),
      // every mode still counted; the rest of the result unchanged.
      let bounded = CommonModeAudit(requirements, causes: causes, summarisingFrom: listed, modesPerGroup: 2, threadCount: threads)
      let kept = Dictionary(grouping: expected, by: \.group).values.flatMap { modes in
        modes.sorted { ($0.failedNodes, $0.cause) < ($1.failedNodes, $1.cause) }.prefix(2)
      }
      #expect(bounded.modes == kept.sorted { ($0.group, $0.cause) < ($1.group, $1.cause) }, "trial \(trial)")
      #expect(bounded.listedModeCount == expected.count && bounded.groupsDefeated == defeated && bounded.failedCounts == counts)
      #expect(bounded.summaries == audit.summaries)
      found += expected.count
      shared += causes.count - audit.distinctPropagations
    }
    #expect(found > 200, "the random graphs have hidden common modes to find (\(found))")
    // Causes that share a propagation (the same kill components) were exercised, listed and
    // summarised causes in one lane among them (a one-node attribute and its node).
    #expect(shared > 1_000, "causes sharing a propagation: \(shared)")
  }

  /// The members of a kill component fail the same nodes, and so do two sets of nodes that
  /// meet the same kill components: what lets the audit propagate one of them for all.
  @Test func killComponentsFailTheSameNodes() {
    var rng = Xoshiro256StarStar(seed: 2_207)
    var checked = 0
    for _ in 0..<300 {
      let g = GraphGenerators.arbitrary(maxNodes: 40, rng: &rng)
      let requirements = GraphGenerators.randomRequirements(g, rng: &rng)
      let n = requirements.nodeCount
      guard n > 0 else { continue }
      let component = requirements.killComponents.component
      let failed = (0..<n).map { Naive.failed(requirements, seeds: [$0]) }
      for u in 0..<n {
        for v in (u + 1)..<n where component[u] == component[v] {
          #expect(failed[u] == failed[v])
          checked += 1
        }
      }
      // A kill edge is a plain requirement: its supplier alone brings the dependent down.
      let kill = requirements.killGraph
      for s in 0..<n { for d in kill.successors(of: s) { #expect(failed[s].contains(Int(d))) } }
      // Random sets: the same components, the same failures.
      for _ in 0..<20 {
        let a = Set((0..<(1 + Int(rng.next() % 3))).map { _ in Int(rng.next() % UInt64(n)) })
        let b = Set(a.map { v in (0..<n).filter { component[$0] == component[v] }.randomElement(using: &rng)! })
        #expect(Naive.failed(requirements, seeds: a) == Naive.failed(requirements, seeds: b))
      }
    }
    #expect(checked > 500, "pairs of nodes in one kill component: \(checked)")
  }

  /// The bit-sliced vertical counters against counting lane by lane.
  @Test func bitSlicedCountersMatchCountingLaneByLane() {
    var rng = Xoshiro256StarStar(seed: 64)
    for _ in 0..<200 {
      let words = (0..<Int(rng.next() % 300)).map { _ in rng.next() & rng.next() }
      var planes = [UInt64](repeating: 0, count: BitSlice.planes(for: words.count))
      for w in words { BitSlice.add(w, into: &planes) }
      let expected = (0..<64).map { j in words.filter { $0 >> UInt64(j) & 1 == 1 }.count }
      #expect(BitSlice.counts(planes, lanes: 64) == expected)
      let t = Int(rng.next() % UInt64(words.count + 2))
      let mask = (0..<64).reduce(UInt64(0)) { expected[$1] >= t ? $0 | 1 << UInt64($1) : $0 }
      #expect(BitSlice.atLeast(t, planes) == mask, "t = \(t)")
    }
  }
}
