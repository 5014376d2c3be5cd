import ArgumentParser
import Foundation
import Rensa

struct CascadeCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "cascade",
    abstract: "Cascade timeline: what fails when after initial failures, when it is restored, and why.",
    discussion: """
      Over an edge list (CSV/TSV/GraphML as for `rensa closure`, plus optional columns
      delay_h, recovery_h and probability), give the initial failures with --fail:
        ID            fails at 0 h, not restored
        ID@START      fails at START h
        ID@START+DUR  fails at START h for DUR h
      A dependency is lost delay_h hours after its supplier fails, unless the supplier is
      back by then; a node fails when one of its requirement groups is lost; it is
      restored when those groups are served again (recovery_h after each returns).
      Docs/Cascade.md states the semantics with worked examples.

      Over a dataset (--dataset, default the built-in nisc-2009), run one of its
      scenarios (--scenario; default its first) and get sector outages, service-hours
      lost and the verification levels crossed as well.

      Examples:
        rensa cascade                                        # nisc-2009, power-outage-72h
        rensa cascade --scenario tokyo-earthquake
        rensa cascade edges.csv --fail grid@0+72 --json
        rensa cascade --dataset shelby.json --scenario earthquake-M9
      """)

  @Argument(help: "Edge list (CSV, TSV) or GraphML. Default: a dataset (--dataset).")
  var edges: String?

  @Option(help: "Initial failures, comma-separated: ID, ID@START or ID@START+DURATION (hours).")
  var fail: String?

  @Option(help: "Dataset: built-in name (nisc-2009) or a dataset file. Default: nisc-2009 when no EDGES.")
  var dataset: String?

  @Option(help: "Scenario of the dataset (default: its first).")
  var scenario: String?

  @Option(help: "Hours the dataset measures cover (default: a week, or longer to include every restoration).")
  var horizon: Double?

  @Flag(help: "Print JSON.")
  var json = false

  @Option(help: "Show the first K failures in the table (0: all).")
  var top = 40

  func validate() throws {
    if top < 0 { throw ValidationError("--top must be 0 (all) or more") }
    if let horizon, !(horizon.isFinite && horizon > 0) { throw ValidationError("--horizon must be a number of hours > 0") }
  }

  func run() throws {
    do {
      if let edges {
        if dataset != nil || scenario != nil {
          throw UsageError(message: "give either an EDGES file with --fail, or --dataset/--scenario", hint: nil)
        }
        guard let fail else {
          throw UsageError(message: "--fail is required with an EDGES file", hint: "e.g. rensa cascade \(edges) --fail grid@0+72")
        }
        let network = GraphMLReader.isGraphML(path: edges) ? try GraphMLReader.read(path: edges) : try EdgeListReader.read(path: edges)
        for note in network.notes where !json { FileHandle.standardError.write(Data("note: \(note)\n".utf8)) }
        let analysis = try CascadeAnalysis(network, failures: try parseFailures(fail), source: "--fail")
        printNetwork(analysis)
        return
      }
      if fail != nil {
        throw UsageError(message: "--fail applies to an EDGES file; a dataset's failures come from its scenarios", hint: "use --scenario")
      }
      let name = dataset ?? BuiltinDatasets.nisc2009Name
      let document =
        name == BuiltinDatasets.nisc2009Name ? BuiltinDatasets.nisc2009(syntheticIncidents: nil) : try DatasetReader.read(path: name)
      guard let chosen = scenario ?? document.scenarios.first?.id else {
        throw UsageError(message: "dataset '\(document.name)' has no scenarios", hint: "add one (Docs/DatasetFormat.md, Scenarios)")
      }
      let analysis = try ScenarioAnalysis(dataset: document, scenario: chosen, horizon: horizon)
      printScenario(analysis, dataset: document)
    } catch {
      RensaCLI.fail(error)
    }
  }

  func parseFailures(_ text: String) throws -> [InitialFailure] {
    var failures: [InitialFailure] = []
    for part in text.split(separator: ",") {
      guard let f = InitialFailure.parse(String(part)) else {
        throw UsageError(
          message: "cannot read the failure '\(part)'", hint: "write ID, ID@START or ID@START+DURATION with hours ≥ 0 and a duration > 0")
      }
      failures.append(f)
    }
    guard !failures.isEmpty else { throw UsageError(message: "--fail names no node", hint: nil) }
    return failures
  }

  func number(_ x: Double) -> JSONValue { x.isFinite ? (x == x.rounded() && abs(x) < 1e15 ? .int(Int(x)) : .double(x)) : .null }

  func failuresJSON(_ a: CascadeAnalysis) -> JSONValue {
    let t = a.timeline
    let nodes = a.network.nodeIDs.indices.sorted { (t.failedAt[$0], a.network.nodeIDs[$0]) < (t.failedAt[$1], a.network.nodeIDs[$1]) }
    return .array(
      nodes.map { v in
        let failed = t.failedAt[v].isFinite
        return .object([
          ("id", .string(a.network.nodeIDs[v])), ("failed_at_h", number(t.failedAt[v])),
          ("restored_at_h", failed ? number(t.restoredAt[v]) : .null), ("initial", .bool(t.isInitial[v])),
          ("cause", .array(a.causeChain(of: v).map { .string($0) })),
          ("explanation", failed ? .string(a.explanation(of: v)) : .null),
        ])
      })
  }

  func printNetwork(_ a: CascadeAnalysis) {
    if json {
      print(JSONValue.object([("failures", failuresJSON(a))]).serialized())
      return
    }
    print("Cascade timeline of \(a.network.source): \(a.network.nodeIDs.count) nodes, \(a.network.dependencies.count) dependencies.")
    printTimeline(a)
  }

  func printTimeline(_ a: CascadeAnalysis) {
    let t = a.timeline
    print("\(t.failedCount) of \(a.network.nodeIDs.count) nodes fail. In order of failure:")
    print("")
    let shown = top == 0 ? Array(t.order) : Array(t.order.prefix(top))
    var rows = [["fails at", "node", "restored at", "why"]]
    for v in shown.map(Int.init) {
      let why = t.isInitial[v] ? "initial failure" : "← " + a.causeChain(of: v).joined(separator: " ← ")
      rows.append([
        hoursText(t.failedAt[v]), a.network.nodeIDs[v], t.restoredAt[v].isFinite ? hoursText(t.restoredAt[v]) : "not restored", why,
      ])
    }
    print(TextTable.render(rows, rightAligned: [0, 2]))
    if shown.count < t.failedCount { print("(\(t.failedCount - shown.count) more; --top 0 shows all, --json gives every node)") }
  }

  func hoursText(_ x: Double) -> String {
    var text = String(format: "%.2f", x)
    while text.hasSuffix("0") { text.removeLast() }
    if text.hasSuffix(".") { text.removeLast() }
    return text + " h"
  }

  func printScenario(_ s: ScenarioAnalysis, dataset: Dataset) {
    let a = s.cascade
    if json {
      let sectors = s.sectors.map { o -> JSONValue in
        .object([
          ("sector", .string(o.sector)), ("failed_nodes", .int(o.failedNodes)), ("node_hours", number(o.nodeHours)),
          ("user_hours", o.userHours.map(number) ?? .null),
          ("intervals", .array(o.intervals.map { .object([("start_h", number($0.start)), ("end_h", $0.end.map(number) ?? .null)]) })),
        ])
      }
      let services = s.services.map { o -> JSONValue in
        .object([
          ("service", .string(o.service)), ("sector", .string(o.sector)), ("crossed_at_h", o.crossedAt.map(number) ?? .null),
          ("assessable", .bool(o.assessable)), ("note", .string(o.note)),
        ])
      }
      let hourly = s.hourlyFailedCounts().sorted { $0.key < $1.key }.map { ($0.key, JSONValue.array($0.value.map { .int($0) })) }
      print(
        JSONValue.object([
          ("dataset", .string(dataset.name)), ("scenario", .string(s.scenario.id)), ("horizon_h", number(s.horizon)),
          ("assumption", .bool(s.scenario.isAssumption)), ("source", .string(s.scenario.source)),
          ("uncertain_events", .int(s.uncertainEvents.count)),
          ("failures", failuresJSON(a)), ("sectors", .array(sectors)), ("services", .array(services)),
          ("hourly_failed_nodes", .object(hourly)),
        ]).serialized())
      return
    }
    print("Scenario \(s.scenario.id) of dataset \(dataset.name): \(s.scenario.name).")
    print(s.scenario.description)
    print("Source: \(s.scenario.source)")
    if !s.uncertainEvents.isEmpty {
      print(
        "Note: \(s.uncertainEvents.count) event(s) have a probability below 1 (\(s.uncertainEvents.map { "\($0.targetDescription) \(hoursNumber($0.probability))" }.joined(separator: ", "))); this timeline assumes they happen.")
    }
    print("")
    printTimeline(a)
    print("")
    print("Sectors (measures cover \(hoursText(s.horizon))):")
    var rows = [["sector", "down", "failed nodes", "node-hours", "user-hours"]]
    for o in s.sectors {
      let spans = o.intervals.map { "\(hoursText($0.start))–\($0.end.map(hoursText) ?? "open")" }.joined(separator: ", ")
      rows.append([o.sector, spans, "\(o.failedNodes)", hoursNumber(o.nodeHours), o.userHours.map { hoursNumber($0) } ?? "—"])
    }
    print(TextTable.render(rows, rightAligned: [2, 3, 4]))
    print("")
    print("Verification levels:")
    var levels = [["service", "crossed at", "how"]]
    for o in s.services {
      levels.append([o.service, o.crossedAt.map(hoursText) ?? (o.assessable ? "no" : "cannot tell"), o.note])
    }
    print(TextTable.render(levels, rightAligned: []))
  }
}

private func hoursNumber(_ x: Double) -> String {
  var text = String(format: "%.2f", x)
  while text.hasSuffix("0") { text.removeLast() }
  if text.hasSuffix(".") { text.removeLast() }
  return text
}
