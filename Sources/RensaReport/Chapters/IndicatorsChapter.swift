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
      // An incident with several causes counts under each.
      let shown = Set(window)
      if c.view.visible.contains(where: { !$0.otherCauses.isEmpty && $0.exceededVerificationLevel && shown.contains(c.view.countingYear($0)) }) {
        blocks.append(.note(t.severalCausesNote))
      }
      blocks += categories(c)
      // Near misses, kept apart from the failures.
      if c.view.visible.contains(where: { $0.isNearMiss && shown.contains(c.view.countingYear($0)) }) {
        blocks.append(.table(ReportTable(
          id: "near-misses", caption: t.nearMissesCaption, columns: [t.columnIndicator] + window.map(t.year),
          rows: [[.text(t.nearMissesRow)] + window.map { c.count($0, .nearMisses) }], base: t.nearMissesBase)))
      }
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
      blocks += services(c)
      blocks += impact(c)
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
          rows: topics.map {
            [.text(c.title(of: $0)), .count($0.priority), .text(t.topicStatus($0.status)),
             $0.usefulShare.map { .number(100 * $0, digits: 3, unit: "%") } ?? .none]
          })))
      }
      blocks += programme(c)
      return ReportSection(id: "indicators", title: t.title(ofSection: "indicators"), blocks: blocks)
    }

    /// The failures by the plan's further categories over the trend window: the quarter of
    /// the counting year, the severity level (Docs/Severity.md) and the security property
    /// affected. Shown when any visible failure of the window carries a severity or a
    /// property (the quarter is always known, but alone it is not worth a table).
    static func categories(_ c: Context) -> [ReportBlock] {
      let t = c.text
      let window = c.trendWindow
      let shown = Set(window)
      let failures = c.view.visible.filter { $0.exceededVerificationLevel && !$0.isNearMiss && shown.contains(c.view.countingYear($0)) }
      guard failures.contains(where: { $0.severity != nil || !$0.affectedProperties.isEmpty }) else { return [] }
      func row(_ label: String, _ m: CountMeasure) -> [ReportValue] { [.text(label)] + window.map { c.count($0, m) } }
      var rows = (1...4).map { row(t.quarter($0), .exceededInQuarter($0)) }
      rows += (0...4).reversed().map { row(t.severityLevel($0), .exceededOfSeverity($0)) }
      if failures.contains(where: { $0.severity == nil }) { rows.append(row(t.severityNotRated, .exceededOfSeverity(nil))) }
      rows += SecurityProperty.allCases.map { row(t.securityProperty($0), .exceededAffecting($0)) }
      rows.append(row(t.total, .exceeded))
      return [.table(ReportTable(
        id: "indicators-by-category", caption: t.categoriesCaption, columns: [t.columnCategory] + window.map(t.year), rows: rows,
        base: t.categoriesBase))]
    }

    /// Verification levels crossed per CI service, over the trend window (services that
    /// any visible incident of the window names).
    static func services(_ c: Context) -> [ReportBlock] {
      let t = c.text
      let window = c.trendWindow
      let shown = Set(window)
      let named = Set(c.view.visible.compactMap { i -> String? in
        guard i.exceededVerificationLevel, !i.isNearMiss, shown.contains(c.view.countingYear(i)) else { return nil }
        return i.service
      })
      guard !named.isEmpty else { return [] }
      guard !c.view.suppresses else { return [.note(t.servicesAmberOnly(audience: c.options.audience))] }
      let order = c.dataset.services.map(\.id).filter(named.contains) + named.subtracting(c.dataset.services.map(\.id)).sorted()
      return [.table(ReportTable(
        id: "indicators-by-service", caption: t.servicesCaption, columns: [t.columnService] + window.map(t.year),
        rows: order.map { s in [.text(c.name(ofSector: s))] + window.map { c.count($0, .exceededInService(s)) } },
        base: t.servicesBase))]
    }

    /// The year's impact-weighted statistics: user-hours lost by cause and by sector,
    /// against the share of incidents.
    static func impact(_ c: Context) -> [ReportBlock] {
      let t = c.text
      var blocks: [ReportBlock] = [.heading(t.impactHeading(year: c.year))]
      guard c.disclosure.hasData(c.year) else {
        blocks.append(.paragraph(t.noDataFor(year: c.year)))
        return blocks
      }
      if c.impact.isEmpty {
        blocks.append(.paragraph(t.impactNone(year: c.year)))
        return blocks
      }
      // How many incidents report their impact is a count published at AMBER and above only.
      let reported = c.view.suppresses ? nil : t.display(c.count(c.year, .exceededWithImpact))
      blocks.append(.paragraph(t.impactIntroduction(year: c.year, reported: reported, of: t.display(c.count(c.year, .exceeded)))))
      let total = c.count(c.year, .exceeded)
      func share(_ count: ReportValue) -> ReportValue {
        switch (count, total) {
        case (.count(let n), .count(let d)) where d > 0: return .number(100 * Double(n) / Double(d), digits: 3, unit: "%")
        case (.noData, _), (_, .noData): return .noData
        case (.count, .count): return .none
        default: return .withheld
        }
      }
      func userHours(_ cell: ImpactTables.Cell) -> [ReportValue] {
        let v = c.impact.value(cell)
        guard case .count = v else { return [v, v] }
        return [v, c.impact.share(cell).map { .number(100 * $0, digits: 3, unit: "%") } ?? .withheld]
      }
      func row(_ label: String, _ count: ReportValue, _ cell: ImpactTables.Cell) -> [ReportValue] {
        [.text(label), count, share(count)] + userHours(cell)
      }
      var causeRows = ThreatType.allCases.map { type in row(t.threatType(type), c.count(c.year, .exceededOfType(type)), .cause(type)) }
      causeRows.append(row(t.total, total, .total))
      blocks.append(.table(ReportTable(
        id: "impact-by-cause", caption: t.impactByCauseCaption(year: c.year), columns: [t.columnThreatType] + t.impactColumns,
        rows: causeRows, base: t.impactBase)))
      var sectorRows = c.impact.sectors.map { s in row(c.name(ofSector: s), c.count(c.year, .exceededInSector(s)), .sector(s)) }
      sectorRows.append(row(t.total, total, .total))
      blocks.append(.table(ReportTable(
        id: "impact-by-sector", caption: t.impactBySectorCaption(year: c.year), columns: [t.columnSector] + t.impactColumns,
        rows: sectorRows, base: t.impactBase)))
      blocks.append(.note(t.impactNote(percent: NumberFormat.significant(c.options.impactPercent, digits: 3))))
      return blocks
    }

    /// The plan's §IV-1 indicators of information sharing and exercises, over the trend
    /// window: programme statistics, published as given (no incident count is in them).
    static func programme(_ c: Context) -> [ReportBlock] {
      let t = c.text
      var blocks: [ReportBlock] = [.heading(t.programmeHeading)]
      let window = c.trendWindow
      let sharing = Dictionary(c.dataset.sharingIndicators.map { ($0.year, $0) }, uniquingKeysWith: { a, _ in a })
      let exercises = Dictionary(grouping: c.dataset.exercises, by: \.year)
      guard window.contains(where: { sharing[$0] != nil || exercises[$0] != nil }) else {
        blocks.append(.paragraph(t.programmeNone(from: window.first!, to: window.last!)))
        return blocks
      }
      blocks.append(.paragraph(t.programmeIntroduction))
      func row(_ label: String, _ value: (Int) -> ReportValue) -> [ReportValue] { [.text(label)] + window.map(value) }
      func count(_ x: Int?) -> ReportValue { x.map { .count($0) } ?? .noData }
      func share(_ x: Double?) -> ReportValue { x.map { .number(100 * $0, digits: 3, unit: "%") } ?? .noData }
      var rows: [[ReportValue]] = [
        row(t.programmeItemsSent) { count(sharing[$0]?.itemsSent) },
        row(t.programmeItemsShared) { count(sharing[$0]?.itemsSharedInCEPTOARs) },
        row(t.programmeOperatorsUseful) { y in
          guard let s = sharing[y], let asked = s.operatorsAsked, let useful = s.operatorsFindingUseful, asked > 0 else { return .noData }
          return share(Double(useful) / Double(asked))
        },
        row(t.programmeExercises) { y in exercises[y].map { .count($0.count) } ?? .noData },
        row(t.programmeParticipants) { y in
          guard let list = exercises[y], list.contains(where: { $0.participants != nil }) else { return .noData }
          return .count(list.compactMap(\.participants).reduce(0, +))
        },
        // The participants' share finding the exercises useful, weighted by participants.
        row(t.programmeExercisesUseful) { y in
          let rated = (exercises[y] ?? []).filter { $0.usefulShare != nil }
          let weight = rated.map { Double($0.participants ?? 1) }.reduce(0, +)
          guard !rated.isEmpty, weight > 0 else { return .noData }
          return share(rated.map { $0.usefulShare! * Double($0.participants ?? 1) }.reduce(0, +) / weight)
        },
      ]
      rows = rows.filter { $0.dropFirst().contains { if case .noData = $0 { return false } else { return true } } }
      blocks.append(.table(ReportTable(
        id: "programme", caption: t.programmeCaption(from: window.first!, to: window.last!),
        columns: [t.columnIndicator] + window.map(t.year), rows: rows, base: t.programmeBase)))
      let shown = Set(window)
      let illustrative = c.dataset.sharingIndicators.contains { shown.contains($0.year) && $0.isIllustrative }
        || c.dataset.exercises.contains { shown.contains($0.year) && $0.isIllustrative }
      if illustrative { blocks.append(.note(t.programmeIllustrative)) }
      return blocks
    }
  }
}
