import Foundation
import InternalRensaUtilities
import Rensa

extension AnnualReport {
  /// The chapter on the changes since last year: counts, findings and, with last year's dataset, dependencies.
  enum Changes: ReportChapter {
    static let step = "changes"

    static func section(_ c: Context) throws -> ReportSection {
      var blocks: [ReportBlock] = []
      if let note = c.syntheticNote { blocks.append(note) }
      // A change is shown only between two published counts: never against a year with no
      // data (not zero) or a withheld count.
      func delta(_ a: ReportValue, _ b: ReportValue) -> ReportValue {
        if case .count(let x) = a, case .count(let y) = b { return .text(x >= y ? "+\(x - y)" : "\(x - y)") }
        return .none
      }
      var rows: [[ReportValue]] = []
      let total = (c.count(c.year, .exceeded), c.count(c.year - 1, .exceeded))
      rows.append([.text("IT failures exceeding the verification level"), total.1, total.0, delta(total.0, total.1)])
      for t in ThreatType.allCases {
        let pair = (c.count(c.year, .exceededOfType(t)), c.count(c.year - 1, .exceededOfType(t)))
        rows.append([.text("… \(label(t))"), pair.1, pair.0, delta(pair.0, pair.1)])
      }
      blocks.append(.table(ReportTable(
        id: "indicator-changes", caption: "Indicators, \(c.year - 1) and \(c.year)",
        columns: ["indicator", "\(c.year - 1)", "\(c.year)", "change"], rows: rows,
        base: "incidents that exceeded the verification level; a change only between two published counts")))
      if let result = c.findings, c.threatMatrices[c.year - 1] != nil {
        let findings = try result.get()
        if let agreement = findings.clusterAgreement {
          blocks.append(.paragraph(
            "Sector clusters by shared threats, \(c.year - 1) against \(c.year) (\(findings.clusters.count) clusters): adjusted "
              + "Rand index \(NumberFormat.significant(agreement, digits: 3)) (1 = unchanged, about 0 = unrelated)."))
          if findings.moves.isEmpty {
            blocks.append(.paragraph("No sector left its cluster."))
          } else {
            blocks.append(.table(ReportTable(
              id: "cluster-moves", caption: "Sectors that left their cluster since \(c.year - 1)",
              columns: ["sector", "was with", "is now with"],
              rows: findings.moves.map { m in
                [.text(c.name(ofSector: m.entity)),
                 .text(m.before.isEmpty ? "nobody" : m.before.map(c.name(ofSector:)).joined(separator: ", ")),
                 .text(m.after.isEmpty ? "nobody" : m.after.map(c.name(ofSector:)).joined(separator: ", "))]
              })))
          }
        }
        // A sector's yearly total is the sum of its published counts: with a withheld count
        // it would understate, so such sectors are not checked for steps.
        for step in findings.stepChanges where !c.disclosure.years.contains(where: { y, block in
          y <= step.year && block.measures.contains { m in
            guard case .threat(let s, _) = m, s == step.series else { return false }
            if case .withheld = c.disclosure.value(y, m) { return true }
            return false
          }
        }) {
          blocks.append(.note(
            "\(c.name(ofSector: step.series)): \(NumberFormat.significant(step.value, digits: 6)) incidents in \(step.year) against "
              + "a median of \(NumberFormat.significant(step.baseline, digits: 6)) before; check for a change in reporting."))
        }
      } else {
        blocks.append(.paragraph("No incidents of \(c.year - 1) are visible: cluster changes cannot be computed."))
      }
      blocks.append(.heading("Dependencies"))
      if let previous = c.previous {
        let limit = c.options.singleFailureTableLimit ?? MemoryBudget.defaultLimit
        let changes = DependencyChanges(
          previous: previous, current: c.dataset, options: ClosureOptions(memoryLimit: limit),
          currentFailureTable: try? c.failureTable.get())
        blocks += dependencyChanges(c, previous, changes)
      } else {
        blocks.append(.paragraph(
          "The dataset holds one version of the dependency model; changes in dependencies need last year's dataset "
            + "(rensa report --previous FILE)."))
      }
      return ReportSection(id: "changes", title: "Changes since last year", blocks: blocks)
    }

