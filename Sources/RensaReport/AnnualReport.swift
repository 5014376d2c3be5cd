import Rensa
import Foundation
import RensaCluster
import RensaGraph
import RensaLinearAlgebra
import InternalRensaUtilities

/// How the annual report is made.
public struct ReportOptions: Sendable, Hashable {
  /// The year reported; nil: the latest year with incidents (or with topics).
  public var year: Int?
  /// Who may read the report (its marking). Records marked above it are not used.
  public var audience: SharingScope = .green
  /// Below AMBER, counts from fewer distinct reporters are withheld (k ≥ 2), and every
  /// withheld count can take at least k values given everything the report publishes.
  public var minimumReporters = 3
  /// Below AMBER, the dominance rule: a count where one reporter holds more than this
  /// per cent of the incidents is withheld too; nil (the default): no dominance rule.
  public var dominancePercent: Double? = nil
  /// Whether complementary cells are withheld (off only in tests, to show the attack
  /// that then succeeds).
  package var secondarySuppression = true
  /// Whether a report whose disclosure audit fails is refused (off only in tests).
  package var enforceDisclosureAudit = true
  /// Seed of the Monte Carlo ranges (results depend only on it).
  public var seed: UInt64 = 1
  /// Monte Carlo trials per scenario with uncertain events.
  public var trials = 2_000
  /// Restoration crews working at once.
  public var crews = 2
  /// Years of the indicator trends (ending with the year reported).
  public var trendYears = 5
  /// The version string printed under "Methods and provenance": the library's own
  /// (`RensaRelease.string`), so that a report made from code says which Rensa made it.
  public var rensaVersion = RensaRelease.string
  /// SHA-256 of the dataset file as read, when it came from a file; nil: the digest of
  /// the dataset's canonical JSON is computed (fine for small datasets, slow for huge ones).
  public var datasetDigest: String? = nil
  /// Monte Carlo work budget: trials × dependencies at most this, 10⁸ (a scenario gets at least
  /// 100 trials); the section states when the trials were reduced.
  public var monteCarloBudget = 100_000_000
  /// The exhaustive check of the restoration order (up to 8 repairs) runs for models with
  /// at most this many dependencies.
  public var exhaustiveRestorationLimit = 100_000
  /// Bytes each single-failure table (n × n bits; this year's, and last year's when
  /// changes are compared) may take (`rensa report --memory-limit`); nil: half the
  /// memory. Above it the report says that single points of failure are not listed (or
  /// compared), and goes on. The closure keeps its own limit, half the memory.
  public var singleFailureTableLimit: Int? = nil
  /// SHA-256 of the previous year's dataset file, for the provenance; nil: the digest of
  /// its canonical JSON.
  public var previousDatasetDigest: String? = nil

  public init() {}
}

/// Builds the annual common-threat report (Docs/Report.md) from a dataset and,
/// optionally, incidents from the store: the plan's indicators, the static and dynamic
/// interdependency analyses, restoration priorities, inoperability, common threats,
/// the changes since last year, and the methods — for one audience.
public enum AnnualReport {
  /// A progress hook: (step, total steps, what), called on the thread that called
  /// ``build(dataset:storeIncidents:previous:economy:options:progress:)`` (a plain
  /// closure: it may collect into a local).
  public typealias Progress = (Int, Int, String) -> Void

  /// - Parameters:
  ///   - dataset: the dataset reported (model, threat catalogue, incidents, scenarios).
  ///   - storeIncidents: incidents from the store; a store incident replaces the
  ///     dataset's incident of the same id.
  ///   - previous: last year's dataset; with it, "Changes since last year" compares the
  ///     dependency models (`DependencyChanges`).
  ///   - economy: an input–output table and concordance; with it, "Inoperability" adds
  ///     the economic losses of the scenarios.
  ///   - options: year, audience, seed and the other settings.
  ///   - progress: called before each chapter (terminal progress bar).
  /// - Throws: `DataError` when the year has nothing to report, or an analysis
  ///   refuses its input (the message names it).
  public static func build(
    dataset: Dataset, storeIncidents: [Incident] = [], previous: Dataset? = nil, economy: ReportEconomy? = nil,
    options: ReportOptions = ReportOptions(), progress: Progress? = nil
  ) throws -> ReportDocument {
    // Incidents of the dataset and of the store, the store's copy winning on an id (ids
    // compared in their normal form, Identity.key). A store copy may not lower the
    // dataset record's marking, and every store incident must name a sector of the
    // dataset: both are refused, listing every case.
    var byID: [String: Incident] = [:]
    for i in dataset.incidents { byID[Identity.key(i.id)] = i }
    let sectorIDs = Set(dataset.sectors.map(\.id))
    var conflicts: [DataIssue] = []
    var unknownSectors: [String: [String]] = [:]
    for i in storeIncidents {
      let key = Identity.key(i.id)
      if let d = byID[key], i.sharing < d.sharing {
        conflicts.append(DataIssue(
          file: "store", field: "incidents", reason: "incident '\(i.id)' is marked TLP:\(i.sharing.rawValue) in the store but TLP:\(d.sharing.rawValue) in dataset \(dataset.name)\(d.id == i.id ? "" : " (as '\(d.id)')"): a store record may not lower a dataset record's marking",
          hint: "correct the marking in the store (rensa incidents remove, then import) or in the dataset"))
      }
      if !sectorIDs.contains(i.sector) { unknownSectors[i.sector, default: []].append(i.id) }
      byID[key] = i
    }
    for (sector, ids) in unknownSectors.sorted(by: { $0.key < $1.key }) {
      conflicts.append(DataIssue(
        file: "store", field: "incidents.sector",
        reason: "\(ids.count) store incident(s) name the sector '\(sector)', which dataset \(dataset.name) does not have (\(ids.sorted().prefix(5).joined(separator: ", "))\(ids.count > 5 ? ", …" : ""))",
        hint: (didYouMean(sector, among: sectorIDs).map { "did you mean '\($0)'? " } ?? "") + "they would count in no sector row; report with the dataset they belong to"))
    }
    if !conflicts.isEmpty { throw DataError(conflicts) }
    // The provenance fingerprints only what the audience may see (decided before
    // anything is filtered).
    let fingerprints = (
      dataset: fingerprint(dataset, fileDigest: options.datasetDigest, audience: options.audience),
      previous: previous.map { fingerprint($0, fileDigest: options.previousDatasetDigest, audience: options.audience) })
    // The threat catalogue as the audience may see it: entries marked above it are left
    // out, and incidents naming one count as "threat not identified".
    var dataset = dataset
    let hiddenThreats = Set(dataset.threats.filter { !$0.sharing.isVisible(to: options.audience) }.map(\.id))
    if !hiddenThreats.isEmpty { dataset.threats.removeAll { hiddenThreats.contains($0.id) } }
    let allIncidents = byID.values.map { i -> Incident in
      guard let t = i.threat, hiddenThreats.contains(t) else { return i }
      var copy = i
      copy.threat = nil
      return copy
    }.sorted { ($0.occurred, $0.id) < ($1.occurred, $1.id) }
    let view = ReportIncidents(allIncidents, audience: options.audience, minimumReporters: options.minimumReporters)
    let years = Set(view.visible.map(\.occurred.year)).union(dataset.topics.map(\.year))
    guard let year = options.year ?? years.max() else {
      throw DataError([DataIssue(
        file: dataset.name, field: "ReportOptions.year",
        reason: "nothing to report: no incident visible to TLP:\(options.audience.rawValue) and no analysis topic",
        hint: "set ReportOptions.year, or give incidents (in the dataset or as storeIncidents)")])
    }
    let rule = CellSuppression.Rule(
      minimumReporters: view.minimumReporters, dominancePercent: options.dominancePercent,
      secondary: options.secondarySuppression)
    // The years whose counts the report shows: the trend window and last year. Nothing
    // else is published from incidents (findings use these years' published counts).
    let shown = Set(Context.window(year: year, options: options) + [year - 1])
    let disclosure = try ReportDisclosure(visible: view.visible.filter { shown.contains($0.occurred.year) }, audience: options.audience, rule: rule)
    if options.enforceDisclosureAudit && !disclosure.isProtected {
      let failing = disclosure.audit.filter { ($0.range.width ?? .max) < rule.minimumReporters }
      throw DataError(failing.prefix(5).map { a in
        DataIssue(
          file: dataset.name,
          reason: "disclosure audit failed: the withheld count \(a.measure) of \(a.year) can be narrowed to \(a.range.least.map(String.init) ?? "?")…\(a.range.greatest.map(String.init) ?? "∞") "
            + "(fewer than \(rule.minimumReporters) values) from what the report publishes; nothing was written",
          hint: "report this as a bug: secondary suppression should have prevented it")
      })
    }
    let context = try Context(
      dataset: dataset, view: view, disclosure: disclosure, year: year, options: options, previous: previous, economy: economy,
      fingerprints: fingerprints)
    var sections: [ReportSection] = []
    let steps: [(String, (Context) throws -> ReportSection)] = [
      ("indicators", indicators), ("interdependency", interdependency), ("dynamic", dynamic),
      ("restoration", restoration), ("inoperability", inoperability), ("common threats", commonThreats),
      ("changes", changes), ("methods", methods),
    ]
    for (k, step) in steps.enumerated() {
      progress?(k, steps.count, step.0)
      sections.append(try step.1(context))
    }
    progress?(steps.count, steps.count, "done")
    sections.insert(summary(context, sections), at: 0)
    var caveats: [String] = []
    var warnings: [String] = []
    if !disclosure.hasData(year) {
      let warning =
        "No incident of \(year) is visible to TLP:\(options.audience.rawValue): the year's counts are shown as \"no data\" (not zero), "
        + "and the sections built from incidents have nothing to say about \(year)."
      warnings.append(warning)
      caveats.append(warning)
    }
    if context.synthetic {
      caveats.append(
        "The incident history of \(dataset.name) is SYNTHETIC (generated for demonstration); every count, trend and "
          + "common-threat finding built from it illustrates the method, not real events. Sections that use it say so.")
    }
    if view.suppresses {
      caveats.append(
        "This report is marked TLP:\(options.audience.rawValue): records marked above it are not used, and no operator is named. "
          + "Counts from fewer than \(view.minimumReporters) reporting organisations\(options.dominancePercent.map { ", or where one organisation holds more than \(NumberFormat.significant($0, digits: 3)) % of the incidents," } ?? "") "
          + "are withheld (shown as \"x\"), and so are the counts that would let one be worked out from totals, other "
          + "tables, other years or the other edition (CLEAR and GREEN); the methods chapter gives the audit.")
    }
    return ReportDocument(
      title: "Common threat analysis \(year): \(dataset.name)", year: year, marking: options.audience, caveats: caveats,
      sections: sections, warnings: warnings, disclosure: disclosure.summary(shownYears: context.shownYears))
  }

