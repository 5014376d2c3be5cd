import Foundation
import Testing
import RensaGraph
import _RensaTestSupport

@Suite struct ThresholdCascadeTests {
  @Test func smallExamplesByHand() throws {
    // 0 → 2, 1 → 2, 1 → 3: node 2 has two suppliers, node 3 one.
    let g = Digraph(nodeCount: 4, edges: [(0, 2), (1, 2), (1, 3)])
    let half = try ThresholdCascade(g, threshold: 0.5)
    #expect(half.run(seeds: [0]).failed == [0, 2])  // 1 of 2 suppliers = 0.5 ≥ θ
    let more = try ThresholdCascade(g, threshold: 0.6)
    #expect(more.run(seeds: [0]).failed == [0])
    #expect(Set(more.run(seeds: [0, 1]).failed) == [0, 1, 2, 3] && more.run(seeds: [0, 1]).rounds == 1)
    let weighted = try ThresholdCascade(g, thresholds: [0, 0, 0.7, 1], weights: [3, 1, 1])  // rows: 0→2 (3), 1→2 (1), 1→3 (1)
    #expect(weighted.run(seeds: [0]).failed == [0, 2])  // 3 of 4 = 0.75 ≥ 0.7
    #expect(throws: TimedDependencyGraph.InputError.self) { try ThresholdCascade(g, threshold: 1.5) }
  }

  /// Against the obvious synchronous rule: in round r + 1 every node whose failed share
  /// (over the nodes failed in rounds ≤ r) reaches θ fails; repeat until nothing changes.
  /// The kernel must give the same set, each node in the same round (its `failed` list is
  /// grouped by round, seeds first), no node twice, and the same number of rounds, with
  /// and without weights.
  @Test func matchesTheSynchronousRule() throws {
    var rng = Xoshiro256StarStar(seed: 3)
    for trial in 0..<300 {
      let n = 2 + Int(rng.next() % 40)
      let g = GraphGenerators.random(n: n, meanDegree: Double(rng.next() % 6), seed: rng.next())
      let theta = [0.0, 0.1, 0.3, 0.5, 1.0][Int(rng.next() % 5)]
      let seeds = (0..<(1 + Int(rng.next() % 3))).map { _ in Int(rng.next() % UInt64(n)) }
      let weighted = trial % 3 == 2
      let weights: [Double]? = weighted ? (0..<g.edgeCount).map { _ in Double(rng.next() % 4) * 1e11 } : nil
      let model = try ThresholdCascade(g, thresholds: [Double](repeating: theta, count: n), weights: weights)
      let outcome = model.run(seeds: seeds)
      // Reference: suppliers (with edge weights) of each node, by brute force.
      var suppliers = [[(node: Int, weight: Double)]](repeating: [], count: n)
      for s in 0..<n {
        for p in g.offsets[s]..<g.offsets[s + 1] { suppliers[Int(g.targets[p])].append((s, weights?[p] ?? 1)) }
      }
      var round = [Int?](repeating: nil, count: n)
      for s in seeds { round[s] = 0 }
      var r = 0
      while true {
        var next: [Int] = []
        for v in 0..<n where round[v] == nil {
          // A node fails only once a supplier of it has failed (also with θ = 0).
          let failedSuppliers = suppliers[v].filter { round[$0.node] != nil }
          guard !failedSuppliers.isEmpty else { continue }
          let total = suppliers[v].reduce(0) { $0 + $1.weight }
          let failedWeight = failedSuppliers.reduce(0) { $0 + $1.weight }
          if failedWeight >= theta * total - 1e-12 * total { next.append(v) }
        }
        if next.isEmpty { break }
        r += 1
        for v in next { round[v] = r }
      }
      let expected = (0..<n).filter { round[$0] != nil }
      #expect(Set(outcome.failed) == Set(expected), "trial \(trial)")
      #expect(Set(outcome.failed).count == outcome.failed.count, "trial \(trial): a node failed twice")
      #expect(outcome.failed.map { round[$0] ?? -1 } == outcome.failed.map { round[$0] ?? -1 }.sorted(), "trial \(trial): not in round order")
      #expect(outcome.rounds == r, "trial \(trial)")
    }
  }

