import InternalRensaUtilities
import Foundation

/// What an importer did not take from its input, and why. Importers never drop data
/// silently: every skipped row or field is listed here.
public struct ImportReport: Sendable, Hashable {
  /// Rows or fields left out, with file, line and reason.
  public var skipped: [DataIssue]
  /// Counts of what was imported, by kind ("assets", "dependencies", …).
  public var imported: [String: Int]

  public init(skipped: [DataIssue] = [], imported: [String: Int] = [:]) {
    self.skipped = skipped
    self.imported = imported
  }
}

/// Imports the Shelby County (Memphis, TN) interdependent infrastructure networks of
/// Gonzalez, Dueñas-Osorio et al. (the `Extended_Shelby_County` CSV files) as an
/// asset-level dataset.
///
/// - Each node of the water, gas, power and telecom networks becomes an asset
///   `<network>:<ID>` (`water:0`, `power:13`, …) of the sectors `water`, `gas`,
///   `electric-power` and `information-communications`, with its population served as
///   `users` and its node type and coordinates in `notes`.
/// - Each arc becomes a dependency **in its listed direction** (parallel arcs between the
///   same two nodes are merged, and the report lists each merge), `Start Node → End Node`
///   (supply flows from start to end; the arcs are physically bidirectional but listed
///   once — Docs/Datasets.md states this reading); its kind follows the network (water,
///   fuel for gas, power, telecom) and its class is physical, cyber for telecom.
/// - Each row of `Interdep.csv` becomes a dependency `Dependee → Depender` of the class
///   the file gives (Physical or Cyber) and the kind of the dependee's network.
///
/// The earthquake failure probabilities of `INDP_7-20-2015` (`probM6.txt` … `probM9.txt`,
/// given as `failureProbabilities`) become one ``Scenario`` per magnitude, with one event
/// per node and per arc carrying its failure probability. They number nodes as the
/// original three-network model does, from 1. For water and gas that numbering is the
/// Extended set's plus one, and the importer **checks** it: every arc of the file must
/// map onto an arc of the Extended network (in either direction) and back, or the
/// network is not joined. Power has 60 nodes there against 75 here and no published
/// mapping, so its probabilities are skipped, and the report says so.
public enum ShelbyCountyImporter {
  static let networks: [(file: String, short: String, sector: String, kind: DependencyKind)] = [
    ("Water", "water", "water", .water), ("Gas", "gas", "gas", .fuel),
    ("Power", "power", "electric-power", .power), ("Telecommunication", "telecom", "information-communications", .telecom),
  ]

  /// How the networks are read: the modelling choices a study makes, as options rather
  /// than as edits of the imported dependencies. The defaults are the reading stated
  /// above (and in Docs/Datasets.md), which `rensa import shelby-county` writes.
  public struct Options: Sendable, Hashable {
    /// The direction of an arc of a network.
    public enum ArcDirection: Sendable, Hashable {
      /// `Start Node → End Node`, as listed (supply flows from start to end).
      case listed
      /// Both ways: the arcs are physically bidirectional (a node may be fed from either end).
      case bothWays
    }
    /// Redundancy inside a network.
    public enum Redundancy: Sendable, Hashable {
      /// Every supplier is required (the all-AND reading).
      case none
      /// A node needs **any one** of its suppliers in its own network: its arcs form one
      /// group of alternatives (`group` "<network>-supply", `need` 1). Interdependencies
      /// between networks stay required.
      case anyFeederInOwnNetwork
    }
    public var arcDirection: ArcDirection
    public var redundancy: Redundancy
    /// Hours a node holds out after losing a supplier in its own network (`delayHours`
    /// of the arcs' dependencies, ≥ 0).
    public var arcDelayHours: Double
    /// Hours a node holds out after losing a supplier in another network (`delayHours`
    /// of the interdependencies, ≥ 0).
    public var interdependencyDelayHours: Double
    /// Hours a node needs after its supplier returns (`recoveryHours` of every
    /// dependency, ≥ 0).
    public var recoveryHours: Double

    public init(
      arcDirection: ArcDirection = .listed, redundancy: Redundancy = .none, arcDelayHours: Double = 0,
      interdependencyDelayHours: Double = 0, recoveryHours: Double = 0
    ) {
      self.arcDirection = arcDirection
      self.redundancy = redundancy
      self.arcDelayHours = arcDelayHours
      self.interdependencyDelayHours = interdependencyDelayHours
      self.recoveryHours = recoveryHours
    }

