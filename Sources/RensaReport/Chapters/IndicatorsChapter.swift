import Foundation
import InternalRensaUtilities
import Rensa

extension AnnualReport {
  /// The chapter on the plan's indicators: IT failures over the verification level, by type and sector, with their trend.
  enum Indicators: ReportChapter {
    static let step = "indicators"

    static func section(_ c: Context) -> ReportSection {
      let t = c.text
      var blocks: [ReportBlock] = []
      if let note = c.syntheticNote { blocks.append(note) }
      let window = c.trendWindow
      blocks.append(.paragraph(t.indicatorsIntroduction))
      let base = t.indicatorsBase
      var typeRows: [[ReportValue]] = []
      var series: [(name: String, values: [Double?])] = []
      for type in ThreatType.allCases {
        typeRows.append([.text(t.threatType(type))] + window.map { c.count($0, .exceededOfType(type)) })
        series.append((t.threatType(type), window.map { c.chartCount($0, .exceededOfType(type)) }))
      }
      typeRows.append([.text(t.total)] + window.map { c.count($0, .exceeded) })
      series.append((t.total, window.map { c.chartCount($0, .exceeded) }))
      blocks.append(.table(ReportTable(
        id: "indicators-by-type", caption: t.indicatorsByTypeCaption,
        columns: [t.columnThreatType] + window.map(t.year), rows: typeRows, base: base)))
      let empty = window.filter { !c.disclosure.hasData($0) }
      if !empty.isEmpty { blocks.append(.note(t.indicatorsNoData(years: empty))) }
      blocks.append(.chart(ReportChart(
        id: "indicators-trend", title: t.indicatorsTrendTitle(from: window.first!, to: window.last!),
        alt: t.indicatorsTrendAlt(from: window.first!, to: window.last!, year: c.year, total: t.display(c.count(c.year, .exceeded))),
        kind: .lines(x: window.map(t.year), series: series))))
      var sectorRows: [[ReportValue]] = []
      for s in c.dataset.sectors {
        sectorRows.append([.text(c.name(ofSector: s.id))] + window.map { c.count($0, .exceededInSector(s.id)) })
      }
      blocks.append(.table(ReportTable(
        id: "indicators-by-sector", caption: t.indicatorsBySectorCaption,
        columns: [t.columnSector] + window.map(t.year), rows: sectorRows, base: base)))
      blocks.append(.note(t.indicatorsComparisonWarning))
      // Spill-overs of the year: origin sector → affected sector, the same base as above.
      let pairs = (c.disclosure.years[c.year]?.measures ?? []).compactMap { m -> (String, String)? in
        if case .spillover(let o, let a) = m { return (o, a) }
        return nil
      }
      blocks.append(.heading(t.spilloversHeading(year: c.year)))
      if !c.disclosure.hasData(c.year) {
        blocks.append(.paragraph(t.noDataFor(year: c.year)))
      } else if pairs.isEmpty {
        blocks.append(.paragraph(t.spilloversNone(year: c.year)))
      } else {
        blocks.append(.table(ReportTable(
          id: "spillovers", caption: t.spilloversCaption(year: c.year),
          columns: t.spilloversColumns,
          rows: pairs.map { o, a in [.text(c.name(ofSector: o)), .text(c.name(ofSector: a)), c.count(c.year, .spillover(origin: o, affected: a))] },
          base: t.spilloversBase)))
      }
      // Analysis topics.
      let topics = c.dataset.topics.filter { $0.year == c.year }.sorted { ($0.priority, $0.id) < ($1.priority, $1.id) }
      blocks.append(.heading(t.topicsHeading(year: c.year)))
      if topics.isEmpty {
        blocks.append(.paragraph(t.topicsNone(year: c.year)))
      } else {
        let done = topics.filter { $0.status == .completed }.count
        blocks.append(.paragraph(t.topicsCompleted(done, of: topics.count, year: c.year)))
        blocks.append(.table(ReportTable(
          id: "topics", caption: t.topicsCaption(year: c.year),
          columns: t.topicsColumns,
          rows: topics.map { [.text(c.title(of: $0)), .count($0.priority), .text(t.topicStatus($0.status))] })))
      }
      return ReportSection(id: "indicators", title: t.title(ofSection: "indicators"), blocks: blocks)
    }
  }
}
