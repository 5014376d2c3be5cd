import Foundation
import Rensa
import RensaReport
import Testing
import _RensaTestSupport

/// Revisions (Docs/Report.md, "Revisions"): a year re-published after its records were
/// updated must not be decided again, or the two editions' difference gives the changed
/// records away. The attack below succeeds on a re-decided edition; with the publication
/// ledger the second edition shows the year exactly as first published.
@Suite struct PublicationLedgerTests {
  /// 2025: sector A holds 2 incidents of 2 reporters (withheld), sectors B–E 6 each from 6
  /// reporters. `late` adds a third incident to A from a third reporter.
  func dataset(late: Bool) -> Dataset {
    var d = BuiltinDatasets.nisc2009(syntheticIncidents: nil)
    let ids = d.sectors.map(\.id)
    var incidents: [Incident] = []
    func add(_ sector: String, _ day: Int, _ reporter: String, year: Int = 2025) {
      incidents.append(Incident(
        id: "L\(incidents.count)", occurred: CalendarDay(year: year, ordinal: day), sector: sector, threatType: .intentional,
        exceededVerificationLevel: true, sharing: .green, reporter: reporter, synthetic: true))
    }
    add(ids[0], 10, "a1")
    add(ids[0], 20, "a2")
    for s in 1...4 { for k in 0..<6 { add(ids[s], 30 + 10 * k + s, "r\(s)-\(k)") } }
    for s in 0...4 { for k in 0..<5 { add(ids[s], 40 + k, "p\(s)-\(k)", year: 2024) } }
    if late { add(ids[0], 200, "a3") }
    d.incidents = incidents
    return d
  }

  func options(ledger: [PublishedYear] = [], prepare: Bool = false) -> ReportOptions {
    var o = ReportOptions()
    o.trials = 20
    o.year = 2025
    o.trendYears = 2
    o.audience = .green
    o.publicationLedger = ledger
    o.preparePublication = prepare
    o.publicationTime = "2026-03-31T00:00:00Z"
    return o
  }

  /// The 2025 column of the sector table and the total.
  func cells(_ r: ReportDocument) -> [String: ReportValue] {
    var out: [String: ReportValue] = [:]
    for s in r.sections {
      for case .table(let t) in s.blocks where t.id == "indicators-by-sector" || t.id == "indicators-by-type" {
        let column = t.columns.firstIndex(of: "2025")!
        for row in t.rows { out["\(t.id)|\(row[0].display)"] = row[column] }
      }
    }
    return out
  }

  @Test func aRevisedYearIsShownAsFirstPublishedAndTheDifferenceAttackFails() throws {
    let first = try AnnualReport.build(dataset: dataset(late: false), options: options(prepare: true))
    let a = "indicators-by-sector|" + BuiltinDatasets.nisc2009(syntheticIncidents: nil).sectors[0].name
    let total = "indicators-by-type|total"
    let before = cells(first)
    #expect(before[a] == .withheld, "two incidents of two reporters are withheld")
    #expect(first.publication.contains { $0.kind == .counts && $0.year == 2025 && $0.edition == .green })
    #expect(first.publication.contains { $0.kind == .counts && $0.year == 2025 && $0.edition == .clear })
    // The year reported's sums are recorded too (all 0 here: no incident reports its impact).
    #expect(first.publication.contains { $0.kind == .impact && $0.year == 2025 && $0.cells.allSatisfy { $0.value == 0 } })
    // Decided again on the revised records, the second edition publishes A; an attacker
    // who knows that revisions add records bounds A's first value by A now less the rise
    // of the total: fewer than k = 3 values.
    let redecided = cells(try AnnualReport.build(dataset: dataset(late: true), options: options()))
    guard case .count(let aNow) = redecided[a], case .count(let tNow) = redecided[total], case .count(let tThen) = before[total] else {
      Issue.record("the re-decided edition withholds what the attack needs: \(String(describing: redecided[a])), \(String(describing: redecided[total]))")
      return
    }
    let range = (aNow - (tNow - tThen))...aNow
    #expect(range.count < 3 && range.contains(2), "the difference attack narrows A's withheld 2025 count to \(range)")
    // With the ledger, 2025 is shown as published: every cell as before, the note says so.
    let ledger = first.publication
    let revised = try AnnualReport.build(dataset: dataset(late: true), options: options(ledger: ledger, prepare: true))
    #expect(cells(revised) == before)
    #expect(revised.asPublished.map(\.year) == [2024, 2025] && revised.asPublished.allSatisfy { $0.report == first.fileStem })
    #expect(revised.asPublished.first { $0.year == 2025 }?.changed == 1 && revised.asPublished.first { $0.year == 2024 }?.changed == 0)
    #expect(revised.disclosure?.asPublished.map(\.year) == [2024, 2025])
    #expect(revised.publication.isEmpty, "nothing new to record: both years were published")
    #expect(revised.markdown.text.contains("Shown as first published: 2024 (\(first.fileStem), recorded 2026-03-31T00:00:00Z), 2025"))
    // A year not yet published is decided on the latest records: 2026 here.
    var next = options(ledger: ledger, prepare: true)
    next.year = 2026
    var late2026 = dataset(late: true)
    late2026.incidents += (0..<6).map { k in
      Incident(
        id: "N\(k)", occurred: CalendarDay(year: 2026, ordinal: 5 + k), sector: late2026.sectors[1].id, threatType: .unintentional,
        exceededVerificationLevel: true, sharing: .green, reporter: "n\(k)", synthetic: true)
    }
    let report2026 = try AnnualReport.build(dataset: late2026, options: next)
    #expect(report2026.asPublished.map(\.year) == [2025])
    #expect(report2026.publication.contains { $0.year == 2026 } && !report2026.publication.contains { $0.year == 2025 })
    // Entries survive their JSON (the store keeps them so).
    for e in first.publication { #expect(PublishedYear(json: e.json) == e) }
  }

  @Test func aGreenEditionOfAYearPublishedForClearAloneAfterItsClearRecordsChangedIsRefused() throws {
    var clear = options(prepare: true)
    clear.audience = .clear
    var data = dataset(late: false)
    for k in data.incidents.indices { data.incidents[k].sharing = .clear }
    let first = try AnnualReport.build(dataset: data, options: clear)
    #expect(first.publication.allSatisfy { $0.edition == .clear })
    // Unchanged CLEAR records: GREEN is decided as it would have been, agreeing with CLEAR.
    #expect(throws: Never.self) { try AnnualReport.build(dataset: data, options: options(ledger: first.publication)) }
    data.incidents.append(Incident(
      id: "X", occurred: CalendarDay(year: 2025, ordinal: 300), sector: data.sectors[0].id, threatType: .intentional,
      exceededVerificationLevel: true, sharing: .clear, reporter: "x", synthetic: true))
    #expect(throws: DataError.self) { try AnnualReport.build(dataset: data, options: options(ledger: first.publication)) }
  }
}
