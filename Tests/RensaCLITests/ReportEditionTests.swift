import Foundation
import Testing
import _RensaTestSupport

/// `rensa report --lang`, `--fiscal-year` and `--format pdf` as a user runs them.
@Suite struct ReportEditionTests {
  static func folder() -> String {
    FileManager.default.temporaryDirectory.appendingPathComponent("rensa-edition-\(UUID().uuidString)").path
  }

  @Test func theJapaneseFiscalYearEditionIsWrittenBesideTheEnglishOne() throws {
    let out = Self.folder()
    defer { try? FileManager.default.removeItem(atPath: out) }
    let en = try TestPaths.runRensa(["report", "--format", "json", "--trials", "100", "--out", out])
    // nisc-2009 counts by calendar year: a fiscal-year edition is written for AMBER (below
    // it, the two conventions together would isolate January–March: refused).
    let ja = try TestPaths.runRensa([
      "report", "--lang", "ja", "--fiscal-year", "--audience", "amber", "--format", "json,html", "--trials", "100", "--out", out,
    ])
    #expect(en.status == 0 && ja.status == 0, "\(en.stderr)\(ja.stderr)")
    let names = Set(try FileManager.default.contentsOfDirectory(atPath: out))
    #expect(names == ["common-threats-2026.tlp-green.json", "common-threats-fy2026.tlp-amber.ja.json", "common-threats-fy2026.tlp-amber.ja.html"])
    let html = try String(contentsOfFile: out + "/common-threats-fy2026.tlp-amber.ja.html", encoding: .utf8)
    #expect(html.contains("<html lang=\"ja\">") && html.contains("2026年度"))
  }

  @Test func anUnknownLanguageIsAUsageError() throws {
    let run = try TestPaths.runRensa(["report", "--lang", "fr", "--out", Self.folder()])
    #expect(run.status == 64)
    #expect(run.stderr.contains("--lang must be en or ja, not 'fr'"))
  }

  /// Without a browser to print with, nothing is written (not even the other formats),
  /// and the error says how to get one.
  @Test func aPDFWithoutABrowserWritesNothing() throws {
    let out = Self.folder()
    let run = try TestPaths.runRensa(["report", "--format", "html,pdf", "--out", out], environment: ["RENSA_CHROMIUM": "/nonexistent/chromium"])
    #expect(run.status == 69)
    #expect(run.stderr.contains("RENSA_CHROMIUM (/nonexistent/chromium) is not an executable file"))
    #expect(run.stderr.contains("apt-get install chromium") && run.stderr.contains("nothing was written"))
    #expect(!FileManager.default.fileExists(atPath: out))
    // A browser that fails: the same, nothing written.
    let failing = try TestPaths.runRensa(["report", "--format", "html,pdf", "--out", out], environment: ["RENSA_CHROMIUM": "/bin/false"])
    #expect(failing.status == 69 && failing.stderr.contains("could not print the report"))
    #expect(!FileManager.default.fileExists(atPath: out + "/common-threats-2026.tlp-green.html"))
  }

  /// With Chromium installed (`make test` installs it), the PDF is a PDF of the report.
  @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/chromium"), "skipped: /usr/bin/chromium is not installed"))
  func thePDFIsPrintedWithChromium() throws {
    let out = Self.folder()
    defer { try? FileManager.default.removeItem(atPath: out) }
    let run = try TestPaths.runRensa(["report", "--lang", "ja", "--format", "pdf", "--trials", "100", "--out", out])
    #expect(run.status == 0, "\(run.stderr)")
    let pdf = try #require(FileManager.default.contents(atPath: out + "/common-threats-2026.tlp-green.ja.pdf"))
    #expect(pdf.starts(with: Array("%PDF-".utf8)) && pdf.count > 100_000)
    #expect(try FileManager.default.contentsOfDirectory(atPath: out) == ["common-threats-2026.tlp-green.ja.pdf"])
  }
}

