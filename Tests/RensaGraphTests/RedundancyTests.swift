import Testing
@testable import RensaGraph
import _RensaTestSupport

@Suite struct RedundancyTests {
  /// 0 grid, 1 generator, 2 telecom A, 3 telecom B, 4 hospital.
  let hospital = RequirementGraph(
    nodeCount: 5,
    groups: [
      .init(dependent: 4, suppliers: [0, 1]),
      .init(dependent: 4, suppliers: [2, 3]),
    ])

  @Test func documentedHospitalExample() throws {
    let propagation = FailurePropagation(hospital)
    #expect(propagation.failed(from: [0]) == [0])
    #expect(propagation.failed(from: [0, 1]) == [0, 1, 4])
    #expect(propagation.failed(from: [2, 3]) == [2, 3, 4])
    #expect(propagation.failed(from: [0, 2]) == [0, 2])
    let table = try FailureTable(hospital)
    #expect(table.failureCounts == [0, 0, 0, 0, 0])
    #expect(table.singlePointsOfFailure(of: 4).isEmpty)
  }

  @Test func kOfNGroups() {
    // Node 3 needs 2 of {0, 1, 2}.
    let g = RequirementGraph(nodeCount: 4, groups: [.init(dependent: 3, suppliers: [0, 1, 2], needed: 2)])
    let p = FailurePropagation(g)
    #expect(p.failed(from: [0]) == [0])
    #expect(p.failed(from: [0, 2]) == [0, 2, 3])
  }

  @Test func mutualBackupLoopIsTheLeastFixedPoint() {
    // 0 feeds 1 and 2; 1 and 2 back each other up. Losing 0 forces nothing else.
    let g = RequirementGraph(
      nodeCount: 3,
      groups: [.init(dependent: 1, suppliers: [0, 2]), .init(dependent: 2, suppliers: [0, 1])])
    #expect(FailurePropagation(g).failed(from: [0]) == [0])
    #expect(FailurePropagation(g).failed(from: [0, 1]) == [0, 1, 2])
  }

  @Test func transpose64IsATranspose() {
    var rng = Xoshiro256StarStar(seed: 64)
    var block = (0..<64).map { _ in rng.next() }
    let original = block
    block.withUnsafeMutableBufferPointer { transpose64($0.baseAddress!) }
    for i in 0..<64 {
      for j in 0..<64 {
        #expect((block[j] >> UInt64(i)) & 1 == (original[i] >> UInt64(j)) & 1)
      }
    }
  }

  @Test(arguments: [1, 2])
  func failurePropagationAndTableMatchNaive(threads: Int) throws {
    var rng = Xoshiro256StarStar(seed: 31 + UInt64(threads))
    for trial in 0..<800 {
      let g = GraphGenerators.arbitrary(maxNodes: trial % 20 == 0 ? 150 : 40, rng: &rng)
      let requirements = GraphGenerators.randomRequirements(g, rng: &rng)
      let propagation = FailurePropagation(requirements)
      let table = try FailureTable(requirements, options: ClosureOptions(threadCount: threads))
      let counts = FailureTable.failureCounts(requirements, threadCount: threads)
      #expect(counts == table.failureCounts)
      let naiveSets = (0..<g.nodeCount).map { Naive.failed(requirements, seeds: [$0]) }
      // Column counts: for each y, the single failures x ≠ y that bring it down.
      let singles = table.singlePointCounts
      for y in 0..<g.nodeCount {
        #expect(singles[y] == (0..<g.nodeCount).filter { $0 != y && naiveSets[$0].contains(y) }.count)
      }
      for x in 0..<g.nodeCount {
        let naive = naiveSets[x]
        #expect(Set(propagation.failed(from: [x])) == naive)
        #expect(Set(table.failed(whenFails: x) + [x]) == naive)
        #expect(table.failureCounts[x] == naive.count - 1)
      }
      // A random multi-node seed set.
      if g.nodeCount > 0 {
        let seeds = Set((0..<3).map { _ in Int(rng.next() % UInt64(g.nodeCount)) })
        #expect(Set(propagation.failed(from: Array(seeds))) == Naive.failed(requirements, seeds: seeds))
      }
    }
  }

