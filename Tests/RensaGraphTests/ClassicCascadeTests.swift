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

  /// Against the obvious fixpoint: repeat "every node whose failed share reaches θ fails"
  /// until nothing changes.
  @Test func matchesTheRepeatedRule() throws {
    var rng = Xoshiro256StarStar(seed: 3)
    for trial in 0..<200 {
      let n = 2 + Int(rng.next() % 40)
      let g = GraphGenerators.random(n: n, meanDegree: Double(rng.next() % 5), seed: rng.next())
      let theta = [0.1, 0.3, 0.5, 1.0][Int(rng.next() % 4)]
      let seeds = (0..<(1 + Int(rng.next() % 3))).map { _ in Int(rng.next() % UInt64(n)) }
      let fast = Set(try ThresholdCascade(g, threshold: theta).run(seeds: seeds).failed)
      var failed = Set(seeds)
      var changed = true
      while changed {
        changed = false
        for v in 0..<n where !failed.contains(v) {
          let suppliers = (0..<n).flatMap { s in g.successors(of: s).filter { Int($0) == v }.map { _ in s } }
          guard !suppliers.isEmpty else { continue }
          let share = Double(suppliers.filter { failed.contains($0) }.count) / Double(suppliers.count)
          if share >= theta {
            failed.insert(v)
            changed = true
          }
        }
      }
      #expect(fast == failed, "trial \(trial)")
    }
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
