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
  /// CISA's Known Exploited Vulnerabilities catalogue (`rensa report --kev`), to mark the
  /// CVEs of the incidents and the catalogue as known to be exploited; empty: not marked.
  public var knownExploited: [KnownExploitedVulnerability] = []
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
  /// The language of the edition (`rensa report --lang`): English (the default) or
  /// Japanese. Both carry the same numbers.
  public var language: ReportLanguage = .english
  /// Whether incidents count by the Japanese fiscal year (年度, 1 April – 31 March, named
  /// after the year it starts in) instead of the calendar year (`rensa report
  /// --fiscal-year`). The year reported, the trend window and last year are then fiscal
  /// years, in every chapter; the methods chapter says which years it counts.
  /// Below TLP:AMBER it must be the dataset's own convention (`Dataset.countingYear`):
  /// a calendar-year and a fiscal-year edition of the same records differ by January –
  /// March alone, which can give a withheld count away.
  public var fiscalYear = false
  /// Whether an edition below AMBER in the other counting convention than the dataset's
  /// is refused (off only in the test that shows the attack it prevents).
  package var enforceCountingConvention = true
  /// The analyst's findings and recommendations, placed in the summary (`rensa report
  /// --notes FILE`); nil: none. Rensa never writes a recommendation itself.
  public var notes: AnalystNotes? = nil
  /// p of the p % rule on the user-hours sums, and the least relative uncertainty (in %)
  /// of a withheld one (Docs/Report.md, "Impact-weighted statistics").
  public var impactPercent: Double = 10
  /// What earlier reports published (the store's publication ledger): a year it holds
  /// for this edition and counting convention is shown exactly as published, not decided
  /// again on records updated since (Docs/Report.md, "Revisions").
  public var publicationLedger: [PublishedYear] = []
  /// Whether the report prepares the ledger entries of what it publishes
  /// (``ReportDocument/publication``), with this time and file stem.
  public var preparePublication = false
  public var publicationTime = ""

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
    // One counting convention per publication below AMBER.
    let convention: CountingConvention = options.fiscalYear ? .fiscal : .calendar
    if options.enforceCountingConvention && options.audience < .amber && convention != dataset.countingConvention {
      throw DataError([DataIssue(
        file: dataset.name, field: "countingYear",
        reason: "dataset \(dataset.name) counts incidents by \(dataset.countingConvention == .fiscal ? "fiscal year (年度)" : "calendar year"); "
          + "a TLP:\(options.audience.rawValue) edition by \(convention == .fiscal ? "fiscal year" : "calendar year") would, beside its "
          + "\(dataset.countingConvention.rawValue)-year editions, let their difference isolate January–March and give away withheld counts",
        hint: "publish in the dataset's convention (\(dataset.countingConvention == .fiscal ? "--fiscal-year" : "--calendar-year")), "
          + "write this edition for TLP:AMBER or above (nothing is withheld there), or, if the publisher counts by "
          + "\(convention.rawValue) year from now on, set \"countingYear\": \"\(convention.rawValue)\" in the dataset (Docs/Report.md: years already published the other way)")])
    }
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
    let view = ReportIncidents(
      allIncidents, audience: options.audience, minimumReporters: options.minimumReporters, fiscalYear: options.fiscalYear)
    let years = Set(view.visible.map(view.countingYear)).union(dataset.topics.map(\.year))
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
    var disclosure = try ReportDisclosure(
      visible: view.visible.filter { shown.contains(view.countingYear($0)) }, audience: options.audience, rule: rule,
      fiscalYear: options.fiscalYear)
    // The publication ledger: published years are shown as published. Each year's
    // records as the ledger sees them (edition 0: CLEAR, 1: GREEN as well).
    let usesLedger = options.audience < .amber && (!options.publicationLedger.isEmpty || options.preparePublication)
    let recordsByYear = usesLedger
      ? Dictionary(grouping: view.visible.filter { shown.contains(view.countingYear($0)) }, by: view.countingYear) : [:]
    func ledgerRecords(_ y: Int, _ e: Int) -> [String: String] {
      PublishedYear.records((recordsByYear[y] ?? []).filter { e == 0 ? $0.sharing == .clear : $0.sharing <= .green })
    }
    if usesLedger && !options.publicationLedger.isEmpty {
      let (_, conflicts) = disclosure.freeze(options.publicationLedger, fiscalYear: options.fiscalYear, records: ledgerRecords)
      if !conflicts.isEmpty {
        throw DataError(conflicts.map { c in
          DataIssue(
            file: "store", field: "publication",
            reason: "\(c.year) was published for TLP:CLEAR alone (\(c.entry.report), \(c.entry.recordedAt)) and \(c.changed) of its CLEAR "
              + "incidents have been added, updated or removed since: a TLP:GREEN edition decided now would not agree with it, and "
              + "the two together could give the changed records away",
            hint: "write this edition for TLP:AMBER or above, or report a year whose trend window leaves \(c.year) out")
        })
      }
    }
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
    // The year's user-hours lost, by cause and sector: sums, under the p % rule.
    var impact = try ImpactTables(
      year: year, incidents: view.visible.filter { view.countingYear($0) == year }, sectors: dataset.sectors.map(\.id),
      audience: options.audience,
      rule: MagnitudeSuppression.Rule(
        minimumReporters: view.minimumReporters, percent: options.impactPercent, secondary: options.secondarySuppression))
    if usesLedger { _ = impact.freeze(options.publicationLedger, fiscalYear: options.fiscalYear) }
    if options.enforceDisclosureAudit && !impact.isProtected, let a = impact.suppression?.audit.first(where: { !$0.isProtected }) {
      throw DataError([DataIssue(
        file: dataset.name,
        reason: "disclosure audit failed: the withheld user-hours of \(impact.cells[a.cell]) in \(year) can be narrowed to "
          + "\(a.least)…\(a.greatest.map { String($0) } ?? "∞") (within \(options.impactPercent) %) from what the report publishes; nothing was written",
        hint: "report this as a bug: secondary suppression should have prevented it")])
    }
    let context = try Context(
      dataset: dataset, view: view, disclosure: disclosure, impact: impact, year: year, options: options, previous: previous, economy: economy,
      fingerprints: fingerprints)
    var sections: [ReportSection] = []
    // The chapters in order, each its own type (Chapters/); the summary is built last,
    // from the others, and put first.
    let steps: [(String, (Context) throws -> ReportSection)] = [
      (Indicators.step, Indicators.section), (Interdependency.step, Interdependency.section),
      (Dynamic.step, Dynamic.section), (Restoration.step, Restoration.section),
      (Inoperability.step, Inoperability.section), (CommonThreats.step, CommonThreats.section),
      (CommonModesChapter.step, CommonModesChapter.section), (Changes.step, Changes.section), (Methods.step, Methods.section),
    ]
    for (k, step) in steps.enumerated() {
      progress?(k, steps.count, step.0)
      sections.append(try step.1(context))
    }
    progress?(steps.count, steps.count, "done")
    sections.insert(Summary.section(context, sections), at: 0)
    let t = context.text
    var caveats: [String] = []
    var warnings: [String] = []
    if !disclosure.hasData(year) {
      let warning = t.warningNoData(year: year, audience: options.audience)
      warnings.append(warning)
      caveats.append(warning)
    }
    if context.synthetic { caveats.append(t.caveatSyntheticHistory(dataset: dataset.name)) }
    if view.suppresses {
      caveats.append(t.caveatSuppression(
        audience: options.audience, k: view.minimumReporters,
        dominance: options.dominancePercent.map { NumberFormat.significant($0, digits: 3) }))
    }
    var document = ReportDocument(
      title: t.reportTitle(year: year, dataset: dataset.name), year: year, marking: options.audience, caveats: caveats,
      sections: sections, warnings: warnings, disclosure: context.disclosureSummary,
      language: options.language, fiscalYear: options.fiscalYear)
    document.asPublished = disclosure.asPublished
    document.navigatorLayers = navigatorLayers(context, stem: document.fileStem)
    document.stixBundle = stixBundle(context, stem: document.fileStem)
    if usesLedger && options.preparePublication {
      document.publication =
        disclosure.ledgerEntries(
          shownYears: shown.sorted(), fiscalYear: options.fiscalYear, recordedAt: options.publicationTime, report: document.fileStem,
          records: ledgerRecords)
        + impact.ledgerEntries(
          fiscalYear: options.fiscalYear, recordedAt: options.publicationTime, report: document.fileStem,
          records: { ledgerRecords(year, $0) })
    }
    return document
  }
}
