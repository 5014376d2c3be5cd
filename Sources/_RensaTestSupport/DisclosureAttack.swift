import Rensa
import RensaReport
import RensaLP

/// An attacker of published reports, written from what the reports print, not from how
/// the report decides: it reads every table and chart of several reports (years,
/// editions), knows the incident schema (every incident has a year, a sector, one
/// threat type, whether it exceeded the verification level, a catalogue threat or
/// none, and for spill-overs an originating sector; a record is CLEAR or GREEN), and
/// solves, for every withheld count, the least and greatest value that every printed
/// number allows (non-negative integers, withheld means at least 1, "no data" means no
/// record). Independent of the product's audit: its variables are all combinations the
/// schema allows, not the ones that occur.
public struct DisclosureAttack {
  /// A count the attacker tries to recover.
  public struct Target: Hashable, CustomStringConvertible, Sendable {
    public enum Kind: Hashable, Sendable {
      case total, type(ThreatType), sector(String), spillover(String, String), threat(String, String)
    }
    public var year: Int
    /// CLEAR or GREEN; with `differenceOnly`, the GREEN records only (what differencing the editions gives).
    public var edition: SharingScope
    public var kind: Kind
    public var differenceOnly: Bool

    public init(year: Int, edition: SharingScope, kind: Kind, differenceOnly: Bool = false) {
      self.year = year
      self.edition = edition
      self.kind = kind
      self.differenceOnly = differenceOnly
    }

    public var description: String { "\(year) \(edition.rawValue)\(differenceOnly ? " (GREEN-only part)" : "") \(kind)" }
  }

  public struct Finding: Sendable {
    public var target: Target
    public var least: Int
    /// nil: unbounded.
    public var greatest: Int?
    public var width: Int? { greatest.map { $0 - least + 1 } }
  }

  /// Facts read from the reports.
  enum Fact: Hashable {
    case equals(Int)
    case atLeastOne
  }

  let sectors: [String]
  let threats: [String]
  var facts: [Target: Set<Fact>] = [:]
  /// (year, edition) with no data.
  var empty: Set<[Int]> = []

  /// - Parameter dataset: the public catalogue (sectors, threats and their names).
  public init(dataset: Dataset, reports: [ReportDocument]) {
    sectors = dataset.sectors.map(\.id)
    threats = dataset.threats.map(\.id)
    let sectorByName = Dictionary(dataset.sectors.map { ($0.name, $0.id) }, uniquingKeysWith: { a, _ in a })
    let threatByName = Dictionary(dataset.threats.map { ($0.name, $0.id) }, uniquingKeysWith: { a, _ in a })
    for report in reports {
      let e = report.marking
      precondition(e <= .green, "the attacker reads CLEAR and GREEN editions")
      func record(_ year: Int, _ kind: Target.Kind, _ v: ReportValue) {
        let t = Target(year: year, edition: e, kind: kind)
        switch v {
        case .count(let n): facts[t, default: []].insert(.equals(n))
        case .withheld: facts[t, default: []].insert(.atLeastOne)
        case .noData: empty.insert([year, e == .clear ? 0 : 1])
        default: break
        }
      }
      let types = ThreatType.allCases
      for section in report.sections {
        for block in section.blocks {
          switch block {
          case .table(let table):
            let years = table.columns.map { Int($0) }
            switch table.id {
            case "headline", "indicator-changes":
              for (r, row) in table.rows.enumerated() where r <= types.count {
                let kind: Target.Kind = r == 0 ? .total : .type(types[r - 1])
                for (k, v) in row.enumerated() { if let y = years[k] { record(y, kind, v) } }
              }
            case "indicators-by-type":
              for (r, row) in table.rows.enumerated() {
                let kind: Target.Kind = r < types.count ? .type(types[r]) : .total
                for (k, v) in row.enumerated() { if let y = years[k] { record(y, kind, v) } }
              }
            case "indicators-by-sector":
              for row in table.rows {
                guard case .text(let name) = row[0], let s = sectorByName[name] else { continue }
                for (k, v) in row.enumerated() { if let y = years[k] { record(y, .sector(s), v) } }
              }
            case "spillovers":
              var listed = Set<[String]>()
              for row in table.rows {
                guard case .text(let on) = row[0], case .text(let an) = row[1], let o = sectorByName[on], let a = sectorByName[an] else { continue }
                record(report.year, .spillover(o, a), row[2])
                listed.insert([o, a])
              }
              // Pairs not listed have none.
              for o in sectors { for a in sectors where o != a && !listed.contains([o, a]) { record(report.year, .spillover(o, a), .count(0)) } }
            default: break
            }
          case .chart(let chart):
            guard chart.id == "threat-heatmap", case .heatmap(let rows, let columns, let values, _) = chart.kind else { continue }
            for (i, rn) in rows.enumerated() {
              guard let s = sectorByName[rn] else { continue }
              for (j, cn) in columns.enumerated() {
                guard let t = threatByName[cn] else { continue }
                if let v = values[i][j] { record(report.year, .threat(s, t), .count(Int(v))) } else { record(report.year, .threat(s, t), .withheld) }
              }
            }
          default: break
          }
        }
      }
    }
  }