    /// The dependency part of "Changes since last year".
    static func dependencyChanges(_ c: Context, _ previous: Dataset, _ changes: DependencyChanges) -> [ReportBlock] {
      var blocks: [ReportBlock] = []
      let against = "Against \(previous.name) version \(previous.version)"
      if changes.isEmpty {
        let n = c.dataset.dependencies.count
        blocks.append(.paragraph("\(against): the dependency model is unchanged (\(n == 1 ? "1 dependency" : "\(ReportValue.grouped(n)) dependencies"))."))
        return blocks
      }
      blocks.append(.paragraph(
        "\(against): \(changes.added.count == 1 ? "1 dependency" : "\(ReportValue.grouped(changes.added.count)) dependencies") added, "
          + "\(ReportValue.grouped(changes.removed.count)) removed and \(ReportValue.grouped(changes.changed.count)) changed; "
          + "\(ReportValue.grouped(changes.nodesAdded.count)) sectors, systems or assets new and \(ReportValue.grouped(changes.nodesRemoved.count)) gone."))
      // Sector pairs whose dependency appeared or went, directly or through a chain.
      let direct = (gained: Set(changes.direct.gained), lost: Set(changes.direct.lost))
      let transitive = (gained: Set(changes.transitive.gained), lost: Set(changes.transitive.lost))
      let pairs = direct.gained.union(direct.lost).union(transitive.gained).union(transitive.lost).sorted()
      if pairs.isEmpty {
        blocks.append(.paragraph("Between sectors nothing changed: every sector depends on the same sectors as last year, directly and transitively."))
      } else {
        func state(_ p: DependencyChanges.SectorPair, _ sets: (gained: Set<DependencyChanges.SectorPair>, lost: Set<DependencyChanges.SectorPair>)) -> ReportValue {
          sets.gained.contains(p) ? .text("new") : sets.lost.contains(p) ? .text("gone") : .text("unchanged")
        }
        blocks.append(.table(ReportTable(
          id: "sector-dependency-changes", caption: "Dependencies between sectors that appeared or went since last year",
          columns: ["sector", "depends on", "directly", "directly or not"],
          rows: pairs.map { p in
            [.text(c.name(ofSector: p.dependent)), .text(c.name(ofSector: p.supplier)), state(p, direct), state(p, transitive)]
          })))
      }
      // The dependencies themselves, at most `shown` of each kind.
      let shown = 25
      var rows: [[ReportValue]] = []
      func describe(_ d: Dependency) -> String {
        var parts = [d.kind.rawValue]
        if let g = d.group { parts.append("group \(g) (need \(d.need))") }
        if d.timeToImpactHours > 0 { parts.append("time to impact \(NumberFormat.significant(d.timeToImpactHours, digits: 4)) h") }
        if d.probability < 1 { parts.append("probability \(NumberFormat.significant(d.probability, digits: 3))") }
        return parts.joined(separator: ", ")
      }
      for d in changes.added.prefix(shown) {
        rows.append([.text("added"), .text(c.name(ofSector: d.supplier)), .text(c.name(ofSector: d.dependent)), .text(describe(d))])
      }
      for d in changes.removed.prefix(shown) {
        rows.append([.text("removed"), .text(c.name(ofSector: d.supplier)), .text(c.name(ofSector: d.dependent)), .text(describe(d))])
      }
      for d in changes.changed.prefix(shown) {
        rows.append([
          .text("changed"), .text(c.name(ofSector: d.supplier)), .text(c.name(ofSector: d.dependent)),
          .text(d.fields.map { "\($0.field) \($0.before) → \($0.after)" }.joined(separator: "; ")),
        ])
      }
      if !rows.isEmpty {
        blocks.append(.table(ReportTable(
          id: "dependency-changes", caption: "Dependencies added, removed and changed (supplier → dependent)",
          columns: ["change", "supplier", "dependent", "what"], rows: rows)))
        let hidden = [changes.added.count, changes.removed.count, changes.changed.count].map { max(0, $0 - shown) }
        if hidden.contains(where: { $0 > 0 }) {
          blocks.append(.paragraph(
            "The table shows at most \(shown) of each kind; not shown: \(hidden[0]) added, \(hidden[1]) removed, \(hidden[2]) changed "
              + "(the JSON of DependencyChanges lists all)."))
        }
      }
      if !changes.nodesAdded.isEmpty || !changes.nodesRemoved.isEmpty {
        func list(_ ids: [String]) -> String {
          let names = ids.prefix(12).map(c.name(ofSector:)).joined(separator: ", ")
          return ids.count > 12 ? names + " and \(ReportValue.grouped(ids.count - 12)) more" : names
        }
        var text: [String] = []
        if !changes.nodesAdded.isEmpty { text.append("New in the model: \(list(changes.nodesAdded)).") }
        if !changes.nodesRemoved.isEmpty { text.append("Gone from the model: \(list(changes.nodesRemoved)).") }
        blocks.append(.paragraph(text.joined(separator: " ")))
      }
      if changes.loopsFormed.isEmpty && changes.loopsBroken.isEmpty {
        blocks.append(.paragraph("Mutual-dependency loops: the same as last year."))
      } else {
        func names(_ loop: [String]) -> String {
          let all = loop.map(c.name(ofSector:))
          return all.count <= 12 ? all.joined(separator: ", ") : all.prefix(11).joined(separator: ", ") + " and \(all.count - 11) more"
        }
        blocks.append(.table(ReportTable(
          id: "loop-changes", caption: "Mutual-dependency loops formed or broken (a loop that grew or shrank appears twice)",
          columns: ["change", "size", "nodes"],
          rows: changes.loopsFormed.prefix(20).map { [.text("formed"), .count($0.count), .text(names($0))] }
            + changes.loopsBroken.prefix(20).map { [.text("broken"), .count($0.count), .text(names($0))] })))
      }
      if let refusal = changes.singlePointsRefusal {
        blocks.append(.note("Single points of failure are not compared: \(refusal)."))
      } else if let single = changes.singlePoints {
        if single.isEmpty {
          blocks.append(.paragraph("Single points of failure: the same as last year."))
        } else {
          func list(_ ids: [String]) -> ReportValue {
            if ids.isEmpty { return .text("—") }
            let names = ids.prefix(8).map(c.name(ofSector:)).joined(separator: ", ")
            return .text(ids.count > 8 ? names + " and \(ids.count - 8) more" : names)
          }
          blocks.append(.table(ReportTable(
            id: "single-point-changes",
            caption: "Nodes whose single points of failure changed (backups honoured), most changes first (top 15 of \(single.count))",
            columns: ["node", "new single points of failure", "no longer single points of failure"],
            rows: single.prefix(15).map { [.text(c.name(ofSector: $0.node)), list($0.new), list($0.gone)] })))
        }
      }
      return blocks
    }
  }
}
