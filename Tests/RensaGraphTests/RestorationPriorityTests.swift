import Testing
import RensaGraph
import _RensaTestSupport

@Suite struct RestorationPriorityTests {
  typealias Edge = TimedDependencyGraph.Edge

  /// One crew, two substations down for 10 h of repair each: A feeds three hospitals, B
  /// one. Repairing A first brings back A and its three hospitals 10 h earlier.
  @Test func theSubstationServingMoreComesFirst() throws {
    // 0 substation A, 1 substation B, 2–4 hospitals on A, 5 hospital on B
    let graph = try TimedDependencyGraph(nodeCount: 6, edges: [
      Edge(supplier: 0, dependent: 2), Edge(supplier: 0, dependent: 3), Edge(supplier: 0, dependent: 4),
      Edge(supplier: 1, dependent: 5),
    ])
    let failures = [CascadeTimeline.NodeFailure(node: 1, end: 10), CascadeTimeline.NodeFailure(node: 0, end: 10)]
    let plan = try RestorationPriority(graph, failures: failures, crews: 1, horizon: 100)
    let steps = plan.greedy()
    #expect(steps.map { plan.repairs[$0.repair].node } == [0, 1])
    #expect(steps[0].start == 0 && steps[0].end == 10 && steps[1].start == 10 && steps[1].end == 20)
    // A first: A and three hospitals down 10 h, B and its hospital 20 h: 4·10 + 2·20 = 80.
    #expect(steps[0].cost == 80 && steps[0].costIfLast == 100)
    #expect(steps[0].nodesRestoredEarlier == [0, 2, 3, 4] && steps[0].weightedHoursSaved == 20)
    #expect(plan.exhaustive()?.cost == 80)
    // Two crews repair both at once.
    let two = try RestorationPriority(graph, failures: failures, crews: 2, horizon: 100)
    #expect(two.greedy().allSatisfy { $0.start == 0 && $0.end == 10 } && two.greedy()[0].cost == 60)
    #expect(throws: TimedDependencyGraph.InputError.self) { try RestorationPriority(graph, failures: failures, crews: 0, horizon: 10) }
  }

  /// On random instances: the exhaustive optimum is never beaten by any order, the greedy
  /// never does worse than the given order, and it is usually optimal.
  @Test func greedyAgainstTheExhaustiveOptimum() throws {
    var rng = Xoshiro256StarStar(seed: 5)
    func below(_ k: Int) -> Int { Int(rng.next() % UInt64(k)) }
    var optimal = 0
    let instances = 60
    for _ in 0..<instances {
      let n = 6 + below(8)
      var edges: [Edge] = []
      for d in 0..<n {
        for s in 0..<n where s != d && below(5) == 0 {
          edges.append(Edge(supplier: s, dependent: d, delay: Double(below(4)), recovery: Double(below(3)), group: below(2) == 0 ? 0 : nil))
        }
      }
      let graph = try TimedDependencyGraph(nodeCount: n, edges: edges)
      let failed = Array(Set((0..<(2 + below(4))).map { _ in below(n) })).sorted()
      let failures = failed.map { CascadeTimeline.NodeFailure(node: $0, start: Double(below(3)), end: Double(5 + below(20))) }
      let plan = try RestorationPriority(graph, failures: failures, crews: 1 + below(2), weights: (0..<n).map { _ in Double(1 + below(5)) }, horizon: 200)
      let best = try #require(plan.exhaustive())
      let greedy = plan.greedy()
      let greedyCost = plan.cost(greedy.map(\.repair))
      #expect(greedyCost >= best.cost - 1e-9)
      #expect(greedyCost <= plan.cost(Array(plan.repairs.indices)) + 1e-9)
      for _ in 0..<10 {
        let order = Array(plan.repairs.indices).shuffled(using: &rng)
        #expect(plan.cost(order) >= best.cost - 1e-9)
      }
      if greedyCost <= best.cost + 1e-9 { optimal += 1 }
    }
    #expect(optimal >= instances * 9 / 10, "greedy optimal in \(optimal) of \(instances)")
  }
}
