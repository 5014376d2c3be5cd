import Foundation
import Testing
import _RensaTestSupport
import Rensa

@Suite struct ExampleNetworkTests {
  @Test func embeddedCopyMatchesDatasetsFile() throws {
    let file = TestPaths.repository.appendingPathComponent("Datasets/example/example-network.csv")
    let text = try String(contentsOf: file, encoding: .utf8)
    #expect(
      BuiltinDatasets.exampleNetworkCSV == text,
      "Sources/Rensa/BuiltinData.generated.swift is stale: run .ci/embed-datasets")
  }

  @Test func loadsCleanly() {
    let network = BuiltinDatasets.exampleNetwork()
    #expect(network.nodeIDs.count == 43)
    #expect(network.dependencies.count == 72)
    #expect(network.notes.isEmpty)
  }

  /// Values checked by hand against Datasets/example/example-network.csv.
  @Test func handCheckedClosureFigures() throws {
    let network = BuiltinDatasets.exampleNetwork()
    let analysis = try ClosureAnalysis(network)
    func node(_ id: String) -> ClosureAnalysis.Node { analysis.nodes[network.index(of: id)!] }
    // Losing the transmission grid certainly fails only what has no backup power:
    // both substations, then train control and rail service (east) and the bank's
    // backup site (west). Every other consumer has a battery, UPS or generator.
    #expect(node("grid-transmission").downstreamWithRedundancy == 5)
    // Read as if every dependency were required, the grid sits on the big
    // power–telecom–fuel loop and reaches 33 of the 42 other nodes.
    #expect(node("grid-transmission").downstream == 33)
    // The hospital depends, transitively, on 23 nodes (listed by `--to hospital`).
    #expect(node("hospital").upstream == 23)
    #expect(ClosureQuery.upstream(of: "hospital", in: network)?.count == 23)
    // Backup sources supply but depend on nothing.
    #expect(node("hospital-generator").upstream == 0)
    #expect(ClosureQuery.downstream(of: "hospital-generator", in: network) == ["electronic-medical-records", "hospital"])
    // One mutual-dependency loop: power ⇄ telecom ⇄ fuel logistics ⇄ gas.
    #expect(analysis.loops.count == 1)
    #expect(analysis.loops[0].count == 13)
    #expect(analysis.loops[0].contains("telecom-core-a") && analysis.loops[0].contains("fuel-logistics"))
    #expect(analysis.dependsOn("hospital", "grid-transmission") == true)
    #expect(analysis.dependsOn("hospital-generator", "hospital") == false)
    #expect(
      ClosureQuery.chain(from: "water-treatment", to: "electronic-medical-records", in: network)
        == ["water-treatment", "water-pumping", "hospital", "electronic-medical-records"])
    // Single points of failure of the hospital: mains water has no alternative.
    let spof = try SinglePointsOfFailure(network)
    #expect(spof.byNode.first { $0.id == "hospital" }?.causes == ["water-pumping", "water-treatment"])
    #expect(spof.byNode.first { $0.id == "grid-transmission" }?.causes == ["power-control-system"])
    // The ranking puts the redundancy-aware reach first.
    #expect(analysis.rankedByCriticality.first?.id == "telecom-core-b")
  }
}
