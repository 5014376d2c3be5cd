import Foundation
import Testing
import _RensaTestSupport

/// `rensa incidents` end to end: import, list, export and remove through the CLI.
extension CLITests {
  @Test func incidentsImportListExport() throws {
    let store = NSTemporaryDirectory() + "rensa-cli-store-\(UUID().uuidString).sqlite"
    let exported = try rensa(["datasets", "--export", "nisc-2009"])
    let dataset = try #require(try JSONSerialization.jsonObject(with: Data(exported.stdout.utf8)) as? [String: Any])
    let file: [String: Any] = ["operators": dataset["operators"]!, "incidents": dataset["incidents"]!]
    let path = try temporaryFile("incidents.json", String(decoding: try JSONSerialization.data(withJSONObject: file), as: UTF8.self))
    let count = try #require((dataset["incidents"] as? [[String: Any]])?.count)
    #expect(count > 1_000)  // 10 sectors × 6 years × about 30 synthetic reports
    let first = try rensa(["incidents", "import", path, "--store", store])
    #expect(first.status == 0 && first.stdout.contains("\(count) incident(s) added"))
    #expect(try rensa(["incidents", "import", path, "--store", store]).stdout.contains("0 incident(s) added, 0 updated (a new version each), \(count) already stored"))
    let list = try rensa(["incidents", "list", "--store", store, "--year", "2026", "--sector", "medical"])
    #expect(list.status == 0 && list.stdout.contains("SYNTHETIC"))
    let bad = try temporaryFile("bad.json", #"{"incidents": [{"id": "b"}]}"#)
    let rejected = try rensa(["incidents", "import", bad, "--store", store])
    #expect(rejected.status == 65 && rejected.stderr.contains("required field is missing"))
    let export = try rensa(["incidents", "export", "--store", store])
    #expect(export.stdout.contains("\"incidents\""))
    let id = try #require(((dataset["incidents"] as? [[String: Any]])?.first?["id"]) as? String)
    let removed = try rensa(["incidents", "remove", id, "--reason", "test", "--store", store])
    #expect(removed.status == 0 && removed.stdout.contains("1 incident(s) removed; \(count - 1) in"))
    let again = try rensa(["incidents", "remove", id, "--reason", "test", "--store", store])
    #expect(again.status == 65 && again.stderr.contains("no incident '\(id)' is stored"))
  }
}
