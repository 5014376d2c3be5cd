import Foundation
import InternalRensaUtilities
import Rensa

extension AnnualReport {
  /// The chapter on the threats common to sectors: co-occurrences, new threats, clusters.
  enum CommonThreats: ReportChapter {
    static let step = "common threats"

    static func section(_ c: Context) throws -> ReportSection {
      let t = c.text
      var blocks: [ReportBlock] = []
      if let note = c.syntheticNote { blocks.append(note) }
      guard let result = c.findings else {
        blocks.append(.paragraph(t.commonThreatsNoIncident(year: c.year)))
        return ReportSection(id: "common-threats", title: t.title(ofSection: "common-threats"), blocks: blocks)
      }
      let findings = try result.get()
      if c.view.suppresses {
        blocks.append(.note(t.commonThreatsSuppressed(k: c.view.minimumReporters)))
      }
      blocks.append(.paragraph(t.commonThreatsIntroduction(year: c.year)))
      blocks.append(.table(ReportTable(
        id: "threats-by-reach", caption: t.reachCaption(year: c.year),
        columns: t.reachColumns,
        rows: findings.byReach.prefix(12).map { r in
          [.text(c.name(ofThreat: r.feature)), .count(r.entities.count), .number(100 * r.share, digits: 3, unit: "%"),
           .count(Int(r.total)), .text(t.list(r.entities.map(c.name(ofSector:))))]
        },
        base: t.reachBase(suppressed: c.view.suppresses))))
      let pairs = findings.cooccurring
      if pairs.isEmpty {
        blocks.append(.paragraph(t.cooccurringNone(year: c.year)))
      } else {
        blocks.append(.table(ReportTable(
          id: "cooccurring", caption: t.cooccurringCaption(year: c.year),
          columns: t.cooccurringColumns,
          rows: pairs.map { s in
            [.text(s.features.map(c.name(ofThreat:)).joined(separator: " + ")), .count(s.entities.count),
             .number(s.lift, digits: 3, unit: nil), .text(t.list(s.entities.map(c.name(ofSector:))))]
          })))
        blocks.append(.paragraph(t.liftExplanation))
      }
      // Heatmap and dendrogram of this year's matrix.
      let now = c.threatMatrices[c.year]!
      let threatColumns = findings.byReach.map(\.feature)
      blocks.append(.chart(ReportChart(
        id: "threat-heatmap", title: t.threatHeatmapTitle(year: c.year), alt: t.threatHeatmapAlt(year: c.year),
        kind: .heatmap(
          rows: now.entities.map(c.name(ofSector:)), columns: threatColumns.map(c.name(ofThreat:)),
          values: now.entities.map { sector in
            threatColumns.map { t in
              switch c.count(c.year, .threat(sector: sector, threat: t)) {
              case .count(let n): return Double(n)
              default: return nil
              }
            }
          },
          legend: t.threatHeatmapLegend))))
      let presence = now.binary
      if presence.rowCount >= 2 {
        let d: CondensedDistances<Double> = try presence.distances(.jaccard)
        let tree = try Linkage(d, method: .average).optimalLeafOrdering(d)
        blocks.append(.chart(ReportChart(
          id: "sector-dendrogram", title: t.dendrogramTitle(year: c.year),
          alt: t.dendrogramAlt(clusters: findings.clusters.map { $0.map(c.name(ofSector:)) }),
          kind: .dendrogram(
            leaves: now.entities.map(c.name(ofSector:)), merges: tree.merges.map { ($0.left, $0.right, $0.distance) },
            order: tree.leafOrder, axis: t.dendrogramAxis))))
      }
      blocks.append(.heading(t.newHeading))
      // "First seen" only where every earlier count was 0 (never where one was withheld).
      let newThreats = findings.newFeatures.filter { !seenBefore(c, threat: $0.feature, sector: nil) }.map { c.name(ofThreat: $0.feature) }
      let newReach = findings.newReach.filter { !seenBefore(c, threat: $0.feature, sector: $0.entity) }
      blocks.append(.paragraph(t.newThisYear(
        year: c.year, threats: newThreats, reach: newReach.map { (c.name(ofThreat: $0.feature), c.name(ofSector: $0.entity)) })))
      blocks += identifierBlocks(c)
      // Common modes: what the model's assets share across sectors, and the products the
      // threat catalogue names in several sectors (not from reports: no suppression).
      blocks.append(.heading(t.commonModeHeading))
      blocks += inventoryBlocks(c)
      let shared = catalogueProducts(c)
      if shared.isEmpty {
        blocks.append(.paragraph(t.commonModeNone))
      } else {
        blocks.append(.table(ReportTable(
          id: "common-mode", caption: t.commonModeCaption,
          columns: t.commonModeColumns,
          rows: shared.prefix(15).map { [.text($0.key), .count($0.sectors.count), .text(t.list($0.sectors.sorted().map(c.name(ofSector:))))] })))
      }
      // The catalogue's vulnerabilities that became known in the year, highest CVSS first,
      // marked when KEV lists one of their CVEs.
      let kev = Set(c.options.knownExploited.map { $0.cve.uppercased() })
      let catalogued = c.dataset.threats.filter {
        $0.sharing.isVisible(to: c.options.audience) && !$0.identifiers.cve.isEmpty
          && $0.published.map { CountingYear.of($0, fiscal: c.options.fiscalYear) } == c.year
      }.sorted { ($0.cvss ?? -1, $0.sectors.count, $1.id) > ($1.cvss ?? -1, $1.sectors.count, $0.id) }
      blocks.append(.heading(t.vulnerabilitiesHeading(year: c.year)))
      if catalogued.isEmpty {
        blocks.append(.paragraph(t.vulnerabilitiesNone(year: c.year)))
      } else {
        blocks.append(.table(ReportTable(
          id: "vulnerabilities", caption: t.vulnerabilitiesCaption(year: c.year, shown: min(20, catalogued.count), total: catalogued.count),
          columns: t.vulnerabilitiesColumns,
          rows: catalogued.prefix(20).map { threat in
            let inKEV = threat.identifiers.cve.filter { kev.contains($0.uppercased()) }
            return [.text(c.name(ofThreat: threat.id)), .text(threat.identifiers.cve.prefix(5).joined(separator: ", ") + (threat.identifiers.cve.count > 5 ? ", …" : "")),
             threat.cvss.map { .number($0, digits: 3, unit: nil) } ?? .none,
             c.options.knownExploited.isEmpty ? .none : .text(inKEV.isEmpty ? "" : inKEV.prefix(3).joined(separator: ", ")),
             .text(t.list(threat.sectors.map(c.name(ofSector:))))]
          })))
      }
      return ReportSection(
        id: "common-threats", title: t.title(ofSection: "common-threats"),
        blocks: blocks + findingNotes(findings, c).map { .note($0) })
    }

    /// The findings' own notes in the report's language (the "no data for last year" note is
    /// left out: the changes chapter says it).
    static func findingNotes(_ findings: CommonThreatFindings, _ c: Context) -> [String] {
      let t = c.text
      var notes: [String] = []
      if !findings.featurelessEntities.isEmpty {
        notes.append(t.featurelessSectors(findings.featurelessEntities.map(c.name(ofSector:)), year: c.year))
      }
      if let first = findings.stepChanges.first {
        notes.append(t.stepChangesNote(
          findings.stepChanges.count, factor: findings.stepFactor, first: c.name(ofSector: first.series),
          year: first.year, value: first.value, baseline: first.baseline))
      }
      if findings.years.count < 3 { notes.append(t.noStepCheck(years: findings.years.count)) }
      return notes
    }
  }
}
