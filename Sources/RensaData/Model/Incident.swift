/// A calendar day in the proleptic Gregorian calendar, written `YYYY-MM-DD`.
public struct CalendarDay: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
  public var year: Int
  public var month: Int
  public var day: Int

  /// Parses `YYYY-MM-DD`; `nil` for anything else or an impossible date.
  public init?(_ text: String) {
    let parts = text.split(separator: "-", omittingEmptySubsequences: false)
    guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
      let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]), (1...12).contains(m),
      (1...Self.daysInMonth(m, of: y)).contains(d)
    else { return nil }
    year = y
    month = m
    day = d
  }

  /// Why `text` is not a day, in words: "February 2026 has 28 days", "there is no month
  /// 13", "write YYYY-MM-DD"; nil when it is one.
  public static func problem(with text: String) -> String? {
    if CalendarDay(text) != nil { return nil }
    let parts = text.split(separator: "-", omittingEmptySubsequences: false)
    guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
      let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2])
    else { return "'\(text)' is not a date (write YYYY-MM-DD, e.g. 2026-04-01)" }
    guard (1...12).contains(m) else { return "'\(text)' is not a date: there is no month \(m)" }
    let names = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]
    return "'\(text)' is not a date: \(names[m - 1]) \(y) has \(daysInMonth(m, of: y)) days\(d == 0 ? " (days start at 01)" : "")"
  }

  /// The `ordinal`-th day (1-based) of `year`; ordinals past the year's end roll into
  /// the following years.
  public init(year: Int, ordinal: Int) {
    var year = year
    var remaining = max(1, ordinal)
    while remaining > Self.daysInYear(year) {
      remaining -= Self.daysInYear(year)
      year += 1
    }
    var month = 1
    while remaining > Self.daysInMonth(month, of: year) {
      remaining -= Self.daysInMonth(month, of: year)
      month += 1
    }
    self.year = year
    self.month = month
    self.day = remaining
  }

  /// Whether `year` is a leap year (Gregorian rule).
  public static func isLeapYear(_ year: Int) -> Bool { (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 }

  /// Days in `month` (1...12) of `year`.
  public static func daysInMonth(_ month: Int, of year: Int) -> Int {
    [31, isLeapYear(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
  }

  /// Days in `year`.
  public static func daysInYear(_ year: Int) -> Int { isLeapYear(year) ? 366 : 365 }

  /// 1-based day of the year.
  public var ordinal: Int { (1..<month).reduce(0) { $0 + Self.daysInMonth($1, of: year) } + day }

  /// The day `n` (≥ 0) days later.
  public func adding(days n: Int) -> CalendarDay { CalendarDay(year: year, ordinal: ordinal + n) }

  public var description: String {
    let mm = month < 10 ? "0\(month)" : "\(month)"
    let dd = day < 10 ? "0\(day)" : "\(day)"
    return "\(year)-\(mm)-\(dd)"
  }

  public static func < (a: CalendarDay, b: CalendarDay) -> Bool { (a.year, a.month, a.day) < (b.year, b.month, b.day) }

  public init(from decoder: any Decoder) throws {
    let text = try decoder.singleValueContainer().decode(String.self)
    guard let day = CalendarDay(text) else {
      throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not a YYYY-MM-DD date: \(text)"))
    }
    self = day
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(description)
  }
}

/// A report of an IT failure or malfunction.
///
/// `reporter` identifies the reporting operator and is confidential: reports for
/// audiences below AMBER never show it (the plan requires that the reporting operator
/// cannot be identified when information is passed on).
public struct Incident: Sendable, Hashable, Codable {
  public var id: String
  /// Day the failure began.
  public var occurred: CalendarDay
  /// Day it was reported, if known (not before `occurred`).
  public var reported: CalendarDay?
  /// Affected sector.
  public var sector: String
  /// Affected operator, if known.
  public var `operator`: String?
  /// Affected service, if known.
  public var service: String?
  /// Cause, by the plan's four types: the principal one (``otherCauses`` holds any more).
  public var threatType: ThreatType
  /// Further causes of the plan's four types, when an incident has several (a storm that
  /// cuts power and a backup that fails through a configuration error): the report counts
  /// the incident under each of its ``causes``. Never repeats `threatType`.
  public var otherCauses: [ThreatType]
  /// The security properties affected (confidentiality, integrity, availability).
  public var affectedProperties: [SecurityProperty]
  /// A near miss (予兆・ヒヤリハット): something that could have become a failure and did not.
  /// Kept apart from failures: never counted as an IT failure, and never over the
  /// verification level.
  public var nearMiss: Bool?
  /// Severity level 0–4 (Docs/Severity.md: the scale, modelled on the government
  /// criteria for cyber incidents, and the source of each level's wording).
  public var severity: Int?

  /// Every cause: `threatType` first, then ``otherCauses``.
  public var causes: [ThreatType] { [threatType] + otherCauses.filter { $0 != threatType } }
  /// ``nearMiss`` as a plain answer.
  public var isNearMiss: Bool { nearMiss ?? false }
  /// The quarter of the calendar year it occurred in, 1–4 (January–March is 1).
  public var quarter: Int { (occurred.month - 1) / 3 + 1 }
  /// The catalogue threat, if identified.
  public var threat: String?
  public var identifiers: ThreatIdentifiers
  /// Whether the failure exceeded the service's verification level.
  public var exceededVerificationLevel: Bool
  /// Duration in hours, if known (≥ 0).
  public var durationHours: Double?
  /// Users affected, if known (≥ 0).
  public var affectedUsers: Int?
  /// For spill-overs: the sector whose failure caused this one (required then, and
  /// different from `sector`).
  public var originSector: String?
  /// TLP marking given by the reporter.
  public var sharing: SharingScope
  /// The reporting body (confidential).
  public var reporter: String
  /// Whether the record is synthetic (generated, not a real report).
  public var synthetic: Bool
  public var summary: String?
  /// Whether the report is provisional: a first, fragmentary report that later reports
  /// may complete (cause found, duration known, users counted). nil: not provisional.
  /// The store keeps every version of an incident; reports count the latest.
  public var provisional: Bool?

  /// ``provisional`` as a plain answer.
  public var isProvisional: Bool { provisional ?? false }

  public init(
    id: String, occurred: CalendarDay, reported: CalendarDay? = nil, sector: String, operator: String? = nil,
    service: String? = nil, threatType: ThreatType, threat: String? = nil, identifiers: ThreatIdentifiers = ThreatIdentifiers(),
    exceededVerificationLevel: Bool, durationHours: Double? = nil, affectedUsers: Int? = nil, originSector: String? = nil,
    sharing: SharingScope, reporter: String, synthetic: Bool, summary: String? = nil, provisional: Bool? = nil,
    otherCauses: [ThreatType] = [], affectedProperties: [SecurityProperty] = [], nearMiss: Bool? = nil, severity: Int? = nil
  ) {
    self.otherCauses = otherCauses
    self.affectedProperties = affectedProperties
    self.nearMiss = nearMiss
    self.severity = severity
    self.provisional = provisional
    self.id = id
    self.occurred = occurred
    self.reported = reported
    self.sector = sector
    self.operator = `operator`
    self.service = service
    self.threatType = threatType
    self.threat = threat
    self.identifiers = identifiers
    self.exceededVerificationLevel = exceededVerificationLevel
    self.durationHours = durationHours
    self.affectedUsers = affectedUsers
    self.originSector = originSector
    self.sharing = sharing
    self.reporter = reporter
    self.synthetic = synthetic
    self.summary = summary
  }
}

extension Incident {
  enum CodingKeys: String, CodingKey {
    case id, occurred, reported, sector, `operator`, service, threatType, threat, identifiers, exceededVerificationLevel
    case durationHours, affectedUsers, originSector, sharing, reporter, synthetic, summary, provisional
    case otherCauses, affectedProperties, nearMiss, severity
  }

  /// Reads an incident as stored by any version of Rensa: fields added later (other
  /// causes, affected properties, near miss, severity, provisional) may be absent.
  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    id = try c.decode(String.self, forKey: .id)
    occurred = try c.decode(CalendarDay.self, forKey: .occurred)
    reported = try c.decodeIfPresent(CalendarDay.self, forKey: .reported)
    sector = try c.decode(String.self, forKey: .sector)
    `operator` = try c.decodeIfPresent(String.self, forKey: .operator)
    service = try c.decodeIfPresent(String.self, forKey: .service)
    threatType = try c.decode(ThreatType.self, forKey: .threatType)
    threat = try c.decodeIfPresent(String.self, forKey: .threat)
    identifiers = try c.decode(ThreatIdentifiers.self, forKey: .identifiers)
    exceededVerificationLevel = try c.decode(Bool.self, forKey: .exceededVerificationLevel)
    durationHours = try c.decodeIfPresent(Double.self, forKey: .durationHours)
    affectedUsers = try c.decodeIfPresent(Int.self, forKey: .affectedUsers)
    originSector = try c.decodeIfPresent(String.self, forKey: .originSector)
    sharing = try c.decode(SharingScope.self, forKey: .sharing)
    reporter = try c.decode(String.self, forKey: .reporter)
    synthetic = try c.decode(Bool.self, forKey: .synthetic)
    summary = try c.decodeIfPresent(String.self, forKey: .summary)
    provisional = try c.decodeIfPresent(Bool.self, forKey: .provisional)
    otherCauses = try c.decodeIfPresent([ThreatType].self, forKey: .otherCauses) ?? []
    affectedProperties = try c.decodeIfPresent([SecurityProperty].self, forKey: .affectedProperties) ?? []
    nearMiss = try c.decodeIfPresent(Bool.self, forKey: .nearMiss)
    severity = try c.decodeIfPresent(Int.self, forKey: .severity)
  }

  /// Writes the fields that are set: an incident without the later fields is written as
  /// earlier versions wrote it (so a store's records do not change on upgrade).
  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(id, forKey: .id)
    try c.encode(occurred, forKey: .occurred)
    try c.encodeIfPresent(reported, forKey: .reported)
    try c.encode(sector, forKey: .sector)
    try c.encodeIfPresent(`operator`, forKey: .operator)
    try c.encodeIfPresent(service, forKey: .service)
    try c.encode(threatType, forKey: .threatType)
    try c.encodeIfPresent(threat, forKey: .threat)
    try c.encode(identifiers, forKey: .identifiers)
    try c.encode(exceededVerificationLevel, forKey: .exceededVerificationLevel)
    try c.encodeIfPresent(durationHours, forKey: .durationHours)
    try c.encodeIfPresent(affectedUsers, forKey: .affectedUsers)
    try c.encodeIfPresent(originSector, forKey: .originSector)
    try c.encode(sharing, forKey: .sharing)
    try c.encode(reporter, forKey: .reporter)
    try c.encode(synthetic, forKey: .synthetic)
    try c.encodeIfPresent(summary, forKey: .summary)
    try c.encodeIfPresent(provisional, forKey: .provisional)
    if !otherCauses.isEmpty { try c.encode(otherCauses, forKey: .otherCauses) }
    if !affectedProperties.isEmpty { try c.encode(affectedProperties, forKey: .affectedProperties) }
    try c.encodeIfPresent(nearMiss, forKey: .nearMiss)
    try c.encodeIfPresent(severity, forKey: .severity)
  }
}
