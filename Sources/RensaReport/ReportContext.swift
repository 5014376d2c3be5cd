import Foundation
import InternalRensaUtilities
import Rensa

/// One chapter of the annual report: its own type, built from the shared context.
protocol ReportChapter {
  /// The chapter's name in the progress hook.
  static var step: String { get }
}

extension AnnualReport {
  /// What a chapter found that the summary's key findings use (filled as the chapters
  /// are built; the summary is built last).
  final class Ledger {
    /// The dependency changes since last year (with `previous`).
    var changes: DependencyChanges?
  }

  /// What every section needs.
  struct Context {
    let ledger = Ledger()
    let dataset: Dataset
    let view: ReportIncidents
    /// Every incident count the report publishes, after disclosure control.
    let disclosure: ReportDisclosure
    /// The year's user-hours lost by cause and sector, after disclosure control.
    let impact: ImpactTables
    let year: Int
    let options: ReportOptions
    /// The report's sentences, labels and number formats in its language.
    let text: any ReportCatalogue
    /// Display names (in the report's language) of sectors, systems, assets and CI
    /// services, and of threats.
    let sectorName: [String: String]
    let threatName: [String: String]
    /// Scenario names and descriptions, and topic titles, in the report's language.
    let scenarioText: [String: (name: String, description: String)]
    let topicTitle: [String: String]
    /// What the dataset gives in English only, shown in English in a Japanese report (the
    /// methods chapter lists it): kind of record, id, what is shown.
    let untranslated: [(kind: RecordKind, id: String, shown: String)]
    /// Each scenario's cascade, run once and shared by the chapters (or why it failed).
    let scenarios: [(scenario: Scenario, analysis: Result<ScenarioAnalysis, DataError>)]
    /// The dependency network and its closure, computed once (nil with the reason when
    /// the closure does not fit the memory limit).
    let network: DependencyNetwork
    let closure: Result<ClosureAnalysis, MemoryLimitExceeded>
    /// The single-failure table (n × n bits), shared by the closure and the single
    /// points of failure.
    let failureTable: Result<FailureTable, MemoryLimitExceeded>
    /// Sectors × catalogue threats per year up to the year reported, and the year's
    /// common-threat findings (nil: no visible incident that year), shared by the
    /// common-threat and the changes chapters.
    let threatMatrices: [Int: IncidenceMatrix]
    let findings: Result<CommonThreatFindings, any Error>?
    /// Last year's dataset, and the economy of the losses, when given.
    let previous: Dataset?
    let economy: ReportEconomy?
    /// What the provenance prints for the dataset and last year's: (label, SHA-256).
    let fingerprints: (dataset: (label: String, digest: String), previous: (label: String, digest: String)?)

