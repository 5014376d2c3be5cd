import Foundation
import Rensa
@testable import RensaReport
import Testing
import _RensaTestSupport

/// The Japanese edition (`--lang ja`) and fiscal-year counting (`--fiscal-year`): the same
/// numbers in both languages, Japanese words throughout, the dataset's Japanese names with
/// every fallback listed, and incidents counted in the 年度 they fall in.
@Suite struct ReportLanguageTests {
  static func options(_ language: ReportLanguage, audience: SharingScope = .green, fiscal: Bool = false) -> ReportOptions {
    var o = ReportOptions()
    o.trials = 100
    o.rensaVersion = "test"
    o.language = language
    o.audience = audience
    o.fiscalYear = fiscal
    return o
  }

  /// The JSON with every string replaced by one mark: what is left are the numbers,
  /// withheld markers, nulls, booleans and the shape of every section, table and chart.
  static func numbers(_ v: JSONValue) -> JSONValue {
    switch v {
    case .string: return .string("·")
    case .array(let items): return .array(items.map(numbers))
    case .object(let fields): return .object(fields.map { ($0.0, $0.0 == "language" ? .null : numbers($0.1)) })
    default: return v
    }
  }

  @Test(arguments: [SharingScope.clear, .green, .amber])
  func bothEditionsCarryTheSameNumbers(audience: SharingScope) throws {
    let dataset = try BuiltinDatasets.nisc2009()
    let en = try AnnualReport.build(dataset: dataset, options: Self.options(.english, audience: audience))
    var ja = try AnnualReport.build(dataset: dataset, options: Self.options(.japanese, audience: audience))
    // The Japanese edition lists what the dataset gives in English only (a heading, a
    // sentence and a table at the end of the methods); the rest has the same shape.
    let methods = ja.sections.count - 1
    let tail = ja.sections[methods].blocks.suffix(3)
    guard case .table(let listed)? = tail.last, listed.id == "untranslated", tail.count == 3 else {
      Issue.record("the Japanese edition of nisc-2009 should list its English-only provenance")
      return
    }
    ja.sections[methods].blocks.removeLast(3)
    #expect(Self.numbers(en.json) == Self.numbers(ja.json))
    // …and the comparison is not vacuous: the words differ, and there are numbers to compare.
    #expect(en.jsonText != ja.jsonText)
    #expect(en.jsonText.contains("\"withheld\": true") == (audience < .amber))
    #expect(ja.jsonText.contains("\"language\": \"ja\""))
  }

  static func hasJapanese(_ s: String) -> Bool {
    s.unicodeScalars.contains { (0x3040...0x30FF).contains($0.value) || (0x4E00...0x9FFF).contains($0.value) }
  }

  @Test func theJapaneseEditionIsWrittenInJapanese() throws {
    let ja = try AnnualReport.build(dataset: BuiltinDatasets.nisc2009(), options: Self.options(.japanese))
    #expect(ja.fileStem == "common-threats-2026.tlp-green.ja")
    let html = ja.html
    #expect(html.contains("<html lang=\"ja\">"))
    #expect(html.contains("\"Noto Sans CJK JP\"") && html.contains("font-family=\"&quot;Hiragino Sans&quot;"))
    #expect(ja.title.hasPrefix("共通脅威分析 2026年"))
    // Every title, heading, paragraph, note, caption, column and chart text has Japanese
    // in it (the dataset's names are Japanese too); a few numeric columns excepted.
    var english: [String] = []
    for section in ja.sections {
      if !Self.hasJapanese(section.title) { english.append(section.title) }
      for block in section.blocks {
        switch block {
        case .paragraph(let s), .note(let s), .heading(let s): if !Self.hasJapanese(s) { english.append(s) }
        case .table(let t):
          for s in [t.caption] + [t.base].compactMap({ $0 }) where !Self.hasJapanese(s) { english.append(s) }
          for column in t.columns where column.contains(where: \.isLetter) && !Self.hasJapanese(column) && !["CVE", "Rensa"].contains(column) {
            english.append(column)
          }
        case .chart(let c): for s in [c.title, c.alt] where !Self.hasJapanese(s) { english.append(s) }
        case .findings(let items): for item in items where !Self.hasJapanese(item.text) { english.append(item.text) }
        case .list(let items, _): _ = items  // the analyst's notes, in whatever language they are written
        }
      }
    }
    #expect(english.isEmpty, "English left in the Japanese edition: \(english.prefix(5))")
    // The plan's own terms.
    for term in ["検証レベルを逸脱したIT障害", "意図的要因", "他分野の障害からの波及", "相互依存性解析", "共通脅威分析", "単一障害点"] {
      #expect(html.contains(term), "missing: \(term)")
    }
    // The built-in dataset gives Japanese for all its names, descriptions and the topics
    // of 2026; only its provenance is English, and the methods chapter says so.
    let methods = try #require(ja.sections.last)
    let untranslated = methods.blocks.compactMap { b -> ReportTable? in if case .table(let t) = b, t.id == "untranslated" { return t } else { return nil } }
    #expect(untranslated.first?.rows.map { $0[1] } == [.text("nisc-2009")])
  }

