import Foundation
import RensaGraph

/// An initial failure of a named node: it fails at `start` (hours) for `duration` hours
/// (`nil`: not restored within the scenario).
public struct InitialFailure: Sendable, Hashable {
  public var id: String
  public var start: Double
  public var duration: Double?

  public init(id: String, start: Double = 0, duration: Double? = nil) {
    self.id = id
    self.start = start
    self.duration = duration
  }

  /// Parses the command-line form `ID`, `ID@START` or `ID@START+DURATION` (hours, each
  /// within ``Limits/maximumHours``), e.g. `grid@0+72`. The last `@` separates the id,
  /// so ids may contain `@`.
  public static func parse(_ text: String) -> InitialFailure? {
    let trimmed = text.trimmingCharacters(in: .whitespaces)
    guard let at = trimmed.lastIndex(of: "@") else { return trimmed.isEmpty ? nil : InitialFailure(id: trimmed) }
    let id = String(trimmed[..<at])
    let times = trimmed[trimmed.index(after: at)...]
    let parts = times.split(separator: "+", maxSplits: 1, omittingEmptySubsequences: false)
    guard !id.isEmpty, let start = Double(parts[0]), Limits.isValidHours(start) else { return nil }
    var duration: Double? = nil
    if parts.count == 2 {
      guard let d = Double(parts[1]), Limits.isValidHours(d), d > 0, start + d > start else { return nil }
      duration = d
    }
    return InitialFailure(id: id, start: start, duration: duration)
  }
}

/// An initial failure of one dependency (a damaged pipe or line), by its endpoints.
public struct InitialCut: Sendable, Hashable {
  public var supplier: String
  public var dependent: String
  public var start: Double
  public var duration: Double?

  public init(supplier: String, dependent: String, start: Double = 0, duration: Double? = nil) {
    self.supplier = supplier
    self.dependent = dependent
    self.start = start
    self.duration = duration
  }
}

/// The deterministic cascade timeline over a named dependency network: when each node
/// fails and is restored after the initial failures, and the chain of causes behind each
/// failure (semantics: `CascadeTimeline` in RensaGraph, Docs/Cascade.md).
public struct CascadeAnalysis: Sendable {
  public let network: DependencyNetwork
  public let graph: TimedDependencyGraph
  public let timeline: CascadeTimeline
  public let failures: [InitialFailure]
  /// The initial failures as the kernels take them, one per element of `failures`.
  public let nodeFailures: [CascadeTimeline.NodeFailure]
  /// The cuts as the kernels take them (a cut of a pair with several dependencies cuts
  /// each), and for each the index of the `cuts` argument it comes from.
  public let edgeCuts: [CascadeTimeline.EdgeCut]
  public let edgeCutSources: [Int]

