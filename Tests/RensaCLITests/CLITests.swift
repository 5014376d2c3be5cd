import Foundation
import Testing
import _RensaTestSupport
import Rensa

/// End-to-end tests of the `rensa` executable: output contract and exit codes.
@Suite struct CLITests {
  typealias Run = TestPaths.Run

  func rensa(_ arguments: [String]) throws -> Run { try TestPaths.runRensa(arguments) }

  func temporaryFile(_ name: String, _ contents: String) throws -> String {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("rensa-cli-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    let url = directory.appendingPathComponent(name)
    try contents.write(to: url, atomically: true, encoding: .utf8)
    return url.path
  }

  @Test func defaultRunAnalysesTheBuiltInNetwork() throws {
    let run = try rensa([])
    #expect(run.status == 0)
    #expect(run.stdout.contains("built-in example network: 43 nodes, 72 dependencies"))
    #expect(run.stdout.contains("Mutual-dependency loops (1):"))
    #expect(run.stdout.contains("Dependency depth: 5"))
  }

  @Test func jsonContract() throws {
    let path = try temporaryFile("e.csv", "supplier,dependent\na,b\nb,c\nc,b\nd,a\n")
    let run = try rensa(["closure", path, "--json"])
    #expect(run.status == 0)
    let object = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
    let nodes = try #require(object["nodes"] as? [[String: Any]])
    #expect(nodes.map { $0["id"] as? String } == ["a", "b", "c", "d"])
    #expect(nodes.map { $0["downstream"] as? Int } == [2, 1, 1, 3])
    #expect(nodes.map { $0["upstream"] as? Int } == [1, 3, 3, 0])
    #expect(nodes.map { $0["depth"] as? Int } == [1, 2, 2, 0])
    #expect((object["loops"] as? [[String]]) == [["b", "c"]])
  }

  @Test func singleSourceQueries() throws {
    let path = try temporaryFile("e.tsv", "supplier\tdependent\ngrid\tsub\nsub\thospital\n")
    let from = try rensa(["closure", path, "--from", "grid", "--json"])
    #expect(from.stdout.contains(#""nodes":["hospital","sub"]"#))
    let to = try rensa(["closure", path, "--to", "hospital"])
    #expect(to.stdout.contains("2 node(s) hospital depends on"))
    let both = try rensa(["closure", path, "--from", "grid", "--to", "hospital"])
    #expect(both.stdout.contains("grid → sub → hospital"))
    let unknown = try rensa(["closure", path, "--from", "grdi"])
    #expect(unknown.status == 64)
    #expect(unknown.stderr.contains("did you mean 'grid'?"))
  }

  @Test func singlePointsOfFailure() throws {
    let path = try temporaryFile(
      "e.csv", "supplier,dependent,group\ngrid,hospital,power\ngen,hospital,power\nwater,hospital,\n")
    let run = try rensa(["closure", path, "--single-points-of-failure", "--json"])
    #expect(run.status == 0)
    #expect(run.stdout.contains(#"{"id":"hospital","causes":["water"]}"#))
  }

  /// N-k: the pair of alternatives is critical for the hospital and the lab behind it.
  @Test func pairsAndTriples() throws {
    let path = try temporaryFile(
      "nk.csv",
      "supplier,dependent,group,need\ngrid,hospital,power,1\ngen,hospital,power,1\nhospital,lab,,\n"
        + "a,plant,feed,1\nb,plant,feed,1\nc,plant,feed,1\n")
    let run = try rensa(["closure", path, "--k", "3", "--json"])
    #expect(run.status == 0, "\(run.stderr)")
    let doc = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
    let nodes = try #require(doc["nodes"] as? [[String: Any]])
    let lab = try #require(nodes.first { $0["id"] as? String == "lab" })
    #expect(lab["counts"] as? [Int] == [1, 1, 0])
    #expect((lab["sets"] as? [[[String]]])?[1] == [["grid", "gen"]])
    let plant = try #require(nodes.first { $0["id"] as? String == "plant" })
    #expect(plant["counts"] as? [Int] == [0, 0, 1] && (plant["sets"] as? [[[String]]])?[2] == [["a", "b", "c"]])
    let sizes = try #require(doc["sizes"] as? [[String: Any]])
    let topPair = try #require((sizes[1]["top"] as? [[String: Any]])?.first)
    #expect(topPair["nodes"] as? [String] == ["grid", "gen"] && topPair["beyond"] as? Int == 2 && topPair["failed"] as? Int == 4)
    let table = try rensa(["closure", path, "--pairs"])
    #expect(table.status == 0 && table.stdout.contains("critical pairs: 2, on 2 node(s)"))
    #expect(table.stdout.contains("grid + gen"))
    let limited = try rensa(["closure", path, "--pairs", "--memory-limit", "1"])
    #expect(limited.status == 69 && limited.stderr.contains("`--memory-limit`") && !limited.stderr.contains("ClosureOptions"))
  }

  /// --sweep: breakpoints and the curve over an edge list, and the per-sector curves of
  /// the built-in dataset.
  @Test func durationSweep() throws {
    let path = try temporaryFile(
      "sweep.csv", "supplier,dependent,delay_h,recovery_h\ngrid,hospital,6,1\nhospital,lab,2,0\ngrid,pump,0,0\n")
    let run = try rensa(["cascade", path, "--fail", "grid", "--sweep", "--durations", "1,7,9", "--json"])
    #expect(run.status == 0, "\(run.stderr)")
    let doc = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
    let sweep = try #require((doc["sweeps"] as? [[String: Any]])?.first)
    let nodes = try #require(sweep["nodes"] as? [[String: Any]])
    let breakpoint = Dictionary(uniqueKeysWithValues: nodes.map { ($0["id"] as! String, $0["breakpoint_h"] as? Double) })
    #expect(breakpoint["hospital"] == 6 && breakpoint["lab"] == 7 && breakpoint["pump"] == 0 && breakpoint["grid"] == 0)
    let curve = try #require(sweep["curve"] as? [[String: Any]])
    #expect(curve.map { $0["failed"] as? Int } == [2, 3, 4])
    let table = try rensa(["cascade", path, "--fail", "grid", "--sweep"])
    #expect(table.status == 0 && table.stdout.contains("hospital") && table.stdout.contains("6 h"))
    let builtIn = try rensa(["cascade", "--sweep"])
    #expect(builtIn.status == 0 && builtIn.stdout.contains("electric-power"))
  }

  @Test func exitCodesAndMessages() throws {
    let missing = try rensa(["closure", "/nonexistent/edges.csv"])
    #expect(missing.status == 66)
    #expect(missing.stderr.hasPrefix("rensa: error: /nonexistent/edges.csv: no such file"))
    let bad = try temporaryFile("bad.csv", "supplier,dependent\na\n,b\n")
    let data = try rensa(["closure", bad])
    #expect(data.status == 65)
    #expect(data.stderr.contains("bad.csv:2: expected 2 fields"))
    #expect(data.stderr.contains("bad.csv:3: field 'supplier': empty node id"))
    let usage = try rensa(["closure", "--top", "-1"])
    #expect(usage.status == 64)
    let big = try temporaryFile("big.csv", "supplier,dependent\n" + (0..<3000).map { "n\($0),n\($0 + 1)" }.joined(separator: "\n"))
    let limited = try rensa(["closure", big, "--memory-limit", "100K"])
    #expect(limited.status == 69)
    #expect(limited.stderr.contains("more than the memory limit"))
    #expect(limited.stderr.contains("--from/--to"))
    // The CLI words the way out with its flags; the library with its API (no flags).
    #expect(limited.stderr.contains("`rensa closure --from/--to`") && limited.stderr.contains("(`--memory-limit`)"))
    #expect(!limited.stderr.contains("ClosureOptions"))
    let spof = try rensa(["closure", big, "--single-points-of-failure", "--memory-limit", "100K"])
    #expect(spof.status == 69 && spof.stderr.contains("raise the limit (`--memory-limit`)"))
    do {
      _ = try TransitiveClosure(GraphGenerators.random(n: 3000, meanDegree: 2, seed: 1), options: ClosureOptions(memoryLimit: 100))
      Issue.record("expected MemoryLimitExceeded")
    } catch {
      #expect(error.remedy == .singleSourceQueries && !error.alternative.contains("--") && error.alternative.contains("ClosureOptions.memoryLimit"))
    }
  }

  @Test func datasetsListsTheBuiltInNetwork() throws {
    let run = try rensa(["datasets"])
    #expect(run.status == 0)
    let names = run.stdout.split(separator: "\n").map { $0.split(separator: "\t").first.map(String.init) ?? "" }
    #expect(names == ["nisc-2009", "example-network", "cisa-sector-mapping"])
  }
}

extension CLITests {
  @Test func validateReportsEveryProblemOrSummarises() throws {
    let ok = try rensa(["validate"])
    #expect(ok.status == 0)
    #expect(ok.stdout.contains("built-in dataset nisc-2009: valid."))
    #expect(ok.stdout.contains("10 sectors"))
    let bad = try temporaryFile(
      "d.json",
      """
      {"name": "d", "description": "x",
       "sectors": [{"id": "power", "name": "Power", "nmae": "typo"}],
       "dependencies": [{"supplier": "power", "dependent": "grid", "kind": "power", "class": "physical", "source": "s"}]}
      """)
    let run = try rensa(["validate", bad])
    #expect(run.status == 65)
    #expect(run.stderr.contains("d.json:2: field 'sectors[0].nmae': unknown field (did you mean 'name'?)"))
    #expect(run.stderr.contains("d.json:3: field 'dependencies[0].dependent': unknown sector or asset 'grid'"))
    #expect(try rensa(["validate", "/nonexistent.json"]).status == 66)
  }
}

extension CLITests {
  @Test func exportedBuiltInDatasetValidates() throws {
    let exported = try rensa(["datasets", "--export", "nisc-2009"])
    #expect(exported.status == 0)
    let path = try temporaryFile("nisc.json", exported.stdout)
    let run = try rensa(["validate", path])
    #expect(run.status == 0)
    #expect(run.stdout.contains("incidents (synthetic)"))
    let unknown = try rensa(["datasets", "--export", "nisc-2090"])
    #expect(unknown.status == 64)
    #expect(unknown.stderr.contains("did you mean 'nisc-2009'?"))
  }
}

extension CLITests {
  @Test(.enabled(if: TestPaths.sharedDataset("shelby-county/Extended_Shelby_County") != nil, "skipped: shared Shelby County data absent"))
  func importShelbyCountyThenValidate() throws {
    let folder = TestPaths.sharedDataset("shelby-county/Extended_Shelby_County")!.path
    let run = try rensa(["import", "shelby-county", folder])
    #expect(run.status == 0)
    #expect(run.stderr.contains("imported 167 assets, 289 dependencies, 612 scenario events, 4 scenarios, 4 sectors"))
    #expect(run.stderr.contains("PowerArcs.csv:43: parallel arc power:5 → power:64 merged"))
    #expect(run.stderr.contains("probM9.txt:178: 60 power node and 152 directed arc failure probabilities"))
    let path = try temporaryFile("shelby.json", run.stdout)
    let validated = try rensa(["validate", path])
    #expect(validated.status == 0 && validated.stdout.contains("289 dependencies") && validated.stdout.contains("4 scenarios"))
    let plain = try rensa(["import", "shelby-county", folder, "--no-scenarios"])
    #expect(plain.stderr.contains("imported 167 assets, 289 dependencies, 4 sectors") && !plain.stdout.contains("scenarios"))
    // As a document with CSV tables: the same dataset.
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("rensa-cli-tables-\(UUID().uuidString)").path
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let tabled = try rensa(["import", "shelby-county", folder, "--tables", directory])
    #expect(tabled.status == 0 && tabled.stdout.isEmpty && tabled.stderr.contains("wrote \(directory)/assets.csv"))
    #expect(try DatasetReader.read(path: directory + "/dataset.json") == DatasetReader.read(path: path))
    #expect(try rensa(["import", "shelby-county", "/nonexistent"]).status == 66)
  }
}

extension CLITests {
  @Test func closureOverADatasetDocument() throws {
    let run = try rensa(["closure", "--dataset", "nisc-2009", "--json"])
    #expect(run.status == 0)
    let object = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
    // The 10 sectors and the 22 critical systems that take part in an asset-level dependency.
    #expect((object["nodes"] as? [[String: Any]])?.count == 32)
    // Power, telecom, water, fuel logistics, gas and finance supply one another.
    #expect((object["loops"] as? [[String]]) == [
      ["electric-power", "finance", "gas", "information-communications", "logistics", "water"]
    ])
    let exported = try temporaryFile("nisc.json", try rensa(["datasets", "--export", "nisc-2009"]).stdout)
    #expect(try rensa(["closure", "--dataset", exported, "--json"]).stdout == run.stdout)
    #expect(try rensa(["closure", "edges.csv", "--dataset", "nisc-2009"]).status == 64)
  }
}

