import Foundation

/// Monte Carlo over the cascade timeline: uncertain initial failures (each happens with
/// its probability) and uncertain transmission (each dependency passes its supplier's
/// failure on with its probability), N trials from an explicit seed.
///
/// Trial `k` draws from its own stream, `Xoshiro256StarStar(seed:).stream(k)`: first one
/// uniform per initial failure, then one per cut, then one per edge, in input order; an
/// event happens, or an edge transmits, when its uniform is below its probability. A
/// trial is then exactly a ``CascadeTimeline`` with those failures and that transmission
/// mask. Trials are split among threads in fixed blocks and their results merged in trial
/// order, so every figure is identical whatever the thread count.
///
/// Results per node: how many trials it fails in (probability with a 95 % Wilson
/// interval) and its failure hours across those trials (quantiles). With
/// `targetHalfWidth`, trials run in blocks until every node's interval is at most that
/// half-width (or `trials` is reached).
public struct CascadeMonteCarlo: Sendable {
  /// An initial failure that happens with a probability.
  public struct UncertainFailure: Sendable, Hashable {
    public var failure: CascadeTimeline.NodeFailure
    public var probability: Double
    public init(_ failure: CascadeTimeline.NodeFailure, probability: Double = 1) {
      self.failure = failure
      self.probability = probability
    }
  }

  /// A cut of one dependency that happens with a probability.
  public struct UncertainCut: Sendable, Hashable {
    public var cut: CascadeTimeline.EdgeCut
    public var probability: Double
    public init(_ cut: CascadeTimeline.EdgeCut, probability: Double = 1) {
      self.cut = cut
      self.probability = probability
    }
  }

  /// How to run.
  public struct Options: Sendable {
    /// Trials to run (the maximum, with `targetHalfWidth`).
    public var trials: Int
    public var seed: UInt64
    /// Threads; trials are split in blocks, results do not depend on it.
    public var threads: Int
    /// Stop once every node's 95 % interval has at most this half-width.
    public var targetHalfWidth: Double?
    /// Trials per block (the unit of early stopping and progress reports).
    public var blockSize: Int
    /// Called after each block with (trials done, trials planned).
    public var progress: (@Sendable (Int, Int) -> Void)?
    /// Measures each trial's timeline (e.g. hours lost per sector); the values are kept
    /// per trial in ``Result/measures``, in trial order.
    public var measure: (@Sendable (CascadeTimeline) -> [Double])?

    public init(
      trials: Int, seed: UInt64, threads: Int = ProcessorCount.active, targetHalfWidth: Double? = nil,
      blockSize: Int = 256, progress: (@Sendable (Int, Int) -> Void)? = nil,
      measure: (@Sendable (CascadeTimeline) -> [Double])? = nil
    ) {
      self.measure = measure
      self.trials = trials
      self.seed = seed
      self.threads = threads
      self.targetHalfWidth = targetHalfWidth
      self.blockSize = blockSize
      self.progress = progress
    }
  }

  /// What the trials found.
  public struct Result: Sendable {
    /// Trials run.
    public let trials: Int
    /// Per node: trials in which it fails.
    public let failures: [Int]
    /// Per node: its failure hours over the trials in which it fails, ascending.
    public let failureHours: [[Double]]
    /// Per trial, in trial order: the values of ``Options/measure`` (empty without one).
    public let measures: [[Double]]

    /// Share of trials in which node `v` fails.
    public func probability(_ v: Int) -> Double { trials == 0 ? 0 : Double(failures[v]) / Double(trials) }

    /// The 95 % Wilson score interval of node `v`'s failure probability.
    public func interval(_ v: Int) -> (low: Double, high: Double) {
      CascadeMonteCarlo.wilson(successes: failures[v], trials: trials)
    }

    /// The `q` quantile (0…1, nearest rank) of node `v`'s failure hour over the trials in
    /// which it fails; nil if it never fails.
    public func failureHour(_ v: Int, quantile q: Double) -> Double? {
      CascadeMonteCarlo.quantile(failureHours[v], q)
    }
  }

  public let graph: TimedDependencyGraph
  /// Per edge: the probability that it passes its supplier's failure on.
  public let transmission: [Double]
  public let failures: [UncertainFailure]
  public let cuts: [UncertainCut]

  /// - Throws: ``TimedDependencyGraph/InputError`` for a probability outside [0, 1] or
  ///   NaN, or a transmission list of the wrong length.
  public init(
    _ graph: TimedDependencyGraph, transmission: [Double]? = nil, failures: [UncertainFailure], cuts: [UncertainCut] = []
  ) throws(TimedDependencyGraph.InputError) {
    let transmission = transmission ?? [Double](repeating: 1, count: graph.edges.count)
    guard transmission.count == graph.edges.count else {
      throw .init(reason: "\(transmission.count) transmission probabilities for \(graph.edges.count) edges")
    }
    for (e, p) in transmission.enumerated() where !(p >= 0 && p <= 1) {
      throw .init(edge: e, reason: "transmission probability \(p) is outside [0, 1]")
    }
    for f in failures where !(f.probability >= 0 && f.probability <= 1) {
      throw .init(reason: "node \(f.failure.node): probability \(f.probability) is outside [0, 1]")
    }
    for c in cuts where !(c.probability >= 0 && c.probability <= 1) {
      throw .init(edge: c.cut.edge, reason: "cut probability \(c.probability) is outside [0, 1]")
    }
    self.graph = graph
    self.transmission = transmission
    self.failures = failures
    self.cuts = cuts
  }

