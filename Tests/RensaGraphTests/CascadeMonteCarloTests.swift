import CRensaBits
import Foundation
import Testing
@testable import RensaGraph
import _RensaTestSupport

@Suite struct CascadeMonteCarloTests {
  typealias Edge = TimedDependencyGraph.Edge

  @Test func wilsonIntervalsMatchPublishedValues() {
    // Wilson (1927) score intervals, z = 1.96 (e.g. Newcombe 1998, table I).
    let a = CascadeMonteCarlo.wilson(successes: 0, trials: 10)
    #expect(a.low == 0 && abs(a.high - 0.2775) < 1e-4)
    let b = CascadeMonteCarlo.wilson(successes: 5, trials: 10)
    #expect(abs(b.low - 0.2366) < 1e-4 && abs(b.high - 0.7634) < 1e-4)
    let c = CascadeMonteCarlo.wilson(successes: 81, trials: 263)
    #expect(abs(c.low - 0.2553) < 1e-4 && abs(c.high - 0.3662) < 1e-4)
    #expect(CascadeMonteCarlo.quantile([1, 2, 3, 4], 0.5) == 2 && CascadeMonteCarlo.quantile([], 0.5) == nil)
  }

  /// Known probabilities: a chain transmitting with 0.3, an OR group of two uncertain
  /// initial failures (0.5 each: both fail with 0.25), and an AND of them (0.75).
  @Test func estimatesConvergeToTheExactProbabilities() throws {
    // 0 → 1 (p = 0.3); 2, 3 uncertain seeds; 4 needs 2 OR 3; 5 needs 2 AND 3.
    let graph = try TimedDependencyGraph(nodeCount: 6, edges: [
      Edge(supplier: 0, dependent: 1, delay: 2),
      Edge(supplier: 2, dependent: 4, group: 0), Edge(supplier: 3, dependent: 4, group: 0),
      Edge(supplier: 2, dependent: 5), Edge(supplier: 3, dependent: 5),
    ])
    let model = try CascadeMonteCarlo(
      graph, transmission: [0.3, 1, 1, 1, 1],
      failures: [.init(.init(node: 0)), .init(.init(node: 2), probability: 0.5), .init(.init(node: 3), probability: 0.5)])
    let result = try model.run(.init(trials: 20_000, seed: 7))
    for (v, exact) in [(1, 0.3), (2, 0.5), (4, 0.25), (5, 0.75)] {
      let (lo, hi) = result.interval(v)
      #expect(lo <= exact && exact <= hi, "node \(v): \(result.probability(v)) in [\(lo), \(hi)]")
      #expect(abs(result.probability(v) - exact) < 0.015)
    }
    #expect(result.probability(0) == 1 && result.failureHour(1, quantile: 0.5) == 2)
  }

  /// Every trial equals a timeline computed the obvious way: the graph rebuilt with each
  /// edge that does not transmit hanging from a node that never fails (so its group keeps
  /// it), and only the failures that happen.
  @Test func trialsMatchRebuiltGraphsAndThreadCountsAgree() throws {
    var rng = Xoshiro256StarStar(seed: 99)
    func below(_ k: Int) -> Int { Int(rng.next() % UInt64(k)) }
    for trial in 0..<40 {
      let n = 3 + below(12)
      var edges: [Edge] = []
      for d in 0..<n {
        for g in 0..<below(3) {
          let suppliers = Set((0..<(1 + below(3))).map { _ in below(n) }).subtracting([d]).sorted()
          guard !suppliers.isEmpty else { continue }
          for s in suppliers {
            edges.append(
              Edge(supplier: s, dependent: d, delay: Double(below(4)), recovery: Double(below(3)), group: suppliers.count > 1 ? g : nil))
          }
        }
      }
      let graph = try TimedDependencyGraph(nodeCount: n, edges: edges)
      let transmission = edges.map { _ in [1.0, 0.5, 0.2][below(3)] }
      let failures = (0..<n).filter { _ in below(3) == 0 }.map {
        CascadeMonteCarlo.UncertainFailure(.init(node: $0, start: Double(below(3)), end: below(2) == 0 ? nil : 20), probability: [1, 0.6][below(2)])
      }
      let model = try CascadeMonteCarlo(graph, transmission: transmission, failures: failures)
      let trials = 200
      let one = try model.run(.init(trials: trials, seed: UInt64(trial), threads: 1, blockSize: 64))
      let two = try model.run(.init(trials: trials, seed: UInt64(trial), threads: 2, blockSize: 64))
      #expect(one.failures == two.failures && one.failureHours == two.failureHours, "trial \(trial): thread counts differ")
      // The reference.
      var counts = [Int](repeating: 0, count: n)
      var hours = [[Double]](repeating: [], count: n)
      for k in 0..<trials {
        let draw = model.sample(trial: k, seed: UInt64(trial))
        let rewired = edges.indices.map { e -> Edge in
          var edge = edges[e]
          if !(draw.transmitted?[e] ?? true) { edge.supplier = n }  // node n never fails
          return edge
        }
        let rebuilt = try TimedDependencyGraph(nodeCount: n + 1, edges: rewired)
        let timeline = try CascadeTimeline(rebuilt, failures: draw.failures)
        for v in 0..<n where timeline.failedAt[v].isFinite {
          counts[v] += 1
          hours[v].append(timeline.failedAt[v])
        }
      }
      #expect(one.failures == counts, "trial \(trial)")
      #expect(one.failureHours == hours.map { $0.sorted() }, "trial \(trial)")
    }
  }