  @Test func aMissingJapaneseNameFallsBackToEnglishAndIsListed() throws {
    var dataset = try BuiltinDatasets.nisc2009()
    dataset.sectors[1].nameJa = nil
    dataset.scenarios[0].descriptionJa = nil
    let ja = try AnnualReport.build(dataset: dataset, options: Self.options(.japanese))
    #expect(ja.markdown.text.contains("| \(dataset.sectors[1].name) |"))
    let rows = ja.sections.last!.blocks.compactMap { b -> ReportTable? in if case .table(let t) = b, t.id == "untranslated" { return t } else { return nil } }.first?.rows ?? []
    #expect(rows.contains([.text("重要インフラ分野"), .text(dataset.sectors[1].id), .text(dataset.sectors[1].name)]))
    #expect(rows.contains([.text("シナリオの説明"), .text(dataset.scenarios[0].id), .text(dataset.scenarios[0].description)]))
    // The English edition needs no Japanese and lists nothing.
    let en = try AnnualReport.build(dataset: dataset, options: Self.options(.english))
    #expect(!en.jsonText.contains("\"untranslated\""))
  }

  @Test func fiscalYearsRunFromAprilToMarch() throws {
    let days = ["2025-03-31", "2025-04-01", "2026-03-31", "2026-04-01"].map { CalendarDay($0)! }
    #expect(days.map { CountingYear.of($0, fiscal: true) } == [2024, 2025, 2025, 2026])
    #expect(days.map { CountingYear.of($0, fiscal: false) } == [2025, 2025, 2026, 2026])
    // The report counts every incident in the fiscal year it falls in: the AMBER edition
    // publishes every count, so the totals can be checked against the records.
    let dataset = try BuiltinDatasets.nisc2009()
    let report = try AnnualReport.build(dataset: dataset, options: Self.options(.japanese, audience: .amber, fiscal: true))
    #expect(report.fiscalYear && report.fileStem == "common-threats-fy2026.tlp-amber.ja")
    let table = report.sections.flatMap(\.blocks).compactMap { b -> ReportTable? in if case .table(let t) = b, t.id == "indicators-by-type" { return t } else { return nil } }.first!
    #expect(table.columns.last == "2026年度")
    let total = table.rows.last!
    let visible = dataset.incidents.filter { $0.sharing.isVisible(to: .amber) && $0.exceededVerificationLevel }
    for (k, column) in table.columns.enumerated().dropFirst() {
      let year = Int(column.prefix(4))!
      let expected = visible.filter { i in
        let d = i.occurred
        return (d.year == year && d.month >= 4) || (d.year == year + 1 && d.month < 4)
      }.count
      #expect(expected > 0 && total[k] == .count(expected), "fiscal year \(year)")
    }
    // The calendar-year edition of the same data counts differently (the test is not vacuous).
    let calendar = try AnnualReport.build(dataset: dataset, options: Self.options(.japanese, audience: .amber))
    #expect(Self.numbers(calendar.json) != Self.numbers(report.json))
    #expect(report.markdown.text.contains("年度（4月1日〜翌年3月31日）"))
  }

  @Test func japaneseFieldsRoundTripThroughTheDatasetFormat() throws {
    let dataset = try BuiltinDatasets.nisc2009()
    #expect(dataset.scenarios.allSatisfy { $0.descriptionJa != nil } && dataset.topics.allSatisfy { $0.titleJa != nil })
    let again = try DatasetReader.parse(DatasetWriter.json(dataset), file: "round-trip.json")
    #expect(again.scenarios == dataset.scenarios && again.topics == dataset.topics)
  }

  /// What used to reach the Japanese edition in English: a changed dependency's fields and
  /// values, and an analysis's refusal to exceed the memory limit.
  @Test func changedDependenciesAndRefusalsAreWordedInJapanese() throws {
    let before = BuiltinDatasets.nisc2009()
    var now = before
    now.dependencies[0].kind = .telecom
    now.dependencies[0].coupling = 0.5
    var o = Self.options(.japanese)
    o.singleFailureTableLimit = 64
    let ja = try AnnualReport.build(dataset: now, previous: before, options: o)
    let text = ja.markdown.text
    #expect(text.contains("種類 電力 → 通信、結合度 0.6 → 0.5"), "the changed fields in Japanese")
    #expect(text.contains("単一障害点は一覧にしていない：単一障害表（ノード数×ノード数のビット表）に"))
    #expect(!text.contains("time to impact") && !text.contains("more than the memory limit") && !text.contains("coupling 0.6"))
    var en = o
    en.language = .english
    let english = try AnnualReport.build(dataset: now, previous: before, options: en).markdown.text
    #expect(english.contains("kind power → telecom; coupling 0.6 → 0.5") && english.contains("more than the memory limit"))
  }
}
