import Rensa
import RensaLP

/// The impact-weighted statistics of one year: user-hours lost (duration × users
/// affected) by cause and by sector, after disclosure control (``MagnitudeSuppression``).
///
/// The records are the year's IT failures over the verification level (near misses
/// excluded) whose duration and number of users affected are both reported. An incident
/// with several causes counts under each of them, as in the count tables; the sector
/// cells partition the total. Below AMBER the sums are decided for the editions CLEAR and
/// GREEN together, like the counts; at AMBER and above nothing is withheld.
public struct ImpactTables: Sendable {
  /// A cell of the tables.
  public enum Cell: Sendable, Hashable {
    case total
    case cause(ThreatType)
    case sector(String)
  }

  public let year: Int
  public let cells: [Cell]
  let index: [Cell: Int]
  /// The true sums of the audience's edition (published or not).
  let sums: [Double]
  /// nil at AMBER+.
  public let suppression: MagnitudeSuppression?
  /// The sums as first published (``PublishedYear``), shown instead of a new decision.
  public private(set) var frozen: [Cell: Double?]? = nil
  /// The editions decided (CLEAR, GREEN up to the audience; none at AMBER+).
  let editions: [SharingScope]

  /// The user-hours of one incident, when both its duration and users are reported.
  public static func userHours(_ i: Incident) -> Double? {
    guard !i.isNearMiss, i.exceededVerificationLevel, let h = i.durationHours, let u = i.affectedUsers, h.isFinite, h >= 0, u >= 0
    else { return nil }
    return h * Double(u)
  }

  /// - Parameters:
  ///   - year: the year the incidents count in (its counting year).
  ///   - incidents: the incidents of the year visible to the audience.
  ///   - sectors: the sectors (table order).
  ///   - audience: the report's marking; at AMBER and above nothing is withheld.
  ///   - rule: k, p and whether complementary sums are withheld.
  /// - Throws: `LinearProgramError` only for a programme GLPK cannot be given.
  public init(
    year: Int, incidents: [Incident], sectors: [String], audience: SharingScope, rule: MagnitudeSuppression.Rule
  ) throws(LinearProgramError) {
    self.year = year
    let records = incidents.compactMap { i in Self.userHours(i).map { (i, $0) } }.sorted { ($0.0.occurred, $0.0.id) < ($1.0.occurred, $1.0.id) }
    let known = Set(sectors)
    let extraSectors = Set(records.map(\.0.sector)).subtracting(known).sorted()
    cells = [.total] + ThreatType.allCases.map { .cause($0) } + (sectors + extraSectors).map { .sector($0) }
    index = Dictionary(uniqueKeysWithValues: cells.enumerated().map { ($1, $0) })
    var members = [[Int]](repeating: [], count: cells.count)
    for (r, (i, _)) in records.enumerated() {
      members[0].append(r)
      for c in i.causes { members[index[.cause(c)]!].append(r) }
      members[index[.sector(i.sector)]!].append(r)
    }
    sums = members.map { $0.reduce(0) { $0 + records[$1].1 } }
    recordCount = records.count
    editions = audience >= .amber ? [] : audience == .clear ? [.clear] : [.clear, .green]
    if audience >= .amber {
      suppression = nil
    } else {
      let reporter = ReportDisclosure.reporters(records.map(\.0))
      suppression = try MagnitudeSuppression(
        cells: members, value: records.map(\.1), reporter: reporter, layer: records.map { $0.0.sharing == .clear ? 0 : 1 },
        editions: audience == .clear ? 1 : 2, rule: rule)
    }
  }

  /// Whether no incident of the year reports its user-hours (a zero: always published).
  public var isEmpty: Bool {
    if let f = frozen { return (f[.total] ?? 0) == 0 }
    return recordCount == 0
  }
  let recordCount: Int

