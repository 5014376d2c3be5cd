import Foundation
import Testing
import Rensa
import RensaGraph

/// Descendant/ancestor sets and SCCs of the Shelby County interdependent
/// network, compared with networkx (Fixtures/make_shelby_expected.py).
/// Reading: infrastructure arcs Start Node → End Node; interdependencies
/// Dependee → Depender.
@Suite(.enabled(
  if: TestPaths.sharedDataset("shelby-county/Extended_Shelby_County/Interdep.csv") != nil,
  "skipped: ../shared/datasets/shelby-county is absent (or set RENSA_SHARED_DATASETS to a datasets folder)"))
struct ShelbyCountyTests {
  struct Expected: Decodable {
    var nodes: [String]
    var edge_count: Int
    var descendants: [String: [String]]
    var ancestor_counts: [String: Int]
    var strongly_connected_components: [[String]]
    var dag_longest_path_length: Int
  }

  static func loadNetwork() throws -> DependencyNetwork {
    let folder = TestPaths.sharedDataset("shelby-county/Extended_Shelby_County")!
    let networks = ["Water": "water", "Gas": "gas", "Power": "power", "Telecommunication": "telecom"]
    var nodes = "id\n"
    var edges = "supplier,dependent\n"
    var issues: [DataIssue] = []
    func table(_ name: String) throws -> DelimitedTable {
      let path = folder.appendingPathComponent(name).path
      guard let t = DelimitedTable.parse(try readTextFile(path), file: name, delimiter: ",", issues: &issues) else {
        throw DataError(issues)
      }
      return t
    }
    func id(_ text: String) -> String { String(Int(Double(text)!)) }
    for (name, short) in networks.sorted(by: { $0.key < $1.key }) {
      let nodeTable = try table("\(name)Nodes.csv")
      for row in nodeTable.rows { nodes += "\(short):\(id(row.fields[nodeTable.column("ID")!]))\n" }
      let arcs = try table("\(name)Arcs.csv")
      let start = arcs.column("Start Node")!
      let end = arcs.column("End Node")!
      for row in arcs.rows { edges += "\(short):\(id(row.fields[start])),\(short):\(id(row.fields[end]))\n" }
    }
    let interdependencies = try table("Interdep.csv")
    for row in interdependencies.rows {
      let s = networks[row.fields[interdependencies.column("Dependee Network")!]]!
      let d = networks[row.fields[interdependencies.column("Depender Network")!]]!
      edges +=
        "\(s):\(id(row.fields[interdependencies.column("Dependee Node")!])),"
        + "\(d):\(id(row.fields[interdependencies.column("Depender Node")!]))\n"
    }
    #expect(issues.isEmpty)
    return try EdgeListReader.parse(edges, file: "shelby-edges", nodes: (nodes, "shelby-nodes.csv"))
  }

  @Test func matchesNetworkx() throws {
    let data = try Data(contentsOf: TestPaths.fixture("shelby-networkx.json"))
    let expected = try JSONDecoder().decode(Expected.self, from: data)
    let network = try Self.loadNetwork()
    #expect(network.nodeIDs.count == expected.nodes.count)
    #expect(network.digraph.edgeCount == expected.edge_count)
    let analysis = try ClosureAnalysis(network)
    for (v, id) in network.nodeIDs.enumerated() {
      let descendants = analysis.closure.descendants(of: v).map { network.nodeIDs[$0] }.sorted()
      #expect(descendants == expected.descendants[id], "descendants of \(id)")
      #expect(analysis.nodes[v].upstream == expected.ancestor_counts[id], "ancestors of \(id)")
      #expect(analysis.nodes[v].downstream == expected.descendants[id]?.count)
    }
    let components = StronglyConnectedComponents(network.digraph)
    var groups: [UInt32: [String]] = [:]
    for (v, c) in components.component.enumerated() { groups[c, default: []].append(network.nodeIDs[v]) }
    let ours = groups.values.map { $0.sorted() }.sorted { $0.lexicographicallyPrecedes($1) }
    #expect(ours == expected.strongly_connected_components)
    #expect(analysis.depth == expected.dag_longest_path_length)
  }
}
