import Foundation
import InternalRensaUtilities
import Rensa

extension AnnualReport {
  /// The chapter on the summary: what the year shows, in a few sentences and a table (built last, from the other chapters).
  enum Summary: ReportChapter {
    static let step = "summary"

    static func section(_ c: Context, _ sections: [ReportSection]) -> ReportSection {
      let t = c.text
      var blocks: [ReportBlock] = []
      if let note = c.syntheticNote { blocks.append(note) }
      var sentences: [String] = []
      let total = c.count(c.year, .exceeded)
      let previous = c.count(c.year - 1, .exceeded)
      switch total {
      case .noData:
        sentences.append(t.summaryNoData(year: c.year, previous: t.display(previous)))
      case .withheld:
        sentences.append(t.summaryWithheld(year: c.year, previous: t.display(previous)))
      default:
        sentences.append(t.summaryTotal(year: c.year, total: t.display(total), sectors: c.dataset.sectors.count, previous: t.display(previous)))
      }
      let byType = ThreatType.allCases.map { type in (type, c.count(c.year, .exceededOfType(type))) }
      let published = byType.compactMap { type, v -> (ThreatType, Int)? in if case .count(let n) = v { return (type, n) } else { return nil } }
      if let most = published.map(\.1).max(), most > 0 {
        let top = published.filter { $0.1 == most }.map { t.threatType($0.0) }
        sentences.append(t.summaryMostFrequent(causes: top, count: most, partial: published.count < byType.count))
      }
      // The most critical sector as the interdependency chapter's table has it (a sector with
      // its systems and assets), so that the summary and the table agree.
      var bySector: [(name: String, failing: Int, dependents: Int)] = []
      for section in sections {
        for case .table(let table) in section.blocks where table.id == "closure-by-sector" {
          for row in table.rows {
            guard case .text(let name) = row[0], case .count(let dependents) = row[2], case .count(let failing) = row[3] else { continue }
            bySector.append((name, failing, dependents))
          }
        }
      }
      if let critical = bySector.max(by: { ($0.failing, $0.dependents) < ($1.failing, $1.dependents) }), critical.failing > 0 {
        let tied = bySector.filter { $0.failing == critical.failing && $0.dependents == critical.dependents }.map(\.name)
        sentences.append(t.summaryCritical(sectors: tied, failing: critical.failing, dependents: critical.dependents))
      }
      if case .success(let closure) = c.closure, !closure.loops.isEmpty {
        sentences.append(t.summaryLoops(closure.loops.count))
      }
      if let first = c.scenarios.first, case .success(let analysis) = first.analysis {
        let down = analysis.sectors.filter { $0.failedNodes > 0 }.count
        sentences.append(t.summaryScenario(c.name(of: first.scenario), down: down, of: analysis.sectors.count))
      }
      blocks.append(.paragraph(t.sentences(sentences)))
      var rows: [[ReportValue]] = [
        [.text(t.headlineExceeded), total, previous],
      ]
      for type in ThreatType.allCases {
        rows.append([.text(t.headlineOfWhich(t.threatType(type))), c.count(c.year, .exceededOfType(type)), c.count(c.year - 1, .exceededOfType(type))])
      }
      let topics = c.dataset.topics.filter { $0.year == c.year }
      let previousTopics = c.dataset.topics.filter { $0.year == c.year - 1 }
      rows.append([.text(t.headlineTopics),
                   .text("\(topics.filter { $0.status == .completed }.count) / \(topics.count)"),
                   .text("\(previousTopics.filter { $0.status == .completed }.count) / \(previousTopics.count)")])
      blocks.append(.table(ReportTable(
        id: "headline", caption: t.headlineCaption(year: c.year),
        columns: [t.columnIndicator, t.year(c.year), t.year(c.year - 1)], rows: rows,
        base: t.headlineBase)))
      blocks.append(.note(t.summaryComparisonWarning))
      return ReportSection(id: "summary", title: t.title(ofSection: "summary"), blocks: blocks)
    }
  }
}