  /// What every section needs.
  struct Context {
    let dataset: Dataset
    let view: ReportIncidents
    /// Every incident count the report publishes, after disclosure control.
    let disclosure: ReportDisclosure
    let year: Int
    let options: ReportOptions
    let sectorName: [String: String]
    let threatName: [String: String]
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
      dataset: Dataset, view: ReportIncidents, disclosure: ReportDisclosure, year: Int, options: ReportOptions,
      previous: Dataset?, economy: ReportEconomy?,
      fingerprints: (dataset: (label: String, digest: String), previous: (label: String, digest: String)?)
    ) throws {
      self.fingerprints = fingerprints
      self.disclosure = disclosure
      self.previous = previous
      self.economy = economy
      self.dataset = dataset
      self.view = view
      self.year = year
      self.options = options
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
      // Display names of sectors, systems and assets, and CI services.
      var names: [String: String] = [:]
      for a in dataset.assets { names[a.id] = a.name }
      for s in dataset.services { names[s.id] = s.name }
      for s in dataset.sectors { names[s.id] = s.name }
      sectorName = names
      var threats: [String: String] = [:]
      for t in dataset.threats { threats[t.id] = t.name }
      threatName = threats
    }

    var synthetic: Bool { view.visible.contains { $0.synthetic } }
    var trendWindow: [Int] { Context.window(year: year, options: options) }
    static func window(year: Int, options: ReportOptions) -> [Int] { Array((year - max(1, options.trendYears) + 1)...year) }
    func name(ofSector id: String) -> String { sectorName[id] ?? id }
    func name(ofThreat id: String) -> String { threatName[id] ?? id }
    var syntheticNote: ReportBlock? {
      synthetic ? .note("Synthetic data: the incidents behind this section are generated, not real reports.") : nil
    }
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

  // MARK: 1. Summary

  static func summary(_ c: Context, _ sections: [ReportSection]) -> ReportSection {
    var blocks: [ReportBlock] = []
    if let note = c.syntheticNote { blocks.append(note) }
    var sentences: [String] = []
    let total = c.count(c.year, .exceeded)
    let previous = c.count(c.year - 1, .exceeded)
    switch total {
    case .noData:
      sentences.append("No incident of \(c.year) is available to this report (no data; \(previous.display) in \(c.year - 1)).")
    case .withheld:
      sentences.append(
        "In \(c.year), the number of IT failures that exceeded the verification level is withheld by disclosure control "
          + "(\(previous.display) in \(c.year - 1)).")
    default:
      sentences.append(
        "In \(c.year), \(total.display) IT failures that exceeded the verification level were reported over the "
          + "\(c.dataset.sectors.count) sectors (\(previous.display) in \(c.year - 1)).")
    }
    let byType = ThreatType.allCases.map { t in (t, c.count(c.year, .exceededOfType(t))) }
    let published = byType.compactMap { t, v -> (ThreatType, Int)? in if case .count(let n) = v { return (t, n) } else { return nil } }
    if let most = published.map(\.1).max(), most > 0 {
      let top = published.filter { $0.1 == most }.map { label($0.0) }
      let partial = published.count < byType.count
      let lead = partial ? "Of the causes whose counts are published, the most frequent" : "The most frequent cause"
      let leads = partial ? "Of the causes whose counts are published, the most frequent" : "The most frequent causes"
      sentences.append(
        top.count == 1
          ? "\(lead) was \(top[0]) (\(most))."
          : "\(leads) were, tied, \(top.dropLast().joined(separator: ", ")) and \(top.last!) (\(most) each).")
    }
    // The most critical sector as the interdependency chapter's table has it (a sector with
    // its systems and assets), so that the summary and the table agree.
    var bySector: [(name: String, failing: Int, dependents: Int)] = []
    for section in sections {
      for case .table(let t) in section.blocks where t.id == "closure-by-sector" {
        for row in t.rows {
          guard case .text(let name) = row[0], case .count(let dependents) = row[2], case .count(let failing) = row[3] else { continue }
          bySector.append((name, failing, dependents))
        }
      }
    }
    if let critical = bySector.max(by: { ($0.failing, $0.dependents) < ($1.failing, $1.dependents) }), critical.failing > 0 {
      let tied = bySector.filter { $0.failing == critical.failing && $0.dependents == critical.dependents }.map(\.name)
      let reach =
        "\(critical.failing) node\(critical.failing == 1 ? "" : "s") of other sectors certainly fail (\(critical.dependents) depend on it if no backup held)"
      sentences.append(
        tied.count == 1
          ? "\(critical.name) is the most critical sector: when it fails, with its systems and assets, \(reach)."
          : "\(tied.count) sectors are tied as the most critical (\(tied.dropLast().joined(separator: ", ")) and \(tied.last!)): "
            + "when any one fails, with its systems and assets, \(reach).")
    }
    if case .success(let closure) = c.closure {
      if !closure.loops.isEmpty {
        sentences.append("The dependency model has \(closure.loops.count) mutual-dependency loop\(closure.loops.count == 1 ? "" : "s").")
      }
    }
    if let first = c.scenarios.first, case .success(let analysis) = first.analysis {
      let scenario = first.scenario
      let down = analysis.sectors.filter { $0.failedNodes > 0 }.count
      sentences.append("In the scenario \"\(scenario.name)\", \(down) of \(analysis.sectors.count) sectors lose service.")
    }
    blocks.append(.paragraph(sentences.joined(separator: " ")))
    var rows: [[ReportValue]] = [
      [.text("IT failures exceeding the verification level"), total, previous],
    ]
    for t in ThreatType.allCases {
      rows.append([.text("… of which \(label(t))"), c.count(c.year, .exceededOfType(t)), c.count(c.year - 1, .exceededOfType(t))])
    }
    let topics = c.dataset.topics.filter { $0.year == c.year }
    let previousTopics = c.dataset.topics.filter { $0.year == c.year - 1 }
    rows.append([.text("Analysis topics completed / planned"),
                 .text("\(topics.filter { $0.status == .completed }.count) / \(topics.count)"),
                 .text("\(previousTopics.filter { $0.status == .completed }.count) / \(previousTopics.count)")])
    blocks.append(.table(ReportTable(
      id: "headline", caption: "Headline figures, \(c.year) and \(c.year - 1)",
      columns: ["indicator", "\(c.year)", "\(c.year - 1)"], rows: rows,
      base: "incidents that exceeded the verification level (the topics row: analysis topics)")))
    blocks.append(.note("Comparing operators or sectors by these counts is inappropriate (the plan's own warning): they "
                        + "depend on what each sector reports and on its size. Read what the numbers mean, not their rise "
                        + "and fall alone."))
    return ReportSection(id: "summary", title: "Summary", blocks: blocks)
  }

