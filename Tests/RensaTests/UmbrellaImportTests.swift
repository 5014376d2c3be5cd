import Rensa
import Testing

/// `import Rensa` alone is enough for the analyses' public API: the model and readers
/// (RensaData) and the kernel types the API takes and returns (`Matrix`,
/// `ClosureOptions`, `MemoryLimitExceeded`, `Digraph`) are re-exported. This file
/// imports nothing else; it would not compile otherwise.
struct UmbrellaImportTests {
  @Test func theAnalysesNeedOnlyImportRensa() throws {
    let network = try EdgeListReader.parse(
      "supplier,dependent,group,need\ngrid,hospital,power,1\ngenerator,hospital,power,1\nwater,hospital,,\ngrid,water,,\n",
      file: "edges.csv")
    let closure = try ClosureAnalysis(network, options: ClosureOptions(threadCount: 1))
    let grid = try #require(closure.nodes.first { $0.id == "grid" })
    #expect(grid.downstream == 2 && grid.downstreamWithRedundancy == 2)  // water, then the hospital needs water
    let generator = try #require(closure.nodes.first { $0.id == "generator" })
    #expect(generator.downstream == 1 && generator.downstreamWithRedundancy == 0)  // the grid covers power
    let digraph: Digraph = network.digraph
    #expect(digraph.nodeCount == 4)

    let model = try InoperabilityModel(
      sectors: ["power", "water"], interdependency: Matrix(rows: 2, columns: 2, columnMajor: [0, 0.5, 0.2, 0]), origin: "test")
    let q = try model.equilibrium([0.1, 0])
    // q = (I − A*)⁻¹ c*: q_power = 0.1 / (1 − 0.1), q_water = 0.5 q_power.
    #expect(abs(q.inoperability[0] - 0.1 / 0.9) < 1e-12)
    #expect(abs(q.inoperability[1] - 0.05 / 0.9) < 1e-12)
  }
}
