import Foundation
import Rensa
import RensaReport
import Testing
import _RensaTestSupport

/// The GREEN report of the built-in nisc-2009 as a golden file: every count, withheld
/// cell, caption and base, in the Markdown rendering (numbers rounded as printed, so that
/// last-bit differences of BLAS kernels between CPUs do not matter). After a deliberate
/// change, `RENSA_UPDATE_GOLDEN=1 swift test --filter ReportGoldenTests` rewrites it; read
/// the diff before committing it.
@Suite struct ReportGoldenTests {
  static let options: ReportOptions = {
    var o = ReportOptions()
    o.trials = 200
    o.rensaVersion = "golden"
    return o
  }()

  /// Both editions, English and Japanese (`common-threats-2026.tlp-green.ja.md`).
  @Test(arguments: ReportLanguage.allCases)
  func theGreenReportOfNisc2009IsTheGoldenOne(language: ReportLanguage) throws {
    var options = Self.options
    options.language = language
    let report = try AnnualReport.build(dataset: BuiltinDatasets.nisc2009(), options: options)
    let text = report.markdown.text
    let url = TestPaths.fixture("golden/\(report.fileStem).md")
    if ProcessInfo.processInfo.environment["RENSA_UPDATE_GOLDEN"] == "1" { try text.write(to: url, atomically: true, encoding: .utf8) }
    let golden = try String(contentsOf: url, encoding: .utf8)
    if text != golden {
      let (a, b) = (text.split(separator: "\n", omittingEmptySubsequences: false), golden.split(separator: "\n", omittingEmptySubsequences: false))
      let line = zip(a, b).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(a.count, b.count)
      let got = line < a.count ? String(a[line]) : "(end)"
      let want = line < b.count ? String(b[line]) : "(end)"
      Issue.record("the report differs from \(url.lastPathComponent) at line \(line + 1): \"\(got)\" instead of \"\(want)\"")
    }
    // The golden report is protected by its own audit, and says so.
    #expect(report.disclosure?.isProtected == true)
    #expect(golden.contains(language == .english ? "every withheld count takes at least 3 values" : "秘匿した全ての件数が3通り以上の値をとり得る"))
  }

  /// The JSON of several editions validates against Docs/report.schema.json.
  @Test(.enabled(if: Python.hasJSONSchema, "skipped: python3 with the jsonschema package is not available"))
  func reportsValidateAgainstTheirSchema() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("rensa-report-schema-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let editions: [(Int, SharingScope, ReportLanguage, Bool)] = [
      (2026, .green, .english, false), (2025, .clear, .english, false), (2024, .amber, .english, false), (2027, .green, .english, false),
      (2026, .green, .japanese, false), (2025, .amber, .japanese, true),
    ]
    for (year, audience, language, fiscal) in editions {
      var o = Self.options
      o.year = year
      o.audience = audience
      o.language = language
      o.fiscalYear = fiscal
      o.trials = 50
      let r = try AnnualReport.build(dataset: BuiltinDatasets.nisc2009(), options: o)
      try r.json.serialized(pretty: true).write(to: folder.appendingPathComponent("\(r.fileStem).json"), atomically: true, encoding: .utf8)
    }
    // A CLEAR edition with years shown as first published (the publication ledger).
    var o = Self.options
    o.year = 2023
    o.audience = .clear
    o.trials = 50
    o.preparePublication = true
    let published = try AnnualReport.build(dataset: BuiltinDatasets.nisc2009(), options: o)
    o.year = 2024
    o.publicationLedger = published.publication
    let later = try AnnualReport.build(dataset: BuiltinDatasets.nisc2009(), options: o)
    #expect(later.disclosure?.asPublished.isEmpty == false)
    try later.json.serialized(pretty: true).write(to: folder.appendingPathComponent("ledger-\(later.fileStem).json"), atomically: true, encoding: .utf8)
    let script = """
      import json, sys, os, jsonschema
      v = jsonschema.Draft202012Validator(json.load(open(sys.argv[1])))
      for name in sorted(os.listdir(sys.argv[2])):
          for e in v.iter_errors(json.load(open(os.path.join(sys.argv[2], name)))): print(name, e.json_path, e.message[:200])
      """
    let (status, out) = try Python.run(["-c", script, TestPaths.repository.appendingPathComponent("Docs/report.schema.json").path, folder.path])
    #expect(status == 0)
    #expect(out == "")
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).count == editions.count + 1)
  }
}
