import Foundation
import Rensa
import RensaReport
import Testing
import _RensaTestSupport

/// The incidents' CVEs, techniques and products in the common-threat chapter (issue 22,
/// §3): ranked, counted through the disclosure control, sectors named only with k
/// reporters; attacked from the printed tables.
@Suite struct IdentifierTablesTests {
  let data = BuiltinDatasets.nisc2009()
  let years = [2024, 2025, 2026]

  func report(year: Int, audience: SharingScope, secondary: Bool = true) throws -> ReportDocument {
    var o = ReportOptions()
    o.trials = 20
    o.year = year
    o.audience = audience
    o.secondarySuppression = secondary
    o.enforceDisclosureAudit = secondary
    return try AnnualReport.build(dataset: data, options: o)
  }

  func table(_ r: ReportDocument, _ id: String) -> ReportTable? {
    r.sections.flatMap(\.blocks).compactMap { b -> ReportTable? in
      if case .table(let t) = b, t.id == id { return t }
      return nil
    }.first
  }

  /// The true reporters of each (year, CVE, layer, sector) among failures (near misses apart).
  func reporters(_ filter: (Incident) -> Bool) -> [String: Set<String>] {
    var out: [String: Set<String>] = [:]
    for i in data.incidents where !i.isNearMiss && filter(i) {
      for c in i.identifiers.cve { out["\(i.occurred.year)|\(c)", default: []].insert(Identity.key(i.reporter)) }
    }
    return out
  }

