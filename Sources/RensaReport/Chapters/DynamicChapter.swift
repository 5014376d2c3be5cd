import Foundation
import InternalRensaUtilities
import Rensa

extension AnnualReport {
  /// The chapter on the dynamic analysis: what fails when in each scenario, with Monte Carlo ranges.
  enum Dynamic: ReportChapter {
    static let step = "dynamic"

    static func section(_ c: Context) throws -> ReportSection {
      let t = c.text
      var blocks: [ReportBlock] = []
      if c.dataset.scenarios.isEmpty {
        blocks.append(.paragraph(t.dynamicNoScenario))
        return ReportSection(id: "dynamic", title: t.title(ofSection: "dynamic"), blocks: blocks)
      }
      blocks.append(.paragraph(t.dynamicIntroduction))
      for (scenario, result) in c.scenarios {
        let analysis = try result.get()
        let name = c.name(of: scenario)
        blocks.append(.heading(name))
        blocks.append(.paragraph(t.scenarioDescription(c.description(of: scenario), source: scenario.source)))
        if scenario.isAssumption { blocks.append(.note(t.scenarioAssumption)) }
        let affected = analysis.sectors.filter { !$0.intervals.isEmpty }
        // Why each sector fails: the chain of causes of its first failed node, from the
        // scenario's initial failure to it (what `rensa cascade` prints).
        let timeline = analysis.cascade.timeline
        var firstFailed: [String: Int] = [:]
        for v in timeline.order where firstFailed[analysis.sectorOfNode[Int(v)]] == nil {
          firstFailed[analysis.sectorOfNode[Int(v)]] = Int(v)
        }
        let why = analysis.sectors.map { s -> String in
          guard let v = firstFailed[s.sector] else { return "" }
          let ids = analysis.cascade.causeChain(of: v).reversed() + [analysis.cascade.network.nodeIDs[v]]
          return t.whyFailed(chain: ids.map(c.name(ofSector:)), initial: timeline.isInitial[v])
        }
        let intervals = analysis.sectors.map { $0.intervals.map { (start: $0.start, end: $0.end) } }
        blocks.append(.chart(ReportChart(
          id: "gantt-\(scenario.id)", title: t.ganttTitle(name),
          alt: t.ganttAlt(affected: affected.count, of: analysis.sectors.count, horizon: analysis.horizon,
                          first: affected.prefix(4).map { (c.name(ofSector: $0.sector), $0.intervals[0].start) }, more: affected.count > 4,
                          logarithmic: SVGChart.logarithmicTime(intervals: intervals, horizon: analysis.horizon)),
          kind: .gantt(rows: analysis.sectors.map { c.name(ofSector: $0.sector) }, intervals: intervals,
                       horizon: analysis.horizon, unit: t.ganttUnit, why: why))))
        blocks.append(.table(ReportTable(
          id: "sectors-\(scenario.id)", caption: t.scenarioSectorsCaption(name),
          columns: t.scenarioSectorsColumns,
          rows: analysis.sectors.enumerated().map { k, s in
            [.text(c.name(ofSector: s.sector)),
             s.intervals.first.map { .number($0.start, digits: 4, unit: nil) } ?? .none,
             s.intervals.isEmpty ? .none : (s.intervals.last!.end.map { .number($0, digits: 4, unit: nil) } ?? .text(t.notWithinHorizon)),
             .count(s.failedNodes), .number(s.nodeHours, digits: 5, unit: nil),
             s.userHours.map { .number($0, digits: 5, unit: nil) } ?? .none,
             why[k].isEmpty ? .none : .text(why[k])]
          })))
        let crossed = analysis.services.filter { $0.crossedAt != nil }
        if !analysis.services.isEmpty {
          blocks.append(.table(ReportTable(
            id: "services-\(scenario.id)", caption: t.scenarioServicesCaption(name),
            columns: t.scenarioServicesColumns,
            rows: analysis.services.map { s in
              [.text(c.name(ofSector: s.service)), .text(c.name(ofSector: s.sector)),
               s.crossedAt.map { .number($0, digits: 4, unit: nil) } ?? .text(s.assessable ? t.levelNotCrossed : t.levelNotAssessable),
               .text(t.serviceJudgement(s.judgement))]
            })))
          blocks.append(.paragraph(t.servicesCrossed(crossed.count, of: analysis.services.count)))
        }
        if !analysis.uncertainEvents.isEmpty {
          let edges = max(1, analysis.cascade.network.dependencies.count)
          let trials = min(c.options.trials, max(100, c.options.monteCarloBudget / edges))
          let mc = try ScenarioMonteCarlo(analysis: analysis, trials: trials, seed: c.options.seed)
          blocks.append(.paragraph(
            t.monteCarloIntroduction(events: analysis.uncertainEvents.count, trials: mc.trials, seed: mc.seed)
              + (trials < c.options.trials
                ? t.monteCarloReduced(from: c.options.trials, to: trials, dependencies: edges,
                                      halfWidth: NumberFormat.significant(0.98 / Double(trials).squareRoot(), digits: 2))
                : "")))
          blocks.append(.table(ReportTable(
            id: "montecarlo-\(scenario.id)", caption: t.monteCarloCaption(name),
            columns: t.monteCarloColumns,
            rows: mc.sectors.map { s in
              [.text(c.name(ofSector: s.sector)), .number(s.probabilityAffected, digits: 3, unit: nil),
               .number(s.nodeHours5, digits: 4, unit: nil), .number(s.nodeHoursMedian, digits: 4, unit: nil),
               .number(s.nodeHours95, digits: 4, unit: nil)]
            })))
        }
      }
      blocks += dependencyCurves(c)
      return ReportSection(id: "dynamic", title: t.title(ofSection: "dynamic"), blocks: blocks)
    }

