import Foundation
import Testing
import _RensaTestSupport

/// `rensa closure --common-modes` as a user runs it: an edge list (upstream nodes only) and
/// a dataset whose assets share a product.
@Suite struct CommonModesCLITests {
  @Test func anEdgeListAndADatasetAreAudited() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("rensa-cm-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: folder) }
    try "supplier,dependent,group,need\nsub,f1,,\nsub,f2,,\nf1,pump,feeds,1\nf2,pump,feeds,1\n"
      .write(toFile: folder + "/edges.csv", atomically: true, encoding: .utf8)
    let table = try TestPaths.runRensa(["closure", folder + "/edges.csv", "--common-modes"])
    #expect(table.status == 0)
    #expect(table.stdout.contains("Redundancy audit of \(folder)/edges.csv: 1 groups of alternatives with one to spare;"))
    #expect(table.stdout.contains("Groups a single upstream node defeats: 1"))
    #expect(table.stdout.contains("pump       1 of f1, f2 (feeds)                            1  sub (4)"), "\(table.stdout)")
    let dataset = #"""
      {"name": "two-generators", "description": "test",
       "sectors": [{"id": "medical", "name": "Medical"}],
       "assets": [
         {"id": "gen-a", "name": "A", "sector": "medical", "products": ["cpe:2.3:h:acme:gen_controller:2.1:*:*:*:*:*:*:*"]},
         {"id": "gen-b", "name": "B", "sector": "medical", "products": ["Acme/Gen Controller@3.0"]},
         {"id": "hospital", "name": "H", "sector": "medical"}],
       "dependencies": [
         {"supplier": "gen-a", "dependent": "hospital", "kind": "power", "class": "physical", "group": "g", "source": "test"},
         {"supplier": "gen-b", "dependent": "hospital", "kind": "power", "class": "physical", "group": "g", "source": "test"}]}
      """#
    try dataset.write(toFile: folder + "/d.json", atomically: true, encoding: .utf8)
    let json = try TestPaths.runRensa(["closure", "--dataset", folder + "/d.json", "--common-modes", "--json"])
    #expect(json.status == 0, "\(json.stderr)")
    let doc = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
    let findings = try #require(doc["findings"] as? [[String: Any]])
    #expect(findings.count == 1)
    let causes = try #require(doc["causes"] as? [[String: Any]])
    #expect(findings.first?["cause"] as? Int == 0 && causes.count == 1)
    #expect(causes.first?["kind"] as? String == "product" && causes.first?["value"] as? String == "acme/gen_controller")
    #expect((causes.first?["failed"] as? [String]) == ["gen-a", "gen-b", "hospital"] && causes.first?["failed_count"] as? Int == 3)
    #expect((doc["causes_tried"] as? [String: Int])?["product"] == 1)
    #expect((doc["upstream"] as? [Any])?.isEmpty == true, "each generator alone is spared")
  }

  /// `rensa cascade --common-cause`: the assets sharing a weakness fail together; with a
  /// probability, every node's probability is exactly p times its probability given the
  /// cause (same seed); bad causes are usage errors naming what the dataset has.
  @Test func aCommonCauseIsAScenario() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("rensa-cc-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let dataset = #"""
      {"name": "two-generators", "description": "test",
       "sectors": [{"id": "medical", "name": "Medical"}],
       "sites": [{"id": "riverside", "name": "Riverside", "hazards": ["flood:arakawa-l2"]}, {"id": "hill", "name": "Hill"}],
       "assets": [
         {"id": "gen-a", "name": "A", "sector": "medical", "products": ["cpe:2.3:h:acme:gen_controller:2.1:*:*:*:*:*:*:*"], "site": "riverside"},
         {"id": "gen-b", "name": "B", "sector": "medical", "products": ["Acme/Gen Controller@3.0"], "site": "hill"},
         {"id": "hospital", "name": "H", "sector": "medical"}, {"id": "clinic", "name": "C", "sector": "medical"}],
       "dependencies": [
         {"supplier": "gen-a", "dependent": "clinic", "kind": "power", "class": "physical", "source": "test", "probability": 0.5},
         {"supplier": "gen-a", "dependent": "hospital", "kind": "power", "class": "physical", "group": "g", "source": "test"},
         {"supplier": "gen-b", "dependent": "hospital", "kind": "power", "class": "physical", "group": "g", "source": "test", "delayHours": 4}]}
      """#
    try dataset.write(toFile: folder + "/d.json", atomically: true, encoding: .utf8)
    let d = folder + "/d.json"
    let table = try TestPaths.runRensa(["cascade", "--dataset", d, "--common-cause", "product:acme/gen_controller", "--for", "24"])
    #expect(table.status == 0, "\(table.stderr)")
    #expect(table.stderr.contains("product:acme/gen_controller takes out 2 assets: gen-a, gen-b"))
    #expect(table.stdout.contains("Every asset running acme/gen_controller (2 assets) fails at 0 h for 24 h"))
    #expect(table.stdout.contains("4 of 4 nodes fail"), "\(table.stdout)")
    // Swept over every length: the hospital holds on gen-b's 4-hour delay, the clinic not at all.
    let sweep = try TestPaths.runRensa(["cascade", "--dataset", d, "--common-cause", "product:acme/gen_controller", "--sweep", "--json"])
    #expect(sweep.status == 0, "\(sweep.stderr)")
    let swept = try #require((try JSONSerialization.jsonObject(with: Data(sweep.stdout.utf8)) as? [String: Any])?["sweeps"] as? [[String: Any]])
    let points = Dictionary(uniqueKeysWithValues: (swept[0]["nodes"] as! [[String: Any]]).map { ($0["id"] as! String, $0["breakpoint_h"] as? Double) })
    #expect(points["hospital"] == 4 && points["clinic"] == 0 && swept[0]["initiating"] as? [String] == ["gen-a", "gen-b"])
    let json = try TestPaths.runRensa(["cascade", "--dataset", d, "--common-cause", "hazard:flood:arakawa-l2", "--json"])
    let doc = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
    #expect(doc["scenario"] as? String == "common-cause:hazard:flood:arakawa-l2" && doc["cause_probability"] as? Double == 1)
    let failed = (doc["failures"] as? [[String: Any]] ?? []).filter { ($0["failed_at_h"] as? Double)?.isFinite == true && $0["failed_at_h"] as? Double != nil }
    #expect(failed.compactMap { $0["id"] as? String }.sorted() == ["clinic", "gen-a"], "one generator alone spares the hospital")
    // Probability: exactly p times the probability given the cause, on the same trials.
    func probabilities(_ extra: [String]) throws -> [String: Double] {
      let run = try TestPaths.runRensa(
        ["cascade", "--dataset", d, "--common-cause", "site:riverside", "--trials", "4000", "--seed", "5", "--json"] + extra)
      #expect(run.status == 0, "\(run.stderr)")
      let doc = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
      let nodes = try #require(doc["nodes"] as? [[String: Any]])
      return Dictionary(uniqueKeysWithValues: nodes.map { ($0["id"] as! String, $0["probability"] as! Double) })
    }
    let given = try probabilities([])
    let scaled = try probabilities(["--probability", "0.25"])
    #expect(given["gen-a"] == 1 && given["gen-b"] == 0 && given["hospital"] == 0)
    #expect(given["clinic"].map { $0 > 0.4 && $0 < 0.6 } == true, "the clinic's supply passes the failure on with probability 0.5")
    for (id, p) in given { #expect(abs(scaled[id]! - 0.25 * p) < 1e-12, "\(id)") }
    // Errors: a usage error (64) naming what the dataset has; flags without a cause.
    let none = try TestPaths.runRensa(["cascade", "--dataset", d, "--common-cause", "site:nowhere"])
    #expect(none.status == 64 && none.stderr.contains("no asset is taken out by site:nowhere in \(d)") && none.stderr.contains("riverside"))
    let kind = try TestPaths.runRensa(["cascade", "--dataset", d, "--common-cause", "colour:red"])
    #expect(kind.status == 64 && kind.stderr.contains("'colour' is not a kind of common cause"))
    let stray = try TestPaths.runRensa(["cascade", "--dataset", d, "--for", "3"])
    #expect(stray.status == 64 && stray.stderr.contains("--for applies to --common-cause"))
    let both = try TestPaths.runRensa(["cascade", "--dataset", d, "--common-cause", "site:hill", "--scenario", "x"])
    #expect(both.status == 64 && both.stderr.contains("give either --scenario or --common-cause"))
  }
}

/// `rensa inoperability --common-cause`: each sector's c* is its assets' share out over
/// the scenario's horizon (Scenario.sectorOutageHours), on nisc-2009's couplings.
@Suite struct CommonCauseInoperabilityTests {
  @Test func aCommonCausePerturbsTheSectorsOfItsAssets() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("rensa-cci-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let export = try TestPaths.runRensa(["datasets", "--export", "nisc-2009"])
    var doc = try #require(try JSONSerialization.jsonObject(with: Data(export.stdout.utf8)) as? [String: Any])
    var assets = try #require(doc["assets"] as? [[String: Any]])
    let railway = assets.indices.filter { assets[$0]["sector"] as? String == "railway" }
    #expect(railway.count >= 2)
    for i in railway.prefix(2) { assets[i]["products"] = ["fortinet/fortios@7.0.1"] }
    doc["assets"] = assets
    let path = folder + "/d.json"
    try JSONSerialization.data(withJSONObject: doc).write(to: URL(fileURLWithPath: path))
    let run = try TestPaths.runRensa(["inoperability", "--dataset", path, "--common-cause", "product:fortinet/fortios", "--for", "24", "--json"])
    #expect(run.status == 0, "\(run.stderr)")
    let out = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
    let description = try #require(out["perturbation"] as? String)
    #expect(description.hasPrefix("product:fortinet/fortios (2 assets out for 24 h over "), "\(description)")
    let horizon = try #require(Double(description.split(separator: " ").dropLast(1).last.map(String.init) ?? ""))
    let sectors = try #require(out["sectors"] as? [[String: Any]])
    for s in sectors {
      let expected = s["id"] as? String == "railway" ? 2.0 / Double(railway.count) * 24 / horizon : 0
      #expect(abs((s["perturbation"] as? Double ?? -1) - expected) < 1e-12, "\(s["id"] ?? "")")
    }
    let stray = try TestPaths.runRensa(["inoperability", "--for", "3"])
    #expect(stray.status == 64 && stray.stderr.contains("--for and --kev apply to --common-cause"))
  }
}

/// `rensa cluster --navigator`: a layer per cluster of ATT&CK groups; the scores of a
/// technique over the clusters add up to the groups that use it.
@Suite struct ClusterNavigatorTests {
  @Test(.enabled(if: TestPaths.sharedDataset("mitre-attack-ics/ics-attack-18.1.json") != nil, "skipped: ../shared/datasets is absent"))
  func layersPerClusterAddUpToTheGroupsUsingEachTechnique() throws {
    let bundle = TestPaths.sharedDataset("mitre-attack-ics/ics-attack-18.1.json")!.path
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("rensa-navc-\(UUID().uuidString)").path
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let run = try TestPaths.runRensa(["cluster", "--stix", bundle, "--entities", "groups", "--clusters", "3", "--navigator", folder, "--shared", "500", "--json"])
    #expect(run.status == 0, "\(run.stderr)")
    let out = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
    let shared = try #require(out["shared_features"] as? [[String: Any]])
    var expected: [String: Int] = [:]
    for f in shared {
      let id = String((f["feature"] as? String ?? "").split(separator: " ").first ?? "")
      expected[id] = (f["entities"] as? [String])?.count
    }
    let files = try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
    #expect(files == ["cluster-1.ics.json", "cluster-2.ics.json", "cluster-3.ics.json"])
    var total: [String: Int] = [:]
    for file in files {
      let layer = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: folder + "/" + file))) as? [String: Any])
      #expect(layer["domain"] as? String == "ics-attack")
      for t in layer["techniques"] as? [[String: Any]] ?? [] { total[t["techniqueID"] as! String, default: 0] += t["score"] as! Int }
    }
    #expect(!total.isEmpty && total == expected.filter { $0.value > 0 })
    let none = try TestPaths.runRensa(["cluster", "--clusters", "2", "--navigator", folder + "-x"])
    #expect(none.status != 0 && none.stderr.contains("are not ATT&CK technique ids"))
  }
}
