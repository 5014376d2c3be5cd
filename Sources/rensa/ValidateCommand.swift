import ArgumentParser
import Foundation
import Rensa

struct ValidateCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "validate",
    abstract: "Check a dataset document and report every problem.",
    discussion: """
      Reads a Rensa dataset (JSON, see Docs/DatasetFormat.md) and checks types, ranges,
      enumerations, unique ids and references. Every problem is listed with its file,
      line, field and reason; the exit code is 65 if there is any. Without PATH the
      built-in dataset nisc-2009 is checked.

      Examples:
        rensa validate
        rensa validate my-dataset.json
      """)

  @Argument(help: "Dataset document (JSON). Default: the built-in dataset nisc-2009.")
  var path: String?

  func run() throws {
    do {
      let dataset = try path.map { try DatasetReader.read(path: $0) } ?? BuiltinDatasets.nisc2009()
      let assumptions = dataset.dependencies.filter(\.isAssumption).count
      print("\(path ?? "built-in dataset nisc-2009"): valid.")
      print(
        "  \(dataset.sectors.count) sectors, \(dataset.operators.count) operators, \(dataset.assets.count) assets, "
          + "\(dataset.services.count) services, \(dataset.dependencies.count) dependencies "
          + "(\(assumptions) resting on stated assumptions), \(dataset.threats.count) threats, "
          + "\(dataset.incidents.count) incidents\(dataset.hasSyntheticIncidents ? " (synthetic)" : ""), "
          + "\(dataset.topics.count) analysis topics, \(dataset.scenarios.count) scenarios")
    } catch {
      RensaCLI.fail(error)
    }
  }
}
