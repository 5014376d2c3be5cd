import Rensa
import RensaGraph
import Testing
import _RensaTestSupport

/// The sweep by node id against the scenario timeline at chosen lengths, on the built-in
/// dataset, and its errors.
@Suite struct OutageSweepTests {
  @Test func matchesTheTimelineOnTheBuiltInDataset() throws {
    let dataset = BuiltinDatasets.nisc2009(syntheticIncidents: nil)
    let network = dataset.dependencyNetwork
    let sweep = try OutageSweep(dataset: dataset, initiating: ["electric-power"])
    for d in [0.5, 1, 2.5, 3, 3.25, 6, 12, 24, 27.5, 28, 30, 72, 200] {
      let timeline = try CascadeAnalysis(network, failures: [.init(id: "electric-power", duration: d)])
      let failed = network.nodeIDs.filter { timeline.failedAt($0) != nil }
      #expect(sweep.failedCount(duration: d) == failed.count, "duration \(d)")
      for id in network.nodeIDs {
        let b = sweep.breakpoint(of: id)
        // Fails exactly for the lengths beyond its breakpoint.
        #expect((timeline.failedAt(id) != nil) == (b.map { d > $0 } ?? false), "\(id) at \(d) h")
      }
    }
    // The 72-hour scenario of the dataset fails 25 of 32 nodes (Docs/Cascade.md's example).
    #expect(sweep.failedCount(duration: 72) == 25)
    #expect(sweep.breakpoints.first?.breakpoint == 0)
    let medical = try #require(sweep.breakpoint(of: "medical"))
    #expect(sweep.slack(of: "medical", duration: medical - 1) == 1 && sweep.slack(of: "medical", duration: medical + 1) == 0)
    // User-hours grow with the outage.
    let hours = OutageSweep.standardDurations.compactMap { sweep.userHours(duration: $0) }
    #expect(hours == hours.sorted())
  }

  @Test func namesEveryProblem() {
    let network = BuiltinDatasets.nisc2009(syntheticIncidents: nil).dependencyNetwork
    #expect {
      try OutageSweep(network, initiating: ["electric-powr", "water", "water"], start: -1)
    } throws: { error in
      let text = "\(error)"
      return text.contains("unknown node 'electric-powr'") && text.contains("did you mean 'electric-power'")
        && text.contains("'water' is given twice") && text.contains("start -1.0")
    }
  }
}
