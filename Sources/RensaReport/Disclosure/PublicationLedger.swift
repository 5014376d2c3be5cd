import Foundation
import Rensa

extension CountMeasure {
  /// The measure as a list of strings (ledger entries); ``init(components:)`` reads it back.
  public var components: [String] {
    switch self {
    case .exceeded: return ["exceeded"]
    case .exceededOfType(let t): return ["type", t.rawValue]
    case .exceededInSector(let s): return ["sector", s]
    case .spillover(let o, let a): return ["spillover", o, a]
    case .threat(let s, let t): return ["threat", s, t]
    case .nearMisses: return ["near-misses"]
    case .exceededWithImpact: return ["impact-reported"]
    case .exceededInService(let s): return ["service", s]
    case .exceededInQuarter(let q): return ["quarter", String(q)]
    case .exceededOfSeverity(let l): return ["severity", l.map(String.init) ?? "not-rated"]
    case .exceededAffecting(let p): return ["property", p.rawValue]
    case .carrying(let id, let sector): return ["carrying", id.kind.rawValue, id.value] + (sector.map { [$0] } ?? [])
    }
  }

  public init?(components c: [String]) {
    switch (c.first, c.count) {
    case ("exceeded", 1): self = .exceeded
    case ("type", 2): guard let t = ThreatType(rawValue: c[1]) else { return nil }; self = .exceededOfType(t)
    case ("sector", 2): self = .exceededInSector(c[1])
    case ("spillover", 3): self = .spillover(origin: c[1], affected: c[2])
    case ("threat", 3): self = .threat(sector: c[1], threat: c[2])
    case ("near-misses", 1): self = .nearMisses
    case ("impact-reported", 1): self = .exceededWithImpact
    case ("service", 2): self = .exceededInService(c[1])
    case ("quarter", 2): guard let q = Int(c[1]), (1...4).contains(q) else { return nil }; self = .exceededInQuarter(q)
    case ("severity", 2):
      if c[1] == "not-rated" { self = .exceededOfSeverity(nil) } else {
        guard let l = Int(c[1]), (0...4).contains(l) else { return nil }
        self = .exceededOfSeverity(l)
      }
    case ("property", 2): guard let p = SecurityProperty(rawValue: c[1]) else { return nil }; self = .exceededAffecting(p)
    case ("carrying", 3), ("carrying", 4):
      guard let kind = IncidentIdentifier.Kind(rawValue: c[1]) else { return nil }
      self = .carrying(IncidentIdentifier(kind, c[2]), sector: c.count == 4 ? c[3] : nil)
    default: return nil
    }
  }
}

/// One year's published figures in one edition, as recorded when the report was
/// published (`rensa report --store DB --publish`): a later report shows that year
/// exactly so, whatever the records have become (Docs/Report.md, "Revisions").
///
/// Re-deciding a published year on updated records would publish a second table of
/// almost the same records, and the difference of the two would give the updated
/// records away (`PublicationLedgerTests` shows it); keeping what was published adds
/// nothing an attacker did not have.
public struct PublishedYear: Sendable, Hashable, Codable {
  public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
    /// The year's incident counts (every measure of the year, shown or not).
    case counts
    /// The user-hours sums (``ImpactTables``) of a year published as the year reported.
    case impact
  }

  public var kind: Kind
  public var year: Int
  public var fiscalYear: Bool
  /// CLEAR or GREEN (nothing is withheld at AMBER and above, so nothing is recorded).
  public var edition: SharingScope
  /// When it was recorded (ISO 8601), and the report's file stem.
  public var recordedAt: String
  public var report: String
  /// The published values: a count or sum, nil when withheld. A measure not listed was 0.
  public var cells: [Cell]
  /// The records the figures were made from: each visible incident's normal id and the
  /// SHA-256 of its canonical JSON, so that later reports can say what changed since.
  public var records: [String: String]

  public struct Cell: Sendable, Hashable, Codable {
    /// ``CountMeasure/components`` for counts; `["total"]`, `["cause", type]`,
    /// `["sector", id]` for sums.
    public var key: [String]
    public var value: Double?

    public init(key: [String], value: Double?) {
      self.key = key
      self.value = value
    }
  }

  public init(
    kind: Kind, year: Int, fiscalYear: Bool, edition: SharingScope, recordedAt: String, report: String, cells: [Cell],
    records: [String: String]
  ) {
    self.kind = kind
    self.year = year
    self.fiscalYear = fiscalYear
    self.edition = edition
    self.recordedAt = recordedAt
    self.report = report
    self.cells = cells
    self.records = records
  }

  /// The entry as one line of canonical JSON (sorted keys), as the store keeps it.
  public var json: String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    return String(decoding: (try? encoder.encode(self)) ?? Data(), as: UTF8.self)
  }

  /// Reads an entry back (nil: not one).
  public init?(json: String) {
    guard let e = try? JSONDecoder().decode(PublishedYear.self, from: Data(json.utf8)) else { return nil }
    self = e
  }

  /// The digest of an incident as a ledger entry keeps it.
  static func digest(_ i: Incident) -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    return SHA256.hex((try? encoder.encode(i)) ?? Data())
  }

  /// The ledger's view of `incidents` (normal id → digest).
  static func records(_ incidents: [Incident]) -> [String: String] {
    Dictionary(incidents.map { (Identity.key($0.id), digest($0)) }, uniquingKeysWith: { a, _ in a })
  }

  /// How many of `now`'s records were added, updated or removed since the entry.
  func changed(_ now: [String: String]) -> Int {
    var n = 0
    for (k, v) in now where records[k] != v { n += 1 }
    for k in records.keys where now[k] == nil { n += 1 }
    return n
  }
}

/// A year shown as first published (the methods chapter and the JSON say so).
public struct AsPublished: Sendable, Hashable {
  public var year: Int
  public var recordedAt: String
  public var report: String
  /// Incidents of the year added, updated or removed since (not in its figures).
  public var changed: Int
}
