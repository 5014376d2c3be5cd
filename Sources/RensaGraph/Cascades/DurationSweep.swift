/// **How long until it fails**: the cascade timeline of an initiating outage as a function
/// of the outage's duration D, for every D > 0 at once.
///
/// The initiating nodes fail at `start` and are back at `start + D`. Every failure time of
/// the timeline is then a constant (a sum of delays), and every restoration time is
/// D plus a constant (returns add recovery hours to the outage's end). The timeline changes
/// only where a restoration time, rising with D, meets a constant: where a backup stops
/// bridging an outage (R(s) passes F(s) + delay), or where the loss of one alternative
/// comes to overlap another's. Between two such durations nothing changes but the
/// restoration times, which grow with D.
///
/// The sweep finds those durations one after the other: from the timeline at a duration,
/// every candidate (a constant of a group minus the offset of a restoration time of the
/// same group) is computed; the smallest above the current duration is the next change,
/// and the timeline just beyond it gives the next state. The result is exact up to
/// ``resolution``: two changes closer than that are taken as one.
///
/// ```swift
/// // 0 grid → 1 hospital with a 6-hour generator, recovery 1 h.
/// let graph = try TimedDependencyGraph(nodeCount: 2, edges: [.init(supplier: 0, dependent: 1, delay: 6, recovery: 1)])
/// let sweep = try DurationSweep(graph, initial: [0])
/// sweep.breakpoint[1]                     // 6: the hospital fails when the outage lasts longer than 6 h
/// sweep.failedAt(1, duration: 10)         // 6
/// sweep.restoredAt(1, duration: 10)       // 11
/// sweep.slack(1, duration: 4)             // 2: two more hours and it fails
/// ```
///
/// - Complexity: one timeline per change of state (at least one per node that can fail),
///   each O((n + m) · 64), plus O(Σ group size²) per state for the candidates.
public struct DurationSweep: Sendable {
  /// A node's timeline over an interval of durations: it fails at `failedAt` and is back at
  /// D + `restoredOffset`.
  public struct Piece: Sendable, Hashable {
    /// The interval starts just above this duration (it holds up to the next piece's).
    public var from: Double
    /// When the node fails; `.infinity`: it does not.
    public var failedAt: Double
    /// Its restoration time minus the outage's duration D.
    public var restoredOffset: Double
  }

  /// The initiating nodes.
  public let initial: [Int]
  /// When the initiating outage begins.
  public let start: Double
  /// Durations at which the timeline changes, ascending, from 0: the state of interval k
  /// holds for D in (`changes[k]`, `changes[k + 1]`] (the last for every longer D).
  public let changes: [Double]
  /// Per node, the shortest outage beyond which it fails: it fails for every D > this
  /// (within the sweep's monotone reading, see ``pieces``); `.infinity` when no duration
  /// brings it down, 0 when every outage does.
  public let breakpoint: [Double]
  /// Per node, its timeline piece by piece (a new piece where its failure or restoration
  /// offset changes), the first from 0.
  public let pieces: [[Piece]]
  /// Per interval of ``changes``, how many nodes fail (the initiating nodes included).
  public let failedCounts: [Int]
  /// Two changes of state closer than this many hours are taken as one.
  public let resolution: Double