extension CLITests {
  @Test func closureAndImportOfGraphML() throws {
    let file = TestPaths.fixture("igraph-undirected.graphml").path
    let run = try rensa(["closure", file, "--json"])
    #expect(run.status == 0)
    let object = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
    #expect((object["nodes"] as? [[String: Any]])?.count == 30)
    let imported = try rensa(["import", "graphml", file, "--sector", "grid"])
    #expect(imported.status == 0)
    #expect(imported.stderr.contains("imported 30 assets, 70 dependencies, 1 sectors"))
    #expect(imported.stderr.contains("35 undirected edges read as mutual dependencies"))
    let path = try temporaryFile("g.json", imported.stdout)
    #expect(try rensa(["validate", path]).status == 0)
    let bad = try temporaryFile("bad.graphml", "<graphml><graph><edge source='a' target='b'/></graph></graphml>")
    let refused = try rensa(["closure", bad])
    #expect(refused.status == 65)
    #expect(refused.stderr.contains("unknown node 'a': not declared in the file's <node> elements"))
    #expect(try rensa(["closure", bad, "--nodes", "n.csv"]).status == 64)
  }
}

extension CLITests {
  @Test(.enabled(if: TestPaths.sharedDataset("mitre-attack-ics/ics-attack-18.1.json") != nil, "skipped: shared ATT&CK data absent"))
  func importStixAsAThreatCatalogue() throws {
    let run = try rensa(["import", "stix", TestPaths.sharedDataset("mitre-attack-ics/ics-attack-18.1.json")!.path])
    #expect(run.status == 0 && run.stderr.contains("imported 127 threats"))
    #expect(try rensa(["validate", try temporaryFile("ics.json", run.stdout)]).stdout.contains("127 threats"))
  }

