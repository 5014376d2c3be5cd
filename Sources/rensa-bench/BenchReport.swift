import ArgumentParser
import Foundation
import Rensa
import RensaWorkloads
import RensaGraph

extension BenchCommand {
  /// A dataset at the scale of issue 8's target (100,000 assets, 1,000,000 dependencies,
  /// 50,000 incidents) for timing `rensa report`, built on nisc-2009 (sectors, services,
  /// threats, sector couplings, scenarios, topics) with seeded synthetic assets,
  /// dependencies and incidents.
  struct GenerateDataset: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "generate-dataset",
      abstract: "Write a large seeded dataset (nisc-2009 plus synthetic assets, dependencies, incidents).",
      discussion: """
        Every asset depends on its sector (so the scenarios reach the assets); the
        other dependencies join random assets, a fifth of them in pairs of
        alternatives (redundancy). Incidents come from the synthetic generator.
        """)
    @Option(help: "Assets.") var assets = 100_000
    @Option(help: "Dependencies in all (at least the number of assets).") var dependencies = 1_000_000
    @Option(help: "Incidents (about; the generator draws Poisson counts).") var incidents = 50_000
    @Option(help: "Seed.") var seed: UInt64 = 1
    @Option(help: "Output file (dataset JSON).") var out: String

    func validate() throws {
      if assets < 1 { throw ValidationError("--assets must be at least 1") }
      if dependencies < assets { throw ValidationError("--dependencies must be at least --assets (every asset depends on its sector)") }
      if incidents < 0 { throw ValidationError("--incidents must be 0 or more") }
    }

    func run() throws {
      let d = ScaledDataset.make(assets: assets, dependencies: dependencies, incidents: incidents, seed: seed)
      do {
        try DatasetWriter.json(d).write(toFile: out, atomically: true, encoding: .utf8)
      } catch {
        BenchFailure.fail(error)
      }
      print("wrote \(out): \(d.assets.count) assets, \(d.dependencies.count) dependencies, \(d.incidents.count) incidents")
    }
  }
}