  static func label(_ t: ThreatType) -> String {
    switch t {
    case .intentional: return "intentional causes"
    case .unintentional: return "unintentional causes"
    case .disaster: return "disasters"
    case .spillover: return "spill-over from other sectors"
    }
  }

  // MARK: 2. Indicators

  static func indicators(_ c: Context) -> ReportSection {
    var blocks: [ReportBlock] = []
    if let note = c.syntheticNote { blocks.append(note) }
    let window = c.trendWindow
    blocks.append(.paragraph(
      "The plan's indicator of the operators' measures is the number of IT failures that exceeded the verification "
        + "level, totalled over the sectors. The tables count incidents visible to this report's audience, by the "
        + "year they occurred."))
    let base = "incidents that exceeded the verification level, by the year they occurred"
    var typeRows: [[ReportValue]] = []
    var series: [(name: String, values: [Double?])] = []
    for t in ThreatType.allCases {
      typeRows.append([.text(label(t))] + window.map { c.count($0, .exceededOfType(t)) })
      series.append((label(t), window.map { c.chartCount($0, .exceededOfType(t)) }))
    }
    typeRows.append([.text("total")] + window.map { c.count($0, .exceeded) })
    series.append(("total", window.map { c.chartCount($0, .exceeded) }))
    blocks.append(.table(ReportTable(
      id: "indicators-by-type", caption: "IT failures exceeding the verification level, by threat type and year",
      columns: ["threat type"] + window.map(String.init), rows: typeRows, base: base)))
    let empty = window.filter { !c.disclosure.hasData($0) }
    if !empty.isEmpty {
      blocks.append(.note(
        "No data for \(empty.map(String.init).joined(separator: ", ")): no incident of \(empty.count == 1 ? "that year" : "those years") "
          + "is available to this report. \"No data\" is not zero; the chart leaves a gap."))
    }
    blocks.append(.chart(ReportChart(
      id: "indicators-trend", title: "IT failures exceeding the verification level, \(window.first!)–\(window.last!)",
      alt: "Lines of the yearly counts by threat type and in total, \(window.first!) to \(window.last!); a gap is a withheld count "
        + "or a year with no data. Total in \(c.year): \(c.count(c.year, .exceeded).display).",
      kind: .lines(x: window.map(String.init), series: series))))
    var sectorRows: [[ReportValue]] = []
    for s in c.dataset.sectors {
      sectorRows.append([.text(s.name)] + window.map { c.count($0, .exceededInSector(s.id)) })
    }
    blocks.append(.table(ReportTable(
      id: "indicators-by-sector", caption: "IT failures exceeding the verification level, by sector and year",
      columns: ["sector"] + window.map(String.init), rows: sectorRows, base: base)))
    blocks.append(.note("Comparing sectors (or operators) by these counts is inappropriate: the plan says so itself. "
                        + "Sectors differ in size, in what they must report and in how they report it."))
    // Spill-overs of the year: origin sector → affected sector, the same base as above.
    let pairs = (c.disclosure.years[c.year]?.measures ?? []).compactMap { m -> (String, String)? in
      if case .spillover(let o, let a) = m { return (o, a) }
      return nil
    }
    blocks.append(.heading("Spill-over failures in \(c.year)"))
    if !c.disclosure.hasData(c.year) {
      blocks.append(.paragraph("No data for \(c.year)."))
    } else if pairs.isEmpty {
      blocks.append(.paragraph(
        "No spill-over failure (an incident caused by another sector's failure) that exceeded the verification level was reported in \(c.year)."))
    } else {
      blocks.append(.table(ReportTable(
        id: "spillovers", caption: "Spill-over failures in \(c.year): originating sector → affected sector",
        columns: ["originating sector", "affected sector", "incidents"],
        rows: pairs.map { o, a in [.text(c.name(ofSector: o)), .text(c.name(ofSector: a)), c.count(c.year, .spillover(origin: o, affected: a))] },
        base: "incidents that exceeded the verification level and were caused by another sector's failure (the headline's "
          + "spill-over row counts the same incidents by their cause)")))
    }
    // Analysis topics.
    let topics = c.dataset.topics.filter { $0.year == c.year }.sorted { ($0.priority, $0.id) < ($1.priority, $1.id) }
    blocks.append(.heading("Analysis topics \(c.year): planned and completed"))
    if topics.isEmpty {
      blocks.append(.paragraph("The dataset lists no analysis topic for \(c.year)."))
    } else {
      let done = topics.filter { $0.status == .completed }.count
      blocks.append(.paragraph("\(done) of the \(topics.count) topics planned for \(c.year) were completed."))
      blocks.append(.table(ReportTable(
        id: "topics", caption: "Common-threat analysis topics planned for \(c.year)",
        columns: ["topic", "priority", "status"],
        rows: topics.map { [.text($0.title), .count($0.priority), .text($0.status.rawValue)] })))
    }
    return ReportSection(id: "indicators", title: "Indicators", blocks: blocks)
  }

  // MARK: 3. Static interdependency

