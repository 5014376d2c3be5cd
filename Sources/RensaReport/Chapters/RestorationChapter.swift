import Foundation
import InternalRensaUtilities
import Rensa

extension AnnualReport {
  /// The chapter on the restoration priorities of each scenario.
  enum Restoration: ReportChapter {
    static let step = "restoration"

    static func section(_ c: Context) -> ReportSection {
      var blocks: [ReportBlock] = []
      blocks.append(.paragraph(
        "With \(c.options.crews) restoration crew\(c.options.crews == 1 ? "" : "s") working at once, what to restore first to lose "
          + "the fewest service-hours: a greedy order that re-simulates the cascade exactly, checked against the best "
          + "order when there are few repairs. Each rank says what it brings back earlier."))
      for (scenario, result) in c.scenarios {
        blocks.append(.heading(scenario.name))
        do {
          let exhaustive = c.dataset.dependencies.count <= c.options.exhaustiveRestorationLimit
          let p = try ScenarioRestorationPriority(
            analysis: try result.get(), dataset: c.dataset, crews: c.options.crews, exhaustiveLimit: exhaustive ? 8 : 0)
          blocks.append(.table(ReportTable(
            id: "restoration-\(scenario.id)", caption: "\(scenario.name): restoration order",
            columns: ["rank", "restore", "repair from (h)", "to (h)", "\(p.weightUnit) saved", "why"],
            rows: p.ranks.enumerated().map { k, r in
              [.count(k + 1), .text(c.name(ofSector: r.id)), .number(r.repairStart, digits: 4, unit: nil),
               .number(r.repairEnd, digits: 4, unit: nil), .number(r.hoursSaved, digits: 5, unit: nil), .text(r.explanation)]
            })))
          if !exhaustive {
            blocks.append(.paragraph(
              "This order loses \(NumberFormat.significant(p.greedyCost, digits: 6)) \(p.weightUnit). The best order is not "
                + "searched for models of more than \(ReportValue.grouped(c.options.exhaustiveRestorationLimit)) dependencies."))
          } else if let optimal = p.optimalCost {
            blocks.append(.paragraph(
              "This order loses \(NumberFormat.significant(p.greedyCost, digits: 6)) \(p.weightUnit); the best order loses "
                + "\(NumberFormat.significant(optimal, digits: 6))."))
          }
        } catch {
          blocks.append(.paragraph("No restoration order: \(error)."))
        }
      }
      return ReportSection(id: "restoration", title: "Restoration priorities", blocks: blocks)
    }
  }
}