    init(
      dataset: Dataset, view: ReportIncidents, disclosure: ReportDisclosure, impact: ImpactTables, year: Int, options: ReportOptions,
      previous: Dataset?, economy: ReportEconomy?,
      fingerprints: (dataset: (label: String, digest: String), previous: (label: String, digest: String)?)
    ) throws {
      self.fingerprints = fingerprints
      self.disclosure = disclosure
      self.impact = impact
      self.previous = previous
      self.economy = economy
      self.dataset = dataset
      self.view = view
      self.year = year
      self.options = options
      let text = options.language.catalogue(fiscalYear: options.fiscalYear)
      self.text = text
      network = dataset.dependencyNetwork
      let network = network
      let limit = options.singleFailureTableLimit ?? MemoryBudget.defaultLimit
      let table = Result { () throws(MemoryLimitExceeded) -> FailureTable in
        try FailureTable(network.requirementGraph, options: ClosureOptions(memoryLimit: limit))
      }
      failureTable = table
      closure = Result { () throws(MemoryLimitExceeded) -> ClosureAnalysis in
        try ClosureAnalysis(network, failureTable: try? table.get())
      }
      let matrices = AnnualReport.yearlyThreatMatrices(dataset, disclosure, through: year)
      threatMatrices = matrices
      if matrices[year] != nil {
        var settings = CommonThreatFindings.Options()
        settings.setsPerSize = 10
        findings = Result { try CommonThreatFindings(yearly: matrices, year: year, options: settings) }
      } else {
        findings = nil
      }
      scenarios = dataset.scenarios.map { s in
        (s, Result { () throws(DataError) -> ScenarioAnalysis in try ScenarioAnalysis(dataset: dataset, scenario: s.id) })
      }
      // Display names of sectors, systems and assets, and CI services, in the report's
      // language; a Japanese report shows the English name where the dataset has no
      // Japanese one, and lists it.
      let japanese = options.language == .japanese
      var missing: [(kind: RecordKind, id: String, shown: String)] = []
      func pick(_ kind: RecordKind, _ id: String, _ english: String, _ ja: String?) -> String {
        guard japanese else { return english }
        if let ja, !ja.isEmpty { return ja }
        missing.append((kind, id, english))
        return english
      }
      var names: [String: String] = [:]
      for s in dataset.sectors { names[s.id] = pick(.sector, s.id, s.name, s.nameJa) }
      for a in dataset.assets { names[a.id] = pick(.asset, a.id, a.name, a.nameJa) }
      for s in dataset.services { names[s.id] = pick(.service, s.id, s.name, s.nameJa) }
      sectorName = names
      var threats: [String: String] = [:]
      for t in dataset.threats { threats[t.id] = pick(.threat, t.id, t.name, t.nameJa) }
      threatName = threats
      var scenarioText: [String: (name: String, description: String)] = [:]
      for s in dataset.scenarios {
        scenarioText[s.id] = (pick(.scenario, s.id, s.name, s.nameJa), pick(.scenarioDescription, s.id, s.description, s.descriptionJa))
      }
      self.scenarioText = scenarioText
      var topics: [String: String] = [:]
      // Only the topics the report shows (of the year reported) are listed when missing.
      for t in dataset.topics.sorted(by: { $0.id < $1.id }) {
        topics[t.id] = t.year == year ? pick(.topic, t.id, t.title, t.titleJa) : japanese ? (t.titleJa ?? t.title) : t.title
      }
      topicTitle = topics
      if japanese && !dataset.provenance.isEmpty { missing.append((.provenance, dataset.name, dataset.provenance)) }
      untranslated = missing
    }

    /// The disclosure audit the report publishes: the counts of the years shown and the
    /// year's user-hours sums.
    var disclosureSummary: DisclosureSummary {
      var summary = disclosure.summary(shownYears: shownYears)
      summary.impact = impact.audit(percent: options.impactPercent)
      summary.asPublished = disclosure.asPublished
      return summary
    }

    var synthetic: Bool { view.visible.contains { $0.synthetic } }
    var trendWindow: [Int] { Context.window(year: year, options: options) }
    static func window(year: Int, options: ReportOptions) -> [Int] { Array((year - max(1, options.trendYears) + 1)...year) }
    func name(ofSector id: String) -> String { sectorName[id] ?? id }
    func name(ofThreat id: String) -> String { threatName[id] ?? id }
    func name(of scenario: Scenario) -> String { scenarioText[scenario.id]?.name ?? scenario.name }
    func description(of scenario: Scenario) -> String { scenarioText[scenario.id]?.description ?? scenario.description }
    func title(of topic: AnalysisTopic) -> String { topicTitle[topic.id] ?? topic.title }
    var syntheticNote: ReportBlock? { synthetic ? .note(text.syntheticSection) : nil }
    /// The published value of an incident count (after disclosure control).
    func count(_ year: Int, _ measure: CountMeasure) -> ReportValue { disclosure.value(year, measure) }
    /// As ``count(_:_:)``, for charts: nil when withheld or no data.
    func chartCount(_ year: Int, _ measure: CountMeasure) -> Double? {
      if case .count(let n) = count(year, measure) { return Double(n) }
      return nil
    }
    /// The years whose incident counts this report shows: the trend window and last year.
    var shownYears: [Int] { Array(Set(trendWindow + [year - 1])).sorted() }
  }

