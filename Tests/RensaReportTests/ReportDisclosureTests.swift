import Foundation
import Rensa
import RensaReport
import Testing
import _RensaTestSupport

/// Disclosure control attacked: an attacker who reads every number of several reports
/// (years, CLEAR and GREEN editions) and solves for each withheld count must find at
/// least k values possible (Docs/Report.md, "Disclosure control").
@Suite struct ReportDisclosureTests {
  /// The built-in model with `incidents` and a small catalogue of threats (the attack's
  /// variables grow with sectors × threats).
  func dataset(_ incidents: [Incident], threats: Int) -> Dataset {
    var d = BuiltinDatasets.nisc2009(syntheticIncidents: nil)
    d.threats = Array(d.threats.prefix(threats))
    d.incidents = incidents
    return d
  }

  func options(year: Int, audience: SharingScope, secondary: Bool = true) -> ReportOptions {
    var o = ReportOptions()
    o.trials = 20
    o.year = year
    o.trendYears = 3
    o.audience = audience
    o.secondarySuppression = secondary
    o.enforceDisclosureAudit = secondary
    return o
  }

  /// Random incidents of 2023–2026 over the first `sectors` sectors, from `reporters`
  /// organisations, a share of them CLEAR, some AMBER and RED (never counted below AMBER).
  func randomIncidents(_ rng: inout Xoshiro256StarStar, count: Int, sectors: Int, reporters: Int, base: Dataset) -> [Incident] {
    let ids = Array(base.sectors.map(\.id).prefix(sectors))
    return (0..<count).map { k in
      let threat = base.threats[Int(rng.next() % UInt64(base.threats.count))]
      let sector = ids[Int(rng.next() % UInt64(ids.count))]
      let roll = rng.next() % 10
      let sharing: SharingScope = roll < 4 ? .clear : roll < 8 ? .green : roll < 9 ? .amber : .red
      let type = ThreatType.allCases[Int(rng.next() % 4)]
      return Incident(
        id: "R\(k)", occurred: CalendarDay("\(2023 + Int(rng.next() % 4))-0\(1 + Int(rng.next() % 9))-1\(rng.next() % 9)")!,
        sector: sector, threatType: type, threat: rng.next() % 3 == 0 ? nil : threat.id,
        exceededVerificationLevel: rng.next() % 3 != 0,
        originSector: type == .spillover ? ids.first { $0 != sector } : nil, sharing: sharing,
        reporter: "org-\(rng.next() % UInt64(reporters))", synthetic: true)
    }
  }

  /// The GREEN-only parts of counts that are sensitive (1 … k − 1 reporters): what
  /// differencing the two editions must not give.
  func sensitiveDifferences(_ incidents: [Incident], years: [Int], base: Dataset, k: Int) -> [DisclosureAttack.Target] {
    var sets: [DisclosureAttack.Target: Set<String>] = [:]
    for i in incidents where i.sharing == .green && years.contains(i.occurred.year) {
      var kinds: [DisclosureAttack.Target.Kind] = []
      if i.exceededVerificationLevel {
        kinds += [.total, .type(i.threatType), .sector(i.sector)]
        if let o = i.originSector { kinds.append(.spillover(o, i.sector)) }
      }
      if let t = i.threat { kinds.append(.threat(i.sector, t)) }
      for kind in kinds {
        sets[DisclosureAttack.Target(year: i.occurred.year, edition: .green, kind: kind, differenceOnly: true), default: []].insert(i.reporter)
      }
    }
    return sets.filter { $0.value.count < k }.keys.sorted { $0.description < $1.description }
  }

  /// Reports of 2025 and 2026 in both editions, attacked together.
  func attack(_ data: Dataset, secondary: Bool) throws -> (findings: [DisclosureAttack.Finding], withheld: Int) {
    var reports: [ReportDocument] = []
    for year in [2025, 2026] {
      for audience in [SharingScope.clear, .green] {
        reports.append(try AnnualReport.build(dataset: data, options: options(year: year, audience: audience, secondary: secondary)))
      }
    }
    let attacker = DisclosureAttack(dataset: data, reports: reports)
    let differences = sensitiveDifferences(data.incidents, years: [2024, 2025, 2026], base: data, k: 3)
    let findings = try attacker.attack(extra: differences)
    return (findings, findings.filter { !$0.target.differenceOnly }.count)
  }

