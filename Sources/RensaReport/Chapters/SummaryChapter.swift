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
      let findings = keyFindings(c, critical: bySector)
      if !findings.isEmpty {
        blocks.append(.heading(t.keyFindingsHeading))
        blocks.append(.findings(findings))
        blocks.append(.note(t.keyFindingsRules))
      }
      if let notes = c.options.notes {
        blocks.append(.heading(t.notesHeading))
        blocks.append(.note(t.notesNote))
        blocks += notes.blocks
      }
      blocks += notableIncidents(c)
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

    /// The key findings, in the order of the rules (Docs/Report.md, "Key findings"): what
    /// is new in the dependency structure, new spill-over paths, the widest scenario, the
    /// threat reaching most sectors, the largest change of a published count, the most
    /// critical sector. Each names its number and its chapter; ties are named as ties.
    /// Everything comes from what the report publishes (published counts, listed pairs).
    static func keyFindings(_ c: Context, critical bySector: [(name: String, failing: Int, dependents: Int)]) -> [KeyFinding] {
      let t = c.text
      var out: [KeyFinding] = []
      if let changes = c.ledger.changes {
        if !changes.loopsFormed.isEmpty {
          let largest = changes.loopsFormed.max { $0.count < $1.count }!
          out.append(KeyFinding(
            text: t.findingNewLoops(changes.loopsFormed.count, largest: largest.count, nodes: t.truncatedList(largest.map(c.name(ofSector:)), limit: 6)),
            section: "changes", rule: "new-loops"))
        }
        if let single = changes.singlePoints?.filter({ !$0.new.isEmpty }), let first = single.first {
          out.append(KeyFinding(
            text: t.findingNewSinglePoints(single.count, example: c.name(ofSector: first.node), causes: t.truncatedList(first.new.map(c.name(ofSector:)), limit: 4)),
            section: "changes", rule: "new-single-points"))
        }
      }
      // Spill-over paths listed this year and not last year (a year with data on both sides).
      if c.disclosure.hasData(c.year), c.disclosure.hasData(c.year - 1) {
        func pairs(_ y: Int) -> [(String, String)] {
          (c.disclosure.years[y]?.measures ?? []).compactMap { m in if case .spillover(let o, let a) = m { return (o, a) } else { return nil } }
        }
        let before = Set(pairs(c.year - 1).map { [$0.0, $0.1] })
        let new = pairs(c.year).filter { !before.contains([$0.0, $0.1]) }
        if !new.isEmpty {
          out.append(KeyFinding(
            text: t.findingNewSpillovers(new.map { (c.name(ofSector: $0.0), c.name(ofSector: $0.1)) }, year: c.year),
            section: "indicators", rule: "new-spillovers"))
        }
      }
      // The scenario reaching most sectors.
      let reach = c.scenarios.compactMap { s, r -> (String, Int, Int)? in
        guard case .success(let a) = r else { return nil }
        return (c.name(of: s), a.sectors.filter { $0.failedNodes > 0 }.count, a.sectors.count)
      }
      if let widest = reach.map(\.1).max(), widest > 0 {
        let tied = reach.filter { $0.1 == widest }
        out.append(KeyFinding(text: t.findingWidestScenario(tied.map(\.0), sectors: widest, of: tied[0].2), section: "dynamic", rule: "widest-scenario"))
      }
      // The threat reaching most sectors this year.
      if case .success(let findings)? = c.findings, let top = findings.byReach.first, !top.entities.isEmpty {
        let tied = findings.byReach.filter { $0.entities.count == top.entities.count }.map { c.name(ofThreat: $0.feature) }
        out.append(KeyFinding(
          text: t.findingMostCommonThreat(tied, sectors: top.entities.count, of: c.dataset.sectors.count, year: c.year),
          section: "common-threats", rule: "most-common-threat"))
      }
      // The largest change between two published counts: the total, each type, each sector.
      var measures: [(String, CountMeasure)] = [(t.headlineExceeded, .exceeded)]
      for type in ThreatType.allCases { measures.append((t.threatType(type), .exceededOfType(type))) }
      for s in c.dataset.sectors { measures.append((c.name(ofSector: s.id), .exceededInSector(s.id))) }
      let changes = measures.compactMap { label, m -> (String, Int, Int)? in
        guard case .count(let now) = c.count(c.year, m), case .count(let before) = c.count(c.year - 1, m) else { return nil }
        return (label, before, now)
      }
      if let largest = changes.map({ abs($0.2 - $0.1) }).max(), largest > 0 {
        let tied = changes.filter { abs($0.2 - $0.1) == largest }
        out.append(KeyFinding(text: t.findingLargestChange(tied.map { ($0.0, $0.1, $0.2) }, year: c.year), section: "indicators", rule: "largest-change"))
      }
      // The cause whose share of the user-hours lost most exceeds its share of the
      // incidents (both published).
      if case .count(let total) = c.count(c.year, .exceeded), total > 0 {
        let gaps = ThreatType.allCases.compactMap { type -> (ThreatType, Double, Double)? in
          guard case .count(let n) = c.count(c.year, .exceededOfType(type)), let impact = c.impact.share(.cause(type)) else { return nil }
          return (type, Double(n) / Double(total), impact)
        }
        if let widest = gaps.map({ $0.2 - $0.1 }).max(), widest > 0 {
          let tied = gaps.filter { $0.2 - $0.1 == widest }
          out.append(KeyFinding(
            text: t.findingImpactConcentration(
              tied.map { (t.threatType($0.0), NumberFormat.significant(100 * $0.2, digits: 3), NumberFormat.significant(100 * $0.1, digits: 3)) },
              year: c.year),
            section: "indicators", rule: "impact-concentration"))
        }
      }
      if let critical = bySector.max(by: { ($0.failing, $0.dependents) < ($1.failing, $1.dependents) }), critical.failing > 0 {
        let tied = bySector.filter { $0.failing == critical.failing && $0.dependents == critical.dependents }.map(\.name)
        out.append(KeyFinding(text: t.findingMostCritical(tied, failing: critical.failing), section: "interdependency", rule: "most-critical-sector"))
      }
      return out
    }

    /// Short anonymised case studies of the year's incidents with the largest impact
    /// (user-hours, then hours), AMBER and above. Below AMBER a single incident is a
    /// count of one reporter, which the disclosure rules withhold: the edition says where
    /// the case studies are.
    static func notableIncidents(_ c: Context) -> [ReportBlock] {
      let t = c.text
      var blocks: [ReportBlock] = [.heading(t.notableHeading)]
      guard c.view.showsIdentities else {
        blocks.append(.paragraph(t.notableWithheld(audience: c.options.audience)))
        return blocks
      }
      let year = c.view.of(year: c.year).filter(\.exceededVerificationLevel)
      func impact(_ i: Incident) -> (Double, Double) {
        let hours = i.durationHours ?? 0
        return (hours * Double(i.affectedUsers ?? 0), hours)
      }
      let chosen = year.sorted { a, b in
        let (x, y) = (impact(a), impact(b))
        return x != y ? x > y : (a.occurred, a.id) < (b.occurred, b.id)
      }.prefix(3)
      if chosen.isEmpty {
        blocks.append(.paragraph(t.notableNone(year: c.year)))
        return blocks
      }
      blocks.append(.paragraph(t.notableIntroduction(chosen.count, of: year.count)))
      blocks.append(.list(chosen.map { i in
        t.caseStudy(
          month: i.occurred.month, year: i.occurred.year, sector: c.name(ofSector: i.sector), type: t.threatType(i.threatType),
          threat: i.threat.map(c.name(ofThreat:)), hours: i.durationHours, users: i.affectedUsers,
          origin: i.originSector.map(c.name(ofSector:)), summary: i.summary)
      }, ordered: true))
      return blocks
    }
  }
}
