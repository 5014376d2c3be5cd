// Benchmarks of the graph kernels at small, medium and large sizes, on the seeded
// workloads of GraphGenerators (the same families the peer comparison uses).
// Names contain no spaces or slashes (threshold files are named after them).

import Benchmark
import RensaBenchmarkSupport
import RensaWorkloads
import RensaGraph

/// Sizes per kernel: small runs in microseconds, large in tens of milliseconds.
let sizes: [(name: String, n: Int)] = [("S", 2_000), ("M", 20_000), ("L", 50_000)]

let benchmarks: @Sendable () -> Void = {
  useRensaBenchmarkDefaults()

  for (label, n) in sizes {
    let hard = GraphGenerators.hardFamily(n: n, seed: 1)
    let random = GraphGenerators.random(n: n, meanDegree: 8, seed: 1)

    Benchmark("SCC-condensation-random-d8-\(label)") { benchmark in
      for _ in benchmark.scaledIterations { blackHole(Condensation(random)) }
    }
    Benchmark("Closure-hard-\(label)") { benchmark in
      for _ in benchmark.scaledIterations { blackHole(try TransitiveClosure(hard).descendantCounts) }
    }
    Benchmark("Closure-random-d8-\(label)") { benchmark in
      for _ in benchmark.scaledIterations { blackHole(try TransitiveClosure(random).descendantCounts) }
    }
    // Descendant counts by column blocks, no all-pairs matrix (what `rensa closure` runs).
    let hardCondensation = Condensation(hard)
    Benchmark("ReachCounts-hard-\(label)") { benchmark in
      for _ in benchmark.scaledIterations { blackHole(ReachCounts.descendants(hardCondensation)) }
    }
    let closure = try! TransitiveClosure(hard)
    Benchmark("AncestorCounts-hard-\(label)") { benchmark in
      for _ in benchmark.scaledIterations { blackHole(try closure.ancestorCounts()) }
    }
    Benchmark("SingleSource-hard-\(label)") { benchmark in
      for i in benchmark.scaledIterations { blackHole(Reachability.downstream(of: i % n, in: hard)) }
    }
    let requirements = GraphGenerators.randomRequirements(hard, seed: 7)
    // Random k-of-n groups fail widely (AND-like); any-one-supplier groups fail little.
    let anyOne = RequirementGraph.allOr(hard)
    for threads in [1, 2] {
      Benchmark("FailureCounts-hard-kofn-\(label)-\(threads)t") { benchmark in
        for _ in benchmark.scaledIterations { blackHole(FailureTable.failureCounts(requirements, threadCount: threads)) }
      }
      Benchmark("FailureCounts-hard-or-\(label)-\(threads)t") { benchmark in
        for _ in benchmark.scaledIterations { blackHole(FailureTable.failureCounts(anyOne, threadCount: threads)) }
      }
    }
    // N-k (issue 23): exact N-2 over groups of two to five alternatives, both thread counts.
    let alternatives = GraphGenerators.alternatives(GraphGenerators.hardFamily(n: n / 2, meanDegree: 5, seed: 23), seed: 24)
    for threads in [1, 2] {
      Benchmark("NMinusK-pairs-hard-\(label)-\(threads)t") { benchmark in
        let options = ClosureOptions(threadCount: threads)
        for _ in benchmark.scaledIterations { blackHole(try MinimalFailureSets(alternatives, maxSize: 2, options: options)) }
      }
    }
    if label == "S" {
      // Duration sweep (issue 23 §2): one node's outage over every length, 2,000 nodes.
      let timed = GraphGenerators.timedRandom(n: n, meanDegree: 3, seed: 1)
      Benchmark("Sweep-timed-random-d3-S") { benchmark in
        for _ in benchmark.scaledIterations { blackHole(try DurationSweep(timed, initial: [0])) }
      }
      // Triples examine every pair of classes as a base: 1,000 nodes.
      let small = GraphGenerators.alternatives(GraphGenerators.hardFamily(n: 1_000, meanDegree: 5, seed: 23), seed: 24)
      Benchmark("NMinusK-triples-hard-1000") { benchmark in
        for _ in benchmark.scaledIterations { blackHole(try MinimalFailureSets(small, maxSize: 3)) }
      }
    }
    Benchmark("Dominators-hard-\(label)") { benchmark in
      for _ in benchmark.scaledIterations { blackHole(DominatorTree(hard)) }
    }
    // The redundancy audit (issue 22): 640 shared attributes of 4 seeded nodes each,
    // listed group by group, and every single node as an upstream cause, summarised.
    var state: UInt64 = 22
    let attributes: [[Int]] = (0..<640).map { _ in
      (0..<4).map { _ in
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return Int(state >> 33) % n
      }
    }
    let causes = attributes + (0..<n).map { [$0] }
    Benchmark("CommonModes-hard-kofn-\(label)") { benchmark in
      for _ in benchmark.scaledIterations {
        blackHole(CommonModeAudit(requirements, causes: causes, summarisingFrom: attributes.count, threadCount: 1))
      }
    }
  }
  let big = GraphGenerators.random(n: 1_000_000, meanDegree: 5, seed: 1)
  // The cascade timeline (earliest failure times), 10 initial failures at 0 h. The timed
  // graphs are built in each benchmark's setup and freed in its teardown, so that they
  // do not weigh on the other benchmarks' peak memory.
  for (label, n) in [("S", 2_000), ("M", 20_000), ("L", 100_000)] {
    let permanent = (0..<10).map { CascadeTimeline.NodeFailure(node: $0) }
    benchmarkWithWorkload("Timeline-random-d5-\(label)", { GraphGenerators.timedRandom(n: n, meanDegree: 5, seed: 1) }) {
      try CascadeTimeline($0, failures: permanent)
    }
    // With restoration: the failures end at 72 h (restoration times and bridged
    // backups computed); and with pairs of alternatives (event counting).
    let ending = (0..<10).map { CascadeTimeline.NodeFailure(node: $0, start: 0, end: 72) }
    benchmarkWithWorkload("Timeline-restoration-random-d5-\(label)", { GraphGenerators.timedRandom(n: n, meanDegree: 5, seed: 1) }) {
      try CascadeTimeline($0, failures: ending)
    }
    let many = (0..<(n / 10)).map { CascadeTimeline.NodeFailure(node: $0 * 10, start: 0, end: 72) }
    benchmarkWithWorkload(
      "Timeline-alternatives-random-d5-\(label)", { GraphGenerators.timedRandom(n: n, meanDegree: 5, seed: 1, alternatives: true) }
    ) { try CascadeTimeline($0, failures: many) }
  }

  // Threshold cascade (θ = 0.3, seeds 0–999 or a tenth of the nodes) and coupled
  // percolation (two Erdős–Rényi networks, k = 4, p = 0.7).
  for (label, n) in [("S", 2_000), ("M", 20_000), ("L", 100_000)] {
    let seeds = Array(0..<min(1_000, n / 10))
    benchmarkWithWorkload(
      "Threshold-random-d5-\(label)", { try! ThresholdCascade(GraphGenerators.random(n: n, meanDegree: 5, seed: 1), threshold: 0.3) }
    ) { $0.run(seeds: seeds) }
    benchmarkWithWorkload(
      "Percolation-coupled-ER-k4-\(label)",
      {
        (
          GraphGenerators.erdosRenyiUndirected(n: n, meanDegree: 4, seed: 1),
          GraphGenerators.erdosRenyiUndirected(n: n, meanDegree: 4, seed: 2),
          GraphGenerators.unitDoubles(count: n, seed: 3).map { $0 >= 0.7 }
        )
      }
    ) { InterdependentPercolation.mutualGiantComponent($0.0, $0.1, removed: $0.2) }
  }

  // Independent-cascade Monte Carlo, 64 trials per word (`failureCounts`), one thread:
  // 256 trials from nodes 0–9, every edge transmitting with p = 0.3 (supercritical: the
  // batches switch to sweeps) or p = 0.1 (subcritical: queues only).
  for (label, n) in [("S", 2_000), ("M", 20_000), ("L", 100_000)] {
    for (name, p) in [("p0.3", 0.3), ("p0.1", 0.1)] {
      benchmarkWithWorkload(
        "MonteCarlo-words-random-d5-\(name)-\(label)",
        { () -> CascadeMonteCarlo in
          let graph = GraphGenerators.timedRandom(n: n, meanDegree: 5, seed: 1)
          return try! CascadeMonteCarlo(
            graph, transmission: [Double](repeating: p, count: graph.edges.count), failures: (0..<10).map { .init(.init(node: $0)) })
        }
      ) { (model: CascadeMonteCarlo) in try model.failureCounts(trials: 256, seed: 1, threads: 1) }
    }
  }

  Benchmark("SCC-condensation-random-1M-5M", configuration: .init(maxIterations: 10)) { benchmark in
    for _ in benchmark.scaledIterations { blackHole(Condensation(big)) }
  }
}