  @Test(.enabled(
    if: TestPaths.sharedDataset("cisa-ics-advisories/raw_csaf_json.tar.xz") != nil, "skipped: shared advisories absent"))
  func importCSAFWithAnEditedMapping() throws {
    let archive = TestPaths.sharedDataset("cisa-ics-advisories/raw_csaf_json.tar.xz")!.path
    let mapping = try rensa(["datasets", "--export", "cisa-sector-mapping"])
    #expect(mapping.status == 0 && mapping.stdout.contains("\nEnergy,electric-power;gas,"))
    let run = try rensa(["import", "csaf", archive])
    #expect(run.status == 0 && run.stderr.contains("2383 threats"))
    let validated = try rensa(["validate", try temporaryFile("csaf.json", run.stdout)])
    #expect(validated.status == 0 && validated.stdout.contains("2383 threats"))
    let broken = try temporaryFile("m.csv", mapping.stdout.replacingOccurrences(of: "electric-power;gas", with: "electric;gas"))
    let refused = try rensa(["import", "csaf", archive, "--sector-mapping", broken])
    #expect(refused.status == 65 && refused.stderr.contains("unknown plan sector 'electric'"))
  }
}

extension CLITests {
  @Test func cascadeOverTheBuiltInScenariosAndEdgeLists() throws {
    let run = try rensa(["cascade"])
    #expect(run.status == 0)
    #expect(run.stdout.contains("Scenario power-outage-72h of dataset nisc-2009"))
    #expect(run.stdout.contains("25 of 32 nodes fail"))
    let quake = try rensa(["cascade", "--scenario", "tokyo-earthquake", "--json"])
    let object = try #require(try JSONSerialization.jsonObject(with: Data(quake.stdout.utf8)) as? [String: Any])
    #expect(object["scenario"] as? String == "tokyo-earthquake" && object["uncertain_events"] as? Int == 1)
    let failures = try #require(object["failures"] as? [[String: Any]])
    let power = try #require(failures.first { $0["id"] as? String == "electric-power" })
    #expect(power["failed_at_h"] as? Int == 0 && power["restored_at_h"] as? Int == 144)
    let edges = try temporaryFile("e.csv", "supplier,dependent,delay_h,recovery_h\ngrid,telecom,3,2\ntelecom,bank,0.5,1\n")
    let timeline = try rensa(["cascade", edges, "--fail", "grid@0+72", "--json"])
    let t = try #require(try JSONSerialization.jsonObject(with: Data(timeline.stdout.utf8)) as? [String: Any])
    let rows = try #require(t["failures"] as? [[String: Any]])
    #expect(rows.map { $0["id"] as? String } == ["grid", "telecom", "bank"])
    #expect(rows[2]["failed_at_h"] as? Double == 3.5 && rows[2]["cause"] as? [String] == ["telecom", "grid"])
    #expect(try rensa(["cascade", edges, "--fail", "gird"]).stderr.contains("did you mean 'grid'?"))
    #expect(try rensa(["cascade", edges, "--fail", "gird"]).status == 65)
    #expect(try rensa(["cascade", edges, "--fail", "grid@-1"]).status == 64)
    #expect(try rensa(["cascade", edges]).status == 64)
    #expect(try rensa(["cascade", "--fail", "grid"]).status == 64)
    #expect(try rensa(["cascade", "--scenario", "nope"]).status == 65)
  }
}

