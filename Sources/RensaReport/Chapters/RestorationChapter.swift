import Foundation
import InternalRensaUtilities
import Rensa

extension AnnualReport {
  /// The chapter on the restoration priorities of each scenario.
  enum Restoration: ReportChapter {
    static let step = "restoration"

    static func section(_ c: Context) -> ReportSection {
      let t = c.text
      var blocks: [ReportBlock] = []
      blocks.append(.paragraph(t.restorationIntroduction(crews: c.options.crews)))
      for (scenario, result) in c.scenarios {
        let name = c.name(of: scenario)
        blocks.append(.heading(name))
        do {
          let exhaustive = c.dataset.dependencies.count <= c.options.exhaustiveRestorationLimit
          let p = try ScenarioRestorationPriority(
            analysis: try result.get(), dataset: c.dataset, crews: c.options.crews, exhaustiveLimit: exhaustive ? 8 : 0)
          let unit = t.weightUnit(p.weightUnit)
          blocks.append(.table(ReportTable(
            id: "restoration-\(scenario.id)", caption: t.restorationCaption(name),
            columns: t.restorationColumns(unit: unit),
            rows: p.ranks.enumerated().map { k, r in
              [.count(k + 1), .text(c.name(ofSector: r.id)), .number(r.repairStart, digits: 4, unit: nil),
               .number(r.repairEnd, digits: 4, unit: nil), .number(r.hoursSaved, digits: 5, unit: nil),
               .text(t.restorationWhy(r, rank: k, of: p.ranks.count, unit: unit, name: c.name(ofSector:)))]
            })))
          if !exhaustive {
            blocks.append(.paragraph(t.restorationNotSearched(
              cost: NumberFormat.significant(p.greedyCost, digits: 6), unit: unit, limit: c.options.exhaustiveRestorationLimit)))
          } else if let optimal = p.optimalCost {
            blocks.append(.paragraph(t.restorationCompared(
              cost: NumberFormat.significant(p.greedyCost, digits: 6), unit: unit, optimal: NumberFormat.significant(optimal, digits: 6))))
          }
        } catch {
          blocks.append(.paragraph(t.restorationRefused(String(describing: error))))
        }
      }
      return ReportSection(id: "restoration", title: t.title(ofSection: "restoration"), blocks: blocks)
    }
  }
}
