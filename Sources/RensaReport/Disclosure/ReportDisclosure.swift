import Rensa
import Dispatch
import Foundation
import RensaLP
import Synchronization
import InternalRensaUtilities

/// One incident count that the report publishes, for one year: every number of the
/// report that is computed from incident records is one of these, or is computed from
/// published ones (changes, shares, rankings).
public enum CountMeasure: Sendable, Hashable, Comparable, CustomStringConvertible {
  /// Incidents that exceeded the verification level.
  case exceeded
  /// … of one threat type.
  case exceededOfType(ThreatType)
  /// … in one sector.
  case exceededInSector(String)
  /// … caused by another sector's failure (spill-over), origin → affected sector.
  case spillover(origin: String, affected: String)
  /// All reported incidents of a sector with one catalogue threat (any verification level).
  case threat(sector: String, threat: String)
  /// Near misses (予兆・ヒヤリハット) reported: kept apart from the failures above.
  case nearMisses
  /// Incidents over the verification level whose duration and users affected are both
  /// reported (the records of the impact-weighted statistics, ``ImpactTables``).
  case exceededWithImpact
  /// Incidents over the verification level of one CI service.
  case exceededInService(String)
  /// … in one quarter of the counting year (1–4).
  case exceededInQuarter(Int)
  /// … of one severity level (0–4, Docs/Severity.md; nil: not rated).
  case exceededOfSeverity(Int?)
  /// … that affected one security property (an incident can affect several).
  case exceededAffecting(SecurityProperty)
  /// All reported incidents (any verification level, not near misses) carrying one
  /// identifier: a CVE, an ATT&CK technique or a product (its `vendor/product` key), in
  /// every sector (`sector` nil) or in one.
  case carrying(IncidentIdentifier, sector: String?)

  var sortKey: (Int, String, String) {
    switch self {
    case .exceeded: return (0, "", "")
    case .exceededOfType(let t): return (1, String(ThreatType.allCases.firstIndex(of: t)!), "")
    case .exceededInSector(let s): return (2, s, "")
    case .spillover(let o, let a): return (3, o, a)
    case .threat(let s, let t): return (4, s, t)
    case .nearMisses: return (5, "", "")
    case .exceededWithImpact: return (6, "", "")
    case .exceededInService(let s): return (7, s, "")
    case .exceededInQuarter(let q): return (8, String(q), "")
    case .exceededOfSeverity(let l): return (9, l.map(String.init) ?? "-", "")
    case .exceededAffecting(let p): return (10, String(SecurityProperty.allCases.firstIndex(of: p)!), "")
    case .carrying(let id, let sector): return (11 + IncidentIdentifier.Kind.allCases.firstIndex(of: id.kind)!, id.value, sector ?? "")
    }
  }

  public static func < (a: CountMeasure, b: CountMeasure) -> Bool { a.sortKey < b.sortKey }

  public var description: String {
    switch self {
    case .exceeded: return "exceeded"
    case .exceededOfType(let t): return "exceeded/type=\(t.rawValue)"
    case .exceededInSector(let s): return "exceeded/sector=\(s)"
    case .spillover(let o, let a): return "exceeded/spillover=\(o)>\(a)"
    case .threat(let s, let t): return "reported/sector=\(s)/threat=\(t)"
    case .nearMisses: return "near-misses"
    case .exceededWithImpact: return "exceeded/impact-reported"
    case .exceededInService(let s): return "exceeded/service=\(s)"
    case .exceededInQuarter(let q): return "exceeded/quarter=\(q)"
    case .exceededOfSeverity(let l): return "exceeded/severity=\(l.map(String.init) ?? "not-rated")"
    case .exceededAffecting(let p): return "exceeded/property=\(p.rawValue)"
    case .carrying(let id, let sector): return "reported" + (sector.map { "/sector=\($0)" } ?? "") + "/\(id.kind.rawValue)=\(id.value)"
    }
  }

  /// Whether the count is published below AMBER. The counts by CI service and of the
  /// incidents reporting their impact are published at AMBER and above only: below it,
  /// they split the sectors' counts into cells too small for k reporters, and protecting
  /// them withholds sector counts and even the yearly total (measured on nisc-2009,
  /// GREEN 2022–2026: 26 more counts withheld, the totals of 2023 and 2025 among them).
  public var isPublishedBelowAmber: Bool {
    switch self {
    case .exceededWithImpact, .exceededInService: return false
    // The incidents' CVEs, techniques and products: AMBER and above (Docs/Report.md,
    // "Identifiers in the incidents").
    case .carrying: return false
    default: return true
    }
  }

