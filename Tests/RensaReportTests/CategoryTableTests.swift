import Foundation
import Rensa
import RensaReport
import Testing
import _RensaTestSupport

/// The table of failures by quarter, severity and security property under disclosure
/// control: an attacker reading it and the totals in both editions cannot narrow a
/// withheld count to fewer than k values, and can without complementary suppression.
@Suite struct CategoryTableTests {
  func dataset(_ rng: inout Xoshiro256StarStar, count: Int, reporters: Int) -> Dataset {
    var d = BuiltinDatasets.nisc2009(syntheticIncidents: nil)
    let sectors = Array(d.sectors.map(\.id).prefix(3))
    d.incidents = (0..<count).map { k in
      let roll = rng.next() % 10
      var i = Incident(
        id: "Q\(k)", occurred: CalendarDay(year: 2025 + Int(rng.next() % 2), ordinal: 1 + Int(rng.next() % 365)),
        sector: sectors[Int(rng.next() % 3)], threatType: .intentional, exceededVerificationLevel: rng.next() % 4 != 0,
        sharing: roll < 4 ? .clear : roll < 9 ? .green : .amber, reporter: "org-\(rng.next() % UInt64(reporters))", synthetic: true)
      i.severity = rng.next() % 5 == 0 ? nil : 2 + Int(rng.next() % 3)
      i.affectedProperties = SecurityProperty.allCases.filter { _ in rng.next() % 3 == 0 }
      return i
    }
    return d
  }

  func reports(_ data: Dataset, secondary: Bool) throws -> [ReportDocument] {
    try [SharingScope.clear, .green].map { audience in
      var o = ReportOptions()
      o.trials = 20
      o.year = 2026
      o.trendYears = 2
      o.audience = audience
      o.secondarySuppression = secondary
      o.enforceDisclosureAudit = secondary
      return try AnnualReport.build(dataset: data, options: o)
    }
  }

  /// GREEN-only parts of cells from 1 … k − 1 reporters: what differencing must not give.
  func sensitiveDifferences(_ d: Dataset) -> [CategoryAttack.Target] {
    var reporters: [CategoryAttack.Target: Set<String>] = [:]
    for i in d.incidents where i.sharing == .green && i.exceededVerificationLevel {
      let cells: [CategoryAttack.Cell] = [.total, .quarter(i.quarter), .severity(i.severity)] + i.affectedProperties.map { .property($0) }
      for c in cells { reporters[.init(year: i.occurred.year, edition: .green, cell: c, differenceOnly: true), default: []].insert(i.reporter) }
    }
    return reporters.filter { $0.value.count < 3 }.keys.sorted { $0.description < $1.description }
  }

  @Test func anAttackerOfTheCategoryTableCannotNarrowAWithheldCount() throws {
    var rng = Xoshiro256StarStar(seed: 31)
    var attacked = 0
    var narrowed = 0
    for (count, reporters) in [(20, 3), (40, 4), (60, 5), (90, 6), (140, 8), (200, 12)] {
      let data = dataset(&rng, count: count, reporters: reporters)
      let extra = sensitiveDifferences(data)
      for f in try CategoryAttack(reports: try reports(data, secondary: true)).attack(extra: extra) {
        #expect((f.width ?? .max) >= 3, "\(count) incidents: \(f.target) narrowed to \(f.least)…\(f.greatest!)")
        attacked += 1
      }
      narrowed += try CategoryAttack(reports: try reports(data, secondary: false)).attack(extra: extra).filter { ($0.width ?? .max) < 3 }.count
    }
    #expect(attacked > 30, "the random datasets withhold counts to attack (\(attacked))")
    #expect(narrowed > 3, "with primary suppression alone the attack narrows withheld counts (\(narrowed))")
  }

  @Test func theBuiltInTableAddsUpAndWithholdsLikeTheOthers() throws {
    var o = ReportOptions()
    o.trials = 20
    o.audience = .amber
    let amber = try AnnualReport.build(dataset: BuiltinDatasets.nisc2009(), options: o)
    let table = try #require(amber.sections.flatMap(\.blocks).compactMap { b -> ReportTable? in
      if case .table(let t) = b, t.id == "indicators-by-category" { return t }
      return nil
    }.first)
    // At AMBER every count is published: the quarters and the severity rows each add up to the total.
    for k in 1..<table.columns.count {
      let v = table.rows.map { row -> Int in if case .count(let n) = row[k] { return n } else { return -1 } }
      #expect(!v.contains(-1))
      let total = v.last!
      #expect(v[0..<4].reduce(0, +) == total, "quarters of \(table.columns[k])")
      #expect(v[4..<(table.rows.count - 4)].reduce(0, +) == total, "severities of \(table.columns[k])")
      #expect(v[table.rows.count - 2] == total, "every failure of the synthetic history affects availability")
    }
  }
}
