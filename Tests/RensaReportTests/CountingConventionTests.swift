import Foundation
import Rensa
import RensaReport
import Testing
import _RensaTestSupport

/// One counting convention per publication below AMBER: a calendar-year and a fiscal-year
/// edition of the same records differ by January–March alone. The attack below recovers
/// a withheld count exactly from GREEN editions of both conventions, each protected on
/// its own; the report refuses the second convention (Docs/Report.md, "Languages and years").
@Suite struct CountingConventionTests {
  /// Sector A: 4 incidents in January–March 2025 (4 reporters), 5 in April–December 2025
  /// (5 reporters), 2 in January–March 2026 from one reporter, none after. Sector B: many
  /// incidents from many reporters every quarter, so that every year has data.
  func dataset(convention: CountingConvention? = nil) -> (Dataset, a: String) {
    var d = BuiltinDatasets.nisc2009(syntheticIncidents: nil)
    let a = d.sectors[0].id
    let b = d.sectors[1].id
    var incidents: [Incident] = []
    func add(_ sector: String, _ day: String, _ reporter: String) {
      incidents.append(Incident(
        id: "C\(incidents.count)", occurred: CalendarDay(day)!, sector: sector, threatType: .intentional,
        exceededVerificationLevel: true, sharing: .green, reporter: reporter, synthetic: true))
    }
    for (k, r) in ["a1", "a2", "a3", "a4"].enumerated() { add(a, "2025-0\(k % 3 + 1)-1\(k)", r) }
    for (k, r) in ["a1", "a2", "a3", "a4", "a5"].enumerated() { add(a, "2025-0\(k + 4)-15", r) }
    add(a, "2026-01-20", "z")
    add(a, "2026-02-20", "z")
    for year in 2024...2027 {
      for month in 1...12 { add(b, "\(year)-\(month < 10 ? "0" : "")\(month)-05", "b\(month % 6)") }
    }
    d.incidents = incidents
    d.countingYear = convention
    return (d, a)
  }

  func options(year: Int, fiscal: Bool, enforce: Bool = true) -> ReportOptions {
    var o = ReportOptions()
    o.trials = 20
    o.year = year
    o.trendYears = 1
    o.audience = .green
    o.fiscalYear = fiscal
    o.enforceCountingConvention = enforce
    return o
  }

  /// Sector `a`'s count in the year reported, as printed.
  func printed(_ r: ReportDocument, sector: String, name: String) throws -> ReportValue {
    for s in r.sections {
      for case .table(let t) in s.blocks where t.id == "indicators-by-sector" {
        let row = try #require(t.rows.first { $0[0] == .text(name) })
        return row[t.columns.count - 1]
      }
    }
    Issue.record("no sector table")
    return .noData
  }

  @Test func bothConventionsTogetherGiveAWithheldCountAwayAndTheSecondIsRefused() throws {
    let (data, a) = dataset()
    let name = data.sectors[0].name
    // Every edition on its own passes its audit; the attacker reads them together.
    func value(_ year: Int, fiscal: Bool) throws -> ReportValue {
      try printed(try AnnualReport.build(dataset: data, options: options(year: year, fiscal: fiscal, enforce: false)), sector: a, name: name)
    }
    let secret = try value(2026, fiscal: false)
    #expect(secret == .withheld, "2026 holds two incidents of one reporter: withheld")
    guard case .count(let fy2024) = try value(2024, fiscal: true), case .count(let cy2025) = try value(2025, fiscal: false),
      case .count(let fy2025) = try value(2025, fiscal: true), case .count(let fy2026) = try value(2026, fiscal: true)
    else {
      Issue.record("the cells the attack needs were withheld")
      return
    }
    // FY2024 is January–March 2025 (nothing before), so CY2025 − FY2024 is April–December
    // 2025, FY2025 less that is January–March 2026, and FY2026 is the rest of 2026.
    let recovered = fy2025 - (cy2025 - fy2024) + fy2026
    #expect(recovered == 2, "the attack recovers the withheld count: \(recovered)")
    // With the rule in force the fiscal-year editions are refused below AMBER …
    #expect(throws: DataError.self) { try AnnualReport.build(dataset: data, options: options(year: 2025, fiscal: true)) }
    do {
      _ = try AnnualReport.build(dataset: data, options: options(year: 2025, fiscal: true))
    } catch let error as DataError {
      #expect(error.issues.first?.field == "countingYear" && error.description.contains("January–March"), "\(error)")
    }
    // … allowed at AMBER (nothing is withheld there) …
    var amber = options(year: 2025, fiscal: true)
    amber.audience = .amber
    #expect(try AnnualReport.build(dataset: data, options: amber).fiscalYear)
    // … and a dataset that counts by fiscal year refuses calendar-year editions instead.
    let (fiscalData, _) = dataset(convention: .fiscal)
    #expect(throws: DataError.self) { try AnnualReport.build(dataset: fiscalData, options: options(year: 2025, fiscal: false)) }
    #expect(try AnnualReport.build(dataset: fiscalData, options: options(year: 2025, fiscal: true)).fiscalYear)
  }

  @Test func theConventionIsReadWrittenAndValidated() throws {
    var (d, _) = dataset(convention: .fiscal)
    d.incidents = []
    let text = DatasetWriter.json(d)
    #expect(text.contains("\"countingYear\": \"fiscal\""))
    #expect(try DatasetReader.parse(text, file: "fiscal.json").countingYear == .fiscal)
    let wrong = text.replacingOccurrences(of: "\"countingYear\": \"fiscal\"", with: "\"countingYear\": \"fiscall\"")
    let result = Result { () throws(DataError) -> Dataset in try DatasetReader.parse(wrong, file: "wrong.json") }
    guard case .failure(let error) = result else {
      Issue.record("a misspelt countingYear was read")
      return
    }
    let issue = try #require(error.issues.first { $0.field == "countingYear" })
    #expect(issue.line != nil && issue.reason.contains("'fiscall' is not one of calendar, fiscal") && (issue.hint ?? "").contains("fiscal"))
  }
}