  /// The published sum of a cell (withheld, or the sum to the nearest user-hour).
  public func value(_ cell: Cell) -> ReportValue {
    if let f = frozen {
      guard let v = f[cell] else { return .count(0) }
      return v.map { .count(Int($0.rounded())) } ?? .withheld
    }
    guard let j = index[cell] else { return .count(0) }
    if let s = suppression, s.status[s.status.count - 1][j].isWithheld { return .withheld }
    return .count(Int(sums[j].rounded()))
  }

  /// A published cell's share of the published total (nil when either is withheld or the total is 0).
  public func share(_ cell: Cell) -> Double? {
    guard case .count = value(cell), case .count = value(.total) else { return nil }
    if let f = frozen {
      guard let x = f[cell] ?? 0, let total = f[.total] ?? nil, total > 0 else { return nil }
      return x / total
    }
    guard let j = index[cell], sums[0] > 0 else { return nil }
    return sums[j] / sums[0]
  }

  /// The cell as a ledger key.
  static func key(_ c: Cell) -> [String] {
    switch c {
    case .total: return ["total"]
    case .cause(let t): return ["cause", t.rawValue]
    case .sector(let s): return ["sector", s]
    }
  }

  static func cell(_ key: [String]) -> Cell? {
    switch (key.first, key.count) {
    case ("total", 1): return .total
    case ("cause", 2): return ThreatType(rawValue: key[1]).map { .cause($0) }
    case ("sector", 2): return .sector(key[1])
    default: return nil
    }
  }

  /// Shows the sums as the ledger recorded them for this edition, when it holds the year.
  mutating func freeze(_ ledger: [PublishedYear], fiscalYear: Bool) -> PublishedYear? {
    guard let mine = editions.last,
      let e = ledger.first(where: { $0.kind == .impact && $0.year == year && $0.fiscalYear == fiscalYear && $0.edition == mine })
    else { return nil }
    var f: [Cell: Double?] = [:]
    // updateValue: a withheld sum is a nil value, which a subscript assignment would drop.
    for c in e.cells { if let cell = Self.cell(c.key) { f.updateValue(c.value, forKey: cell) } }
    frozen = f
    return e
  }

  /// The entries that record the sums of each edition decided (none when shown as published).
  func ledgerEntries(fiscalYear: Bool, recordedAt: String, report: String, records: (Int) -> [String: String]) -> [PublishedYear] {
    guard frozen == nil, let s = suppression else { return [] }
    return editions.enumerated().map { e, edition in
      let cells = self.cells.enumerated().map { j, c -> PublishedYear.Cell in
        if case .published(let v) = s.status[e][j] { return .init(key: Self.key(c), value: v) }
        return .init(key: Self.key(c), value: nil)
      }
      return PublishedYear(
        kind: .impact, year: year, fiscalYear: fiscalYear, edition: edition, recordedAt: recordedAt, report: report, cells: cells,
        records: records(e))
    }
  }

  /// What the methods chapter and the JSON say of the audit (nil at AMBER+, and for sums
  /// shown as first published).
  public func audit(percent: Double) -> DisclosureSummary.ImpactAudit? {
    guard frozen == nil, let s = suppression else { return nil }
    let last = s.status[s.status.count - 1]
    let margins = s.audit.compactMap { r -> Double? in
      guard r.value > 0 else { return nil }
      let below = (r.value - r.least) / r.value
      let above = r.greatest.map { ($0 - r.value) / r.value } ?? .infinity
      let m = min(below, above)
      return m.isFinite ? 100 * m : nil
    }
    return DisclosureSummary.ImpactAudit(
      percent: percent, primary: last.filter { $0 == .primary }.count, secondary: last.filter { $0 == .secondary }.count,
      audited: s.audit.count, narrowestPercent: margins.min(), isProtected: s.isProtected)
  }

  /// Whether every withheld sum is protected (always at AMBER+).
  public var isProtected: Bool { frozen != nil || (suppression?.isProtected ?? true) }
  /// The sectors shown (the dataset's, then any other an incident names).
  public var sectors: [String] { cells.compactMap { if case .sector(let s) = $0 { return s } else { return nil } } }
}