  /// Large weights (and so large needed sums) work: the counting limits apply only to
  /// unweighted cascades.
  @Test func largeWeightsAreFine() throws {
    let g = Digraph(nodeCount: 3, edges: [(0, 2), (1, 2)])
    let model = try ThresholdCascade(g, thresholds: [0, 0, 0.5], weights: [4e12, 1e12])
    #expect(model.run(seeds: [0]).failed == [0, 2])
    #expect(model.run(seeds: [1]).failed == [1])
  }

  /// Watts (2002), fig. 1: with φ = 0.18 on Erdős–Rényi networks, global cascades from one
  /// random seed happen only inside a window of mean degree z, roughly 1 < z < 6 (the
  /// upper edge from the vulnerable-cluster condition: 5.8 here). N = 10,000, 100 runs
  /// per z (10 graphs × 10 seeds); a cascade is global when it takes more than 10 %.
  @Test func reproducesTheCascadeWindow() throws {
    func frequency(_ z: Double) throws -> Double {
      var global = 0
      for graphSeed in 0..<10 {
        let g = GraphGenerators.erdosRenyiUndirected(n: 10_000, meanDegree: z, seed: UInt64(graphSeed))
        let model = try ThresholdCascade(g, threshold: 0.18)
        var rng = Xoshiro256StarStar(seed: 1000 + UInt64(graphSeed))
        for _ in 0..<10 where model.run(seeds: [Int(rng.next() % 10_000)]).failed.count > 1_000 { global += 1 }
      }
      return Double(global) / 100
    }
    #expect(try frequency(0.5) == 0)  // below percolation
    #expect(try frequency(2) > 0.2)
    #expect(try frequency(4) > 0.1)
    #expect(try frequency(7.5) == 0)  // above the window: nodes too well connected to tip
    #expect(abs(wattsUpperEdge(phi: 0.18) - 5.8) < 0.15)
  }

  /// The upper edge of the window: the largest z with Σ_{k ≤ 1/φ} k(k−1)·Poisson(k; z) = z.
  func wattsUpperEdge(phi: Double) -> Double {
    func condition(_ z: Double) -> Double {
      var sum = 0.0
      var pk = exp(-z)  // Poisson(0; z)
      for k in 0...Int(1 / phi) {
        if k > 0 { pk *= z / Double(k) }
        sum += Double(k * (k - 1)) * pk
      }
      return sum - z
    }
    var lo = 3.0
    var hi = 12.0  // condition > 0 at lo, < 0 at hi
    for _ in 0..<100 {
      let mid = (lo + hi) / 2
      if condition(mid) > 0 { lo = mid } else { hi = mid }
    }
    return lo
  }
}

@Suite struct InterdependentPercolationTests {
  @Test func criticalPointMatchesThePublishedConstant() {
    #expect(abs(InterdependentPercolation.criticalFraction(meanDegree: 1) - 2.4554) < 1e-4)
    #expect(abs(InterdependentPercolation.criticalFraction(meanDegree: 4) - 2.4554 / 4) < 1e-4)
    #expect(InterdependentPercolation.theory(meanDegree: 4, p: 0.6) == 0)
    // Just above p_c the component appears at a finite size (a first-order transition).
    #expect(InterdependentPercolation.theory(meanDegree: 4, p: 0.6139) > 0.25)
  }

  /// Two Erdős–Rényi networks, N = 50,000 each, k = 4 (p_c = 0.614): the simulated mutual
  /// giant component matches μ = p·g² within 0.02 away from p_c and vanishes below it.
  @Test func simulationMatchesTheory() {
    let n = 50_000
    let a = GraphGenerators.erdosRenyiUndirected(n: n, meanDegree: 4, seed: 1)
    let b = GraphGenerators.erdosRenyiUndirected(n: n, meanDegree: 4, seed: 2)
    for p in [0.5, 0.7, 0.8, 0.9] {
      var rng = Xoshiro256StarStar(seed: UInt64(p * 100))
      let removed = (0..<n).map { _ in rng.nextUnitDouble() >= p }
      let (mu, steps) = InterdependentPercolation.mutualGiantComponent(a, b, removed: removed)
      let expected = InterdependentPercolation.theory(meanDegree: 4, p: p)
      #expect(abs(mu - expected) < 0.02, "p = \(p): simulated \(mu), theory \(expected)")
      #expect(steps >= 2)
    }
  }
}
