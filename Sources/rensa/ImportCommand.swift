import ArgumentParser
import Foundation
import Rensa

struct ImportCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "import",
    abstract: "Convert public data into a Rensa dataset document.",
    discussion: """
      Prints the dataset document on standard output (or, with --tables DIR,
      writes it with CSV tables) and what was imported, merged or skipped,
      with file and line, on standard error. Nothing is written when the
      input has problems; they are all listed and the exit code is 65.

      Sources:
        shelby-county DIR  Extended_Shelby_County (water, gas, power and
                           telecom networks of Memphis, TN, and their
                           interdependencies); the earthquake failure
                           probabilities (M6-M9) of the sibling folder
                           "INDP_7-20-2015/Failure probabilities" become
                           scenarios
        kev FILE           CISA's Known Exploited Vulnerabilities (.json or
                           .csv) as threats: one per CVE
        stix FILE          a MITRE ATT&CK STIX 2.1 bundle (ICS or Enterprise,
                           .json or .json.xz) as threats: techniques, and
                           groups, software and campaigns with the
                           techniques they use
        csaf PATH          CISA ICS advisories in CSAF 2.0 (a folder or the
                           .tar.xz archive) as threats: one per advisory with
                           its CVEs, CWEs, products, CVSS and the plan's
                           sectors (--sector-mapping FILE: an edited copy of
                           `rensa datasets --export cisa-sector-mapping`)
        edges FILE         an edge list (CSV or TSV) as assets of one sector
                           (--sector) and their dependencies
        graphml FILE       a GraphML network (networkx, igraph, yEd, Gephi)
                           likewise

      Example:
        rensa import shelby-county \\
          ../shared/datasets/shelby-county/Extended_Shelby_County > shelby.json
        rensa validate shelby.json
      """)

  enum Source: String, ExpressibleByArgument, CaseIterable {
    case shelbyCounty = "shelby-county"
    case kev
    case stix
    case csaf
    case edges
    case graphml
  }

  @Argument(help: "The kind of data: \(Source.allCases.map(\.rawValue).joined(separator: ", ")).")
  var source: Source

  @Argument(help: "The folder or file to read.")
  var path: String

  @Option(
    help: ArgumentHelp(
      "shelby-county: the folder of probM6.txt … probM9.txt (default: ../INDP_7-20-2015/Failure probabilities beside DIR, if present).",
      valueName: "folder"))
  var probabilities: String?

  @Flag(help: "shelby-county: leave out the earthquake scenarios.")
  var noScenarios = false

  enum Arcs: String, ExpressibleByArgument, CaseIterable { case listed, bothWays = "both-ways" }
  enum Redundancy: String, ExpressibleByArgument, CaseIterable { case none, anyFeeder = "any-feeder" }

  @Option(help: "shelby-county: arcs in their listed direction (listed), or both ways as the pipes and lines are physically (both-ways).")
  var arcs: Arcs = .listed

  @Option(help: "shelby-county: every supplier required (none), or a node needs any one of its feeders in its own network (any-feeder); interdependencies stay required.")
  var redundancy: Redundancy = .none

  @Option(help: "csaf: a CISA → plan sector mapping table (CSV) to use instead of the built-in one.")
  var sectorMapping: String?

  @Option(help: "edges, graphml: the sector id the imported nodes belong to.")
  var sector = "imported"

  @Option(
    help: ArgumentHelp(
      "kev, stix, csaf: the TLP marking of records whose source carries none (default: clear for kev and stix, public catalogues; amber for csaf, whose 2.0 format lets a label out). A source's own marking always wins.",
      valueName: "marking"))
  var marking: String?

  @Option(
    name: .customLong("tables"),
    help: "Write dataset.json with its assets, dependencies and incidents as CSV tables into this folder instead of printing the document.")
  var tablesDirectory: String?

  /// The marking of unmarked records (`--marking`, else the source's default).
  var unmarked: SharingScope {
    marking.flatMap { SharingScope(marking: $0) } ?? (source == .csaf ? .amber : .clear)
  }

  func validate() throws {
    if let marking, SharingScope(marking: marking) == nil {
      throw ValidationError("--marking must be clear, green, amber, amber-strict or red (TLP 1.0's white is clear), not '\(marking)'")
    }
    if (arcs != .listed || redundancy != .none) && source != .shelbyCounty {
      throw ValidationError("--arcs and --redundancy apply to shelby-county")
    }
    if marking != nil && ![.kev, .stix, .csaf].contains(source) {
      throw ValidationError("--marking applies to kev, stix and csaf, which import threats; \(source.rawValue) imports none")
    }
  }

  /// Refuses to write a document that `rensa validate` would reject, naming the
  /// records (by id) and what is wrong with them.
  static func checkWritable(_ dataset: Dataset, source: String) throws(DataError) {
    do {
      _ = try DatasetReader.parse(DatasetWriter.json(dataset), file: "imported")
    } catch {
      func record(_ field: String?) -> String {
        guard let field, let open = field.firstIndex(of: "["), let close = field.firstIndex(of: "]"),
          let k = Int(field[field.index(after: open)..<close])
        else { return "" }
        let collection = String(field[..<open])
        let ids: [String: [String]] = [
          "threats": dataset.threats.map(\.id), "assets": dataset.assets.map(\.id), "sectors": dataset.sectors.map(\.id),
          "scenarios": dataset.scenarios.map(\.id), "incidents": dataset.incidents.map(\.id),
          "dependencies": dataset.dependencies.map { "\($0.supplier) → \($0.dependent)" },
        ]
        guard let list = ids[collection], list.indices.contains(k) else { return "" }
        return " (\(collection.dropLast()) '\(list[k])')"
      }
      throw DataError(error.issues.map { issue in
        DataIssue(
          file: source, field: issue.field,
          reason: "the import would write a record that rensa validate rejects\(record(issue.field)): \(issue.reason)",
          hint: "nothing was written; correct the source, or report it if the source is right")
      })
    }
  }

  func run() throws {
    do {
      let (dataset, report): (Dataset, ImportReport)
      // What the import says about markings (stated on standard error).
      var markingNote: String? = nil
      switch source {
      case .shelbyCounty:
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else {
          throw InputFileError(path: path, kind: .missing, detail: "no such folder (expected Extended_Shelby_County)")
        }
        var folder = probabilities
        if folder == nil && !noScenarios {
          let sibling = ((path as NSString).deletingLastPathComponent as NSString)
            .appendingPathComponent("INDP_7-20-2015/Failure probabilities")
          if FileManager.default.fileExists(atPath: sibling) { folder = sibling }
        }
        if let folder, !noScenarios {
          FileHandle.standardError.write(Data("rensa import: earthquake scenarios from \(folder)\n".utf8))
        }
        let options = ShelbyCountyImporter.Options(
          arcDirection: arcs == .listed ? .listed : .bothWays, redundancy: redundancy == .none ? .none : .anyFeederInOwnNetwork)
        (dataset, report) = try ShelbyCountyImporter.read(
          directory: path, failureProbabilities: noScenarios ? nil : folder, options: options)
      case .kev:
        let (entries, version) = try KEVImporter.read(path: path)
        dataset = Dataset(
          name: "cisa-kev", description: "CISA Known Exploited Vulnerabilities catalogue as threats",
          version: version ?? "unknown", provenance: "Imported by Rensa from \((path as NSString).lastPathComponent) (CISA, CC0-1.0)",
          threats: entries.map { $0.asThreat(marking: unmarked) })
        report = ImportReport(imported: ["threats": entries.count])
        markingNote = "the KEV catalogue carries no TLP marking: its \(entries.count) threats are marked TLP:\(unmarked.rawValue)\(marking == nil ? " (CISA publishes it under CC0-1.0; --marking sets another)" : " (--marking)")"
      case .stix:
        let (base, stixReport) = try STIXImporter.read(path: path)
        let threats = base.threats(unmarked: unmarked)
        let file = (path as NSString).lastPathComponent
        let unmarkedCount = base.objects.filter { $0.marking == nil && $0.kind != .asset && $0.kind != .mitigation }.count
        markingNote =
          unmarkedCount == 0
          ? "every threat keeps the bundle's TLP marking"
          : "\(unmarkedCount) of \(threats.count) threats carry no TLP marking in the bundle: marked TLP:\(unmarked.rawValue)\(marking == nil ? " (ATT&CK is public; --marking sets another)" : " (--marking)")"
        dataset = Dataset(
          name: "mitre-attack", description: "MITRE ATT&CK (\(file)) as a threat catalogue",
          version: file, provenance: "Imported by Rensa from \(file) (MITRE ATT&CK, The MITRE Corporation; ATT&CK terms of use)",
          threats: threats)
        report = ImportReport(skipped: stixReport.skipped, imported: ["threats": threats.count])
      case .csaf:
        // Ctrl-C or SIGTERM while unpacking removes the private temporary folder.
        Interruption.install()
        let plan = BuiltinDatasets.nisc2009(syntheticIncidents: nil)
        var mapping = CISASectorMapping.standard
        if let sectorMapping {
          mapping = try CISASectorMapping.parse(
            csv: try readTextFile(sectorMapping), file: sectorMapping, planSectors: Set(plan.sectors.map(\.id)))
        }
        let (advisories, csafReport) = try CSAFImporter.read(path: path, mapping: mapping)
        let threats = advisories.map { $0.asThreat(unmarked: unmarked) }
        let unmarkedCount = advisories.filter { $0.marking == nil }.count
        let byLabel = Dictionary(grouping: advisories.compactMap(\.marking), by: { $0 }).mapValues(\.count)
          .sorted { $0.key < $1.key }.map { "\($0.value) TLP:\($0.key.rawValue)" }.joined(separator: ", ")
        markingNote =
          (byLabel.isEmpty ? "" : "markings from the advisories' document.distribution.tlp.label: \(byLabel)")
          + (unmarkedCount == 0
            ? ""
            : (byLabel.isEmpty ? "" : "; ")
              + "\(unmarkedCount) advisories carry no TLP label: marked TLP:\(unmarked.rawValue)\(marking == nil ? " (not assumed public; --marking sets another)" : " (--marking)")")
        let used = Set(threats.flatMap(\.sectors))
        dataset = Dataset(
          name: "cisa-ics-advisories", description: "CISA ICS advisories (CSAF 2.0) as a threat catalogue",
          version: (path as NSString).lastPathComponent,
          provenance:
            "Imported by Rensa from CISA's CSAF advisories (\((path as NSString).lastPathComponent)); sectors mapped from CISA's 16 to the plan's 10 by \(sectorMapping ?? "the built-in table (rensa datasets --export cisa-sector-mapping)")",
          sectors: plan.sectors.filter { used.contains($0.id) }, threats: threats)
        report = ImportReport(skipped: csafReport.skipped, imported: csafReport.imported.merging(["threats": threats.count]) { _, b in b })
      case .edges, .graphml:
        let network = try source == .graphml ? GraphMLReader.read(path: path) : EdgeListReader.read(path: path)
        let base = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
        (dataset, report) = try NetworkImporter.dataset(
          from: network, name: base, sector: Sector(id: sector, name: "Imported from \((path as NSString).lastPathComponent)"))
      }
      // What an import writes, `rensa validate` accepts: the document is read back
      // through the validator (the same code) before anything is written.
      try Self.checkWritable(dataset, source: path)
      if let tablesDirectory {
        try writeDatasetWithTables(dataset, into: tablesDirectory)
      } else {
        print(DatasetWriter.json(dataset), terminator: "")
      }
      let counts = report.imported.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", ")
      var log = "rensa import: \(source.rawValue): imported \(counts)\n"
      if let markingNote { log += "rensa import: \(source.rawValue): \(markingNote)\n" }
      for issue in report.skipped { log += "  merged or skipped: \(issue)\n" }
      FileHandle.standardError.write(Data(log.utf8))
    } catch {
      RensaCLI.fail(error)
    }
  }
}
