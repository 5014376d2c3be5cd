import Foundation
import InternalRensaUtilities
import Rensa

extension AnnualReport {
  /// The chapter on methods and provenance: how the numbers were made, the disclosure audit, the fingerprints.
  enum Methods: ReportChapter {
    static let step = "methods"

    /// The disclosure control paragraph and its audit.
    static func disclosureMethods(_ c: Context) -> [ReportBlock] {
      let t = c.text
      var blocks: [ReportBlock] = [.heading(t.disclosureHeading)]
      guard c.view.suppresses else {
        blocks.append(.paragraph(t.disclosureNothingWithheld(audience: c.options.audience)))
        return blocks
      }
      let summary = c.disclosureSummary
      let k = c.view.minimumReporters
      blocks.append(.paragraph(t.disclosureMethod(k: k, dominance: c.options.dominancePercent.map { NumberFormat.significant($0, digits: 3) })))
      blocks.append(.table(ReportTable(
        id: "disclosure-audit", caption: t.auditCaption(years: summary.years),
        columns: t.itemValueColumns,
        rows: [
          [.text(t.auditPrimary), .count(summary.primary)],
          [.text(t.auditSecondary), .count(summary.secondary)],
          [.text(t.auditAudited), .count(summary.audited)],
          [.text(t.auditNarrowest),
           summary.narrowestWidth.map { .count($0) } ?? .text(summary.audited == 0 ? t.auditNothingWithheld : t.auditUnbounded)],
          [.text(t.auditResult), .text(summary.isProtected ? t.auditPassed(k: k) : t.auditFailed)],
        ])))
      if !summary.asPublished.isEmpty {
        blocks.append(.note(t.asPublishedNote(summary.asPublished.map { ($0.year, $0.recordedAt, $0.report) }, impact: c.impact.frozen != nil)))
      }
      if let impact = summary.impact {
        let p = NumberFormat.significant(impact.percent, digits: 3)
        blocks.append(.table(ReportTable(
          id: "disclosure-audit-impact", caption: t.impactAuditCaption(year: c.year, percent: p),
          columns: t.itemValueColumns,
          rows: [
            [.text(t.impactAuditPrimary), .count(impact.primary)],
            [.text(t.impactAuditSecondary), .count(impact.secondary)],
            [.text(t.impactAuditAudited), .count(impact.audited)],
            [.text(t.impactAuditNarrowest),
             impact.narrowestPercent.map { .number($0, digits: 3, unit: "%") } ?? .text(impact.audited == 0 ? t.auditNothingWithheld : t.auditUnbounded)],
            [.text(t.auditResult), .text(impact.isProtected ? t.impactAuditPassed(percent: p) : t.auditFailed)],
          ])))
      }
      return blocks
    }

    static func section(_ c: Context) -> ReportSection {
      let t = c.text
      var blocks: [ReportBlock] = []
      var previousRows: [[ReportValue]] = []
      if let previous = c.previous, let print = c.fingerprints.previous {
        previousRows.append([.text(t.provenancePreviousDataset), .text(t.datasetVersion(previous.name, previous.version))])
        previousRows.append([.text(t.provenancePreviousDigest(t.digestLabel(print.label))), .text(print.digest)])
      }
      var economyRows: [[ReportValue]] = []
      if let economy = c.economy {
        economyRows.append([.text(t.provenanceIOTable), .text(t.ioTable(origin: economy.origin, industries: economy.model.count, unit: t.moneyUnit(economy.unit)))])
        economyRows.append([.text(t.provenanceLinks), .count(economy.links.count)])
      }
      blocks.append(.table(ReportTable(
        id: "provenance", caption: t.provenanceCaption,
        columns: t.itemValueColumns,
        rows: [
          [.text("Rensa"), .text(c.options.rensaVersion)],
          [.text(t.provenanceDataset), .text(t.datasetVersion(c.dataset.name, c.dataset.version))],
          [.text(t.provenanceDigest(t.digestLabel(c.fingerprints.dataset.label))), .text(c.fingerprints.dataset.digest)],
          [.text(t.provenanceYear), .text(t.yearReported(c.year))],
          [.text(t.provenanceAudience), .text("TLP:\(c.options.audience.rawValue)")],
          [.text(t.provenanceLeastReporters), .count(c.view.suppresses ? c.view.minimumReporters : 1)],
          // Below AMBER the number of records used is not published: it would tie every
          // year's counts together (a total over all of them).
          [.text(t.provenanceIncidentsUsed), c.view.suppresses ? .text(t.notPublishedBelowAmber) : .count(c.view.visible.count)],
          // Provisional reports (a later version may change them): counted at AMBER and
          // above; below, only whether there are any (a count would tie the years together).
          [.text(t.provenanceProvisional), c.view.suppresses
            ? .text(t.provisionalBelowAmber(any: c.view.visible.contains { $0.isProvisional && c.shownYears.contains(c.view.countingYear($0)) }))
            : .count(c.view.visible.filter(\.isProvisional).count)],
          [.text(t.provenanceMonteCarlo), .text("\(c.options.seed) / \(c.options.trials)")],
          [.text(t.provenanceCrews), .count(c.options.crews)],
          [.text(t.provenanceTrendWindow), .text(t.years(from: c.trendWindow.first!, to: c.trendWindow.last!))],
          [.text(t.provenancePeriod), .text(t.periodName)],
          [.text(t.provenanceLanguage), .text(t.languageName)],
        ] + previousRows + economyRows)))
      blocks.append(.paragraph(t.datasetProvenance(c.dataset.provenance)))
      blocks += disclosureMethods(c)
      var caveats: [String] = []
      if c.synthetic { caveats.append(t.caveatSynthetic) }
      let assumed = c.dataset.scenarios.filter(\.isAssumption).map { c.name(of: $0) }
      if !assumed.isEmpty { caveats.append(t.caveatAssumedScenarios(assumed)) }
      if c.economy?.restsOnAssumptions == true { caveats.append(t.caveatConcordance) }
      blocks.append(.paragraph(t.methodsParagraph(caveats: caveats)))
      // What the dataset does not give in the report's language: shown in the other.
      let missing = c.untranslated
      if !missing.isEmpty {
        blocks.append(.heading(t.untranslatedHeading))
        blocks.append(.paragraph(t.untranslatedIntroduction(missing.count)))
        blocks.append(.table(ReportTable(
          id: "untranslated", caption: t.untranslatedCaption, columns: t.untranslatedColumns,
          rows: missing.map { [.text(t.recordKind($0.kind)), .text($0.id), .text($0.shown)] })))
      }
      return ReportSection(id: "methods", title: t.title(ofSection: "methods"), blocks: blocks)
    }
  }
}
