import RensaGraph

/// The cascade timeline of one scenario of a dataset, with the measures the plan's
/// dynamic analysis asks for: per-sector down intervals, service-hours lost, the hourly
/// count of failed nodes per sector, and which CI services cross their verification
/// level and when (Docs/Cascade.md).
///
/// Every event of the scenario is taken as happening (events with a probability below 1
/// are listed in ``uncertainEvents``; the Monte Carlo analysis draws them). Measures
/// are cut at ``horizon`` hours; outages still open then are marked as such.
public struct ScenarioAnalysis: Sendable {
  /// A down interval `[start, end)`; `end == nil`: not restored within the scenario.
  public struct Interval: Sendable, Hashable {
    public var start: Double
    public var end: Double?
    public init(start: Double, end: Double?) {
      self.start = start
      self.end = end
    }
  }

  /// One sector's outcome.
  public struct SectorOutcome: Sendable, Hashable {
    public var sector: String
    /// When any of its nodes (the sector itself or its assets) is down, merged.
    public var intervals: [Interval]
    /// Nodes of the sector that fail.
    public var failedNodes: Int
    /// Sum over its failed nodes of hours down within the horizon.
    public var nodeHours: Double
    /// Sum over its failed assets with a user count of users × hours down; nil when no
    /// failed asset has one.
    public var userHours: Double?
  }

  /// Whether and when a CI service crosses its verification level.
  public struct ServiceOutcome: Sendable, Hashable {
    public var service: String
    public var sector: String
    /// Hour the level is crossed (the outage has lasted its minimum duration); nil if not.
    public var crossedAt: Double?
    /// Whether the model holds what the level measures.
    public var assessable: Bool
    /// How the answer was reached, or why it cannot be, in English (``judgement`` holds
    /// the same as values, for other languages).
    public var note: String
    /// How the answer was reached, as values.
    public var judgement: Judgement
  }

  /// How a service's verification level was judged in a scenario.
  public enum Judgement: Sendable, Hashable {
    /// None of its sector, systems and assets fails.
    case notAffected
    /// Something fails, but no outage lasts the level's minimum duration.
    case shorterThanMinimum
    /// Any outage counts (the level's unit is "event"); down this many hours (`ongoing`:
    /// still down at the horizon, so at least this).
    case anyOutage(hours: Double, ongoing: Bool)
    /// The whole sector is down this long, taken to exceed the level's threshold (an
    /// assumption).
    case sectorDown(hours: Double, ongoing: Bool, threshold: Double, unit: String)
    /// Users affected for this long, at or above the threshold.
    case usersAffected(users: Double, hours: Double, ongoing: Bool)
    /// Users affected, fewer than the threshold.
    case usersBelow(users: Double, threshold: Double)
    /// The level counts users, and the failed assets have no user counts.
    case noUserCounts
    /// The level counts an amount the model does not hold.
    case noAmounts(unit: String)
  }

  public let scenario: Scenario
  public let cascade: CascadeAnalysis
  public let horizon: Double
  /// Sector of each node of the network (the node's own id for a sector).
  public let sectorOfNode: [String]
  public let sectors: [SectorOutcome]
  public let services: [ServiceOutcome]
  /// Events with a probability below 1 (taken as happening here).
  public let uncertainEvents: [ScenarioEvent]
  /// The node and the dependency events, in the order of `cascade`'s failures and cuts.
  let nodeEvents: [ScenarioEvent]
  let cutEvents: [ScenarioEvent]

  /// The scenario's initial failures and cuts as the kernels take them, each with its
  /// event's probability.
  var uncertainInputs: (failures: [CascadeMonteCarlo.UncertainFailure], cuts: [CascadeMonteCarlo.UncertainCut]) {
    (
      zip(cascade.nodeFailures, nodeEvents).map { .init($0, probability: $1.probability) },
      zip(cascade.edgeCuts, cascade.edgeCutSources).map { .init($0, probability: cutEvents[$1].probability) }
    )
  }

