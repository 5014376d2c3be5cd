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

  static func load() throws -> (dataset: Dataset, report: ImportReport) {
    try ShelbyCountyImporter.read(directory: TestPaths.sharedDataset("shelby-county/Extended_Shelby_County")!.path)
  }

  @Test func importsEveryNodeArcAndInterdependency() throws {
    let (dataset, report) = try Self.load()
    // PowerArcs.csv lists two parallel lines 5 → 64 (arcs 40 and 41): merged and reported.
    #expect(report.skipped.count == 1)
    #expect(report.skipped.first?.file == "PowerArcs.csv" && report.skipped.first?.line == 43)
    #expect(dataset.assets.count == 49 + 16 + 75 + 27)
    #expect(dataset.dependencies.count == 71 + 17 + 93 + 36 + 73 - 1)
    #expect(report.imported["dependencies"] == dataset.dependencies.count)
    #expect(Set(dataset.assets.map(\.sector)) == ["water", "gas", "electric-power", "information-communications"])
    let cyber = dataset.dependencies.filter { $0.class == .cyber && $0.supplier.hasPrefix("telecom:") && $0.dependent.hasPrefix("power:") }
    #expect(!cyber.isEmpty)  // telecom → power links are typed Cyber in Interdep.csv
    #expect(dataset.assets.first { $0.id == "water:0" }?.users == 71730)
    // The imported dataset is a valid dataset document.
    #expect(try DatasetReader.parse(DatasetWriter.json(dataset), file: "shelby.json") == dataset)
  }

  @Test func matchesNetworkx() throws {
    let data = try Data(contentsOf: TestPaths.fixture("shelby-networkx.json"))
    let expected = try JSONDecoder().decode(Expected.self, from: data)
    let network = try Self.load().dataset.dependencyNetwork
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
