import ArgumentParser
import Foundation
import Rensa
import RensaGraph
import InternalRensaUtilities

struct CascadeCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "cascade",
    abstract: "Cascade timeline: what fails when after initial failures, when it is restored, and why.",
    discussion: """
      Over an edge list (CSV, TSV or GraphML as for `rensa closure`, with
      optional columns delay_h, recovery_h and probability), give the
      initial failures with --fail:
        ID            fails at 0 h, not restored
        ID@START      fails at START h
        ID@START+DUR  fails at START h for DUR h
      A dependency is lost delay_h hours after its supplier fails, unless
      the supplier is back by then; a node fails when one of its
      requirement groups is lost; it is restored when those groups are
      served again (recovery_h after each returns). Docs/Cascade.md states
      the semantics with worked examples.

      Over a dataset (--dataset, default the built-in nisc-2009), run one
      of its scenarios (--scenario; default its first) for sector outages,
      service-hours lost and the verification levels crossed as well.

      Examples:
        rensa cascade                          # nisc-2009, 72 h outage
        rensa cascade --scenario tokyo-earthquake
        rensa cascade edges.csv --fail grid@0+72 --json
        rensa cascade --dataset shelby.json --scenario earthquake-M9
        rensa cascade --scenario tokyo-earthquake --trials 10000 --seed 7
        rensa cascade --scenario tokyo-earthquake --crews 2

      How long until it fails (--sweep): the initiating outage swept over
      every duration at once, each node's breakpoint (the outage length
      beyond which it fails), its slack, and the dependency curve (nodes
      failed and user-hours lost against the length). Over a dataset, one
      curve per sector (or --initiating ID,…); over EDGES, the --fail nodes
      (ID or ID@START); with --common-cause, the assets it takes out (at
      --at hours):
        rensa cascade --sweep
        rensa cascade --sweep --initiating electric-power --json
        rensa cascade --dataset d.json --sweep --common-cause vendor:acme
        rensa cascade edges.csv --fail grid --sweep

      A shared weakness as the scenario (--common-cause KIND:VALUE): every
      asset of the dataset that runs a product, depends on a vendor, stands
      at a site or in a hazard zone, or runs a product a CVE affects, fails
      together at --at hours (default 0) for --for hours (default: not
      restored), with --probability P (default 1; the assets fail together
      or not at all):
        rensa cascade --dataset d.json --common-cause product:fortinet/fortios --for 24
        rensa cascade --dataset d.json --common-cause hazard:flood:arakawa-l2
        rensa cascade --dataset d.json --common-cause cve:CVE-2023-27997 --kev kev.json
        rensa cascade --dataset d.json --common-cause vendor:acme-maintenance --probability 0.1 --trials 10000
      """)

  @Argument(help: "Edge list (CSV, TSV) or GraphML. Default: a dataset (--dataset).")
  var edges: String?

  @Option(help: "Initial failures, comma-separated: ID, ID@START or ID@START+DURATION (hours).")
  var fail: String?

  @Option(help: "Dataset: built-in name (nisc-2009) or a dataset file. Default: nisc-2009 when no EDGES.")
  var dataset: String?

  @Option(help: "Scenario of the dataset (default: its first).")
  var scenario: String?

  @Option(help: ArgumentHelp(
    "A shared weakness as the scenario: product:P (CPE 2.3, package URL or vendor/product[@version]), vendor:V, site:S, hazard:Z or cve:CVE-….",
    valueName: "kind:value"))
  var commonCause: String?

  @Option(name: .customLong("at"), help: ArgumentHelp("With --common-cause: the hour the assets fail (default 0).", valueName: "hours"))
  var causeStart: Double?

  @Option(name: .customLong("for"), help: ArgumentHelp("With --common-cause: how long they stay out (default: not restored).", valueName: "hours"))
  var causeDuration: Double?

  @Option(name: .customLong("probability"), help: "With --common-cause: the probability that the assets fail (together; default 1).")
  var causeProbability: Double?

  @Option(help: ArgumentHelp("With --common-cause cve:…: CISA's KEV catalogue (.json or .csv), for the products a CVE affects.", valueName: "file"))
  var kev: String?

  @Option(help: ArgumentHelp("With --common-cause cve:…: CSAF advisories (a folder or .tar.xz), whose product status and version ranges decide where they name a product.", valueName: "path"))
  var csaf: String?

  @Flag(help: "How long until it fails: sweep the initiating outage over every duration (breakpoints, slack, dependency curve).")
  var sweep = false

  @Option(help: ArgumentHelp("With --sweep over a dataset: the nodes that fail together (default: each sector in turn).", valueName: "id,…"))
  var initiating: String?

  @Option(help: ArgumentHelp("With --sweep: the outage lengths the curve is read at (default 1,3,6,12,24,48,72,168).", valueName: "hours,…"))
  var durations: String?

  @Option(help: "Hours the dataset measures cover (default: a week, or longer to include every restoration).")
  var horizon: Double?

  @Flag(help: "Print JSON.")
  var json = false

  @Option(help: "Monte Carlo: run N trials (events and dependencies happen with their probabilities).")
  var trials: Int?

  @Option(help: "Monte Carlo: the seed (results depend only on it, not on --threads).")
  var seed: UInt64 = 1

  @Option(help: "Monte Carlo: stop once every node's 95 % interval has at most this half-width.")
  var precision: Double?

  @Option(help: "Monte Carlo: threads (default: the processors available).")
  var threads: Int?

  @Option(help: "Restoration priority: rank the scenario's repairs for this many crews working at once.")
  var crews: Int?

  @Option(help: "Refuse a cascade whose graph and working state would exceed this (e.g. 2G; default: half of the memory available).")
  var memoryLimit: ByteSize?

  /// Refuses a network too large for the memory limit, before building anything for it.
  func checkMemory(_ network: DependencyNetwork) throws {
    let needed = TimedDependencyGraph.estimatedBytes(nodeCount: network.nodeIDs.count, edgeCount: network.dependencies.count)
    let limit = memoryLimit?.bytes ?? MemoryBudget.defaultLimit
    if needed > limit {
      throw MemoryLimitExceeded(
        structure: "cascade graph and timeline state", bytesNeeded: needed, limit: limit,
        alternative: "raise --memory-limit, or split the network")
    }
  }

  /// Refuses a Monte Carlo whose kept results (each node's failure hour and each
  /// sector's measures in every trial, for the percentiles) would exceed the memory
  /// limit, before any trial runs.
  func checkMonteCarloMemory(trials: Int, nodes: Int, sectors: Int) throws {
    let perTrial = (nodes + sectors) * MemoryLayout<Double>.stride
    let product = trials.multipliedReportingOverflow(by: perTrial)
    let needed = product.overflow ? Int.max : product.partialValue
    let limit = memoryLimit?.bytes ?? MemoryBudget.defaultLimit
    if needed > limit {
      throw MemoryLimitExceeded(
        structure: "kept result set of \(trials) trials (a failure hour per node and trial, for the percentiles)", bytesNeeded: needed,
        limit: limit, alternative: "run fewer --trials, or add --precision H to stop once every interval is that narrow")
    }
  }

  @Option(help: "Show the first K failures in the table (0: all).")
  var top = 40

  func validate() throws {
    if top < 0 { throw ValidationError("--top must be 0 (all) or more") }
    if sweep {
      var problems: [String] = []
      for (given, flag) in [(trials != nil, "--trials"), (crews != nil, "--crews"), (scenario != nil, "--scenario")] where given {
        problems.append("--sweep and \(flag) are separate analyses: give one of them")
      }
      if causeDuration != nil { problems.append("--sweep sweeps every length of the outage: leave out --for") }
      if causeProbability != nil { problems.append("--sweep follows the outage that happens: leave out --probability") }
      if commonCause != nil && initiating != nil { problems.append("give either --common-cause or --initiating: each names the initiating nodes") }
      if initiating != nil && edges != nil { problems.append("--initiating applies to a dataset; over EDGES, --fail names the initiating nodes") }
      if let durations {
        for part in durations.split(separator: ",", omittingEmptySubsequences: false) {
          let hours = Double(part.trimmingCharacters(in: .whitespaces))
          if !(hours.map { Limits.isValidHours($0) && $0 > 0 } ?? false) {
            problems.append("--durations: '\(part)' is not a number of hours > 0 and at most \(Int(Limits.maximumHours)) (ten years)")
          }
        }
      }
      if !problems.isEmpty { throw ValidationError(problems.joined(separator: "\n")) }
    } else {
      for (given, flag) in [(initiating != nil, "--initiating"), (durations != nil, "--durations")] where given {
        throw ValidationError("\(flag) applies to --sweep")
      }
    }
    if let trials, trials < 1 || trials > 100_000_000 { throw ValidationError("--trials must be between 1 and 100,000,000") }
    if let precision, !(precision > 0 && precision < 0.5) { throw ValidationError("--precision must be a half-width in (0, 0.5)") }
    if let threads, threads < 1 { throw ValidationError("--threads must be at least 1") }
    if trials == nil && precision != nil { throw ValidationError("--precision needs --trials (the most trials to run)") }
    if let crews, !(1...Limits.maximumCrews).contains(crews) {
      throw ValidationError("--crews must be between 1 and \(Limits.maximumCrews) (more crews than failed nodes change nothing)")
    }
    if crews != nil && trials != nil { throw ValidationError("give either --crews or --trials") }
    if crews != nil && edges != nil { throw ValidationError("--crews applies to a dataset scenario (its events carry repair durations)") }
    if commonCause == nil {
      for (given, flag) in [(causeStart != nil, "--at"), (causeDuration != nil, "--for"), (causeProbability != nil, "--probability"), (kev != nil, "--kev"), (csaf != nil, "--csaf")] where given {
        throw ValidationError("\(flag) applies to --common-cause")
      }
    } else {
      if edges != nil { throw ValidationError("--common-cause applies to a dataset (--dataset), whose assets name their products, vendors and sites") }
      if scenario != nil { throw ValidationError("give either --scenario or --common-cause (it is the scenario)") }
    }
    if let causeStart, !(Limits.isValidHours(causeStart)) {
      throw ValidationError("--at must be a number of hours from 0 to \(Int(Limits.maximumHours)) (ten years)")
    }
    if let causeDuration, !(Limits.isValidHours(causeDuration) && causeDuration > 0) {
      throw ValidationError("--for must be a number of hours > 0 and at most \(Int(Limits.maximumHours)) (ten years)")
    }
    if let causeProbability, !(causeProbability > 0 && causeProbability <= 1) {
      throw ValidationError("--probability must be in (0, 1]")
    }
    if let horizon, !(Limits.isValidHours(horizon) && horizon > 0) {
      throw ValidationError("--horizon must be a number of hours > 0 and at most \(Int(Limits.maximumHours)) (ten years)")
    }
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
        try checkMemory(network)
        if sweep {
          let failures = try parseFailures(fail)
          if failures.contains(where: { $0.duration != nil }) {
            throw UsageError(message: "--sweep sweeps the outage's duration: give ID or ID@START in --fail, not ID@START+DURATION", hint: nil)
          }
          let starts = Set(failures.map(\.start))
          guard starts.count == 1 else {
            throw UsageError(message: "--sweep needs one start for every node of --fail (got \(starts.count))", hint: "e.g. --fail grid@2,water@2")
          }
          let result = try OutageSweep(network, initiating: failures.map(\.id), start: starts.first!, source: "--fail")
          printSweeps([result])
          return
        }
        let analysis = try CascadeAnalysis(network, failures: try parseFailures(fail), source: "--fail")
        if let trials {
          try checkMonteCarloMemory(trials: trials, nodes: network.nodeIDs.count, sectors: 0)
          try printNetworkMonteCarlo(analysis, trials: trials)
        } else {
          printNetwork(analysis)
        }
        return
      }
      if fail != nil {
        throw UsageError(message: "--fail applies to an EDGES file; a dataset's failures come from its scenarios", hint: "use --scenario")
      }
      let name = dataset ?? BuiltinDatasets.nisc2009Name
      var document =
        name == BuiltinDatasets.nisc2009Name ? BuiltinDatasets.nisc2009(syntheticIncidents: nil) : try DatasetReader.read(path: name)
      try checkMemory(document.dependencyNetwork)
      if !sweep, let commonCause {
        let (cause, made) = try CommonCauseOption.scenario(
          commonCause, in: document, named: name, startHours: causeStart ?? 0, durationHours: causeDuration, kev: kev, csaf: csaf)
        document.scenarios.removeAll { $0.id == made.id }
        document.scenarios.append(made)
        if !json {
          let hit = made.events.map(\.targetDescription)
          FileHandle.standardError.write(Data(
            "rensa cascade: \(cause) takes out \(hit.count) asset\(hit.count == 1 ? "" : "s"): \(hit.prefix(12).joined(separator: ", "))\(hit.count > 12 ? ", …" : "")\n".utf8))
        }
      }
      if sweep, let commonCause {
        // The assets of the cause that take part in a dependency, failing together at --at.
        let (cause, made) = try CommonCauseOption.scenario(
          commonCause, in: document, named: name, startHours: causeStart ?? 0, durationHours: nil, kev: kev, csaf: csaf)
        let network = document.dependencyNetwork
        let ids = made.events.compactMap { e -> String? in
          if case .node(let id) = e.target, network.index(of: id) != nil { return id }
          return nil
        }
        guard !ids.isEmpty else {
          throw UsageError(message: "none of the \(made.events.count) assets of \(cause) takes part in a dependency of \(document.name): there is nothing to sweep", hint: nil)
        }
        if !json {
          FileHandle.standardError.write(Data(
            "rensa cascade: \(cause) takes out \(ids.count) asset\(ids.count == 1 ? "" : "s") taking part in a dependency: \(ids.prefix(12).joined(separator: ", "))\(ids.count > 12 ? ", …" : "")\n".utf8))
        }
        if !json && ids.count < made.events.count {
          FileHandle.standardError.write(Data(
            "rensa cascade: \(made.events.count - ids.count) of the \(made.events.count) assets of \(cause) take part in no dependency and cannot spread the outage\n".utf8))
        }
        printSweeps(
          [try OutageSweep(dataset: document, initiating: ids, start: causeStart ?? 0)], dataset: document,
          label: "\(cause) (\(ids.count) asset\(ids.count == 1 ? "" : "s"))")
        return
      }
      if sweep {
        let network = document.dependencyNetwork
        let sets: [[String]] =
          initiating.map { [$0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }] }
          ?? document.sectors.map(\.id).filter { network.index(of: $0) != nil }.map { [$0] }
        guard !sets.isEmpty else {
          throw UsageError(message: "dataset '\(document.name)' has no sector that takes part in a dependency", hint: "give --initiating ID,…")
        }
        var sweeps: [OutageSweep] = []
        for set in sets { sweeps.append(try OutageSweep(dataset: document, initiating: set)) }
        printSweeps(sweeps, dataset: document)
        return
      }
      let chosenID = commonCause == nil ? scenario : document.scenarios.last?.id
      guard let chosen = chosenID ?? document.scenarios.first?.id else {
        throw UsageError(message: "dataset '\(document.name)' has no scenarios", hint: "add one (Docs/DatasetFormat.md, Scenarios)")
      }
      if let crews {
        let plan = try ScenarioRestorationPriority(dataset: document, scenario: chosen, crews: crews, horizon: horizon)
        printRestoration(plan, scenario: chosen, dataset: document)
        return
      }
      if let trials {
        try checkMonteCarloMemory(
          trials: trials, nodes: document.dependencyNetwork.nodeIDs.count, sectors: document.sectors.count)
        let mc = try ScenarioMonteCarlo(
          dataset: document, scenario: chosen, trials: trials, seed: seed, threads: threads ?? ProcessorCount.active,
          targetHalfWidth: precision, horizon: horizon, progress: progressReporter())
        printScenarioMonteCarlo(mc, dataset: document)
        return
      }
      let analysis = try ScenarioAnalysis(dataset: document, scenario: chosen, horizon: horizon)
      printScenario(analysis, dataset: document)
    } catch {
      RensaCLI.fail(error)
    }
  }

  func printRestoration(_ plan: ScenarioRestorationPriority, scenario: String, dataset: Dataset) {
    if json {
      let ranks = plan.ranks.enumerated().map { i, r -> JSONValue in
        .object([
          ("rank", .int(i + 1)), ("id", .string(r.id)), ("repair_start_h", number(r.repairStart)),
          ("repair_end_h", number(r.repairEnd)), ("hours_saved", number(r.hoursSaved)),
          ("nodes_restored_earlier", .array(r.nodesRestoredEarlier.map { .string($0) })),
          ("explanation", .string(r.explanation)),
        ])
      }
      print(
        JSONValue.object([
          ("dataset", .string(dataset.name)), ("scenario", .string(scenario)), ("crews", .int(plan.crews)),
          ("weights", .string(plan.weightUnit)), ("greedy_cost", number(plan.greedyCost)),
          ("optimal_cost", plan.optimalCost.map(number) ?? .null), ("priority", .array(ranks)),
        ]).serialized())
      return
    }
    print("Restoration priority for scenario \(scenario) of dataset \(dataset.name), \(plan.crews) crew\(plan.crews == 1 ? "" : "s") at a time.")
    print("Each repair takes its outage's duration of work; the order minimises the \(plan.weightUnit) lost (greedy, every choice re-simulated).")
    print("")
    var rows = [["rank", "repair", "from", "to", "saves", "why"]]
    for (i, r) in plan.ranks.enumerated() {
      rows.append(["\(i + 1)", r.id, hoursText(r.repairStart), hoursText(r.repairEnd), NumberFormat.number(r.hoursSaved), r.explanation])
    }
    print(TextTable.render(rows, rightAligned: [0, 2, 3, 4]))
    print("")
    let optimum =
      plan.optimalCost.map { abs($0 - plan.greedyCost) < 1e-9 ? "this is the optimum (every order tried)" : "the optimum is \(NumberFormat.number($0))" }
      ?? "too many repairs to try every order"
    print("Total lost with this order: \(NumberFormat.number(plan.greedyCost)) \(plan.weightUnit); \(optimum).")
  }

  /// Progress on standard error, only when it is a terminal.
  func progressReporter() -> (@Sendable (Int, Int) -> Void)? {
    guard isatty(2) != 0, !json else { return nil }
    return { done, total in
      FileHandle.standardError.write(Data("\rMonte Carlo: \(done) of \(total) trials".utf8))
      if done >= total { FileHandle.standardError.write(Data("\n".utf8)) }
    }
  }

  func printNetworkMonteCarlo(_ a: CascadeAnalysis, trials: Int) throws {
    let model = try CascadeMonteCarlo(
      a.graph, transmission: a.network.dependencies.map(\.probability), failures: a.nodeFailures.map { .init($0) })
    let result = try model.run(
      .init(trials: trials, seed: seed, threads: threads ?? ProcessorCount.active, targetHalfWidth: precision, progress: progressReporter()))
    let order = a.network.nodeIDs.indices.sorted { (-result.probability($0), a.network.nodeIDs[$0]) < (-result.probability($1), a.network.nodeIDs[$1]) }
    if json {
      let rows = order.map { v -> JSONValue in
        let (lo, hi) = result.interval(v)
        return .object([
          ("id", .string(a.network.nodeIDs[v])), ("probability", number(result.probability(v))),
          ("probability_low", number(lo)), ("probability_high", number(hi)),
          ("failed_at_h_median", result.failureHour(v, quantile: 0.5).map(number) ?? .null),
          ("failed_at_h_p95", result.failureHour(v, quantile: 0.95).map(number) ?? .null),
        ])
      }
      print(JSONValue.object([("trials", .int(result.trials)), ("seed", .int(Int(truncatingIfNeeded: seed))), ("failures", .array(rows))]).serialized())
      return
    }
    print("Monte Carlo over \(a.network.source): \(result.trials) trials, seed \(seed); each dependency transmits with its probability.")
    print("")
    var rows = [["node", "P(fails)", "95 % interval", "median hour", "95th pct hour"]]
    for v in (top == 0 ? order : Array(order.prefix(top))) {
      let (lo, hi) = result.interval(v)
      rows.append([
        a.network.nodeIDs[v], NumberFormat.probability(result.probability(v)), "\(NumberFormat.probability(lo))–\(NumberFormat.probability(hi))",
        result.failureHour(v, quantile: 0.5).map(hoursText) ?? "—", result.failureHour(v, quantile: 0.95).map(hoursText) ?? "—",
      ])
    }
    print(TextTable.render(rows, rightAligned: [1, 2, 3, 4]))
  }

  /// The probability of a common cause (1 without one): its assets fail together or not
  /// at all, so a node's probability of failing is this times its probability given the
  /// cause, and the failure hours and node-hours given the cause are those the trials give.
  var jointProbability: Double { commonCause == nil ? 1 : causeProbability ?? 1 }

  func printScenarioMonteCarlo(_ mc: ScenarioMonteCarlo, dataset: Dataset) {
    let p = jointProbability
    var estimates = (nodes: mc.nodes, sectors: mc.sectors)
    if p < 1 {
      // Exact: the cause happens (all its assets at once) independently of every other draw.
      estimates.nodes = mc.nodes.map { e in
        var e = e
        e.probability *= p
        e.low *= p
        e.high *= p
        return e
      }
      estimates.sectors = mc.sectors.map { e in
        var e = e
        e.probabilityAffected *= p
        e.nodeHoursMean *= p
        return e
      }
    }
    let s = mc.deterministic
    if json {
      let nodes = estimates.nodes.map { e -> JSONValue in
        .object([
          ("id", .string(e.id)), ("probability", number(e.probability)), ("probability_low", number(e.low)),
          ("probability_high", number(e.high)), ("failed_at_h_median", e.failureHourMedian.map(number) ?? .null),
          ("failed_at_h_p95", e.failureHour95.map(number) ?? .null),
        ])
      }
      let sectors = estimates.sectors.map { e -> JSONValue in
        .object([
          ("sector", .string(e.sector)), ("probability_affected", number(e.probabilityAffected)),
          ("node_hours_p5", number(e.nodeHours5)), ("node_hours_median", number(e.nodeHoursMedian)),
          ("node_hours_p95", number(e.nodeHours95)), ("node_hours_mean", number(e.nodeHoursMean)),
        ])
      }
      print(
        JSONValue.object([
          ("dataset", .string(dataset.name)), ("scenario", .string(s.scenario.id)), ("trials", .int(mc.trials)),
          ("seed", .int(Int(truncatingIfNeeded: mc.seed))), ("horizon_h", number(s.horizon)),
          ("cause_probability", number(p)), ("nodes", .array(nodes)), ("sectors", .array(sectors)),
        ]).serialized())
      return
    }
    print("Monte Carlo of scenario \(s.scenario.id) of dataset \(dataset.name): \(mc.trials) trials, seed \(mc.seed).")
    print("Each event happens with its probability; each dependency passes a failure on with its probability.")
    if p < 1 {
      print(
        "The common cause happens with probability \(NumberFormat.number(p)) (all its assets together): P(fails), its interval, P(affected) and mean node-hours include it; hours and node-hour percentiles are given the cause.")
    }
    print("")
    var rows = [["node", "P(fails)", "95 % interval", "median hour", "95th pct hour"]]
    let ranked = estimates.nodes.sorted { ($0.probability, $1.id) > ($1.probability, $0.id) }
    for e in (top == 0 ? ranked : Array(ranked.prefix(top))) {
      rows.append([
        e.id, NumberFormat.probability(e.probability), "\(NumberFormat.probability(e.low))–\(NumberFormat.probability(e.high))",
        e.failureHourMedian.map(hoursText) ?? "—", e.failureHour95.map(hoursText) ?? "—",
      ])
    }
    print(TextTable.render(rows, rightAligned: [1, 2, 3, 4]))
    print("")
    print("Sectors: node-hours lost within \(hoursText(s.horizon)) (5th percentile / median / 95th percentile):")
    var sectorRows = [["sector", "P(affected)", "p5", "median", "p95"]]
    for e in estimates.sectors {
      sectorRows.append([e.sector, NumberFormat.probability(e.probabilityAffected), NumberFormat.number(e.nodeHours5), NumberFormat.number(e.nodeHoursMedian), NumberFormat.number(e.nodeHours95)])
    }
    print(TextTable.render(sectorRows, rightAligned: [1, 2, 3, 4]))
  }

  /// `--sweep`: breakpoints and dependency curves, as tables or JSON.
  func printSweeps(_ sweeps: [OutageSweep], dataset: Dataset? = nil, label: String? = nil) {
    func name(_ s: OutageSweep) -> String {
      if let label { return label }
      let ids = s.initiating
      return ids.count <= 3 ? ids.joined(separator: ", ") : ids.prefix(3).joined(separator: ", ") + ", … (\(ids.count) nodes)"
    }
    let lengths = durations.map { $0.split(separator: ",").compactMap { Double($0.trimmingCharacters(in: .whitespaces)) } }
      ?? OutageSweep.standardDurations
    func json(_ s: OutageSweep) -> JSONValue {
      let nodes = s.network.nodeIDs.indices.map { v -> JSONValue in
        let b = s.sweep.breakpoint[v]
        return .object([
          ("id", .string(s.network.nodeIDs[v])), ("breakpoint_h", b.isFinite ? number(b) : .null),
          ("pieces", .array(s.sweep.pieces[v].filter { $0.failedAt.isFinite }.map { p in
            .object([("from_h", number(p.from)), ("failed_at_h", number(p.failedAt)), ("restored_offset_h", number(p.restoredOffset))])
          })),
        ])
      }
      let curve = lengths.map { d -> JSONValue in
        .object([("duration_h", number(d)), ("failed", .int(s.failedCount(duration: d))), ("user_hours", s.userHours(duration: d).map(number) ?? .null)])
      }
      return .object([
        ("initiating", .array(s.initiating.map { .string($0) })), ("start_h", number(s.start)),
        ("changes_h", .array(s.sweep.changes.map(number))), ("failed_counts", .array(s.sweep.failedCounts.map { .int($0) })),
        ("curve", .array(curve)), ("nodes", .array(nodes)),
      ])
    }
    if self.json {
      print(JSONValue.object([("source", .string(dataset?.name ?? sweeps[0].network.source)), ("sweeps", .array(sweeps.map(json)))]).serialized())
      return
    }
    let source = dataset.map { "dataset \($0.name)" } ?? sweeps[0].network.source
    print("How long until it fails, in \(source): each initiating outage swept over every length.")
    print("A node fails for every outage longer than its breakpoint; restoration comes later the longer the outage.")
    print("")
    // The dependency curve: nodes failed (and user-hours) by outage length.
    let header = ["initiating outage"] + lengths.map(hoursText)
    var rows = [header]
    for s in sweeps { rows.append([name(s)] + lengths.map { "\(s.failedCount(duration: $0))" }) }
    print("Nodes failed (the initiating ones included) by outage length:")
    print(TextTable.render(rows, rightAligned: Set(1...lengths.count)))
    if sweeps.contains(where: { s in lengths.contains { s.userHours(duration: $0) != nil } }) {
      var rows = [header]
      for s in sweeps {
        rows.append([name(s)] + lengths.map { s.userHours(duration: $0).map(NumberFormat.number) ?? "—" })
      }
      print("")
      print("User-hours lost by outage length:")
      print(TextTable.render(rows, rightAligned: Set(1...lengths.count)))
    }
    guard sweeps.count == 1, let s = sweeps.first else {
      print("")
      print("(--initiating ID,… gives one outage's breakpoints node by node; --json every node's pieces)")
      return
    }
    let list = s.breakpoints
    print("")
    guard !list.isEmpty else {
      print("No outage of \(name(s)), however long, brings down another node.")
      return
    }
    print("Breakpoints: the outage length beyond which each node fails, shortest first:")
    var table = [["node", "fails beyond", "fails at (long outage)"]]
    for e in (top == 0 ? list : Array(list.prefix(top))) {
      table.append([e.id, hoursText(e.breakpoint), hoursText(e.onset)])
    }
    print(TextTable.render(table, rightAligned: [1, 2]))
    if top != 0 && list.count > top { print("(\(list.count - top) more: --top 0 lists all)") }
  }

  func parseFailures(_ text: String) throws -> [InitialFailure] {
    var failures: [InitialFailure] = []
    for part in text.split(separator: ",") {
      guard let f = InitialFailure.parse(String(part)) else {
        throw UsageError(
          message: "cannot read the failure '\(part)'", hint: "write ID, ID@START or ID@START+DURATION with hours from 0 to \(Int(Limits.maximumHours)) (ten years) and a duration > 0")
      }
      failures.append(f)
    }
    guard !failures.isEmpty else { throw UsageError(message: "--fail names no node", hint: nil) }
    return failures
  }

  func number(_ x: Double) -> JSONValue { .number(x) }

  func failuresJSON(_ a: CascadeAnalysis) -> JSONValue {
    .array(failureOrder(a).map { failureJSON(a, $0) })
  }

  /// Every node, by failure time (never-failing last), then id.
  func failureOrder(_ a: CascadeAnalysis) -> [Int] {
    let t = a.timeline
    return a.network.nodeIDs.indices.sorted { (t.failedAt[$0], a.network.nodeIDs[$0]) < (t.failedAt[$1], a.network.nodeIDs[$1]) }
  }

  /// One node's entry of `failures`.
  func failureJSON(_ a: CascadeAnalysis, _ v: Int) -> JSONValue {
    let t = a.timeline
    let failed = t.failedAt[v].isFinite
    return .object([
      ("id", .string(a.network.nodeIDs[v])), ("failed_at_h", number(t.failedAt[v])),
      ("restored_at_h", failed ? number(t.restoredAt[v]) : .null), ("initial", .bool(t.isInitial[v])),
      ("cause", .array(a.causeChain(of: v).map { .string($0) })),
      ("explanation", failed ? .string(a.explanation(of: v)) : .null),
    ])
  }

  func printNetwork(_ a: CascadeAnalysis) {
    if json {
      // Streamed a megabyte at a time, one node's entry built at a time: the same bytes as
      // the document {"failures": […]}.
      var out = JSONBytes(sink: { StandardOutput.write(bytes: $0) })
      out.ascii("{\"failures\":[")
      for (i, v) in failureOrder(a).enumerated() {
        if i > 0 { out.byte(0x2C) }
        failureJSON(a, v).write(into: &out, pretty: false, indent: 0)
      }
      out.ascii("]}\n")
      out.flush()
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

  func hoursText(_ x: Double) -> String { NumberFormat.hours(x) }

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
          ("cause_probability", number(jointProbability)),
          ("uncertain_events", .int(s.uncertainEvents.count)),
          ("failures", failuresJSON(a)), ("sectors", .array(sectors)), ("services", .array(services)),
          ("hourly_failed_nodes", .object(hourly)),
        ]).serialized())
      return
    }
    print("Scenario \(s.scenario.id) of dataset \(dataset.name): \(s.scenario.name).")
    print(s.scenario.description)
    print("Source: \(s.scenario.source)")
    if jointProbability < 1 {
      print("The common cause happens with probability \(NumberFormat.number(jointProbability)); this timeline is what follows if it does (--trials gives each node's probability).")
    }
    if !s.uncertainEvents.isEmpty {
      print(
        "Note: \(s.uncertainEvents.count) event(s) have a probability below 1 (\(s.uncertainEvents.map { "\($0.targetDescription) \(NumberFormat.number($0.probability))" }.joined(separator: ", "))); this timeline assumes they happen.")
    }
    print("")
    printTimeline(a)
    print("")
    print("Sectors (measures cover \(hoursText(s.horizon))):")
    var rows = [["sector", "down", "failed nodes", "node-hours", "user-hours"]]
    for o in s.sectors {
      let spans = o.intervals.map { "\(hoursText($0.start))–\($0.end.map(hoursText) ?? "open")" }.joined(separator: ", ")
      rows.append([o.sector, spans, "\(o.failedNodes)", NumberFormat.number(o.nodeHours), o.userHours.map { NumberFormat.number($0) } ?? "—"])
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
