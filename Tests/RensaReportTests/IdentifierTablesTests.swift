import Foundation
import Rensa
import RensaReport
import Testing
import _RensaTestSupport

/// The incidents' CVEs, techniques and products in the common-threat chapter (issue 22,
/// §3): published at AMBER and above only, ranked, with their true counts and sectors.
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

  /// Below AMBER nothing of the identifiers is published: no table, no layer, no finding
  /// in the STIX bundle, and no count decided (so none can be differenced). At AMBER every
  /// CVE of the year is there with its true count and every sector it reached.
  @Test func identifiersArePublishedAtAmberOnlyAndAreTrueThere() throws {
    for year in years {
      for audience in [SharingScope.clear, .green] {
        let r = try report(year: year, audience: audience)
        for id in ["exploited-vulnerabilities", "techniques-across-sectors", "products-in-incidents"] {
          #expect(table(r, id) == nil, "\(year) \(audience): \(id)")
        }
        #expect(r.navigatorLayers.isEmpty && !r.stixBundle.contains("vulnerability--") && !r.stixBundle.contains("\"sighting\""))
        #expect(!r.markdown.text.contains("CVE-20"), "\(year) \(audience) names no CVE")
      }
      let amber = try report(year: year, audience: .amber)
      let all = try #require(table(amber, "exploited-vulnerabilities"))
      let records = data.incidents.filter { $0.occurred.year == year && !$0.isNearMiss && $0.sharing <= .amber }
      let seen = Set(records.flatMap(\.identifiers.cve))
      #expect(all.rows.count == min(15, seen.count) && !seen.isEmpty)
      var previous = Int.max
      for row in all.rows {
        guard case .text(let cve) = row[0], case .count(let n) = row[2], case .count(let sectors) = row[3] else {
          Issue.record("row \(row)")
          continue
        }
        let carrying = records.filter { $0.identifiers.cve.contains(cve) }
        #expect(n == carrying.count && n <= previous, "\(cve) at AMBER")
        previous = n
        #expect(sectors == Set(carrying.map(\.sector)).count, "\(cve) at AMBER")
      }
    }
  }
}
