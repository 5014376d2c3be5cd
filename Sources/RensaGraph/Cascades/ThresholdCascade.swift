import CRensaBits

/// The threshold cascade (Watts 2002, "A simple model of global cascades on random
/// networks"): a node fails once the weighted share of its failed suppliers reaches its
/// threshold θ. Edges go supplier → dependent; for Watts' undirected networks give every
/// edge in both directions.
///
/// A node without suppliers never fails unless it is a seed. The search is a queue: each
/// failure adds its edge weights to its dependents' failed weight, and a dependent whose
/// share reaches θ joins the queue — O(n + m) per cascade, with the number of rounds
/// (the longest chain of failures) recorded.
public struct ThresholdCascade: Sendable {
  public let graph: Digraph
  /// Per node: the share of its suppliers' weight that must fail (0…1; with 0 the first
  /// failed supplier suffices).
  public let thresholds: [Double]
  /// Per edge in row order (supplier rows of `graph`): its weight; nil: every edge 1.
  public let weights: [Double]?
  let inWeight: [Double]
  /// Unweighted: failed suppliers each node needs (Int32.max: it has none); empty when
  /// weighted.
  let needCounts: [Int32]

  /// The same threshold for every node, every edge of weight 1.
  ///
  /// - Throws: ``TimedDependencyGraph/InputError`` for a threshold outside [0, 1] or NaN.
  public init(_ graph: Digraph, threshold: Double) throws(TimedDependencyGraph.InputError) {
    try self.init(graph, thresholds: [Double](repeating: threshold, count: graph.nodeCount), weights: nil)
  }

  /// A threshold per node and, optionally, a weight per edge (in `graph`'s row order).
  ///
  /// - Throws: ``TimedDependencyGraph/InputError`` for a threshold outside [0, 1] or NaN,
  ///   lists of the wrong length, weights that are negative or not finite, or (without
  ///   weights) a node with 2³⁰ suppliers or more.
  public init(_ graph: Digraph, thresholds: [Double], weights: [Double]?) throws(TimedDependencyGraph.InputError) {
    guard thresholds.count == graph.nodeCount else { throw .init(reason: "one threshold per node is needed") }
    for (v, t) in thresholds.enumerated() where !(t >= 0 && t <= 1) {
      throw .init(reason: "node \(v): threshold \(t) is outside [0, 1]")
    }
    if let weights {
      guard weights.count == graph.edgeCount else { throw .init(reason: "one weight per edge is needed") }
      for (e, w) in weights.enumerated() where !(w >= 0 && w.isFinite) {
        throw .init(edge: e, reason: "weight \(w) is not a finite number ≥ 0")
      }
    }
    self.graph = graph
    self.thresholds = thresholds
    self.weights = weights
    var inWeight = [Double](repeating: 0, count: graph.nodeCount)
    for v in 0..<graph.nodeCount {
      for p in graph.offsets[v]..<graph.offsets[v + 1] { inWeight[Int(graph.targets[p])] += weights?[p] ?? 1 }
    }
    self.inWeight = inWeight
    guard weights == nil else {
      // Weighted cascades compare failed weight with θ · in-weight directly.
      self.needCounts = []
      return
    }
    // The counting kernel keeps one Int32 per node that goes below zero by up to the
    // node's in-degree, so in-degrees must stay below 2³⁰.
    if let v = inWeight.firstIndex(where: { $0 >= 0x4000_0000 }) {
      throw .init(reason: "node \(v) has \(Int(inWeight[v])) suppliers; the threshold cascade supports fewer than 2³⁰ per node")
    }
    self.needCounts = (0..<graph.nodeCount).map { v in
      let k = inWeight[v]
      let need = (thresholds[v] * k - 1e-12 * k).rounded(.up)
      return k == 0 ? Int32.max : Int32(max(1, need))
    }
  }

  /// The outcome of one cascade.
  public struct Outcome: Sendable, Hashable {
    /// Failed nodes, in the order they fail (seeds first).
    public var failed: [Int]
    /// Rounds: seeds are round 0, a node failing because of round-r nodes is round r + 1.
    public var rounds: Int
  }

  /// Runs the cascade from `seeds`.
  public func run(seeds: [Int]) -> Outcome {
    weights == nil ? runCounting(seeds: seeds) : runWeighted(seeds: seeds)
  }

