import Foundation
import InternalRensaUtilities
import Rensa

extension AnnualReport {
  /// The chapter on the changes since last year: counts, findings and, with last year's dataset, dependencies.
  enum Changes: ReportChapter {
    static let step = "changes"

    static func section(_ c: Context) throws -> ReportSection {
      let t = c.text
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
      rows.append([.text(t.headlineExceeded), total.1, total.0, delta(total.0, total.1)])
      for type in ThreatType.allCases {
        let pair = (c.count(c.year, .exceededOfType(type)), c.count(c.year - 1, .exceededOfType(type)))
        rows.append([.text(t.changesOfWhich(t.threatType(type))), pair.1, pair.0, delta(pair.0, pair.1)])
      }
      blocks.append(.table(ReportTable(
        id: "indicator-changes", caption: t.changesCaption(year: c.year),
        columns: [t.columnIndicator, t.year(c.year - 1), t.year(c.year), t.columnChange], rows: rows,
        base: t.changesBase)))
      if let result = c.findings, c.threatMatrices[c.year - 1] != nil {
        let findings = try result.get()
        if let agreement = findings.clusterAgreement {
          blocks.append(.paragraph(t.clusterAgreement(
            year: c.year, clusters: findings.clusters.count, index: NumberFormat.significant(agreement, digits: 3))))
          if findings.moves.isEmpty {
            blocks.append(.paragraph(t.clusterNoMoves))
          } else {
            blocks.append(.table(ReportTable(
              id: "cluster-moves", caption: t.clusterMovesCaption(year: c.year),
              columns: t.clusterMovesColumns,
              rows: findings.moves.map { m in
                [.text(c.name(ofSector: m.entity)),
                 .text(m.before.isEmpty ? t.nobody : t.list(m.before.map(c.name(ofSector:)))),
                 .text(m.after.isEmpty ? t.nobody : t.list(m.after.map(c.name(ofSector:))))]
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
          blocks.append(.note(t.stepChange(
            c.name(ofSector: step.series), value: NumberFormat.significant(step.value, digits: 6), year: step.year,
            baseline: NumberFormat.significant(step.baseline, digits: 6))))
        }
      } else {
        blocks.append(.paragraph(t.clusterNoPreviousYear(year: c.year)))
      }
      blocks.append(.heading(t.dependenciesHeading))
      if let previous = c.previous {
        let limit = c.options.singleFailureTableLimit ?? MemoryBudget.defaultLimit
        let changes = DependencyChanges(
          previous: previous, current: c.dataset, options: ClosureOptions(memoryLimit: limit),
          currentFailureTable: try? c.failureTable.get())
        c.ledger.changes = changes
        blocks += dependencyChanges(c, previous, changes)
      } else {
        blocks.append(.paragraph(t.dependenciesOneVersion))
      }
      return ReportSection(id: "changes", title: t.title(ofSection: "changes"), blocks: blocks)
    }

    /// The dependency part of "Changes since last year".
    static func dependencyChanges(_ c: Context, _ previous: Dataset, _ changes: DependencyChanges) -> [ReportBlock] {
      let t = c.text
      var blocks: [ReportBlock] = []
      if changes.isEmpty {
        blocks.append(.paragraph(t.dependenciesUnchanged(previous: previous.name, version: previous.version, count: c.dataset.dependencies.count)))
        return blocks
      }
      blocks.append(.paragraph(t.dependenciesChanged(
        previous: previous.name, version: previous.version, added: changes.added.count, removed: changes.removed.count,
        changed: changes.changed.count, nodesAdded: changes.nodesAdded.count, nodesRemoved: changes.nodesRemoved.count)))
      // Sector pairs whose dependency appeared or went, directly or through a chain.
      let direct = (gained: Set(changes.direct.gained), lost: Set(changes.direct.lost))
      let transitive = (gained: Set(changes.transitive.gained), lost: Set(changes.transitive.lost))
      let pairs = direct.gained.union(direct.lost).union(transitive.gained).union(transitive.lost).sorted()
      if pairs.isEmpty {
        blocks.append(.paragraph(t.sectorPairsUnchanged))
      } else {
        func state(_ p: DependencyChanges.SectorPair, _ sets: (gained: Set<DependencyChanges.SectorPair>, lost: Set<DependencyChanges.SectorPair>)) -> ReportValue {
          .text(sets.gained.contains(p) ? t.pairNew : sets.lost.contains(p) ? t.pairGone : t.pairUnchanged)
        }
        blocks.append(.table(ReportTable(
          id: "sector-dependency-changes", caption: t.sectorPairsCaption,
          columns: t.sectorPairsColumns,
          rows: pairs.map { p in
            [.text(c.name(ofSector: p.dependent)), .text(c.name(ofSector: p.supplier)), state(p, direct), state(p, transitive)]
          })))
      }
      // The dependencies themselves, at most `shown` of each kind.
      let shown = 25
      var rows: [[ReportValue]] = []
      for d in changes.added.prefix(shown) {
        rows.append([.text(t.changeAdded), .text(c.name(ofSector: d.supplier)), .text(c.name(ofSector: d.dependent)), .text(t.describe(d))])
      }
      for d in changes.removed.prefix(shown) {
        rows.append([.text(t.changeRemoved), .text(c.name(ofSector: d.supplier)), .text(c.name(ofSector: d.dependent)), .text(t.describe(d))])
      }
      for d in changes.changed.prefix(shown) {
        rows.append([
          .text(t.changeChanged), .text(c.name(ofSector: d.supplier)), .text(c.name(ofSector: d.dependent)),
          .text(t.fieldChanges(d.fields)),
        ])
      }
      if !rows.isEmpty {
        blocks.append(.table(ReportTable(
          id: "dependency-changes", caption: t.dependencyChangesCaption, columns: t.dependencyChangesColumns, rows: rows)))
        let hidden = [changes.added.count, changes.removed.count, changes.changed.count].map { max(0, $0 - shown) }
        if hidden.contains(where: { $0 > 0 }) {
          blocks.append(.paragraph(t.dependencyChangesHidden(shown: shown, added: hidden[0], removed: hidden[1], changed: hidden[2])))
        }
      }
      if !changes.nodesAdded.isEmpty || !changes.nodesRemoved.isEmpty {
        var text: [String] = []
        if !changes.nodesAdded.isEmpty { text.append(t.nodesNew(t.leadingList(changes.nodesAdded.map(c.name(ofSector:)), shown: 12))) }
        if !changes.nodesRemoved.isEmpty { text.append(t.nodesGone(t.leadingList(changes.nodesRemoved.map(c.name(ofSector:)), shown: 12))) }
        blocks.append(.paragraph(t.sentences(text)))
      }
      if changes.loopsFormed.isEmpty && changes.loopsBroken.isEmpty {
        blocks.append(.paragraph(t.loopsSame))
      } else {
        func names(_ loop: [String]) -> String { t.truncatedList(loop.map(c.name(ofSector:)), limit: 12) }
        blocks.append(.table(ReportTable(
          id: "loop-changes", caption: t.loopChangesCaption,
          columns: t.loopChangesColumns,
          rows: changes.loopsFormed.prefix(20).map { [.text(t.loopFormed), .count($0.count), .text(names($0))] }
            + changes.loopsBroken.prefix(20).map { [.text(t.loopBroken), .count($0.count), .text(names($0))] })))
      }
      if let refusal = changes.singlePointsRefusalError {
        blocks.append(.note(t.singlePointsNotCompared(t.refusal(refusal))))
      } else if let single = changes.singlePoints {
        if single.isEmpty {
          blocks.append(.paragraph(t.singlePointsSame))
        } else {
          func list(_ ids: [String]) -> ReportValue {
            if ids.isEmpty { return .text("—") }
            return .text(t.leadingList(ids.map(c.name(ofSector:)), shown: 8))
          }
          blocks.append(.table(ReportTable(
            id: "single-point-changes",
            caption: t.singlePointChangesCaption(total: single.count),
            columns: t.singlePointChangesColumns,
            rows: single.prefix(15).map { [.text(c.name(ofSector: $0.node)), list($0.new), list($0.gone)] })))
        }
      }
      return blocks
    }
  }
}
