import ArgumentParser
import CRensaBits
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

extension BenchCommand {
  /// The redundancy audit of a generated dataset, timed apart from reading it (issue 22,
  /// §5): the dataset is built in memory by the generator (no file), then
  /// ``CommonModes`` runs `--repeat` times.
  struct ModelBytes: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "model-bytes",
      abstract: "Heap bytes of a generated dataset in memory, and of its dependency network (glibc's mallinfo2).",
      discussion: """
        Bytes in use on the heap before and after ScaledDataset.make, and after
        building its DependencyNetwork. Run it at several sizes and difference the
        results for the bytes per asset, per dependency and per incident
        (Docs/Architecture.md).
        """)
    @Option(help: "Assets.") var assets = 20_000
    @Option(help: "Dependencies in all.") var dependencies = 100_000
    @Option(help: "Incidents (about).") var incidents = 0
    @Option(help: "Seed.") var seed: UInt64 = 1

    func run() throws {
      func inUse() -> Int { Int(rensa_heap_in_use()) }
      let before = inUse()
      let d = ScaledDataset.make(assets: assets, dependencies: dependencies, incidents: incidents, seed: seed)
      let dataset = inUse() - before
      let network = d.dependencyNetwork
      let withNetwork = inUse() - before
      withExtendedLifetime((d, network)) {
        print(
          "{\"assets\":\(d.assets.count),\"dependencies\":\(d.dependencies.count),\"incidents\":\(d.incidents.count),"
            + "\"dataset_bytes\":\(dataset),\"network_bytes\":\(withNetwork - dataset)}")
      }
    }
  }

  struct CommonModesTiming: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "common-modes",
      abstract: "Time the redundancy audit (CommonModes) on a generated dataset, reading excluded.")
    @Option(help: "Assets.") var assets = 100_000
    @Option(help: "Dependencies in all.") var dependencies = 1_000_000
    @Option(help: "Seed.") var seed: UInt64 = 1
    @Option(help: "Runs.") var `repeat` = 1
    @Option(help: "Threads (default: the processors).") var threads: Int?
    @Flag(help: "Also try every single upstream node.") var upstream = false
    @Option(help: ArgumentHelp(
      "Write the requirement graph, the attribute causes (and with --upstream every single node) and the kernel's answers (failed nodes and groups defeated per cause) into this folder, for Benchmarks/Peers/common_modes.py.",
      valueName: "folder"))
    var export: String?

    func run() throws {
      let d = ScaledDataset.make(assets: assets, dependencies: dependencies, incidents: 0, seed: seed)
      if let export {
        // The causes as CommonModes forms them: products, vendors, sites, zones with two carriers or more.
        let network = d.dependencyNetwork
        let graph = network.requirementGraph
        var carriers: [String: Set<Int>] = [:]
        let sites = Dictionary(d.sites.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        for a in d.assets {
          guard let v = network.index(of: a.id) else { continue }
          for p in a.productReferences { carriers["product:" + p.key, default: []].insert(v) }
          for vendor in a.vendors { carriers["vendor:" + ProductReference.normal(vendor), default: []].insert(v) }
          if let site = a.site {
            carriers["site:" + site, default: []].insert(v)
            for h in sites[site]?.hazards ?? [] { carriers["hazard:" + h, default: []].insert(v) }
          }
        }
        var causes = carriers.filter { $0.value.count >= 2 }.sorted { $0.key < $1.key }
        let attributeCauses = causes.count
        // With --upstream, every single node after them, summarised as CommonModes does.
        if upstream { causes += (0..<graph.nodeCount).map { ("upstream:\($0)", [$0]) } }
        let start = DispatchTime.now().uptimeNanoseconds
        let audit = CommonModeAudit(
          graph, causes: causes.map { $0.value.sorted() }, summarisingFrom: attributeCauses, modesPerGroup: 4, threadCount: threads)
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        try FileManager.default.createDirectory(atPath: export, withIntermediateDirectories: true)
        var groups = "dependent\tneeded\tsuppliers\n"
        for g in 0..<graph.groupCount {
          groups += "\(graph.owner[g])\t\(graph.needed[g])\t\(graph.suppliers(ofGroup: g).map(String.init).joined(separator: " "))\n"
        }
        try groups.write(toFile: export + "/groups.tsv", atomically: true, encoding: .utf8)
        var lines = "cause\tnodes\tfailed\tgroups_defeated\n"
        for (k, c) in causes.enumerated() {
          lines += "\(c.key)\t\(c.value.sorted().map(String.init).joined(separator: " "))\t\(audit.failedCounts[k])\t\(audit.groupsDefeated[k])\n"
        }
        try lines.write(toFile: export + "/causes.tsv", atomically: true, encoding: .utf8)
        print("common-modes kernel: \(String(format: "%.3f", seconds)) s for \(causes.count) causes (\(audit.distinctPropagations) propagated) on \(graph.nodeCount) nodes, \(graph.groupCount) groups; wrote \(export)/groups.tsv and causes.tsv (nodes: \(graph.nodeCount))")
        return
      }
      for _ in 0..<max(1, `repeat`) {
        let start = DispatchTime.now().uptimeNanoseconds
        let audit = CommonModes(dataset: d, upstream: upstream, threadCount: threads)
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        let tried = audit.causesTried.values.reduce(0, +)
        print(
          "common-modes: \(String(format: "%.3f", seconds)) s; \(audit.redundantGroups) groups, \(tried) causes, "
            + "\(audit.findings.count) findings listed, \(audit.omittedFindings) more, \(audit.upstream.count) groups defeated by upstream nodes")
      }
    }
  }
}
