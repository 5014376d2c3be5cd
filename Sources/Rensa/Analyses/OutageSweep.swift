import RensaGraph

/// **How long until it fails**: an initiating outage (of a sector, a node, or the assets of
/// a common cause) swept over every duration at once (RensaGraph's `DurationSweep`): each
/// node's breakpoint (the outage length beyond which it fails), its failure onset and hours
/// lost as functions of the length, its slack, and the dependency curve (nodes failed and
/// user-hours lost against the outage length).
///
/// ```swift
/// let sweep = try OutageSweep(dataset: BuiltinDatasets.nisc2009(), initiating: ["electric-power"])
/// sweep.breakpoint(of: "medical")          // the hours of backup the sector's chain gives
/// sweep.failedCount(duration: 24)          // nodes down after a one-day outage
/// sweep.slack(of: "water", duration: 6)    // how much longer a 6-hour outage could last
/// ```
///
/// Times and durations are hours. Docs/Cascade.md, "Duration sweeps", states the method.
public struct OutageSweep: Sendable {
  /// The network swept.
  public let network: DependencyNetwork
  /// The nodes that fail at ``start`` for the swept duration.
  public let initiating: [String]
  /// The hour the outage begins.
  public let start: Double
  /// The kernel's result, by node index of ``network``.
  public let sweep: DurationSweep
  /// Users per node (assets with a user count), for the user-hours of the curve.
  let users: [Double?]

  /// Outage lengths the dependency curve is read at by default: an hour to a week.
  public static let standardDurations: [Double] = [1, 3, 6, 12, 24, 48, 72, 168]

  /// Sweeps the outage of `initiating` over every duration.
  ///
  /// - Parameters:
  ///   - network: the dependencies with their delays (backup hours), recoveries and groups.
  ///   - initiating: the nodes that fail together.
  ///   - start: the hour they fail (≥ 0).
  ///   - users: users per node id, for user-hours (nodes without are not counted).
  ///   - source: names the initiating nodes in messages.
  /// - Throws: ``DataError`` naming every unknown or repeated node (with a did-you-mean),
  ///   a bad start or an empty set; nothing is computed then.
  public init(
    _ network: DependencyNetwork, initiating: [String], start: Double = 0, users: [String: Double] = [:],
    source: String = "initiating outage"
  ) throws(DataError) {
    var issues: [DataIssue] = []
    var nodes: [Int] = []
    var seen = Set<String>()
    if initiating.isEmpty { issues.append(DataIssue(file: source, reason: "no initiating node")) }
    for id in initiating {
      guard let v = network.index(of: id) else {
        issues.append(DataIssue(
          file: source, field: id, reason: "unknown node '\(id)'",
          hint: didYouMean(id, among: network.nodeIDs).map { "did you mean '\($0)'?" }))
        continue
      }
      if !seen.insert(id).inserted {
        issues.append(DataIssue(file: source, field: id, reason: "'\(id)' is given twice"))
        continue
      }
      nodes.append(v)
    }
    if !(start.isFinite && start >= 0) { issues.append(DataIssue(file: source, reason: "start \(start) is not a number of hours ≥ 0")) }
    guard issues.isEmpty else { throw DataError(issues) }
    do {
      self.sweep = try DurationSweep(try network.timedGraph(), initial: nodes, start: start)
    } catch {
      throw DataError([DataIssue(file: network.source, reason: error.description)])
    }
    self.network = network
    self.initiating = initiating
    self.start = start
    self.users = network.nodeIDs.map { users[$0] }
  }

  /// Sweeps the outage of `initiating` (sectors, systems or assets of the dataset), with the
  /// assets' user counts for the user-hours.
  ///
  /// - Throws: ``DataError`` as ``init(_:initiating:start:users:source:)``.
  public init(dataset: Dataset, initiating: [String], start: Double = 0) throws(DataError) {
    let users = Dictionary(dataset.assets.compactMap { a in a.users.map { (a.id, Double($0)) } }, uniquingKeysWith: { a, _ in a })
    try self.init(dataset.dependencyNetwork, initiating: initiating, start: start, users: users, source: dataset.name)
  }

  /// The outage length beyond which `id` fails: 0 when any outage brings it down, `nil`
  /// when none does (or `id` is not a node).
  public func breakpoint(of id: String) -> Double? {
    guard let v = network.index(of: id) else { return nil }
    let b = sweep.breakpoint[v]
    return b.isFinite ? b : nil
  }

  /// How much longer than `duration` the outage could last before `id` fails: 0 when it
  /// already fails, `nil` when no length brings it down (or `id` is not a node).
  public func slack(of id: String, duration: Double) -> Double? {
    guard let v = network.index(of: id) else { return nil }
    let s = sweep.slack(v, duration: duration)
    return s.isFinite ? s : nil
  }

  /// How many nodes are down at some point in an outage of `duration` hours (the
  /// initiating nodes included).
  public func failedCount(duration: Double) -> Int {
    (0..<network.nodeIDs.count).reduce(0) { $0 + (sweep.failedAt($1, duration: duration).isFinite ? 1 : 0) }
  }

  /// Users × hours down in an outage of `duration` hours, over the nodes with a user count;
  /// `nil` when none of the failed nodes has one.
  public func userHours(duration: Double) -> Double? {
    var total: Double? = nil
    for v in network.nodeIDs.indices {
      guard let u = users[v] else { continue }
      let lost = sweep.lostHours(v, duration: duration)
      if sweep.failedAt(v, duration: duration).isFinite { total = (total ?? 0) + u * lost }
    }
    return total
  }

  /// Every node that some outage length brings down, by breakpoint (then node order), the
  /// initiating nodes left out: (id, breakpoint, failure onset for the longest outages).
  public var breakpoints: [(id: String, breakpoint: Double, onset: Double)] {
    let initial = Set(sweep.initial)
    return network.nodeIDs.indices.filter { sweep.breakpoint[$0].isFinite && !initial.contains($0) }
      .sorted { (sweep.breakpoint[$0], $0) < (sweep.breakpoint[$1], $1) }
      .map { (network.nodeIDs[$0], sweep.breakpoint[$0], sweep.pieces[$0].last!.failedAt) }
  }
}