extension CLITests {
  @Test func cascadeMonteCarloIsSeededAndThreadIndependent() throws {
    let one = try rensa(["cascade", "--scenario", "tokyo-earthquake", "--trials", "3000", "--seed", "7", "--threads", "1", "--json"])
    let two = try rensa(["cascade", "--scenario", "tokyo-earthquake", "--trials", "3000", "--seed", "7", "--threads", "2", "--json"])
    #expect(one.status == 0 && one.stdout == two.stdout)
    let object = try #require(try JSONSerialization.jsonObject(with: Data(one.stdout.utf8)) as? [String: Any])
    #expect(object["trials"] as? Int == 3000 && object["seed"] as? Int == 7)
    let nodes = try #require(object["nodes"] as? [[String: Any]])
    // Fuel logistics is disrupted with probability 0.5 in this scenario.
    let logistics = try #require(nodes.first { $0["id"] as? String == "logistics" })
    let p = try #require(logistics["probability"] as? Double)
    // …but it also fails through telecom (down from 0 h for 14 days) in every trial.
    #expect(p == 1)
    let other = try rensa(["cascade", "--scenario", "tokyo-earthquake", "--trials", "3000", "--seed", "8", "--json"])
    #expect(other.status == 0)
    let edges = try temporaryFile("p.csv", "supplier,dependent,probability\ngrid,telecom,0.3\ntelecom,bank,1\n")
    let mc = try rensa(["cascade", edges, "--fail", "grid", "--trials", "20000", "--seed", "3", "--json"])
    let rows = try #require((try JSONSerialization.jsonObject(with: Data(mc.stdout.utf8)) as? [String: Any])?["failures"] as? [[String: Any]])
    let bank = try #require(rows.first { $0["id"] as? String == "bank" })
    let pb = try #require(bank["probability"] as? Double)
    #expect(abs(pb - 0.3) < 0.015)
    // The interval brackets the estimate with the normal-approximation width at n = 20,000.
    let low = try #require(bank["probability_low"] as? Double)
    let high = try #require(bank["probability_high"] as? Double)
    #expect(low < pb && pb < high && abs((high - low) / 2 - 1.96 * (pb * (1 - pb) / 20_000).squareRoot()) < 1e-3)
    #expect(try rensa(["cascade", edges, "--fail", "grid", "--trials", "0"]).status == 64)
    #expect(try rensa(["cascade", edges, "--fail", "grid", "--precision", "0.01"]).status == 64)
  }
}