/// `rensa incidents show`: every version of one report.
@Suite struct IncidentHistoryCLITests {
  @Test func anUpdateIsANewVersionAndShowPrintsTheHistory() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("rensa-history-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let store = folder + "/s.sqlite"
    func file(_ name: String, _ fields: String) throws -> String {
      let path = folder + "/" + name
      try #"{"incidents": [{"id": "INC-2026-0001", "occurred": "2026-05-03", "sector": "finance", "threatType": "intentional", "exceededVerificationLevel": true, "reporter": "bank-a", "synthetic": false, \#(fields)}]}"#
        .write(toFile: path, atomically: true, encoding: .utf8)
      return path
    }
    let first = try TestPaths.runRensa(["incidents", "import", try file("first.json", #""sharing": "AMBER", "provisional": true"#), "--store", store])
    #expect(first.status == 0 && first.stdout.contains("1 incident(s) added, 0 updated"))
    let update = try TestPaths.runRensa([
      "incidents", "import", try file("update.json", #""sharing": "AMBER", "durationHours": 36, "affectedUsers": 120000"#), "--store", store,
    ])
    #expect(update.status == 0 && update.stdout.contains("0 incident(s) added, 1 updated"), "\(update.stderr)")
    let show = try TestPaths.runRensa(["incidents", "show", "inc-2026-0001", "--store", store])
    #expect(show.status == 0)
    #expect(show.stdout.contains("2 versions:") && show.stdout.contains("first report"))
    #expect(show.stdout.contains("affectedUsers: – → 120000; durationHours: – → 36; provisional: true → –"), "\(show.stdout)")
    let json = try TestPaths.runRensa(["incidents", "show", "INC-2026-0001", "--json", "--store", store])
    let versions = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
    #expect(versions.map { $0["version"] as? Int } == [1, 2])
    #expect((versions[1]["changed"] as? [String]) == ["affectedUsers", "durationHours", "provisional"])
    // Lowering the marking is refused, and nothing changes.
    let lower = try TestPaths.runRensa(["incidents", "import", try file("lower.json", #""sharing": "GREEN""#), "--store", store])
    #expect(lower.status == 65 && lower.stderr.contains("an update may not lower its marking to TLP:GREEN"))
    let unknown = try TestPaths.runRensa(["incidents", "show", "INC-2026-0002", "--store", store])
    #expect(unknown.status != 0 && unknown.stderr.contains("no incident 'INC-2026-0002' is stored"))
  }
}

/// `rensa report --store DB --publish`: the publication ledger, as an analyst uses it.
@Suite struct PublicationLedgerCLITests {
  @Test func aPublishedYearIsShownAsPublishedAfterItsRecordsAreUpdated() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("rensa-ledger-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let store = folder + "/s.sqlite"
    func file(_ name: String, duration: Int) throws -> String {
      let path = folder + "/" + name
      let records = (1...4).map { k in
        #"{"id": "INC-2025-000\#(k)", "occurred": "2025-0\#(k)-03", "sector": "finance", "threatType": "intentional", "exceededVerificationLevel": true, "reporter": "bank-\#(k)", "synthetic": false, "sharing": "GREEN", "durationHours": \#(k == 1 ? duration : 2), "affectedUsers": 5000}"#
      }
      try "{\"incidents\": [\(records.joined(separator: ", "))]}".write(toFile: path, atomically: true, encoding: .utf8)
      return path
    }
    #expect(try TestPaths.runRensa(["incidents", "import", try file("first.json", duration: 3), "--store", store]).status == 0)
    let noStore = try TestPaths.runRensa(["report", "--publish", "--out", folder + "/x"])
    #expect(noStore.status == 64 && noStore.stderr.contains("--publish records what the report publishes in the store's ledger: give --store"))
    let common = ["report", "--store", store, "--year", "2025", "--format", "json", "--trials", "100"]
    let first = try TestPaths.runRensa(common + ["--publish", "--out", folder + "/1"])
    #expect(first.status == 0, "\(first.stderr)")
    #expect(first.stdout.contains("Recorded in the publication ledger of \(store): 2021, 2022, 2023, 2024, 2025"), "\(first.stdout)")
    let ledger = try TestPaths.runRensa(["incidents", "ledger", "--store", store])
    #expect(ledger.status == 0)
    let lines = ledger.stdout.split(separator: "\n")
    // A header and its rule, 5 years × CLEAR and GREEN counts, and 2025's user-hours in both editions.
    #expect(lines.count == 2 + 12 && lines[0].contains("counted by"), "\(ledger.stdout)")
    #expect(lines.contains { $0.contains("2025") && $0.contains("TLP:GREEN") && $0.contains("user-hours") && $0.contains("common-threats-2025.tlp-green") })
    let again = try TestPaths.runRensa(common + ["--publish", "--out", folder + "/2"])
    #expect(again.stdout.contains("nothing new (every year shown was published before)"), "\(again.stdout)")
    // The operator's update: the duration of one incident is now known to be 30 hours.
    let update = try TestPaths.runRensa(["incidents", "import", try file("update.json", duration: 30), "--store", store])
    #expect(update.status == 0 && update.stdout.contains("1 updated"), "\(update.stderr)")
    let revised = try TestPaths.runRensa(common + ["--out", folder + "/3"])
    #expect(revised.status == 0)
    #expect(revised.stderr.contains("note: 2025 is shown as published in common-threats-2025.tlp-green ("), "\(revised.stderr)")
    #expect(revised.stderr.contains("1 of its incidents changed since and are not in its figures"))
    func json(_ n: String) throws -> [String: Any] {
      try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: folder + "/\(n)/common-threats-2025.tlp-green.json"))) as? [String: Any])
    }
    func tables(_ doc: [String: Any]) -> [String: String] {
      var out: [String: String] = [:]
      for section in doc["sections"] as? [[String: Any]] ?? [] {
        for block in section["blocks"] as? [[String: Any]] ?? [] where block["type"] as? String == "table" {
          guard let id = block["id"] as? String, id.hasPrefix("indicators") || id.hasPrefix("impact") || id == "headline" else { continue }
          out[id] = String(decoding: try! JSONSerialization.data(withJSONObject: block["rows"] ?? [], options: [.sortedKeys]), as: UTF8.self)
        }
      }
      return out
    }
    let before = try json("1")
    let after = try json("3")
    #expect(!tables(before).isEmpty && tables(before) == tables(after), "every published table of 2021–2025 as first published")
    let asPublished = ((after["disclosure"] as? [String: Any])?["as_published"] as? [[String: Any]])?.compactMap { $0["year"] as? Int }
    #expect(asPublished == [2021, 2022, 2023, 2024, 2025])
  }
}