  /// The draws of trial `k`: the initial failures and cuts that happen, and the
  /// transmission mask (nil when every edge transmits).
  public func sample(trial k: Int, seed: UInt64) -> (
    failures: [CascadeTimeline.NodeFailure], cuts: [CascadeTimeline.EdgeCut], transmitted: [Bool]?
  ) {
    var rng = Xoshiro256StarStar(seed: seed).stream(UInt64(k))
    var happening: [CascadeTimeline.NodeFailure] = []
    for f in failures where rng.nextUnitDouble() < f.probability { happening.append(f.failure) }
    var cutting: [CascadeTimeline.EdgeCut] = []
    for c in cuts where rng.nextUnitDouble() < c.probability { cutting.append(c.cut) }
    guard transmission.contains(where: { $0 < 1 }) else { return (happening, cutting, nil) }
    var mask = [Bool](repeating: true, count: transmission.count)
    for e in transmission.indices { mask[e] = rng.nextUnitDouble() < transmission[e] }
    return (happening, cutting, mask)
  }

  /// Runs the trials.
  ///
  /// - Throws: ``TimedDependencyGraph/InputError`` when an initial failure or cut is
  ///   invalid (unknown node or edge, bad times).
  public func run(_ options: Options) throws(TimedDependencyGraph.InputError) -> Result {
    let n = graph.nodeCount
    // Validate the failures and cuts once, as every trial may draw them all.
    _ = try CascadeTimeline(graph, failures: failures.map(\.failure), cuts: cuts.map(\.cut))
    var failures = [Int](repeating: 0, count: n)
    var hours = [[Double]](repeating: [], count: n)
    var measures: [[Double]] = []
    var done = 0
    let total = max(0, options.trials)
    let block = max(1, options.blockSize)
    while done < total {
      let count = min(block, total - done)
      let first = done
      let threads = max(1, min(options.threads, count))
      // Each thread takes every `threads`-th trial of the block; results are stored per
      // trial and merged in trial order.
      let results = UnsafeMutableBufferPointer<([UInt32: Double], [Double])>.allocate(capacity: count)
      results.initialize(repeating: ([:], []))
      let box = ResultsBox(results)
      let model = self
      DispatchQueue.concurrentPerform(iterations: threads) { t in
        var i = t
        while i < count {
          let draw = model.sample(trial: first + i, seed: options.seed)
          // Valid by the check above: the draws are subsets of validated lists.
          if let timeline = try? CascadeTimeline(
            model.graph, failures: draw.failures, cuts: draw.cuts, transmitted: draw.transmitted)
          {
            var failed: [UInt32: Double] = [:]
            for v in timeline.order { failed[v] = timeline.failedAt[Int(v)] }
            box.buffer[i] = (failed, options.measure?(timeline) ?? [])
          }
          i += threads
        }
      }
      for i in 0..<count {
        for (v, t) in results[i].0 {
          failures[Int(v)] += 1
          hours[Int(v)].append(t)
        }
        measures.append(results[i].1)
      }
      results.deinitialize()
      results.deallocate()
      done += count
      options.progress?(done, total)
      if let target = options.targetHalfWidth {
        let worst = (0..<n).map { v -> Double in
          let (lo, hi) = Self.wilson(successes: failures[v], trials: done)
          return (hi - lo) / 2
        }.max() ?? 0
        if worst <= target { break }
      }
    }
    return Result(trials: done, failures: failures, failureHours: hours.map { $0.sorted() }, measures: measures)
  }

  /// The 95 % Wilson score interval for `successes` out of `trials`.
  public static func wilson(successes: Int, trials: Int, z: Double = 1.959963984540054) -> (low: Double, high: Double) {
    guard trials > 0 else { return (0, 1) }
    let n = Double(trials)
    let p = Double(successes) / n
    let z2 = z * z
    let centre = (p + z2 / (2 * n)) / (1 + z2 / n)
    let half = z * ((p * (1 - p) / n + z2 / (4 * n * n)).squareRoot()) / (1 + z2 / n)
    return (max(0, centre - half), min(1, centre + half))
  }

  /// Nearest-rank quantile of ascending `values`.
  public static func quantile(_ values: [Double], _ q: Double) -> Double? {
    guard !values.isEmpty else { return nil }
    let rank = Int((q * Double(values.count)).rounded(.up))
    return values[min(values.count - 1, max(0, rank - 1))]
  }
}

/// Per-trial result slots shared by the worker threads; each slot is written by exactly
/// one thread.
private final class ResultsBox: @unchecked Sendable {
  let buffer: UnsafeMutableBufferPointer<([UInt32: Double], [Double])>
  init(_ buffer: UnsafeMutableBufferPointer<([UInt32: Double], [Double])>) { self.buffer = buffer }
}