  /// 64 trials per word against trial-by-trial simulation: identical counts on random
  /// models with required dependencies and permanent outages, whatever the thread count
  /// and with a last batch that is not full.
  @Test func bitParallelCountsEqualTrialByTrial() throws {
    var rng = Xoshiro256StarStar(seed: 17)
    func below(_ k: Int) -> Int { Int(rng.next() % UInt64(k)) }
    for instance in 0..<30 {
      let n = 5 + below(40)
      let g = GraphGenerators.random(n: n, meanDegree: Double(1 + below(4)), seed: rng.next())
      var edges: [Edge] = []
      for v in 0..<n { for w in g.successors(of: v) { edges.append(Edge(supplier: v, dependent: Int(w), delay: Double(below(5)))) } }
      let graph = try TimedDependencyGraph(nodeCount: n, edges: edges)
      let transmission = edges.map { _ in [1.0, 0.3, 0.5, 0.1, 0][below(5)] }
      let failures = (0..<(1 + below(3))).map { _ in CascadeMonteCarlo.UncertainFailure(.init(node: below(n)), probability: [1, 0.5, 0.25][below(3)]) }
      let unique = Dictionary(failures.map { ($0.failure.node, $0) }, uniquingKeysWith: { a, _ in a }).values.sorted { $0.failure.node < $1.failure.node }
      let cuts = edges.isEmpty ? [] : [CascadeMonteCarlo.UncertainCut(.init(edge: below(edges.count)), probability: 0.5)]
      let model = try CascadeMonteCarlo(graph, transmission: transmission, failures: unique, cuts: cuts)
      #expect(model.isBitParallel)
      let trials = 100 + below(200)
      let word = try model.failureCounts(trials: trials, seed: UInt64(instance), threads: 1 + below(2))
      let serial = try model.run(.init(trials: trials, seed: UInt64(instance), threads: 1))
      #expect(word == serial.failures, "instance \(instance)")
    }
    // Models outside the bit-parallel reading are refused with a reason.
    let paired = try TimedDependencyGraph(nodeCount: 3, edges: [Edge(supplier: 0, dependent: 2, group: 0), Edge(supplier: 1, dependent: 2, group: 0)])
    let orModel = try CascadeMonteCarlo(paired, failures: [.init(.init(node: 0))])
    #expect(!orModel.isBitParallel)
    #expect(throws: TimedDependencyGraph.InputError.self) { _ = try orModel.failureCounts(trials: 10, seed: 1) }
  }

