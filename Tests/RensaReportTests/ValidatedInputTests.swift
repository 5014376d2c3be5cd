import Foundation
import Testing
import Rensa
import RensaReport
import RensaCluster
import RensaGraph
import RensaLinearAlgebra
import _RensaTestSupport

/// Whatever validation accepts, nothing traps (issue 19, "Proof"): documents that pass
/// validation with numbers at the edges it allows go through every analysis and the
/// report; and each trap found by hand is refused by validation or computed safely.
@Suite struct ValidatedInputTests {
  /// nisc-2009 with a few synthetic incidents, as a document to mutate.
  static let base: String = {
    var dataset = BuiltinDatasets.nisc2009()
    dataset.incidents = Array(dataset.incidents.suffix(300))
    return DatasetWriter.json(dataset)
  }()

  @Test(arguments: 0..<12)
  func validDocumentsGoThroughEveryAnalysis(seed: Int) throws {
    var rng = Xoshiro256StarStar(seed: UInt64(1_000 + seed))
    var accepted = 0
    for attempt in 0..<4 {
      let text = ValidDocumentMutator.mutate(Self.base, rate: [0.05, 0.2, 0.5, 1][attempt], rng: &rng)
      guard let dataset = try? DatasetReader.parse(text, file: "mutated.json") else { continue }
      accepted += 1
      for audience in [SharingScope.green, .red] {
        var options = ReportOptions()
        options.audience = audience
        options.trials = 20
        options.crews = Int(1 + rng.next() % 3)
        let report = try AnnualReport.build(dataset: dataset, options: options)
        let json = report.json.serialized(pretty: false)
        for token in [":nan", ":-nan", ":inf", ":-inf", ",nan", ",inf", ",-inf", "[nan", "[inf", "[-inf"] {
          #expect(!json.contains(token), "a non-finite number in the report's JSON (\(token))")
        }
        #expect(report.html.hasSuffix("</html>\n"))
      }
      for scenario in dataset.scenarios {
        let mc = try ScenarioMonteCarlo(dataset: dataset, scenario: scenario.id, trials: 30, seed: UInt64(seed), threads: 2)
        #expect(mc.trials >= 1)
        let plan = try ScenarioRestorationPriority(dataset: dataset, scenario: scenario.id, crews: 1_000_000_000)
        #expect(plan.ranks.count == plan.ranks.count)
      }
    }
    // At least the lightest mutation stays valid (the edge values are all accepted).
    #expect(accepted >= 1)
  }

  /// The traps found by hand: each is refused by validation with its place, or computed.
  @Test func theTrapsFoundByHandAreClosed() throws {
    var dataset = BuiltinDatasets.nisc2009(syntheticIncidents: nil)
    dataset.scenarios[0].events[0].durationHours = 1e308
    let error = try #require(throws: DataError.self) { try DatasetReader.parse(DatasetWriter.json(dataset), file: "d.json") }
    #expect(error.issues.contains { $0.field == "scenarios[0].events[0].durationHours" && $0.reason.contains("above the maximum 87600") })
    // Lognormal samples are finite whatever the draw (u = 0 gives an infinite z).
    for d in [DelayDistribution.lognormal(median: 0, sigma: 4), .lognormal(median: Limits.maximumHours, sigma: 4)] {
      for u in [0.0, 5e-324, 0.5, 1] { #expect(d.sample(u, 0).isFinite && d.sample(u, 0) >= 0) }
    }
    #expect(InitialFailure.parse("a@1e308+1e308") == nil && InitialFailure.parse("a@0+87600") != nil)
    // A billion crews cost what one crew per repair costs.
    let base = BuiltinDatasets.nisc2009(syntheticIncidents: nil)
    let many = try ScenarioRestorationPriority(dataset: base, scenario: base.scenarios[0].id, crews: 1_000_000_000)
    let enough = try ScenarioRestorationPriority(dataset: base, scenario: base.scenarios[0].id, crews: 1_000)
    #expect(many.ranks == enough.ranks)
  }

  /// Cosine distances of rows near 1e308 equal those of the same rows scaled down, as
  /// scipy's pdist gives for the scaled rows; weighted Jaccard likewise.
  @Test func distancesOfHugeWeightsAreExact() throws {
    let rows: [[Double]] = [[1, 1, 0], [1, 0, 1], [0, 1, 1], [2, 1, 1]]
    let small = Matrix(rowMajor: rows)
    let huge = Matrix(rowMajor: rows.map { $0.map { $0 * (1e308 / 2) } })
    for metric in [WeightedMetric.cosine, .weightedJaccard] {
      let a = try CondensedDistances<Double>.weighted(small, metric)
      let b = try CondensedDistances<Double>.weighted(huge, metric)
      for i in 0..<4 {
        for j in (i + 1)..<4 { #expect(abs(a[i, j] - b[i, j]) < 1e-12, "\(metric) (\(i), \(j)): \(a[i, j]) vs \(b[i, j])") }
      }
    }
    // cosine(x, w) = 1 − 3/(√2 √6), as scipy.spatial.distance.pdist gives.
    let d = try CondensedDistances<Double>.weighted(huge, .cosine)
    #expect(abs(d[0, 3] - (1 - 3 / (2.0.squareRoot() * 6.0.squareRoot()))) < 1e-12)
  }

  /// GraphML: 256 attributes on an element are read; 257 are refused in linear time,
  /// with the element's line.
  @Test func attributeFloodsAreRefusedBeforeParsing() throws {
    func document(_ count: Int) -> Data {
      let attributes = (0..<count).map { " a\($0)=\"v>\($0)\"" }.joined()
      return Data("<?xml version=\"1.0\"?>\n<graphml><graph>\n<!-- <node a=\"1\" b=\"2\"> -->\n<node id=\"a\"\(attributes)/><node id=\"b\"/><edge source=\"a\" target=\"b\"/></graph></graphml>".utf8)
    }
    // 255 attributes plus the id: 256.
    #expect(try GraphMLReader.parse(document(255), file: "ok.graphml").dependencies.count == 1)
    let error = try #require(throws: DataError.self) { try GraphMLReader.parse(document(300_000), file: "flood.graphml") }
    #expect(error.issues.count == 1 && error.issues[0].line == 4 && error.issues[0].reason.contains("257 or more attributes"))
  }
}
