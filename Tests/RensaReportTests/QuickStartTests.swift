import Foundation
import Rensa
import RensaReport
import Testing
import _RensaTestSupport

/// README.md's quick start, compiled and run: the code between the markers below is the
/// README's block word for word (a test compares them), so the README cannot rot.
struct QuickStartTests {
  @Test func theQuickStartRunsAndGivesItsAnswers() throws {
    let out = NSTemporaryDirectory() + "rensa-quick-start-\(UUID().uuidString)"
    defer { try? FileManager.default.removeItem(atPath: out) }
    var steps: [String] = []
    // quick-start begin
    // A dataset: the built-in one (or DatasetReader.read(path:) for yours; every problem listed).
    let dataset = BuiltinDatasets.nisc2009()
    let network = dataset.dependencyNetwork  // named nodes, edges supplier → dependent

    // Static closure: who depends on whom, with redundancy understood.
    let closure = try ClosureAnalysis(network)
    for node in closure.rankedByCriticality.prefix(3) {
      print(node.id, node.downstreamWithRedundancy, node.downstream, node.upstream, node.depth)
    }
    let singlePoints = try SinglePointsOfFailure(network)  // who fails alone with each node

    // Cascade over time: a scenario of the dataset, what fails when, and why.
    let scenario = try ScenarioAnalysis(dataset: dataset, scenario: dataset.scenarios[0].id)
    for event in scenario.cascade.events.prefix(3) {
      print(event.id, event.failedAt, event.restoredAt ?? .infinity, event.causes)
    }

    // Leontief inoperability from the dataset's sector couplings: 10 % of power lost.
    let iim = try InoperabilityModel(couplingsOf: dataset)
    var shock = [Double](repeating: 0, count: iim.sectors.count)
    shock[iim.sectorIndex("electric-power")!] = 0.1
    let equilibrium = try iim.equilibrium(shock)

    // Sectors clustered by the threats of their incidents (scipy's average linkage).
    let incidence = IncidenceMatrix.sectorsByThreat(dataset, feature: .threat).withoutEmptyEntities
    let tree = try Linkage(try incidence.binary.distances(.jaccard), method: .average)
    let clusters = incidence.clusters(tree.clusters(count: 3))

    // The annual report, written all or nothing.
    let report = try AnnualReport.build(dataset: dataset) { step, total, what in steps.append(what) }
    let files = try report.write(to: out, formats: [.html, .json])
    // quick-start end

    #expect(closure.rankedByCriticality.count == network.nodeIDs.count)
    #expect(singlePoints.byNode.count == network.nodeIDs.count)
    let first = try #require(scenario.cascade.events.first)
    #expect(first.isInitial && first.causes.isEmpty)
    // Every later failure names a chain of causes ending at an initial failure.
    for event in scenario.cascade.events where !event.isInitial {
      let origin = try #require(event.causes.last)
      #expect(scenario.cascade.event(origin)?.isInitial == true, "\(event.id): \(event.causes)")
    }
    #expect(equilibrium.inoperability[iim.sectorIndex("electric-power")!] >= 0.1)
    #expect(clusters.count >= 1 && clusters.count <= 3)
    #expect(Set(clusters.joined()) == Set(incidence.entities))
    #expect(steps.last == "done" && steps.count > 5)
    #expect(files.count == 2 && files.allSatisfy { FileManager.default.fileExists(atPath: $0) })
    #expect(try String(contentsOfFile: files[1], encoding: .utf8) == report.jsonText)
  }

  /// The README's block is this test's block, line for line.
  @Test func theReadmeShowsExactlyThisCode() throws {
    func trimmed(_ lines: ArraySlice<String>) -> [String] {
      lines.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }
    let source = try String(contentsOf: URL(fileURLWithPath: #filePath), encoding: .utf8)
      .split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    let begin = try #require(source.firstIndex { $0.hasSuffix("// quick-start " + "begin") })
    let end = try #require(source.firstIndex { $0.hasSuffix("// quick-start " + "end") })
    let tested = trimmed(source[(begin + 1)..<end])

    let readme = try String(contentsOf: TestPaths.repository.appendingPathComponent("README.md"), encoding: .utf8)
      .split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    let marker = try #require(readme.firstIndex { $0.contains("<!-- quick-start: Tests/RensaReportTests/QuickStartTests.swift -->") })
    let open = try #require(readme[marker...].firstIndex { $0.hasPrefix("```swift") })
    let close = try #require(readme[(open + 1)...].firstIndex { $0.hasPrefix("```") })
    // The README adds what the test declares above its block: the imports, the output
    // folder and the list of progress steps.
    let prelude = ["import Rensa", "import RensaReport", "let out = \"rensa-report\"", "var steps: [String] = []"]
    let shown = trimmed(readme[(open + 1)..<close])
    #expect(tested.count > 20)
    #expect(Array(shown.prefix(prelude.count)) == prelude)
    #expect(Array(shown.dropFirst(prelude.count)) == tested)
  }
}
