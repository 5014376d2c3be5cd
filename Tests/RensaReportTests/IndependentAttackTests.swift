import Foundation
import Rensa
import RensaReport
import Testing
import _RensaTestSupport

/// The disclosure control attacked by a second, independent attacker: `Tests/Attack/
/// attack.py`, written in Python against the printed JSON only, solving with HiGHS
/// (scipy.optimize.milp) instead of GLPK (skipped when python3 with scipy is absent).
@Suite(.enabled(if: IndependentAttacker.available, "skipped: python3 with scipy is not available"))
struct IndependentAttackTests {
  func reports(secondary: Bool, into folder: URL) throws -> [URL] {
    var files: [URL] = []
    for year in [2025, 2026] {
      for audience in [SharingScope.clear, .green] {
        var o = ReportOptions()
        o.trials = 20
        o.year = year
        o.audience = audience
        o.secondarySuppression = secondary
        o.enforceDisclosureAudit = secondary
        let r = try AnnualReport.build(dataset: BuiltinDatasets.nisc2009(), options: o)
        let url = folder.appendingPathComponent("\(r.fileStem).json")
        try r.json.serialized().write(to: url, atomically: true, encoding: .utf8)
        files.append(url)
      }
    }
    return files
  }

  @Test func highsFindsNoWithheldCountNarrowerThanKAndFindsThemWithoutSecondarySuppression() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("rensa-attack-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let dataset = folder.appendingPathComponent("nisc-2009.json")
    try DatasetWriter.json(BuiltinDatasets.nisc2009()).write(to: dataset, atomically: true, encoding: .utf8)
    for secondary in [true, false] {
      let sub = folder.appendingPathComponent(secondary ? "protected" : "primary-only")
      try FileManager.default.createDirectory(at: sub, withIntermediateDirectories: true)
      let files = try reports(secondary: secondary, into: sub)
      let summary = try IndependentAttacker.run([dataset] + files)
      let parts = summary.split(separator: " ")
      // "attack: T withheld counts, narrowest W, N narrower than 3"
      let withheld = Int(parts[1]) ?? -1
      let narrow = Int(parts[parts.count - 4]) ?? -1
      #expect(withheld > 100, "\(summary)")
      if secondary {
        #expect(narrow == 0 && summary.contains("narrowest 3"), "\(summary)")
      } else {
        #expect(narrow >= 10, "\(summary)")
      }
    }
  }
}

enum IndependentAttacker {
  static let available = Python.has("scipy.optimize, numpy; scipy.optimize.milp")

  /// Runs the attacker; returns its summary line.
  static func run(_ files: [URL]) throws -> String {
    let (status, out) = try Python.run(
      [TestPaths.repository.appendingPathComponent("Tests/Attack/attack.py").path] + files.map(\.path))
    #expect(status == 0)
    return out.split(separator: "\n").last.map(String.init) ?? ""
  }
}
