import Foundation
import InternalRensaUtilities
import Rensa

extension AnnualReport {
  /// The chapter on the static interdependency analysis: who depends on whom, criticality, loops, single points of failure.
  enum Interdependency: ReportChapter {
    static let step = "interdependency"

    static func section(_ c: Context) throws -> ReportSection {
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
      blocks.append(.paragraph(
        "The dependency model of \(c.dataset.name) has \(c.dataset.dependencies.count) dependencies between "
          + "\(sectors.count) sectors and \(c.dataset.assets.count) systems and assets. A row depends on a column."))
      blocks.append(.chart(ReportChart(
        id: "dependency-matrix", title: "Direct dependencies between sectors",
        alt: "Heatmap of the number of direct dependencies of each sector (row) on each other sector (column), systems and assets counted under their sector.",
        kind: .heatmap(rows: sectors.map(c.name(ofSector:)), columns: sectors.map(c.name(ofSector:)), values: counts,
                       legend: "dependencies of the row on the column"))))
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
        singleRefusal = error.description
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
          rows.append([.text(c.name(ofSector: s)), .count(0), .count(0), .count(0), .count(0),
                       .text("none: neither the sector nor any of its systems and assets has a dependency in the model")])
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
          .count(depth), .text(names.isEmpty ? "—" : names.joined(separator: ", ")),
        ])
      }
      blocks.append(.table(ReportTable(
        id: "closure-by-sector",
        caption: "Transitive dependencies of each sector, its systems and assets included",
        columns: ["sector", "depends on (nodes)", "depended on by (all required)", "fail with it (backups honoured)", "depth",
                  "sectors it depends on, directly or not"],
        rows: rows,
        base: "nodes outside the sector (its own node, systems and assets are not counted); \"fail with it\": what certainly "
          + "fails when the whole sector fails; depth: the deepest of its nodes")))
      blocks.append(.heading("Mutual-dependency loops"))
      if closure.loops.isEmpty {
        blocks.append(.paragraph("The model has no mutual-dependency loop: its dependency depth is \(closure.depth)."))
      } else {
        blocks.append(.paragraph("\(closure.loops.count) loop\(closure.loops.count == 1 ? "" : "s") (nodes that depend on each other, directly or not); dependency depth \(closure.depth), a loop counting as one step:"))
        blocks.append(.table(ReportTable(
          id: "loops", caption: "Mutual-dependency loops (largest first)", columns: ["loop", "size", "nodes"],
          rows: closure.loops.sorted { $0.count != $1.count ? $0.count > $1.count : $0.first! < $1.first! }.prefix(20).enumerated().map { k, loop in
            let names = loop.map(c.name(ofSector:))
            let shown = names.count <= 20 ? names.joined(separator: ", ") : names.prefix(19).joined(separator: ", ") + " and \(ReportValue.grouped(names.count - 19)) more"
            return [.text("\(k + 1)"), .count(loop.count), .text(shown)]
          })))
        if closure.loops.count > 20 { blocks.append(.paragraph("… and \(closure.loops.count - 20) smaller loops.")) }
      }
      blocks.append(.heading("Criticality"))
      blocks.append(.paragraph(
        "Nodes ranked by how many other nodes certainly fail when they alone fail, honouring backups (requirement "
          + "groups); beside it the reach if every dependency were required. The gap is what redundancy buys."))
      blocks.append(.table(ReportTable(
        id: "criticality", caption: "Most critical nodes (top 12)",
        columns: ["node", "fail with it (backups honoured)", "depend on it (all required)"],
        rows: closure.rankedByCriticality.prefix(12).map {
          [.text(c.name(ofSector: $0.id)), .count($0.downstreamWithRedundancy), .count($0.downstream)]
        })))
      blocks.append(.heading("Single points of failure"))
      if let singleRefusal {
        blocks.append(.note("Single points of failure are not listed: \(singleRefusal)."))
      } else if let single, single.isEmpty {
        blocks.append(.paragraph("No node fails because of one other node alone: every dependency has a working backup."))
      } else {
        blocks.append(.table(ReportTable(
          id: "single-points", caption: "Nodes brought down by a single other node (backups honoured), most exposed first",
          columns: ["node", "count", "single points of failure"],
          rows: (single ?? []).map { s in
            let names = s.causes.map(c.name(ofSector:))
            let shown = names.count <= 12 ? names.joined(separator: ", ") : names.prefix(11).joined(separator: ", ") + " and \(names.count - 11) more"
            return [.text(c.name(ofSector: s.id)), .count(names.count), .text(shown)]
          })))
      }
      return ReportSection(id: "interdependency", title: "Interdependency (static)", blocks: blocks)
    }
  }
}