  @Test func countsAreTrueAndSectorsAreNamedOnlyWithKReporters() throws {
    for year in years {
      let green = try report(year: year, audience: .green)
      let cves = try #require(table(green, "exploited-vulnerabilities"))
      #expect(!cves.rows.isEmpty)
      var previous = Int.max
      for row in cves.rows {
        guard case .text(let cve) = row[0], case .count(let n) = row[2], case .text(let which) = row[4] else {
          Issue.record("row \(row)")
          continue
        }
        let records = data.incidents.filter {
          $0.occurred.year == year && !$0.isNearMiss && $0.sharing <= .green && $0.identifiers.cve.contains(cve)
        }
        #expect(n == records.count, "\(year) \(cve)")
        #expect(n <= previous, "ranked by incidents")
        previous = n
        #expect(Set(records.map { Identity.key($0.reporter) }).count >= 3, "\(cve) shown with fewer than 3 reporters")
        let names = Dictionary(uniqueKeysWithValues: data.sectors.map { ($0.name, $0.id) })
        for name in which.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) where !name.isEmpty {
          let sector = try #require(names[name])
          let here = Set(records.filter { $0.sector == sector }.map { Identity.key($0.reporter) })
          #expect(here.count >= 3, "\(year) \(cve) names \(sector) with \(here.count) reporters")
        }
      }
      // At AMBER nothing is withheld: every CVE of the year, every sector it reached.
      let amber = try report(year: year, audience: .amber)
      let all = try #require(table(amber, "exploited-vulnerabilities"))
      let seen = Set(data.incidents.filter { $0.occurred.year == year && !$0.isNearMiss && $0.sharing <= .amber }.flatMap(\.identifiers.cve))
      #expect(all.rows.count == min(15, seen.count))
      for row in all.rows {
        guard case .text(let cve) = row[0], case .count(let sectors) = row[3] else { continue }
        let reached = Set(data.incidents.filter { $0.occurred.year == year && !$0.isNearMiss && $0.sharing <= .amber && $0.identifiers.cve.contains(cve) }.map(\.sector))
        #expect(sectors == reached.count, "\(cve) at AMBER")
      }
    }
  }

  /// Random histories of 2026 in which every intrusion carries one of four CVEs (two per
  /// product) and T1190, in three sectors.
  func intrusions(_ rng: inout Xoshiro256StarStar, count: Int, reporters: Int) -> Dataset {
    var d = BuiltinDatasets.nisc2009(syntheticIncidents: nil)
    let sectors = Array(d.sectors.map(\.id).prefix(3))
    let cves = Self.productOf.keys.sorted()
    d.incidents = (0..<count).map { k in
      let roll = rng.next() % 10
      let cve = cves[Int(rng.next() % UInt64(cves.count))]
      return Incident(
        id: "I\(k)", occurred: CalendarDay(year: 2026, ordinal: 1 + Int(rng.next() % 365)), sector: sectors[Int(rng.next() % 3)],
        threatType: .intentional, identifiers: ThreatIdentifiers(attack: ["T1190"], cve: [cve], products: [Self.productOf[cve]!]),
        exceededVerificationLevel: rng.next() % 4 != 0, sharing: roll < 4 ? .clear : roll < 9 ? .green : .amber,
        reporter: "org-\(rng.next() % UInt64(reporters))", synthetic: true)
    }
    return d
  }

  static let productOf = ["CVE-2099-0001": "acme/gateway", "CVE-2099-0002": "acme/gateway", "CVE-2099-0003": "zeta/vpn", "CVE-2099-0004": "zeta/vpn"]

  /// An attacker who knows each CVE's product and that T1190 goes with exactly one CVE,
  /// reading both editions, narrows no sensitive CVE count (or GREEN-only part) to fewer
  /// than 3 values; without secondary suppression, it does.
  @Test func anAttackerOfTheIdentifierTablesCannotNarrowAWithheldCount() throws {
    var rng = Xoshiro256StarStar(seed: 22)
    var attacked = 0
    var narrowed = 0
    for (count, reporters) in [(12, 3), (15, 3), (20, 4), (25, 4), (30, 5), (35, 5), (45, 6), (60, 8), (75, 9), (90, 12)] {
      let d = intrusions(&rng, count: count, reporters: reporters)
      func who(_ filter: (Incident) -> Bool) -> [String: Set<String>] {
        var out: [String: Set<String>] = [:]
        for i in d.incidents where filter(i) { for c in i.identifiers.cve { out[c, default: []].insert(i.reporter) } }
        return out
      }
      let clear = who { $0.sharing == .clear }
      let green = who { $0.sharing <= .green }
      let greenOnly = who { $0.sharing == .green }
      var targets: [IdentifierAttack.Target] = []
      for (c, r) in green where r.count < 3 { targets.append(.init(year: 2026, edition: .green, cve: c)) }
      for (c, r) in clear where r.count < 3 { targets.append(.init(year: 2026, edition: .clear, cve: c)) }
      for (c, r) in greenOnly where r.count < 3 && clear[c] != nil { targets.append(.init(year: 2026, edition: .green, cve: c, differenceOnly: true)) }
      func attack(secondary: Bool) throws -> [IdentifierAttack.Finding] {
        let reports = try [SharingScope.clear, .green].map { audience in
          var o = ReportOptions()
          o.trials = 20
          o.year = 2026
          o.trendYears = 1
          o.audience = audience
          o.secondarySuppression = secondary
          o.enforceDisclosureAudit = secondary
          return try AnnualReport.build(dataset: d, options: o)
        }
        return try IdentifierAttack(reports: reports, productOf: Self.productOf).attack(targets)
      }
      for f in try attack(secondary: true) {
        #expect((f.width ?? .max) >= 3, "\(count) incidents: \(f.target) narrowed to \(f.least)…\(f.greatest!)")
        attacked += 1
      }
      narrowed += try attack(secondary: false).filter { ($0.width ?? .max) < 3 }.count
    }
    #expect(attacked > 20, "sensitive CVE counts attacked: \(attacked)")
    #expect(narrowed > 2, "with primary suppression alone the attack narrows withheld counts (\(narrowed))")
    print("identifier attack: \(attacked) sensitive CVE counts attacked, none narrower than 3; without secondary suppression \(narrowed) narrowed")
  }
}