  /// Unweighted: each node counts down the failed suppliers it still needs (one 32-bit
  /// counter per node, the only state touched per edge), and the queue fetches the
  /// offsets and rows of upcoming nodes ahead (8 and 4 entries on; the counters, 400 KB
  /// at n = 100,000, stay in the L2 cache and prefetching them cost more than it saved).
  ///
  /// The inner loop has no data-dependent branch: every edge decrements its dependent's
  /// counter (a failed node's counter only goes further below zero) and writes the
  /// dependent at the queue's tail, which advances exactly when the counter reaches 0,
  /// computed with integer arithmetic so that the compiler cannot turn it back into a
  /// branch. Whether a dependent has just failed is unpredictable in a large cascade:
  /// with the branch the kernel took 2.5 ms on the benchmark graph, without it 1.5 ms.
  func runCounting(seeds: [Int]) -> Outcome {
    let n = graph.nodeCount
    // remaining[v] > 0: failed suppliers still needed; ≤ 0: failed. A counter is
    // decremented at most in-degree (< 2³⁰, checked by init) times, so it never wraps.
    var remaining = needCounts
    var tail = 0
    var rounds = 0
    // One spare slot: the branch-free loop writes every dependent at the tail, also the
    // n-th time, when the queue is full.
    let failed = [Int](unsafeUninitializedCapacity: n + 1) { order, count in
      let order = order.baseAddress!
      for s in seeds where s >= 0 && s < n && remaining[s] > 0 {
        remaining[s] = 0
        order[tail] = s
        tail &+= 1
      }
      var head = 0
      var roundEnd = tail
      graph.offsets.withUnsafeBufferPointer { offsets in
        graph.targets.withUnsafeBufferPointer { targets in
          remaining.withUnsafeMutableBufferPointer { remaining in
            let offsets = offsets.baseAddress!
            let targets = targets.baseAddress!
            let remaining = remaining.baseAddress!
            while head < tail {
              if head == roundEnd {
                rounds &+= 1
                roundEnd = tail
              }
              // Look ahead in the queue, never past its last entry (the rest is not
              // initialised).
              let last = tail &- 1
              rensa_prefetch(offsets + order[Swift.min(head &+ 8, last)])
              rensa_prefetch(targets + offsets[order[Swift.min(head &+ 4, last)]])
              let v = order[head]
              head &+= 1
              for p in offsets[v]..<offsets[v &+ 1] {
                let w = Int(targets[p])
                let r = remaining[w] &- 1
                remaining[w] = r
                order[tail] = w
                // 1 when r == 0: the sign bit of r | −r is set for every other r.
                tail &+= 1 &- Int(UInt32(bitPattern: r | (0 &- r)) &>> 31)
              }
            }
          }
        }
      }
      if tail > roundEnd { rounds &+= 1 }
      count = tail
    }
    return Outcome(failed: failed, rounds: rounds)
  }

  func runWeighted(seeds: [Int]) -> Outcome {
    let n = graph.nodeCount
    var failedWeight = [Double](repeating: 0, count: n)
    var isFailed = [Bool](repeating: false, count: n)
    var order: [Int] = []
    order.reserveCapacity(seeds.count)
    for s in seeds where s >= 0 && s < n && !isFailed[s] {
      isFailed[s] = true
      order.append(s)
    }
    var head = 0
    var roundEnd = order.count
    var rounds = 0
    let offsets = graph.offsets
    let targets = graph.targets
    while head < order.count {
      if head == roundEnd {
        rounds += 1
        roundEnd = order.count
      }
      let v = order[head]
      head += 1
      for p in offsets[v]..<offsets[v + 1] {
        let w = Int(targets[p])
        if isFailed[w] { continue }
        failedWeight[w] += weights?[p] ?? 1
        // Reached when the failed share is at least θ (a tiny tolerance for sums of weights).
        if failedWeight[w] >= thresholds[w] * inWeight[w] - 1e-12 * inWeight[w] {
          isFailed[w] = true
          order.append(w)
        }
      }
    }
    if order.count > roundEnd { rounds += 1 }
    return Outcome(failed: order, rounds: rounds)
  }
}
