import Foundation
import Testing
import _RensaTestSupport
@testable import RensaData
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
    let closure = try TransitiveClosure(network.digraph)
    for (v, id) in network.nodeIDs.enumerated() {
      let descendants = closure.descendants(of: v).map { network.nodeIDs[$0] }.sorted()
      #expect(descendants == expected.descendants[id], "descendants of \(id) in \(file)")
      #expect(analysis.nodes[v].downstream == descendants.count)
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

  /// 100,000 nested elements (unknown ones, skipped; the parser is SAX): an answer, not
  /// a stack overflow. The JSON equivalent is in the bad-input catalogue.
  @Test func deepNestingIsAnsweredNotOverflowed() {
    let deep = "<graphml><graph>" + String(repeating: "<n>", count: 100_000) + String(repeating: "</n>", count: 100_000)
      + "<node id=\"a\"/><node id=\"b\"/><edge source=\"a\" target=\"b\"/></graph></graphml>"
    let network = try? GraphMLReader.parse(Data(deep.utf8), file: "deep.graphml")
    #expect(network?.dependencies.count == 1)
    let open = "<graphml><graph>" + String(repeating: "<n>", count: 100_000)
    #expect(throws: DataError.self) { try GraphMLReader.parse(Data(open.utf8), file: "open.graphml") }
  }

  /// Only UTF-8 reaches the XML parser (FoundationXML traps on names that are not UTF-8,
  /// found by fuzzing): declared Latin-1 and UTF-16 with a byte-order mark are converted;
  /// undeclared bytes that are not UTF-8 are refused with their place.
  @Test func encodingsAreConvertedOrRefusedNeverTrapped() throws {
    let body = "<graphml><graph edgedefault=\"directed\"><node id=\"café\"/><node id=\"b\"/><edge source=\"café\" target=\"b\"/></graph></graphml>"
    let latin1 = try #require(("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>" + body).data(using: .isoLatin1))
    #expect(try GraphMLReader.parse(latin1, file: "l.graphml").nodeIDs.sorted() == ["b", "café"])
    let utf16 = try #require(("\u{FEFF}<?xml version=\"1.0\" encoding=\"UTF-16\"?>" + body).data(using: .utf16LittleEndian))
    #expect(try GraphMLReader.parse(utf16, file: "u.graphml").nodeIDs.sorted() == ["b", "café"])
    var bad = Data("<graphml><graph><node id=\"a\"/><e".utf8)
    bad.append(contentsOf: [0xFF, 0xFF])
    bad.append(contentsOf: Data("dge source=\"a\" target=\"a\"/></graph></graphml>".utf8))
    do {
      _ = try GraphMLReader.parse(bad, file: "bad.graphml")
      Issue.record("accepted bytes that are not UTF-8")
    } catch {
      #expect(error.issues.first?.reason == "is not UTF-8 text: byte 0xFF at line 1, column 33 (is it Latin-1 or Shift_JIS?)")
    }
  }

  /// Processing instructions without data crashed FoundationXML (found by fuzzing); they
  /// carry nothing and are blanked out, lines kept.
  @Test func emptyProcessingInstructionsAreHarmless() throws {
    let graph = "<graphml><graph edgedefault=\"directed\"><node id=\"a\"/><node id=\"b\"/><edge source=\"a\" target=\"b\"/></graph></graphml>"
    for prefix in ["<?xml version=\"1.0\"?>\n<?foo?>\n", "<?xml?>\n", "<?xml version=\"1.0\"?>\n<? x<?xml?>?>\n", "<?xml version=\"1.0\"?>\n<?p   ?>\n"] {
      let result = Result { try GraphMLReader.parse(Data((prefix + graph).utf8), file: "pi.graphml") }
      switch result {
      case .success(let network): #expect(network.dependencies.count == 1, "\(prefix)")
      case .failure(let error): #expect(error is DataError, "\(prefix)")
      }
    }
    #expect(GraphMLReader.blankEmptyProcessingInstructions(Data("a<?x?>\nb".utf8)) == Data("a     \nb".utf8))
  }
}