  /// Runs the timeline.
  ///
  /// - Parameters:
  ///   - network: the dependencies, with their delays, recoveries and groups.
  ///   - failures: the initial failures of nodes.
  ///   - cuts: the initial failures of single dependencies.
  ///   - source: names the failures in messages (`--fail`, a scenario).
  /// - Throws: ``DataError`` naming every unknown node (with a did-you-mean), bad time
  ///   and unknown cut dependency; nothing is computed then.
  public init(
    _ network: DependencyNetwork, failures: [InitialFailure], cuts: [InitialCut] = [], source: String = "initial failures"
  ) throws(DataError) {
    var issues: [DataIssue] = []
    var nodeFailures: [CascadeTimeline.NodeFailure] = []
    var seen = Set<String>()
    for f in failures {
      guard let v = network.index(of: f.id) else {
        issues.append(
          DataIssue(
            file: source, field: f.id, reason: "unknown node '\(f.id)'",
            hint: didYouMean(f.id, among: network.nodeIDs).map { "did you mean '\($0)'?" }))
        continue
      }
      if !seen.insert(f.id).inserted {
        issues.append(DataIssue(file: source, field: f.id, reason: "'\(f.id)' has two initial failures"))
        continue
      }
      if !(f.start.isFinite && f.start >= 0) {
        issues.append(DataIssue(file: source, field: f.id, reason: "start \(f.start) is not a number of hours ≥ 0"))
        continue
      }
      if let d = f.duration, !(d.isFinite && d > 0) {
        issues.append(DataIssue(file: source, field: f.id, reason: "duration \(d) is not a number of hours > 0"))
        continue
      }
      nodeFailures.append(.init(node: v, start: f.start, end: f.duration.map { f.start + $0 }))
    }
    // The dependencies by (supplier, dependent), only when there are cuts to find.
    var edgeByPair: [String: [Int]] = [:]
    if !cuts.isEmpty {
      for (i, d) in network.dependencies.enumerated() {
        edgeByPair["\(network.nodeIDs[d.supplier])\u{0}\(network.nodeIDs[d.dependent])", default: []].append(i)
      }
    }
    var edgeCuts: [CascadeTimeline.EdgeCut] = []
    var edgeCutSources: [Int] = []
    for (k, c) in cuts.enumerated() {
      guard let edges = edgeByPair["\(c.supplier)\u{0}\(c.dependent)"] else {
        issues.append(DataIssue(file: source, field: "\(c.supplier) → \(c.dependent)", reason: "no such dependency to cut"))
        continue
      }
      if !(c.start.isFinite && c.start >= 0) || !(c.duration.map { $0.isFinite && $0 > 0 } ?? true) {
        issues.append(DataIssue(file: source, field: "\(c.supplier) → \(c.dependent)", reason: "start must be ≥ 0 and duration > 0"))
        continue
      }
      // Every dependency between the two (whatever its group) is cut.
      for e in edges {
        edgeCuts.append(.init(edge: e, start: c.start, end: c.duration.map { c.start + $0 }))
        edgeCutSources.append(k)
      }
    }
    guard issues.isEmpty else { throw DataError(issues) }
    do {
      graph = try network.timedGraph()
      timeline = try CascadeTimeline(graph, failures: nodeFailures, cuts: edgeCuts)
    } catch {
      throw DataError([DataIssue(file: network.source, reason: error.description)])
    }
    self.network = network
    self.failures = failures
    self.nodeFailures = nodeFailures
    self.edgeCuts = edgeCuts
    self.edgeCutSources = edgeCutSources
  }

  /// What happened to one node, by id: when it failed, when it came back, and why.
  /// Times are hours from the start of the scenario; `nil` means "never".
  public struct NodeEvent: Sendable, Hashable {
    /// The node's id.
    public var id: String
    /// Hour the node fails.
    public var failedAt: Double
    /// Hour the node is restored; `nil` when it is not restored within the scenario.
    public var restoredAt: Double?
    /// Whether it is one of the initial failures.
    public var isInitial: Bool
    /// The suppliers along its chain of causes, nearest first, ending at an initial
    /// failure (empty for an initial failure).
    public var causes: [String]
    /// One sentence on why it fails and when it is restored.
    public var explanation: String
  }

  /// Every node that fails, in the order of failure (ties as the timeline orders them),
  /// by id: the value-level view of ``timeline`` (whose arrays are indexed by node, with
  /// `.infinity` for "never").
  ///
  /// ```swift
  /// let cascade = try CascadeAnalysis(network, failures: [InitialFailure(id: "grid", start: 0, duration: 72)])
  /// for event in cascade.events {
  ///   print(event.id, event.failedAt, event.restoredAt ?? .nan, event.causes)
  /// }
  /// cascade.event("hospital")?.explanation   // "hospital fails at 4 h: …"
  /// ```
  ///
  /// - Complexity: O(f · c) for f failed nodes with chains of length c.
  public var events: [NodeEvent] { timeline.order.map { event(at: Int($0)) } }

