import Foundation
import Rensa
import RensaReport
import Testing
import _RensaTestSupport

/// The plan's §IV-1 indicators of information sharing and exercises, and the operators'
/// evaluation of the analysis topics (issue 21, section 2).
@Suite struct ProgrammeIndicatorTests {
  @Test func theReportShowsTheIndicatorsWithTheirTrend() throws {
    var dataset = try BuiltinDatasets.nisc2009()
    dataset.sharingIndicators.removeAll { $0.year == 2023 }
    dataset.exercises.removeAll { $0.year == 2023 }
    var o = ReportOptions()
    o.trials = 100
    let report = try AnnualReport.build(dataset: dataset, options: o)
    let table = try #require(report.sections[1].blocks.compactMap { b -> ReportTable? in
      if case .table(let t) = b, t.id == "programme" { return t } else { return nil }
    }.first)
    #expect(table.columns == ["indicator", "2022", "2023", "2024", "2025", "2026"])
    let y2026 = try #require(dataset.sharingIndicators.first { $0.year == 2026 })
    #expect(table.rows[0] == [.text("items the centre sent"), .count(112), .noData, .count(135), .count(142), .count(y2026.itemsSent!)])
    let share = 100 * (Double(y2026.operatorsFindingUseful!) / Double(y2026.operatorsAsked!))
    #expect(table.rows[2].last == .number(share, digits: 3, unit: "%"))
    #expect(table.rows[4][3] == .count(dataset.exercises.first { $0.year == 2024 }!.participants!))
    #expect(report.markdown.text.contains("Figures the dataset marks as illustrative are examples"))
    // The topics of a year carry the operators' evaluation.
    let topics = try #require(report.sections[1].blocks.compactMap { b -> ReportTable? in
      if case .table(let t) = b, t.id == "topics" { return t } else { return nil }
    }.first)
    #expect(topics.columns.last == "found useful (operators)")
  }

  @Test func aDatasetWithoutTheIndicatorsSaysSo() throws {
    var dataset = try BuiltinDatasets.nisc2009()
    dataset.sharingIndicators = []
    dataset.exercises = []
    let report = try AnnualReport.build(dataset: dataset, options: { var o = ReportOptions(); o.trials = 100; return o }())
    #expect(report.markdown.text.contains("The dataset gives no information-sharing or exercise figures for 2022–2026"))
  }

  @Test func badIndicatorsAreListedWithTheirLines() throws {
    var dataset = try BuiltinDatasets.nisc2009()
    dataset.sharingIndicators.append(SharingIndicator(year: 2026, operatorsAsked: 10, operatorsFindingUseful: 12, source: "test"))
    dataset.exercises.append(dataset.exercises[0])
    let error = try #require(throws: DataError.self) { try DatasetReader.parse(DatasetWriter.json(dataset), file: "d.json") }
    let reasons = error.issues.map(\.reason)
    #expect(reasons.contains("12 operators found it useful, more than the 10 asked"))
    #expect(reasons.contains("a second record for 2026"))
    #expect(reasons.contains("duplicate id 'exercise-2021'"))
    #expect(error.issues.allSatisfy { $0.line != nil }, "\(error)")
    // A valid dataset round-trips them.
    let good = try BuiltinDatasets.nisc2009()
    let again = try DatasetReader.parse(DatasetWriter.json(good), file: "d.json")
    #expect(again.sharingIndicators == good.sharingIndicators && again.exercises == good.exercises && again.topics == good.topics)
  }
}
