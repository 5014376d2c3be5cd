import Foundation
import Rensa
import RensaReport
import RensaLinearAlgebra

/// One binary, one fuzzer per input format, chosen by `RENSA_FUZZ_TARGET`. Each input
/// is decoded as UTF-8 (invalid bytes replaced) and given to the parser; a thrown
/// `DataError` is the expected answer to bad input, and anything else — a trap, an
/// out-of-bounds access, a stack overflow, a hang — is a finding.
enum Target: String, CaseIterable {
  case dataset, incidents, csv, edges, graphml
  case kevJSON = "kev-json", kevCSV = "kev-csv", stix, csaf
  case sectorMapping = "sector-mapping", matrix, astar
  case ioTable = "io-table", sectorValues = "sector-values", concordance
  case integerEdges = "integer-edges", failure
  /// The analyst's notes (`rensa report --notes`): the Markdown subset, rendered.
  case notes
  /// Documents that pass validation, through every analysis and the report (issue 19):
  /// whatever validation accepts, nothing may trap.
  case analyses
}

let target: Target = {
  let name = ProcessInfo.processInfo.environment["RENSA_FUZZ_TARGET"] ?? ""
  guard let t = Target(rawValue: name) else {
    FileHandle.standardError.write(Data("set RENSA_FUZZ_TARGET to one of: \(Target.allCases.map(\.rawValue).joined(separator: ", "))\n".utf8))
    exit(2)
  }
  return t
}()

/// The built-in model, for incident files (whose references it resolves).
let context = BuiltinDatasets.nisc2009(syntheticIncidents: nil)

/// Three industries with output, for concordances.
let economy = try! InoperabilityModel(
  sectors: ["05_Electricity", "09_Transport", "09_Transport_postal"], interdependency: Matrix(rows: 3, columns: 3),
  output: [1, 2, 3], origin: "fuzz")

@_cdecl("LLVMFuzzerTestOneInput")
public func rensaFuzzOne(_ bytes: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let data = Data(bytes: bytes, count: size)
  let text = String(decoding: data, as: UTF8.self)
  let file = "fuzz-input"
  switch target {
  case .dataset: _ = try? DatasetReader.parse(text, file: file)
  case .incidents: _ = try? DatasetReader.parseIncidents(text, file: file, context: context)
  case .csv:
    var issues: [DataIssue] = []
    _ = DelimitedTable.parse(text, file: file, delimiter: ",", issues: &issues)
    _ = DelimitedTable.parse(text, file: file, delimiter: "\t", issues: &issues)
  case .edges: _ = try? EdgeListReader.parse(text, file: file)
  case .graphml: _ = try? GraphMLReader.parse(data, file: file)
  case .kevJSON: _ = try? KEVImporter.parseJSON(text, file: file)
  case .kevCSV: _ = try? KEVImporter.parseCSV(text, file: file)
  case .stix: if let (kb, _) = try? STIXImporter.parse(text, file: file) { _ = kb.threats(unmarked: .clear) }
  case .csaf: _ = try? CSAFImporter.parseAdvisory(text, file: file)
  case .sectorMapping: _ = try? CISASectorMapping.parse(csv: text, file: file, planSectors: Set(context.sectors.map(\.id)))
  case .matrix: _ = try? IncidenceMatrix.parse(text, file: file)
  case .astar:
    if let m = try? LabeledMatrix.parse(text, file: file) {
      _ = try? InoperabilityModel(sectors: m.labels, interdependency: m.matrix, origin: file, rowLines: m.rowLines)
      _ = try? ExpertJudgementScale.standard.interdependency(scores: m, origin: file)
    }
  case .ioTable:
    if let table = try? InputOutputTableReader.parse(text, file: file) {
      _ = try? table.domesticFlows()
      _ = try? table.inoperabilityModel(.demand)
    }
  case .sectorValues:
    _ = try? SectorValues.parse(text, file: file, column: "k", sectors: context.sectors.map(\.id), missing: nil, range: 0...1)
  case .concordance:
    _ = try? ReportEconomy.parseConcordance(text, file: file, sectors: context.sectors.map(\.id), model: economy)
  case .integerEdges: _ = try? IntegerEdgeList.parse(data, file: file)
  case .failure: _ = InitialFailure.parse(text)
  case .notes:
    if let notes = try? AnalystNotes(markdown: text, file: file) {
      _ = ReportDocument(title: "fuzz", year: 2026, marking: .green, caveats: [], sections: [ReportSection(id: "summary", title: "s", blocks: notes.blocks)]).html
    }
  case .analyses:
    guard let dataset = try? DatasetReader.parse(text, file: file), dataset.dependencies.count <= 2_000 else { break }
    _ = try? ClosureAnalysis(dataset.dependencyNetwork)
    for scenario in dataset.scenarios.prefix(3) {
      _ = try? ScenarioMonteCarlo(dataset: dataset, scenario: scenario.id, trials: 4, seed: 1, threads: 1)
      _ = try? ScenarioRestorationPriority(dataset: dataset, scenario: scenario.id, crews: 2, exhaustiveLimit: 4)
    }
    var options = ReportOptions()
    options.trials = 4
    options.year = 2026
    if let report = try? AnnualReport.build(dataset: dataset, options: options) {
      _ = report.html
      _ = report.markdown
      _ = report.jsonText
    }
  }
  return 0
}

// SwiftPM links an executable with `main` aliased to `<module>_main`; libFuzzer's own
// main() is therefore not used, and this entry point hands over to its driver.
@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(
  _ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
  _ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> CInt
) -> CInt

@_cdecl("rensa_fuzz_main")
public func rensaFuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
  var count = argc
  var arguments = argv
  return LLVMFuzzerRunDriver(&count, &arguments, rensaFuzzOne)
}