  /// Runs scenario `scenarioID` of `dataset`.
  ///
  /// - Parameters:
  ///   - dataset: the dataset (its dependencies, assets, services and scenarios).
  ///   - scenarioID: the scenario to run.
  ///   - horizon: hours the measures cover (default: one week, 168 h, or longer to
  ///     include every restoration and initial failure's end).
  /// - Throws: ``DataError`` for an unknown scenario (with a did-you-mean) or an event
  ///   the network cannot take.
  public init(dataset: Dataset, scenario scenarioID: String, horizon: Double? = nil) throws(DataError) {
    guard let scenario = dataset.scenarios.first(where: { $0.id == scenarioID }) else {
      throw DataError([
        DataIssue(
          file: "dataset \(dataset.name)", field: "scenario", reason: "no scenario '\(scenarioID)'",
          hint: didYouMean(scenarioID, among: dataset.scenarios.map(\.id)).map { "did you mean '\($0)'?" }
            ?? (dataset.scenarios.isEmpty
              ? "the dataset has no scenarios" : "scenarios: \(dataset.scenarios.map(\.id).joined(separator: ", "))"))
      ])
    }
    self.scenario = scenario
    var extra = Set<String>()
    var failures: [InitialFailure] = []
    var cuts: [InitialCut] = []
    var nodeEvents: [ScenarioEvent] = []
    var cutEvents: [ScenarioEvent] = []
    for event in scenario.events {
      switch event.target {
      case .node(let id):
        extra.insert(id)
        failures.append(InitialFailure(id: id, start: event.startHours, duration: event.durationHours))
        nodeEvents.append(event)
      case .dependency(let s, let d):
        cuts.append(InitialCut(supplier: s, dependent: d, start: event.startHours, duration: event.durationHours))
        cutEvents.append(event)
      }
    }
    self.nodeEvents = nodeEvents
    self.cutEvents = cutEvents
    uncertainEvents = scenario.events.filter { $0.probability < 1 }
    let network = dataset.dependencyNetwork(including: extra)
    let cascade = try CascadeAnalysis(network, failures: failures, cuts: cuts, source: "scenario \(scenario.id)")
    self.cascade = cascade

    // Horizon: a week, or longer to cover every finite time of the scenario.
    let finite = cascade.timeline.restoredAt.filter(\.isFinite) + failures.compactMap { f in f.duration.map { f.start + $0 } }
    let h = horizon ?? max(168, (finite.max() ?? 0).rounded(.up))
    self.horizon = h

    let assetSector = Dictionary(dataset.assets.map { ($0.id, $0.sector) }, uniquingKeysWith: { a, _ in a })
    let users = Dictionary(dataset.assets.compactMap { a in a.users.map { (a.id, Double($0)) } }, uniquingKeysWith: { a, _ in a })
    let sectorOfNode = network.nodeIDs.map { assetSector[$0] ?? $0 }
    self.sectorOfNode = sectorOfNode
    let timeline = cascade.timeline

    func interval(_ v: Int) -> Interval? {
      let f = timeline.failedAt[v]
      guard f.isFinite, f < h else { return nil }
      let r = timeline.restoredAt[v]
      return Interval(start: f, end: r.isFinite && r <= h ? r : nil)
    }
    func merged(_ list: [Interval]) -> [Interval] {
      var out: [Interval] = []
      for i in list.sorted(by: { $0.start < $1.start }) {
        if let last = out.last, last.end.map({ i.start <= $0 }) ?? true {
          let end: Double? = (last.end == nil || i.end == nil) ? nil : max(last.end!, i.end!)
          out[out.count - 1] = Interval(start: last.start, end: end)
        } else {
          out.append(i)
        }
      }
      return out
    }

    var bySector: [String: [Int]] = [:]
    for v in network.nodeIDs.indices { bySector[sectorOfNode[v], default: []].append(v) }
    self.sectors = dataset.sectors.compactMap { sector -> SectorOutcome? in
      let nodes = bySector[sector.id] ?? []
      let down = nodes.compactMap { v in interval(v).map { (v, $0) } }
      guard !down.isEmpty else { return nil }
      var nodeHours = 0.0
      var userHours: Double? = nil
      for (v, i) in down {
        let span = (i.end ?? h) - i.start
        nodeHours += span
        if let u = users[network.nodeIDs[v]] { userHours = (userHours ?? 0) + u * span }
      }
      return SectorOutcome(
        sector: sector.id, intervals: merged(down.map(\.1)), failedNodes: down.count, nodeHours: nodeHours, userHours: userHours)
    }

    // Verification levels.
    var services: [ServiceOutcome] = []
    for service in dataset.services {
      let level = service.verificationLevel
      let sectorNode = network.index(of: service.sector)
      let assetNodes = service.assets.compactMap { network.index(of: $0) }
      let sectorIntervals = sectorNode.flatMap(interval).map { [$0] } ?? []
      let assetIntervals = assetNodes.compactMap { v in interval(v).map { (v, $0) } }
      let all = merged(sectorIntervals + assetIntervals.map(\.1))
      let minimum = level.minimumDurationHours ?? 0
      var crossed: Double? = nil
      var assessable = true
      var note = ""
      var judgement = Judgement.shorterThanMinimum
      for i in all {
        let length = (i.end ?? h) - i.start
        guard length >= minimum, i.start + minimum <= h else { continue }
        let sectorDown = sectorIntervals.contains { s in s.start < (i.end ?? .infinity) && (s.end ?? .infinity) > i.start }
        if level.unit == "event" {
          crossed = i.start + minimum
          note = "any outage counts; down \(hours(length))\(i.end == nil ? " or more" : "")"
          judgement = .anyOutage(hours: length, ongoing: i.end == nil)
        } else if sectorDown {
          crossed = i.start + minimum
          note = "the sector as a whole is down for \(hours(length))\(i.end == nil ? " or more" : ""), taken to exceed \(hoursNumber(level.threshold)) \(level.unit) (assumption)"
          judgement = .sectorDown(hours: length, ongoing: i.end == nil, threshold: level.threshold, unit: level.unit)
        } else if level.unit == "users" {
          let affected = assetIntervals.filter { $0.1.start < (i.end ?? .infinity) && ($0.1.end ?? .infinity) > i.start }
          let known = affected.compactMap { users[network.nodeIDs[$0.0]] }
          if known.isEmpty {
            assessable = false
            note = "its assets have no user counts"
            judgement = .noUserCounts
            continue
          }
          let total = known.reduce(0, +)
          if total >= level.threshold {
            crossed = i.start + minimum
            note = "\(NumberFormat.number(total)) users affected for \(hours(length))"
            judgement = .usersAffected(users: total, hours: length, ongoing: i.end == nil)
          } else {
            note = "\(NumberFormat.number(total)) users affected, below \(hoursNumber(level.threshold))"
            judgement = .usersBelow(users: total, threshold: level.threshold)
          }
        } else {
          assessable = false
          note = "the model has no amounts in \(level.unit)"
          judgement = .noAmounts(unit: level.unit)
          continue
        }
        if crossed != nil { assessable = true; break }
      }
      if all.isEmpty {
        note = "not affected"
        judgement = .notAffected
      }
      services.append(ServiceOutcome(service: service.id, sector: service.sector, crossedAt: crossed, assessable: assessable, note: note, judgement: judgement))
    }
    self.services = services
  }

