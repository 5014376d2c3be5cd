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
      for warning in DatasetReader.warnings(dataset, file: path ?? "nisc-2009") {
        FileHandle.standardError.write(Data("warning: \(warning.description)\n".utf8))
      }
      func count(_ n: Int, _ one: String, _ many: String) -> String { "\(n) \(n == 1 ? one : many)" }
      print(
        "  " + [
          count(dataset.sectors.count, "sector", "sectors"), count(dataset.operators.count, "operator", "operators"),
          count(dataset.assets.count, "asset", "assets"), count(dataset.services.count, "service", "services"),
          count(dataset.dependencies.count, "dependency", "dependencies") + " (\(assumptions) resting on stated assumptions)",
          count(dataset.threats.count, "threat", "threats"),
          count(dataset.incidents.count, "incident", "incidents") + (dataset.hasSyntheticIncidents ? " (synthetic)" : ""),
          count(dataset.topics.count, "analysis topic", "analysis topics"), count(dataset.scenarios.count, "scenario", "scenarios"),
        ].joined(separator: ", "))
    } catch {
      RensaCLI.fail(error)
    }
  }
}