    /// The reading as words, for the dataset's provenance.
    var provenance: String {
      var text = arcDirection == .listed ? "Arcs read Start Node → End Node" : "Arcs read both ways"
      if redundancy == .anyFeederInOwnNetwork { text += ", any one feeder in a node's own network suffices" }
      text += "; interdependencies Dependee → Depender."
      if arcDelayHours > 0 || interdependencyDelayHours > 0 || recoveryHours > 0 {
        text += " Delays: \(NumberFormat.hours(arcDelayHours)) within a network, \(NumberFormat.hours(interdependencyDelayHours)) between networks; recovery \(NumberFormat.hours(recoveryHours))."
      }
      return text
    }
  }

  /// Reads the folder `Extended_Shelby_County`.
  ///
  /// ```swift
  /// // Bidirectional arcs, any feeder in the node's own network, 4 h of backup.
  /// let options = ShelbyCountyImporter.Options(arcDirection: .bothWays, redundancy: .anyFeederInOwnNetwork, arcDelayHours: 4)
  /// let (dataset, report) = try ShelbyCountyImporter.read(directory: "Extended_Shelby_County", options: options)
  /// ```
  ///
  /// - Parameters:
  ///   - directory: the folder `Extended_Shelby_County`.
  ///   - failureProbabilities: the folder `INDP_7-20-2015/Failure probabilities`, whose
  ///     `probM6.txt` … `probM9.txt` become earthquake scenarios; `nil` for none.
  ///   - options: how the networks are read (``Options``); the defaults are the reading above.
  /// - Throws: ``DataError`` listing every malformed row of every file, or
  ///   (``DataError/unreadable``) a file that cannot be read.
  public static func read(directory: String, failureProbabilities: String? = nil, options: Options = Options()) throws(DataError)
    -> (dataset: Dataset, report: ImportReport)
  {
    let values = [options.arcDelayHours, options.interdependencyDelayHours, options.recoveryHours]
    guard values.allSatisfy({ $0.isFinite && $0 >= 0 && $0 <= Limits.maximumHours }) else {
      throw DataError([DataIssue(
        file: directory, field: "ShelbyCountyImporter.Options",
        reason: "delays and recovery must be hours between 0 and \(NumberFormat.number(Limits.maximumHours))")])
    }
    do {
      return try readUntyped(directory: directory, failureProbabilities: failureProbabilities, options: options)
    } catch { throw DataError.from(error, file: directory) }
  }