  @Test func andReadingEqualsTheClosure() throws {
    var rng = Xoshiro256StarStar(seed: 8)
    for _ in 0..<500 {
      let g = GraphGenerators.arbitrary(maxNodes: 60, rng: &rng)
      let closure = try TransitiveClosure(g)
      let table = try FailureTable(RequirementGraph.allAnd(g))
      for x in 0..<g.nodeCount {
        let expected = closure.descendants(of: x).filter { $0 != x }
        #expect(table.failed(whenFails: x) == expected)
      }
    }
  }

  @Test func dominatorsMatchDeletionReference() {
    var rng = Xoshiro256StarStar(seed: 4242)
    for _ in 0..<1500 {
      let g = GraphGenerators.arbitrary(maxNodes: 35, rng: &rng)
      let roots = DominatorTree.supplyRoots(of: g)
      let tree = DominatorTree(g)
      let naive = Naive.dominators(g, roots: roots)
      for y in 0..<g.nodeCount {
        #expect(Set(tree.dominators(of: y)) == naive[y])
        for x in 0..<g.nodeCount { #expect(tree.dominates(x, y) == naive[y].contains(x)) }
      }
      // Every node is reachable from the supply roots.
      for v in 0..<g.nodeCount { #expect(tree.isReachable(v)) }
    }
  }

  @Test func dominatorsEqualSinglePointsOfFailureOnAcyclicOrGraphs() throws {
    var rng = Xoshiro256StarStar(seed: 17)
    for _ in 0..<600 {
      let n = Int(rng.next() % 40) + 1
      var edges: [(Int, Int)] = []
      for _ in 0..<(n * 2) {
        let a = Int(rng.next() % UInt64(n))
        let b = Int(rng.next() % UInt64(n))
        if a < b { edges.append((a, b)) }
      }
      let g = Digraph(nodeCount: n, edges: edges)
      let tree = DominatorTree(g)
      let table = try FailureTable(RequirementGraph.allOr(g))
      for y in 0..<n {
        #expect(Set(tree.dominators(of: y)) == Set(table.singlePointsOfFailure(of: y)))
      }
    }
  }

  @Test func failureTableMemoryGuard() {
    let g = RequirementGraph.allAnd(GraphGenerators.random(n: 5000, meanDegree: 2, seed: 1))
    #expect(throws: MemoryLimitExceeded.self) { try FailureTable(g, options: ClosureOptions(memoryLimit: 1000)) }
  }
}

@Suite struct ArticleExampleTests {
  /// The worked example of RedundancyAndDominators.md.
  @Test func articleExample() throws {
    // 0 grid, 1 generator, 2 carrier-a, 3 carrier-b, 4 hospital, 5 carrier-b-gen
    let edges = [(0, 4), (1, 4), (2, 4), (3, 4), (0, 2), (0, 3), (5, 3)]
    let g = Digraph(nodeCount: 6, edges: edges)
    let closure = try TransitiveClosure(g)
    #expect(closure.descendants(of: 0) == [2, 3, 4])
    #expect(try closure.ancestorCounts()[4] == 5)
    let requirements = RequirementGraph(
      nodeCount: 6,
      groups: [
        .init(dependent: 4, suppliers: [0, 1]), .init(dependent: 4, suppliers: [2, 3]),
        .init(dependent: 2, suppliers: [0]), .init(dependent: 3, suppliers: [0, 5]),
      ])
    #expect(FailurePropagation(requirements).failed(from: [0]) == [0, 2])
    let table = try FailureTable(requirements)
    #expect(table.failed(whenFails: 0) == [2])
    #expect(table.singlePointsOfFailure(of: 4).isEmpty)
    #expect(table.singlePointsOfFailure(of: 2) == [0])
    let tree = DominatorTree(g)
    #expect(tree.dominators(of: 2) == [0])
    for x in 0..<6 {
      for y in 0..<6 where (x, y) != (0, 2) { #expect(!tree.dominates(x, y)) }
    }
  }
}
