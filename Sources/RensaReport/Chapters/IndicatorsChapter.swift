import Foundation
import InternalRensaUtilities
import Rensa

extension AnnualReport {
  /// The chapter on the plan's indicators: IT failures over the verification level, by type and sector, with their trend.
  enum Indicators: ReportChapter {
    static let step = "indicators"

    static func section(_ c: Context) -> ReportSection {
      var blocks: [ReportBlock] = []
      if let note = c.syntheticNote { blocks.append(note) }
      let window = c.trendWindow
      blocks.append(.paragraph(
        "The plan's indicator of the operators' measures is the number of IT failures that exceeded the verification "
          + "level, totalled over the sectors. The tables count incidents visible to this report's audience, by the "
          + "year they occurred."))
      let base = "incidents that exceeded the verification level, by the year they occurred"
      var typeRows: [[ReportValue]] = []
      var series: [(name: String, values: [Double?])] = []
      for t in ThreatType.allCases {
        typeRows.append([.text(label(t))] + window.map { c.count($0, .exceededOfType(t)) })
        series.append((label(t), window.map { c.chartCount($0, .exceededOfType(t)) }))
      }
      typeRows.append([.text("total")] + window.map { c.count($0, .exceeded) })
      series.append(("total", window.map { c.chartCount($0, .exceeded) }))
      blocks.append(.table(ReportTable(
        id: "indicators-by-type", caption: "IT failures exceeding the verification level, by threat type and year",
        columns: ["threat type"] + window.map(String.init), rows: typeRows, base: base)))
      let empty = window.filter { !c.disclosure.hasData($0) }
      if !empty.isEmpty {
        blocks.append(.note(
          "No data for \(empty.map(String.init).joined(separator: ", ")): no incident of \(empty.count == 1 ? "that year" : "those years") "
            + "is available to this report. \"No data\" is not zero; the chart leaves a gap."))
      }
      blocks.append(.chart(ReportChart(
        id: "indicators-trend", title: "IT failures exceeding the verification level, \(window.first!)–\(window.last!)",
        alt: "Lines of the yearly counts by threat type and in total, \(window.first!) to \(window.last!); a gap is a withheld count "
          + "or a year with no data. Total in \(c.year): \(c.count(c.year, .exceeded).display).",
        kind: .lines(x: window.map(String.init), series: series))))
      var sectorRows: [[ReportValue]] = []
      for s in c.dataset.sectors {
        sectorRows.append([.text(s.name)] + window.map { c.count($0, .exceededInSector(s.id)) })
      }
      blocks.append(.table(ReportTable(
        id: "indicators-by-sector", caption: "IT failures exceeding the verification level, by sector and year",
        columns: ["sector"] + window.map(String.init), rows: sectorRows, base: base)))
      blocks.append(.note("Comparing sectors (or operators) by these counts is inappropriate: the plan says so itself. "
                          + "Sectors differ in size, in what they must report and in how they report it."))
      // Spill-overs of the year: origin sector → affected sector, the same base as above.
      let pairs = (c.disclosure.years[c.year]?.measures ?? []).compactMap { m -> (String, String)? in
        if case .spillover(let o, let a) = m { return (o, a) }
        return nil
      }
      blocks.append(.heading("Spill-over failures in \(c.year)"))
      if !c.disclosure.hasData(c.year) {
        blocks.append(.paragraph("No data for \(c.year)."))
      } else if pairs.isEmpty {
        blocks.append(.paragraph(
          "No spill-over failure (an incident caused by another sector's failure) that exceeded the verification level was reported in \(c.year)."))
      } else {
        blocks.append(.table(ReportTable(
          id: "spillovers", caption: "Spill-over failures in \(c.year): originating sector → affected sector",
          columns: ["originating sector", "affected sector", "incidents"],
          rows: pairs.map { o, a in [.text(c.name(ofSector: o)), .text(c.name(ofSector: a)), c.count(c.year, .spillover(origin: o, affected: a))] },
          base: "incidents that exceeded the verification level and were caused by another sector's failure (the headline's "
            + "spill-over row counts the same incidents by their cause)")))
      }
      // Analysis topics.
      let topics = c.dataset.topics.filter { $0.year == c.year }.sorted { ($0.priority, $0.id) < ($1.priority, $1.id) }
      blocks.append(.heading("Analysis topics \(c.year): planned and completed"))
      if topics.isEmpty {
        blocks.append(.paragraph("The dataset lists no analysis topic for \(c.year)."))
      } else {
        let done = topics.filter { $0.status == .completed }.count
        blocks.append(.paragraph("\(done) of the \(topics.count) topics planned for \(c.year) were completed."))
        blocks.append(.table(ReportTable(
          id: "topics", caption: "Common-threat analysis topics planned for \(c.year)",
          columns: ["topic", "priority", "status"],
          rows: topics.map { [.text($0.title), .count($0.priority), .text($0.status.rawValue)] })))
      }
      return ReportSection(id: "indicators", title: "Indicators", blocks: blocks)
    }
  }
}
