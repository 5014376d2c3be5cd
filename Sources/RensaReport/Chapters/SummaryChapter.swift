import Foundation
import InternalRensaUtilities
import Rensa

extension AnnualReport {
  /// The chapter on the summary: what the year shows, in a few sentences and a table (built last, from the other chapters).
  enum Summary: ReportChapter {
    static let step = "summary"

    static func section(_ c: Context, _ sections: [ReportSection]) -> ReportSection {
      var blocks: [ReportBlock] = []
      if let note = c.syntheticNote { blocks.append(note) }
      var sentences: [String] = []
      let total = c.count(c.year, .exceeded)
      let previous = c.count(c.year - 1, .exceeded)
      switch total {
      case .noData:
        sentences.append("No incident of \(c.year) is available to this report (no data; \(previous.display) in \(c.year - 1)).")
      case .withheld:
        sentences.append(
          "In \(c.year), the number of IT failures that exceeded the verification level is withheld by disclosure control "
            + "(\(previous.display) in \(c.year - 1)).")
      default:
        sentences.append(
          "In \(c.year), \(total.display) IT failures that exceeded the verification level were reported over the "
            + "\(c.dataset.sectors.count) sectors (\(previous.display) in \(c.year - 1)).")
      }
      let byType = ThreatType.allCases.map { t in (t, c.count(c.year, .exceededOfType(t))) }
      let published = byType.compactMap { t, v -> (ThreatType, Int)? in if case .count(let n) = v { return (t, n) } else { return nil } }
      if let most = published.map(\.1).max(), most > 0 {
        let top = published.filter { $0.1 == most }.map { label($0.0) }
        let partial = published.count < byType.count
        let lead = partial ? "Of the causes whose counts are published, the most frequent" : "The most frequent cause"
        let leads = partial ? "Of the causes whose counts are published, the most frequent" : "The most frequent causes"
        sentences.append(
          top.count == 1
            ? "\(lead) was \(top[0]) (\(most))."
            : "\(leads) were, tied, \(top.dropLast().joined(separator: ", ")) and \(top.last!) (\(most) each).")
      }
      // The most critical sector as the interdependency chapter's table has it (a sector with
      // its systems and assets), so that the summary and the table agree.
      var bySector: [(name: String, failing: Int, dependents: Int)] = []
      for section in sections {
        for case .table(let t) in section.blocks where t.id == "closure-by-sector" {
          for row in t.rows {
            guard case .text(let name) = row[0], case .count(let dependents) = row[2], case .count(let failing) = row[3] else { continue }
            bySector.append((name, failing, dependents))
          }
        }
      }
      if let critical = bySector.max(by: { ($0.failing, $0.dependents) < ($1.failing, $1.dependents) }), critical.failing > 0 {
        let tied = bySector.filter { $0.failing == critical.failing && $0.dependents == critical.dependents }.map(\.name)
        let reach =
          "\(critical.failing) node\(critical.failing == 1 ? "" : "s") of other sectors certainly fail (\(critical.dependents) depend on it if no backup held)"
        sentences.append(
          tied.count == 1
            ? "\(critical.name) is the most critical sector: when it fails, with its systems and assets, \(reach)."
            : "\(tied.count) sectors are tied as the most critical (\(tied.dropLast().joined(separator: ", ")) and \(tied.last!)): "
              + "when any one fails, with its systems and assets, \(reach).")
      }
      if case .success(let closure) = c.closure {
        if !closure.loops.isEmpty {
          sentences.append("The dependency model has \(closure.loops.count) mutual-dependency loop\(closure.loops.count == 1 ? "" : "s").")
        }
      }
      if let first = c.scenarios.first, case .success(let analysis) = first.analysis {
        let scenario = first.scenario
        let down = analysis.sectors.filter { $0.failedNodes > 0 }.count
        sentences.append("In the scenario \"\(scenario.name)\", \(down) of \(analysis.sectors.count) sectors lose service.")
      }
      blocks.append(.paragraph(sentences.joined(separator: " ")))
      var rows: [[ReportValue]] = [
        [.text("IT failures exceeding the verification level"), total, previous],
      ]
      for t in ThreatType.allCases {
        rows.append([.text("… of which \(label(t))"), c.count(c.year, .exceededOfType(t)), c.count(c.year - 1, .exceededOfType(t))])
      }
      let topics = c.dataset.topics.filter { $0.year == c.year }
      let previousTopics = c.dataset.topics.filter { $0.year == c.year - 1 }
      rows.append([.text("Analysis topics completed / planned"),
                   .text("\(topics.filter { $0.status == .completed }.count) / \(topics.count)"),
                   .text("\(previousTopics.filter { $0.status == .completed }.count) / \(previousTopics.count)")])
      blocks.append(.table(ReportTable(
        id: "headline", caption: "Headline figures, \(c.year) and \(c.year - 1)",
        columns: ["indicator", "\(c.year)", "\(c.year - 1)"], rows: rows,
        base: "incidents that exceeded the verification level (the topics row: analysis topics)")))
      blocks.append(.note("Comparing operators or sectors by these counts is inappropriate (the plan's own warning): they "
                          + "depend on what each sector reports and on its size. Read what the numbers mean, not their rise "
                          + "and fall alone."))
      return ReportSection(id: "summary", title: "Summary", blocks: blocks)
    }
  }
}