  static func readUntyped(directory: String, failureProbabilities: String?, options: Options) throws -> (
    dataset: Dataset, report: ImportReport
  ) {
    var issues: [DataIssue] = []
    var report = ImportReport()
    func table(_ name: String, required columns: [String]) throws -> DelimitedTable? {
      let path = (directory as NSString).appendingPathComponent(name)
      let text = try readTextFile(path)
      guard let t = DelimitedTable.parse(text, file: name, delimiter: ",", issues: &issues) else { return nil }
      for c in columns where t.column(c) == nil {
        issues.append(DataIssue(file: name, line: t.headerLine, field: c, reason: "required column is missing"))
      }
      return columns.allSatisfy { t.column($0) != nil } ? t : nil
    }
    func integer(_ text: String, _ file: String, _ line: Int, _ field: String) -> Int? {
      if let d = Double(text), d == d.rounded(), d >= 0, d < 1e9 { return Int(d) }
      issues.append(DataIssue(file: file, line: line, field: field, reason: "'\(text)' is not a node number"))
      return nil
    }
    let plan = BuiltinDatasets.nisc2009(syntheticIncidents: nil)
    var sectors: [Sector] = []
    var assets: [Asset] = []
    var dependencies: [Dependency] = []
    /// Where each dependency was read (file, line, the columns of its two ends, the node files they refer to).
    var origins: [(file: String, line: Int, supplierField: String, dependentField: String, supplierNodes: String, dependentNodes: String)] = []
    var known = Set<String>()
    for network in networks {
      if let s = plan.sectors.first(where: { $0.id == network.sector }) { sectors.append(s) }
      let nodesFile = "\(network.file)Nodes.csv"
      if let nodes = try table(nodesFile, required: ["ID"]) {
        let id = nodes.column("ID")!
        let type = nodes.column("Node Type")
        let x = nodes.column("X")
        let y = nodes.column("Y")
        let population = nodes.column("population")
        for row in nodes.rows {
          guard let n = integer(row.fields[id], nodesFile, row.line, "ID") else { continue }
          let assetID = "\(network.short):\(n)"
          guard known.insert(assetID).inserted else {
            issues.append(DataIssue(file: nodesFile, line: row.line, field: "ID", reason: "duplicate node \(n)"))
            continue
          }
          let kind = type.map { row.fields[$0] } ?? "node"
          var users: Int? = nil
          if let population, let p = Double(row.fields[population]), p >= 0 { users = Int(p) }
          var notes = "Shelby County \(network.short) network, \(kind)"
          if let x, let y { notes += ", lon \(row.fields[x]), lat \(row.fields[y])" }
          assets.append(Asset(id: assetID, name: "\(kind) \(n)", sector: network.sector, users: users, notes: notes))
        }
      }
      let arcsFile = "\(network.file)Arcs.csv"
      if let arcs = try table(arcsFile, required: ["Start Node", "End Node"]) {
        let start = arcs.column("Start Node")!
        let end = arcs.column("End Node")!
        let arcID = arcs.column("ID")
        var firstLine: [String: Int] = [:]
        var added = Set<String>()
        for row in arcs.rows {
          guard let s = integer(row.fields[start], arcsFile, row.line, "Start Node"),
            let e = integer(row.fields[end], arcsFile, row.line, "End Node")
          else { continue }
          // Parallel arcs (two lines between the same nodes) are one node-level dependency.
          if let first = firstLine["\(s)>\(e)"] {
            report.skipped.append(
              DataIssue(
                file: arcsFile, line: row.line,
                reason: "parallel arc \(network.short):\(s) → \(network.short):\(e) merged into the arc on line \(first)",
                hint: "a node-level dependency already links these nodes"))
            continue
          }
          firstLine["\(s)>\(e)"] = row.line
          let group = options.redundancy == .anyFeederInOwnNetwork ? "\(network.short)-supply" : nil
          for (from, to, direction) in [(s, e, "listed direction"), (e, s, "reverse direction")] {
            if direction == "reverse direction" && options.arcDirection == .listed { continue }
            // Both ways: an arc listed in each direction is one link, added once each way.
            guard added.insert("\(network.short):\(from)>\(network.short):\(to)").inserted else { continue }
            origins.append(
              (arcsFile, row.line, from == s ? "Start Node" : "End Node", from == s ? "End Node" : "Start Node",
               "\(network.file)Nodes.csv", "\(network.file)Nodes.csv"))
            dependencies.append(
              Dependency(
                supplier: "\(network.short):\(from)", dependent: "\(network.short):\(to)", kind: network.kind,
                class: network.kind == .telecom ? .cyber : .physical, group: group, delayHours: options.arcDelayHours,
                recoveryHours: options.recoveryHours,
                source: "Shelby County data (Gonzalez, Dueñas-Osorio et al.), \(arcsFile) arc \(arcID.map { row.fields[$0] } ?? "?"), \(direction)"))
          }
        }
      }
    }
    let interdependencies = "Interdep.csv"
    if let t = try table(
      interdependencies, required: ["Dependee Node", "Depender Node", "Dependee Network", "Depender Network", "Type"])
    {
      let byName = Dictionary(uniqueKeysWithValues: networks.map { ($0.file, $0) })
      for row in t.rows {
        let dependeeName = row.fields[t.column("Dependee Network")!]
        let dependerName = row.fields[t.column("Depender Network")!]
        guard let from = byName[dependeeName], let to = byName[dependerName] else {
          for (name, field) in [(dependeeName, "Dependee Network"), (dependerName, "Depender Network")] where byName[name] == nil {
            issues.append(
              DataIssue(
                file: interdependencies, line: row.line, field: field, reason: "unknown network '\(name)'",
                hint: "expected one of \(networks.map(\.file).joined(separator: ", "))"))
          }
          continue
        }
        guard let s = integer(row.fields[t.column("Dependee Node")!], interdependencies, row.line, "Dependee Node"),
          let d = integer(row.fields[t.column("Depender Node")!], interdependencies, row.line, "Depender Node")
        else { continue }
        let type = row.fields[t.column("Type")!]
        guard let cls = DependencyClass(rawValue: type.lowercased()) else {
          issues.append(DataIssue(file: interdependencies, line: row.line, field: "Type", reason: "'\(type)' is neither Physical nor Cyber"))
          continue
        }
        origins.append((interdependencies, row.line, "Dependee Node", "Depender Node", "\(from.file)Nodes.csv", "\(to.file)Nodes.csv"))
        dependencies.append(
          Dependency(
            supplier: "\(from.short):\(s)", dependent: "\(to.short):\(d)", kind: from.kind, class: cls,
            delayHours: options.interdependencyDelayHours, recoveryHours: options.recoveryHours,
            source: "Shelby County data (Gonzalez, Dueñas-Osorio et al.), Interdep.csv line \(row.line)"))
      }
    }
    // Every endpoint must be a known node: said on the row that names it.
    for (dep, origin) in zip(dependencies, origins) {
      for (end, field, nodes) in [(dep.supplier, origin.supplierField, origin.supplierNodes), (dep.dependent, origin.dependentField, origin.dependentNodes)]
      where !known.contains(end) {
        let number = end.split(separator: ":").last.map(String.init) ?? end
        issues.append(DataIssue(file: origin.file, line: origin.line, field: field, reason: "no node \(number) in \(nodes)"))
      }
    }
    var scenarios: [Scenario] = []
    if let failureProbabilities, issues.isEmpty {
      scenarios = try earthquakeScenarios(
        folder: failureProbabilities, dependencies: dependencies, issues: &issues, report: &report)
    }
    guard issues.isEmpty else { throw DataError(issues.inFileAndLineOrder) }
    report.imported = ["sectors": sectors.count, "assets": assets.count, "dependencies": dependencies.count]
    if !scenarios.isEmpty {
      report.imported["scenarios"] = scenarios.count
      report.imported["scenario events"] = scenarios.reduce(0) { $0 + $1.events.count }
    }
    let dataset = Dataset(
      name: "shelby-county",
      description: "Shelby County (Memphis, TN) interdependent water, gas, power and telecom networks",
      version: "Extended_Shelby_County",
      provenance: "Imported by Rensa from htalebiyan/Dec2py Extended_Shelby_County (data of Gonzalez, Dueñas-Osorio et al., INDP papers; MIT licence). \(options.provenance)",
      sectors: sectors, assets: assets, dependencies: dependencies, scenarios: scenarios)
    return (dataset, report)
  }