  /// Sweeps every duration of the outage of `initial`.
  ///
  /// - Parameters:
  ///   - graph: the timed dependencies.
  ///   - initial: the nodes that fail at `start` (at least one, no repeats).
  ///   - start: the hour the outage begins (≥ 0).
  ///   - resolution: the smallest distance between two changes told apart (hours).
  /// - Throws: ``TimedDependencyGraph/InputError`` for an unknown or repeated node, or a
  ///   start that is negative or not finite.
  public init(_ graph: TimedDependencyGraph, initial: [Int], start: Double = 0, resolution: Double = 1e-7) throws(TimedDependencyGraph.InputError) {
    guard !initial.isEmpty else { throw .init(reason: "no initiating node") }
    guard resolution > 0, resolution.isFinite else { throw .init(reason: "resolution \(resolution) is not a positive number") }
    try CascadeTimeline.validate(graph, failures: initial.map { .init(node: $0, start: start, end: start + 1) }, cuts: [])
    self.initial = initial
    self.start = start
    self.resolution = resolution
    let n = graph.nodeCount

    func timeline(_ d: Double) -> CascadeTimeline {
      // Validated above; a positive duration keeps every end after its start.
      try! CascadeTimeline(graph, failures: initial.map { .init(node: $0, start: start, end: start + d) })
    }
    /// The durations above `above` at which the state of `t` (the timeline at duration
    /// `d`) can change.
    func candidates(_ t: CascadeTimeline, _ d: Double, above: Double) -> [Double] {
      var out: [Double] = []
      var constants: [Double] = []
      var offsets: [Double] = []
      for g in 0..<graph.groupCount {
        constants.removeAll(keepingCapacity: true)
        offsets.removeAll(keepingCapacity: true)
        for e in graph.members(ofGroup: g) {
          let edge = graph.edges[Int(e)]
          let f = t.failedAt[edge.supplier]
          guard f.isFinite else { continue }
          let delay = t.delay(ofEdge: Int(e), in: graph)
          constants.append(f + delay)
          let c = t.restoredAt[edge.supplier] - d
          guard c.isFinite else { continue }
          offsets.append(c)
          offsets.append(c + edge.recovery)
        }
        guard !offsets.isEmpty else { continue }
        let owner = graph.edges[Int(graph.members(ofGroup: g).first!)].dependent
        if t.failedAt[owner].isFinite { constants.append(t.failedAt[owner]) }
        for k in constants {
          for o in offsets where k - o > above { out.append(k - o) }
        }
      }
      return out
    }

    var changes: [Double] = [0]
    var failedCounts: [Int] = []
    var pieces = [[Piece]](repeating: [], count: n)
    var breakpoint = [Double](repeating: .infinity, count: n)
    /// Records the state of `t` (at duration `d`) as holding from `from`.
    func record(_ t: CascadeTimeline, _ d: Double, from: Double) {
      var failed = 0
      for v in 0..<n {
        let f = t.failedAt[v]
        let piece = Piece(from: from, failedAt: f, restoredOffset: f.isFinite ? t.restoredAt[v] - d : .infinity)
        if f.isFinite {
          failed += 1
          if breakpoint[v] == .infinity { breakpoint[v] = from }
        }
        if let last = pieces[v].last, last.failedAt == piece.failedAt,
          abs(last.restoredOffset - piece.restoredOffset) <= resolution || last.restoredOffset == piece.restoredOffset
        {
          continue
        }
        pieces[v].append(piece)
      }
      failedCounts.append(failed)
    }

    // The state just above a change `p`: evaluated inside (p, next change), found by
    // halving towards p until the timeline there proposes no change in between.
    func justAbove(_ p: Double, guess: Double) -> (CascadeTimeline, Double) {
      var x = guess
      while true {
        let t = timeline(x)
        let inside = candidates(t, x, above: p + resolution).filter { $0 < x }
        guard let closest = inside.min() else { return (t, x) }
        x = (p + closest) / 2
        if x - p <= resolution { return (timeline(x), x) }
      }
    }

    var current = 0.0
    var (state, at) = justAbove(0, guess: 1)
    record(state, at, from: 0)
    while true {
      // The state holds from `current` to the first of its candidates above `current`
      // (none lies between `current` and the point `at` it was evaluated at, which
      // `justAbove` made sure of; the first may be `at` itself).
      let next = candidates(state, at, above: current + resolution).min()
      guard let next else { break }
      let following = candidates(state, at, above: next + resolution).min()
      let guess = following.map { (next + $0) / 2 } ?? next + max(1, next)
      current = next
      (state, at) = justAbove(next, guess: guess)
      changes.append(next)
      record(state, at, from: next)
    }
    // Merge intervals whose states turned out equal (a candidate that changed nothing).
    var keptChanges: [Double] = []
    var keptCounts: [Int] = []
    let used = Set(pieces.flatMap { $0.map(\.from) })
    for (k, c) in changes.enumerated() where k == 0 || used.contains(c) {
      keptChanges.append(c)
      keptCounts.append(failedCounts[k])
    }
    self.changes = keptChanges
    self.failedCounts = keptCounts
    self.pieces = pieces
    self.breakpoint = breakpoint
  }

  /// The piece of node `v` that holds for an outage of `duration` hours (> 0).
  func piece(_ v: Int, _ duration: Double) -> Piece {
    // The last piece starting below the duration (intervals are open on the left).
    var lo = 0
    var hi = pieces[v].count
    while lo < hi {
      let mid = (lo + hi) / 2
      if pieces[v][mid].from < duration { lo = mid + 1 } else { hi = mid }
    }
    return pieces[v][max(0, lo - 1)]
  }

  /// When `v` fails in an outage of `duration` hours; `.infinity` when it does not.
  public func failedAt(_ v: Int, duration: Double) -> Double { piece(v, duration).failedAt }

  /// When `v` is back after an outage of `duration` hours; `.infinity` when it never failed.
  public func restoredAt(_ v: Int, duration: Double) -> Double {
    let p = piece(v, duration)
    return p.failedAt.isFinite ? duration + p.restoredOffset : .infinity
  }

  /// Hours `v` is down in an outage of `duration` hours (0 when it does not fail).
  public func lostHours(_ v: Int, duration: Double) -> Double {
    let p = piece(v, duration)
    return p.failedAt.isFinite ? duration + p.restoredOffset - p.failedAt : 0
  }

  /// How much longer than `duration` the outage could last before `v` fails: 0 when it
  /// already fails, `.infinity` when no duration brings it down.
  public func slack(_ v: Int, duration: Double) -> Double {
    failedAt(v, duration: duration).isFinite ? 0 : breakpoint[v] - duration
  }
}
