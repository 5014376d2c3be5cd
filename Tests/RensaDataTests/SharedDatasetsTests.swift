import Foundation
import RensaData
import Testing
import _RensaTestSupport

/// Datasets by name: the built-in ones, and the shared public ones read where they are.
struct SharedDatasetsTests {
  @Test func builtInDatasetsByName() throws {
    let nisc = try #require(BuiltinDatasets.dataset(named: "nisc-2009"))
    #expect(nisc.name == "nisc-2009" && !nisc.incidents.isEmpty)
    #expect(BuiltinDatasets.dataset(named: "example-network") == nil)  // a network, not a dataset
    #expect(BuiltinDatasets.dataset(named: "nisc-2010") == nil)
    let example = try #require(BuiltinDatasets.network(named: "example-network"))
    #expect(example.nodeIDs == BuiltinDatasets.exampleNetwork().nodeIDs)
    let niscNetwork = try #require(BuiltinDatasets.network(named: "nisc-2009"))
    #expect(niscNetwork.nodeIDs == nisc.dependencyNetwork.nodeIDs)
  }

  @Test(.enabled(if: TestPaths.sharedDataset("MANIFEST.md") != nil, "skipped: ../shared/datasets is absent"))
  func sharedDatasetsByNameAreTheImportersResults() throws {
    let shared = SharedDatasets(root: TestPaths.sharedDatasets.path)
    let (shelby, _) = try shared.shelbyCounty()
    let direct = try ShelbyCountyImporter.read(
      directory: TestPaths.sharedDatasets.appendingPathComponent("shelby-county/Extended_Shelby_County").path,
      failureProbabilities: TestPaths.sharedDatasets.appendingPathComponent("shelby-county/INDP_7-20-2015/Failure probabilities").path)
    #expect(shelby == direct.dataset && !shelby.scenarios.isEmpty)
    #expect(try shared.shelbyCounty(scenarios: false).dataset.scenarios.isEmpty)
    let (kev, version) = try shared.knownExploitedVulnerabilities()
    #expect(kev.count > 1_000 && version != nil)
    let (attack, _) = try shared.attackICS(version: "18.1")
    #expect(attack.objects.contains { $0.kind == .technique })
    do {
      _ = try shared.attackICS(version: "9.9")
      Issue.record("expected an error")
    } catch {
      #expect(error.issues.first?.hint?.contains("18.1") == true)
    }
    // An absent folder is a file that cannot be read, named.
    do {
      _ = try SharedDatasets(root: "/nonexistent").knownExploitedVulnerabilities()
      Issue.record("expected an error")
    } catch {
      #expect(error.unreadable?.kind == .missing)
    }
  }
}
