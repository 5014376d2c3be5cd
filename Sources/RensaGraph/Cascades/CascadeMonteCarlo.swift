import CRensaBits
import Foundation
import InternalRensaUtilities

/// Monte Carlo over the cascade timeline: uncertain initial failures (each happens with
/// its probability) and uncertain transmission (each dependency passes its supplier's
/// failure on with its probability), N trials from an explicit seed.
///
/// **Draws.** Every draw is counter-based, so that any engine can make it in any order:
/// trials are grouped 64 to a batch (trial `t` is bit `t mod 64` of batch `t / 64`), and
/// item `i` (the initial failures, then the cuts, then the edges, in input order) gets,
/// per batch, a 64-bit mask whose bits are independent Bernoulli(q) draws: q is taken to
/// 32 binary digits (`⌊q·2³²⌋ / 2³²`) and the mask is built from the binary expansion,
/// least significant digit first, over 64-bit words hashed (SplitMix64's finaliser) from
/// (seed, batch, item, digit). An event happens, or an edge transmits, in trial `t` when
/// its bit is set. A trial is then exactly a ``CascadeTimeline`` with those failures and
/// that transmission mask. Trials are split among threads in fixed blocks and merged in
/// trial order, so every figure is identical whatever the thread count.
///
/// **Two engines.** ``run(_:)`` simulates trial by trial (any model; failure hours and
/// per-trial measures). ``failureCounts(trials:seed:threads:)`` evaluates 64 trials per
/// machine word — each node holds the word of trials in which it has failed, and a
/// failure crosses an edge in the trials where the edge's mask is set — for models where
/// that is exact: every dependency required (no alternatives) and every outage permanent
/// (then whether a node fails does not depend on timing). Both give identical counts.
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

  /// How to run. Not `Sendable`: its progress hook is a plain closure, called on the
  /// thread that calls ``run(_:)``, so that a caller may collect into a local.
  public struct Options {
    /// Trials to run (the maximum, with `targetHalfWidth`).
    public var trials: Int
    public var seed: UInt64
    /// Threads; trials are split in blocks, results do not depend on it.
    public var threads: Int
    /// Stop once every node's 95 % interval has at most this half-width.
    public var targetHalfWidth: Double?
    /// Trials per block (the unit of early stopping and progress reports).
    public var blockSize: Int
    /// Called after each block with (trials done, trials planned), on the thread that
    /// called ``run(_:)``.
    public var progress: ((Int, Int) -> Void)?
    /// Measures each trial's timeline (e.g. hours lost per sector); the values are kept
    /// per trial in ``Result/measures``, in trial order.
    public var measure: (@Sendable (CascadeTimeline) -> [Double])?

    public init(
      trials: Int, seed: UInt64, threads: Int? = nil, targetHalfWidth: Double? = nil,
      blockSize: Int = 256, progress: ((Int, Int) -> Void)? = nil,
      measure: (@Sendable (CascadeTimeline) -> [Double])? = nil
    ) {
      self.measure = measure
      self.trials = trials
      self.seed = seed
      self.threads = threads ?? ProcessorCount.active
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
  /// Per edge: the distribution of its delay (nil: the nominal delay in every trial).
  public let delays: [DelayDistribution?]

  /// - Throws: ``TimedDependencyGraph/InputError`` for a probability outside [0, 1] or
  ///   NaN, or a transmission list of the wrong length.
  public init(
    _ graph: TimedDependencyGraph, transmission: [Double]? = nil, failures: [UncertainFailure], cuts: [UncertainCut] = [],
    delays: [DelayDistribution?]? = nil
  ) throws(TimedDependencyGraph.InputError) {
    let delays = delays ?? [DelayDistribution?](repeating: nil, count: graph.edges.count)
    guard delays.count == graph.edges.count else {
      throw .init(reason: "\(delays.count) delay distributions for \(graph.edges.count) edges")
    }
    for (e, d) in delays.enumerated() { if let problem = d?.problem { throw .init(edge: e, reason: problem) } }
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
    self.delays = delays
  }

  /// The draws of trial `k`: the initial failures and cuts that happen, and the
  /// transmission mask (nil when every edge transmits).
  public func sample(trial k: Int, seed: UInt64) -> (
    failures: [CascadeTimeline.NodeFailure], cuts: [CascadeTimeline.EdgeCut], transmitted: [Bool]?
  ) {
    let batch = UInt64(k / 64)
    let bit = UInt64(k % 64)
    func happens(_ q: Double, _ item: Int) -> Bool {
      (Self.mask(q, seed: seed, batch: batch, item: UInt64(item)) >> bit) & 1 == 1
    }
    let happening = failures.enumerated().filter { happens($1.probability, $0) }.map(\.element.failure)
    let cutting = cuts.enumerated().filter { happens($1.probability, failures.count + $0) }.map(\.element.cut)
    guard transmission.contains(where: { $0 < 1 }) else { return (happening, cutting, nil) }
    let base = failures.count + cuts.count
    let mask = transmission.indices.map { happens(transmission[$0], base + $0) }
    return (happening, cutting, mask)
  }

  /// The delays of trial `k` (by edge), or nil when no edge has a distribution: each
  /// uncertain delay from two uniforms hashed from (seed, trial, edge).
  public func sampleDelays(trial k: Int, seed: UInt64) -> [Double]? {
    guard delays.contains(where: { $0 != nil }) else { return nil }
    return graph.edges.indices.map { e in
      guard let distribution = delays[e] else { return graph.edges[e].delay }
      let key = Self.mix(seed ^ Self.mix(UInt64(k) &+ 0x5851_F42D_4C95_7F2D) ^ Self.mix(UInt64(e) &* 0xD1B5_4A32_D192_ED03))
      // Uniforms in (0, 1): 53 bits, never 0 (the lognormal takes a logarithm).
      let u = (Double(Self.mix(key) >> 11) + 0.5) * 0x1.0p-53
      let v = (Double(Self.mix(key &+ 1) >> 11) + 0.5) * 0x1.0p-53
      return max(0, distribution.sample(u, v))
    }
  }

  /// 64 independent Bernoulli(q) bits for item `item` in batch `batch` (q to 32 binary
  /// digits): the binary expansion of q, least significant digit first, over hashed words.
  @inline(__always)
  static func mask(_ q: Double, seed: UInt64, batch: UInt64, item: UInt64) -> UInt64 {
    if q >= 1 { return ~0 }
    let digits = UInt64(q * 4_294_967_296)  // ⌊q·2³²⌋
    if digits == 0 { return 0 }
    let key = mix(batchKey(seed: seed, batch: batch) ^ mix(item &* 0xD1B5_4A32_D192_ED03))
    var m: UInt64 = 0
    var j = UInt64(digits.trailingZeroBitCount)
    while j < 32 {
      let r = mix(key &+ j &* 0x94D0_49BB_1331_11EB)
      m = (digits >> j) & 1 == 1 ? (m | r) : (m & r)
      j += 1
    }
    return m
  }

  /// The part of every mask's key shared by a batch (what `rensa_bernoulli_masks` takes).
  @inline(__always)
  static func batchKey(seed: UInt64, batch: UInt64) -> UInt64 { seed ^ mix(batch &+ 0x9E37_79B9_7F4A_7C15) }

  /// SplitMix64's finaliser: a bijective mix of 64 bits.
  @inline(__always)
  static func mix(_ x: UInt64) -> UInt64 {
    var z = x &+ 0x9E37_79B9_7F4A_7C15
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  /// Whether ``failureCounts(trials:seed:threads:)`` applies: every dependency required
  /// and every initial failure and cut permanent.
  public var isBitParallel: Bool {
    graph.groupCount == graph.edges.count && failures.allSatisfy { $0.failure.end == nil }
      && cuts.allSatisfy { $0.cut.end == nil }
  }

  /// Per node, the number of trials (of `trials`) in which it fails, 64 trials per
  /// machine word (see the type's documentation); the same counts as ``run(_:)``.
  ///
  /// - Throws: ``TimedDependencyGraph/InputError`` when the model has alternatives or
  ///   outages that end (``isBitParallel`` is false), or invalid failures.
  public func failureCounts(trials: Int, seed: UInt64, threads: Int? = nil) throws(
    TimedDependencyGraph.InputError
  ) -> [Int] {
    let threads = threads ?? ProcessorCount.active
    guard isBitParallel else {
      throw .init(reason: "64 trials per word need every dependency required and every outage permanent; use run()")
    }
    try CascadeTimeline.validate(graph, failures: failures.map(\.failure), cuts: cuts.map(\.cut))
    let n = graph.nodeCount
    let batches = (max(0, trials) + 63) / 64
    guard batches > 0 else { return [Int](repeating: 0, count: n) }
    let workers = max(1, min(threads, batches))
    let partial = UnsafeMutableBufferPointer<[Int]>.allocate(capacity: workers)
    partial.initialize(repeating: [])
    let box = CountsBox(partial)
    let model = self
    DispatchQueue.concurrentPerform(iterations: workers) { w in
      box.buffer[w] = model.countBatches(from: w, step: workers, batches: batches, trials: trials, seed: seed)
    }
    var counts = [Int](repeating: 0, count: n)
    for w in 0..<workers { for v in 0..<n { counts[v] += partial[w][v] } }
    partial.deinitialize()
    partial.deallocate()
    return counts
  }

  /// Batches `from`, `from + step`, … with one worker's state.
  ///
  /// Per batch, a small cascade is followed with a first-in-first-out queue (the bits of
  /// many trials gather at a node before it passes them on). Once the queue holds more
  /// than an eighth of the nodes, the batch switches to sweeps: every edge's mask is made
  /// in one pass, then the nodes are swept in order, each passing on its pending bits,
  /// until a sweep sends no bit to a node at or before the one sending it. The sweep's
  /// inner loop has no data-dependent branch (whether an edge brings new bits is a coin
  /// toss in a large cascade), and a node's failed and pending words share a cache line.
  func countBatches(from first: Int, step: Int, batches: Int, trials: Int, seed: UInt64) -> [Int] {
    let n = graph.nodeCount
    let m = graph.edges.count
    var counts = [Int](repeating: 0, count: n)
    // Per node v: state[2v], the trials in which it has failed; state[2v + 1], those of
    // them it has not yet passed on. Raw buffers, freed on return.
    let state = UnsafeMutablePointer<UInt64>.allocate(capacity: 2 * max(n, 1))
    state.initialize(repeating: 0, count: 2 * max(n, 1))
    // Edge masks of the current batch, by row position, made a row at a time when the
    // row is first needed (stamp[v] == batch + 1: row v's masks are made).
    let live = UnsafeMutablePointer<UInt64>.allocate(capacity: max(m, 1))
    live.initialize(repeating: 0, count: max(m, 1))
    let stamp = UnsafeMutablePointer<UInt32>.allocate(capacity: max(n, 1))
    stamp.initialize(repeating: 0, count: max(n, 1))
    defer {
      state.deallocate()
      live.deallocate()
      stamp.deallocate()
    }
    var queue: [Int32] = []
    // Nodes failed in the batch (while following the queue; a sweep resets every node).
    var touched: [Int32] = []
    let cutBase = failures.count
    let edgeBase = failures.count + cuts.count
    var batch = first
    graph.outOffsets.withUnsafeBufferPointer { offsets in
      graph.outTarget.withUnsafeBufferPointer { targets in
        graph.outEdge.withUnsafeBufferPointer { edgeID in
          let offsets = offsets.baseAddress!
          let targets = targets.baseAddress!
          while batch < batches {
            let valid: UInt64 = batch == batches - 1 && trials % 64 != 0 ? (1 << UInt64(trials % 64)) - 1 : ~0
            let b = UInt64(batch)
            let mark = UInt32(batch + 1)
            let batchKey = Self.batchKey(seed: seed, batch: b)
            /// The masks of rows `from ..< to` (eight edges at a time in C, the same
            /// bits as `mask`).
            func makeMasks(_ from: Int, _ to: Int) {
              guard to > from else { return }
              transmission.withUnsafeBufferPointer { q in
                rensa_bernoulli_masks(batchKey, q.baseAddress!, edgeID.baseAddress! + from, UInt64(edgeBase), to - from, live + from)
              }
            }
            func fail(_ v: Int, _ bits: UInt64) {
              let new = bits & ~state[2 &* v]
              guard new != 0 else { return }
              if state[2 &* v] == 0 { touched.append(Int32(v)) }
              state[2 &* v] |= new
              if state[2 &* v &+ 1] == 0 { queue.append(Int32(v)) }
              state[2 &* v &+ 1] |= new
            }
            for (i, f) in failures.enumerated() {
              fail(f.failure.node, Self.mask(f.probability, seed: seed, batch: b, item: UInt64(i)) & valid)
            }
            for (i, c) in cuts.enumerated() {
              // A permanent cut of a required dependency fails its dependent.
              fail(graph.edges[c.cut.edge].dependent, Self.mask(c.probability, seed: seed, batch: b, item: UInt64(cutBase + i)) & valid)
            }
            var head = 0
            var swept = false
            while head < queue.count {
              if queue.count &- head > n / 8 {
                swept = true
                break
              }
              // Fetch ahead: the rows of later nodes, then their targets' words and masks.
              if head &+ 16 < queue.count {
                let ahead = Int(queue[head &+ 16])
                rensa_prefetch(targets + offsets[ahead])
                rensa_prefetch(stamp + ahead)
              }
              if head &+ 8 < queue.count {
                let ahead = Int(queue[head &+ 8])
                for p in offsets[ahead]..<offsets[ahead &+ 1] { rensa_prefetch(state + 2 &* Int(targets[p])) }
              }
              let v = Int(queue[head])
              head &+= 1
              let bits = state[2 &* v &+ 1]
              state[2 &* v &+ 1] = 0
              if stamp[v] != mark {
                stamp[v] = mark
                makeMasks(offsets[v], offsets[v &+ 1])
              }
              for p in offsets[v]..<offsets[v &+ 1] {
                let w = Int(targets[p])
                let new = bits & live[p] & ~state[2 &* w]
                if new != 0 { fail(w, new) }
              }
            }
            queue.removeAll(keepingCapacity: true)
            if swept {
              // A large cascade: the queue would visit nodes again and again as the
              // trials' fronts arrive at different depths. Nearly every edge will be
              // used, so make all masks first (those of rows not made yet), then sweep.
              var v = 0
              while v < n {
                while v < n && stamp[v] == mark { v &+= 1 }
                let from = v
                while v < n && stamp[v] != mark { v &+= 1 }
                makeMasks(offsets[from], offsets[v])
              }
              var more = true
              while more {
                // Bits sent to a node at or before the sender are passed on next sweep.
                var back: UInt64 = 0
                for v in 0..<n {
                  let bits = state[2 &* v &+ 1]
                  if bits == 0 { continue }
                  state[2 &* v &+ 1] = 0
                  let end = offsets[v &+ 1]
                  var p = offsets[v]
                  while p < end {
                    let w = Int(targets[p])
                    rensa_prefetch(state + 2 &* Int(targets[Swift.min(p &+ 32, m &- 1)]))
                    let f = state[2 &* w]
                    let new = bits & live[p] & ~f
                    state[2 &* w] = f | new
                    state[2 &* w &+ 1] |= new
                    // All ones when w ≤ v (the sign of v − w, shifted in), else zero.
                    back |= new & ~UInt64(bitPattern: Int64(v &- w) &>> 63)
                    p &+= 1
                  }
                }
                more = back != 0
              }
              for v in 0..<n {
                counts[v] &+= state[2 &* v].nonzeroBitCount
                state[2 &* v] = 0
              }
            } else {
              for v in touched {
                counts[Int(v)] &+= state[2 &* Int(v)].nonzeroBitCount
                state[2 &* Int(v)] = 0
              }
            }
            touched.removeAll(keepingCapacity: true)
            batch += step
          }
        }
      }
    }
    return counts
  }

  /// Runs the trials.
  ///
  /// - Throws: ``TimedDependencyGraph/InputError`` when an initial failure or cut is
  ///   invalid (unknown node or edge, bad times).
  public func run(_ options: Options) throws(TimedDependencyGraph.InputError) -> Result {
    let n = graph.nodeCount
    // Validate the failures and cuts once, as every trial may draw them all.
    try CascadeTimeline.validate(graph, failures: failures.map(\.failure), cuts: cuts.map(\.cut))
    var failures = [Int](repeating: 0, count: n)
    var hours = [[Double]](repeating: [], count: n)
    var measures: [[Double]] = []
    var done = 0
    let total = max(0, options.trials)
    // What the worker threads read of the options (the progress hook stays on this thread).
    let seed = options.seed
    let measure = options.measure
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
          let draw = model.sample(trial: first + i, seed: seed)
          // Valid by the check above: the draws are subsets of validated lists.
          if let timeline = try? CascadeTimeline(
            model.graph, failures: draw.failures, cuts: draw.cuts, transmitted: draw.transmitted,
            delays: model.sampleDelays(trial: first + i, seed: seed))
          {
            var failed: [UInt32: Double] = [:]
            for v in timeline.order { failed[v] = timeline.failedAt[Int(v)] }
            box.buffer[i] = (failed, measure?(timeline) ?? [])
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

/// Per-worker counts; each slot is written by exactly one thread.
private final class CountsBox: @unchecked Sendable {
  let buffer: UnsafeMutableBufferPointer<[Int]>
  init(_ buffer: UnsafeMutableBufferPointer<[Int]>) { self.buffer = buffer }
}

/// Per-trial result slots shared by the worker threads; each slot is written by exactly
/// one thread.
private final class ResultsBox: @unchecked Sendable {
  let buffer: UnsafeMutableBufferPointer<([UInt32: Double], [Double])>
  init(_ buffer: UnsafeMutableBufferPointer<([UInt32: Double], [Double])>) { self.buffer = buffer }
}