  /// The networks of the original model, by its network number.
  static let originalNetworks: [Int: (short: String, joined: Bool)] = [
    1: ("water", true), 2: ("gas", true), 3: ("power", false),
  ]

  /// One probability line of a `probM*.txt` file: `( s, t, k) p` (an arc) or `( i, k) p` (a node).
  struct ProbabilityLine {
    var line: Int
    var numbers: [Int]
    var probability: Double
  }

  /// Reads `probM<magnitude>.txt` for magnitudes 6–9 and turns them into scenarios.
  static func earthquakeScenarios(
    folder: String, dependencies: [Dependency], issues: inout [DataIssue], report: inout ImportReport
  ) throws -> [Scenario] {
    let arcs = Set(dependencies.map { "\($0.supplier)>\($0.dependent)" })
    var scenarios: [Scenario] = []
    for magnitude in 6...9 {
      let name = "probM\(magnitude).txt"
      let path = (folder as NSString).appendingPathComponent(name)
      let text = try readTextFile(path)
      var section: String? = nil
      var arcLines: [ProbabilityLine] = []
      var nodeLines: [ProbabilityLine] = []
      var lineNumber = 0
      for raw in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }) {
        lineNumber += 1
        let line = raw.trimmingSpaces()
        if line.isEmpty || line.hasPrefix("%") { continue }
        if line.hasSuffix(":[") {
          section = String(line.dropLast(2))
          continue
        }
        if line == "]" {
          section = nil
          continue
        }
        guard let section, section == "proba" || section == "probn" else {
          issues.append(DataIssue(file: name, line: lineNumber, reason: "unexpected text outside the proba and probn lists"))
          continue
        }
        guard line.hasPrefix("("), let close = line.firstIndex(of: ")") else {
          issues.append(DataIssue(file: name, line: lineNumber, field: section, reason: "expected '(…) probability'"))
          continue
        }
        let numbers = line[line.index(after: line.startIndex)..<close].split(separator: ",").map {
          Int($0.trimmingSpaces())
        }
        let p = Double(line[line.index(after: close)...].trimmingSpaces())
        let arity = section == "proba" ? 3 : 2
        guard numbers.count == arity, numbers.allSatisfy({ $0 != nil && $0! >= 1 }), let p, p >= 0, p <= 1 else {
          issues.append(
            DataIssue(
              file: name, line: lineNumber, field: section,
              reason: "expected \(arity == 3 ? "(start, end, network)" : "(node, network)") with positive whole numbers and a probability in [0, 1]"))
          continue
        }
        let entry = ProbabilityLine(line: lineNumber, numbers: numbers.map { $0! }, probability: p)
        if section == "proba" { arcLines.append(entry) } else { nodeLines.append(entry) }
      }
      guard issues.isEmpty else { continue }

