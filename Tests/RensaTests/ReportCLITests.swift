import Foundation
import Rensa
import Testing

/// `rensa report`: files written, formats, bad options.
extension CLITests {
  @Test func reportWritesTheThreeFormats() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("rensa-report-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: folder) }
    let run = try rensa(["report", "--out", folder.path, "--trials", "100"])
    #expect(run.status == 0, "\(run.stderr)")
    #expect(run.stdout.contains("Report 2026 of nisc-2009 for TLP:GREEN"))
    for name in ["common-threats-2026.html", "common-threats-2026.md", "common-threats-2026.json", "charts/indicators-trend.svg"] {
      #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent(name).path), "\(name)")
    }
    let json = try JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent("common-threats-2026.json")))
    let object = try #require(json as? [String: Any])
    #expect(object["marking"] as? String == "TLP:GREEN" && object["year"] as? Int == 2026)
    let sections = try #require(object["sections"] as? [[String: Any]])
    #expect(sections.count == 9 && sections.allSatisfy { $0["marking"] as? String == "TLP:GREEN" })
    // Only HTML, for AMBER, another year.
    let amber = try rensa(["report", "--out", folder.path, "--format", "html", "--audience", "amber", "--year", "2025", "--trials", "100"])
    #expect(amber.status == 0)
    let html = try String(contentsOf: folder.appendingPathComponent("common-threats-2025.html"), encoding: .utf8)
    #expect(html.contains("TLP:AMBER") && !FileManager.default.fileExists(atPath: folder.appendingPathComponent("common-threats-2025.md").path))
  }

  @Test func reportRefusesBadOptions() throws {
    for (arguments, message) in [
      (["report", "--audience", "purple"], "--audience must be"),
      (["report", "--format", "pdf"], "--format takes html, md and json"),
      (["report", "--min-reporters", "0"], "--min-reporters must be at least 1"),
      (["report", "--data", "/nonexistent/dataset.json"], "/nonexistent/dataset.json"),
      (["report", "--store", "/nonexistent/incidents.sqlite"], "no incident store here"),
    ] {
      let run = try rensa(arguments)
      #expect(run.status != 0, "\(arguments)")
      #expect(run.stderr.contains(message), "\(arguments): \(run.stderr)")
    }
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
    #expect(bad.status == 64 && bad.stderr.contains("--crews must be at least 1"))
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
