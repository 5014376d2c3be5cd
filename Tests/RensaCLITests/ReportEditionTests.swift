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
    let ja = try TestPaths.runRensa(["report", "--lang", "ja", "--fiscal-year", "--format", "json,html", "--trials", "100", "--out", out])
    #expect(en.status == 0 && ja.status == 0, "\(en.stderr)\(ja.stderr)")
    let names = Set(try FileManager.default.contentsOfDirectory(atPath: out))
    #expect(names == ["common-threats-2026.tlp-green.json", "common-threats-fy2026.tlp-green.ja.json", "common-threats-fy2026.tlp-green.ja.html"])
    let html = try String(contentsOfFile: out + "/common-threats-fy2026.tlp-green.ja.html", encoding: .utf8)
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