  /// The measures an incident counts in: a near miss only in ``nearMisses``; an incident
  /// with several causes under each of them.
  static func of(_ i: Incident, fiscal: Bool = false) -> [CountMeasure] {
    if i.isNearMiss { return [.nearMisses] }
    var m: [CountMeasure] = []
    if i.exceededVerificationLevel {
      m += [.exceeded, .exceededInSector(i.sector)] + i.causes.map { .exceededOfType($0) }
      if let o = i.originSector { m.append(.spillover(origin: o, affected: i.sector)) }
      if ImpactTables.userHours(i) != nil { m.append(.exceededWithImpact) }
      if let s = i.service { m.append(.exceededInService(s)) }
      m.append(.exceededInQuarter(CountingYear.quarter(of: i.occurred, fiscal: fiscal)))
      m.append(.exceededOfSeverity(i.severity))
      m += Set(i.affectedProperties).sorted { SecurityProperty.allCases.firstIndex(of: $0)! < SecurityProperty.allCases.firstIndex(of: $1)! }
        .map { .exceededAffecting($0) }
    }
    if let t = i.threat { m.append(.threat(sector: i.sector, threat: t)) }
    for id in IncidentIdentifier.of(i) { m += [.carrying(id, sector: nil), .carrying(id, sector: i.sector)] }
    return m
  }
}

/// An identifier an incident carries, as the report counts it: a CVE id (upper case), an
/// ATT&CK technique id (upper case; a sub-technique `T1566.001` counts as itself) or a
/// product's `vendor/product` key (`ProductReference.key`; a product that cannot be
/// read is not counted).
public struct IncidentIdentifier: Sendable, Hashable, Comparable {
  public enum Kind: String, Sendable, Hashable, CaseIterable { case cve, technique, product }
  public var kind: Kind
  public var value: String

  public init(_ kind: Kind, _ value: String) {
    self.kind = kind
    self.value = value
  }

  public static func < (a: IncidentIdentifier, b: IncidentIdentifier) -> Bool {
    (Kind.allCases.firstIndex(of: a.kind)!, a.value) < (Kind.allCases.firstIndex(of: b.kind)!, b.value)
  }

  /// The incident's identifiers, each once, in order.
  public static func of(_ i: Incident) -> [IncidentIdentifier] {
    var out: [IncidentIdentifier] = []
    func add(_ id: IncidentIdentifier) { if !id.value.isEmpty && !out.contains(id) { out.append(id) } }
    for c in i.identifiers.cve { add(.init(.cve, c.trimmingCharacters(in: .whitespaces).uppercased())) }
    for t in i.identifiers.attack { add(.init(.technique, t.trimmingCharacters(in: .whitespaces).uppercased())) }
    for p in i.identifiers.products { if let r = try? ProductReference.parse(p).get() { add(.init(.product, r.key)) } }
    return out
  }
}

/// The disclosure control of a report's incident counts (Docs/Report.md, "Disclosure
/// control").
///
/// Below AMBER, each year's counts are decided once for the editions CLEAR and GREEN
/// together (``CellSuppression``): CLEAR from CLEAR records alone, GREEN knowing what
/// CLEAR publishes, so that neither edition, nor their difference, gives away a count
/// from fewer than k reporters. A year's pattern depends only on that year's records and
/// the rule, so every report that shows the year shows it withheld the same way.
/// At AMBER and above nothing is withheld.
public struct ReportDisclosure: Sendable {
  public let audience: SharingScope
  /// The editions decided together (CLEAR, GREEN up to the audience); empty at AMBER+.
  public let editions: [SharingScope]
  public let rule: CellSuppression.Rule
  /// Per year with visible incidents: its measures (sorted) and their statuses.
  public private(set) var years: [Int: Year]
  /// The years shown as first published.
  public private(set) var asPublished: [AsPublished] = []

  public struct Year: Sendable {
    public let measures: [CountMeasure]
    let index: [CountMeasure: Int]
    /// Counts in the audience's edition.
    let counts: [Int]
    /// nil at AMBER+.
    public let suppression: CellSuppression?
    /// The figures as first published (``PublishedYear``): shown instead of a new decision.
    public internal(set) var frozen: [CountMeasure: Int?]? = nil

