import Foundation
import Testing
import _RensaTestSupport
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

  static let probabilities = "shelby-county/INDP_7-20-2015/Failure probabilities"

  @Test func earthquakeProbabilitiesBecomeScenariosForWaterAndGas() throws {
    let folder = try #require(TestPaths.sharedDataset(Self.probabilities), "the Failure probabilities folder is absent")
    let (dataset, report) = try ShelbyCountyImporter.read(
      directory: TestPaths.sharedDataset("shelby-county/Extended_Shelby_County")!.path, failureProbabilities: folder.path)
    #expect(dataset.scenarios.map(\.id) == ["earthquake-M6", "earthquake-M7", "earthquake-M8", "earthquake-M9"])
    for scenario in dataset.scenarios {
      // Every water and gas node (49 + 16) and every Extended water and gas arc (71 + 17), once.
      let nodes = scenario.events.compactMap { e -> String? in if case .node(let id) = e.target { return id } else { return nil } }
      #expect(nodes.count == 65 && Set(nodes).count == 65)
      #expect(scenario.events.count == 65 + 71 + 17)
      #expect(scenario.events.allSatisfy { $0.probability > 0 && $0.probability < 1 && $0.durationHours == nil })
    }
    // probM6.txt line 476: "(  1,   1) 0.0367" is water node 1 of the original model, water:0 here.
    let m6 = dataset.scenarios[0]
    #expect(m6.events.first { $0.target == .node("water:0") }?.probability == 0.0367)
    // Line 176: "( 14,  15,   2) 0.0513" (listed both ways there) is the Extended arc gas:13 → gas:14.
    #expect(m6.events.first { $0.target == .dependency(supplier: "gas:13", dependent: "gas:14") }?.probability == 0.0513)
    // Stronger shaking, higher probabilities, event by event.
    for (a, b) in zip(dataset.scenarios, dataset.scenarios.dropFirst()) {
      #expect(zip(a.events, b.events).allSatisfy { $0.target == $1.target && $0.probability < $1.probability })
    }
    // Power is reported, not dropped silently: one entry per file.
    let power = report.skipped.filter { $0.reason.contains("power node") }
    #expect(power.count == 4)
    #expect(power.allSatisfy { $0.reason.hasPrefix("60 power node and 152 directed arc failure probabilities") })
    #expect(try DatasetReader.parse(DatasetWriter.json(dataset), file: "shelby.json") == dataset)
  }

  /// The M9 scenario taken as certain: with no delays or groups in the data, what fails
  /// is what the failed nodes and cut lines reach — checked with a plain search.
  @Test func earthquakeTimelineIsWhatTheDamageReaches() throws {
    let folder = try #require(TestPaths.sharedDataset(Self.probabilities), "the Failure probabilities folder is absent")
    let (dataset, _) = try ShelbyCountyImporter.read(
      directory: TestPaths.sharedDataset("shelby-county/Extended_Shelby_County")!.path, failureProbabilities: folder.path)
    let s = try ScenarioAnalysis(dataset: dataset, scenario: "earthquake-M9")
    let network = s.cascade.network
    var reached = Set<Int>()
    var stack: [Int] = []
    for event in s.scenario.events {
      switch event.target {
      case .node(let id): stack.append(network.index(of: id)!)
      case .dependency(_, let d): stack.append(network.index(of: d)!)
      }
    }
    let graph = network.digraph
    while let v = stack.popLast() {
      guard reached.insert(v).inserted else { continue }
      for w in graph.successors(of: v) { stack.append(Int(w)) }
    }
    let failed = Set(network.nodeIDs.indices.filter { s.cascade.timeline.failedAt[$0] == 0 })
    #expect(failed == reached)
    #expect(s.cascade.timeline.failedCount == failed.count && failed.count > 100)
    #expect(s.cascade.timeline.restoredAt.allSatisfy { !$0.isFinite })  // no durations in the data
    #expect(s.uncertainEvents.count == 153)
  }

  /// The M9 scenario as a Monte Carlo: every node fails at least as often as its own
  /// damage, a node nothing feeds fails exactly that often, and thread counts agree.
  @Test func earthquakeMonteCarlo() throws {
    let folder = try #require(TestPaths.sharedDataset(Self.probabilities), "the Failure probabilities folder is absent")
    let (dataset, _) = try ShelbyCountyImporter.read(
      directory: TestPaths.sharedDataset("shelby-county/Extended_Shelby_County")!.path, failureProbabilities: folder.path)
    let one = try ScenarioMonteCarlo(dataset: dataset, scenario: "earthquake-M9", trials: 4000, seed: 9, threads: 1)
    let two = try ScenarioMonteCarlo(dataset: dataset, scenario: "earthquake-M9", trials: 4000, seed: 9, threads: 2)
    #expect(one.nodes == two.nodes && one.sectors == two.sectors)
    let scenario = try #require(dataset.scenarios.first { $0.id == "earthquake-M9" })
    let network = one.deterministic.cascade.network
    let fed = Set(network.dependencies.map { network.nodeIDs[$0.dependent] })
    var checkedSources = 0
    for event in scenario.events {
      guard case .node(let id) = event.target, let estimate = one.nodes.first(where: { $0.id == id }) else { continue }
      let sigma = (event.probability * (1 - event.probability) / 4000).squareRoot()
      #expect(estimate.probability >= event.probability - 4 * sigma, "\(id)")
      if !fed.contains(id) {
        #expect(abs(estimate.probability - event.probability) <= 4 * sigma, "\(id) has no supplier")
        checkedSources += 1
      }
    }
    #expect(checkedSources > 0)
    // 49 water nodes, each damaged with probability 0.24–0.52 at M9: some water node
    // fails in practically every trial.
    #expect(one.sectors.first { $0.sector == "water" }.map { $0.probabilityAffected > 0.99 } == true)
  }

  @Test func aNumberingThatDoesNotMapIsNotJoined() throws {
    let folder = try #require(TestPaths.sharedDataset(Self.probabilities), "the Failure probabilities folder is absent")
    let copy = FileManager.default.temporaryDirectory.appendingPathComponent("rensa-prob-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: copy, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: copy) }
    for m in 6...9 {
      var text = try String(contentsOf: folder.appendingPathComponent("probM\(m).txt"), encoding: .utf8)
      // Renumber one gas arc onto a pair of nodes that the Extended gas network does not link.
      if m == 7 { text = text.replacingOccurrences(of: "( 14,  15,   2)", with: "(  1,  15,   2)") }
      try text.write(to: copy.appendingPathComponent("probM\(m).txt"), atomically: true, encoding: .utf8)
    }
    let (dataset, report) = try ShelbyCountyImporter.read(
      directory: TestPaths.sharedDataset("shelby-county/Extended_Shelby_County")!.path, failureProbabilities: copy.path)
    let m7 = dataset.scenarios[1]
    #expect(!m7.events.contains { $0.targetDescription.hasPrefix("gas:") })
    #expect(m7.events.count == 49 + 71)
    #expect(report.skipped.contains { $0.file == "probM7.txt" && $0.reason.hasPrefix("16 gas node") && $0.reason.contains("does not map") })
    #expect(dataset.scenarios[0].events.count == 153)
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
    let closure = try TransitiveClosure(network.digraph)
    for (v, id) in network.nodeIDs.enumerated() {
      let descendants = closure.descendants(of: v).map { network.nodeIDs[$0] }.sorted()
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

extension ShelbyCountyTests {
  /// The modelling choices are options, not edits of the imported dependencies: each
  /// changes exactly what it says, and the defaults are the stated reading.
  @Test func modellingOptionsChangeOnlyWhatTheySay() throws {
    let directory = TestPaths.sharedDataset("shelby-county/Extended_Shelby_County")!.path
    let (base, _) = try ShelbyCountyImporter.read(directory: directory)
    func network(_ id: String) -> Substring { id.split(separator: ":")[0] }
    func isArc(_ d: Dependency) -> Bool { network(d.supplier) == network(d.dependent) }
    let arcs = base.dependencies.filter(isArc)
    let interdependencies = base.dependencies.filter { !isArc($0) }
    #expect(arcs.allSatisfy { $0.group == nil && $0.delayHours == 0 } && base.provenance.contains("Arcs read Start Node → End Node"))

    // Both ways: every arc and its reverse, each once; interdependencies unchanged.
    let (both, _) = try ShelbyCountyImporter.read(directory: directory, options: .init(arcDirection: .bothWays))
    let pairs = Set(both.dependencies.filter(isArc).map { "\($0.supplier)>\($0.dependent)" })
    #expect(pairs.count == both.dependencies.filter(isArc).count)  // no pair twice
    var expected = Set<String>()
    for a in arcs { expected.insert("\(a.supplier)>\(a.dependent)"); expected.insert("\(a.dependent)>\(a.supplier)") }
    #expect(pairs == expected)
    #expect(both.dependencies.filter { !isArc($0) } == interdependencies)
    #expect(both.provenance.contains("Arcs read both ways"))

    // Any feeder in the node's own network, with delays and recovery.
    let options = ShelbyCountyImporter.Options(
      redundancy: .anyFeederInOwnNetwork, arcDelayHours: 4, interdependencyDelayHours: 2, recoveryHours: 1)
    let (any, _) = try ShelbyCountyImporter.read(directory: directory, options: options)
    #expect(any.dependencies.count == base.dependencies.count)
    for (a, b) in zip(base.dependencies, any.dependencies) {
      #expect(a.supplier == b.supplier && a.dependent == b.dependent)
      if isArc(a) {
        #expect(b.group == "\(network(a.dependent))-supply" && b.need == 1 && b.delayHours == 4)
      } else {
        #expect(b.group == nil && b.delayHours == 2)
      }
      #expect(b.recoveryHours == 1)
    }
    // Redundancy can only shrink what a single failure brings down, and does for some node.
    let plain = try ClosureAnalysis(base.dependencyNetwork)
    let redundant = try ClosureAnalysis(any.dependencyNetwork)
    let before = Dictionary(uniqueKeysWithValues: plain.nodes.map { ($0.id, $0.downstreamWithRedundancy) })
    #expect(redundant.nodes.allSatisfy { $0.downstreamWithRedundancy <= before[$0.id]! })
    #expect(redundant.nodes.contains { $0.downstreamWithRedundancy < before[$0.id]! })
    // The delays reach the timeline: a power failure reaches its first dependent 4 h later.
    let cascade = try CascadeAnalysis(any.dependencyNetwork, failures: [InitialFailure(id: "power:0")])
    #expect(cascade.events.dropFirst().allSatisfy { $0.failedAt >= 2 })

    #expect(throws: DataError.self) {
      try ShelbyCountyImporter.read(directory: directory, options: .init(arcDelayHours: -1))
    }
  }
}
