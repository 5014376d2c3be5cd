import Foundation
import Rensa
import Testing
import _RensaTestSupport

/// `rensa inoperability`: the JSON contract, the dynamic model and bad input.
extension CLITests {
  @Test func inoperabilityJSONContractOnTheHaimesJiangExample() throws {
    let astar = try temporaryFile("astar.csv", "sector,S1,S2\nS1,0,0.8\nS2,0.2,0\n")
    let cstar = try temporaryFile("cstar.csv", "sector,perturbation\nS2,0.6\n")
    let run = try rensa(["inoperability", "--astar", astar, "--perturbation", cstar, "--json"])
    #expect(run.status == 0)
    let object = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
    let rho = try #require(object["spectral_radius"] as? Double)
    #expect(abs(rho - 0.4) < 1e-15)
    let sectors = try #require(object["sectors"] as? [[String: Any]])
    let q = Dictionary(uniqueKeysWithValues: sectors.map { ($0["id"] as! String, $0["inoperability"] as! Double) })
    #expect(abs(q["S1"]! - 4.0 / 7) < 1e-15 && abs(q["S2"]! - 5.0 / 7) < 1e-15)
    #expect(sectors.allSatisfy { $0["saturated"] as? Bool == false && $0["loss"] is NSNull })
  }

  @Test func inoperabilityDefaultRunAndDynamicModel() throws {
    let run = try rensa(["inoperability"])
    #expect(run.status == 0)
    #expect(run.stdout.contains("72 h of 8760"))
    #expect(run.stdout.contains("Spectral radius of A*: 0.861451"))
    let dynamic = try rensa([
      "inoperability", "--perturb", "electric-power=0.3", "--dynamic", "--steps", "20", "--recovery-steps", "14",
      "--perturbation-steps", "3", "--json",
    ])
    #expect(dynamic.status == 0)
    let object = try #require(try JSONSerialization.jsonObject(with: Data(dynamic.stdout.utf8)) as? [String: Any])
    let sectors = try #require(object["sectors"] as? [[String: Any]])
    let power = try #require(sectors.first { $0["id"] as? String == "electric-power" })
    let trajectory = try #require(power["trajectory"] as? [Double])
    #expect(trajectory.count == 21 && trajectory[0] == 0)
    // The perturbation lasts 3 steps: power's inoperability peaks at step 3, then recovers.
    #expect(power["peak_step"] as? Int == 3)
    #expect(trajectory[20] < trajectory[3])
  }

  @Test func inoperabilityBadInputIsNamed() throws {
    // Negative entry and an unknown perturbed sector: every problem, exit 65.
    let astar = try temporaryFile("astar.csv", "sector,a,b\na,0,-0.8\nb,0.2,0\n")
    let bad = try rensa(["inoperability", "--astar", astar, "--perturb", "c=0.1"])
    #expect(bad.status == 65)
    #expect(bad.stderr.contains("row a, column b") && bad.stderr.contains("negative"))
    // Unstable model: the spectral radius is named.
    let unstable = try temporaryFile("u.csv", "sector,a,b\na,0,1.5\nb,0.9,0\n")
    let run = try rensa(["inoperability", "--astar", unstable, "--perturb", "a=0.1"])
    #expect(run.status == 65)
    #expect(run.stderr.contains("unstable") && run.stderr.contains("ρ = 1.1619"))
    // Not square.
    let ragged = try temporaryFile("r.csv", "sector,a,b\na,0,0.1\nc,0.2,0\n")
    let square = try rensa(["inoperability", "--astar", ragged, "--perturb", "a=0.1"])
    #expect(square.status == 65)
    #expect(square.stderr.contains("row has no matching column") && square.stderr.contains("column has no matching row"))
    // No perturbation for a user's model: a usage error with an example.
    let good = try temporaryFile("g.csv", "sector,a,b\na,0,0.1\nb,0.2,0\n")
    let none = try rensa(["inoperability", "--astar", good])
    #expect(none.status == 64)
    #expect(none.stderr.contains("--perturb"))
  }

  @Test(.enabled(if: TestPaths.sharedDataset("io-tables/japan-2011-13sector/iotable_13sector_2011.csv") != nil,
                 "skipped: shared Japan 2011 IO table absent"))
  func inoperabilityOfTheJapanTable() throws {
    let path = TestPaths.sharedDataset("io-tables/japan-2011-13sector/iotable_13sector_2011.csv")!.path
    let run = try rensa(["inoperability", "--io-table", path, "--perturb", "05=72h", "--json"])
    #expect(run.status == 0)
    let object = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
    let sectors = try #require(object["sectors"] as? [[String: Any]])
    #expect(sectors.count == 13)
    // Ranked by inoperability, the perturbed sector first; every loss is x·q.
    #expect((sectors[0]["id"] as? String)?.hasPrefix("05_") == true)
    #expect(sectors.allSatisfy { ($0["loss"] as? Double ?? -1) >= 0 })
    let byLoss = sectors.sorted { ($0["rank_by_loss"] as! Int) < ($1["rank_by_loss"] as! Int) }.map { $0["id"] as! String }
    let byQ = sectors.map { $0["id"] as! String }
    #expect(byLoss != byQ)  // the two rankings differ, as the report shows
    // The Leontief inverse prints as CSV that reads back.
    let matrix = try rensa(["inoperability", "--io-table", path, "--print-matrix", "leontief"])
    #expect(matrix.status == 0)
    let parsed = try LabeledMatrix.parse(matrix.stdout, file: "stdout")
    #expect(parsed.labels.count == 13 && parsed.matrix[0, 0] > 1)
  }
}