    /// The status in the audience's edition (nil at AMBER+).
    public func status(_ m: CountMeasure) -> CellSuppression.Status? {
      guard let s = suppression, let j = index[m] else { return nil }
      return s.status[s.status.count - 1][j]
    }
  }

  /// - Parameters:
  ///   - visible: the incidents the audience may see, of the years to decide.
  ///   - audience: the report's marking; at AMBER and above nothing is withheld.
  ///   - rule: k, the dominance rule, and whether complementary counts are withheld.
  ///   - threads: how many threads decide the years (default: the processors); the
  ///     result is the same for any number.
  ///   - fiscalYear: whether the years are fiscal years (年度, April – March).
  /// - Throws: `LinearProgramError` (RensaLP) only for a programme GLPK cannot be given.
  public init(
    visible: [Incident], audience: SharingScope, rule: CellSuppression.Rule, threads: Int? = nil, fiscalYear: Bool = false
  ) throws {
    self.audience = audience
    self.rule = rule
    editions = audience >= .amber ? [] : (audience == .clear ? [.clear] : [.clear, .green])
    // Each year is decided on its own (its pattern depends on its records alone), so the
    // years run in parallel; the result does not depend on the number of threads.
    let editionCount = editions.count
    let byYear = Dictionary(grouping: visible) { CountingYear.of($0.occurred, fiscal: fiscalYear) }.sorted { $0.key < $1.key }
    let results = UnsafeMutableBufferPointer<Result<Year, LinearProgramError>?>.allocate(capacity: byYear.count)
    results.initialize(repeating: nil)
    defer {
      _ = results.deinitialize()
      results.deallocate()
    }
    let slots = UncheckedSendable(results)
    // Largest years first, each taken by the next free thread (the longest-first rule).
    let order = byYear.indices.sorted { (byYear[$0].value.count, byYear[$1].key) > (byYear[$1].value.count, byYear[$0].key) }
    let next = Atomic<Int>(0)
    let threads = min(byYear.count, max(1, threads ?? ProcessorCount.active))
    DispatchQueue.concurrentPerform(iterations: threads) { _ in
      while true {
        let k = next.wrappingAdd(1, ordering: .relaxed).oldValue
        guard k < order.count else { break }
        let y = order[k]
        slots.value[y] = Result { () throws(LinearProgramError) -> Year in
          try Self.decide(byYear[y].value, editions: editionCount, rule: rule, fiscal: fiscalYear)
        }
      }
    }
    var years: [Int: Year] = [:]
    for (y, entry) in byYear.enumerated() { years[entry.key] = try results[y]!.get() }
    self.years = years
  }

  /// One year: its measures, counts and (below AMBER) suppression.
  static func decide(
    _ incidents: [Incident], editions: Int, rule: CellSuppression.Rule, fiscal: Bool = false
  ) throws(LinearProgramError) -> Year {
    // Canonical order: records by (day, id), measures sorted; CLEAR's decision is then
    // the same whether GREEN records are present or not.
    let records = incidents.sorted { ($0.occurred, $0.id) < ($1.occurred, $1.id) }
    var sets: [CountMeasure: [Int]] = [:]
    for (r, i) in records.enumerated() {
      for m in CountMeasure.of(i, fiscal: fiscal) where editions == 0 || m.isPublishedBelowAmber { sets[m, default: []].append(r) }
    }
    let measures = sets.keys.sorted()
    let index = Dictionary(uniqueKeysWithValues: measures.enumerated().map { ($1, $0) })
    var suppression: CellSuppression? = nil
    if editions > 0 {
      let reporter = Self.reporters(records)
      let layer = records.map { $0.sharing == .clear ? 0 : 1 }
      suppression = try CellSuppression(
        measures: measures.map { sets[$0]! }, reporter: reporter, layer: layer, editions: editions, rule: rule)
    }
    return Year(measures: measures, index: index, counts: measures.map { sets[$0]!.count }, suppression: suppression)
  }

