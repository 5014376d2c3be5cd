import Foundation
import InternalRensaUtilities
import Rensa

extension AnnualReport {
  /// The chapter on methods and provenance: how the numbers were made, the disclosure audit, the fingerprints.
  enum Methods: ReportChapter {
    static let step = "methods"

    /// The disclosure control paragraph and its audit.
    static func disclosureMethods(_ c: Context) -> [ReportBlock] {
      var blocks: [ReportBlock] = [.heading("Disclosure control")]
      guard c.view.suppresses else {
        blocks.append(.paragraph(
          "TLP:\(c.options.audience.rawValue) readers may see every record marked up to their level: no count is withheld."))
        return blocks
      }
      let summary = c.disclosure.summary(shownYears: c.shownYears)
      let k = c.view.minimumReporters
      blocks.append(.paragraph(
        "A count of incidents from fewer than \(k) reporting organisations"
          + (c.options.dominancePercent.map { ", or where one organisation holds more than \(NumberFormat.significant($0, digits: 3)) % of the incidents," } ?? "")
          + " is withheld (primary suppression). Further counts are withheld so that none of these can be worked out "
          + "from everything the report publishes: tables and their totals, the headline, the charts, the other years shown, "
          + "and the CLEAR and GREEN editions of the same year, which are decided together (secondary suppression). "
          + "Before the report is written an audit solves, for every withheld count, its least and greatest value "
          + "consistent with all published counts (non-negative integers; a withheld count is at least 1): each must be "
          + "able to take at least \(k) values. A year's pattern depends only on that year's records, so every report "
          + "showing the year withholds the same counts while its records do not change."))
      blocks.append(.table(ReportTable(
        id: "disclosure-audit", caption: "Disclosure audit of the years shown (\(summary.years.map(String.init).joined(separator: ", ")))",
        columns: ["item", "value"],
        rows: [
          [.text("counts withheld as sensitive (primary)"), .count(summary.primary)],
          [.text("counts withheld to protect them (secondary)"), .count(summary.secondary)],
          [.text("sensitive counts and edition differences audited"), .count(summary.audited)],
          [.text("narrowest range of a withheld count (values it can take)"),
           summary.narrowestWidth.map { .count($0) } ?? .text(summary.audited == 0 ? "nothing withheld" : "unbounded")],
          [.text("audit result"), .text(summary.isProtected ? "every withheld count takes at least \(k) values" : "FAILED")],
        ])))
      return blocks
    }

    static func section(_ c: Context) -> ReportSection {
      var blocks: [ReportBlock] = []
      var previousRows: [[ReportValue]] = []
      if let previous = c.previous, let print = c.fingerprints.previous {
        previousRows.append([.text("last year's dataset"), .text("\(previous.name), version \(previous.version)")])
        previousRows.append([.text("last year's " + print.label), .text(print.digest)])
      }
      var economyRows: [[ReportValue]] = []
      if let economy = c.economy {
        economyRows.append([.text("input–output table"), .text("\(economy.origin) (\(economy.model.count) industries, \(economy.unit))")])
        economyRows.append([.text("sector-to-industry links"), .count(economy.links.count)])
      }
      blocks.append(.table(ReportTable(
        id: "provenance", caption: "How this report was made",
        columns: ["item", "value"],
        rows: [
          [.text("Rensa"), .text(c.options.rensaVersion)],
          [.text("dataset"), .text("\(c.dataset.name), version \(c.dataset.version)")],
          [.text("dataset " + c.fingerprints.dataset.label), .text(c.fingerprints.dataset.digest)],
          [.text("year reported"), .text(String(c.year))],
          [.text("audience (marking)"), .text("TLP:\(c.options.audience.rawValue)")],
          [.text("least reporters behind a shown count"), .count(c.view.suppresses ? c.view.minimumReporters : 1)],
          // Below AMBER the number of records used is not published: it would tie every
          // year's counts together (a total over all of them).
          [.text("incidents used (visible to the audience)"), c.view.suppresses ? .text("not published below AMBER") : .count(c.view.visible.count)],
          [.text("Monte Carlo seed / trials"), .text("\(c.options.seed) / \(c.options.trials)")],
          [.text("restoration crews"), .count(c.options.crews)],
          [.text("trend window"), .text("\(c.trendWindow.first!)–\(c.trendWindow.last!)")],
        ] + previousRows + economyRows)))
      blocks.append(.paragraph("Dataset provenance: " + c.dataset.provenance))
      blocks += disclosureMethods(c)
      var caveats: [String] = []
      if c.synthetic { caveats.append("the incident history is synthetic") }
      let assumed = c.dataset.scenarios.filter(\.isAssumption).map(\.name)
      if !assumed.isEmpty { caveats.append("scenario values are assumptions: " + assumed.joined(separator: ", ")) }
      if c.economy?.restsOnAssumptions == true { caveats.append("shares of the sector-to-industry concordance are assumptions") }
      blocks.append(.paragraph(
        "Methods: closure by bit-parallel transitive closure on the condensation; failure propagation by exact "
          + "label-setting search; Monte Carlo by seeded independent trials; inoperability by LU factorisation; "
          + "clustering by scipy-identical average linkage on Jaccard distances; co-occurrence by frequent itemsets. "
          + "The same inputs, options and seed give byte-identical reports."
          + (caveats.isEmpty ? "" : " Caveats: " + caveats.joined(separator: "; ") + ".")))
      return ReportSection(id: "methods", title: "Methods and provenance", blocks: blocks)
    }
  }
}
