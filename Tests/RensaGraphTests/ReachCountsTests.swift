@testable import RensaGraph
import Testing
import _RensaTestSupport

/// The block-by-block reach counts against breadth-first search, with blocks of 64 to
/// 1,024 nodes so that small graphs span many blocks, on one and two threads.
@Suite struct ReachCountsTests {
  @Test func documentedExample() {
    let c = Condensation(Digraph(nodeCount: 4, edges: [(0, 1), (1, 2), (2, 1), (2, 3)]))
    #expect(ReachCounts.descendants(c) == [3, 2, 2, 0])
    #expect(ReachCounts.ancestors(c) == [0, 2, 2, 3])
  }

  @Test(arguments: [1, 2])
  func matchesBreadthFirstSearchOnRandomGraphs(threads: Int) {
    var rng = Xoshiro256StarStar(seed: 2_400 + UInt64(threads))
    var blocksSpanned = 0
    for trial in 0..<1_500 {
      let g = GraphGenerators.arbitrary(maxNodes: trial % 10 == 0 ? 400 : 90, rng: &rng)
      let naive = Naive.descendants(g)
      var ancestors = [Int](repeating: 0, count: g.nodeCount)
      for set in naive { for v in set { ancestors[v] += 1 } }
      let condensation = Condensation(g)
      for w in [1, 2, 16] {
        #expect(ReachCounts.descendants(condensation, threadCount: threads, blockWords: w) == naive.map(\.count), "trial \(trial), w \(w)")
        #expect(ReachCounts.descendants(condensation.reversed(), threadCount: threads, blockWords: w) == ancestors, "trial \(trial), w \(w)")
      }
      #expect(ReachCounts.ancestors(condensation, threadCount: threads) == ancestors)
      blocksSpanned += (g.nodeCount + 63) / 64
    }
    #expect(blocksSpanned > 2_000, "blocks of 64 nodes: \(blocksSpanned)")
  }

  /// The hard family (long chains with shortcuts): many components and wide hulls.
  @Test func hardFamilyMatchesTheClosure() throws {
    let g = GraphGenerators.hardFamily(n: 5_000, seed: 12)
    let closure = try TransitiveClosure(g)
    let c = Condensation(g)
    #expect(ReachCounts.descendants(c) == closure.descendantCounts)
    #expect(ReachCounts.descendants(c, threadCount: 2, blockWords: 3) == closure.descendantCounts)
    #expect(ReachCounts.ancestors(c, threadCount: 1) == (try closure.ancestorCounts()))
  }
}