  static func interdependency(_ c: Context) throws -> ReportSection {
    var blocks: [ReportBlock] = []
    let sectors = c.dataset.sectors.map(\.id)
    let sectorOf = c.dataset.sectorOfNode
    // Direct dependencies between sectors, assets counted under their sector.
    var counts = [[Double?]](repeating: [Double?](repeating: nil, count: sectors.count), count: sectors.count)
    let index = Dictionary(uniqueKeysWithValues: sectors.enumerated().map { ($1, $0) })
    for d in c.dataset.dependencies {
      guard let s = sectorOf[d.supplier], let t = sectorOf[d.dependent], s != t, let j = index[s], let i = index[t] else { continue }
      counts[i][j] = (counts[i][j] ?? 0) + 1
    }
    blocks.append(.paragraph(
      "The dependency model of \(c.dataset.name) has \(c.dataset.dependencies.count) dependencies between "
        + "\(sectors.count) sectors and \(c.dataset.assets.count) systems and assets. A row depends on a column."))
    blocks.append(.chart(ReportChart(
      id: "dependency-matrix", title: "Direct dependencies between sectors",
      alt: "Heatmap of the number of direct dependencies of each sector (row) on each other sector (column), systems and assets counted under their sector.",
      kind: .heatmap(rows: sectors.map(c.name(ofSector:)), columns: sectors.map(c.name(ofSector:)), values: counts,
                     legend: "dependencies of the row on the column"))))
    let network = c.network
    let closure: ClosureAnalysis
    do {
      closure = try c.closure.get()
    } catch {
      throw DataError([DataIssue(file: c.dataset.name, reason: "the closure analysis refused the model: \(error)")])
    }
    // The single-failure table is n × n bits: when it does not fit, the chapter says so
    // and goes on.
    let single: [(id: String, causes: [String])]?
    let singleRefusal: String?
    switch c.failureTable {
    case .success(let table):
      single = SinglePointsOfFailure.mostExposed(network, limit: 15, table: table)
      singleRefusal = nil
    case .failure(let error):
      single = nil
      singleRefusal = error.description
    }
    // A sector is its own node and its systems and assets: each row counts what any of
    // them depends on, and what fails when all of them fail, the way `rensa closure`
    // does for one node (and the heatmap above counts their direct dependencies).
    let nodeByID = Dictionary(uniqueKeysWithValues: closure.nodes.map { ($0.id, $0) })
    var members: [String: [Int]] = [:]
    for (v, id) in network.nodeIDs.enumerated() { if let s = sectorOf[id] { members[s, default: []].append(v) } }
    let digraph = network.digraph
    let transposed = digraph.transposed()
    let propagation = FailurePropagation(network.requirementGraph)
    var rows: [[ReportValue]] = []
    for s in sectors {
      guard let nodes = members[s], !nodes.isEmpty else {
        rows.append([.text(c.name(ofSector: s)), .count(0), .count(0), .count(0), .count(0),
                     .text("none: neither the sector nor any of its systems and assets has a dependency in the model")])
        continue
      }
      let own = Set(nodes)
      let upstream = Reachability.downstream(ofAny: nodes, in: transposed).filter { !own.contains($0) }
      let downstream = Reachability.downstream(ofAny: nodes, in: digraph).filter { !own.contains($0) }
      let failing = propagation.failed(from: nodes).filter { !own.contains($0) }
      let depth = nodes.map { nodeByID[network.nodeIDs[$0]]?.depth ?? 0 }.max() ?? 0
      let upstreamSectors = Set(upstream.compactMap { sectorOf[network.nodeIDs[$0]] }).subtracting([s])
      let names = sectors.filter { upstreamSectors.contains($0) }.map(c.name(ofSector:))
      rows.append([
        .text(c.name(ofSector: s)), .count(upstream.count), .count(downstream.count), .count(failing.count),
        .count(depth), .text(names.isEmpty ? "—" : names.joined(separator: ", ")),
      ])
    }
    blocks.append(.table(ReportTable(
      id: "closure-by-sector",
      caption: "Transitive dependencies of each sector, its systems and assets included",
      columns: ["sector", "depends on (nodes)", "depended on by (all required)", "fail with it (backups honoured)", "depth",
                "sectors it depends on, directly or not"],
      rows: rows,
      base: "nodes outside the sector (its own node, systems and assets are not counted); \"fail with it\": what certainly "
        + "fails when the whole sector fails; depth: the deepest of its nodes")))
    blocks.append(.heading("Mutual-dependency loops"))
    if closure.loops.isEmpty {
      blocks.append(.paragraph("The model has no mutual-dependency loop: its dependency depth is \(closure.depth)."))
    } else {
      blocks.append(.paragraph("\(closure.loops.count) loop\(closure.loops.count == 1 ? "" : "s") (nodes that depend on each other, directly or not); dependency depth \(closure.depth), a loop counting as one step:"))
      blocks.append(.table(ReportTable(
        id: "loops", caption: "Mutual-dependency loops (largest first)", columns: ["loop", "size", "nodes"],
        rows: closure.loops.sorted { $0.count != $1.count ? $0.count > $1.count : $0.first! < $1.first! }.prefix(20).enumerated().map { k, loop in
          let names = loop.map(c.name(ofSector:))
          let shown = names.count <= 20 ? names.joined(separator: ", ") : names.prefix(19).joined(separator: ", ") + " and \(ReportValue.grouped(names.count - 19)) more"
          return [.text("\(k + 1)"), .count(loop.count), .text(shown)]
        })))
      if closure.loops.count > 20 { blocks.append(.paragraph("… and \(closure.loops.count - 20) smaller loops.")) }
    }
    blocks.append(.heading("Criticality"))
    blocks.append(.paragraph(
      "Nodes ranked by how many other nodes certainly fail when they alone fail, honouring backups (requirement "
        + "groups); beside it the reach if every dependency were required. The gap is what redundancy buys."))
    blocks.append(.table(ReportTable(
      id: "criticality", caption: "Most critical nodes (top 12)",
      columns: ["node", "fail with it (backups honoured)", "depend on it (all required)"],
      rows: closure.rankedByCriticality.prefix(12).map {
        [.text(c.name(ofSector: $0.id)), .count($0.downstreamWithRedundancy), .count($0.downstream)]
      })))
    blocks.append(.heading("Single points of failure"))
    if let singleRefusal {
      blocks.append(.note("Single points of failure are not listed: \(singleRefusal)."))
    } else if let single, single.isEmpty {
      blocks.append(.paragraph("No node fails because of one other node alone: every dependency has a working backup."))
    } else {
      blocks.append(.table(ReportTable(
        id: "single-points", caption: "Nodes brought down by a single other node (backups honoured), most exposed first",
        columns: ["node", "count", "single points of failure"],
        rows: (single ?? []).map { s in
          let names = s.causes.map(c.name(ofSector:))
          let shown = names.count <= 12 ? names.joined(separator: ", ") : names.prefix(11).joined(separator: ", ") + " and \(names.count - 11) more"
          return [.text(c.name(ofSector: s.id)), .count(names.count), .text(shown)]
        })))
    }
    return ReportSection(id: "interdependency", title: "Interdependency (static)", blocks: blocks)
  }

  // MARK: 4. Dynamic analysis

  static func dynamic(_ c: Context) throws -> ReportSection {
    var blocks: [ReportBlock] = []
    if c.dataset.scenarios.isEmpty {
      blocks.append(.paragraph("The dataset defines no failure scenario."))
      return ReportSection(id: "dynamic", title: "Dynamic analysis", blocks: blocks)
    }
    blocks.append(.paragraph(
      "Each scenario's initial failures propagate through the dependencies with their times to impact (backup "
        + "durations), delays and recovery times (Docs/Cascade.md). Bars show when each sector has any node down; "
        + "red bars are still down at the end of the horizon."))
    for (scenario, result) in c.scenarios {
      let analysis = try result.get()
      blocks.append(.heading(scenario.name))
      blocks.append(.paragraph(scenario.description + " Source: " + scenario.source + "."))
      if scenario.isAssumption { blocks.append(.note("This scenario's values are the dataset author's assumptions.")) }
      let affected = analysis.sectors.filter { !$0.intervals.isEmpty }
      blocks.append(.chart(ReportChart(
        id: "gantt-\(scenario.id)", title: "\(scenario.name): sectors down over time",
        alt: "\(affected.count) of \(analysis.sectors.count) sectors lose service within \(NumberFormat.significant(analysis.horizon, digits: 4)) h; "
          + affected.prefix(4).map { "\(c.name(ofSector: $0.sector)) from \(NumberFormat.significant($0.intervals[0].start, digits: 4)) h" }.joined(separator: ", ")
          + (affected.count > 4 ? ", …" : "") + ".",
        kind: .gantt(rows: analysis.sectors.map { c.name(ofSector: $0.sector) },
                     intervals: analysis.sectors.map { $0.intervals.map { (start: $0.start, end: $0.end) } },
                     horizon: analysis.horizon, unit: "hours from the start of the scenario"))))
      blocks.append(.table(ReportTable(
        id: "sectors-\(scenario.id)", caption: "\(scenario.name): outcome by sector",
        columns: ["sector", "first down (h)", "restored (h)", "nodes failed", "node-hours lost", "user-hours lost"],
        rows: analysis.sectors.map { s in
          [.text(c.name(ofSector: s.sector)),
           s.intervals.first.map { .number($0.start, digits: 4, unit: nil) } ?? .none,
           s.intervals.isEmpty ? .none : (s.intervals.last!.end.map { .number($0, digits: 4, unit: nil) } ?? .text("not within horizon")),
           .count(s.failedNodes), .number(s.nodeHours, digits: 5, unit: nil),
           s.userHours.map { .number($0, digits: 5, unit: nil) } ?? .none]
        })))
      let crossed = analysis.services.filter { $0.crossedAt != nil }
      if !analysis.services.isEmpty {
        blocks.append(.table(ReportTable(
          id: "services-\(scenario.id)", caption: "\(scenario.name): CI services and their verification levels",
          columns: ["service", "sector", "crosses the level at (h)", "how it was judged"],
          rows: analysis.services.map { s in
            [.text(c.name(ofSector: s.service)), .text(c.name(ofSector: s.sector)),
             s.crossedAt.map { .number($0, digits: 4, unit: nil) } ?? .text(s.assessable ? "not crossed" : "not assessable"),
             .text(s.note)]
          })))
        blocks.append(.paragraph("\(crossed.count) of \(analysis.services.count) CI services cross their verification level in this scenario."))
      }
      if !analysis.uncertainEvents.isEmpty {
        let edges = max(1, analysis.cascade.network.dependencies.count)
        let trials = min(c.options.trials, max(100, c.options.monteCarloBudget / edges))
        let mc = try ScenarioMonteCarlo(analysis: analysis, trials: trials, seed: c.options.seed)
        blocks.append(.paragraph(
          "\(analysis.uncertainEvents.count) events of this scenario are uncertain; \(mc.trials) Monte Carlo trials (seed "
            + "\(mc.seed)) give the ranges below: the probability that the sector is affected and the 5th, 50th and 95th "
            + "percentiles of its node-hours lost."
            + (trials < c.options.trials
              ? " (Reduced from \(c.options.trials) trials to keep this model of \(ReportValue.grouped(edges)) dependencies within the report's "
                + "time budget; a probability's 95 % interval is then at most ±\(NumberFormat.significant(0.98 / Double(trials).squareRoot(), digits: 2)).)"
              : "")))
        blocks.append(.table(ReportTable(
          id: "montecarlo-\(scenario.id)", caption: "\(scenario.name): Monte Carlo ranges by sector",
          columns: ["sector", "probability affected", "node-hours 5 %", "median", "95 %"],
          rows: mc.sectors.map { s in
            [.text(c.name(ofSector: s.sector)), .number(s.probabilityAffected, digits: 3, unit: nil),
             .number(s.nodeHours5, digits: 4, unit: nil), .number(s.nodeHoursMedian, digits: 4, unit: nil),
             .number(s.nodeHours95, digits: 4, unit: nil)]
          })))
      }
    }
    return ReportSection(id: "dynamic", title: "Dynamic analysis", blocks: blocks)
  }

