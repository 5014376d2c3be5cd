import Foundation
import InternalRensaUtilities
import Rensa

extension AnnualReport {
  /// The chapter on the inoperability (IIM) of the scenarios and, with an input–output table, their economic losses.
  enum Inoperability: ReportChapter {
    static let step = "inoperability"

    static func section(_ c: Context) -> ReportSection {
      let t = c.text
      var blocks: [ReportBlock] = []
      var model: InoperabilityModel? = nil
      do {
        model = try InoperabilityModel(couplingsOf: c.dataset)
      } catch {
        // Say what could not be computed, why, and what to add: never a raw error.
        let sectorIDs = Set(c.dataset.sectors.map(\.id))
        let betweenSectors = c.dataset.dependencies.filter { sectorIDs.contains($0.supplier) && sectorIDs.contains($0.dependent) }
        let coupled = betweenSectors.filter { $0.coupling > 0 }.count
        let throughAssets = c.dataset.dependencies.count - betweenSectors.count
        var why: [String] = []
        if betweenSectors.isEmpty {
          why.append(t.inoperabilityNoSectorDependency(c.dataset.dependencies.count))
        } else if coupled == 0 {
          why.append(t.inoperabilityNoCoupling(betweenSectors.count))
        } else {
          why.append(t.inoperabilityRefused(error.issues.map(\.reason).joined(separator: "; ")))
        }
        if throughAssets > 0 { why.append(t.inoperabilityThroughAssets(throughAssets)) }
        blocks.append(.paragraph(t.inoperabilityNotComputed(why, economyGiven: c.economy != nil)))
        if c.economy == nil { return ReportSection(id: "inoperability", title: t.title(ofSection: "inoperability"), blocks: blocks) }
      }
      if model != nil {
      blocks.append(.paragraph(t.inoperabilityIntroduction(economyGiven: c.economy != nil)))
      }
      var economicRows: [(scenario: Scenario, perturbation: [Double], result: InoperabilityEquilibrium)] = []
      var unmapped = Set<String>()
      for (scenario, result) in c.scenarios {
        guard case .success(let analysis) = result else { continue }
        // Hours of full outage per sector (Scenario.sectorOutageHours).
        let outage = scenario.sectorOutageHours(in: c.dataset, horizon: analysis.horizon)
        if let economy = c.economy {
          let linked = Set(economy.links.map(\.sector))
          for (sector, h) in outage where h > 0 && !linked.contains(sector) { unmapped.insert(sector) }
          let cIO = economy.perturbation(outageHours: outage)
          if cIO.contains(where: { $0 > 0 }),
            let r = try? economy.model.equilibrium(cIO, saturation: .clip, perturbationLabel: scenario.id)
          {
            economicRows.append((scenario, cIO, r))
          }
        }
        guard let model else { continue }
        let perturbation = model.sectors.map { min(1, (outage[$0] ?? 0) / analysis.horizon) }
        guard perturbation.contains(where: { $0 > 0 }) else { continue }
        guard let result = try? model.equilibrium(perturbation, saturation: .clip, perturbationLabel: scenario.id) else { continue }
        let order = model.sectors.indices.sorted { result.inoperability[$0] != result.inoperability[$1] ? result.inoperability[$0] > result.inoperability[$1] : $0 < $1 }
        let saturated = result.inoperability.filter { $0 >= 1 }.count
        blocks.append(.table(ReportTable(
          id: "inoperability-\(scenario.id)", caption: t.inoperabilityCaption(c.name(of: scenario)),
          columns: t.inoperabilityColumns,
          rows: order.map { i in
            [.text(c.name(ofSector: model.sectors[i])), .number(perturbation[i], digits: 4, unit: nil),
             .number(result.inoperability[i], digits: 4, unit: nil)]
          })))
        if saturated > 0 {
          blocks.append(.note(t.inoperabilitySaturated(saturated, scenario: c.name(of: scenario))))
        }
      }
      if let economy = c.economy { blocks += economicLosses(c, economy, economicRows, unmapped: unmapped) }
      return ReportSection(id: "inoperability", title: t.title(ofSection: "inoperability"), blocks: blocks)
    }

    /// Economic losses from the input–output table: per scenario, the industries ranked by
    /// loss, and the scenarios ranked by total loss.
    static func economicLosses(
      _ c: Context, _ economy: ReportEconomy, _ runs: [(scenario: Scenario, perturbation: [Double], result: InoperabilityEquilibrium)],
      unmapped: Set<String>
    ) -> [ReportBlock] {
      let t = c.text
      var blocks: [ReportBlock] = [.heading(t.economicHeading)]
      let model = economy.model
      let output = model.output ?? []
      let unit = t.moneyUnit(economy.unit)
      blocks.append(.paragraph(t.economicIntroduction(origin: economy.origin, industries: model.count, unit: unit)))
      if economy.restsOnAssumptions { blocks.append(.note(t.economicAssumptions)) }
      if !unmapped.isEmpty { blocks.append(.note(t.economicUnmapped(unmapped.sorted().map(c.name(ofSector:))))) }
      guard !runs.isEmpty else {
        blocks.append(.paragraph(t.economicNoScenario))
        return blocks
      }
      // Amounts of 100 units or more are shown whole and grouped (144,512), smaller ones to 4 digits.
      func amount(_ x: Double) -> ReportValue { x >= 100 ? .count(Int(x.rounded())) : .number(x, digits: 4, unit: nil) }
      var totals: [(name: String, direct: Double, total: Double)] = []
      for (scenario, perturbation, result) in runs {
        let loss = model.sectors.indices.map { result.inoperability[$0] * output[$0] }
        let direct = model.sectors.indices.map { perturbation[$0] * output[$0] }.reduce(0, +)
        let total = loss.reduce(0, +)
        totals.append((c.name(of: scenario), direct, total))
        let order = model.sectors.indices.filter { loss[$0] > 0 }.sorted { loss[$0] != loss[$1] ? loss[$0] > loss[$1] : $0 < $1 }
        blocks.append(.table(ReportTable(
          id: "economic-loss-\(scenario.id)", caption: t.economicLossCaption(c.name(of: scenario), unit: unit),
          columns: t.economicLossColumns(unit: unit),
          rows: order.map { i in
            [.text(model.sectors[i]), .number(perturbation[i], digits: 4, unit: nil),
             .number(result.inoperability[i], digits: 4, unit: nil), amount(loss[i])]
          })))
      }
      blocks.append(.table(ReportTable(
        id: "economic-loss-scenarios", caption: t.economicScenariosCaption(unit: unit),
        columns: t.economicScenariosColumns,
        rows: totals.sorted { $0.total != $1.total ? $0.total > $1.total : $0.name < $1.name }.map { t in
          [.text(t.name), amount(t.direct), amount(t.total),
           t.direct > 0 ? .number(t.total / t.direct, digits: 3, unit: nil) : .none]
        })))
      return blocks
    }
  }
}