  /// The schema's combinations of one year: (layer 0 = CLEAR / 1 = GREEN only, exceeded,
  /// type, sector, origin, threat).
  struct Combo {
    var layer: Int
    var exceeded: Bool
    var type: ThreatType?
    var sector: Int
    var origin: Int?
    var threat: Int?
  }

  func combos() -> [Combo] {
    var out: [Combo] = []
    for layer in 0...1 {
      for s in sectors.indices {
        // Not exceeded: only the threat cells count them (type and origin do not matter).
        for t in threats.indices { out.append(Combo(layer: layer, exceeded: false, type: nil, sector: s, origin: nil, threat: t)) }
        for type in ThreatType.allCases {
          let origins: [Int?] = type == .spillover ? sectors.indices.filter { $0 != s }.map { $0 } : [nil]
          for o in origins {
            out.append(Combo(layer: layer, exceeded: true, type: type, sector: s, origin: o, threat: nil))
            for t in threats.indices { out.append(Combo(layer: layer, exceeded: true, type: type, sector: s, origin: o, threat: t)) }
          }
        }
      }
    }
    return out
  }

  func contains(_ t: Target, _ c: Combo) -> Bool {
    if t.differenceOnly { if c.layer != 1 { return false } } else if c.layer > (t.edition == .clear ? 0 : 1) { return false }
    switch t.kind {
    case .total: return c.exceeded
    case .type(let x): return c.exceeded && c.type == x
    case .sector(let s): return c.exceeded && sectors[c.sector] == s
    case .spillover(let o, let a): return c.exceeded && c.origin.map { sectors[$0] } == o && sectors[c.sector] == a
    case .threat(let s, let th): return sectors[c.sector] == s && c.threat.map { threats[$0] } == th
    }
  }

  /// Every withheld count of the reports, and `extra` targets (e.g. the GREEN-only parts
  /// of counts), with the range the printed numbers allow.
  public func attack(extra: [Target] = []) throws -> [Finding] {
    let combos = combos()
    var findings: [Finding] = []
    let years = Set(facts.keys.map(\.year)).union(extra.map(\.year)).sorted()
    for y in years {
      let yearFacts = facts.filter { $0.key.year == y }
      let targets = yearFacts.filter { $0.value.contains(.atLeastOne) && !$0.value.contains { if case .equals = $0 { return true } else { return false } } }
        .keys.sorted { $0.description < $1.description } + extra.filter { $0.year == y }
      guard !targets.isEmpty else { continue }
      var rows: [[(column: Int, coefficient: Double)]] = []
      var bounds: [LinearProgram.Bound] = []
      for (t, fs) in yearFacts.sorted(by: { $0.key.description < $1.key.description }) {
        let row = combos.indices.filter { contains(t, combos[$0]) }.map { (column: $0, coefficient: 1.0) }
        for f in fs {
          rows.append(row)
          switch f {
          case .equals(let n): bounds.append(.fixed(Double(n)))
          case .atLeastOne: bounds.append(.atLeast(1))
          }
        }
      }
      for layer in 0...1 where empty.contains([y, layer]) {
        // No data in that edition: no record of its layers.
        let row = combos.indices.filter { combos[$0].layer <= layer }.map { (column: $0, coefficient: 1.0) }
        rows.append(row)
        bounds.append(.fixed(0))
      }
      let lp = try LinearProgram(columns: combos.count, rows: rows, integer: true)
      for (i, b) in bounds.enumerated() { lp.setBound(b, row: i) }
      for t in targets {
        let terms = combos.indices.filter { contains(t, combos[$0]) }.map { (column: $0, coefficient: 1.0) }
        var least = 0
        var greatest: Int? = nil
        if case .optimal(let v, _) = lp.optimum(terms, .minimise) { least = Int((v - 1e-6).rounded(.up)) }
        if case .optimal(let v, _) = lp.optimum(terms, .maximise) { greatest = Int((v + 1e-6).rounded(.down)) }
        findings.append(Finding(target: t, least: least, greatest: greatest))
      }
    }
    return findings
  }
}