  /// Each record's reporter, interned in order of appearance. Reporters are counted by
  /// their normal form: one organisation spelt several ways ("QXONE", "qxone ",
  /// full-width, a zero-width space) is one reporter.
  static func reporters(_ records: [Incident]) -> [Int] {
    var reporterID: [String: Int] = [:]
    return records.map { i in
      let key = Identity.key(i.reporter)
      if let id = reporterID[key] { return id }
      reporterID[key] = reporterID.count
      return reporterID.count - 1
    }
  }

  /// Whether any record of `year` is visible.
  public func hasData(_ year: Int) -> Bool { years[year] != nil }

  /// The published value of a measure: its count, 0, withheld, or no data for the year.
  public func value(_ year: Int, _ m: CountMeasure) -> ReportValue {
    guard let y = years[year] else { return .noData }
    // Not decided below AMBER (never shown there): never a count.
    if !editions.isEmpty && !m.isPublishedBelowAmber { return .withheld }
    if let f = y.frozen {
      guard let v = f[m] else { return .count(0) }
      return v.map { .count($0) } ?? .withheld
    }
    guard let j = y.index[m] else { return .count(0) }
    if let s = y.status(m), s.isWithheld { return .withheld }
    return .count(y.counts[j])
  }

  /// Whether a measure's count is published (0 included).
  public func isPublished(_ year: Int, _ m: CountMeasure) -> Bool {
    if case .count = value(year, m) { return true }
    return false
  }

  /// Every audit range of every year (the audience's edition and those below it).
  public var audit: [(year: Int, range: CellSuppression.Range, measure: CountMeasure)] {
    years.keys.sorted().flatMap { y -> [(year: Int, range: CellSuppression.Range, measure: CountMeasure)] in
      guard years[y]!.frozen == nil, let s = years[y]!.suppression else { return [] }
      return s.audit.map { (y, $0, years[y]!.measures[$0.measure]) }
    }
  }

  public var isProtected: Bool { years.values.allSatisfy { $0.frozen != nil || ($0.suppression?.isProtected ?? true) } }

  /// Shows the years `ledger` holds for this edition as they were published. A year
  /// published for CLEAR alone, whose CLEAR records have changed since, cannot be decided
  /// for GREEN without contradicting it: it is listed in `conflicts`.
  ///
  /// - Parameter records: the ledger's view of each year's visible records, by edition
  ///   (0 CLEAR, 1 GREEN).
  mutating func freeze(
    _ ledger: [PublishedYear], fiscalYear: Bool, records: (Int, Int) -> [String: String]
  ) -> (asPublished: [AsPublished], conflicts: [(year: Int, entry: PublishedYear, changed: Int)]) {
    guard let mine = editions.last else { return ([], []) }
    var shown: [AsPublished] = []
    var conflicts: [(year: Int, entry: PublishedYear, changed: Int)] = []
    let entries = ledger.filter { $0.kind == .counts && $0.fiscalYear == fiscalYear }
    for y in years.keys.sorted() {
      if let e = entries.first(where: { $0.year == y && $0.edition == mine }) {
        var frozen: [CountMeasure: Int?] = [:]
        // updateValue: a withheld cell is a nil value, which a subscript assignment would drop.
        for cell in e.cells { if let m = CountMeasure(components: cell.key) { frozen.updateValue(cell.value.map { Int($0.rounded()) }, forKey: m) } }
        let measures = frozen.keys.sorted()
        var block = Year(
          measures: measures, index: Dictionary(uniqueKeysWithValues: measures.enumerated().map { ($1, $0) }),
          counts: measures.map { frozen[$0]!.flatMap { $0 } ?? 0 }, suppression: nil)
        block.frozen = frozen
        years[y] = block
        shown.append(AsPublished(year: y, recordedAt: e.recordedAt, report: e.report, changed: e.changed(records(y, editions.count - 1))))
      } else if mine == .green, let e = entries.first(where: { $0.year == y && $0.edition == .clear }) {
        let changed = e.changed(records(y, 0))
        if changed > 0 { conflicts.append((y, e, changed)) }
      }
    }
    asPublished = shown
    return (shown, conflicts)
  }

