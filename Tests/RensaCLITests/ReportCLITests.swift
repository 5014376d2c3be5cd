import Foundation
import Rensa
import Testing
import _RensaTestSupport

/// `rensa report`: files written, formats, bad options.
extension CLITests {
  @Test func reportWritesTheThreeFormats() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("rensa-report-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: folder) }
    let run = try rensa(["report", "--out", folder.path, "--trials", "100"])
    #expect(run.status == 0, "\(run.stderr)")
    #expect(run.stdout.contains("Report 2026 of nisc-2009 for TLP:GREEN"))
    for name in [
      "common-threats-2026.tlp-green.html", "common-threats-2026.tlp-green.md", "common-threats-2026.tlp-green.json",
      "charts/common-threats-2026.tlp-green/indicators-trend.svg",
    ] {
      #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent(name).path), "\(name)")
    }
    let json = try JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent("common-threats-2026.tlp-green.json")))
    let object = try #require(json as? [String: Any])
    #expect(object["marking"] as? String == "TLP:GREEN" && object["year"] as? Int == 2026)
    let sections = try #require(object["sections"] as? [[String: Any]])
    #expect(sections.count == 10 && sections.allSatisfy { $0["marking"] as? String == "TLP:GREEN" })
    // Only HTML, for AMBER, another year.
    let amber = try rensa(["report", "--out", folder.path, "--format", "html", "--audience", "amber", "--year", "2025", "--trials", "100"])
    #expect(amber.status == 0)
    let html = try String(contentsOf: folder.appendingPathComponent("common-threats-2025.tlp-amber.html"), encoding: .utf8)
    #expect(html.contains("TLP:AMBER") && !FileManager.default.fileExists(atPath: folder.appendingPathComponent("common-threats-2025.tlp-amber.md").path))
    // An edition of another marking in the same folder is never replaced: GREEN 2025 beside AMBER 2025.
    let green = try rensa(["report", "--out", folder.path, "--format", "html", "--year", "2025", "--trials", "100"])
    #expect(green.status == 0)
    let amberAgain = try String(contentsOf: folder.appendingPathComponent("common-threats-2025.tlp-amber.html"), encoding: .utf8)
    #expect(amberAgain == html)
    #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("common-threats-2025.tlp-green.html").path))
  }

  @Test func reportRefusesBadOptions() throws {
    for (arguments, message) in [
      (["report", "--audience", "purple"], "--audience must be"),
      (["report", "--format", "docx"], "--format takes html, md, json, pdf, navigator and stix"),
      (["report", "--min-reporters", "0"], "--min-reporters must be at least 2"),
      (["report", "--min-reporters", "1"], "--min-reporters must be at least 2"),
      (["report", "--dominance", "0"], "--dominance takes a percentage strictly between 0 and 100"),
      (["report", "--dominance", "100"], "--dominance takes a percentage strictly between 0 and 100"),
      (["report", "--dominance=-5"], "--dominance takes a percentage strictly between 0 and 100"),
      (["report", "--dominance", "nan"], "--dominance takes a percentage strictly between 0 and 100"),
      (["report", "--data", "/nonexistent/dataset.json"], "/nonexistent/dataset.json"),
      (["report", "--store", "/nonexistent/incidents.sqlite"], "no incident store here"),
      (["report", "--previous", "/nonexistent/last-year.json"], "/nonexistent/last-year.json"),
      (["report", "--io-table", "/nonexistent/io.csv"], "--io-table and --io-sectors go together"),
      (["report", "--io-sectors", "/nonexistent/c.csv"], "--io-table and --io-sectors go together"),
    ] {
      let run = try rensa(arguments)
      #expect(run.status != 0, "\(arguments)")
      if message.hasPrefix("--min") || message.hasPrefix("--dominance") { #expect(run.status == 64, "\(arguments): usage error") }
      #expect(run.stderr.contains(message), "\(arguments): \(run.stderr)")
    }
  }
}

/// `rensa report` with last year's dataset and an input-output table.
extension CLITests {
  @Test(.enabled(if: TestPaths.sharedDataset("io-tables/japan-2011-13sector/iotable_13sector_2011.csv") != nil,
                 "skipped: ../shared/datasets/io-tables is absent"))
  func reportWithTheJapaneseTableAndLastYear() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("rensa-report-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: folder) }
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    // Last year's dataset: the built-in one without its water → medical dependency.
    let json = try #require(try rensa(["datasets", "--export", "nisc-2009"]).stdout.data(using: .utf8))
    var object = try #require(try JSONSerialization.jsonObject(with: json) as? [String: Any])
    var dependencies = try #require(object["dependencies"] as? [[String: Any]])
    dependencies.removeAll { $0["supplier"] as? String == "water" && $0["dependent"] as? String == "medical" }
    object["dependencies"] = dependencies
    let last = folder.appendingPathComponent("last.json")
    try JSONSerialization.data(withJSONObject: object).write(to: last)
    let table = TestPaths.sharedDataset("io-tables/japan-2011-13sector/iotable_13sector_2011.csv")!.path
    let concordance = TestPaths.repository.appendingPathComponent("Datasets/nisc-2009/industries-japan-2011-13.csv").path
    let run = try rensa([
      "report", "--dataset", "nisc-2009", "--previous", last.path, "--io-table", table, "--io-sectors", concordance,
      "--io-unit", "million JPY", "--format", "md", "--out", folder.path, "--trials", "100",
    ])
    #expect(run.status == 0, "\(run.stderr)")
    let md = try String(contentsOf: folder.appendingPathComponent("common-threats-2026.tlp-green.md"), encoding: .utf8)
    #expect(md.contains("Scenarios by total economic loss (million JPY)"))
    #expect(md.contains("| 05\\_Electricity,gas and water supply |"))
    #expect(md.contains("| added | Water | Medical |"))
    #expect(md.contains("shares of the sector-to-industry concordance are assumptions"))
    // A concordance with a mistake names the file, the line and the field.
    let bad = folder.appendingPathComponent("bad.csv")
    try "sector,industry,share\nelectric-power,05,0.6\nwater,5,0.2\n".write(to: bad, atomically: true, encoding: .utf8)
    let refused = try rensa(["report", "--io-table", table, "--io-sectors", bad.path, "--out", folder.path])
    #expect(refused.status != 0)
    #expect(refused.stderr.contains("bad.csv:3") && refused.stderr.contains("unknown industry '5'"), "\(refused.stderr)")
  }
}

/// `rensa restore` and the shell completion scripts.
extension CLITests {
  @Test func restoreIsTheCascadeRestorationPriority() throws {
    let restore = try rensa(["restore", "--scenario", "tokyo-earthquake", "--crews", "2", "--json"])
    let cascade = try rensa(["cascade", "--scenario", "tokyo-earthquake", "--crews", "2", "--json"])
    #expect(restore.status == 0 && cascade.status == 0)
    #expect(restore.stdout == cascade.stdout && restore.stdout.contains("\"priority\""))
    let bad = try rensa(["restore", "--crews", "0"])
    #expect(bad.status == 64 && bad.stderr.contains("--crews must be between 1 and 1000000"))
  }

  @Test func completionScriptsNameTheSubcommands() throws {
    for shell in ["bash", "zsh", "fish"] {
      let run = try rensa(["--generate-completion-script", shell])
      #expect(run.status == 0, "\(shell)")
      for command in ["report", "restore", "cluster", "closure", "cascade", "inoperability"] {
        #expect(run.stdout.contains(command), "\(shell) script lacks \(command)")
      }
    }
  }
}
