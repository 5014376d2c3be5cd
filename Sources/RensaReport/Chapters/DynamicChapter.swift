import Foundation
import InternalRensaUtilities
import Rensa

extension AnnualReport {
  /// The chapter on the dynamic analysis: what fails when in each scenario, with Monte Carlo ranges.
  enum Dynamic: ReportChapter {
    static let step = "dynamic"

    static func section(_ c: Context) throws -> ReportSection {
      var blocks: [ReportBlock] = []
      if c.dataset.scenarios.isEmpty {
        blocks.append(.paragraph("The dataset defines no failure scenario."))
        return ReportSection(id: "dynamic", title: "Dynamic analysis", blocks: blocks)
      }
      blocks.append(.paragraph(
        "Each scenario's initial failures propagate through the dependencies with their times to impact (backup "
          + "durations), delays and recovery times (Docs/Cascade.md). Bars show when each sector has any node down; "
          + "red bars are still down at the end of the horizon."))
      for (scenario, result) in c.scenarios {
        let analysis = try result.get()
        blocks.append(.heading(scenario.name))
        blocks.append(.paragraph(scenario.description + " Source: " + scenario.source + "."))
        if scenario.isAssumption { blocks.append(.note("This scenario's values are the dataset author's assumptions.")) }
        let affected = analysis.sectors.filter { !$0.intervals.isEmpty }
        blocks.append(.chart(ReportChart(
          id: "gantt-\(scenario.id)", title: "\(scenario.name): sectors down over time",
          alt: "\(affected.count) of \(analysis.sectors.count) sectors lose service within \(NumberFormat.significant(analysis.horizon, digits: 4)) h; "
            + affected.prefix(4).map { "\(c.name(ofSector: $0.sector)) from \(NumberFormat.significant($0.intervals[0].start, digits: 4)) h" }.joined(separator: ", ")
            + (affected.count > 4 ? ", …" : "") + ".",
          kind: .gantt(rows: analysis.sectors.map { c.name(ofSector: $0.sector) },
                       intervals: analysis.sectors.map { $0.intervals.map { (start: $0.start, end: $0.end) } },
                       horizon: analysis.horizon, unit: "hours from the start of the scenario"))))
        blocks.append(.table(ReportTable(
          id: "sectors-\(scenario.id)", caption: "\(scenario.name): outcome by sector",
          columns: ["sector", "first down (h)", "restored (h)", "nodes failed", "node-hours lost", "user-hours lost"],
          rows: analysis.sectors.map { s in
            [.text(c.name(ofSector: s.sector)),
             s.intervals.first.map { .number($0.start, digits: 4, unit: nil) } ?? .none,
             s.intervals.isEmpty ? .none : (s.intervals.last!.end.map { .number($0, digits: 4, unit: nil) } ?? .text("not within horizon")),
             .count(s.failedNodes), .number(s.nodeHours, digits: 5, unit: nil),
             s.userHours.map { .number($0, digits: 5, unit: nil) } ?? .none]
          })))
        let crossed = analysis.services.filter { $0.crossedAt != nil }
        if !analysis.services.isEmpty {
          blocks.append(.table(ReportTable(
            id: "services-\(scenario.id)", caption: "\(scenario.name): CI services and their verification levels",
            columns: ["service", "sector", "crosses the level at (h)", "how it was judged"],
            rows: analysis.services.map { s in
              [.text(c.name(ofSector: s.service)), .text(c.name(ofSector: s.sector)),
               s.crossedAt.map { .number($0, digits: 4, unit: nil) } ?? .text(s.assessable ? "not crossed" : "not assessable"),
               .text(s.note)]
            })))
          blocks.append(.paragraph("\(crossed.count) of \(analysis.services.count) CI services cross their verification level in this scenario."))
        }
        if !analysis.uncertainEvents.isEmpty {
          let edges = max(1, analysis.cascade.network.dependencies.count)
          let trials = min(c.options.trials, max(100, c.options.monteCarloBudget / edges))
          let mc = try ScenarioMonteCarlo(analysis: analysis, trials: trials, seed: c.options.seed)
          blocks.append(.paragraph(
            "\(analysis.uncertainEvents.count) events of this scenario are uncertain; \(mc.trials) Monte Carlo trials (seed "
              + "\(mc.seed)) give the ranges below: the probability that the sector is affected and the 5th, 50th and 95th "
              + "percentiles of its node-hours lost."
              + (trials < c.options.trials
                ? " (Reduced from \(c.options.trials) trials to keep this model of \(ReportValue.grouped(edges)) dependencies within the report's "
                  + "time budget; a probability's 95 % interval is then at most ±\(NumberFormat.significant(0.98 / Double(trials).squareRoot(), digits: 2)).)"
                : "")))
          blocks.append(.table(ReportTable(
            id: "montecarlo-\(scenario.id)", caption: "\(scenario.name): Monte Carlo ranges by sector",
            columns: ["sector", "probability affected", "node-hours 5 %", "median", "95 %"],
            rows: mc.sectors.map { s in
              [.text(c.name(ofSector: s.sector)), .number(s.probabilityAffected, digits: 3, unit: nil),
               .number(s.nodeHours5, digits: 4, unit: nil), .number(s.nodeHoursMedian, digits: 4, unit: nil),
               .number(s.nodeHours95, digits: 4, unit: nil)]
            })))
        }
      }
      return ReportSection(id: "dynamic", title: "Dynamic analysis", blocks: blocks)
    }
  }
}
