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
/// The earthquake failure probabilities of `INDP_7-20-2015` number nodes as the
/// original three-network model does, which differs from the Extended set for power
/// (60 nodes there, 75 here); they are not joined here.
public enum ShelbyCountyImporter {
  static let networks: [(file: String, short: String, sector: String, kind: DependencyKind)] = [
    ("Water", "water", "water", .water), ("Gas", "gas", "gas", .fuel),
    ("Power", "power", "electric-power", .power), ("Telecommunication", "telecom", "information-communications", .telecom),
  ]

  /// Reads the folder `Extended_Shelby_County`.
  ///
  /// - Throws: ``InputFileError`` for a missing or unreadable file; ``DataError`` listing
  ///   every malformed row of every file.
  public static func read(directory: String) throws -> (dataset: Dataset, report: ImportReport) {
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
          dependencies.append(
            Dependency(
              supplier: "\(network.short):\(s)", dependent: "\(network.short):\(e)", kind: network.kind,
              class: network.kind == .telecom ? .cyber : .physical,
              source: "Shelby County data (Gonzalez, Dueñas-Osorio et al.), \(arcsFile) arc \(arcID.map { row.fields[$0] } ?? "?"), listed direction"))
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
          issues.append(
            DataIssue(
              file: interdependencies, line: row.line, field: "Dependee Network",
              reason: "unknown network '\(byName[dependeeName] == nil ? dependeeName : dependerName)'",
              hint: "expected one of \(networks.map(\.file).joined(separator: ", "))"))
          continue
        }
        guard let s = integer(row.fields[t.column("Dependee Node")!], interdependencies, row.line, "Dependee Node"),
          let d = integer(row.fields[t.column("Depender Node")!], interdependencies, row.line, "Depender Node")
        else { continue }
        let type = row.fields[t.column("Type")!].lowercased()
        guard let cls = DependencyClass(rawValue: type) else {
          issues.append(DataIssue(file: interdependencies, line: row.line, field: "Type", reason: "'\(type)' is neither Physical nor Cyber"))
          continue
        }
        dependencies.append(
          Dependency(
            supplier: "\(from.short):\(s)", dependent: "\(to.short):\(d)", kind: from.kind, class: cls,
            source: "Shelby County data (Gonzalez, Dueñas-Osorio et al.), Interdep.csv line \(row.line)"))
      }
    }
    // Every endpoint must be a known node.
    for (i, dep) in dependencies.enumerated() {
      for end in [dep.supplier, dep.dependent] where !known.contains(end) {
        issues.append(
          DataIssue(file: directory, field: "dependencies[\(i)]", reason: "\(dep.source) names the unknown node '\(end)'"))
      }
    }
    guard issues.isEmpty else { throw DataError(issues) }
    report.imported = ["sectors": sectors.count, "assets": assets.count, "dependencies": dependencies.count]
    let dataset = Dataset(
      name: "shelby-county",
      description: "Shelby County (Memphis, TN) interdependent water, gas, power and telecom networks",
      version: "Extended_Shelby_County",
      provenance: "Imported by Rensa from htalebiyan/Dec2py Extended_Shelby_County (data of Gonzalez, Dueñas-Osorio et al., INDP papers; MIT licence). Arcs read Start Node → End Node; interdependencies Dependee → Depender.",
      sectors: sectors, assets: assets, dependencies: dependencies)
    return (dataset, report)
  }
}
