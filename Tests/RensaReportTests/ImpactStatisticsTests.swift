import Foundation
import Rensa
import RensaReport
import Testing
import _RensaTestSupport

/// The impact-weighted statistics (user-hours lost by cause and sector) and their
/// disclosure control: the p % rule, secondary suppression, and an attacker who reads
/// both editions (Docs/Report.md, "Impact-weighted statistics").
@Suite struct ImpactStatisticsTests {
  /// The p % rule written out from its definition, as a reference.
  static func sensitive(_ values: [(reporter: Int, value: Double)], k: Int, p: Double) -> Bool {
    guard !values.isEmpty else { return false }
    var by: [Int: Double] = [:]
    for v in values { by[v.reporter, default: 0] += v.value }
    if by.count < k { return true }
    let x = by.values.sorted(by: >)
    return x.reduce(0, +) - x[0] - x[1] < p / 100 * x[0]
  }

  /// One table partitioned into cells, with its total: the attacker's exact range of a
  /// withheld cell is [0, W] (W: the total less the published cells) when two or more
  /// are withheld and the total is published, the cell itself when it is alone, and
  /// unbounded above when the total is withheld. The suppression's audit must say so,
  /// withhold every sensitive cell, publish the others' true sums, and leave every
  /// sensitive cell at least p % uncertain.
  @Test func aPartitionedTableMatchesTheClosedFormReference() throws {
    var rng = Xoshiro256StarStar(seed: 77)
    var withheldSecondary = 0
    var checked = 0
    for trial in 0..<300 {
      let cellCount = 2 + Int(rng.next() % 6)
      let recordCount = 1 + Int(rng.next() % 25)
      let reporters = 1 + Int(rng.next() % 6)
      let k = 2 + Int(rng.next() % 2)
      let p = [5.0, 10, 25][Int(rng.next() % 3)]
      let cellOf = (0..<recordCount).map { _ in 1 + Int(rng.next() % UInt64(cellCount)) }
      // Heavy-tailed values, some exactly 0.
      let value = (0..<recordCount).map { _ in rng.next() % 7 == 0 ? 0 : (exp(rng.nextUnitDouble() * 9)).rounded() }
      let reporter = (0..<recordCount).map { _ in Int(rng.next() % UInt64(reporters)) }
      var cells: [[Int]] = [Array(0..<recordCount)]
      for c in 1...cellCount { cells.append((0..<recordCount).filter { cellOf[$0] == c }) }
      let s = try MagnitudeSuppression(
        cells: cells, value: value, reporter: reporter, layer: Array(repeating: 0, count: recordCount), editions: 1,
        rule: .init(minimumReporters: k, percent: p))
      let status = s.status[0]
      let truth = cells.map { $0.reduce(0) { $0 + value[$1] } }
      for (c, members) in cells.enumerated() {
        let isSensitive = Self.sensitive(members.map { (reporter[$0], value[$0]) }, k: k, p: p)
        if isSensitive { #expect(status[c] == .primary, "trial \(trial): sensitive cell \(c) published") }
        if case .published(let v) = status[c] { #expect(v == truth[c]) }
        if status[c] == .secondary { withheldSecondary += 1 }
      }
      // The closed form of every audited cell (not the total).
      let withheldCells = (1...cellCount).filter { status[$0].isWithheld }
      let published = (1...cellCount).filter { !status[$0].isWithheld }.reduce(0) { $0 + truth[$1] }
      for r in s.audit where r.cell > 0 {
        checked += 1
        if status[0].isWithheld {
          #expect(r.greatest == nil, "trial \(trial): cell \(r.cell) bounded although the total is withheld")
        } else {
          let w = truth[0] - published
          let least = withheldCells.count >= 2 ? 0 : w
          #expect(abs(r.least - least) <= 1e-6 * max(1, w), "trial \(trial): least \(r.least) ≠ \(least)")
          #expect(abs((r.greatest ?? .infinity) - w) <= 1e-6 * max(1, w), "trial \(trial): greatest \(String(describing: r.greatest)) ≠ \(w)")
        }
        #expect(r.isProtected, "trial \(trial): cell \(r.cell) (\(r.value)) narrowed to \(r.least)…\(String(describing: r.greatest))")
      }
    }
    #expect(checked > 200 && withheldSecondary > 5, "the trials exercise the audit (\(checked)) and secondary suppression (\(withheldSecondary))")
  }

  /// The built-in model with random incidents that report durations and users.
  func dataset(_ rng: inout Xoshiro256StarStar, count: Int, sectors: Int, reporters: Int) -> Dataset {
    var d = BuiltinDatasets.nisc2009(syntheticIncidents: nil)
    d.threats = Array(d.threats.prefix(2))
    let ids = Array(d.sectors.map(\.id).prefix(sectors))
    d.incidents = (0..<count).map { k in
      let sector = ids[Int(rng.next() % UInt64(ids.count))]
      let type = ThreatType.allCases[Int(rng.next() % 3)]
      let roll = rng.next() % 10
      var i = Incident(
        id: "M\(k)", occurred: CalendarDay(year: 2026, ordinal: 1 + Int(rng.next() % 365)), sector: sector, threatType: type,
        exceededVerificationLevel: rng.next() % 5 != 0,
        durationHours: rng.next() % 6 == 0 ? nil : (exp(rng.nextUnitDouble() * 5) * 10).rounded() / 10,
        affectedUsers: Int(exp(rng.nextUnitDouble() * 12)), sharing: roll < 5 ? .clear : roll < 9 ? .green : .amber,
        reporter: "org-\(rng.next() % UInt64(reporters))", synthetic: true)
      if rng.next() % 4 == 0 { i.otherCauses = [ThreatType.allCases[Int(rng.next() % 4)]] }
      return i
    }
    return d
  }

  func options(audience: SharingScope, secondary: Bool) -> ReportOptions {
    var o = ReportOptions()
    o.trials = 20
    o.year = 2026
    o.trendYears = 2
    o.audience = audience
    o.secondarySuppression = secondary
    o.enforceDisclosureAudit = secondary
    return o
  }

  /// The true user-hours of a cell in an edition (or GREEN's part), from the records.
  func truth(_ d: Dataset, _ t: MagnitudeAttack.Target) -> Double {
    records(d, t).reduce(0) { $0 + $1.durationHours! * Double($1.affectedUsers!) }
  }

  /// Whether a cell (or GREEN's part) is sensitive by the reference rule (k = 3, p = 10):
  /// only those must stay uncertain; a complementary sum need not.
  func isSensitive(_ d: Dataset, _ t: MagnitudeAttack.Target) -> Bool {
    var reporterID: [String: Int] = [:]
    return Self.sensitive(records(d, t).map { i in
      let r = reporterID[i.reporter] ?? { reporterID[i.reporter] = reporterID.count; return reporterID.count - 1 }()
      return (r, i.durationHours! * Double(i.affectedUsers!))
    }, k: 3, p: 10)
  }

  func records(_ d: Dataset, _ t: MagnitudeAttack.Target) -> [Incident] {
    d.incidents.filter { i in
      guard i.exceededVerificationLevel, let _ = i.durationHours, let _ = i.affectedUsers else { return false }
      if t.differenceOnly { guard i.sharing == .green else { return false } } else {
        guard i.sharing == .clear || (t.edition == .green && i.sharing == .green) else { return false }
      }
      switch t.cell {
      case .total: return true
      case .cause(let c): return i.causes.contains(c)
      case .sector(let s): return i.sector == s
      }
    }
  }

  /// The GREEN-only parts that are sensitive themselves (what differencing must not give).
  func sensitiveDifferences(_ d: Dataset, k: Int, p: Double) -> [MagnitudeAttack.Target] {
    var cells: [MagnitudeAttack.Cell: [(Int, Double)]] = [:]
    var reporterID: [String: Int] = [:]
    for i in d.incidents where i.sharing == .green && i.exceededVerificationLevel {
      guard let h = i.durationHours, let u = i.affectedUsers else { continue }
      let r = reporterID[i.reporter] ?? { reporterID[i.reporter] = reporterID.count; return reporterID.count - 1 }()
      for c in [MagnitudeAttack.Cell.total, .sector(i.sector)] + i.causes.map({ .cause($0) }) { cells[c, default: []].append((r, h * Double(u))) }
    }
    return cells.filter { Self.sensitive($0.value.map { (reporter: $0.0, value: $0.1) }, k: k, p: p) }.keys
      .map { MagnitudeAttack.Target(edition: .green, cell: $0, differenceOnly: true) }.sorted { $0.description < $1.description }
  }

  @Test func anAttackerReadingBothEditionsCannotEstimateAWithheldSumToWithinPPercent() throws {
    var rng = Xoshiro256StarStar(seed: 4_242)
    var attacked = 0
    var exposedWithoutSecondary = 0
    for (count, sectors, reporters) in [(12, 2, 3), (25, 3, 4), (40, 4, 5), (60, 5, 6), (90, 6, 8), (140, 8, 10)] {
      let data = dataset(&rng, count: count, sectors: sectors, reporters: reporters)
      func findings(secondary: Bool) throws -> [MagnitudeAttack.Finding] {
        let reports = try [SharingScope.clear, .green].map { try AnnualReport.build(dataset: data, options: options(audience: $0, secondary: secondary)) }
        return try MagnitudeAttack(dataset: data, reports: reports).attack(extra: sensitiveDifferences(data, k: 3, p: 10))
      }
      for f in try findings(secondary: true) where isSensitive(data, f.target) {
        let x = truth(data, f.target)
        // The printed sums are rounded, which only widens the attacker's range; allow it.
        let slack = 1.0 + 1e-9 * x
        #expect(f.least <= 0.9 * x + slack, "\(count) incidents: \(f.target) = \(x) bounded below by \(f.least)")
        #expect((f.greatest ?? .infinity) >= 1.1 * x - slack, "\(count) incidents: \(f.target) = \(x) bounded above by \(f.greatest!)")
        attacked += 1
      }
      exposedWithoutSecondary += try findings(secondary: false).filter { f in
        guard isSensitive(data, f.target) else { return false }
        let x = truth(data, f.target)
        return x > 0 && (f.least > 0.9 * x + 1 || (f.greatest ?? .infinity) < 1.1 * x - 1)
      }.count
    }
    #expect(attacked > 30, "the random datasets withhold sums to attack (\(attacked))")
    #expect(exposedWithoutSecondary > 3, "with primary suppression alone the attack estimates withheld sums (\(exposedWithoutSecondary))")
  }

  @Test func theBuiltInReportShowsSharesOfIncidentsAgainstSharesOfImpactTheSameInEveryEdition() throws {
    let data = BuiltinDatasets.nisc2009()
    var o = ReportOptions()
    o.trials = 20
    o.audience = .amber
    let amber = try AnnualReport.build(dataset: data, options: o)
    func table(_ r: ReportDocument, _ id: String) -> ReportTable? {
      for s in r.sections { for case .table(let t) in s.blocks where t.id == id { return t } }
      return nil
    }
    // At AMBER nothing is withheld: the sums are the records'.
    let byCause = try #require(table(amber, "impact-by-cause"))
    let year = amber.year
    let records = data.incidents.filter {
      $0.sharing <= .amber && $0.occurred.year == year && $0.exceededVerificationLevel && !$0.isNearMiss && $0.durationHours != nil && $0.affectedUsers != nil
    }
    let total = records.reduce(0) { $0 + $1.durationHours! * Double($1.affectedUsers!) }
    #expect(byCause.rows.last![3] == .count(Int(total.rounded())))
    for (r, type) in ThreatType.allCases.enumerated() {
      let sum = records.filter { $0.causes.contains(type) }.reduce(0) { $0 + $1.durationHours! * Double($1.affectedUsers!) }
      #expect(byCause.rows[r][3] == .count(Int(sum.rounded())), "\(type)")
    }
    // Shares of user-hours are not shares of incidents: the point of the table.
    let gaps = byCause.rows.dropLast().compactMap { row -> Double? in
      guard case .number(let a, _, _) = row[2], case .number(let b, _, _) = row[4] else { return nil }
      return abs(a - b)
    }
    #expect(gaps.contains { $0 > 10 }, "some cause's share of impact differs from its share of incidents by 10 points")
    // Below AMBER: withheld sums exist, and the GREEN edition stays protected.
    o.audience = .green
    let green = try AnnualReport.build(dataset: data, options: o)
    let greenCells = [table(green, "impact-by-cause"), table(green, "impact-by-sector")].compactMap { $0 }.flatMap(\.rows).map { $0[3] }
    #expect(greenCells.contains(.withheld))
    // The key finding on impact quotes two published shares of one row of the table.
    let finding = try #require(green.sections[0].blocks.compactMap { b -> KeyFinding? in
      guard case .findings(let list) = b else { return nil }
      return list.first { $0.rule == "impact-concentration" }
    }.first)
    let greenByCause = try #require(table(green, "impact-by-cause"))
    #expect(greenByCause.rows.dropLast().contains { row in
      guard case .number(let a, _, _) = row[2], case .number(let b, _, _) = row[4] else { return false }
      return finding.text.contains("\(NumberFormat.significant(b, digits: 3)) %") && finding.text.contains("\(NumberFormat.significant(a, digits: 3)) %")
    }, "\(finding.text)")
    #expect(greenCells.contains { if case .count(let n) = $0 { return n > 0 } else { return false } })
  }
}