  /// Failed nodes per sector at each whole hour `0 ..< horizon` (a node counts at hour t
  /// when it is down at t).
  public func hourlyFailedCounts() -> [String: [Int]] {
    let steps = Int(horizon.rounded(.up))
    var counts: [String: [Int]] = [:]
    let timeline = cascade.timeline
    for v in cascade.network.nodeIDs.indices where timeline.failedAt[v].isFinite {
      var row = counts[sectorOfNode[v]] ?? [Int](repeating: 0, count: steps)
      let from = Int(timeline.failedAt[v].rounded(.up))
      let to = min(steps, Int(timeline.restoredAt[v].isFinite ? timeline.restoredAt[v].rounded(.up) : Double(steps)))
      if from < to { for t in from..<to { row[t] += 1 } }
      counts[sectorOfNode[v]] = row
    }
    return counts
  }
}

extension Dataset {
  /// ``dependencyNetwork`` plus the sectors and assets named in `extra` (e.g. a
  /// scenario's failed nodes) even when they take part in no dependency.
  public func dependencyNetwork(including extra: Set<String>) -> DependencyNetwork {
    let base = dependencyNetwork
    let missing = (sectors.map(\.id) + assets.map(\.id)).filter { extra.contains($0) && base.index(of: $0) == nil }
    guard !missing.isEmpty else { return base }
    return DependencyNetwork(
      nodeIDs: base.nodeIDs + missing, dependencies: base.dependencies, source: base.source, notes: base.notes)
  }
}

/// Restoration priority for a dataset scenario: with `crews` repairs at a time, the
/// order in which to repair the scenario's failed nodes (each taking its outage's
/// duration of work) to minimise the hours lost, weighted by users where assets have
/// them (1 per node otherwise). Every event is taken as happening.
public struct ScenarioRestorationPriority: Sendable {
  /// One rank.
  public struct Rank: Sendable, Hashable {
    public var id: String
    public var repairStart: Double
    public var repairEnd: Double
    /// Weighted hours saved by repairing it at this rank rather than last.
    public var hoursSaved: Double
    /// Nodes down for less time (or spared) thanks to it, and why, in one sentence.
    public var nodesRestoredEarlier: [String]
    /// Why, in English: built from the fields above, and from ``failedDependents`` when
    /// the rank saves nothing.
    public var explanation: String
    /// When the rank saves nothing: how many failed nodes depend on it, directly or not
    /// (nil when it saves something).
    public var failedDependents: Int?
  }

  public let crews: Int
  public let ranks: [Rank]
  /// Weighted hours lost with the greedy order, and with the best order when there are
  /// few enough repairs to try them all (8 or fewer).
  public let greedyCost: Double
  public let optimalCost: Double?
  /// What the weights are ("users" or "node-hours").
  public let weightUnit: String