  /// The C kernel that makes a row's masks eight edges at a time gives exactly the bits
  /// of the Swift `mask` (the trial-by-trial engine's draws), for any probability, any
  /// edge order and any count (partial blocks of eight included).
  @Test func vectorMasksEqualTheSwiftMasks() {
    var rng = Xoshiro256StarStar(seed: 23)
    let special: [Double] = [0, 1, 0.5, 0.3, 0.1, 0.25, 1e-12, 0x1p-32, 0x1p-33, 0.999_999_999_9, 1 - 0x1p-53, 0.75, 0x1.8p-31]
    for instance in 0..<200 {
      let m = 1 + Int(rng.next() % 60)
      let q = (0..<m).map { _ in rng.next() % 3 == 0 ? special[Int(rng.next() % UInt64(special.count))] : Double(rng.next() >> 11) * 0x1p-53 }
      let ids = (0..<m).map { _ in UInt32(rng.next() % UInt64(m)) }
      let count = Int(rng.next() % UInt64(m + 1))
      let seed = rng.next()
      let batch = rng.next() % 100
      let base = rng.next() % 1000
      var out = [UInt64](repeating: 0xDEAD, count: m + 1)
      q.withUnsafeBufferPointer { qb in
        ids.withUnsafeBufferPointer { ib in
          out.withUnsafeMutableBufferPointer { ob in
            rensa_bernoulli_masks(seed ^ CascadeMonteCarlo.mix(batch &+ 0x9E37_79B9_7F4A_7C15), qb.baseAddress!, ib.baseAddress!, base, count, ob.baseAddress!)
          }
        }
      }
      let expected = (0..<count).map { CascadeMonteCarlo.mask(q[Int(ids[$0])], seed: seed, batch: batch, item: base + UInt64(ids[$0])) }
      #expect(Array(out[0..<count]) == expected, "instance \(instance)")
      #expect(out[count...].allSatisfy { $0 == 0xDEAD }, "instance \(instance): wrote past the end")
    }
    #expect(rensa_mix64(12345) == CascadeMonteCarlo.mix(12345))
  }

  /// Large cascades switch from the queue to sweeps over all nodes (once the queue holds
  /// an eighth of them): supercritical graphs of a few thousand nodes take that path in
  /// most batches, and still count exactly as the trial-by-trial engine, on 1 and 2
  /// threads.
  @Test func sweepingCountsEqualTrialByTrial() throws {
    var rng = Xoshiro256StarStar(seed: 29)
    for instance in 0..<4 {
      let n = 1500 + Int(rng.next() % 1500)
      let g = GraphGenerators.random(n: n, meanDegree: 4, seed: rng.next())
      var edges: [Edge] = []
      for v in 0..<n { for w in g.successors(of: v) { edges.append(Edge(supplier: v, dependent: Int(w))) } }
      let graph = try TimedDependencyGraph(nodeCount: n, edges: edges)
      let transmission = edges.map { _ in [0.3, 0.5, 0.45, 1.0][Int(rng.next() % 4)] }
      let model = try CascadeMonteCarlo(graph, transmission: transmission, failures: (0..<5).map { .init(.init(node: $0), probability: 0.9) })
      let trials = 130
      let serial = try model.run(.init(trials: trials, seed: 7, threads: 1)).failures
      // Supercritical: most trials reach a large part of the graph.
      #expect(serial.reduce(0, +) > trials * n / 4, "instance \(instance)")
      for threads in [1, 2] {
        #expect(try model.failureCounts(trials: trials, seed: 7, threads: threads) == serial, "instance \(instance), \(threads) threads")
      }
    }
  }

  /// The masks are Bernoulli(q): over many batches each bit is set with frequency q.
  @Test func masksHaveTheirProbability() throws {
    let graph = try TimedDependencyGraph(nodeCount: 2, edges: [Edge(supplier: 0, dependent: 1)])
    for q in [0.3, 0.5, 0.01, 0.999] {
      let model = try CascadeMonteCarlo(graph, transmission: [q], failures: [.init(.init(node: 0))])
      let counts = try model.failureCounts(trials: 64 * 2_000, seed: 5)
      let p = Double(counts[1]) / Double(64 * 2_000)
      #expect(abs(p - q) < 4 * (q * (1 - q) / Double(64 * 2_000)).squareRoot() + 1e-9, "q = \(q): \(p)")
    }
  }

