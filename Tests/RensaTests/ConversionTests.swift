import Foundation
import Rensa
import Testing
import _RensaTestSupport

/// The conversions a researcher reaches for first, and the id-keyed cascade events.
struct ConversionTests {
  @Test func networksFromAndToEdgePairs() throws {
    let pairs = [("grid", "hospital"), ("grid", "water"), ("water", "hospital"), ("grid", "hospital")]
    let network = try DependencyNetwork(edges: pairs)
    #expect(network.nodeIDs == ["grid", "hospital", "water"])  // order of first appearance
    #expect(network.edges.map { "\($0.supplier)>\($0.dependent)" } == ["grid>hospital", "grid>water", "water>hospital"])
    #expect(network.notes.contains { $0.reason.contains("duplicate of the edge on line 1; merged") })
    // The same network as the CSV reader gives.
    let csv = try EdgeListReader.parse("supplier,dependent\n" + pairs.map { "\($0.0),\($0.1)" }.joined(separator: "\n"), file: "e.csv")
    #expect(csv.nodeIDs == network.nodeIDs && csv.edges.map(\.supplier) == network.edges.map(\.supplier))
    // Round trip.
    let again = try DependencyNetwork(edges: network.edges.map { ($0.supplier, $0.dependent) })
    #expect(again.edges.map(\.dependent) == network.edges.map(\.dependent))
    #expect(throws: DataError.self) { try DependencyNetwork(edges: [("", "a"), ("b\u{1B}", "c")]) }
    do {
      _ = try DependencyNetwork(edges: [("a", ""), ("b\u{1B}", "c")])
    } catch {
      #expect(error.issues.map(\.line) == [1, 2])  // every problem, each by its position
    }
  }

  @Test func matricesFromAndToRows() {
    let rows: [[Double]] = [[1, 2, 3], [4, 5, 6]]
    let m = Matrix(rowMajor: rows)
    #expect(m.rows == 2 && m.columns == 3 && m[1, 0] == 4)
    #expect(m.rowMajor == rows)
    #expect(Matrix(rowMajor: m.transposed.rowMajor).rowMajor == [[1, 4], [2, 5], [3, 6]])
  }

  @Test func incidenceWithoutEmptyEntitiesAndClustersAsMembers() {
    let m = IncidenceMatrix(
      entities: ["a", "empty", "b", "c"], features: ["x", "y"],
      weights: Matrix(rowMajor: [[1, 0], [0, 0], [1, 1], [0, 1]]))
    #expect(m.emptyEntities == ["empty"])
    let kept = m.withoutEmptyEntities
    #expect(kept.entities == ["a", "b", "c"] && kept.weights.rowMajor == [[1, 0], [1, 1], [0, 1]])
    #expect(kept.clusters([2, 1, 2]) == [["b"], ["a", "c"]])
    #expect(kept.clusters([1, 3, 3]) == [["a"], ["b", "c"]])  // label 2 unused: no empty cluster
  }

  @Test func cascadeEventsByIdAgreeWithTheTimeline() throws {
    for seed in UInt64(1)...20 {
      var rng = Xoshiro256StarStar(seed: seed)
      let graph = GraphGenerators.arbitrary(maxNodes: 30, rng: &rng)
      let ids = (0..<graph.nodeCount).map { "n\($0)" }
      var pairs: [(String, String)] = []
      for v in 0..<graph.nodeCount { for w in graph.successors(of: v) where Int(w) != v { pairs.append((ids[v], ids[Int(w)])) } }
      guard !pairs.isEmpty else { continue }
      let network = try DependencyNetwork(edges: pairs)
      let start = network.nodeIDs[Int(rng.next() % UInt64(network.nodeIDs.count))]
      let cascade = try CascadeAnalysis(network, failures: [InitialFailure(id: start, start: 1, duration: 5)])
      let events = cascade.events
      #expect(events.map(\.id) == cascade.timeline.order.map { network.nodeIDs[Int($0)] })
      #expect(events.first?.id == start && events.first?.isInitial == true)
      for e in events {
        #expect(cascade.failedAt(e.id) == e.failedAt)
        #expect(cascade.restoredAt(e.id) == e.restoredAt)
        #expect(cascade.event(e.id) == e)
        #expect(cascade.causeChain(of: e.id) == e.causes)
        if let supplier = e.causes.first {
          // The nearest cause failed no later than this node.
          #expect(try #require(cascade.failedAt(supplier)) <= e.failedAt)
        }
      }
      for id in network.nodeIDs where !events.contains(where: { $0.id == id }) {
        #expect(cascade.event(id) == nil && cascade.failedAt(id) == nil)
      }
      #expect(cascade.event("no such node") == nil && cascade.causeChain(of: "no such node") == nil)
    }
  }
}
