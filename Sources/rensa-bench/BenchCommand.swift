import ArgumentParser
import Foundation
import Rensa
import RensaWorkloads
import RensaGraph
import InternalRensaUtilities

#if canImport(Glibc)
  import Glibc
#endif

/// `rensa-bench`: benchmark workloads and kernel timings for the peer comparison
/// (Benchmarks/Peers/compare.py) and the instruction gate (.ci/check-instructions).
/// Each timing subcommand prints one JSON line. Not part of the shipped `rensa`: it is
/// built with `swift build --product rensa-bench` and never installed by `make run`.
@main
struct BenchCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "rensa-bench",
    abstract: "Generate benchmark workloads and time kernels (for Benchmarks/Peers and the instruction gate).",
    version: RensaRelease.string,
    subcommands: [
      Generate.self, Closure.self, ReachCountsTiming.self, SCC.self, Timeline.self, Threshold.self, MonteCarlo.self, ThresholdWindow.self,
      Percolation.self, GenerateIIM.self, IIM.self, DIIM.self, SparseIIM.self, DGEMM.self,
      GenerateBinary.self, Distances.self, LinkageTiming.self, LeafOrderTiming.self, CoclusterTiming.self,
      GenerateDataset.self,
      Bandwidth.self, CommonModesTiming.self, ModelBytes.self, MinimalSetsTiming.self, SweepTiming.self,
    ])

  struct Generate: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Write a seeded workload graph as an integer edge list (see Docs/Benchmarks.md).")

    enum Family: String, ExpressibleByArgument, CaseIterable {
      case random, hard
    }

    @Option(help: "Graph family: random (uniform endpoints) or hard (line with local and long forward edges).")
    var family: Family = .random
    @Option(help: "Number of nodes.")
    var nodes: Int = 1
    @Option(help: "Mean out-degree before merging parallel edges.")
    var degree: Double = 0
    @Option(help: "Seed.")
    var seed: UInt64 = 1
    @Option(help: "Output file.")
    var out: String
    @Option(help: "Add whole-hour delays drawn uniformly from LO-HI (e.g. 1-24) as a third column (a timed workload).")
    var delays: String?
    @Option(help: "Instead of a family, read this integer edge list (e.g. a real network) and write it, with --delays.")
    var from: String?

    func validate() throws {
      guard nodes >= 1 && nodes < Int(UInt32.max) else { throw ValidationError("--nodes must be in 1..<2³²") }
      guard degree >= 0 && degree.isFinite else { throw ValidationError("--degree must be ≥ 0") }
    }

    func run() throws {
      do {
        let graph: Digraph
        if let from {
          graph = try IntegerEdgeList.read(path: from)
        } else {
          switch family {
          case .random: graph = GraphGenerators.random(n: nodes, meanDegree: degree, seed: seed)
          case .hard: graph = GraphGenerators.hardFamily(n: nodes, meanDegree: degree, seed: seed)
          }
        }
        if let delays {
          let parts = delays.split(separator: "-").compactMap { UInt32($0) }
          guard parts.count == 2, parts[0] <= parts[1] else {
            throw UsageError(message: "--delays must be LO-HI with whole hours, LO ≤ HI", hint: "e.g. --delays 1-24")
          }
          // One delay per edge in row order, from its own stream of the seed.
          let values = GraphGenerators.delays(count: graph.edgeCount, range: parts[0]...parts[1], seed: seed)
          let origin = from.map { "from=\(($0 as NSString).lastPathComponent)" } ?? "family=\(family.rawValue) degree=\(degree)"
          try IntegerEdgeList.write(graph, delays: values, to: out, comment: "\(origin) seed=\(seed) delays=\(delays)")
        } else {
          try IntegerEdgeList.write(graph, to: out, comment: "family=\(family.rawValue) degree=\(degree) seed=\(seed)")
        }
        print("wrote \(out): \(graph.nodeCount) nodes, \(graph.edgeCount) edges")
      } catch {
        BenchFailure.fail(error)
      }
    }
  }

  struct Timing: ParsableArguments {
    @Argument(help: "Integer edge list.")
    var file: String
    @Option(name: .customLong("repeat"), help: "Timed repetitions (the best and the median are reported).")
    var repetitions: Int = 5
    @Option(help: "Write the per-node result (one integer per line) here, for agreement checks.")
    var resultOut: String?
  }

  struct Closure: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Time all-pairs closure sizes (descendant count of every node), SCC included.")
    @OptionGroup var timing: Timing

    func run() throws {
      do {
        let (graph, load) = try measure { try IntegerEdgeList.read(path: timing.file) }
        let options = ClosureOptions()
        var times: [Double] = []
        var sccTimes: [Double] = []
        var last: TransitiveClosure? = nil
        for _ in 0..<max(1, timing.repetitions) {
          last = nil
          let start = ContinuousClock.now
          let condensation = Condensation(graph)
          let middle = ContinuousClock.now
          last = try TransitiveClosure(condensation: condensation, options: options)
          let end = ContinuousClock.now
          times.append(seconds(end - start))
          sccTimes.append(seconds(middle - start))
        }
        let closure = last!
        if let path = timing.resultOut {
          try closure.descendantCounts.map(String.init).joined(separator: "\n").appending("\n")
            .write(toFile: path, atomically: true, encoding: .utf8)
        }
        let kernelBest = zip(times, sccTimes).map { $0 - $1 }.min()!
        report([
          ("kernel", .string("closure")), ("file", .string(timing.file)), ("nodes", .int(graph.nodeCount)),
          ("edges", .int(graph.edgeCount)), ("components", .int(closure.condensation.count)),
          ("load_s", .double(load)), ("best_s", .double(times.min()!)), ("median_s", .double(median(times))),
          ("scc_best_s", .double(sccTimes.min()!)), ("kernel_best_s", .double(kernelBest)),
          ("checksum", .int(closure.descendantCounts.reduce(0, +))),
          ("bitset_bytes", .int(closure.statistics.storedBytes)),
          ("dense_bitset_bytes", .int(TransitiveClosure.denseBytes(nodeCount: graph.nodeCount, componentCount: closure.condensation.count))),
          ("bytes_touched", .int(closure.statistics.bytesTouched)),
          ("kernel_gb_per_s", .double(Double(closure.statistics.bytesTouched) / kernelBest / 1e9)),
          ("peak_rss_bytes", .int(peakRSS())),
        ])
      } catch {
        BenchFailure.fail(error)
      }
    }
  }

  struct ReachCountsTiming: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "reach-counts",
      abstract: "Time descendant counts by column blocks (ReachCounts, no all-pairs matrix), SCC included.")
    @OptionGroup var timing: Timing
    @Option(help: "Threads (default: the processors).") var threads: Int?

    func run() throws {
      do {
        let (graph, load) = try measure { try IntegerEdgeList.read(path: timing.file) }
        var times: [Double] = []
        var counts: [Int] = []
        var components = 0
        for _ in 0..<max(1, timing.repetitions) {
          let start = ContinuousClock.now
          let condensation = Condensation(graph)
          counts = ReachCounts.descendants(condensation, threadCount: threads)
          times.append(seconds(ContinuousClock.now - start))
          components = condensation.count
        }
        if let path = timing.resultOut {
          try counts.map(String.init).joined(separator: "\n").appending("\n").write(toFile: path, atomically: true, encoding: .utf8)
        }
        report([
          ("kernel", .string("reach-counts")), ("file", .string(timing.file)), ("nodes", .int(graph.nodeCount)),
          ("edges", .int(graph.edgeCount)), ("components", .int(components)),
          ("load_s", .double(load)), ("best_s", .double(times.min()!)), ("median_s", .double(median(times))),
          ("checksum", .int(counts.reduce(0, +))), ("peak_rss_bytes", .int(peakRSS())),
        ])
      } catch {
        BenchFailure.fail(error)
      }
    }
  }

  struct MinimalSetsTiming: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "n-k",
      abstract: "Time N-k (MinimalFailureSets) on a seeded graph with groups of alternatives; optionally write it as an edge list.")
    @Option(help: "Graph family: hard (line with local and long forward edges) or random.") var family: Generate.Family = .hard
    @Option(help: "Number of nodes.") var nodes: Int = 10_000
    @Option(help: "Mean out-degree (dependencies per node).") var degree: Double = 5
    @Option(help: "Seed of the graph; the groups use seed + 1.") var seed: UInt64 = 23
    @Option(help: "Largest set size, 1 ... 3.") var k: Int = 2
    @Option(name: .customLong("repeat"), help: "Timed repetitions.") var repetitions: Int = 3
    @Option(help: "Threads (default: the processors).") var threads: Int?
    @Option(help: "Write the graph as a CSV edge list (supplier,dependent,group,need) here, and stop.") var export: String?

    func validate() throws {
      guard (1...3).contains(k) else { throw ValidationError("--k must be 1, 2 or 3") }
      guard nodes >= 1 && nodes < Int(Int32.max) else { throw ValidationError("--nodes must be in 1..<2³¹") }
    }

    func run() throws {
      do {
        let digraph =
          family == .hard
          ? GraphGenerators.hardFamily(n: nodes, meanDegree: degree, seed: seed)
          : GraphGenerators.random(n: nodes, meanDegree: degree, seed: seed)
        let graph = GraphGenerators.alternatives(digraph, seed: seed &+ 1)
        if let export {
          var out = "supplier,dependent,group,need\n"
          for g in 0..<graph.groupCount {
            for s in graph.suppliers(ofGroup: g) { out += "\(s),\(graph.owner[g]),g\(g),\(graph.needed[g])\n" }
          }
          try out.write(toFile: export, atomically: true, encoding: .utf8)
          return
        }
        var times: [Double] = []
        var result: MinimalFailureSets?
        for _ in 0..<max(1, repetitions) {
          let start = ContinuousClock.now
          result = try MinimalFailureSets(graph, maxSize: k, options: ClosureOptions(threadCount: threads))
          times.append(seconds(ContinuousClock.now - start))
        }
        let nk = result!
        var fields: [(String, JSONValue)] = [
          ("kernel", .string("n-k")), ("family", .string(family.rawValue)), ("nodes", .int(graph.nodeCount)),
          ("groups", .int(graph.groupCount)), ("dependencies", .int(graph.suppliers.count)), ("k", .int(k)),
          ("classes", .int(nk.classCount)), ("pairs_propagated", .int(nk.pairsPropagated)),
          ("triples_propagated", .int(nk.triplesPropagated)),
        ]
        for size in 1...k {
          let counts = nk.counts(size: size)
          fields.append(("sets_\(size)", .int(counts.reduce(0, +))))
          fields.append(("nodes_with_sets_\(size)", .int(counts.filter { $0 > 0 }.count)))
          fields.append(("top_beyond_\(size)", .int(nk.top(size: size).first?.beyond ?? 0)))
        }
        fields += [("best_s", .double(times.min()!)), ("median_s", .double(median(times))), ("peak_rss_bytes", .int(peakRSS()))]
        report(fields)
      } catch {
        BenchFailure.fail(error)
      }
    }
  }

  struct SweepTiming: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "sweep", abstract: "Time a duration sweep (DurationSweep) of one node's outage on a timed random graph.")
    @Option(help: "Number of nodes.") var nodes: Int = 1_000
    @Option(help: "Mean out-degree.") var degree: Double = 3
    @Option(help: "Seed.") var seed: UInt64 = 1
    @Flag(help: "Pair each dependent's suppliers into groups of two alternatives.") var alternatives = false
    @Option(name: .customLong("repeat"), help: "Timed repetitions.") var repetitions: Int = 3

    func run() throws {
      do {
        let graph = GraphGenerators.timedRandom(n: nodes, meanDegree: degree, seed: seed, alternatives: alternatives)
        var times: [Double] = []
        var result: DurationSweep?
        for _ in 0..<max(1, repetitions) {
          let start = ContinuousClock.now
          result = try DurationSweep(graph, initial: [0])
          times.append(seconds(ContinuousClock.now - start))
        }
        let sweep = result!
        report([
          ("kernel", .string("sweep")), ("nodes", .int(nodes)), ("edges", .int(graph.edges.count)),
          ("alternatives", .bool(alternatives)), ("changes", .int(sweep.changes.count)),
          ("failing", .int(sweep.breakpoint.filter(\.isFinite).count)),
          ("best_s", .double(times.min()!)), ("median_s", .double(median(times))), ("peak_rss_bytes", .int(peakRSS())),
        ])
      } catch {
        BenchFailure.fail(error)
      }
    }
  }

  struct SCC: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "scc", abstract: "Time strongly connected components plus the condensation DAG.")
    @OptionGroup var timing: Timing

    func run() throws {
      do {
        let (graph, load) = try measure { try IntegerEdgeList.read(path: timing.file) }
        var times: [Double] = []
        var sccOnly: [Double] = []
        var last: Condensation? = nil
        for _ in 0..<max(1, timing.repetitions) {
          last = nil
          let start = ContinuousClock.now
          let components = StronglyConnectedComponents(graph)
          let middle = ContinuousClock.now
          last = Condensation(graph, components: components)
          let end = ContinuousClock.now
          times.append(seconds(end - start))
          sccOnly.append(seconds(middle - start))
        }
        let condensation = last!
        if let path = timing.resultOut {
          // Component sizes, sorted: comparable across tools whatever their numbering.
          let sizes = (0..<condensation.count).map { condensation.size(of: $0) }.sorted()
          try sizes.map(String.init).joined(separator: "\n").appending("\n")
            .write(toFile: path, atomically: true, encoding: .utf8)
        }
        report([
          ("kernel", .string("scc")), ("file", .string(timing.file)), ("nodes", .int(graph.nodeCount)),
          ("edges", .int(graph.edgeCount)), ("components", .int(condensation.count)),
          ("condensation_edges", .int(condensation.dag.edgeCount)), ("load_s", .double(load)),
          ("best_s", .double(times.min()!)), ("median_s", .double(median(times))),
          ("scc_only_best_s", .double(sccOnly.min()!)), ("peak_rss_bytes", .int(peakRSS())),
        ])
      } catch {
        BenchFailure.fail(error)
      }
    }
  }

  struct Timeline: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Time earliest failure times (the cascade timeline, every edge required) on a timed workload.",
      discussion: "The initial failures are nodes 0 ..< --sources at hour 0, never restored; the result is each node's failure hour (-1: never).")
    @OptionGroup var timing: Timing
    @Option(help: "Number of initial failures (nodes 0, 1, …).")
    var sources = 10

    func run() throws {
      do {
        let (workload, load) = try measure { try IntegerEdgeList.readTimed(path: timing.file) }
        let (graph, build) = try measure {
          try TimedDependencyGraph(
            nodeCount: workload.nodeCount,
            edges: (0..<workload.sources.count).map {
              .init(supplier: Int(workload.sources[$0]), dependent: Int(workload.targets[$0]), delay: Double(workload.delays[$0]))
            })
        }
        let failures = (0..<min(sources, workload.nodeCount)).map { CascadeTimeline.NodeFailure(node: $0) }
        var times: [Double] = []
        var last: CascadeTimeline? = nil
        for _ in 0..<max(1, timing.repetitions) {
          last = nil
          let start = ContinuousClock.now
          last = try CascadeTimeline(graph, failures: failures)
          times.append(seconds(ContinuousClock.now - start))
        }
        let timeline = last!
        if let path = timing.resultOut {
          try timeline.failedAt.map { $0.isFinite ? String(Int($0)) : "-1" }.joined(separator: "\n").appending("\n")
            .write(toFile: path, atomically: true, encoding: .utf8)
        }
        report([
          ("kernel", .string("timeline")), ("file", .string(timing.file)), ("nodes", .int(workload.nodeCount)),
          ("edges", .int(workload.sources.count)), ("failed", .int(timeline.failedCount)), ("load_s", .double(load)),
          ("build_s", .double(build)), ("best_s", .double(times.min()!)), ("median_s", .double(median(times))),
          ("peak_rss_bytes", .int(peakRSS())),
        ])
      } catch {
        BenchFailure.fail(error)
      }
    }
  }

  struct Threshold: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Time the threshold cascade (Watts) on an integer edge list.",
      discussion: "Seeds are nodes 0 ..< --sources; a node fails once the share of its failed suppliers reaches --theta. The result is 1 (failed) or 0 per node.")
    @OptionGroup var timing: Timing
    @Option(help: "Number of seed nodes (nodes 0, 1, …).")
    var sources = 1000
    @Option(help: "Threshold θ.")
    var theta = 0.3

    func run() throws {
      do {
        let (graph, load) = try measure { try IntegerEdgeList.read(path: timing.file) }
        let (model, build) = try measure { try ThresholdCascade(graph, threshold: theta) }
        let seeds = Array(0..<min(sources, graph.nodeCount))
        var times: [Double] = []
        var outcome: ThresholdCascade.Outcome? = nil
        for _ in 0..<max(1, timing.repetitions) {
          let start = ContinuousClock.now
          outcome = model.run(seeds: seeds)
          times.append(seconds(ContinuousClock.now - start))
        }
        let failed = outcome!.failed
        if let path = timing.resultOut {
          var flags = [Character](repeating: "0", count: graph.nodeCount)
          for v in failed { flags[v] = "1" }
          try flags.map(String.init).joined(separator: "\n").appending("\n").write(toFile: path, atomically: true, encoding: .utf8)
        }
        report([
          ("kernel", .string("threshold")), ("file", .string(timing.file)), ("nodes", .int(graph.nodeCount)),
          ("edges", .int(graph.edgeCount)), ("failed", .int(failed.count)), ("rounds", .int(outcome!.rounds)),
          ("load_s", .double(load)), ("build_s", .double(build)), ("best_s", .double(times.min()!)),
          ("median_s", .double(median(times))), ("peak_rss_bytes", .int(peakRSS())),
        ])
      } catch {
        BenchFailure.fail(error)
      }
    }
  }

  struct MonteCarlo: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "montecarlo",
      abstract: "Time independent-cascade Monte Carlo (64 trials per word) on an integer edge list.",
      discussion: "Seeds are nodes 0 ..< --sources in every trial; each edge transmits with --probability. The result is, per node, the number of trials in which it fails.")
    @OptionGroup var timing: Timing
    @Option(help: "Transmission probability of every edge.") var probability = 0.3
    @Option(help: "Trials.") var trials = 1000
    @Option(help: "Number of seed nodes (nodes 0, 1, …).") var sources = 10
    @Option(help: "Seed.") var seed: UInt64 = 1
    @Option(help: "Threads.") var threads = 1

    func run() throws {
      do {
        let (graph, load) = try measure { try IntegerEdgeList.read(path: timing.file) }
        let (model, build) = try measure { () throws -> CascadeMonteCarlo in
          var edges: [TimedDependencyGraph.Edge] = []
          edges.reserveCapacity(graph.edgeCount)
          for v in 0..<graph.nodeCount { for w in graph.successors(of: v) { edges.append(.init(supplier: v, dependent: Int(w))) } }
          let timed = try TimedDependencyGraph(nodeCount: graph.nodeCount, edges: edges)
          return try CascadeMonteCarlo(
            timed, transmission: [Double](repeating: probability, count: edges.count),
            failures: (0..<min(sources, graph.nodeCount)).map { .init(.init(node: $0)) })
        }
        var times: [Double] = []
        var counts: [Int] = []
        for _ in 0..<max(1, timing.repetitions) {
          let start = ContinuousClock.now
          counts = try model.failureCounts(trials: trials, seed: seed, threads: threads)
          times.append(seconds(ContinuousClock.now - start))
        }
        if let path = timing.resultOut {
          try counts.map(String.init).joined(separator: "\n").appending("\n").write(toFile: path, atomically: true, encoding: .utf8)
        }
        let mean = Double(counts.reduce(0, +)) / Double(max(1, trials * graph.nodeCount))
        report([
          ("kernel", .string("montecarlo")), ("file", .string(timing.file)), ("nodes", .int(graph.nodeCount)),
          ("edges", .int(graph.edgeCount)), ("trials", .int(trials)), ("probability", .double(probability)),
          ("mean_failed_fraction", .double(mean)), ("load_s", .double(load)), ("build_s", .double(build)),
          ("best_s", .double(times.min()!)), ("median_s", .double(median(times))),
          ("trials_per_s", .double(Double(trials) / times.min()!)), ("peak_rss_bytes", .int(peakRSS())),
        ])
      } catch {
        BenchFailure.fail(error)
      }
    }
  }

  struct ThresholdWindow: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "threshold-window",
      abstract: "Watts (2002) experiment: frequency of global cascades against mean degree on Erdős–Rényi networks.")
    @Option(help: "Nodes per network.") var nodes = 10_000
    @Option(help: "Threshold φ.") var phi = 0.18
    @Option(help: "Networks per mean degree.") var graphs = 20
    @Option(help: "Single-seed runs per network.") var runs = 50
    @Option(help: "Global cascade: more than this share of the nodes.") var global = 0.1
    @Option(help: "Seed.") var seed: UInt64 = 1

    func run() throws {
      print("z\tfrequency\tmean_size_of_global")
      for step in 1...20 {
        let z = Double(step) * 0.5
        var count = 0
        var size = 0.0
        for g in 0..<graphs {
          let graph = GraphGenerators.erdosRenyiUndirected(n: nodes, meanDegree: z, seed: seed &+ UInt64(step * 1000 + g))
          let model = try ThresholdCascade(graph, threshold: phi)
          var rng = Xoshiro256StarStar(seed: seed).stream(UInt64(step * 1000 + g))
          for _ in 0..<runs {
            let failed = model.run(seeds: [Int(rng.next() % UInt64(nodes))]).failed.count
            if Double(failed) > global * Double(nodes) {
              count += 1
              size += Double(failed) / Double(nodes)
            }
          }
        }
        let total = graphs * runs
        print("\(z)\t\(Double(count) / Double(total))\t\(count == 0 ? 0 : size / Double(count))")
      }
    }
  }

  struct Percolation: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Buldyrev et al. (2010) experiment: mutual giant component of two coupled Erdős–Rényi networks against p.")
    @Option(help: "Nodes per network.") var nodes = 1_000_000
    @Option(help: "Mean degree k.") var degree = 4.0
    @Option(help: "Realisations per p.") var trials = 3
    @Option(help: "Seed.") var seed: UInt64 = 1

    func run() throws {
      let pc = InterdependentPercolation.criticalFraction(meanDegree: degree)
      print("# N=\(nodes) k=\(degree) p_c(theory)=\(pc)")
      print("p\tmu_theory\tmu_mean\tmu_min\tmu_max\tsteps_max")
      let grid = [0.5, 0.55, 0.58, 0.6, 0.61, 0.62, 0.63, 0.65, 0.7, 0.75, 0.8, 0.9, 1.0].map { $0 * 4 / degree }
      for p in grid where p <= 1 {
        var values: [Double] = []
        var steps = 0
        for t in 0..<trials {
          let a = GraphGenerators.erdosRenyiUndirected(n: nodes, meanDegree: degree, seed: seed &+ UInt64(2 * t))
          let b = GraphGenerators.erdosRenyiUndirected(n: nodes, meanDegree: degree, seed: seed &+ UInt64(2 * t + 1))
          var rng = Xoshiro256StarStar(seed: seed).stream(UInt64(t))
          let removed = (0..<nodes).map { _ in rng.nextUnitDouble() >= p }
          let (mu, s) = InterdependentPercolation.mutualGiantComponent(a, b, removed: removed)
          values.append(mu)
          steps = max(steps, s)
        }
        let mean = values.reduce(0, +) / Double(values.count)
        print("\(p)\t\(InterdependentPercolation.theory(meanDegree: degree, p: p))\t\(mean)\t\(values.min()!)\t\(values.max()!)\t\(steps)")
      }
    }
  }

  struct Bandwidth: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Measure single-thread memory copy bandwidth (memcpy of a 256 MiB buffer).")

    func run() throws {
      let bytes = 256 << 20
      let a = UnsafeMutableRawPointer.allocate(byteCount: bytes, alignment: 64)
      let b = UnsafeMutableRawPointer.allocate(byteCount: bytes, alignment: 64)
      defer {
        a.deallocate()
        b.deallocate()
      }
      memset(a, 1, bytes)
      memset(b, 2, bytes)
      var best = Double.infinity
      for _ in 0..<10 {
        let start = ContinuousClock.now
        memcpy(b, a, bytes)
        best = min(best, seconds(ContinuousClock.now - start))
      }
      // A copy reads and writes every byte once.
      report([("kernel", .string("memcpy")), ("bytes", .int(bytes)), ("copy_gb_per_s", .double(2 * Double(bytes) / best / 1e9))])
    }
  }
}

func measure<T>(_ body: () throws -> T) rethrows -> (T, Double) {
  let start = ContinuousClock.now
  let value = try body()
  return (value, seconds(ContinuousClock.now - start))
}

/// Runs `body` `count` times (at least once) and returns each run's time and the last
/// result; the previous result is released before each run, so that two never coexist.
func timedRuns<T>(_ count: Int, _ body: () throws -> T) rethrows -> (times: [Double], last: T) {
  var times: [Double] = []
  var last: T? = nil
  for _ in 0..<max(1, count) {
    last = nil
    let start = ContinuousClock.now
    last = try body()
    times.append(seconds(ContinuousClock.now - start))
  }
  return (times, last!)
}

func seconds(_ duration: Duration) -> Double {
  Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18
}

func median(_ values: [Double]) -> Double {
  let sorted = values.sorted()
  return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
}

/// Peak resident set size of this process in bytes.
func peakRSS() -> Int {
  var usage = rusage()
  getrusage(RUSAGE_SELF.rawValue, &usage)
  return usage.ru_maxrss * 1024
}

func report(_ pairs: [(String, JSONValue)]) {
  print(JSONValue.object(pairs).serialized())
}