  @Test func anAttackerReadingEveryYearAndEditionCannotNarrowAWithheldCount() throws {
    var rng = Xoshiro256StarStar(seed: 2_026)
    var attacked = 0
    var narrowWithoutSecondary = 0
    // Sizes × density: few incidents over few reporters (sparse) to many over many (dense).
    for (count, sectors, reporters) in [(30, 3, 3), (60, 4, 4), (90, 4, 6), (150, 5, 5), (240, 5, 10), (400, 6, 12)] {
      let base = dataset([], threats: 3)
      let incidents = randomIncidents(&rng, count: count, sectors: sectors, reporters: reporters, base: base)
      let data = dataset(incidents, threats: 3)
      let (findings, withheld) = try attack(data, secondary: true)
      for f in findings {
        #expect((f.width ?? .max) >= 3, "\(count) incidents: \(f.target) narrowed to \(f.least)…\(f.greatest!)")
      }
      attacked += withheld
      // Without secondary suppression the same attack succeeds.
      let (weak, _) = try attack(data, secondary: false)
      narrowWithoutSecondary += weak.filter { ($0.width ?? .max) < 3 }.count
    }
    #expect(attacked > 50, "the random datasets withhold counts to attack")
    #expect(narrowWithoutSecondary > 10, "with primary suppression alone the attack narrows withheld counts")
  }

  @Test func theBuiltInReportsOf2024To2026SurviveTheAttack() throws {
    let data = BuiltinDatasets.nisc2009()
    func reports(secondary: Bool) throws -> [ReportDocument] {
      var out: [ReportDocument] = []
      for year in 2024...2026 {
        for audience in [SharingScope.clear, .green] {
          var o = options(year: year, audience: audience, secondary: secondary)
          o.trendYears = 5
          out.append(try AnnualReport.build(dataset: data, options: o))
        }
      }
      return out
    }
    let protected = try DisclosureAttack(dataset: data, reports: try reports(secondary: true)).attack()
    #expect(protected.count > 100)
    for f in protected { #expect((f.width ?? .max) >= 3, "\(f.target): \(f.least)…\(f.greatest!)") }
    let exposed = try DisclosureAttack(dataset: data, reports: try reports(secondary: false)).attack()
    #expect(exposed.filter { ($0.width ?? .max) < 3 }.count >= 10)
  }

  @Test func aYearIsWithheldTheSameWayInEveryReportAndEditionsStayApart() throws {
    let data = BuiltinDatasets.nisc2009()
    var o25 = options(year: 2025, audience: .green)
    o25.trendYears = 5
    var o26 = o25
    o26.year = 2026
    let a = try AnnualReport.build(dataset: data, options: o25)
    let b = try AnnualReport.build(dataset: data, options: o26)
    func cells(_ r: ReportDocument) -> [String: ReportValue] {
      var out: [String: ReportValue] = [:]
      for s in r.sections {
        for case .table(let t) in s.blocks where t.id == "indicators-by-type" || t.id == "indicators-by-sector" {
          for row in t.rows { for (k, v) in row.enumerated().dropFirst() { out["\(t.id)|\(row[0].display)|\(t.columns[k])"] = v } }
        }
      }
      return out
    }
    let (x, y) = (cells(a), cells(b))
    let shared = Set(x.keys).intersection(y.keys)
    #expect(shared.count >= 4 * 15)
    for key in shared { #expect(x[key] == y[key], "\(key): \(x[key]!.display) in 2025's report, \(y[key]!.display) in 2026's") }
    // The CLEAR edition is decided from CLEAR records alone: the same with and without GREEN ones.
    let clearOnly = Dataset(copying: data, incidents: data.incidents.filter { $0.sharing == .clear })
    let c1 = try AnnualReport.build(dataset: data, options: options(year: 2026, audience: .clear))
    let c2 = try AnnualReport.build(dataset: clearOnly, options: options(year: 2026, audience: .clear))
    #expect(cells(c1) == cells(c2))
  }

  @Test func theDecisionsDoNotDependOnTheThreadCount() throws {
    let visible = BuiltinDatasets.nisc2009().incidents.filter { $0.sharing <= .green }
    let one = try ReportDisclosure(visible: visible, audience: .green, rule: .init(), threads: 1)
    #expect(one.years.count >= 5)
    for threads in [2, 3, 8] {
      let other = try ReportDisclosure(visible: visible, audience: .green, rule: .init(), threads: threads)
      for (y, block) in one.years {
        #expect(other.years[y]?.suppression?.status == block.suppression?.status, "\(y), \(threads) threads")
        #expect(other.years[y]?.suppression?.audit == block.suppression?.audit, "\(y), \(threads) threads")
      }
    }
  }

  @Test func amberAndAboveWithholdNothing() throws {
    let data = BuiltinDatasets.nisc2009()
    for audience in [SharingScope.amber, .amberStrict, .red] {
      let r = try AnnualReport.build(dataset: data, options: options(year: 2026, audience: audience))
      #expect(!r.json.serialized().contains("\"withheld\":true"), "\(audience)")
    }
  }
}

extension Dataset {
  /// A copy with other incidents.
  init(copying d: Dataset, incidents: [Incident]) {
    self = d
    self.incidents = incidents
  }
}
