/// Restoration priority after a large disaster: with `crews` repairs under way at a time,
/// in which order should the initially failed nodes be repaired to minimise the total
/// weighted hours lost?
///
/// A repair of initial failure `i` takes its outage's duration (`end − start`) of crew
/// work and cannot begin before the failure does. A schedule is an order: each crew, when
/// free, takes the next repair of the order (list scheduling); a repaired node's initial
/// failure ends when its repair completes, and the cascade timeline (``CascadeTimeline``)
/// then gives every node's restoration. The cost of a schedule is
/// `Σ weight(v) · (min(R(v), horizon) − F(v))` over the nodes that fail before the horizon.
///
/// ``greedy()`` builds the order one rank at a time, each time choosing the repair that,
/// scheduled next (the others following in their given order), gives the lowest cost —
/// every candidate re-simulated exactly — then exchanges pairs of repairs while that
/// lowers the cost. ``exhaustive(limit:)`` tries every order (up to
/// `limit` repairs) and is the yardstick the greedy is tested against. Initial failures
/// without an end are not repaired within the scenario and are not ranked.
public struct RestorationPriority: Sendable {
  /// One rank of a schedule.
  public struct Step: Sendable, Hashable {
    /// Index into ``repairs``.
    public var repair: Int
    /// When its repair starts and ends.
    public var start: Double
    public var end: Double
    /// Cost of the schedule with this repair here, and with it moved to the end of the
    /// order (the difference is what repairing it at this rank is worth).
    public var cost: Double
    public var costIfLast: Double
    /// Nodes down for less time (or spared) than if this repair came last, and the weighted
    /// hours this saves in all (`costIfLast − cost`).
    public var nodesRestoredEarlier: [Int]
    public var weightedHoursSaved: Double
  }

  public let graph: TimedDependencyGraph
  /// The initial failures that can be repaired (they have an end).
  public let repairs: [CascadeTimeline.NodeFailure]
  /// Initial failures that stay down (no end), kept in every simulation.
  public let permanent: [CascadeTimeline.NodeFailure]
  public let cuts: [CascadeTimeline.EdgeCut]
  public let crews: Int
  public let weights: [Double]
  public let horizon: Double

  /// - Throws: ``TimedDependencyGraph/InputError`` for fewer than one crew, weights of
  ///   the wrong length or negative, a horizon that is not positive, or invalid failures.
  public init(
    _ graph: TimedDependencyGraph, failures: [CascadeTimeline.NodeFailure], cuts: [CascadeTimeline.EdgeCut] = [],
    crews: Int, weights: [Double]? = nil, horizon: Double
  ) throws(TimedDependencyGraph.InputError) {
    guard crews >= 1 else { throw .init(reason: "at least one crew is needed, not \(crews)") }
    guard horizon > 0, horizon.isFinite else { throw .init(reason: "the horizon must be a positive number of hours") }
    let weights = weights ?? [Double](repeating: 1, count: graph.nodeCount)
    guard weights.count == graph.nodeCount, weights.allSatisfy({ $0 >= 0 && $0.isFinite }) else {
      throw .init(reason: "weights: one finite number ≥ 0 per node is needed")
    }
    try CascadeTimeline.validate(graph, failures: failures, cuts: cuts)
    self.graph = graph
    self.repairs = failures.filter { $0.end != nil }
    self.permanent = failures.filter { $0.end == nil }
    self.cuts = cuts
    self.crews = crews
    self.weights = weights
    self.horizon = horizon
  }

  /// Start and end of each repair (by index into ``repairs``) when done in `order`.
  public func schedule(_ order: [Int]) -> [(start: Double, end: Double)] {
    // More crews than repairs is the same as one crew per repair: the working state is
    // O(repairs) whatever number of crews is asked for.
    let crews = Swift.max(1, Swift.min(self.crews, repairs.count))
    var free = [Double](repeating: 0, count: crews)
    var times = [(start: Double, end: Double)](repeating: (0, 0), count: repairs.count)
    for i in order {
      let r = repairs[i]
      // The crew that is free first (lowest index on ties) takes it.
      var c = 0
      for k in 1..<crews where free[k] < free[c] { c = k }
      let start = max(free[c], r.start)
      let end = start + (r.end! - r.start)
      free[c] = end
      times[i] = (start, end)
    }
    return times
  }

