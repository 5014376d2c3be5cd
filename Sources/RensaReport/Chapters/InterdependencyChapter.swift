import Foundation
import InternalRensaUtilities
import Rensa

extension AnnualReport {
  /// The chapter on the static interdependency analysis: who depends on whom, criticality, loops, single points of failure.
  enum Interdependency: ReportChapter {
    static let step = "interdependency"

    static func section(_ c: Context) throws -> ReportSection {
      let t = c.text
      var blocks: [ReportBlock] = []
      let sectors = c.dataset.sectors.map(\.id)
      let sectorOf = c.dataset.sectorOfNode
      // Direct dependencies between sectors, assets counted under their sector.
      var counts = [[Double?]](repeating: [Double?](repeating: nil, count: sectors.count), count: sectors.count)
      let index = Dictionary(uniqueKeysWithValues: sectors.enumerated().map { ($1, $0) })
      for d in c.dataset.dependencies {
        guard let s = sectorOf[d.supplier], let t = sectorOf[d.dependent], s != t, let j = index[s], let i = index[t] else { continue }
        counts[i][j] = (counts[i][j] ?? 0) + 1
      }
      blocks.append(.paragraph(t.interdependencyIntroduction(
        dataset: c.dataset.name, dependencies: c.dataset.dependencies.count, sectors: sectors.count, assets: c.dataset.assets.count)))
      blocks.append(.chart(ReportChart(
        id: "dependency-matrix", title: t.dependencyMatrixTitle, alt: t.dependencyMatrixAlt,
        kind: .heatmap(rows: sectors.map(c.name(ofSector:)), columns: sectors.map(c.name(ofSector:)), values: counts,
                       legend: t.dependencyMatrixLegend))))
      let network = c.network
      let closure: ClosureAnalysis
      do {
        closure = try c.closure.get()
      } catch {
        throw DataError([DataIssue(file: c.dataset.name, reason: "the closure analysis refused the model: \(error)")])
      }
      // The single-failure table is n × n bits: when it does not fit, the chapter says so
      // and goes on.
      let single: [(id: String, causes: [String])]?
      let singleRefusal: String?
      switch c.failureTable {
      case .success(let table):
        single = SinglePointsOfFailure.mostExposed(network, limit: 15, table: table)
        singleRefusal = nil
      case .failure(let error):
        single = nil
        singleRefusal = t.refusal(error)
      }
      // A sector is its own node and its systems and assets: each row counts what any of
      // them depends on, and what fails when all of them fail, the way `rensa closure`
      // does for one node (and the heatmap above counts their direct dependencies).
      let nodeByID = Dictionary(uniqueKeysWithValues: closure.nodes.map { ($0.id, $0) })
      var members: [String: [Int]] = [:]
      for (v, id) in network.nodeIDs.enumerated() { if let s = sectorOf[id] { members[s, default: []].append(v) } }
      let digraph = network.digraph
      let transposed = digraph.transposed()
      let propagation = FailurePropagation(network.requirementGraph)
      var rows: [[ReportValue]] = []
      for s in sectors {
        guard let nodes = members[s], !nodes.isEmpty else {
          rows.append([.text(c.name(ofSector: s)), .count(0), .count(0), .count(0), .count(0), .text(t.closureNoDependency)])
          continue
        }
        let own = Set(nodes)
        let upstream = Reachability.downstream(ofAny: nodes, in: transposed).filter { !own.contains($0) }
        let downstream = Reachability.downstream(ofAny: nodes, in: digraph).filter { !own.contains($0) }
        let failing = propagation.failed(from: nodes).filter { !own.contains($0) }
        let depth = nodes.map { nodeByID[network.nodeIDs[$0]]?.depth ?? 0 }.max() ?? 0
        let upstreamSectors = Set(upstream.compactMap { sectorOf[network.nodeIDs[$0]] }).subtracting([s])
        let names = sectors.filter { upstreamSectors.contains($0) }.map(c.name(ofSector:))
        rows.append([
          .text(c.name(ofSector: s)), .count(upstream.count), .count(downstream.count), .count(failing.count),
          .count(depth), .text(names.isEmpty ? "—" : t.list(names)),
        ])
      }
      blocks.append(.table(ReportTable(
        id: "closure-by-sector",
        caption: t.closureCaption, columns: t.closureColumns, rows: rows, base: t.closureBase)))
      blocks.append(.heading(t.loopsHeading))
      if closure.loops.isEmpty {
        blocks.append(.paragraph(t.loopsNone(depth: closure.depth)))
      } else {
        blocks.append(.paragraph(t.loopsIntroduction(closure.loops.count, depth: closure.depth)))
        blocks.append(.table(ReportTable(
          id: "loops", caption: t.loopsCaption, columns: t.loopsColumns,
          rows: closure.loops.sorted { $0.count != $1.count ? $0.count > $1.count : $0.first! < $1.first! }.prefix(20).enumerated().map { k, loop in
            let names = loop.map(c.name(ofSector:))
            let shown = t.truncatedList(names, limit: 20)
            return [.text("\(k + 1)"), .count(loop.count), .text(shown)]
          })))
        if closure.loops.count > 20 { blocks.append(.paragraph(t.loopsMore(closure.loops.count - 20))) }
      }
      blocks.append(.heading(t.criticalityHeading))
      blocks.append(.paragraph(t.criticalityIntroduction))
      blocks.append(.table(ReportTable(
        id: "criticality", caption: t.criticalityCaption, columns: t.criticalityColumns,
        rows: closure.rankedByCriticality.prefix(12).map {
          [.text(c.name(ofSector: $0.id)), .count($0.downstreamWithRedundancy), .count($0.downstream)]
        })))
      blocks.append(.heading(t.singlePointsHeading))
      if let singleRefusal {
        blocks.append(.note(t.singlePointsRefused(singleRefusal)))
      } else if let single, single.isEmpty {
        blocks.append(.paragraph(t.singlePointsNone))
      } else {
        blocks.append(.table(ReportTable(
          id: "single-points", caption: t.singlePointsCaption, columns: t.singlePointsColumns,
          rows: (single ?? []).map { s in
            let names = s.causes.map(c.name(ofSector:))
            let shown = t.truncatedList(names, limit: 12)
            return [.text(c.name(ofSector: s.id)), .count(names.count), .text(shown)]
          })))
      }
      // N-2: the pairs whose joint failure brings down what neither does alone.
      blocks.append(.heading(t.criticalPairsHeading))
      blocks.append(.paragraph(t.criticalPairsIntroduction))
      // Rows of kill components × nodes: 1 GB unless --memory-limit says otherwise (about
      // 90,000 nodes that each fail differently, 5 s; models with a giant kill component,
      // as national ones have, need far less).
      let limit = c.options.singleFailureTableLimit ?? min(MemoryBudget.defaultLimit, 1 << 30)
      do throws(FailureSets.Problem) {
        let pairs = try FailureSets(network, k: 2, top: 10, options: ClosureOptions(memoryLimit: limit)).top(size: 2)
        if pairs.isEmpty {
          blocks.append(.paragraph(t.criticalPairsNone))
        } else {
          blocks.append(.table(ReportTable(
            id: "critical-pairs", caption: t.criticalPairsCaption, columns: t.criticalPairsColumns,
            rows: pairs.map { e in
              [.text(t.pair(c.name(ofSector: e.nodes[0]), c.name(ofSector: e.nodes[1]))), .count(e.beyond), .count(e.failed)]
            })))
        }
      } catch {
        switch error {
        case .memory(let e): blocks.append(.note(t.criticalPairsRefused(e)))
        case .sizeOutOfRange: preconditionFailure("k = 2 is in range")
        }
      }
      return ReportSection(id: "interdependency", title: t.title(ofSection: "interdependency"), blocks: blocks)
    }
  }
}
