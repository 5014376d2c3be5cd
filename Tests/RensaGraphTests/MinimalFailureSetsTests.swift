@testable import RensaGraph
import Testing
import _RensaTestSupport

/// N-k against enumeration: every set of up to three nodes propagated by the naive fixpoint.
@Suite struct MinimalFailureSetsTests {
  @Test func theDocumentedExample() throws {
    // 0 grid, 1 generator, 2 hospital needing (grid OR generator), 3 lab needing the hospital.
    let graph = RequirementGraph(nodeCount: 4, groups: [
      .init(dependent: 2, suppliers: [0, 1]), .init(dependent: 3, suppliers: [2]),
    ])
    let nk = try MinimalFailureSets(graph, maxSize: 2)
    #expect(nk.counts(size: 1) == [0, 0, 0, 1])
    #expect(nk.minimalSets(of: 3, size: 1) == [[2]])
    #expect(nk.counts(size: 2) == [0, 0, 1, 1])
    #expect(nk.minimalSets(of: 3, size: 2) == [[0, 1]])
    #expect(nk.top(size: 2) == [.init(nodes: [0, 1], beyond: 2, failed: 4)])
    #expect(nk.top(size: 1).first == .init(nodes: [2], beyond: 1, failed: 2))
  }

  /// A 2-of-3 group is lost by any two of its suppliers, a 3-of-3 … by the first: k-of-n.
  @Test func kOfNGroups() throws {
    // 4 needs 2 of {0, 1, 2}; 5 needs all of {0, 1, 2} (lost at the first); 6 needs 1 of {0, 1, 2, 3}.
    let graph = RequirementGraph(nodeCount: 7, groups: [
      .init(dependent: 4, suppliers: [0, 1, 2], needed: 2),
      .init(dependent: 5, suppliers: [0, 1, 2], needed: 3),
      .init(dependent: 6, suppliers: [0, 1, 2, 3], needed: 1),
    ])
    let nk = try MinimalFailureSets(graph, maxSize: 3)
    #expect(nk.minimalSets(of: 4, size: 2) == [[0, 1], [0, 2], [1, 2]])
    #expect(nk.minimalSets(of: 5, size: 1) == [[0], [1], [2]] && nk.counts(size: 2)[5] == 0)
    #expect(nk.counts(size: 2)[6] == 0 && nk.counts(size: 3)[6] == 0)  // needs all four
    #expect(nk.counts(size: 3)[4] == 0)  // every triple holds a pair that suffices
  }

  @Test(arguments: [1, 2])
  func matchesEnumeration(threads: Int) throws {
    var rng = Xoshiro256StarStar(seed: 2_300 + UInt64(threads))
    var pairSets = 0
    var tripleSets = 0
    var sharedClasses = 0
    for trial in 0..<400 {
      let g = GraphGenerators.arbitrary(maxNodes: trial % 10 == 0 ? 30 : 20, rng: &rng)
      // Half of the graphs with wide groups of alternatives (needing one or two of them),
      // where pairs and triples do most.
      let graph = trial % 2 == 0 ? GraphGenerators.randomRequirements(g, rng: &rng) : GraphGenerators.alternatives(g, rng: &rng)
      let n = graph.nodeCount
      guard n > 0 else { continue }
      let maxSize = trial % 3 == 0 ? 2 : 3
      let expected = Naive.minimalFailureSets(graph, maxSize: maxSize)
      let nk = try MinimalFailureSets(graph, maxSize: maxSize, topLimit: 12, options: ClosureOptions(threadCount: threads))
      if nk.classCount < n { sharedClasses += 1 }
      for size in 1...maxSize {
        #expect(nk.counts(size: size) == expected[size - 1].map(\.count), "trial \(trial) size \(size)")
        for y in 0..<n {
          #expect(nk.minimalSets(of: y, size: size) == expected[size - 1][y], "trial \(trial) size \(size) node \(y)")
          #expect(nk.minimalSets(of: y, size: size, limit: 2) == Array(expected[size - 1][y].prefix(2)))
        }
        // The ranking: every set with what it is minimal for, most first, then lexicographic.
        var beyond: [[Int]: Int] = [:]
        for y in 0..<n { for set in expected[size - 1][y] { beyond[set, default: 0] += 1 } }
        if size == 1 { for v in 0..<n where beyond[[v]] == nil { beyond[[v]] = 0 } }
        let ranked = beyond.sorted { x, y in
          x.value != y.value ? x.value > y.value : x.key.lexicographicallyPrecedes(y.key)
        }
        let want = ranked.prefix(12).map { MinimalFailureSets.FailureSet(nodes: $0.key, beyond: $0.value, failed: Naive.failed(graph, seeds: Set($0.key)).count) }
        #expect(nk.top(size: size) == want, "trial \(trial) size \(size)")
        if size == 2 { pairSets += beyond.count }
        if size == 3 { tripleSets += beyond.count }
      }
    }
        #expect(pairSets > 1_000 && tripleSets > 400 && sharedClasses > 20, "pairs \(pairSets), triples \(tripleSets), shared classes \(sharedClasses)")
  }

  /// N-1 is the single-failure table's single points of failure.
  @Test func sizeOneIsTheSinglePointsOfFailure() throws {
    var rng = Xoshiro256StarStar(seed: 2_310)
    for _ in 0..<60 {
      let g = GraphGenerators.arbitrary(maxNodes: 150, rng: &rng)
      let graph = GraphGenerators.randomRequirements(g, rng: &rng)
      let table = try FailureTable(graph)
      let nk = try MinimalFailureSets(graph, maxSize: 1)
      #expect(nk.counts(size: 1) == table.singlePointCounts)
      for y in 0..<graph.nodeCount {
        #expect(nk.minimalSets(of: y, size: 1).map { $0[0] } == table.singlePointsOfFailure(of: y))
      }
    }
  }

  /// Lexicographic enumeration of one member per class.
  @Test func lexicographicSets() {
    var seen: [[Int]] = []
    MinimalFailureSets.lexicographicSets([[1, 5], [2, 3], [0, 4]]) { seen.append($0); return true }
    var want: [[Int]] = []
    for a in [1, 5] { for b in [2, 3] { for c in [0, 4] { want.append([a, b, c].sorted()) } } }
    #expect(seen == want.sorted { $0.lexicographicallyPrecedes($1) })
  }

  @Test func refusesRowsBeyondTheMemoryLimit() {
    let graph = RequirementGraph.allAnd(GraphGenerators.random(n: 2_000, meanDegree: 1, seed: 1))
    #expect(throws: MemoryLimitExceeded.self) { try MinimalFailureSets(graph, options: ClosureOptions(memoryLimit: 1_000)) }
  }
}
