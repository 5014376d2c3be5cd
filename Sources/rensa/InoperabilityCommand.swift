import ArgumentParser
import Foundation
import Rensa
import RensaGraph
import RensaLinearAlgebra
import InternalRensaUtilities

struct InoperabilityCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "inoperability",
    abstract: "Leontief-based inoperability (IIM) and its recovery over time (DIIM).",
    discussion: """
      The model A* comes from one of:
        --astar FILE      square matrix, header row and first column of
                          sector labels; row i = affected, column j = source
        --io-table FILE   an input-output table (long, wide or bare CSV);
                          --side demand (default) or supply
        --scores FILE     expert scores 0-5 per pair (Docs/Inoperability.md)
        --dataset NAME    sector couplings of a dataset (default nisc-2009)
      The perturbation c* (fraction of output lost directly) comes from
      --perturbation FILE (columns sector,perturbation) or --perturb
      SECTOR=VALUE (repeatable); VALUE may be hours of a full outage in a
      year, 72h = 72/8760. A sector may be named by a unique prefix (05).
      Without any, the built-in dataset gets a 72 h power outage.

      --dynamic runs the DIIM for --steps steps from q(0) = 0 (or the
      equilibrium, --initial equilibrium) with resilience from --k FILE
      (sector,k) or --recovery-steps N|FILE (sector,recovery_steps).

      Examples:
        rensa inoperability
        rensa inoperability --io-table japan.csv --perturb 05=72h
        rensa inoperability --astar astar.csv --perturbation cstar.csv --json
        rensa inoperability --io-table japan.csv --print-matrix leontief
        rensa inoperability --dataset d.json --common-cause product:fortinet/fortios --for 24
        rensa inoperability --perturb electric-power=0.5 --dynamic \\
          --steps 30 --recovery-steps 14 --perturbation-steps 3
      """)

  @Option(help: "Interdependency matrix A* (CSV: sector labels in the header and first column).")
  var astar: String?

  @Option(help: "Input-output table (CSV) to derive A* from.")
  var ioTable: String?

  @Option(help: "Side of the IO table: demand (Leontief) or supply (Ghosh).")
  var side: InputOutputSide = .demand

  @Option(help: "Imports in an IO table: domestic (remove competitive imports) or total.")
  var imports: ImportTreatment = .domestic

  enum ImportTreatment: String, ExpressibleByArgument, CaseIterable {
    case domestic, total
  }

  @Option(help: "Expert scores 0-5 (CSV matrix like --astar).")
  var scores: String?

  @Option(help: "Dataset whose sector couplings give A*: built-in name or file. Default: nisc-2009.")
  var dataset: String?

  @Option(help: "Total output per sector for losses with --astar (CSV: sector,output).")
  var totalOutput: String?

  @Option(help: "Perturbation c* per sector (CSV: sector,perturbation; others 0).")
  var perturbation: String?

  @Option(help: "SECTOR=VALUE, VALUE a fraction or hours (72h); repeatable.")
  var perturb: [String] = []

  @Option(help: ArgumentHelp(
    "A shared weakness as the perturbation (with --dataset): product:P, vendor:V, site:S, hazard:Z or cve:CVE-… (as rensa cascade --common-cause); each sector's c* is the share of the scenario's horizon its assets are out.",
    valueName: "kind:value"))
  var commonCause: String?

  @Option(name: .customLong("for"), help: ArgumentHelp("With --common-cause: how long the assets stay out (default: not restored).", valueName: "hours"))
  var causeDuration: Double?

  @Option(help: ArgumentHelp("With --common-cause cve:…: CISA's KEV catalogue (.json or .csv).", valueName: "file"))
  var kev: String?

  @Flag(help: "Clip saturated sectors: solve q = min(1, A*q + c*).")
  var clip = false

  @Option(help: "Print a matrix as CSV and stop: astar, technical, allocation, leontief, ghosh.")
  var printMatrix: String?

  @Flag(help: "Print JSON.")
  var json = false

  @Option(help: "Rows in the tables (0: all).")
  var top = 20

  @Flag(help: "Run the dynamic model (DIIM).")
  var dynamic = false

  @Option(help: "DIIM: steps to run.")
  var steps = 30

  @Option(help: "DIIM: resilience coefficients (CSV: sector,k).")
  var k: String?

  @Option(help: "DIIM: steps to recover to 1/ratio: a number for all sectors, or CSV sector,recovery_steps.")
  var recoverySteps: String?

  @Option(help: "DIIM: q(0)/q(T) reached in the recovery time.")
  var ratio = 100.0

  @Option(help: "DIIM: steps the perturbation lasts (default: all).")
  var perturbationSteps: Int?

  @Option(help: "DIIM: initial state, zero or equilibrium.")
  var initial: InitialState = .zero

  @Option(help: "DIIM: length of a step in days (losses scale by days/365).")
  var stepDays = 1.0

  @Option(help: "Refuse a dense model needing more than this (e.g. 2G; default: half the memory).")
  var memoryLimit: ByteSize?

  enum InitialState: String, ExpressibleByArgument, CaseIterable {
    case zero, equilibrium
  }

  func validate() throws {
    let sources = [astar, ioTable, scores, dataset].compactMap { $0 }
    if sources.count > 1 { throw ValidationError("give one of --astar, --io-table, --scores, --dataset") }
    if top < 0 { throw ValidationError("--top must be 0 (all) or more") }
    if steps < 1 || steps > 10_000_000 { throw ValidationError("--steps must be between 1 and 10,000,000") }
    if commonCause == nil && (causeDuration != nil || kev != nil) { throw ValidationError("--for and --kev apply to --common-cause") }
    if commonCause != nil && (astar != nil || ioTable != nil || scores != nil) {
      throw ValidationError("--common-cause applies to a dataset's couplings (--dataset): its assets name their products, vendors and sites")
    }
    if let causeDuration, !(Limits.isValidHours(causeDuration) && causeDuration > 0) {
      throw ValidationError("--for must be a number of hours > 0 and at most \(Int(Limits.maximumHours)) (ten years)")
    }
    if let perturbationSteps, perturbationSteps < 0 { throw ValidationError("--perturbation-steps must be 0 or more") }
    if !(stepDays.isFinite && stepDays > 0) { throw ValidationError("--step-days must be a positive number") }
    if !(ratio.isFinite && ratio > 1) { throw ValidationError("--ratio must be greater than 1") }
    if !dynamic && (k != nil || recoverySteps != nil || perturbationSteps != nil) {
      throw ValidationError("--k, --recovery-steps and --perturbation-steps need --dynamic")
    }
    if dynamic && k != nil && recoverySteps != nil { throw ValidationError("give either --k or --recovery-steps") }
    if totalOutput != nil && astar == nil && scores == nil {
      throw ValidationError("--total-output applies to --astar or --scores (an IO table has its own)")
    }
    if ioTable == nil && side != .demand { throw ValidationError("--side applies to --io-table") }
    if ioTable == nil && imports != .domestic { throw ValidationError("--imports applies to --io-table") }
  }

  func run() throws {
    do {
      let (model, table) = try loadModel()
      if let printMatrix {
        try printMatrixCSV(printMatrix, model: model, table: table)
        return
      }
      let c = try loadPerturbation(model)
      if dynamic {
        try runDynamic(model, c.values, description: c.description)
      } else {
        try runStatic(model, c.values, description: c.description, table: table)
      }
    } catch {
      RensaCLI.fail(error)
    }
  }

  // MARK: Inputs

  func checkMemory(_ n: Int) throws {
    // A*, I − A* (factorised in place), a copy for eigenvalues: three n × n arrays.
    let needed = 3 * 8 * n * n
    let limit = memoryLimit?.bytes ?? MemoryBudget.defaultLimit
    if needed > limit {
      throw MemoryLimitExceeded(
        structure: "dense \(n)×\(n) inoperability model", bytesNeeded: needed, limit: limit,
        alternative: "raise --memory-limit, or use the sparse solver of the Rensa library (SparseInoperabilityModel)")
    }
  }

  func loadModel() throws -> (InoperabilityModel, InputOutputTable?) {
    if let astar {
      let m = try LabeledMatrix.read(path: astar)
      try checkMemory(m.labels.count)
      let output = try totalOutput.map { try SectorValues.read(path: $0, column: "output", sectors: m.labels, missing: nil) }
      return (try InoperabilityModel(sectors: m.labels, interdependency: m.matrix, output: output, origin: astar, rowLines: m.rowLines), nil)
    }
    if let ioTable {
      let raw = try InputOutputTableReader.read(path: ioTable)
      try checkMemory(raw.count)
      let table = imports == .domestic ? try raw.domesticFlows() : raw
      if !json { for note in table.notes { FileHandle.standardError.write(Data("note: \(ioTable): \(note)\n".utf8)) } }
      return (try table.inoperabilityModel(side), table)
    }
    if let scores {
      let m = try LabeledMatrix.read(path: scores)
      var model = try ExpertJudgementScale.standard.interdependency(scores: m, origin: scores)
      if let totalOutput {
        let output = try SectorValues.read(path: totalOutput, column: "output", sectors: m.labels, missing: nil)
        model = try InoperabilityModel(sectors: model.sectors, interdependency: model.interdependency, output: output, origin: model.origin)
      }
      return (model, nil)
    }
    let name = dataset ?? BuiltinDatasets.nisc2009Name
    let data = name == BuiltinDatasets.nisc2009Name ? BuiltinDatasets.nisc2009(syntheticIncidents: nil) : try DatasetReader.read(path: name)
    return (try InoperabilityModel(couplingsOf: data), nil)
  }

  /// The perturbation vector and a one-line description of it.
  func loadPerturbation(_ model: InoperabilityModel) throws -> (values: [Double], description: String) {
    var c = [Double](repeating: 0, count: model.count)
    var parts: [String] = []
    if let perturbation {
      c = try SectorValues.read(path: perturbation, column: "perturbation", sectors: model.sectors, range: 0...1)
      parts.append("from \(perturbation)")
    }
    if let commonCause {
      let name = dataset ?? BuiltinDatasets.nisc2009Name
      var data = name == BuiltinDatasets.nisc2009Name ? BuiltinDatasets.nisc2009(syntheticIncidents: nil) : try DatasetReader.read(path: name)
      let (cause, scenario) = try CommonCauseOption.scenario(commonCause, in: data, named: name, durationHours: causeDuration, kev: kev)
      data.scenarios = [scenario]
      let horizon = try ScenarioAnalysis(dataset: data, scenario: scenario.id).horizon
      let outage = scenario.sectorOutageHours(in: data, horizon: horizon)
      for (i, sector) in model.sectors.enumerated() { c[i] = min(1, c[i] + (outage[sector] ?? 0) / horizon) }
      parts.append("\(cause) (\(scenario.events.count) asset\(scenario.events.count == 1 ? "" : "s")\(causeDuration.map { " out for \(NumberFormat.hours($0))" } ?? " not restored") over \(NumberFormat.hours(horizon)))")
    }
    var issues: [DataIssue] = []
    for spec in perturb {
      guard let eq = spec.lastIndex(of: "=") else {
        throw UsageError(message: "--perturb '\(spec)' is not SECTOR=VALUE", hint: "e.g. --perturb electric-power=72h")
      }
      let name = String(spec[..<eq])
      var valueText = String(spec[spec.index(after: eq)...]).trimmingCharacters(in: .whitespaces)
      let hours = valueText.lowercased().hasSuffix("h")
      if hours { valueText.removeLast() }
      guard let i = model.sectorIndex(name) else {
        let ambiguous = model.sectors.filter { $0.hasPrefix(name) }
        issues.append(DataIssue(
          file: "--perturb", field: name,
          reason: ambiguous.count > 1 ? "matches \(ambiguous.count) sectors" : "unknown sector",
          hint: ambiguous.count > 1
            ? "write more of the label: \(ambiguous.prefix(3).joined(separator: "; "))"
            : didYouMean(name, among: model.sectors).map { "did you mean '\($0)'?" } ?? "sectors: \(model.sectors.prefix(12).joined(separator: "; "))"))
        continue
      }
      guard let v = Double(valueText), v.isFinite, v >= 0 else {
        issues.append(DataIssue(
          file: "--perturb", field: name, reason: "'\(spec[spec.index(after: eq)...])' is not a fraction or a number of hours",
          hint: "e.g. 0.05 or 72h"))
        continue
      }
      c[i] = hours ? v / 8760 : v
      parts.append("\(model.sectors[i]) = \(NumberFormat.significant(c[i], digits: 4))\(hours ? " (\(NumberFormat.number(v)) h of 8760)" : "")")
    }
    if !issues.isEmpty { throw DataError(issues) }
    if perturbation == nil && perturb.isEmpty && commonCause == nil {
      guard astar == nil && ioTable == nil && scores == nil, let power = model.sectorIndex("electric-power") else {
        throw UsageError(
          message: "no perturbation given", hint: "add --perturbation FILE or --perturb SECTOR=VALUE (e.g. --perturb \(model.sectors[0])=0.05)")
      }
      c[power] = 72.0 / 8760
      parts.append("electric-power = \(NumberFormat.significant(c[power], digits: 4)) (72 h of 8760: the plan's wide-area power outage)")
    }
    return (c, parts.joined(separator: "; "))
  }

  // MARK: Static

  func runStatic(_ model: InoperabilityModel, _ c: [Double], description: String, table: InputOutputTable?) throws {
    let result = try model.equilibrium(c, saturation: clip ? .clip : .report, perturbationLabel: perturbation ?? "--perturb")
    let rho: Double? = model.count <= 2000 ? try model.spectralRadius() : nil
    let (dependency, influence) = try model.setolaIndices()
    let loss = result.loss
    let lossRank = result.rankingByLoss
    var lossPosition = [Int](repeating: 0, count: model.count)
    if let lossRank { for (r, i) in lossRank.enumerated() { lossPosition[i] = r + 1 } }
    if json {
      let sectors: [JSONValue] = result.rankingByInoperability.enumerated().map { rank, i in
        .object([
          ("id", .string(model.sectors[i])),
          ("inoperability", .number(result.inoperability[i])),
          ("saturated", .bool(result.saturated[i])),
          ("loss", loss.map { .number($0[i]) } ?? .null),
          ("perturbation", .number(c[i])),
          ("rank_by_inoperability", .int(rank + 1)),
          ("rank_by_loss", lossRank == nil ? .null : .int(lossPosition[i])),
          ("dependency_index", .number(dependency[i])),
          ("influence_gain", .number(influence[i])),
        ])
      }
      let out: [(String, JSONValue)] = [
        ("model", .string(model.origin)),
        ("perturbation", .string(description)),
        ("clipped", .bool(result.clipped)),
        ("spectral_radius", rho.map { .number($0) } ?? .null),
        ("spectral_radius_bounds", .array([.number(result.spectralBound.lower), .number(result.spectralBound.upper)])),
        ("sectors", .array(sectors)),
      ]
      print(JSONValue.object(out).serialized())
      return
    }
    print("Inoperability (IIM) of \(model.count) sectors; model: \(model.origin)")
    print("Perturbation c*: \(description)")
    if let rho {
      print("Spectral radius of A*: \(NumberFormat.significant(rho, digits: 6)) (stable; certified bounds \(NumberFormat.significant(result.spectralBound.lower, digits: 4))–\(NumberFormat.significant(result.spectralBound.upper, digits: 4)))")
    } else {
      print("Spectral radius of A*: between \(NumberFormat.significant(result.spectralBound.lower, digits: 4)) and \(NumberFormat.significant(result.spectralBound.upper, digits: 4)) (stable)")
    }
    let saturated = result.saturated.filter { $0 }.count
    if saturated > 0 {
      print("\(saturated) sector\(saturated == 1 ? "" : "s") saturated (q > 1)\(result.clipped ? ", clipped to 1 (bounded model)" : "; --clip solves the bounded model")")
    }
    print("")
    let limit = top == 0 ? model.count : min(top, model.count)
    var rows: [[String]] = [["rank", "sector", "q", "c*"] + (loss == nil ? [] : ["loss", "loss rank"]) + ["dependency", "influence"]]
    for (rank, i) in result.rankingByInoperability.prefix(limit).enumerated() {
      var row = [
        "\(rank + 1)", model.sectors[i] + (result.saturated[i] ? " (saturated)" : ""),
        NumberFormat.significant(result.inoperability[i], digits: 4), NumberFormat.significant(c[i], digits: 4),
      ]
      if let loss { row += [NumberFormat.significant(loss[i], digits: 5), "\(lossPosition[i])"] }
      row += [NumberFormat.significant(dependency[i], digits: 3), NumberFormat.significant(influence[i], digits: 3)]
      rows.append(row)
    }
    print("By inoperability q (fraction of output lost):")
    print(TextTable.render(rows, rightAligned: Set(0..<rows[0].count).subtracting([1])))
    if let loss, let lossRank {
      print("")
      print("By economic loss Q = x·q (the table's money unit per year; it ranks differently):")
      var lossRows: [[String]] = [["rank", "sector", "loss", "share", "q"]]
      let total = loss.reduce(0, +)
      for (rank, i) in lossRank.prefix(limit).enumerated() {
        lossRows.append([
          "\(rank + 1)", model.sectors[i], NumberFormat.significant(loss[i], digits: 5),
          total > 0 ? "\(NumberFormat.number(100 * loss[i] / total)) %" : "-", NumberFormat.significant(result.inoperability[i], digits: 4),
        ])
      }
      print(TextTable.render(lossRows, rightAligned: [0, 2, 3, 4]))
      print("Total loss: \(NumberFormat.significant(total, digits: 6))")
    }
    print("")
    print("dependency = mean of the sector's row of A* (how much it depends on others);")
    print("influence = mean of its column (how much others depend on it), after Setola et al. 2009.")
    if limit < model.count { print("(\(model.count - limit) more sectors; --top 0 shows all)") }
  }

  // MARK: Dynamic

  func runDynamic(_ model: InoperabilityModel, _ c: [Double], description: String) throws {
    let resilience: [Double]
    let resilienceSource: String
    if let k {
      resilience = try SectorValues.read(path: k, column: "k", sectors: model.sectors, missing: nil, range: 0...Double.greatestFiniteMagnitude)
      resilienceSource = "k from \(k)"
    } else if let recoverySteps {
      let times: [Double]
      if let uniform = Double(recoverySteps) {
        times = [Double](repeating: uniform, count: model.count)
        resilienceSource = "every sector recovers to 1/\(NumberFormat.significant(ratio)) in \(NumberFormat.significant(uniform)) steps"
      } else {
        times = try SectorValues.read(
          path: recoverySteps, column: "recovery_steps", sectors: model.sectors, missing: nil, range: 0...Double.greatestFiniteMagnitude)
        resilienceSource = "recovery steps from \(recoverySteps)"
      }
      resilience = try DynamicInoperabilityModel.resilience(recoveryTimes: times, ratio: ratio, model: model, origin: recoverySteps)
    } else {
      throw UsageError(message: "--dynamic needs resilience: --k FILE or --recovery-steps N|FILE", hint: "e.g. --recovery-steps 14")
    }
    let diim = try DynamicInoperabilityModel(model: model, resilience: resilience, origin: k ?? "recovery steps")
    let n = model.count
    let initialState: Matrix
    var segments: [DynamicInoperabilityModel.Segment]
    let zero = Matrix(rows: n, columns: 1)
    if initial == .equilibrium {
      initialState = Matrix(column: try model.equilibrium(c, saturation: .clip).inoperability)
      segments = [.init(steps: steps, perturbation: zero)]
    } else {
      initialState = zero
      let active = min(perturbationSteps ?? steps, steps)
      segments = [.init(steps: active, perturbation: Matrix(column: c)), .init(steps: steps - active, perturbation: zero)]
    }
    let run = try diim.simulate(initial: initialState, segments: segments, recordStates: true)
    let loss = diim.cumulativeLoss(run, stepFraction: stepDays / 365)
    let trajectory = (0..<n).map { i in run.states.map { $0[i, 0] } }
    let peaks = trajectory.map { t in t.indices.max { t[$0] < t[$1] }! }
    let order = (0..<n).sorted { run.cumulative[$0, 0] != run.cumulative[$1, 0] ? run.cumulative[$0, 0] > run.cumulative[$1, 0] : $0 < $1 }
    if json {
      let sectors: [JSONValue] = order.map { i in
        .object([
          ("id", .string(model.sectors[i])),
          ("k", .number(resilience[i])),
          ("trajectory", .array(trajectory[i].map { .number($0) })),
          ("peak", .number(trajectory[i][peaks[i]])),
          ("peak_step", .int(peaks[i])),
          ("cumulative_inoperability", .number(run.cumulative[i, 0])),
          ("cumulative_loss", loss.map { .number($0[i, 0]) } ?? .null),
        ])
      }
      print(JSONValue.object([
        ("model", .string(model.origin)), ("perturbation", .string(description)), ("resilience", .string(resilienceSource)),
        ("steps", .int(steps)), ("step_days", .number(stepDays)), ("initial", .string(initial.rawValue)),
        ("perturbation_steps", initial == .zero ? .int(min(perturbationSteps ?? steps, steps)) : .int(0)),
        ("sectors", .array(sectors)),
      ]).serialized())
      return
    }
    print("Dynamic inoperability (DIIM) of \(n) sectors over \(steps) steps of \(NumberFormat.number(stepDays)) day\(stepDays == 1 ? "" : "s"); model: \(model.origin)")
    print("Perturbation c*: \(description)\(initial == .zero ? ", for \(min(perturbationSteps ?? steps, steps)) steps from q(0) = 0" : "; recovery from the equilibrium q(0)")")
    print("Resilience: \(resilienceSource)")
    print("")
    let marks = Array(Set([0, steps / 4, steps / 2, 3 * steps / 4, steps])).sorted()
    var header = ["sector", "k"] + marks.map { "q(\($0))" } + ["peak (step)", "Σ q"]
    if loss != nil { header.append("loss") }
    var rows = [header]
    let limit = top == 0 ? n : min(top, n)
    for i in order.prefix(limit) {
      var row = [model.sectors[i], NumberFormat.significant(resilience[i], digits: 3)]
      row += marks.map { NumberFormat.significant(trajectory[i][$0], digits: 3) }
      row.append("\(NumberFormat.significant(trajectory[i][peaks[i]], digits: 3)) (\(peaks[i]))")
      row.append(NumberFormat.significant(run.cumulative[i, 0], digits: 4))
      if let loss { row.append(NumberFormat.significant(loss[i, 0], digits: 5)) }
      rows.append(row)
    }
    print(TextTable.render(rows, rightAligned: Set(1..<header.count)))
    print("")
    print("Σ q: inoperability summed over the steps; loss = x·Σq·(step days/365).")
    if limit < n { print("(\(n - limit) more sectors; --top 0 shows all)") }
  }

  // MARK: Matrices

  func printMatrixCSV(_ kind: String, model: InoperabilityModel, table: InputOutputTable?) throws {
    let matrix: Matrix
    switch kind {
    case "astar": matrix = model.interdependency
    case "technical", "allocation", "leontief", "ghosh":
      guard let table else {
        throw UsageError(message: "--print-matrix \(kind) needs --io-table", hint: "--print-matrix astar works with any model")
      }
      switch kind {
      case "technical": matrix = table.technicalCoefficients
      case "allocation": matrix = table.allocationCoefficients
      case "leontief": matrix = try table.leontiefInverse()
      default: matrix = try table.ghoshInverse()
      }
    default:
      throw UsageError(message: "unknown matrix '\(kind)'", hint: "use astar, technical, allocation, leontief or ghosh")
    }
    print(LabeledMatrix(labels: model.sectors, matrix: matrix).csv(), terminator: "")
  }
}

extension InputOutputSide: ExpressibleByArgument {}
