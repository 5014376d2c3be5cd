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

  @Option(help: "csaf: a CISA → plan sector mapping table (CSV) to use instead of the built-in one.")
  var sectorMapping: String?

  @Option(help: "edges, graphml: the sector id the imported nodes belong to.")
  var sector = "imported"

  @Option(
    name: .customLong("tables"),
    help: "Write dataset.json with its assets, dependencies and incidents as CSV tables into this folder instead of printing the document.")
  var tablesDirectory: String?

  func run() throws {
    do {
      let (dataset, report): (Dataset, ImportReport)
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
        (dataset, report) = try ShelbyCountyImporter.read(directory: path, failureProbabilities: noScenarios ? nil : folder)
      case .kev:
        let (entries, version) = try KEVImporter.read(path: path)
        dataset = Dataset(
          name: "cisa-kev", description: "CISA Known Exploited Vulnerabilities catalogue as threats",
          version: version ?? "unknown", provenance: "Imported by Rensa from \((path as NSString).lastPathComponent) (CISA, CC0-1.0)",
          threats: entries.map(\.asThreat))
        report = ImportReport(imported: ["threats": entries.count])
      case .stix:
        let (base, stixReport) = try STIXImporter.read(path: path)
        let threats = base.threats
        let file = (path as NSString).lastPathComponent
        dataset = Dataset(
          name: "mitre-attack", description: "MITRE ATT&CK (\(file)) as a threat catalogue",
          version: file, provenance: "Imported by Rensa from \(file) (MITRE ATT&CK, The MITRE Corporation; ATT&CK terms of use)",
          threats: threats)
        report = ImportReport(skipped: stixReport.skipped, imported: ["threats": threats.count])
      case .csaf:
        let plan = BuiltinDatasets.nisc2009(syntheticIncidents: nil)
        var mapping = CISASectorMapping.standard
        if let sectorMapping {
          mapping = try CISASectorMapping.parse(
            csv: try readTextFile(sectorMapping), file: sectorMapping, planSectors: Set(plan.sectors.map(\.id)))
        }
        let (advisories, csafReport) = try CSAFImporter.read(path: path, mapping: mapping)
        let threats = advisories.map(\.asThreat)
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
      if let tablesDirectory {
        try writeDatasetWithTables(dataset, into: tablesDirectory)
      } else {
        print(DatasetWriter.json(dataset), terminator: "")
      }
      let counts = report.imported.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", ")
      var log = "rensa import: \(source.rawValue): imported \(counts)\n"
      for issue in report.skipped { log += "  merged or skipped: \(issue)\n" }
      FileHandle.standardError.write(Data(log.utf8))
    } catch {
      RensaCLI.fail(error)
    }
  }
}