  /// `exhaustiveLimit`: the best order is searched exhaustively (``optimalCost``) when
  /// there are at most this many repairs (0: never; each candidate order re-simulates
  /// the cascade, so large models may skip it).
  ///
  /// - Throws: ``DataError`` for an unknown scenario, a scenario without repairable
  ///   failures, or fewer than one crew.
  public init(dataset: Dataset, scenario: String, crews: Int, horizon: Double? = nil, exhaustiveLimit: Int = 8) throws(DataError) {
    let analysis = try ScenarioAnalysis(dataset: dataset, scenario: scenario, horizon: horizon)
    try self.init(analysis: analysis, dataset: dataset, crews: crews, horizon: horizon, exhaustiveLimit: exhaustiveLimit)
  }

  /// The restoration priority from a scenario analysis already made (of `dataset`), so
  /// that callers running several analyses of one scenario build it once.
  ///
  /// - Throws: as ``init(dataset:scenario:crews:horizon:exhaustiveLimit:)``.
  public init(analysis: ScenarioAnalysis, dataset: Dataset, crews: Int, horizon: Double? = nil, exhaustiveLimit: Int = 8)
    throws(DataError)
  {
    let network = analysis.cascade.network
    let users = Dictionary(dataset.assets.compactMap { a in a.users.map { (a.id, Double($0)) } }, uniquingKeysWith: { a, _ in a })
    let useUsers = network.nodeIDs.contains { users[$0] != nil }
    weightUnit = useUsers ? "user-hours" : "node-hours"
    let weights = network.nodeIDs.map { useUsers ? users[$0] ?? 0 : 1 }
    let failures = analysis.cascade.nodeFailures
    let cuts = analysis.cascade.edgeCuts
    // Unless given, the horizon covers any order: the scenario's, plus all the repair work.
    let work = failures.compactMap { f in f.end.map { $0 - f.start } }.reduce(0, +)
    let planHorizon = horizon ?? (analysis.horizon + work)
    let plan: RestorationPriority
    do {
      plan = try RestorationPriority(
        analysis.cascade.graph, failures: failures, cuts: cuts, crews: crews, weights: weights, horizon: planHorizon)
    } catch {
      throw DataError([DataIssue(file: "scenario \(analysis.scenario.id)", reason: error.description)])
    }
    guard !plan.repairs.isEmpty else {
      throw DataError([
        DataIssue(
          file: "scenario \(analysis.scenario.id)", reason: "no initial failure has a duration, so there is nothing to schedule",
          hint: "give the events a durationHours")
      ])
    }
    let steps = plan.greedy()
    self.crews = crews
    let unit = weightUnit
    // The nodes that fail in the scenario, and the digraph, to say truly what depends on a repair.
    let failedInScenario = Set(analysis.cascade.timeline.order.map(Int.init))
    let digraph = network.digraph
    ranks = steps.enumerated().map { k, step in
      let node = plan.repairs[step.repair].node
      let id = network.nodeIDs[node]
      let others = step.nodesRestoredEarlier.map { network.nodeIDs[$0] }.filter { $0 != id }
      let saved = hoursNumber(step.weightedHoursSaved)
      let explanation: String
      var failedDependents: Int? = nil
      if !others.isEmpty {
        explanation =
          "repairing \(id) at this rank brings back \(others.count) other node\(others.count == 1 ? "" : "s") (\(others.prefix(6).joined(separator: ", "))\(others.count > 6 ? ", …" : "")) earlier than repairing it last, saving \(saved) \(unit)"
      } else if step.weightedHoursSaved > 0 {
        explanation = "repairing \(id) at this rank saves \(saved) \(unit) (its own outage)"
      } else {
        // Saved hours are measured against repairing the node last: the last rank saves
        // nothing by definition, whatever depends on it; say what does.
        let waiting = Reachability.downstream(of: node, in: digraph).filter { failedInScenario.contains($0) }.count
        failedDependents = waiting
        let dependents =
          waiting == 0
          ? "no other failed node depends on it"
          : "\(waiting) failed node\(waiting == 1 ? "" : "s") depend\(waiting == 1 ? "s" : "") on it, directly or not"
        explanation =
          steps.count == 1
          ? "the only repair, so there is no other order to save against; \(dependents)"
          : k == steps.count - 1
          ? "repaired last: savings are measured against repairing a node last, so none here; \(dependents)"
          : "repairing \(id) here saves nothing over repairing it last; \(dependents)"
      }
      return Rank(
        id: id, repairStart: step.start, repairEnd: step.end, hoursSaved: step.weightedHoursSaved,
        nodesRestoredEarlier: step.nodesRestoredEarlier.map { network.nodeIDs[$0] }, explanation: explanation,
        failedDependents: failedDependents)
    }
    greedyCost = steps.first?.cost ?? 0
    optimalCost = exhaustiveLimit > 0 ? plan.exhaustive(limit: exhaustiveLimit)?.cost : nil
  }
}