    /// Each sector's outage swept over every length: nodes failed by length (chart and
    /// table), for the sectors whose outage brings down another node.
    static func dependencyCurves(_ c: Context) -> [ReportBlock] {
      let t = c.text
      let network = c.network
      let lengths = OutageSweep.standardDurations
      var blocks: [ReportBlock] = [.heading(t.dependencyCurvesHeading), .paragraph(t.dependencyCurvesIntroduction)]
      // One timeline per sector and length (exactly what the sweep gives at these lengths),
      // within the Monte Carlo work budget: a timeline costs what a trial does.
      let sectors = c.dataset.sectors.map(\.id).compactMap { id in network.index(of: id).map { (id, $0) } }
      let dependencies = max(1, network.dependencies.count)
      let timelines = sectors.count * lengths.count
      guard timelines <= max(0, c.options.monteCarloBudget / dependencies) else {
        return blocks + [.note(t.dependencyCurvesSkipped(timelines: timelines, dependencies: network.dependencies.count))]
      }
      guard let graph = try? network.timedGraph() else { return [] }
      var rows: [(sector: String, counts: [Int])] = []
      for (sector, v) in sectors {
        let counts = lengths.map { length in
          // Valid by construction: a node of the graph, start 0, a positive length.
          let timeline = try! CascadeTimeline(graph, failures: [.init(node: v, start: 0, end: length)])
          return timeline.failedAt.reduce(0) { $0 + ($1.isFinite ? 1 : 0) }
        }
        if counts.last! > 1 { rows.append((sector, counts)) }
      }
      guard !rows.isEmpty else { return blocks + [.paragraph(t.dependencyCurvesNone)] }
      blocks.append(.chart(ReportChart(
        id: "dependency-curves", title: t.dependencyCurvesTitle,
        alt: t.dependencyCurvesAlt(sectors: rows.count, longest: lengths.last!, most: rows.map { $0.counts.last! }.max()!),
        kind: .lines(x: lengths.map(t.durationLabel), series: rows.map { (c.name(ofSector: $0.sector), $0.counts.map(Double.init)) }))))
      blocks.append(.table(ReportTable(
        id: "dependency-curves-table", caption: t.dependencyCurvesCaption,
        columns: [t.dependencyCurvesFirstColumn] + lengths.map(t.durationLabel),
        rows: rows.map { r in [.text(c.name(ofSector: r.sector))] + r.counts.map { .count($0) } })))
      return blocks
    }
  }
}