  /// The timeline when the repairs are done in `order`.
  public func timeline(_ order: [Int]) -> CascadeTimeline {
    let times = schedule(order)
    let failures = permanent + repairs.indices.map { i in
      CascadeTimeline.NodeFailure(node: repairs[i].node, start: repairs[i].start, end: times[i].end)
    }
    // Valid: the same nodes and starts as validated, ends after starts.
    return try! CascadeTimeline(graph, failures: failures, cuts: cuts)
  }

  /// The weighted hours lost when the repairs are done in `order`.
  public func cost(_ order: [Int]) -> Double { cost(of: timeline(order)) }

  func cost(of t: CascadeTimeline) -> Double {
    var total = 0.0
    for v in t.order {
      let v = Int(v)
      let f = t.failedAt[v]
      guard f < horizon else { continue }
      total += weights[v] * (min(t.restoredAt[v], horizon) - f)
    }
    return total
  }

  /// The greedy order, with what each rank is worth.
  public func greedy() -> [Step] {
    var chosen: [Int] = []
    var remaining = Array(repairs.indices)
    while !remaining.isEmpty {
      var best = (cost: Double.infinity, index: 0)
      for (k, c) in remaining.enumerated() {
        let rest = remaining.filter { $0 != c }
        let value = cost(chosen + [c] + rest)
        if value < best.cost { best = (value, k) }  // ties: the earlier in the given order
      }
      chosen.append(remaining.remove(at: best.index))
    }
    return explain(improved(chosen))
  }

  /// Local improvement: exchange two repairs of the order while that lowers the cost
  /// (each exchange re-simulated exactly), until no exchange helps.
  func improved(_ start: [Int]) -> [Int] {
    var order = start
    var current = cost(order)
    var changed = true
    while changed {
      changed = false
      for a in 0..<order.count {
        for b in (a + 1)..<max(a + 1, order.count) {
          order.swapAt(a, b)
          let value = cost(order)
          if value < current - 1e-9 {
            current = value
            changed = true
          } else {
            order.swapAt(a, b)
          }
        }
      }
    }
    return order
  }

  /// The best order by trying them all; nil when there are more than `limit` repairs.
  public func exhaustive(limit: Int = 8) -> (order: [Int], cost: Double)? {
    guard repairs.count <= limit else { return nil }
    var best: (order: [Int], cost: Double) = (Array(repairs.indices), cost(Array(repairs.indices)))
    var order = Array(repairs.indices)
    // Heap's algorithm over all permutations.
    var c = [Int](repeating: 0, count: order.count)
    var i = 1
    while i < order.count {
      if c[i] < i {
        if i % 2 == 0 { order.swapAt(0, i) } else { order.swapAt(c[i], i) }
        let value = cost(order)
        if value < best.cost { best = (order, value) }
        c[i] += 1
        i = 1
      } else {
        c[i] = 0
        i += 1
      }
    }
    return best
  }

  /// Steps of `order` with their worth: each repair compared with moving it to the end.
  public func explain(_ order: [Int]) -> [Step] {
    let base = timeline(order)
    let baseCost = cost(of: base)
    let times = schedule(order)
    func downtime(_ t: CascadeTimeline, _ v: Int) -> Double {
      let f = t.failedAt[v]
      return f < horizon ? min(t.restoredAt[v], horizon) - f : 0
    }
    return order.map { i in
      let later = timeline(order.filter { $0 != i } + [i])
      // Nodes down for less time (or spared) thanks to this rank.
      let earlier = (0..<graph.nodeCount).filter { downtime(base, $0) < downtime(later, $0) }
      let laterCost = cost(of: later)
      return Step(
        repair: i, start: times[i].start, end: times[i].end, cost: baseCost, costIfLast: laterCost,
        nodesRestoredEarlier: earlier, weightedHoursSaved: laterCost - baseCost)
    }
  }
}
