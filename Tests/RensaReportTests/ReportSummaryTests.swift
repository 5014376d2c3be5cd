import Foundation
import Rensa
@testable import RensaReport
import Testing
import _RensaTestSupport

/// The summary as a minister reads it (issue 21, section 3): key findings found and ranked
/// by fixed rules from what the report publishes, the analyst's notes as written, and
/// anonymised case studies only where the disclosure rules allow them.
@Suite struct ReportSummaryTests {
  static func options(_ audience: SharingScope = .green, language: ReportLanguage = .english) -> ReportOptions {
    var o = ReportOptions()
    o.trials = 100
    o.rensaVersion = "test"
    o.audience = audience
    o.language = language
    return o
  }

  static func findings(_ r: ReportDocument) -> [KeyFinding] {
    r.sections[0].blocks.compactMap { b -> [KeyFinding]? in if case .findings(let f) = b { return f } else { return nil } }.first ?? []
  }

  static let ruleOrder = [
    "new-loops", "new-single-points", "new-spillovers", "widest-scenario", "most-common-threat", "largest-change",
    "impact-concentration", "most-critical-sector",
  ]

  @Test func keyFindingsFollowTheRulesAndLinkToTheirChapters() throws {
    let dataset = try BuiltinDatasets.nisc2009()
    // Last year's model lacks the dependencies inside this year's loop: the loop is new.
    let closure = try ClosureAnalysis(dataset.dependencyNetwork)
    let loop = Set(try #require(closure.loops.first))
    var previous = dataset
    previous.dependencies.removeAll { loop.contains($0.supplier) && loop.contains($0.dependent) }
    #expect(previous.dependencies.count < dataset.dependencies.count)
    let report = try AnnualReport.build(dataset: dataset, previous: previous, options: Self.options())
    let findings = Self.findings(report)
    let rules = findings.map(\.rule)
    #expect(rules.first == "new-loops")
    #expect(rules == Self.ruleOrder.filter(rules.contains), "ranked in the documented order: \(rules)")
    #expect(rules.contains("widest-scenario") && rules.contains("most-critical-sector") && rules.contains("largest-change"))
    let ids = Set(report.sections.map(\.id))
    #expect(findings.allSatisfy { ids.contains($0.section) })
    #expect(report.html.contains("<a href=\"#changes\">→ 9. Changes since last year</a>"))
    // Ties are named as ties: the three scenarios of nisc-2009 each reach every sector.
    let widest = try #require(findings.first { $0.rule == "widest-scenario" })
    #expect(widest.text.hasPrefix("3 scenarios are tied as reaching most widely"))
    // Without last year's dataset there is nothing new to say about the structure.
    let alone = Self.findings(try AnnualReport.build(dataset: dataset, options: Self.options()))
    #expect(!alone.contains { $0.rule == "new-loops" || $0.rule == "new-single-points" })
  }

  /// The largest change is between two published counts: its numbers are cells of the
  /// indicator tables, never a withheld count.
  @Test(arguments: [SharingScope.clear, .green, .amber])
  func theLargestChangeUsesPublishedCountsOnly(audience: SharingScope) throws {
    let report = try AnnualReport.build(dataset: BuiltinDatasets.nisc2009(), options: Self.options(audience))
    guard let finding = Self.findings(report).first(where: { $0.rule == "largest-change" }) else { return }
    var published: [String: (Int, Int)] = [:]
    for case .table(let t) in report.sections.flatMap(\.blocks) where ["indicators-by-type", "indicators-by-sector", "headline"].contains(t.id) {
      let now = t.columns.firstIndex(of: String(report.year))!
      let before = t.columns.firstIndex(of: String(report.year - 1))!
      for row in t.rows {
        guard case .text(var label) = row[0], case .count(let a) = row[before], case .count(let b) = row[now] else { continue }
        if label.hasPrefix("… of which ") { label = String(label.dropFirst("… of which ".count)) }
        published[label] = (a, b)
      }
    }
    let pattern = /([^:;]+): (\d+) → (\d+) \([+-]?\d+\)/
    let matches = finding.text.matches(of: pattern)
    #expect(!matches.isEmpty)
    for m in matches {
      var label = String(m.output.1).trimmingCharacters(in: .whitespaces)
      if let colon = label.range(of: ": ", options: .backwards) { label = String(label[colon.upperBound...]) }
      let pair = published[label]
      #expect(pair != nil && pair! == (Int(m.output.2)!, Int(m.output.3)!), "\(label) in \(finding.text)")
    }
  }

  @Test func theAnalystsNotesAreShownAsWritten() throws {
    let markdown = """
      ## Recommendations
      - Exercise a grid loss of **more than 72 hours** across sectors.
      - Share the fuel logistics of backup generators in the CEPTOARs:
        see [the plan](https://www.nisc.go.jp/).

      ## Last year's recommendations
      | recommendation | status |
      |---|---|
      | Map fuel logistics | done |
      | Survey shared vendors \\| water | in progress |

      Raw <script>alert(1)</script> stays text.
      """
    let notes = try AnalystNotes(markdown: markdown, file: "notes.md")
    #expect(notes.blocks.count == 5)
    guard case .list(let items, false) = notes.blocks[1], case .table(let table) = notes.blocks[3] else {
      Issue.record("unexpected blocks: \(notes.blocks)")
      return
    }
    #expect(items == [
      "Exercise a grid loss of more than 72 hours across sectors.",
      "Share the fuel logistics of backup generators in the CEPTOARs: see the plan (https://www.nisc.go.jp/).",
    ])
    #expect(table.columns == ["recommendation", "status"] && table.rows[1] == [.text("Survey shared vendors | water"), .text("in progress")])
    var options = Self.options()
    options.notes = notes
    let report = try AnnualReport.build(dataset: BuiltinDatasets.nisc2009(), options: options)
    let html = report.html
    #expect(html.contains("Findings and recommendations of the analyst"))
    #expect(html.contains("Raw &lt;script&gt;alert(1)&lt;/script&gt; stays text.") && !html.contains("<script>"))
    // Japanese paragraphs join their lines without a space.
    let ja = try AnalystNotes(markdown: "電力と通信の相互依存が\n最大のリスクである。\nThe grid\nmatters.", file: "n.md")
    #expect(ja.blocks == [.paragraph("電力と通信の相互依存が最大のリスクである。 The grid matters.")])
  }

  @Test func badNotesAreRefusedWithEveryProblemAndItsLine() throws {
    let markdown = "| a | b |\n| x | y |\n\n| c | d |\n|---|---|\n| 1 | 2 | 3 |\n| 4 |\n"
    do {
      _ = try AnalystNotes(markdown: markdown, file: "notes.md")
      Issue.record("accepted a bad table")
    } catch {
      let lines = error.issues.map(\.line)
      #expect(lines == [2, 6, 7], "\(error)")
      #expect(error.description.contains("notes.md:6: this table row has 3 cells, its header 2"))
    }
    #expect(throws: DataError.self) { try AnalystNotes(markdown: "\n  \n", file: "empty.md") }
  }

  @Test func caseStudiesOnlyWhereTheDisclosureRulesAllowThem() throws {
    let dataset = try BuiltinDatasets.nisc2009()
    for audience in [SharingScope.clear, .green] {
      let report = try AnnualReport.build(dataset: dataset, options: Self.options(audience))
      let summary = report.sections[0].blocks
      #expect(!summary.contains { if case .list = $0 { return true } else { return false } })
      #expect(summary.contains(.paragraph(EnglishCatalogue(fiscalYear: false).notableWithheld(audience: audience))))
    }
    let amber = try AnnualReport.build(dataset: dataset, options: Self.options(.amber))
    let cases = amber.sections[0].blocks.compactMap { b -> [String]? in if case .list(let items, true) = b { return items } else { return nil } }.first ?? []
    #expect(cases.count == 3)
    // The largest impact first, and anonymised: no operator, reporter or incident id.
    let year = dataset.incidents.filter { $0.occurred.year == amber.year && $0.exceededVerificationLevel && $0.sharing.isVisible(to: .amber) }
    let top = year.max { ($0.durationHours ?? 0) * Double($0.affectedUsers ?? 0) < ($1.durationHours ?? 0) * Double($1.affectedUsers ?? 0) }!
    #expect(cases[0].contains(ReportValue.grouped(top.affectedUsers!) + " users affected"))
    for i in year {
      for text in cases {
        #expect(!text.contains(i.id) && !text.contains(i.reporter) && !(i.operator.map { text.contains($0) } ?? false))
      }
    }
  }
}