  /// What happened to node `id`; `nil` when it is not in the network or does not fail.
  public func event(_ id: String) -> NodeEvent? {
    guard let v = network.index(of: id), timeline.failedAt[v].isFinite else { return nil }
    return event(at: v)
  }

  private func event(at v: Int) -> NodeEvent {
    let restored = timeline.restoredAt[v]
    return NodeEvent(
      id: network.nodeIDs[v], failedAt: timeline.failedAt[v], restoredAt: restored.isFinite ? restored : nil,
      isInitial: timeline.isInitial[v], causes: causeChain(of: v), explanation: explanation(of: v))
  }

  /// Hour `id` fails, if it does.
  public func failedAt(_ id: String) -> Double? {
    network.index(of: id).flatMap { timeline.failedAt[$0].isFinite ? timeline.failedAt[$0] : nil }
  }

  /// Hour `id` is restored, if it fails and is restored.
  public func restoredAt(_ id: String) -> Double? {
    network.index(of: id).flatMap { timeline.restoredAt[$0].isFinite && timeline.failedAt[$0].isFinite ? timeline.restoredAt[$0] : nil }
  }

  /// The suppliers along the chain of causes of node `id`, nearest first, ending at an
  /// initial failure (empty for an initial failure or a node that does not fail; `nil`
  /// for an id not in the network).
  public func causeChain(of id: String) -> [String]? { network.index(of: id).map { causeChain(of: $0) } }

  /// One sentence on why node `id` fails and when it is restored; `nil` for an id not in
  /// the network.
  public func explanation(of id: String) -> String? { network.index(of: id).map { explanation(of: $0) } }

  /// The suppliers along the chain of causes of the node at index `v` (of
  /// `network.nodeIDs`), nearest first, ending at an initial failure (empty for an
  /// initial failure or a node that does not fail).
  public func causeChain(of v: Int) -> [String] {
    timeline.causeChain(of: v, in: graph).map { network.nodeIDs[graph.edges[$0].supplier] }
  }

  /// One sentence on why the node at index `v` fails and when it is restored.
  public func explanation(of v: Int) -> String {
    let id = network.nodeIDs[v]
    let f = timeline.failedAt[v]
    guard f.isFinite else { return "\(id) does not fail." }
    let restored = timeline.restoredAt[v]
    let after = restored.isFinite ? "; restored at \(hours(restored))" : "; not restored within the scenario"
    if timeline.isInitial[v] { return "\(id) fails at \(hours(f)) (initial failure)\(after)." }
    let e = Int(timeline.cause[v])
    let g = graph.group(ofEdge: e)
    let members = graph.members(ofGroup: g)
    if members.count == 1 {
      let edge = graph.edges[e]
      let s = network.nodeIDs[edge.supplier]
      let how =
        timeline.outage(ofEdge: e, in: graph).map { $0.lost < timeline.failedAt[edge.supplier] + edge.delay }
          ?? false
        ? "the dependency on \(s) was cut at \(hours(f))"
        : "\(s) failed at \(hours(timeline.failedAt[edge.supplier]))"
          + (edge.delay > 0 ? " and \(id) held out \(hours(edge.delay)) on backup" : "")
      return "\(id) fails at \(hours(f)): \(how)\(after)."
    }
    var lost: [String] = []
    for m in members {
      let m = Int(m)
      if let o = timeline.outage(ofEdge: m, in: graph), o.lost <= f {
        lost.append("\(network.nodeIDs[graph.edges[m].supplier]) (lost at \(hours(o.lost)))")
      }
    }
    let need = graph.need(ofGroup: g)
    let label = network.dependencies[e].group.map { "'\($0)'" } ?? ""
    let rule = need == 1 ? "all its alternatives" : "too many of its alternatives (it needs \(need) of \(members.count))"
    return "\(id) fails at \(hours(f)): \(rule) in group \(label) were lost: \(lost.joined(separator: ", "))\(after)."
  }
}
