import Testing
import RensaGraph
import _RensaTestSupport

@Suite struct StronglyConnectedComponentsTests {
  @Test func smallExampleInTopologicalOrder() {
    // 3 → {0 ⇄ 1} → 2
    let g = Digraph(nodeCount: 4, edges: [(0, 1), (1, 0), (1, 2), (3, 0)])
    let scc = StronglyConnectedComponents(g)
    #expect(scc.count == 3)
    #expect(scc.component[0] == scc.component[1])
    #expect(scc.component[3] < scc.component[0])
    #expect(scc.component[0] < scc.component[2])
  }

  @Test func matchesMutualReachabilityOnRandomGraphs() {
    var rng = Xoshiro256StarStar(seed: 2026)
    for _ in 0..<2000 {
      let g = GraphGenerators.arbitrary(maxNodes: 30, rng: &rng)
      let scc = StronglyConnectedComponents(g)
      let same = Naive.sameComponent(g)
      for u in 0..<g.nodeCount {
        for v in 0..<g.nodeCount {
          #expect((scc.component[u] == scc.component[v]) == same[u][v])
        }
      }
      // Topological numbering: every edge goes forward or stays inside a component.
      for (u, v) in g.edges { #expect(scc.component[u] <= scc.component[v]) }
      #expect(Set(scc.component).count == scc.count)
    }
  }

  @Test func millionNodePathAndCycleDoNotOverflowTheStack() {
    let n = 1_000_000
    let path = Digraph(nodeCount: n, edges: (0..<(n - 1)).lazy.map { ($0, $0 + 1) })
    let pathSCC = StronglyConnectedComponents(path)
    #expect(pathSCC.count == n)
    #expect(pathSCC.component[0] == 0 && pathSCC.component[n - 1] == UInt32(n - 1))
    let cycle = Digraph(nodeCount: n, edges: (0..<n).lazy.map { ($0, ($0 + 1) % n) })
    let cycleSCC = StronglyConnectedComponents(cycle)
    #expect(cycleSCC.count == 1)
    let condensation = Condensation(cycle, components: cycleSCC)
    #expect(condensation.loops.count == 1 && condensation.loops[0].count == n)
    #expect(DependencyDepth(Condensation(path, components: pathSCC)).maximum == n - 1)
  }

  @Test func condensationLayout() {
    var rng = Xoshiro256StarStar(seed: 99)
    for _ in 0..<500 {
      let g = GraphGenerators.arbitrary(maxNodes: 40, rng: &rng)
      let c = Condensation(g)
      // Members are grouped by component, in component order, and positions invert members.
      for k in 0..<c.count {
        for v in c.members(of: k) { #expect(c.components.component[Int(v)] == UInt32(k)) }
      }
      for v in 0..<g.nodeCount { #expect(Int(c.members[Int(c.position[v])]) == v) }
      // The DAG has only forward edges, no duplicates, and matches the graph's cross edges.
      var expected = Set<String>()
      for (u, v) in g.edges where c.components.component[u] != c.components.component[v] {
        expected.insert("\(c.components.component[u])>\(c.components.component[v])")
      }
      #expect(Set(c.dag.edges.map { "\($0.0)>\($0.1)" }) == expected)
      for (a, b) in c.dag.edges { #expect(a < b) }
      for k in 0..<c.count {
        let selfLoop = c.members(of: k).contains { g.hasSelfLoop(Int($0)) }
        #expect(c.isCyclic[k] == (c.size(of: k) > 1 || selfLoop))
      }
    }
  }

  @Test func depthMatchesNaiveRelaxation() {
    var rng = Xoshiro256StarStar(seed: 5)
    for _ in 0..<1000 {
      let g = GraphGenerators.arbitrary(maxNodes: 25, rng: &rng)
      let depth = DependencyDepth(Condensation(g))
      let naive = Naive.depth(g)
      #expect(depth.depth == naive)
      #expect(depth.maximum == (naive.max() ?? 0))
    }
  }
}

@Suite struct CondensationReversedTests {
  @Test func reversedIsTheCondensationOfTheTranspose() {
    var rng = Xoshiro256StarStar(seed: 123)
    for _ in 0..<500 {
      let g = GraphGenerators.arbitrary(maxNodes: 40, rng: &rng)
      let c = Condensation(g)
      let r = c.reversed()
      let t = g.transposed()
      #expect(r.count == c.count)
      // Same partition, numbered in a topological order of the transposed graph.
      for (u, v) in t.edges { #expect(r.components.component[u] <= r.components.component[v]) }
      for u in 0..<g.nodeCount {
        for v in 0..<g.nodeCount {
          #expect((r.components.component[u] == r.components.component[v]) == (c.components.component[u] == c.components.component[v]))
        }
        #expect(Int(r.members[Int(r.position[u])]) == u)
      }
      for k in 0..<r.count {
        for v in r.members(of: k) { #expect(r.components.component[Int(v)] == UInt32(k)) }
        #expect(r.isCyclic[k] == c.isCyclic[c.count - 1 - k])
      }
      var cross = Set<String>()
      for (u, v) in t.edges where r.components.component[u] != r.components.component[v] {
        cross.insert("\(r.components.component[u])>\(r.components.component[v])")
      }
      #expect(Set(r.dag.edges.map { "\($0.0)>\($0.1)" }) == cross)
    }
  }
}