  // MARK: 5. Restoration priorities

  static func restoration(_ c: Context) -> ReportSection {
    var blocks: [ReportBlock] = []
    blocks.append(.paragraph(
      "With \(c.options.crews) restoration crew\(c.options.crews == 1 ? "" : "s") working at once, what to restore first to lose "
        + "the fewest service-hours: a greedy order that re-simulates the cascade exactly, checked against the best "
        + "order when there are few repairs. Each rank says what it brings back earlier."))
    for (scenario, result) in c.scenarios {
      blocks.append(.heading(scenario.name))
      do {
        let exhaustive = c.dataset.dependencies.count <= c.options.exhaustiveRestorationLimit
        let p = try ScenarioRestorationPriority(
          analysis: try result.get(), dataset: c.dataset, crews: c.options.crews, exhaustiveLimit: exhaustive ? 8 : 0)
        blocks.append(.table(ReportTable(
          id: "restoration-\(scenario.id)", caption: "\(scenario.name): restoration order",
          columns: ["rank", "restore", "repair from (h)", "to (h)", "\(p.weightUnit) saved", "why"],
          rows: p.ranks.enumerated().map { k, r in
            [.count(k + 1), .text(c.name(ofSector: r.id)), .number(r.repairStart, digits: 4, unit: nil),
             .number(r.repairEnd, digits: 4, unit: nil), .number(r.hoursSaved, digits: 5, unit: nil), .text(r.explanation)]
          })))
        if !exhaustive {
          blocks.append(.paragraph(
            "This order loses \(NumberFormat.significant(p.greedyCost, digits: 6)) \(p.weightUnit). The best order is not "
              + "searched for models of more than \(ReportValue.grouped(c.options.exhaustiveRestorationLimit)) dependencies."))
        } else if let optimal = p.optimalCost {
          blocks.append(.paragraph(
            "This order loses \(NumberFormat.significant(p.greedyCost, digits: 6)) \(p.weightUnit); the best order loses "
              + "\(NumberFormat.significant(optimal, digits: 6))."))
        }
      } catch {
        blocks.append(.paragraph("No restoration order: \(error)."))
      }
    }
    return ReportSection(id: "restoration", title: "Restoration priorities", blocks: blocks)
  }

  // MARK: 6. Inoperability

  static func inoperability(_ c: Context) -> ReportSection {
    var blocks: [ReportBlock] = []
    var model: InoperabilityModel? = nil
    do {
      model = try InoperabilityModel(couplingsOf: c.dataset)
    } catch {
      // Say what could not be computed, why, and what to add: never a raw error.
      let sectorIDs = Set(c.dataset.sectors.map(\.id))
      let betweenSectors = c.dataset.dependencies.filter { sectorIDs.contains($0.supplier) && sectorIDs.contains($0.dependent) }
      let coupled = betweenSectors.filter { $0.coupling > 0 }.count
      let throughAssets = c.dataset.dependencies.count - betweenSectors.count
      var why: String
      if betweenSectors.isEmpty {
        why = "the model reads dependencies between two sectors, and none of the dataset's \(ReportValue.grouped(c.dataset.dependencies.count)) "
          + "dependencies is one"
      } else if coupled == 0 {
        why = "none of the \(ReportValue.grouped(betweenSectors.count)) dependencies between two sectors has a coupling (the share "
          + "of the dependent sector's output lost when the supplier is out)"
      } else {
        why = error.issues.map(\.reason).joined(separator: "; ")
      }
      if throughAssets > 0 {
        why += "; \(ReportValue.grouped(throughAssets)) dependencies run through systems or assets, which the sector-level model does not read"
      }
      blocks.append(.paragraph(
        "The inoperability model was not computed: \(why). To compute it, give dependencies between sectors a "
          + "\"coupling\" in (0, 1] in the dataset (Docs/DatasetFormat.md), or give an input–output table "
          + "(rensa report --io-table FILE --io-sectors FILE)."
          + (c.economy == nil ? "" : " The economic losses below come from the input–output table given.")))
      if c.economy == nil { return ReportSection(id: "inoperability", title: "Inoperability", blocks: blocks) }
    }
    let sectorIDs = Set(c.dataset.sectors.map(\.id))
    if model != nil {
    blocks.append(.paragraph(
      "The Leontief inoperability model q = A*q + c* with A* from the dataset's sector couplings (Docs/Inoperability.md). "
        + "The perturbation c* of a scenario is, per sector, the share of the scenario's horizon for which its initial "
        + "failures take it (or its systems and assets, each an equal share of the sector) out, weighted by their "
        + "probability."
        + (c.economy == nil ? " No input–output table is given, so economic losses are not computed (rensa report --io-table)." : "")))
    }
    var assetCount: [String: Int] = [:]
    var sectorOfAsset: [String: String] = [:]
    for a in c.dataset.assets {
      assetCount[a.sector, default: 0] += 1
      sectorOfAsset[a.id] = a.sector
    }
    var economicRows: [(scenario: Scenario, perturbation: [Double], result: InoperabilityEquilibrium)] = []
    var unmapped = Set<String>()
    for (scenario, result) in c.scenarios {
      guard case .success(let analysis) = result else { continue }
      // Hours of full outage per sector: each event's hours, weighted by its probability
      // and, for an asset, by its share of the sector; at most the horizon.
      var outage: [String: Double] = [:]
      for e in scenario.events {
        guard case .node(let id) = e.target else { continue }
        let isSector = sectorIDs.contains(id)
        guard let sector = isSector ? id : sectorOfAsset[id] else { continue }
        let share = isSector ? 1 : 1 / Double(max(1, assetCount[sector] ?? 1))
        let hours = min(e.durationHours ?? analysis.horizon, max(0, analysis.horizon - e.startHours))
        outage[sector] = min(analysis.horizon, outage[sector, default: 0] + share * e.probability * hours)
      }
      if let economy = c.economy {
        let linked = Set(economy.links.map(\.sector))
        for (sector, h) in outage where h > 0 && !linked.contains(sector) { unmapped.insert(sector) }
        let cIO = economy.perturbation(outageHours: outage)
        if cIO.contains(where: { $0 > 0 }),
          let r = try? economy.model.equilibrium(cIO, saturation: .clip, perturbationLabel: scenario.id)
        {
          economicRows.append((scenario, cIO, r))
        }
      }
      guard let model else { continue }
      let perturbation = model.sectors.map { min(1, (outage[$0] ?? 0) / analysis.horizon) }
      guard perturbation.contains(where: { $0 > 0 }) else { continue }
      guard let result = try? model.equilibrium(perturbation, saturation: .clip, perturbationLabel: scenario.id) else { continue }
      let order = model.sectors.indices.sorted { result.inoperability[$0] != result.inoperability[$1] ? result.inoperability[$0] > result.inoperability[$1] : $0 < $1 }
      let saturated = result.inoperability.filter { $0 >= 1 }.count
      blocks.append(.table(ReportTable(
        id: "inoperability-\(scenario.id)", caption: "\(scenario.name): equilibrium inoperability by sector",
        columns: ["sector", "perturbation c*", "inoperability q"],
        rows: order.map { i in
          [.text(c.name(ofSector: model.sectors[i])), .number(perturbation[i], digits: 4, unit: nil),
           .number(result.inoperability[i], digits: 4, unit: nil)]
        })))
      if saturated > 0 {
        blocks.append(.note(
          "\(saturated) sector\(saturated == 1 ? " is" : "s are") wholly inoperable (q = 1) in \(scenario.name): the linear model "
            + "would exceed 1 there, and the bounded model q = min(1, A*q + c*) is solved instead."))
      }
    }
    if let economy = c.economy { blocks += economicLosses(c, economy, economicRows, unmapped: unmapped) }
    return ReportSection(id: "inoperability", title: "Inoperability", blocks: blocks)
  }

