import Foundation
import Testing
import _RensaTestSupport
import Rensa
import RensaGraph

@Suite struct CascadeAnalysisTests {
  @Test func failureSpecificationsParse() {
    #expect(InitialFailure.parse("grid") == InitialFailure(id: "grid"))
    #expect(InitialFailure.parse(" grid@2.5 ") == InitialFailure(id: "grid", start: 2.5))
    #expect(InitialFailure.parse("a@b@0+72") == InitialFailure(id: "a@b", start: 0, duration: 72))
    for bad in ["", "@3", "grid@", "grid@-1", "grid@0+0", "grid@0+x", "grid@nan", "grid@inf"] {
      #expect(InitialFailure.parse(bad) == nil, "\(bad)")
    }
  }

  @Test func unknownNodesAreReportedTogether() throws {
    let network = try EdgeListReader.parse("supplier,dependent\ngrid,hospital\n", file: "e.csv")
    do {
      _ = try CascadeAnalysis(network, failures: [InitialFailure(id: "gird"), InitialFailure(id: "x"), InitialFailure(id: "grid", start: 1, duration: -2)], source: "--fail")
      Issue.record("expected a DataError")
    } catch {
      #expect(error.issues.map(\.description) == [
        "--fail: field 'gird': unknown node 'gird' (did you mean 'grid'?)", "--fail: field 'x': unknown node 'x'",
        "--fail: field 'grid': duration -2.0 is not a number of hours > 0",
      ])
    }
  }

  @Test func edgeListTimingColumnsAndExplanations() throws {
    let text = """
      supplier,dependent,group,delay_h,recovery_h,probability
      grid,telecom,,3,2,1
      telecom,bank,,0.5,1,0.9
      grid,hospital,power,0,1,
      fuel,hospital,power,0,2,
      grid,fuel,,6,12,
      """
    let network = try EdgeListReader.parse(text, file: "e.csv")
    #expect(network.dependencies.map(\.delay) == [3, 0.5, 0, 0, 6] && network.dependencies[1].probability == 0.9)
    let a = try CascadeAnalysis(network, failures: [InitialFailure(id: "grid", duration: 48)])
    #expect(a.failedAt("bank") == 3.5 && a.restoredAt("bank") == 51)
    #expect(a.failedAt("hospital") == 6 && a.restoredAt("hospital") == 49)
    #expect(a.causeChain(of: network.index(of: "bank")!) == ["telecom", "grid"])
    #expect(a.explanation(of: network.index(of: "telecom")!) == "telecom fails at 3 h: grid failed at 0 h and telecom held out 3 h on backup; restored at 50 h.")
    #expect(a.explanation(of: network.index(of: "hospital")!) == "hospital fails at 6 h: all its alternatives in group 'power' were lost: grid (lost at 0 h), fuel (lost at 6 h); restored at 49 h.")
    #expect(a.explanation(of: network.index(of: "grid")!) == "grid fails at 0 h (initial failure); restored at 48 h.")
    let bad = "supplier,dependent,delay_h,probability\na,b,-1,2\na,c,x,0.5\n"
    do {
      _ = try EdgeListReader.parse(bad, file: "bad.csv")
      Issue.record("expected a DataError")
    } catch {
      let found = error.issues.map(\.description)
      #expect(found.contains("bad.csv:2: field 'delay_h': '-1' is not a number of hours ≥ 0"))
      #expect(found.contains("bad.csv:2: field 'probability': '2' is not a probability in [0, 1]"))
      #expect(found.contains("bad.csv:3: field 'delay_h': 'x' is not a number of hours ≥ 0"))
      #expect(found.count == 3)
    }
  }

  /// With no delays and no restoration, the timeline fails at 0 exactly the nodes the
  /// static redundancy-aware propagation certainly fails — two kernels, one answer.
  @Test func zeroDelaysAgreeWithTheStaticPropagation() throws {
    let network = BuiltinDatasets.exampleNetwork()
    let propagation = FailurePropagation(network.requirementGraph)
    let graph = try network.timedGraph()
    for v in network.nodeIDs.indices {
      let timeline = try CascadeTimeline(graph, failures: [.init(node: v)])
      let failed = network.nodeIDs.indices.filter { timeline.failedAt[$0] == 0 }
      #expect(failed == propagation.failed(from: [v]).sorted(), "from \(network.nodeIDs[v])")
      #expect(timeline.failedCount == failed.count)
    }
  }

  /// The built-in 72-hour power outage, read by hand (values from Datasets/nisc-2009).
  @Test func builtInPowerOutageReviewedByHand() throws {
    let s = try ScenarioAnalysis(dataset: BuiltinDatasets.nisc2009(syntheticIncidents: nil), scenario: "power-outage-72h")
    let a = s.cascade
    // Telecom holds out 3 h on batteries, needs 2 h after the grid returns at 72 h.
    #expect(a.failedAt("information-communications") == 3 && a.restoredAt("information-communications") == 74)
    // Traction power has no backup: railways stop at once and restart 2 h after the grid.
    #expect(a.failedAt("railway") == 0 && a.restoredAt("railway") == 74)
    // Medical: its generators hold 72 h, exactly the outage, so power alone would not
    // stop it; telecom does, 2 h after telecom fails (3 + 2), back 1 h after telecom (74 + 1).
    #expect(a.failedAt("medical") == 5 && a.restoredAt("medical") == 75)
    // The carrier network: grid (batteries 3 h) OR generator fuel (24 h of stock);
    // logistics fails at 4 h (telecom at 3 + 1), so fuel runs out at 28 h.
    #expect(a.failedAt("telecom-network-systems") == 28)
    #expect(a.causeChain(of: a.network.index(of: "telecom-network-systems")!) == ["logistics", "information-communications", "electric-power"])
    // Water facility control: 12 h on emergency generators.
    #expect(a.failedAt("water-facility-control") == 12)
    // Finance held 48 h on its own power, but telecom took it at 3.5 h (3 + 0.5).
    #expect(a.failedAt("finance") == 3.5)
    #expect(a.timeline.failedCount == 25)
    // Verification levels: power's is crossed after its 10 minutes.
    let power = try #require(s.services.first { $0.service == "power-supply" })
    #expect(abs(power.crossedAt! - 1.0 / 6.0) < 1e-3)
    #expect(s.sectors.first { $0.sector == "electric-power" }?.intervals == [.init(start: 0, end: 72)])
    let hourly = s.hourlyFailedCounts()
    // Railway: the sector, traction power management and train control from 0 h, seat
    // reservation from 28.5 h (carrier network at 28 + 0.5); train control and seat
    // reservation are back at 75 h, the others at 74 h.
    let railway = try #require(hourly["railway"])
    #expect(railway[0] == 3 && railway[28] == 3 && railway[29] == 4 && railway[74] == 2 && railway[75] == 0)
  }

  @Test func unknownScenarioHasADidYouMean() {
    #expect {
      try ScenarioAnalysis(dataset: BuiltinDatasets.nisc2009(syntheticIncidents: nil), scenario: "tokyo-earthquak")
    } throws: { error in
      (error as? DataError)?.issues.first?.hint == "did you mean 'tokyo-earthquake'?"
    }
  }

  /// The Tokyo-area earthquake with one crew: restoring power first brings back the most;
  /// the order found is the optimum of all 120.
  @Test func restorationPriorityForTheEarthquake() throws {
    let dataset = BuiltinDatasets.nisc2009(syntheticIncidents: nil)
    let plan = try ScenarioRestorationPriority(dataset: dataset, scenario: "tokyo-earthquake", crews: 1)
    #expect(plan.ranks.map(\.id) == ["electric-power", "information-communications", "logistics", "water", "gas"])
    #expect(plan.ranks[0].repairStart == 0 && plan.ranks[0].repairEnd == 144 && plan.ranks[1].repairEnd == 480)
    #expect(plan.ranks[0].nodesRestoredEarlier.contains("railway"))
    #expect(plan.optimalCost == plan.greedyCost && plan.weightUnit == "node-hours")
    // With as many crews as repairs, every repair starts at once.
    let all = try ScenarioRestorationPriority(dataset: dataset, scenario: "tokyo-earthquake", crews: 5)
    #expect(all.ranks.allSatisfy { $0.repairStart == 0 })
    #expect(throws: DataError.self) { try ScenarioRestorationPriority(dataset: dataset, scenario: "tokyo-earthquake", crews: 0) }
  }

  /// Every reason given for a rank is true of the model and the simulation: "brings back
  /// N other nodes" lists the nodes restored earlier; "K failed nodes depend on it" counts
  /// the failed nodes downstream of it; nothing claims that nothing waits on a repair
  /// that others wait on.
  @Test func restorationReasonsAreTrueOfTheModel() throws {
    let dataset = BuiltinDatasets.nisc2009(syntheticIncidents: nil)
    var checked = 0
    for scenario in dataset.scenarios {
      for crews in [1, 2, 3] {
        guard let plan = try? ScenarioRestorationPriority(dataset: dataset, scenario: scenario.id, crews: crews) else { continue }
        let analysis = try ScenarioAnalysis(dataset: dataset, scenario: scenario.id)
        let failed = Set(analysis.cascade.timeline.order.map { analysis.cascade.network.nodeIDs[Int($0)] })
        for (k, r) in plan.ranks.enumerated() {
          let others = r.nodesRestoredEarlier.filter { $0 != r.id }
          let waiting = (ClosureQuery.downstream(of: r.id, in: analysis.cascade.network) ?? []).filter { failed.contains($0) }
          #expect(!r.explanation.contains("nothing waits"), "\(scenario.id) rank \(k + 1): \(r.explanation)")
          if !others.isEmpty {
            #expect(r.explanation.contains("brings back \(others.count) other node"), "\(r.explanation)")
            #expect(r.hoursSaved > 0)
          } else if r.hoursSaved == 0 {
            let said = waiting.isEmpty ? "no other failed node depends on it" : "\(waiting.count) failed node"
            #expect(r.explanation.contains(said), "\(scenario.id) rank \(k + 1): \(r.explanation), \(waiting.count) wait")
          }
          checked += 1
        }
      }
    }
    #expect(checked >= 10)
  }
}
