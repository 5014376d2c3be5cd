import Rensa
import RensaGraph
import Testing
import _RensaTestSupport

@Suite struct FailureSetsTests {
  let network = DependencyNetwork(
    nodeIDs: ["grid", "generator", "hospital", "lab"],
    dependencies: [
      .init(supplier: 0, dependent: 2, group: "power"), .init(supplier: 1, dependent: 2, group: "power"),
      .init(supplier: 2, dependent: 3),
    ])

  @Test func theDocumentedExample() throws {
    let nk = try FailureSets(network, k: 2)
    #expect(nk.sets(of: "lab", size: 2) == [["grid", "generator"]])
    #expect(nk.sets(of: "lab", size: 1) == [["hospital"]])
    #expect(nk.sets(of: "nowhere", size: 1) == nil)
    #expect(nk.top(size: 2) == [.init(nodes: ["grid", "generator"], beyond: 2, failed: 4)])
    #expect(nk.mostExposed(size: 2, limit: 5).map(\.id) == ["hospital", "lab"])
    #expect(nk.counts(size: 1).map(\.count) == [0, 0, 0, 1])
  }

  @Test func refusesSizesOutsideOneToThree() {
    for k in [0, 4, -1] {
      #expect(throws: FailureSets.Problem.sizeOutOfRange(k)) { try FailureSets(network, k: k) }
    }
  }

  /// Size 1 is what `SinglePointsOfFailure` lists.
  @Test func sizeOneIsTheSinglePointsOfFailure() throws {
    let spof = try SinglePointsOfFailure(network)
    let nk = try FailureSets(network, k: 1)
    for (id, causes) in spof.byNode { #expect(nk.sets(of: id, size: 1)!.map { $0[0] }.sorted() == causes) }
  }
}

/// Shelby County, read with both directions and any feeder in the own network: N-2 and N-3
/// against enumeration on the real networks, and the figures Docs/NMinusK.md quotes.
@Suite struct ShelbyCountyFailureSetsTests {
  @Test(.enabled(if: TestPaths.sharedDataset("shelby-county") != nil, "skipped: ../shared/datasets/shelby-county is absent"))
  func criticalPairsPerNetworkMatchEnumeration() throws {
    let shared = SharedDatasets(root: TestPaths.sharedDatasets.path)
    let (dataset, _) = try shared.shelbyCounty(
      scenarios: false, options: .init(arcDirection: .bothWays, redundancy: .anyFeederInOwnNetwork))
    let network = dataset.dependencyNetwork
    let nk = try FailureSets(network, k: 2)
    let expected = Naive.minimalFailureSets(network.requirementGraph, maxSize: 2)
    for size in 1...2 {
      #expect(nk.result.counts(size: size) == expected[size - 1].map(\.count))
    }
    #expect(nk.result.counts(size: 2).reduce(0, +) == 385 && nk.result.counts(size: 1).reduce(0, +) == 160)
    let first = try #require(nk.top(size: 2).first)
    #expect(first.nodes == ["power:9", "power:56"] && first.beyond == 16 && first.failed == 19)
    // Per network: what the top pair brings down, by sector.
    let sectorOf = dataset.sectorOfNode
    let brought = Set(network.nodeIDs.indices.filter { y in
      expected[1][y].contains([network.index(of: "power:9")!, network.index(of: "power:56")!].sorted())
    }.map { network.nodeIDs[$0] })
    var bySector: [String: Int] = [:]
    for id in brought { bySector[sectorOf[id]!, default: 0] += 1 }
    #expect(bySector == ["electric-power": 5, "information-communications": 5, "gas": 3, "water": 3])
    let water = Set(network.nodeIDs.filter { sectorOf[$0] == "water" })
    #expect(nk.top(size: 2, limit: 1, amongNodes: water).first?.nodes == ["power:8", "power:71"])
  }
}