  /// Economic losses from the input–output table: per scenario, the industries ranked by
  /// loss, and the scenarios ranked by total loss.
  static func economicLosses(
    _ c: Context, _ economy: ReportEconomy, _ runs: [(scenario: Scenario, perturbation: [Double], result: InoperabilityEquilibrium)],
    unmapped: Set<String>
  ) -> [ReportBlock] {
    var blocks: [ReportBlock] = [.heading("Economic losses")]
    let model = economy.model
    let output = model.output ?? []
    blocks.append(.paragraph(
      "Economic losses from the input–output table \(economy.origin) (\(model.count) industries, \(economy.unit)): a sector's "
        + "outage of h hours (as above, weighted by probability and asset share) takes h / 8,760 of a year's output from the "
        + "industries it belongs to, times its share of each (the concordance). The equilibrium q = A*q + c* of the "
        + "table's model spreads it; an industry loses q × its total output. Losses are of one year's output, in "
        + "\(economy.unit)."))
    if economy.restsOnAssumptions {
      blocks.append(.note("Some shares of the concordance are assumptions of its author, not cited figures: the losses show "
        + "the method and the order of magnitude, not an estimate to quote."))
    }
    if !unmapped.isEmpty {
      blocks.append(.note("Sectors without an industry in the concordance contribute no loss: "
        + unmapped.sorted().map(c.name(ofSector:)).joined(separator: ", ") + "."))
    }
    guard !runs.isEmpty else {
      blocks.append(.paragraph("No scenario perturbs an industry of the table."))
      return blocks
    }
    // Amounts of 100 units or more are shown whole and grouped (144,512), smaller ones to 4 digits.
    func amount(_ x: Double) -> ReportValue { x >= 100 ? .count(Int(x.rounded())) : .number(x, digits: 4, unit: nil) }
    var totals: [(name: String, direct: Double, total: Double)] = []
    for (scenario, perturbation, result) in runs {
      let loss = model.sectors.indices.map { result.inoperability[$0] * output[$0] }
      let direct = model.sectors.indices.map { perturbation[$0] * output[$0] }.reduce(0, +)
      let total = loss.reduce(0, +)
      totals.append((scenario.name, direct, total))
      let order = model.sectors.indices.filter { loss[$0] > 0 }.sorted { loss[$0] != loss[$1] ? loss[$0] > loss[$1] : $0 < $1 }
      blocks.append(.table(ReportTable(
        id: "economic-loss-\(scenario.id)", caption: "\(scenario.name): economic loss by industry (\(economy.unit))",
        columns: ["industry", "perturbation c*", "inoperability q", "loss (\(economy.unit))"],
        rows: order.map { i in
          [.text(model.sectors[i]), .number(perturbation[i], digits: 4, unit: nil),
           .number(result.inoperability[i], digits: 4, unit: nil), amount(loss[i])]
        })))
    }
    blocks.append(.table(ReportTable(
      id: "economic-loss-scenarios", caption: "Scenarios by total economic loss (\(economy.unit))",
      columns: ["scenario", "direct loss", "total loss", "total / direct"],
      rows: totals.sorted { $0.total != $1.total ? $0.total > $1.total : $0.name < $1.name }.map { t in
        [.text(t.name), amount(t.direct), amount(t.total),
         t.direct > 0 ? .number(t.total / t.direct, digits: 3, unit: nil) : .none]
      })))
    return blocks
  }

