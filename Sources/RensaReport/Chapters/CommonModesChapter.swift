import Foundation
import InternalRensaUtilities
import Rensa

extension AnnualReport {
  /// The chapter "Hidden common modes" (issue 22): the redundancy audit of the model
  /// (``CommonModes``). Sharing rule (Docs/Report.md): single upstream nodes are named at
  /// every marking, as the criticality ranking names them; what alternatives share (a
  /// product, vendor, site or hazard zone) is named at TLP:AMBER and above only, so that
  /// a report below AMBER is not a list of which system runs which product where: there
  /// it says which groups are defeated and by what kind of shared attribute.
  enum CommonModesChapter: ReportChapter {
    static let step = "common modes"
    /// Single upstream nodes are tried up to this many nodes (each is a cascade); above
    /// it the chapter says so.
    static let upstreamLimit = 20_000

    static func section(_ c: Context) -> ReportSection {
      let t = c.text
      var blocks: [ReportBlock] = []
      let nodes = c.network.nodeIDs.count
      let upstream = nodes <= upstreamLimit
      let audit = CommonModes(dataset: c.dataset, upstream: upstream, knownExploited: c.options.knownExploited)
      blocks.append(.paragraph(t.commonModesIntroduction))
      if !upstream { blocks.append(.note(t.commonModesUpstreamSkipped(nodes: nodes, limit: upstreamLimit))) }
      guard audit.redundantGroups > 0 else {
        blocks.append(.paragraph(t.commonModesNoGroups))
        return ReportSection(id: "common-modes", title: t.title(ofSection: "common-modes"), blocks: blocks)
      }
      let named = c.options.audience >= .amber
      let tried = CommonModes.Shared.Kind.allCases.map { audit.causesTried[$0] ?? 0 }
      let defeated = Dictionary(grouping: audit.findings, by: \.shared.kind).mapValues { Set($0.map { "\($0.dependent)|\($0.group ?? "")" }).count }
      blocks.append(.table(ReportTable(
        id: "common-modes-by-kind", caption: t.commonModesByKindCaption(groups: audit.redundantGroups), columns: t.commonModesByKindColumns,
        rows: CommonModes.Shared.Kind.allCases.enumerated().map { k, kind in
          [.text(t.sharedKind(kind.rawValue)), .count(tried[k]),
           .count(kind == .upstream ? audit.upstream.count : defeated[kind] ?? 0)]
        })))
      if audit.omittedFindings > 0 {
        blocks.append(.note(t.commonModesOmitted(audit.omittedFindings, perGroup: CommonModes.findingsPerGroup)))
      }
      let shared = audit.findings.filter { $0.shared.kind != .upstream }
      if shared.isEmpty {
        blocks.append(.paragraph(t.commonModesNoShared))
      } else {
        blocks.append(.table(ReportTable(
          id: "hidden-common-modes", caption: t.hiddenCommonModesCaption(named: named),
          columns: t.hiddenCommonModesColumns,
          rows: shared.prefix(25).map { f in
            [.text(c.name(ofSector: f.dependent)), .text(t.needs(f.needed, of: f.alternatives.map(c.name(ofSector:)))),
             .text(named ? "\(t.sharedKind(f.shared.kind.rawValue)): \(f.shared.value)" : t.sharedKind(f.shared.kind.rawValue)),
             .text(t.list(f.failedAlternatives.map(c.name(ofSector:)))), .count(f.failedCount)]
          })))
        if !named { blocks.append(.note(t.commonModesWithheldAttributes)) }
        if shared.count + audit.omittedFindings > 25 { blocks.append(.paragraph(t.moreRows(shared.count + audit.omittedFindings - 25))) }
        // Each cause's reach, as a common-cause scenario would start it (AMBER+: named).
        if named {
          let causes = Set(shared.map(\.cause)).sorted { (audit.causes[$0].failedCount, $1) > (audit.causes[$1].failedCount, $0) }
          blocks.append(.table(ReportTable(
            id: "common-cause-reach", caption: t.commonCauseReachCaption, columns: t.commonCauseReachColumns,
            rows: causes.prefix(15).map { k in
              let cause = audit.causes[k]
              return [.text("\(cause.shared.kind.rawValue):\(cause.shared.value)"), .count(cause.carriers.count), .count(cause.failedCount)]
            })))
        }
      }
      if upstream {
        if audit.upstream.isEmpty {
          blocks.append(.paragraph(t.commonModesNoUpstream))
        } else {
          blocks.append(.table(ReportTable(
            id: "upstream-common-modes", caption: t.upstreamCaption, columns: t.upstreamColumns,
            rows: audit.upstream.prefix(20).map { u in
              [.text(c.name(ofSector: u.dependent)), .text(t.needs(u.needed, of: u.alternatives.map(c.name(ofSector:)))), .count(u.count),
               .text(t.list(zip(u.nearest, u.nearestFailedCounts).map { "\(c.name(ofSector: $0)) (\($1))" }))]
            })))
          if audit.upstream.count > 20 { blocks.append(.paragraph(t.moreRows(audit.upstream.count - 20))) }
        }
      }
      return ReportSection(id: "common-modes", title: t.title(ofSection: "common-modes"), blocks: blocks)
    }
  }
}
