import Foundation
import Rensa
import RensaReport
import Testing
import _RensaTestSupport

/// The sections of issue 23 in the report: the dependency curves are the timeline's at
/// each length, and both sections say plainly when they are not computed.
@Suite struct ReportAnalysesTests {
  static func report(_ language: ReportLanguage, budget: Int? = nil, limit: Int? = nil) throws -> String {
    var options = ReportGoldenTests.options
    options.language = language
    if let budget { options.monteCarloBudget = budget }
    options.singleFailureTableLimit = limit
    return try AnnualReport.build(dataset: BuiltinDatasets.nisc2009(), options: options).markdown.text
  }

  @Test func dependencyCurvesAreTheTimelines() throws {
    let text = try Self.report(.english)
    let dataset = BuiltinDatasets.nisc2009(syntheticIncidents: nil)
    let network = dataset.dependencyNetwork
    // Electric power's row: the nodes the cascade fails for each standard length.
    let expected = try OutageSweep.standardDurations.map { d in
      let a = try CascadeAnalysis(network, failures: [.init(id: "electric-power", duration: d)])
      return network.nodeIDs.filter { a.failedAt($0) != nil }.count
    }
    let row = "| Electric power | " + expected.map(String.init).joined(separator: " | ") + " |"
    #expect(text.contains(row), "\(row)")
  }

  @Test(arguments: ReportLanguage.allCases)
  func sectionsSayWhenTheyAreNotComputed(language: ReportLanguage) throws {
    let text = try Self.report(language, budget: 10, limit: 64)
    let english = language == .english
    #expect(text.contains(english ? "The curves are not drawn here" : "ここでは曲線を描いていない"))
    #expect(text.contains(english ? "Critical pairs are not listed" : "重要な組は一覧にしていない"))
    #expect(!text.contains("dependency-curves.svg"))
  }
}
