import Foundation
import Testing
import Rensa
import RensaGraph

/// GraphML written by networkx and igraph (Fixtures/make_graphml_fixtures.py), read and
/// compared with networkx's descendants; and the errors of bad GraphML.
@Suite struct GraphMLReaderTests {
  struct Expected: Decodable {
    var nodes: Int
    var edges: Int
    var descendants: [String: [String]]
  }

  @Test(arguments: ["networkx-directed.graphml", "igraph-undirected.graphml"])
  func matchesNetworkx(file: String) throws {
    let all = try JSONDecoder().decode(
      [String: Expected].self, from: Data(contentsOf: TestPaths.fixture("graphml-expected.json")))
    let expected = try #require(all[file])
    let network = try GraphMLReader.read(path: TestPaths.fixture(file).path)
    #expect(network.nodeIDs.count == expected.nodes)
    #expect(network.dependencies.count == expected.edges)
    let analysis = try ClosureAnalysis(network)
    for (v, id) in network.nodeIDs.enumerated() {
      let descendants = analysis.closure.descendants(of: v).map { network.nodeIDs[$0] }.sorted()
      #expect(descendants == expected.descendants[id], "descendants of \(id) in \(file)")
    }
    if file.hasPrefix("igraph") {
      #expect(network.notes.contains { $0.reason == "35 undirected edges read as mutual dependencies (one edge each way)" })
    } else {
      // networkx wrote `group` (and `weight`, ignored) as edge data; groups are kept.
      let text = try String(contentsOf: TestPaths.fixture(file), encoding: .utf8)
      let grouped = text.components(separatedBy: "<data key=\"d1\">power</data>").count - 1
      #expect(grouped > 5 && network.dependencies.filter { $0.group == "power" }.count == grouped)
      #expect(network.index(of: "lonely") != nil)
    }
  }

  func issues(_ text: String) -> [String] {
    do {
      _ = try GraphMLReader.parse(Data(text.utf8), file: "bad.graphml")
      return []
    } catch {
      return error.issues.map(\.description)
    }
  }

  @Test func collectsEveryProblemWithItsLine() {
    let text = """
      <?xml version="1.0"?>
      <graphml xmlns="http://graphml.graphdrawing.org/xmlns">
        <key id="g" for="edge" attr.name="group"/>
        <key id="k" for="edge" attr.name="need"/>
        <graph edgedefault="directed">
          <node id="grid"/>
          <node id="hospital"><graph edgedefault="directed"/></node>
          <node id="grid"/>
          <edge source="grid" target="hospitl"/>
          <edge source="grid" target="hospital"><data key="x">1</data></edge>
          <edge source="grid" target="hospital"><data key="g">power</data><data key="k">two</data></edge>
          <hyperedge><endpoint node="grid"/></hyperedge>
        </graph>
        <graph/>
      </graphml>
      """
    let found = issues(text)
    #expect(found.contains("bad.graphml:7: field 'graph': nested graphs are not supported (flatten the graph before export)"))
    #expect(found.contains("bad.graphml:8: field 'node': duplicate node id 'grid' (first declared on line 6)"))
    #expect(found.contains("bad.graphml:9: field 'dependent': unknown node 'hospitl': not declared in the file's <node> elements (did you mean 'hospital'?)"))
    #expect(found.contains { $0.hasPrefix("bad.graphml:10: field 'data': data under the undeclared key 'x'") })
    #expect(found.contains("bad.graphml:11: field 'need': 'two' is not a whole number ≥ 1"))
    #expect(found.contains("bad.graphml:12: field 'hyperedge': hyperedges are not supported (replace each by ordinary edges)"))
    #expect(found.contains("bad.graphml:14: field 'graph': the file holds more than one graph (keep one <graph> per file)"))
    #expect(found.count == 7, "\(found.joined(separator: "\n"))")
  }

  @Test func malformedOrForeignXMLIsRefusedWithALine() {
    let broken = issues("<graphml>\n<graph>\n<node id='a'>\n</graph></graphml>")
    #expect(broken.count == 1 && broken[0].hasPrefix("bad.graphml:4: malformed XML"))
    #expect(issues("<svg/>") == ["bad.graphml:1: the document element is <svg>, not <graphml> (is this a GraphML file?)"])
    #expect(issues("<graphml/>") == ["bad.graphml: the file has no <graph> element"])
    #expect(issues("") == ["bad.graphml: no XML document element was found (the file is empty or is not XML)"])
    #expect(issues("<graphml><graph>").first?.hasPrefix("bad.graphml:1: malformed XML: the document is not well-formed at its end") == true)
    #expect(issues("<graphml><graph></grph></graphml>") == ["bad.graphml:1: malformed XML: an end tag does not match the open element"])
    #expect(issues("<graphml><graph a='1' a='2'/></graphml>") == ["bad.graphml:1: malformed XML: an attribute is given twice in one element"])
    // Entities are not expanded from outside the document.
    let external = """
      <?xml version="1.0"?>
      <!DOCTYPE graphml [<!ENTITY x SYSTEM "file:///etc/passwd">]>
      <graphml><graph><node id="&x;"/></graph></graphml>
      """
    let network = try? GraphMLReader.parse(Data(external.utf8), file: "x.graphml")
    #expect(network?.nodeIDs.contains { $0.contains("root:") } != true)
  }

  @Test func importsAsADataset() throws {
    let network = try GraphMLReader.read(path: TestPaths.fixture("networkx-directed.graphml").path)
    let (dataset, report) = try NetworkImporter.dataset(from: network, name: "nx")
    #expect(dataset.assets.count == 41 && dataset.dependencies.count == 75 && report.imported["assets"] == 41)
    #expect(try DatasetReader.parse(DatasetWriter.json(dataset), file: "nx.json") == dataset)
    // The dataset's network is the file's network (isolated nodes aside: datasets keep
    // only nodes that take part in a dependency).
    #expect(dataset.dependencyNetwork.dependencies.count == network.dependencies.count)
    #expect(throws: DataError.self) {
      try NetworkImporter.dataset(from: network, name: "nx", sector: Sector(id: "n3", name: "clash"))
    }
  }
}
