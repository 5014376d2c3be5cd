import Testing
import RensaGraph
import _RensaTestSupport

@Suite struct TransitiveClosureTests {
  @Test func documentedExample() throws {
    let g = Digraph(nodeCount: 4, edges: [(0, 1), (1, 2), (2, 1), (3, 0)])
    let closure = try TransitiveClosure(g)
    #expect(closure.reaches(3, 2))
    #expect(!closure.reaches(2, 0))
    #expect(closure.reaches(1, 1))  // on a cycle
    #expect(!closure.reaches(0, 0))
    #expect(closure.descendantCounts == [2, 1, 1, 3])
    #expect(try closure.ancestorCounts() == [1, 3, 3, 0])
    #expect(closure.descendants(of: 3) == [0, 1, 2])
  }

  @Test func matchesBreadthFirstSearchOnRandomGraphs() throws {
    var rng = Xoshiro256StarStar(seed: 1000)
    for trial in 0..<4000 {
      let g = GraphGenerators.arbitrary(maxNodes: trial % 10 == 0 ? 300 : 70, rng: &rng)
      let closure = try TransitiveClosure(g)
      let naive = Naive.descendants(g)
      #expect(closure.descendantCounts == naive.map(\.count))
      var ancestors = [Int](repeating: 0, count: g.nodeCount)
      for set in naive { for v in set { ancestors[v] += 1 } }
      #expect(try closure.ancestorCounts() == ancestors)
      for v in 0..<g.nodeCount {
        #expect(closure.descendants(of: v) == naive[v].sorted())
        for w in 0..<g.nodeCount where w != v {
          #expect(closure.reaches(v, w) == naive[v].contains(w))
        }
        #expect(closure.reaches(v, v) == Naive.reachesByPath(g, v, v))
      }
    }
  }

  @Test func hardFamilyMatchesNaive() throws {
    let g = GraphGenerators.hardFamily(n: 3000, seed: 11)
    let closure = try TransitiveClosure(g)
    let naive = Naive.descendants(g)
    #expect(closure.descendantCounts == naive.map(\.count))
    var ancestors = [Int](repeating: 0, count: g.nodeCount)
    for set in naive { for v in set { ancestors[v] += 1 } }
    #expect(try closure.ancestorCounts() == ancestors)
    // Row hulls store far less than the dense matrix on banded graphs.
    #expect(closure.statistics.storedBytes < TransitiveClosure.denseBytes(nodeCount: 3000, componentCount: closure.condensation.count))
  }

  @Test func memoryGuardRefusesBeforeAllocating() {
    let g = GraphGenerators.random(n: 10_000, meanDegree: 1, seed: 3)
    let condensation = Condensation(g)
    let needed = TransitiveClosure.requiredBytes(for: condensation)
    #expect(needed <= TransitiveClosure.denseBytes(nodeCount: 10_000, componentCount: condensation.count))
    #expect(needed > 0)
    do {
      _ = try TransitiveClosure(g, options: ClosureOptions(memoryLimit: needed - 1))
      Issue.record("expected MemoryLimitExceeded")
    } catch {
      #expect(error.bytesNeeded == needed)
      #expect(try! TransitiveClosure(condensation: condensation, options: ClosureOptions(memoryLimit: needed)).statistics.storedBytes == needed)
      #expect(error.limit == needed - 1)
      #expect(error.description.contains("single-source"))
      #expect(error.description.contains("\(needed) bytes"))
    }
    #expect(throws: Never.self) { try TransitiveClosure(g, options: ClosureOptions(memoryLimit: needed)) }
    #expect(TransitiveClosure.denseBytes(nodeCount: Int.max / 2, componentCount: Int.max / 2) == Int.max)
  }

  @Test func singleSourceQueriesMatchNaive() {
    var rng = Xoshiro256StarStar(seed: 77)
    for _ in 0..<500 {
      let g = GraphGenerators.arbitrary(maxNodes: 50, rng: &rng)
      guard g.nodeCount > 0 else { continue }
      let naive = Naive.descendants(g)
      let transposed = g.transposed()
      for v in 0..<g.nodeCount {
        #expect(Reachability.downstream(of: v, in: g) == naive[v].sorted())
        let ancestors = (0..<g.nodeCount).filter { $0 != v && naive[$0].contains(v) }
        #expect(Reachability.upstream(of: v, in: transposed) == ancestors)
        let w = (v * 7 + 3) % g.nodeCount
        #expect(Reachability.reaches(v, w, in: g) == Naive.reachesByPath(g, v, w))
        let onCycle = Naive.reachesByPath(g, v, v)
        #expect(Reachability.downstream(of: v, in: g, includeSourceOnCycle: true).contains(v) == onCycle)
      }
    }
  }

  @Test func groupQueriesMatchTheUnionOfSingleSourceOnes() {
    var rng = Xoshiro256StarStar(seed: 78)
    for _ in 0..<300 {
      let g = GraphGenerators.arbitrary(maxNodes: 40, rng: &rng)
      guard g.nodeCount > 0 else { continue }
      let naive = Naive.descendants(g)
      let sources = (0..<g.nodeCount).filter { _ in rng.next() % 4 == 0 }
      // Reached by an edge from a source: the union of the sources' descendants, a source
      // only when reached from a source (itself on a cycle, or another).
      let expected = sources.reduce(into: Set<Int>()) { $0.formUnion(naive[$1]) }
        .union(sources.filter { s in sources.contains { Naive.reachesByPath(g, $0, s) } })
      #expect(Reachability.downstream(ofAny: sources, in: g) == expected.sorted())
    }
  }

  @Test func hardFamilyHasTheAdvertisedShape() throws {
    // The benchmark family at a test-sized n: many small components, large reach.
    let g = GraphGenerators.hardFamily(n: 5000, seed: 1)
    let c = Condensation(g)
    #expect(c.count > 4000)
    let closure = try TransitiveClosure(condensation: c)
    let mean = Double(closure.descendantCounts.reduce(0, +)) / 5000
    #expect(mean > 500)
  }
}
