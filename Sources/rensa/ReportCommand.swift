import ArgumentParser
import Foundation
import Rensa
import RensaReport
import RensaStore

struct ReportCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "report",
    abstract: "Write the annual common-threat report (HTML, Markdown, JSON).",
    discussion: """
      One command turns a dataset (and the incident store) into the yearly
      report of the plan's common threat analysis: indicators, static and
      dynamic interdependency, restoration priorities, inoperability,
      common threats, changes since last year, methods (Docs/Report.md).

      The report is for one audience (--audience, TLP 2.0; default GREEN):
      records marked above it are not used, and below AMBER counts from
      fewer than --min-reporters organisations are withheld and no operator
      is named.

      With no arguments it reports the latest year of the built-in
      nisc-2009 dataset into ./rensa-report/.

      Examples:
        rensa report
        rensa report --year 2025 --audience amber --out reports/2025
        rensa report --dataset my-dataset.json --store incidents.sqlite --format html
        rensa report --dataset 2026.json --previous 2025.json
        rensa report --lang ja                        (the national edition in Japanese)
        rensa report --lang ja --fiscal-year --audience amber   (counted by 年度)
        rensa report --notes findings-2026.md         (the analyst's findings and recommendations)
        rensa report --io-table iotable_13sector_2011.csv \\
          --io-sectors Datasets/nisc-2009/industries-japan-2011-13.csv --io-unit "million JPY"
      """)

  @Option(parsing: .unconditional, help: "The year to report, 1900–2200 (default: the latest with incidents).")
  var year: Int?

  @Option(name: [.customLong("dataset"), .customLong("data")], help: "Dataset: built-in name (nisc-2009) or a dataset file.")
  var data: String = BuiltinDatasets.nisc2009Name

  @Option(help: ArgumentHelp("Last year's dataset, for the changes in dependencies.", valueName: "dataset"))
  var previous: String?

  @Option(help: ArgumentHelp("Input-output table (CSV) for economic losses.", valueName: "file"))
  var ioTable: String?

  @Option(help: ArgumentHelp("Sector-to-industry shares (CSV sector,industry,share).", valueName: "file"))
  var ioSectors: String?

  @Option(help: "Unit of the input-output table's values, e.g. \"million JPY\".")
  var ioUnit = "table units"

  @Option(help: "Also use the incidents of this store (SQLite; see rensa incidents), and its publication ledger.")
  var store: String?

  @Flag(help: "Record this edition in the store's publication ledger: later reports show its years as published here.")
  var publish = false

  @Option(help: "Audience: clear, green, amber, amber-strict or red.")
  var audience: String = "green"

  @Option(help: "Formats, comma-separated: html, md, json, pdf (pdf prints the HTML with headless Chromium), navigator (ATT&CK Navigator layers of the year's techniques), stix (a STIX 2.1 bundle of the findings).")
  var format: String = "html,md,json"

  @Option(help: "Output folder.")
  var out: String = "rensa-report"

  @Option(help: "Below AMBER: withhold counts from fewer reporters than this (at least 2).")
  var minReporters = 3

  @Option(help: ArgumentHelp(
    "Below AMBER: also withhold a count where one reporter holds more than this per cent of it (0 < p < 100; default: off).",
    valueName: "p"))
  var dominance: Double?

  @Option(help: ArgumentHelp(
    "Below AMBER: p of the p % rule on the user-hours sums, and the least uncertainty (in %) of a withheld one (0 < p < 100).",
    valueName: "p"))
  var impactPercent: Double = 10

  @Option(help: "Seed of the Monte Carlo ranges.")
  var seed: UInt64 = 1

  @Option(help: "Monte Carlo trials per uncertain scenario.")
  var trials = 2_000

  @Option(help: "Restoration crews working at once.")
  var crews = 2

  @Option(help: "Largest single-failure table (n × n bits), e.g. 512M. Default: half of memory.")
  var memoryLimit: ByteSize?

  @Option(help: ArgumentHelp("CISA's KEV catalogue (.json or .csv): marks the CVEs known to be exploited.", valueName: "file"))
  var kev: String?

  @Option(help: "Language of the report: en (English) or ja (日本語). The numbers are the same in both.")
  var lang: String = "en"

  @Option(help: ArgumentHelp("The analyst's findings and recommendations (Markdown), placed in the summary.", valueName: "file"))
  var notes: String?

  @Flag(help: "Count by fiscal year (年度, 1 April – 31 March); --year is then the fiscal year (default: the dataset's countingYear, else calendar; below AMBER only the dataset's).")
  var fiscalYear = false

  @Flag(help: "Count by calendar year (default: the dataset's countingYear, else calendar; below AMBER only the dataset's).")
  var calendarYear = false

  var language: ReportLanguage? { ReportLanguage(rawValue: lang.lowercased()) }

  var formats: [String] { format.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).lowercased() } }

  var scope: SharingScope? {
    let key = audience.uppercased().replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "TLP:", with: "")
    return SharingScope(rawValue: key)
  }

  func validate() throws {
    if let year, !(1900...2200).contains(year) {
      throw ValidationError("--year must be a year from 1900 to 2200, not \(year)")
    }
    if scope == nil { throw ValidationError("--audience must be clear, green, amber, amber-strict or red, not '\(audience)'") }
    if language == nil { throw ValidationError("--lang must be en or ja, not '\(lang)'") }
    let unknown = formats.filter { !["html", "md", "markdown", "json", "pdf", "navigator", "stix"].contains($0) }
    if !unknown.isEmpty || formats.isEmpty {
      throw ValidationError("--format takes html, md, json, pdf, navigator and stix (comma-separated), not '\(format)'")
    }
    if minReporters < 2 {
      throw ValidationError(
        "--min-reporters must be at least 2, not \(minReporters): with 1 a count from a single reporter would be published")
    }
    if !(impactPercent > 0 && impactPercent < 100) {
      throw ValidationError("--impact-percent takes a percentage strictly between 0 and 100, not \(NumberFormat.significant(impactPercent, digits: 6))")
    }
    if let dominance, !(dominance > 0 && dominance < 100) {
      throw ValidationError("--dominance takes a percentage strictly between 0 and 100, not \(NumberFormat.significant(dominance, digits: 6))")
    }
    if trials < 1 { throw ValidationError("--trials must be at least 1") }
    if !(1...Limits.maximumCrews).contains(crews) {
      throw ValidationError("--crews must be between 1 and \(Limits.maximumCrews) (more crews than failed nodes change nothing)")
    }
    if publish && store == nil {
      throw ValidationError("--publish records what the report publishes in the store's ledger: give --store")
    }
    if fiscalYear && calendarYear { throw ValidationError("--fiscal-year and --calendar-year exclude each other: an edition counts in one of them") }
    if (ioTable == nil) != (ioSectors == nil) {
      throw ValidationError("--io-table and --io-sectors go together: the table's industries and which share of each a sector is")
    }
  }

  /// A built-in dataset by name, or a dataset file, with the SHA-256 of the file.
  static func loadDataset(_ name: String) throws -> (Dataset, String?) {
    if name == BuiltinDatasets.nisc2009Name { return (BuiltinDatasets.nisc2009(), nil) }
    let dataset = try DatasetReader.read(path: name)
    // The provenance names a dataset file by the SHA-256 of its bytes.
    return (dataset, FileManager.default.contents(atPath: name).map { SHA256.hex($0) })
  }

  func run() throws {
    do {
      // An output that cannot be a folder is said before any work is done.
      try AtomicFiles.checkFolder(out)
      let (dataset, digest) = try Self.loadDataset(data)
      var last: (Dataset, String?)? = nil
      if let previous { last = try Self.loadDataset(previous) }
      var economy: ReportEconomy?
      if let ioTable, let ioSectors {
        let table = try InputOutputTableReader.read(path: ioTable).domesticFlows()
        for note in table.notes { FileHandle.standardError.write(Data("note: \(ioTable): \(note)\n".utf8)) }
        let model = try table.inoperabilityModel(.demand)
        let links = try ReportEconomy.readConcordance(path: ioSectors, sectors: dataset.sectors.map(\.id), model: model)
        let name = URL(fileURLWithPath: ioTable).lastPathComponent
        economy = try ReportEconomy(model: model, links: links, unit: ioUnit, origin: name)
      }
      var stored: [Incident] = []
      var ledger: [PublishedYear] = []
      if let store {
        // A report reads a store; it must not create an empty one from a mistyped path.
        guard FileManager.default.fileExists(atPath: store) else {
          throw InputFileError(path: store, kind: .missing, detail: "no incident store here (rensa incidents import creates one)")
        }
        let reader = try IncidentStore(readingFrom: store)
        stored = try reader.incidents()
        ledger = try reader.publications().compactMap { p in
          guard let entry = PublishedYear(json: p.entry) else {
            throw StoreError(path: store, reason: "publication ledger entry \(p.kind) \(p.year) \(p.edition) is not readable: the store is damaged")
          }
          return entry
        }
      }
      // A PDF needs a browser to print it: found before any work, so that nothing is
      // written without it.
      var printer: String? = nil
      if formats.contains("pdf") {
        guard let found = ReportPrinter.chromium() else {
          let chosen = ProcessInfo.processInfo.environment["RENSA_CHROMIUM"] ?? ""
          throw PrintError(
            message: "--format pdf: the PDF is the HTML printed by headless Chromium or Chrome, and "
              + (chosen.isEmpty
                ? "neither was found on PATH (looked for \(ReportPrinter.candidates.joined(separator: ", ")))"
                : "RENSA_CHROMIUM (\(chosen)) is not an executable file"))
        }
        printer = found
      }
      var options = ReportOptions()
      if let notes { options.notes = try AnalystNotes(markdown: try readTextFile(notes), file: notes) }
      options.year = year
      options.audience = scope!
      options.minimumReporters = minReporters
      options.dominancePercent = dominance
      options.impactPercent = impactPercent
      options.seed = seed
      options.trials = trials
      options.crews = crews
      options.datasetDigest = digest
      options.previousDatasetDigest = last?.1
      options.singleFailureTableLimit = memoryLimit?.bytes
      options.language = language!
      if let kev { options.knownExploited = try KEVImporter.read(path: kev).entries }
      // The dataset's counting convention unless one is asked for.
      options.fiscalYear = fiscalYear || (!calendarYear && dataset.countingConvention == .fiscal)
      options.publicationLedger = ledger
      options.preparePublication = publish
      options.publicationTime = ISO8601DateFormatter().string(from: Date())
      let terminal = isatty(2) != 0
      let document = try AnnualReport.build(
        dataset: dataset, storeIncidents: stored, previous: last?.0, economy: economy, options: options) { done, total, what in
        guard terminal else { return }
        let width = 24
        let filled = total > 0 ? done * width / total : width
        let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
        FileHandle.standardError.write(Data("\r\(bar) \(done)/\(total) \(what.padding(toLength: 16, withPad: " ", startingAt: 0))".utf8))
        if done >= total { FileHandle.standardError.write(Data("\n".utf8)) }
      }
      for warning in document.warnings { FileHandle.standardError.write(Data("warning: \(warning)\n".utf8)) }
      for p in document.asPublished {
        FileHandle.standardError.write(Data(
          "note: \(p.year) is shown as published in \(p.report) (\(p.recordedAt)); \(p.changed) of its incidents changed since and are not in its figures\n".utf8))
      }
      // The ledger is written before the files: a year recorded and then not written
      // stays frozen (harmless); a year written and not recorded could be decided again.
      if publish, let store {
        if document.marking >= .amber {
          FileHandle.standardError.write(Data("note: --publish: nothing is withheld at \(document.markingLabel), so nothing is recorded\n".utf8))
        } else {
          let writer = try IncidentStore(path: store)
          let added = try writer.recordPublications(document.publication.map {
            IncidentStore.Publication(kind: $0.kind.rawValue, year: $0.year, fiscal: $0.fiscalYear, edition: $0.edition.rawValue, entry: $0.json)
          })
          let years = Set(added.map(\.year)).sorted()
          print("Recorded in the publication ledger of \(store): " + (years.isEmpty ? "nothing new (every year shown was published before)" : years.map(String.init).joined(separator: ", ")))
        }
      }
      let folder = URL(fileURLWithPath: out)
      // All or nothing, even on Ctrl-C (AtomicFiles, with the interruption handler).
      Interruption.install()
      var chosen: Set<ReportDocument.Format> = []
      if formats.contains("html") { chosen.insert(.html) }
      if formats.contains("md") || formats.contains("markdown") { chosen.insert(.markdown) }
      if formats.contains("json") { chosen.insert(.json) }
      if formats.contains("navigator") {
        chosen.insert(.navigator)
        if document.navigatorLayers.isEmpty {
          FileHandle.standardError.write(Data("note: no ATT&CK Navigator layer written: the incidents' techniques are published at TLP:AMBER and above (--audience amber), and only when the year's incidents name some\n".utf8))
        }
      }
      if formats.contains("stix") { chosen.insert(.stix) }
      var files: [(name: String, contents: FileContents)] = document.files(formats: chosen).map { ($0.name, .text($0.text)) }
      if let chromium = printer {
        if terminal { FileHandle.standardError.write(Data("printing the PDF with \(chromium)…\n".utf8)) }
        files.append(("\(document.fileStem).pdf", .bytes(try ReportPrinter.pdf(html: document.html, chromium: chromium))))
      }
      let written = try AtomicFiles.write(contents: files, into: out).map { URL(fileURLWithPath: $0) }
      print("Report \(document.year) of \(dataset.name) for \(document.markingLabel): \(document.sections.count) sections")
      for url in written where url.pathExtension != "svg" { print("  wrote \(url.path)") }
      let charts = written.filter { $0.pathExtension == "svg" }.count
      if charts > 0 { print("  wrote \(charts) charts to \(folder.appendingPathComponent("charts").path)/ (for the Markdown)") }
    } catch var error as DataError where error.issues.count == 1 && error.issues[0].field == "ReportOptions.year" {
      // The library names its option; the CLI names its flag.
      error.issues[0].field = nil
      error.issues[0].hint = "give --year, or a dataset or store with incidents"
      RensaCLI.fail(error)
    } catch {
      RensaCLI.fail(error)
    }
  }
}

