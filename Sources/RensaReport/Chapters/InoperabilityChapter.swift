import Foundation
import InternalRensaUtilities
import Rensa

extension AnnualReport {
  /// The chapter on the inoperability (IIM) of the scenarios and, with an input–output table, their economic losses.
  enum Inoperability: ReportChapter {
    static let step = "inoperability"

    static func section(_ c: Context) -> ReportSection {
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
        var why: String
        if betweenSectors.isEmpty {
          why = "the model reads dependencies between two sectors, and none of the dataset's \(ReportValue.grouped(c.dataset.dependencies.count)) "
            + "dependencies is one"
        } else if coupled == 0 {
          why = "none of the \(ReportValue.grouped(betweenSectors.count)) dependencies between two sectors has a coupling (the share "
            + "of the dependent sector's output lost when the supplier is out)"
        } else {
          why = error.issues.map(\.reason).joined(separator: "; ")
        }
        if throughAssets > 0 {
          why += "; \(ReportValue.grouped(throughAssets)) dependencies run through systems or assets, which the sector-level model does not read"
        }
        blocks.append(.paragraph(
          "The inoperability model was not computed: \(why). To compute it, give dependencies between sectors a "
            + "\"coupling\" in (0, 1] in the dataset (Docs/DatasetFormat.md), or give an input–output table "
            + "(rensa report --io-table FILE --io-sectors FILE)."
            + (c.economy == nil ? "" : " The economic losses below come from the input–output table given.")))
        if c.economy == nil { return ReportSection(id: "inoperability", title: "Inoperability", blocks: blocks) }
      }
      let sectorIDs = Set(c.dataset.sectors.map(\.id))
      if model != nil {
      blocks.append(.paragraph(
        "The Leontief inoperability model q = A*q + c* with A* from the dataset's sector couplings (Docs/Inoperability.md). "
          + "The perturbation c* of a scenario is, per sector, the share of the scenario's horizon for which its initial "
          + "failures take it (or its systems and assets, each an equal share of the sector) out, weighted by their "
          + "probability."
          + (c.economy == nil ? " No input–output table is given, so economic losses are not computed (rensa report --io-table)." : "")))
      }
      var assetCount: [String: Int] = [:]
      var sectorOfAsset: [String: String] = [:]
      for a in c.dataset.assets {
        assetCount[a.sector, default: 0] += 1
        sectorOfAsset[a.id] = a.sector
      }
      var economicRows: [(scenario: Scenario, perturbation: [Double], result: InoperabilityEquilibrium)] = []
      var unmapped = Set<String>()
      for (scenario, result) in c.scenarios {
        guard case .success(let analysis) = result else { continue }
        // Hours of full outage per sector: each event's hours, weighted by its probability
        // and, for an asset, by its share of the sector; at most the horizon.
        var outage: [String: Double] = [:]
        for e in scenario.events {
          guard case .node(let id) = e.target else { continue }
          let isSector = sectorIDs.contains(id)
          guard let sector = isSector ? id : sectorOfAsset[id] else { continue }
          let share = isSector ? 1 : 1 / Double(max(1, assetCount[sector] ?? 1))
          let hours = min(e.durationHours ?? analysis.horizon, max(0, analysis.horizon - e.startHours))
          outage[sector] = min(analysis.horizon, outage[sector, default: 0] + share * e.probability * hours)
        }
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
          id: "inoperability-\(scenario.id)", caption: "\(scenario.name): equilibrium inoperability by sector",
          columns: ["sector", "perturbation c*", "inoperability q"],
          rows: order.map { i in
            [.text(c.name(ofSector: model.sectors[i])), .number(perturbation[i], digits: 4, unit: nil),
             .number(result.inoperability[i], digits: 4, unit: nil)]
          })))
        if saturated > 0 {
          blocks.append(.note(
            "\(saturated) sector\(saturated == 1 ? " is" : "s are") wholly inoperable (q = 1) in \(scenario.name): the linear model "
              + "would exceed 1 there, and the bounded model q = min(1, A*q + c*) is solved instead."))
        }
      }
      if let economy = c.economy { blocks += economicLosses(c, economy, economicRows, unmapped: unmapped) }
      return ReportSection(id: "inoperability", title: "Inoperability", blocks: blocks)
    }

    /// Economic losses from the input–output table: per scenario, the industries ranked by
    /// loss, and the scenarios ranked by total loss.
    static func economicLosses(
      _ c: Context, _ economy: ReportEconomy, _ runs: [(scenario: Scenario, perturbation: [Double], result: InoperabilityEquilibrium)],
      unmapped: Set<String>
    ) -> [ReportBlock] {
      var blocks: [ReportBlock] = [.heading("Economic losses")]
      let model = economy.model
      let output = model.output ?? []
      blocks.append(.paragraph(
        "Economic losses from the input–output table \(economy.origin) (\(model.count) industries, \(economy.unit)): a sector's "
          + "outage of h hours (as above, weighted by probability and asset share) takes h / 8,760 of a year's output from the "
          + "industries it belongs to, times its share of each (the concordance). The equilibrium q = A*q + c* of the "
          + "table's model spreads it; an industry loses q × its total output. Losses are of one year's output, in "
          + "\(economy.unit)."))
      if economy.restsOnAssumptions {
        blocks.append(.note("Some shares of the concordance are assumptions of its author, not cited figures: the losses show "
          + "the method and the order of magnitude, not an estimate to quote."))
      }
      if !unmapped.isEmpty {
        blocks.append(.note("Sectors without an industry in the concordance contribute no loss: "
          + unmapped.sorted().map(c.name(ofSector:)).joined(separator: ", ") + "."))
      }
      guard !runs.isEmpty else {
        blocks.append(.paragraph("No scenario perturbs an industry of the table."))
        return blocks
      }
      // Amounts of 100 units or more are shown whole and grouped (144,512), smaller ones to 4 digits.
      func amount(_ x: Double) -> ReportValue { x >= 100 ? .count(Int(x.rounded())) : .number(x, digits: 4, unit: nil) }
      var totals: [(name: String, direct: Double, total: Double)] = []
      for (scenario, perturbation, result) in runs {
        let loss = model.sectors.indices.map { result.inoperability[$0] * output[$0] }
        let direct = model.sectors.indices.map { perturbation[$0] * output[$0] }.reduce(0, +)
        let total = loss.reduce(0, +)
        totals.append((scenario.name, direct, total))
        let order = model.sectors.indices.filter { loss[$0] > 0 }.sorted { loss[$0] != loss[$1] ? loss[$0] > loss[$1] : $0 < $1 }
        blocks.append(.table(ReportTable(
          id: "economic-loss-\(scenario.id)", caption: "\(scenario.name): economic loss by industry (\(economy.unit))",
          columns: ["industry", "perturbation c*", "inoperability q", "loss (\(economy.unit))"],
          rows: order.map { i in
            [.text(model.sectors[i]), .number(perturbation[i], digits: 4, unit: nil),
             .number(result.inoperability[i], digits: 4, unit: nil), amount(loss[i])]
          })))
      }
      blocks.append(.table(ReportTable(
        id: "economic-loss-scenarios", caption: "Scenarios by total economic loss (\(economy.unit))",
        columns: ["scenario", "direct loss", "total loss", "total / direct"],
        rows: totals.sorted { $0.total != $1.total ? $0.total > $1.total : $0.name < $1.name }.map { t in
          [.text(t.name), amount(t.direct), amount(t.total),
           t.direct > 0 ? .number(t.total / t.direct, digits: 3, unit: nil) : .none]
        })))
      return blocks
    }
  }
}
