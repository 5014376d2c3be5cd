import ArgumentParser
import Rensa

/// `rensa restore`: the restoration priority of a dataset scenario, the same analysis as
/// `rensa cascade --crews K`, under the name analysts look for.
struct RestoreCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "restore",
    abstract: "Restoration priority: what to repair first after a scenario, each rank explained.",
    discussion: """
      Ranks the scenario's repairs for K crews working at once so that the
      fewest service-hours (user-hours where the dataset counts users) are
      lost, re-simulating the cascade exactly for every choice; for up to 8
      repairs the exhaustive optimum is computed too. Each rank says which
      nodes it brings back earlier and how many hours it saves. The same as
      `rensa cascade --crews K` (Docs/Cascade.md).

      Examples:
        rensa restore
        rensa restore --scenario tokyo-earthquake --crews 2
        rensa restore --dataset shelby.json --scenario earthquake-M9 --json
      """)

  @Option(help: "Dataset: built-in name (nisc-2009) or a dataset file.")
  var dataset: String?

  @Option(help: "Scenario of the dataset (default: its first).")
  var scenario: String?

  @Option(help: "Crews working at once.")
  var crews = 1

  @Option(help: "Hours the measures cover (default: long enough for every repair).")
  var horizon: Double?

  @Flag(help: "Print JSON.")
  var json = false

  @Option(help: "Refuse a cascade whose graph and working state would exceed this (e.g. 2G).")
  var memoryLimit: ByteSize?

  func validate() throws {
    if !(1...Limits.maximumCrews).contains(crews) {
      throw ValidationError("--crews must be between 1 and \(Limits.maximumCrews) (more crews than failed nodes change nothing)")
    }
  }

  /// The equivalent `rensa cascade` arguments.
  var cascadeArguments: [String] {
    var arguments = ["--crews", String(crews)]
    if let dataset { arguments += ["--dataset", dataset] }
    if let scenario { arguments += ["--scenario", scenario] }
    if let horizon { arguments += ["--horizon", String(horizon)] }
    if let memoryLimit { arguments += ["--memory-limit", String(memoryLimit.bytes)] }
    if json { arguments.append("--json") }
    return arguments
  }

  func run() throws {
    let cascade = try CascadeCommand.parse(cascadeArguments)
    try cascade.validate()
    try cascade.run()
  }
}
