import Foundation
import Testing
import _RensaTestSupport
import RensaData
import RensaGraph

@Suite struct IntegerEdgeListTests {
  @Test func roundTripsGeneratedWorkloads() throws {
    let graph = GraphGenerators.hardFamily(n: 500, seed: 3)
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("rensa-int-\(UUID().uuidString).tsv").path
    try IntegerEdgeList.write(graph, to: path, comment: "family=hard seed=3")
    #expect(try IntegerEdgeList.read(path: path) == graph)
  }

  @Test func acceptsHeadersSeparatorsAndDeclaredNodeCount() throws {
    let text = "# rensa-edges nodes=6\nsupplier\tdependent\n0\t1\n1 2\n2,0\r\n\n# comment\n"
    let graph = try IntegerEdgeList.parse(Data(text.utf8), file: "t.tsv")
    #expect(graph.nodeCount == 6)
    #expect(graph.edges.map { "\($0.0)>\($0.1)" } == ["0>1", "1>2", "2>0"])
  }

  @Test func reportsEveryBadLine() {
    let text = "0\t1\nx\t2\n3\t-4\n5\t6\t7\n8\n"
    do {
      _ = try IntegerEdgeList.parse(Data(text.utf8), file: "bad.tsv")
      Issue.record("expected a DataError")
    } catch {
      #expect(error.issues.map { $0.line } == [2, 3, 4, 5])
    }
    #expect(throws: DataError.self) { try IntegerEdgeList.parse(Data("# nodes=2\n0\t5\n".utf8), file: "n.tsv") }
  }

  /// A few bytes naming an enormous node count (found by fuzzing: first a 1.8 GB
  /// allocation, then an overflow) are refused against the memory limit.
  @Test func anEnormousNodeCountIsRefusedNotAllocated() {
    for text in ["# nodes=9223372036854775807\n0\t1\n", "# nodes=4611686018427387904\n0\t1\n"] {
      do {
        _ = try IntegerEdgeList.parse(Data(text.utf8), file: "huge.tsv")
        Issue.record("accepted \(text)")
      } catch {
        #expect(error.issues.first?.reason.contains("more than the memory limit") == true)
      }
    }
  }
}