  // MARK: Helpers shared by the chapters

  /// Sectors × catalogue threats per year from the published counts: a withheld cell is
  /// left out (absent), so that findings are computed from what the audience may see.
  static func yearlyThreatMatrices(_ dataset: Dataset, _ disclosure: ReportDisclosure, through year: Int) -> [Int: IncidenceMatrix] {
    let sectors = dataset.sectors.map(\.id)
    let sectorIndex = Dictionary(uniqueKeysWithValues: sectors.enumerated().map { ($1, $0) })
    var yearly: [Int: IncidenceMatrix] = [:]
    for (y, block) in disclosure.years where y <= year {
      var cells: [String: [String]] = [:]
      for m in block.measures { if case .threat(let s, let t) = m { cells[s, default: []].append(t) } }
      // Features in order of first use over the sectors (threats sorted within a sector).
      var features: [String] = []
      var column: [String: Int] = [:]
      for s in sectors {
        for t in (cells[s] ?? []).sorted() where column[t] == nil {
          column[t] = features.count
          features.append(t)
        }
      }
      var m = Matrix(rows: sectors.count, columns: features.count)
      for (s, threats) in cells {
        guard let i = sectorIndex[s] else { continue }
        for t in threats {
          if case .count(let n) = disclosure.value(y, .threat(sector: s, threat: t)) { m[i, column[t]!] = Double(n) }
        }
      }
      yearly[y] = IncidenceMatrix(entities: sectors, features: features, weights: m)
    }
    return yearly
  }

  /// Whether any visible incident of an earlier year has the threat (in the sector, when
  /// given). "First seen" needs every earlier count to be 0, and zeros are always
  /// published, so this is what the earlier reports show; a withheld earlier count is
  /// never taken for 0.
  static func seenBefore(_ c: Context, threat: String, sector: String?) -> Bool {
    c.view.visible.contains { c.view.countingYear($0) < c.year && $0.threat == threat && (sector == nil || $0.sector == sector) }
  }

  /// The SHA-256 a report for `audience` may print for a dataset. The file's own
  /// digest only when the audience may see all of it (every incident and threat marked
  /// at or below the audience, and identities, AMBER and above); else the digest of
  /// the audience's view: the canonical JSON of the dataset without the records marked
  /// above the audience and, below AMBER, without the incidents' ids, reporters,
  /// operators and summaries. A digest of the whole file would let a reader confirm a
  /// guess about records they may not see.
  static func fingerprint(_ d: Dataset, fileDigest: String?, audience: SharingScope) -> (label: String, digest: String) {
    let hidesRecords = d.incidents.contains { !$0.sharing.isVisible(to: audience) } || d.threats.contains { !$0.sharing.isVisible(to: audience) }
    let hidesIdentities = audience < .amber && !d.incidents.isEmpty
    if !hidesRecords && !hidesIdentities {
      if let fileDigest { return ("SHA-256 (file)", fileDigest) }
      return ("SHA-256 (canonical JSON)", SHA256.hex(Array(DatasetWriter.json(d).utf8)))
    }
    var view = d
    view.threats = d.threats.filter { $0.sharing.isVisible(to: audience) }
    view.incidents = d.incidents.filter { $0.sharing.isVisible(to: audience) }
    if hidesIdentities {
      view.incidents = view.incidents.map { i in
        var copy = i
        copy.id = ""
        copy.reporter = ""
        copy.operator = nil
        copy.summary = nil
        return copy
      }
    }
    return (
      "SHA-256 of what TLP:\(audience.rawValue) may see (canonical JSON without records marked above it\(hidesIdentities ? ", and without incident ids, reporters, operators and summaries" : ""))",
      SHA256.hex(Array(DatasetWriter.json(view).utf8)))
  }
}