  /// The entries that record this report's decisions of the years it shows (not those
  /// already shown as published): every measure of each edition decided (CLEAR, GREEN).
  func ledgerEntries(
    shownYears: [Int], fiscalYear: Bool, recordedAt: String, report: String, records: (Int, Int) -> [String: String]
  ) -> [PublishedYear] {
    var out: [PublishedYear] = []
    for y in shownYears.sorted() {
      guard let block = years[y], block.frozen == nil, let s = block.suppression else { continue }
      for (e, edition) in editions.enumerated() {
        let cells = block.measures.enumerated().map { j, m -> PublishedYear.Cell in
          if case .published(let n) = s.status[e][j] { return .init(key: m.components, value: Double(n)) }
          return .init(key: m.components, value: nil)
        }
        out.append(PublishedYear(
          kind: .counts, year: y, fiscalYear: fiscalYear, edition: edition, recordedAt: recordedAt, report: report,
          cells: cells, records: records(y, e)))
      }
    }
    return out
  }
}

/// What a report says of its disclosure control (methods chapter and JSON).
public struct DisclosureSummary: Sendable, Hashable {
  /// The years whose counts the report shows.
  public var years: [Int]
  public var minimumReporters: Int
  public var dominancePercent: Double?
  /// Withheld counts of the report's edition in those years.
  public var primary: Int
  public var secondary: Int
  /// Sensitive expressions audited (counts and edition differences, all editions decided).
  public var audited: Int
  /// The fewest values a withheld count can take (nil: none bounded, or nothing withheld).
  public var narrowestWidth: Int?
  public var isProtected: Bool
  /// LP solves made for those years.
  public var solves: Int
  /// The user-hours sums of the year reported (``ImpactTables``): nil at AMBER+.
  public var impact: ImpactAudit?
  /// The years shown as first published (their audit is the one of that publication).
  public var asPublished: [AsPublished] = []

  /// The disclosure audit of the user-hours sums.
  public struct ImpactAudit: Sendable, Hashable {
    /// p of the p % rule.
    public var percent: Double
    public var primary: Int
    public var secondary: Int
    /// Sensitive sums and edition differences audited.
    public var audited: Int
    /// The least relative uncertainty of an audited sum, in % of its value, on its
    /// narrower side (nil: nothing audited, or none bounded).
    public var narrowestPercent: Double?
    public var isProtected: Bool
  }

  var json: JSONValue {
    .object([
      ("years", .array(years.map { .int($0) })),
      ("min_reporters", .int(minimumReporters)),
      ("dominance_percent", dominancePercent.map { .number($0) } ?? .null),
      ("withheld_primary", .int(primary)),
      ("withheld_secondary", .int(secondary)),
      ("audited", .int(audited)),
      ("narrowest_range", narrowestWidth.map { .int($0) } ?? .null),
      ("protected", .bool(isProtected)),
      ("impact", impact.map { a in
        .object([
          ("p_percent", .number(a.percent)),
          ("withheld_primary", .int(a.primary)),
          ("withheld_secondary", .int(a.secondary)),
          ("audited", .int(a.audited)),
          ("narrowest_percent", a.narrowestPercent.map { .number($0) } ?? .null),
          ("protected", .bool(a.isProtected)),
        ])
      } ?? .null),
      ("as_published", .array(asPublished.map { p in
        .object([("year", .int(p.year)), ("recorded", .string(p.recordedAt)), ("report", .string(p.report))])
      })),
    ])
  }
}

extension ReportDisclosure {
  /// The audit of the years a report shows (nil fields at AMBER+: nothing withheld).
  public func summary(shownYears: [Int]) -> DisclosureSummary {
    var primary = 0
    var secondary = 0
    var audited = 0
    var narrowest: Int? = nil
    var protected = true
    var solves = 0
    for y in shownYears {
      guard let block = years[y], block.frozen == nil, let s = block.suppression else { continue }
      for st in s.status[s.status.count - 1] {
        if st == .primary { primary += 1 } else if st == .secondary { secondary += 1 }
      }
      audited += s.audit.count
      if let w = s.narrowestWidth { narrowest = min(narrowest ?? w, w) }
      protected = protected && s.isProtected
      solves += s.solves
    }
    return DisclosureSummary(
      years: shownYears, minimumReporters: rule.minimumReporters, dominancePercent: rule.dominancePercent, primary: primary,
      secondary: secondary, audited: audited, narrowestWidth: narrowest, isProtected: protected, solves: solves, impact: nil)
  }
}

/// A value handed to concurrent workers that write disjoint parts of it.
struct UncheckedSendable<T>: @unchecked Sendable {
  let value: T
  init(_ value: T) { self.value = value }
}
