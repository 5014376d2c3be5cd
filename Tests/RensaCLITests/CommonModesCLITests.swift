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
}