extension CLITests {
  @Test func restorationPriorityFromTheCommandLine() throws {
    let run = try rensa(["cascade", "--scenario", "tokyo-earthquake", "--crews", "1", "--json"])
    #expect(run.status == 0)
    let object = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
    let ranks = try #require(object["priority"] as? [[String: Any]])
    #expect(ranks.first?["id"] as? String == "electric-power" && object["crews"] as? Int == 1)
    #expect(object["optimal_cost"] as? Double == object["greedy_cost"] as? Double)
    let text = try rensa(["cascade", "--scenario", "tokyo-earthquake", "--crews", "2"])
    #expect(text.stdout.contains("2 crews at a time") && text.stdout.contains("brings back"))
    #expect(try rensa(["cascade", "--scenario", "power-outage-72h", "--crews", "0"]).status == 64)
    #expect(try rensa(["cascade", "--crews", "1", "--trials", "5"]).status == 64)
  }
}

extension CLITests {
  @Test func cascadeRefusesAGraphBeyondTheMemoryLimit() throws {
    let edges = try temporaryFile("m.csv", "supplier,dependent\na,b\nb,c\n")
    let run = try rensa(["cascade", edges, "--fail", "a", "--memory-limit", "100"])
    #expect(run.status == 69)
    #expect(run.stderr.contains("cascade graph and timeline state needs") && run.stderr.contains("raise --memory-limit"))
    #expect(try rensa(["cascade", edges, "--fail", "a", "--memory-limit", "1M"]).status == 0)
  }
}