      // Which networks map onto the Extended set: every arc, in either direction, and back.
      var joinable: [Int: Bool] = [:]
      for (k, network) in originalNetworks {
        guard network.joined else { continue }
        let mapped = arcLines.filter { $0.numbers[2] == k }.map { (s: "\(network.short):\($0.numbers[0] - 1)", t: "\(network.short):\($0.numbers[1] - 1)") }
        let allMap = mapped.allSatisfy { arcs.contains("\($0.s)>\($0.t)") || arcs.contains("\($0.t)>\($0.s)") }
        let covered = Set(mapped.map { "\($0.s)>\($0.t)" })
        let extended = arcs.filter { arc in
          arc.split(separator: ">").allSatisfy { $0.hasPrefix(network.short + ":") }
        }
        let allCovered = extended.allSatisfy { covered.contains($0) }
        joinable[k] = allMap && allCovered
      }

      var events: [ScenarioEvent] = []
      var seen = Set<ScenarioEvent.Target>()
      var skipped: [Int: (nodes: Int, arcs: Set<[Int]>, lines: Int, first: Int, last: Int)] = [:]
      func skip(_ k: Int, node: Bool, line: Int, arc: [Int] = []) {
        var s = skipped[k] ?? (0, [], 0, line, line)
        if node { s.nodes += 1 } else { s.arcs.insert(arc) }
        s.lines += 1
        s.first = min(s.first, line)
        s.last = max(s.last, line)
        skipped[k] = s
      }
      for entry in nodeLines {
        let k = entry.numbers[1]
        guard let network = originalNetworks[k], joinable[k] == true else {
          skip(k, node: true, line: entry.line)
          continue
        }
        events.append(
          ScenarioEvent(
            target: .node("\(network.short):\(entry.numbers[0] - 1)"), probability: entry.probability,
            source: "\(name) line \(entry.line)"))
      }
      for entry in arcLines {
        let k = entry.numbers[2]
        guard let network = originalNetworks[k], joinable[k] == true else {
          skip(k, node: false, line: entry.line, arc: [entry.numbers[0], entry.numbers[1]])
          continue
        }
        let s = "\(network.short):\(entry.numbers[0] - 1)"
        let t = "\(network.short):\(entry.numbers[1] - 1)"
        // The file lists each arc in both directions; the Extended set lists it once.
        guard arcs.contains("\(s)>\(t)") else { continue }
        let target = ScenarioEvent.Target.dependency(supplier: s, dependent: t)
        guard seen.insert(target).inserted else {
          if let first = events.first(where: { $0.target == target }), first.probability != entry.probability {
            issues.append(
              DataIssue(
                file: name, line: entry.line,
                reason: "arc \(s) → \(t) is listed again with probability \(entry.probability), not \(first.probability)",
                hint: "see \(first.source ?? "the first listing")"))
          }
          continue
        }
        events.append(ScenarioEvent(target: target, probability: entry.probability, source: "\(name) line \(entry.line)"))
      }
      for (k, s) in skipped.sorted(by: { $0.key < $1.key }) {
        let network = originalNetworks[k]?.short ?? "network \(k)"
        let why =
          originalNetworks[k] == nil
          ? "the original model has no network \(k)"
          : originalNetworks[k]!.joined
            ? "its node numbering does not map onto the Extended set (checked arc by arc)"
            : "the original model numbers power nodes differently from the Extended set (60 against 75) and no mapping is published"
        report.skipped.append(
          DataIssue(
            file: name, line: s.first,
            reason:
              "\(s.nodes) \(network) node and \(s.arcs.count) directed arc failure probabilities (\(s.lines) lines, \(s.first)–\(s.last)) not joined: \(why)"))
      }
      scenarios.append(
        Scenario(
          id: "earthquake-M\(magnitude)", name: "Earthquake, magnitude \(magnitude)",
          description:
            "Failure probability of each water and gas node and pipeline of Shelby County in an earthquake of magnitude \(magnitude) (INDP model); each event is drawn independently with its probability.",
          source: "INDP_7-20-2015/Failure probabilities/\(name) (Gonzalez, Dueñas-Osorio et al.; MIT licence)", events: events))
    }
    return scenarios
  }
}