  /// Uncertain delays: a dependent holding out a triangular(0, 24, 72) number of hours on
  /// backup through a 48-hour outage fails when its backup lasts less than 48 h:
  /// P = 1 − 24² / (72 · 48) = 5/6. Sample means match the distributions'.
  @Test func uncertainDelaysDecideWhetherBackupsBridgeTheOutage() throws {
    let graph = try TimedDependencyGraph(nodeCount: 2, edges: [Edge(supplier: 0, dependent: 1, delay: 24)])
    let model = try CascadeMonteCarlo(
      graph, failures: [.init(.init(node: 0, start: 0, end: 48))], delays: [.triangular(low: 0, mode: 24, high: 72)])
    let result = try model.run(.init(trials: 200_000, seed: 11, blockSize: 4_096))
    let (lo, hi) = result.interval(1)
    #expect(lo <= 5.0 / 6.0 && 5.0 / 6.0 <= hi, "\(result.probability(1)) in [\(lo), \(hi)]")
    // The failure hour is the drawn delay; given failure, its median solves
    // 1 − (72 − x)² / (72 · 48) = ½ · 5/6, i.e. x = 72 − √2016 ≈ 27.10.
    let median = try #require(result.failureHour(1, quantile: 0.5))
    #expect(abs(median - (72 - 2016.0.squareRoot())) < 0.5, "median \(median)")
    // Distribution means on a fine grid of uniforms.
    let grid = (0..<2_000).map { (Double($0) + 0.5) / 2_000 }
    func mean(_ d: DelayDistribution) -> Double { grid.map { u in d.sample(u, 0.123) }.reduce(0, +) / Double(grid.count) }
    #expect(abs(mean(.uniform(low: 2, high: 6)) - 4) < 1e-9)
    #expect(abs(mean(.triangular(low: 0, mode: 24, high: 72)) - 32) < 0.01)
    let lognormal = DelayDistribution.lognormal(median: 10, sigma: 0.5)
    #expect(abs(lognormal.sample(0.5, 0.25) - 10) < 1e-9)  // cos(π/2) = 0: Z = 0, the median
    #expect(DelayDistribution.triangular(low: 3, mode: 2, high: 5).problem != nil)
    #expect(throws: TimedDependencyGraph.InputError.self) {
      try CascadeMonteCarlo(graph, failures: [], delays: [.lognormal(median: 1, sigma: 0)])
    }
    // Without delay distributions the trials use the nominal delays (no draws).
    #expect(try CascadeMonteCarlo(graph, failures: []).sampleDelays(trial: 0, seed: 1) == nil)
  }

  @Test func stopsEarlyAtTheRequestedWidthAndReportsProgress() throws {
    let graph = try TimedDependencyGraph(nodeCount: 2, edges: [Edge(supplier: 0, dependent: 1)])
    let model = try CascadeMonteCarlo(graph, transmission: [0.5], failures: [.init(.init(node: 0))])
    let reports = Counter()
    let result = try model.run(.init(trials: 100_000, seed: 1, targetHalfWidth: 0.02, blockSize: 500, progress: { done, _ in reports.add(done) }))
    #expect(result.trials < 100_000 && result.trials % 500 == 0)
    let (lo, hi) = result.interval(1)
    #expect((hi - lo) / 2 <= 0.02)
    #expect(reports.values.last == result.trials && reports.values.count == result.trials / 500)
    #expect(throws: TimedDependencyGraph.InputError.self) { try CascadeMonteCarlo(graph, transmission: [1.5], failures: []) }
    #expect(throws: TimedDependencyGraph.InputError.self) { try CascadeMonteCarlo(graph, failures: [.init(.init(node: 0), probability: .nan)]) }
    let badSeed = try CascadeMonteCarlo(graph, failures: [.init(.init(node: 7))])
    #expect(throws: TimedDependencyGraph.InputError.self) { _ = try badSeed.run(.init(trials: 1, seed: 1)) }
  }
}

/// Collects progress reports from any thread.
final class Counter: @unchecked Sendable {
  private let lock = NSLockish()
  private(set) var values: [Int] = []
  func add(_ v: Int) { lock.run { values.append(v) } }
}

/// A minimal lock over a pthread mutex (Foundation-free test module).
final class NSLockish: @unchecked Sendable {
  private var mutex = pthread_mutex_t()
  init() { pthread_mutex_init(&mutex, nil) }
  func run(_ body: () -> Void) {
    pthread_mutex_lock(&mutex)
    body()
    pthread_mutex_unlock(&mutex)
  }
}
