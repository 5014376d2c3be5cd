import Rensa
import RensaLP
import RensaReport

/// An attacker of the table of failures by quarter, severity and security property
/// (`indicators-by-category`), written from what the reports print: it reads that table
/// and the yearly totals of the CLEAR and GREEN editions, knows the schema (a failure has
/// one quarter, one severity level or none, and any set of the three properties; a record
/// is CLEAR or GREEN), and solves for every withheld count, and every GREEN-only part it
/// is asked for, the least and greatest value the printed counts allow (non-negative
/// integers; withheld means at least 1). Its variables are every combination the schema
/// allows, not the ones that occur.
public struct CategoryAttack {
  public enum Cell: Hashable, Sendable, CustomStringConvertible {
    case total, quarter(Int), severity(Int?), property(SecurityProperty)
    public var description: String {
      switch self {
      case .total: return "total"
      case .quarter(let q): return "Q\(q)"
      case .severity(let l): return "severity \(l.map(String.init) ?? "not rated")"
      case .property(let p): return p.rawValue
      }
    }
  }

  public struct Target: Hashable, Sendable, CustomStringConvertible {
    public var year: Int
    public var edition: SharingScope
    public var cell: Cell
    public var differenceOnly: Bool
    public init(year: Int, edition: SharingScope, cell: Cell, differenceOnly: Bool = false) {
      self.year = year
      self.edition = edition
      self.cell = cell
      self.differenceOnly = differenceOnly
    }
    public var description: String { "\(year) \(edition.rawValue)\(differenceOnly ? " (GREEN-only part)" : "") \(cell)" }
  }

  public struct Finding: Sendable {
    public var target: Target
    public var least: Int
    public var greatest: Int?
    public var width: Int? { greatest.map { $0 - least + 1 } }
  }

  enum Fact: Hashable { case equals(Int), atLeastOne }
  var facts: [Target: Set<Fact>] = [:]

  public init(reports: [ReportDocument]) {
    for report in reports {
      precondition(report.marking <= .green, "the attacker reads CLEAR and GREEN editions")
      for section in report.sections {
        for case .table(let table) in section.blocks where table.id == "indicators-by-category" {
          // Rows as printed: 4 quarters, severities 4…0, "not rated" when present, 3 properties, total.
          var cells: [Cell] = (1...4).map { .quarter($0) } + (0...4).reversed().map { .severity($0) }
          if table.rows.count == 14 { cells.append(.severity(nil)) }
          cells += SecurityProperty.allCases.map { .property($0) } + [.total]
          precondition(cells.count == table.rows.count, "the category table's rows changed")
          for (r, row) in table.rows.enumerated() {
            for (k, v) in row.enumerated().dropFirst() {
              guard let year = Int(table.columns[k].filter(\.isNumber)) else { continue }
              let t = Target(year: year, edition: report.marking, cell: cells[r])
              switch v {
              case .count(let n): facts[t, default: []].insert(.equals(n))
              case .withheld: facts[t, default: []].insert(.atLeastOne)
              default: break
              }
            }
          }
        }
      }
    }
  }

  struct Combo {
    var layer: Int
    var quarter: Int
    var severity: Int?
    var properties: Set<SecurityProperty>
  }

  static let combos: [Combo] = {
    var out: [Combo] = []
    let levels: [Int?] = [nil, 0, 1, 2, 3, 4]
    for layer in 0...1 {
      for q in 1...4 {
        for l in levels {
          for mask in 0..<8 {
            out.append(Combo(
              layer: layer, quarter: q, severity: l,
              properties: Set(SecurityProperty.allCases.indices.filter { mask & (1 << $0) != 0 }.map { SecurityProperty.allCases[$0] })))
          }
        }
      }
    }
    return out
  }()

  func contains(_ t: Target, _ c: Combo) -> Bool {
    if t.differenceOnly { if c.layer != 1 { return false } } else if c.layer > (t.edition == .clear ? 0 : 1) { return false }
    switch t.cell {
    case .total: return true
    case .quarter(let q): return c.quarter == q
    case .severity(let l): return c.severity == l
    case .property(let p): return c.properties.contains(p)
    }
  }

  /// Every withheld count, and `extra` targets, with the range the printed counts allow.
  public func attack(extra: [Target] = []) throws -> [Finding] {
    let combos = Self.combos
    var findings: [Finding] = []
    for y in Set(facts.keys.map(\.year)).union(extra.map(\.year)).sorted() {
      let yearFacts = facts.filter { $0.key.year == y }.sorted { $0.key.description < $1.key.description }
      var rows: [[(column: Int, coefficient: Double)]] = []
      var bounds: [LinearProgram.Bound] = []
      for (t, fs) in yearFacts {
        let row = combos.indices.filter { contains(t, combos[$0]) }.map { (column: $0, coefficient: 1.0) }
        for f in fs {
          rows.append(row)
          switch f {
          case .equals(let n): bounds.append(.fixed(Double(n)))
          case .atLeastOne: bounds.append(.atLeast(1))
          }
        }
      }
      let lp = try LinearProgram(columns: combos.count, rows: rows, integer: true)
      for (i, b) in bounds.enumerated() { lp.setBound(b, row: i) }
      let targets = yearFacts.filter { $0.value == [.atLeastOne] }.map(\.key) + extra.filter { $0.year == y }
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
