import Foundation
import InternalRensaUtilities
import Rensa

extension AnnualReport {
  /// The chapter on the threats common to sectors: co-occurrences, new threats, clusters.
  enum CommonThreats: ReportChapter {
    static let step = "common threats"

    static func section(_ c: Context) throws -> ReportSection {
      var blocks: [ReportBlock] = []
      if let note = c.syntheticNote { blocks.append(note) }
      guard let result = c.findings else {
        blocks.append(.paragraph("No incident of \(c.year) is visible to this audience: no common-threat findings."))
        return ReportSection(id: "common-threats", title: "Common threats", blocks: blocks)
      }
      let findings = try result.get()
      if c.view.suppresses {
        blocks.append(.note(
          "Sector–threat counts withheld by disclosure control (fewer than \(c.view.minimumReporters) reporting organisations, or "
            + "protecting such a count) are left out of these findings, which use only what this audience may see; a threat is "
            + "called new only where every earlier count of it is 0."))
      }
      blocks.append(.paragraph(
        "Sectors are compared by the catalogue threats of their incidents in \(c.year) (Jaccard distance on presence, "
          + "average linkage, leaves in optimal order). Threats that reach many sectors are common threats."))
      blocks.append(.table(ReportTable(
        id: "threats-by-reach", caption: "Threats by the number of sectors they reached in \(c.year)",
        columns: ["threat", "sectors", "share", "incidents", "which"],
        rows: findings.byReach.prefix(12).map { r in
          [.text(c.name(ofThreat: r.feature)), .count(r.entities.count), .number(100 * r.share, digits: 3, unit: "%"),
           .count(Int(r.total)), .text(r.entities.map(c.name(ofSector:)).joined(separator: ", "))]
        },
        base: c.view.suppresses
          ? "reported incidents with the threat (any verification level), in the published sector counts: withheld counts are left out"
          : "reported incidents with the threat (any verification level)")))
      let pairs = findings.cooccurring
      if pairs.isEmpty {
        blocks.append(.paragraph("No two threats occurred together in two or more sectors in \(c.year)."))
      } else {
        blocks.append(.table(ReportTable(
          id: "cooccurring", caption: "Threats that occurred together in the same sectors in \(c.year)",
          columns: ["threats", "sectors", "lift", "which"],
          rows: pairs.map { s in
            [.text(s.features.map(c.name(ofThreat:)).joined(separator: " + ")), .count(s.entities.count),
             .number(s.lift, digits: 3, unit: nil), .text(s.entities.map(c.name(ofSector:)).joined(separator: ", "))]
          })))
        blocks.append(.paragraph("Lift above 1: the threats go together more often than their frequencies alone predict."))
      }
      // Heatmap and dendrogram of this year's matrix.
      let now = c.threatMatrices[c.year]!
      let threatColumns = findings.byReach.map(\.feature)
      blocks.append(.chart(ReportChart(
        id: "threat-heatmap", title: "Incidents by sector and threat, \(c.year)",
        alt: "Heatmap of the number of reported incidents (any verification level) of each sector (row) with each catalogue threat (column) in \(c.year); white cells have none, grey cells are withheld.",
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
          legend: "reported incidents (any verification level)"))))
      let presence = now.binary
      if presence.rowCount >= 2 {
        let d: CondensedDistances<Double> = try presence.distances(.jaccard)
        let tree = try Linkage(d, method: .average).optimalLeafOrdering(d)
        blocks.append(.chart(ReportChart(
          id: "sector-dendrogram", title: "Sectors clustered by shared threats, \(c.year)",
          alt: "Dendrogram of the sectors by the Jaccard distance of their threat sets (average linkage). Clusters: "
            + findings.clusters.map { $0.map(c.name(ofSector:)).joined(separator: ", ") }.map { "{\($0)}" }.joined(separator: "; ") + ".",
          kind: .dendrogram(
            leaves: now.entities.map(c.name(ofSector:)), merges: tree.merges.map { ($0.left, $0.right, $0.distance) },
            order: tree.leafOrder, axis: "Jaccard distance (average linkage)"))))
      }
      blocks.append(.heading("New this year"))
      // "First seen" only where every earlier count was 0 (never where one was withheld).
      let newThreats = findings.newFeatures.filter { !seenBefore(c, threat: $0.feature, sector: nil) }.map { c.name(ofThreat: $0.feature) }
      let newReach = findings.newReach.filter { !seenBefore(c, threat: $0.feature, sector: $0.entity) }
      blocks.append(.paragraph(
        (newThreats.isEmpty ? "No threat appeared for the first time in \(c.year)." : "First seen in \(c.year): \(newThreats.joined(separator: ", ")).")
          + " "
          + (newReach.isEmpty
            ? "No known threat reached a new sector."
            : "Known threats reaching a sector for the first time: "
              + newReach.map { "\(c.name(ofThreat: $0.feature)) → \(c.name(ofSector: $0.entity))" }.joined(separator: ", ") + ".")))
      // Common-mode exposure from the threat catalogue (not from reports: no suppression).
      var productSectors: [String: Set<String>] = [:]
      for t in c.dataset.threats { for p in t.identifiers.products { productSectors[p, default: []].formUnion(t.sectors) } }
      let shared = productSectors.filter { $0.value.count >= 2 }.sorted { ($0.value.count, $1.key) > ($1.value.count, $0.key) }
      blocks.append(.heading("Vendor and product common-mode exposure"))
      if shared.isEmpty {
        blocks.append(.paragraph("The threat catalogue names no product used in two or more sectors."))
      } else {
        blocks.append(.table(ReportTable(
          id: "common-mode", caption: "Products named by catalogue threats in two or more sectors",
          columns: ["product", "sectors", "which"],
          rows: shared.prefix(15).map { [.text($0.key), .count($0.value.count), .text($0.value.sorted().map(c.name(ofSector:)).joined(separator: ", "))] })))
      }
      let exploited = c.dataset.threats.filter { !$0.identifiers.cve.isEmpty }
      blocks.append(.heading("Exploited and catalogued vulnerabilities"))
      if exploited.isEmpty {
        blocks.append(.paragraph("The threat catalogue lists no CVE. Import advisories (rensa import csaf) and CISA's KEV catalogue to fill this part."))
      } else {
        blocks.append(.table(ReportTable(
          id: "vulnerabilities", caption: "Catalogue threats with CVEs",
          columns: ["threat", "CVEs", "highest CVSS", "sectors"],
          rows: exploited.prefix(20).map { t in
            [.text(t.name), .text(t.identifiers.cve.prefix(5).joined(separator: ", ") + (t.identifiers.cve.count > 5 ? ", …" : "")),
             t.cvss.map { .number($0, digits: 3, unit: nil) } ?? .none, .text(t.sectors.map(c.name(ofSector:)).joined(separator: ", "))]
          })))
      }
      return ReportSection(id: "common-threats", title: "Common threats", blocks: blocks + findings.notes.filter { !$0.contains("no data for") }.map { .note($0) })
    }
  }
}
