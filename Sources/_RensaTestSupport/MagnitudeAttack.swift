import Rensa
import RensaLP
import RensaReport

/// An attacker of the published user-hours (the impact tables by cause and by sector),
/// written from what the reports print, not from how they decide: it reads the tables of
/// the CLEAR and GREEN editions of a year, knows the schema (every record has a layer,
/// one sector and a non-empty set of the four causes; a printed sum is rounded to the
/// nearest user-hour), and solves, for every withheld sum and every GREEN-only part it
/// is asked for, the least and greatest value that every printed sum allows
/// (non-negative reals). Its variables are every combination the schema allows, not the
/// ones that occur.
public struct MagnitudeAttack {
  public enum Cell: Hashable, Sendable, CustomStringConvertible {
    case total, cause(ThreatType), sector(String)
    public var description: String {
      switch self {
      case .total: return "total"
      case .cause(let t): return "cause \(t.rawValue)"
      case .sector(let s): return "sector \(s)"
      }
    }
  }

  public struct Target: Hashable, Sendable, CustomStringConvertible {
    public var edition: SharingScope
    public var cell: Cell
    /// The GREEN records only (what differencing the editions gives).
    public var differenceOnly: Bool
    public init(edition: SharingScope, cell: Cell, differenceOnly: Bool = false) {
      self.edition = edition
      self.cell = cell
      self.differenceOnly = differenceOnly
    }
    public var description: String { "\(edition.rawValue)\(differenceOnly ? " (GREEN-only part)" : "") \(cell)" }
  }

  public struct Finding: Sendable {
    public var target: Target
    public var least: Double
    /// nil: unbounded.
    public var greatest: Double?
  }

  let sectors: [String]
  /// Printed sums: nil = withheld.
  var printed: [Target: Int?] = [:]

  public init(dataset: Dataset, reports: [ReportDocument]) {
    sectors = dataset.sectors.map(\.id)
    let byName = Dictionary(dataset.sectors.map { ($0.name, $0.id) }, uniquingKeysWith: { a, _ in a })
    for report in reports {
      precondition(report.marking <= .green, "the attacker reads CLEAR and GREEN editions")
      for section in report.sections {
        for case .table(let table) in section.blocks {
          guard table.id == "impact-by-cause" || table.id == "impact-by-sector",
            let column = table.columns.firstIndex(where: { $0.hasPrefix("user-hours") && !$0.hasPrefix("share") })
          else { continue }
          for (r, row) in table.rows.enumerated() {
            let cell: Cell
            if r == table.rows.count - 1 {
              cell = .total
            } else if table.id == "impact-by-cause" {
              cell = .cause(ThreatType.allCases[r])
            } else {
              guard case .text(let name) = row[0], let s = byName[name] else { continue }
              cell = .sector(s)
            }
            let target = Target(edition: report.marking, cell: cell)
            switch row[column] {
            case .count(let n): printed[target] = .some(n)
            case .withheld: printed[target] = .some(nil)
            default: break
            }
          }
        }
      }
    }
  }

  struct Combo {
    var layer: Int
    var sector: Int
    var causes: Set<ThreatType>
  }

  func combos() -> [Combo] {
    let types = ThreatType.allCases
    var out: [Combo] = []
    for layer in 0...1 {
      for s in sectors.indices {
        for mask in 1..<(1 << types.count) {
          out.append(Combo(layer: layer, sector: s, causes: Set(types.indices.filter { mask & (1 << $0) != 0 }.map { types[$0] })))
        }
      }
    }
    return out
  }

  func contains(_ t: Target, _ c: Combo) -> Bool {
    if t.differenceOnly { if c.layer != 1 { return false } } else if c.layer > (t.edition == .clear ? 0 : 1) { return false }
    switch t.cell {
    case .total: return true
    case .cause(let x): return c.causes.contains(x)
    case .sector(let s): return sectors[c.sector] == s
    }
  }

  /// Every withheld sum, and `extra` targets, with the range the printed sums allow.
  public func attack(extra: [Target] = []) throws -> [Finding] {
    let combos = combos()
    var rows: [[(column: Int, coefficient: Double)]] = []
    var bounds: [LinearProgram.Bound] = []
    for (t, value) in printed.sorted(by: { $0.key.description < $1.key.description }) {
      guard let n = value else { continue }
      rows.append(combos.indices.filter { contains(t, combos[$0]) }.map { (column: $0, coefficient: 1.0) })
      bounds.append(.between(max(0, Double(n) - 0.5), Double(n) + 0.5))
    }
    let lp = try LinearProgram(columns: combos.count, rows: rows, integer: false)
    for (i, b) in bounds.enumerated() { lp.setBound(b, row: i) }
    let targets = printed.filter { $0.value == .some(nil) }.keys.sorted { $0.description < $1.description } + extra
    return targets.map { t in
      let terms = combos.indices.filter { contains(t, combos[$0]) }.map { (column: $0, coefficient: 1.0) }
      var least = 0.0
      var greatest: Double? = nil
      if case .optimal(let v, _) = lp.optimum(terms, .minimise) { least = v }
      if case .optimal(let v, _) = lp.optimum(terms, .maximise) { greatest = v }
      return Finding(target: t, least: least, greatest: greatest)
    }
  }
}