  // MARK: 7. Common threats

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
    c.view.visible.contains { $0.occurred.year < c.year && $0.threat == threat && (sector == nil || $0.sector == sector) }
  }

  static func commonThreats(_ c: Context) throws -> ReportSection {
    var blocks: [ReportBlock] = []
    if let note = c.syntheticNote { blocks.append(note) }
    guard let result = c.findings else {
      blocks.append(.paragraph("No incident of \(c.year) is visible to this audience: no common-threat findings."))
      return ReportSection(id: "common-threats", title: "Common threats", blocks: blocks)
    }
    let findings = try result.get()
    if c.view.suppresses {
      blocks.append(.note(
        "Sector–threat counts withheld by disclosure control (fewer than \(c.view.minimumReporters) reporting organisations, or "
          + "protecting such a count) are left out of these findings, which use only what this audience may see; a threat is "
          + "called new only where every earlier count of it is 0."))
    }
    blocks.append(.paragraph(
      "Sectors are compared by the catalogue threats of their incidents in \(c.year) (Jaccard distance on presence, "
        + "average linkage, leaves in optimal order). Threats that reach many sectors are common threats."))
    blocks.append(.table(ReportTable(
      id: "threats-by-reach", caption: "Threats by the number of sectors they reached in \(c.year)",
      columns: ["threat", "sectors", "share", "incidents", "which"],
      rows: findings.byReach.prefix(12).map { r in
        [.text(c.name(ofThreat: r.feature)), .count(r.entities.count), .number(100 * r.share, digits: 3, unit: "%"),
         .count(Int(r.total)), .text(r.entities.map(c.name(ofSector:)).joined(separator: ", "))]
      },
      base: c.view.suppresses
        ? "reported incidents with the threat (any verification level), in the published sector counts: withheld counts are left out"
        : "reported incidents with the threat (any verification level)")))
    let pairs = findings.cooccurring
    if pairs.isEmpty {
      blocks.append(.paragraph("No two threats occurred together in two or more sectors in \(c.year)."))
    } else {
      blocks.append(.table(ReportTable(
        id: "cooccurring", caption: "Threats that occurred together in the same sectors in \(c.year)",
        columns: ["threats", "sectors", "lift", "which"],
        rows: pairs.map { s in
          [.text(s.features.map(c.name(ofThreat:)).joined(separator: " + ")), .count(s.entities.count),
           .number(s.lift, digits: 3, unit: nil), .text(s.entities.map(c.name(ofSector:)).joined(separator: ", "))]
        })))
      blocks.append(.paragraph("Lift above 1: the threats go together more often than their frequencies alone predict."))
    }
    // Heatmap and dendrogram of this year's matrix.
    let now = c.threatMatrices[c.year]!
    let threatColumns = findings.byReach.map(\.feature)
    blocks.append(.chart(ReportChart(
      id: "threat-heatmap", title: "Incidents by sector and threat, \(c.year)",
      alt: "Heatmap of the number of reported incidents (any verification level) of each sector (row) with each catalogue threat (column) in \(c.year); white cells have none, grey cells are withheld.",
      kind: .heatmap(
        rows: now.entities.map(c.name(ofSector:)), columns: threatColumns.map(c.name(ofThreat:)),
        values: now.entities.map { sector in
          threatColumns.map { t in
            switch c.count(c.year, .threat(sector: sector, threat: t)) {
            case .count(let n): return Double(n)
            default: return nil
            }
          }
        },
        legend: "reported incidents (any verification level)"))))
    let presence = now.binary
    if presence.rowCount >= 2 {
      let d: CondensedDistances<Double> = try presence.distances(.jaccard)
      let tree = try Linkage(d, method: .average).optimalLeafOrdering(d)
      blocks.append(.chart(ReportChart(
        id: "sector-dendrogram", title: "Sectors clustered by shared threats, \(c.year)",
        alt: "Dendrogram of the sectors by the Jaccard distance of their threat sets (average linkage). Clusters: "
          + findings.clusters.map { $0.map(c.name(ofSector:)).joined(separator: ", ") }.map { "{\($0)}" }.joined(separator: "; ") + ".",
        kind: .dendrogram(
          leaves: now.entities.map(c.name(ofSector:)), merges: tree.merges.map { ($0.left, $0.right, $0.distance) },
          order: tree.leafOrder, axis: "Jaccard distance (average linkage)"))))
    }
    blocks.append(.heading("New this year"))
    // "First seen" only where every earlier count was 0 (never where one was withheld).
    let newThreats = findings.newFeatures.filter { !seenBefore(c, threat: $0.feature, sector: nil) }.map { c.name(ofThreat: $0.feature) }
    let newReach = findings.newReach.filter { !seenBefore(c, threat: $0.feature, sector: $0.entity) }
    blocks.append(.paragraph(
      (newThreats.isEmpty ? "No threat appeared for the first time in \(c.year)." : "First seen in \(c.year): \(newThreats.joined(separator: ", ")).")
        + " "
        + (newReach.isEmpty
          ? "No known threat reached a new sector."
          : "Known threats reaching a sector for the first time: "
            + newReach.map { "\(c.name(ofThreat: $0.feature)) → \(c.name(ofSector: $0.entity))" }.joined(separator: ", ") + ".")))
    // Common-mode exposure from the threat catalogue (not from reports: no suppression).
    var productSectors: [String: Set<String>] = [:]
    for t in c.dataset.threats { for p in t.identifiers.products { productSectors[p, default: []].formUnion(t.sectors) } }
    let shared = productSectors.filter { $0.value.count >= 2 }.sorted { ($0.value.count, $1.key) > ($1.value.count, $0.key) }
    blocks.append(.heading("Vendor and product common-mode exposure"))
    if shared.isEmpty {
      blocks.append(.paragraph("The threat catalogue names no product used in two or more sectors."))
    } else {
      blocks.append(.table(ReportTable(
        id: "common-mode", caption: "Products named by catalogue threats in two or more sectors",
        columns: ["product", "sectors", "which"],
        rows: shared.prefix(15).map { [.text($0.key), .count($0.value.count), .text($0.value.sorted().map(c.name(ofSector:)).joined(separator: ", "))] })))
    }
    let exploited = c.dataset.threats.filter { !$0.identifiers.cve.isEmpty }
    blocks.append(.heading("Exploited and catalogued vulnerabilities"))
    if exploited.isEmpty {
      blocks.append(.paragraph("The threat catalogue lists no CVE. Import advisories (rensa import csaf) and CISA's KEV catalogue to fill this part."))
    } else {
      blocks.append(.table(ReportTable(
        id: "vulnerabilities", caption: "Catalogue threats with CVEs",
        columns: ["threat", "CVEs", "highest CVSS", "sectors"],
        rows: exploited.prefix(20).map { t in
          [.text(t.name), .text(t.identifiers.cve.prefix(5).joined(separator: ", ") + (t.identifiers.cve.count > 5 ? ", …" : "")),
           t.cvss.map { .number($0, digits: 3, unit: nil) } ?? .none, .text(t.sectors.map(c.name(ofSector:)).joined(separator: ", "))]
        })))
    }
    return ReportSection(id: "common-threats", title: "Common threats", blocks: blocks + findings.notes.filter { !$0.contains("no data for") }.map { .note($0) })
  }

  // MARK: 8. Changes since last year

  static func changes(_ c: Context) throws -> ReportSection {
    var blocks: [ReportBlock] = []
    if let note = c.syntheticNote { blocks.append(note) }
    // A change is shown only between two published counts: never against a year with no
    // data (not zero) or a withheld count.
    func delta(_ a: ReportValue, _ b: ReportValue) -> ReportValue {
      if case .count(let x) = a, case .count(let y) = b { return .text(x >= y ? "+\(x - y)" : "\(x - y)") }
      return .none
    }
    var rows: [[ReportValue]] = []
    let total = (c.count(c.year, .exceeded), c.count(c.year - 1, .exceeded))
    rows.append([.text("IT failures exceeding the verification level"), total.1, total.0, delta(total.0, total.1)])
    for t in ThreatType.allCases {
      let pair = (c.count(c.year, .exceededOfType(t)), c.count(c.year - 1, .exceededOfType(t)))
      rows.append([.text("… \(label(t))"), pair.1, pair.0, delta(pair.0, pair.1)])
    }
    blocks.append(.table(ReportTable(
      id: "indicator-changes", caption: "Indicators, \(c.year - 1) and \(c.year)",
      columns: ["indicator", "\(c.year - 1)", "\(c.year)", "change"], rows: rows,
      base: "incidents that exceeded the verification level; a change only between two published counts")))
    if let result = c.findings, c.threatMatrices[c.year - 1] != nil {
      let findings = try result.get()
      if let agreement = findings.clusterAgreement {
        blocks.append(.paragraph(
          "Sector clusters by shared threats, \(c.year - 1) against \(c.year) (\(findings.clusters.count) clusters): adjusted "
            + "Rand index \(NumberFormat.significant(agreement, digits: 3)) (1 = unchanged, about 0 = unrelated)."))
        if findings.moves.isEmpty {
          blocks.append(.paragraph("No sector left its cluster."))
        } else {
          blocks.append(.table(ReportTable(
            id: "cluster-moves", caption: "Sectors that left their cluster since \(c.year - 1)",
            columns: ["sector", "was with", "is now with"],
            rows: findings.moves.map { m in
              [.text(c.name(ofSector: m.entity)),
               .text(m.before.isEmpty ? "nobody" : m.before.map(c.name(ofSector:)).joined(separator: ", ")),
               .text(m.after.isEmpty ? "nobody" : m.after.map(c.name(ofSector:)).joined(separator: ", "))]
            })))
        }
      }
      // A sector's yearly total is the sum of its published counts: with a withheld count
      // it would understate, so such sectors are not checked for steps.
      for step in findings.stepChanges where !c.disclosure.years.contains(where: { y, block in
        y <= step.year && block.measures.contains { m in
          guard case .threat(let s, _) = m, s == step.series else { return false }
          if case .withheld = c.disclosure.value(y, m) { return true }
          return false
        }
      }) {
        blocks.append(.note(
          "\(c.name(ofSector: step.series)): \(NumberFormat.significant(step.value, digits: 6)) incidents in \(step.year) against "
            + "a median of \(NumberFormat.significant(step.baseline, digits: 6)) before; check for a change in reporting."))
      }
    } else {
      blocks.append(.paragraph("No incidents of \(c.year - 1) are visible: cluster changes cannot be computed."))
    }
    blocks.append(.heading("Dependencies"))
    if let previous = c.previous {
      let limit = c.options.singleFailureTableLimit ?? MemoryBudget.defaultLimit
      let changes = DependencyChanges(
        previous: previous, current: c.dataset, options: ClosureOptions(memoryLimit: limit),
        currentFailureTable: try? c.failureTable.get())
      blocks += dependencyChanges(c, previous, changes)
    } else {
      blocks.append(.paragraph(
        "The dataset holds one version of the dependency model; changes in dependencies need last year's dataset "
          + "(rensa report --previous FILE)."))
    }
    return ReportSection(id: "changes", title: "Changes since last year", blocks: blocks)
  }

  /// The dependency part of "Changes since last year".
  static func dependencyChanges(_ c: Context, _ previous: Dataset, _ changes: DependencyChanges) -> [ReportBlock] {
    var blocks: [ReportBlock] = []
    let against = "Against \(previous.name) version \(previous.version)"
    if changes.isEmpty {
      let n = c.dataset.dependencies.count
      blocks.append(.paragraph("\(against): the dependency model is unchanged (\(n == 1 ? "1 dependency" : "\(ReportValue.grouped(n)) dependencies"))."))
      return blocks
    }
    blocks.append(.paragraph(
      "\(against): \(changes.added.count == 1 ? "1 dependency" : "\(ReportValue.grouped(changes.added.count)) dependencies") added, "
        + "\(ReportValue.grouped(changes.removed.count)) removed and \(ReportValue.grouped(changes.changed.count)) changed; "
        + "\(ReportValue.grouped(changes.nodesAdded.count)) sectors, systems or assets new and \(ReportValue.grouped(changes.nodesRemoved.count)) gone."))
    // Sector pairs whose dependency appeared or went, directly or through a chain.
    let direct = (gained: Set(changes.direct.gained), lost: Set(changes.direct.lost))
    let transitive = (gained: Set(changes.transitive.gained), lost: Set(changes.transitive.lost))
    let pairs = direct.gained.union(direct.lost).union(transitive.gained).union(transitive.lost).sorted()
    if pairs.isEmpty {
      blocks.append(.paragraph("Between sectors nothing changed: every sector depends on the same sectors as last year, directly and transitively."))
    } else {
      func state(_ p: DependencyChanges.SectorPair, _ sets: (gained: Set<DependencyChanges.SectorPair>, lost: Set<DependencyChanges.SectorPair>)) -> ReportValue {
        sets.gained.contains(p) ? .text("new") : sets.lost.contains(p) ? .text("gone") : .text("unchanged")
      }
      blocks.append(.table(ReportTable(
        id: "sector-dependency-changes", caption: "Dependencies between sectors that appeared or went since last year",
        columns: ["sector", "depends on", "directly", "directly or not"],
        rows: pairs.map { p in
          [.text(c.name(ofSector: p.dependent)), .text(c.name(ofSector: p.supplier)), state(p, direct), state(p, transitive)]
        })))
    }
    // The dependencies themselves, at most `shown` of each kind.
    let shown = 25
    var rows: [[ReportValue]] = []
    func describe(_ d: Dependency) -> String {
      var parts = [d.kind.rawValue]
      if let g = d.group { parts.append("group \(g) (need \(d.need))") }
      if d.timeToImpactHours > 0 { parts.append("time to impact \(NumberFormat.significant(d.timeToImpactHours, digits: 4)) h") }
      if d.probability < 1 { parts.append("probability \(NumberFormat.significant(d.probability, digits: 3))") }
      return parts.joined(separator: ", ")
    }
    for d in changes.added.prefix(shown) {
      rows.append([.text("added"), .text(c.name(ofSector: d.supplier)), .text(c.name(ofSector: d.dependent)), .text(describe(d))])
    }
    for d in changes.removed.prefix(shown) {
      rows.append([.text("removed"), .text(c.name(ofSector: d.supplier)), .text(c.name(ofSector: d.dependent)), .text(describe(d))])
    }
    for d in changes.changed.prefix(shown) {
      rows.append([
        .text("changed"), .text(c.name(ofSector: d.supplier)), .text(c.name(ofSector: d.dependent)),
        .text(d.fields.map { "\($0.field) \($0.before) → \($0.after)" }.joined(separator: "; ")),
      ])
    }
    if !rows.isEmpty {
      blocks.append(.table(ReportTable(
        id: "dependency-changes", caption: "Dependencies added, removed and changed (supplier → dependent)",
        columns: ["change", "supplier", "dependent", "what"], rows: rows)))
      let hidden = [changes.added.count, changes.removed.count, changes.changed.count].map { max(0, $0 - shown) }
      if hidden.contains(where: { $0 > 0 }) {
        blocks.append(.paragraph(
          "The table shows at most \(shown) of each kind; not shown: \(hidden[0]) added, \(hidden[1]) removed, \(hidden[2]) changed "
            + "(the JSON of DependencyChanges lists all)."))
      }
    }
    if !changes.nodesAdded.isEmpty || !changes.nodesRemoved.isEmpty {
      func list(_ ids: [String]) -> String {
        let names = ids.prefix(12).map(c.name(ofSector:)).joined(separator: ", ")
        return ids.count > 12 ? names + " and \(ReportValue.grouped(ids.count - 12)) more" : names
      }
      var text: [String] = []
      if !changes.nodesAdded.isEmpty { text.append("New in the model: \(list(changes.nodesAdded)).") }
      if !changes.nodesRemoved.isEmpty { text.append("Gone from the model: \(list(changes.nodesRemoved)).") }
      blocks.append(.paragraph(text.joined(separator: " ")))
    }
    if changes.loopsFormed.isEmpty && changes.loopsBroken.isEmpty {
      blocks.append(.paragraph("Mutual-dependency loops: the same as last year."))
    } else {
      func names(_ loop: [String]) -> String {
        let all = loop.map(c.name(ofSector:))
        return all.count <= 12 ? all.joined(separator: ", ") : all.prefix(11).joined(separator: ", ") + " and \(all.count - 11) more"
      }
      blocks.append(.table(ReportTable(
        id: "loop-changes", caption: "Mutual-dependency loops formed or broken (a loop that grew or shrank appears twice)",
        columns: ["change", "size", "nodes"],
        rows: changes.loopsFormed.prefix(20).map { [.text("formed"), .count($0.count), .text(names($0))] }
          + changes.loopsBroken.prefix(20).map { [.text("broken"), .count($0.count), .text(names($0))] })))
    }
    if let refusal = changes.singlePointsRefusal {
      blocks.append(.note("Single points of failure are not compared: \(refusal)."))
    } else if let single = changes.singlePoints {
      if single.isEmpty {
        blocks.append(.paragraph("Single points of failure: the same as last year."))
      } else {
        func list(_ ids: [String]) -> ReportValue {
          if ids.isEmpty { return .text("—") }
          let names = ids.prefix(8).map(c.name(ofSector:)).joined(separator: ", ")
          return .text(ids.count > 8 ? names + " and \(ids.count - 8) more" : names)
        }
        blocks.append(.table(ReportTable(
          id: "single-point-changes",
          caption: "Nodes whose single points of failure changed (backups honoured), most changes first (top 15 of \(single.count))",
          columns: ["node", "new single points of failure", "no longer single points of failure"],
          rows: single.prefix(15).map { [.text(c.name(ofSector: $0.node)), list($0.new), list($0.gone)] })))
      }
    }
    return blocks
  }

  // MARK: 9. Methods and provenance

  /// The disclosure control paragraph and its audit.
  static func disclosureMethods(_ c: Context) -> [ReportBlock] {
    var blocks: [ReportBlock] = [.heading("Disclosure control")]
    guard c.view.suppresses else {
      blocks.append(.paragraph(
        "TLP:\(c.options.audience.rawValue) readers may see every record marked up to their level: no count is withheld."))
      return blocks
    }
    let summary = c.disclosure.summary(shownYears: c.shownYears)
    let k = c.view.minimumReporters
    blocks.append(.paragraph(
      "A count of incidents from fewer than \(k) reporting organisations"
        + (c.options.dominancePercent.map { ", or where one organisation holds more than \(NumberFormat.significant($0, digits: 3)) % of the incidents," } ?? "")
        + " is withheld (primary suppression). Further counts are withheld so that none of these can be worked out "
        + "from everything the report publishes: tables and their totals, the headline, the charts, the other years shown, "
        + "and the CLEAR and GREEN editions of the same year, which are decided together (secondary suppression). "
        + "Before the report is written an audit solves, for every withheld count, its least and greatest value "
        + "consistent with all published counts (non-negative integers; a withheld count is at least 1): each must be "
        + "able to take at least \(k) values. A year's pattern depends only on that year's records, so every report "
        + "showing the year withholds the same counts while its records do not change."))
    blocks.append(.table(ReportTable(
      id: "disclosure-audit", caption: "Disclosure audit of the years shown (\(summary.years.map(String.init).joined(separator: ", ")))",
      columns: ["item", "value"],
      rows: [
        [.text("counts withheld as sensitive (primary)"), .count(summary.primary)],
        [.text("counts withheld to protect them (secondary)"), .count(summary.secondary)],
        [.text("sensitive counts and edition differences audited"), .count(summary.audited)],
        [.text("narrowest range of a withheld count (values it can take)"),
         summary.narrowestWidth.map { .count($0) } ?? .text(summary.audited == 0 ? "nothing withheld" : "unbounded")],
        [.text("audit result"), .text(summary.isProtected ? "every withheld count takes at least \(k) values" : "FAILED")],
      ])))
    return blocks
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

  static func methods(_ c: Context) -> ReportSection {
    var blocks: [ReportBlock] = []
    var previousRows: [[ReportValue]] = []
    if let previous = c.previous, let print = c.fingerprints.previous {
      previousRows.append([.text("last year's dataset"), .text("\(previous.name), version \(previous.version)")])
      previousRows.append([.text("last year's " + print.label), .text(print.digest)])
    }
    var economyRows: [[ReportValue]] = []
    if let economy = c.economy {
      economyRows.append([.text("input–output table"), .text("\(economy.origin) (\(economy.model.count) industries, \(economy.unit))")])
      economyRows.append([.text("sector-to-industry links"), .count(economy.links.count)])
    }
    blocks.append(.table(ReportTable(
      id: "provenance", caption: "How this report was made",
      columns: ["item", "value"],
      rows: [
        [.text("Rensa"), .text(c.options.rensaVersion)],
        [.text("dataset"), .text("\(c.dataset.name), version \(c.dataset.version)")],
        [.text("dataset " + c.fingerprints.dataset.label), .text(c.fingerprints.dataset.digest)],
        [.text("year reported"), .text(String(c.year))],
        [.text("audience (marking)"), .text("TLP:\(c.options.audience.rawValue)")],
        [.text("least reporters behind a shown count"), .count(c.view.suppresses ? c.view.minimumReporters : 1)],
        // Below AMBER the number of records used is not published: it would tie every
        // year's counts together (a total over all of them).
        [.text("incidents used (visible to the audience)"), c.view.suppresses ? .text("not published below AMBER") : .count(c.view.visible.count)],
        [.text("Monte Carlo seed / trials"), .text("\(c.options.seed) / \(c.options.trials)")],
        [.text("restoration crews"), .count(c.options.crews)],
        [.text("trend window"), .text("\(c.trendWindow.first!)–\(c.trendWindow.last!)")],
      ] + previousRows + economyRows)))
    blocks.append(.paragraph("Dataset provenance: " + c.dataset.provenance))
    blocks += disclosureMethods(c)
    var caveats: [String] = []
    if c.synthetic { caveats.append("the incident history is synthetic") }
    let assumed = c.dataset.scenarios.filter(\.isAssumption).map(\.name)
    if !assumed.isEmpty { caveats.append("scenario values are assumptions: " + assumed.joined(separator: ", ")) }
    if c.economy?.restsOnAssumptions == true { caveats.append("shares of the sector-to-industry concordance are assumptions") }
    blocks.append(.paragraph(
      "Methods: closure by bit-parallel transitive closure on the condensation; failure propagation by exact "
        + "label-setting search; Monte Carlo by seeded independent trials; inoperability by LU factorisation; "
        + "clustering by scipy-identical average linkage on Jaccard distances; co-occurrence by frequent itemsets. "
        + "The same inputs, options and seed give byte-identical reports."
        + (caveats.isEmpty ? "" : " Caveats: " + caveats.joined(separator: "; ") + ".")))
    return ReportSection(id: "methods", title: "Methods and provenance", blocks: blocks)
  }
}
