import Rensa
import RensaLP
import RensaReport

/// An attacker of the tables of CVEs, techniques and products in the incidents
/// (`exploited-vulnerabilities`, `products-in-incidents`, `techniques-across-sectors`),
/// written from what the reports print and from a strong knowledge of the schema: it
/// knows which product each CVE is in (KEV tells it), that an incident carries at most one
/// CVE, and that an incident carries T1190 exactly when it carries a CVE (the synthetic
/// history's design, Docs/Report.md). It reads the CLEAR and GREEN editions of each year and
/// solves, for every target, the least and greatest number of incidents the printed counts
/// allow (non-negative integers; a CVE not printed may be 0). Its variables are the
/// incidents of each CVE in each edition layer (CLEAR; GREEN only).
public struct IdentifierAttack {
  public struct Target: Hashable, Sendable, CustomStringConvertible {
    public var year: Int
    public var edition: SharingScope
    public var cve: String
    public var differenceOnly: Bool
    public init(year: Int, edition: SharingScope, cve: String, differenceOnly: Bool = false) {
      self.year = year
      self.edition = edition
      self.cve = cve
      self.differenceOnly = differenceOnly
    }
    public var description: String { "\(year) \(edition.rawValue)\(differenceOnly ? " (GREEN-only part)" : "") \(cve)" }
  }

  public struct Finding: Sendable {
    public var target: Target
    public var least: Int
    public var greatest: Int?
    public var width: Int? { greatest.map { $0 - least + 1 } }
  }

  enum Fact: Hashable {
    case cve(String)
    case product(String)
    case exploitation
  }

  let productOf: [String: String]
  /// (year, edition, fact) → the count printed.
  var printed: [Int: [(edition: SharingScope, fact: Fact, count: Int)]] = [:]

  /// - Parameters:
  ///   - reports: CLEAR and GREEN editions (any years).
  ///   - productOf: each CVE's product key (the attacker's knowledge).
  public init(reports: [ReportDocument], productOf: [String: String]) {
    self.productOf = productOf
    for report in reports {
      precondition(report.marking <= .green, "the attacker reads CLEAR and GREEN editions")
      for section in report.sections {
        for case .table(let table) in section.blocks {
          func add(_ fact: Fact, _ value: ReportValue) {
            if case .count(let n) = value { printed[report.year, default: []].append((report.marking, fact, n)) }
          }
          switch table.id {
          case "exploited-vulnerabilities":
            for row in table.rows { if case .text(let cve) = row[0] { add(.cve(cve), row[2]) } }
          case "products-in-incidents":
            for row in table.rows { if case .text(let p) = row[0] { add(.product(p), row[1]) } }
          case "techniques-across-sectors":
            for row in table.rows { if case .text("T1190") = row[0] { add(.exploitation, row[3]) } }
          default: break
          }
        }
      }
    }
  }

  /// The range of each target given what the editions of its year print.
  public func attack(_ targets: [Target]) throws -> [Finding] {
    let cves = productOf.keys.sorted()
    // Column: layer * cves.count + index of the CVE.
    func columns(_ edition: SharingScope, differenceOnly: Bool, _ include: (String) -> Bool) -> [(column: Int, coefficient: Double)] {
      let layers = differenceOnly ? [1] : edition == .clear ? [0] : [0, 1]
      return layers.flatMap { l in cves.indices.filter { include(cves[$0]) }.map { (column: l * cves.count + $0, coefficient: 1.0) } }
    }
    var findings: [Finding] = []
    for (year, facts) in printed.sorted(by: { $0.key < $1.key }) {
      var rows: [[(column: Int, coefficient: Double)]] = []
      var values: [Int] = []
      for f in facts {
        let include: (String) -> Bool
        switch f.fact {
        case .cve(let c): include = { $0 == c }
        case .product(let p): include = { productOf[$0] == p }
        case .exploitation: include = { _ in true }
        }
        rows.append(columns(f.edition, differenceOnly: false, include))
        values.append(f.count)
      }
      let lp = try LinearProgram(columns: 2 * cves.count, rows: rows, integer: true)
      for (i, v) in values.enumerated() { lp.setBound(.fixed(Double(v)), row: i) }
      for t in targets where t.year == year {
        let terms = columns(t.edition, differenceOnly: t.differenceOnly) { $0 == t.cve }
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
