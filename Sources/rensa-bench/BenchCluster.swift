import ArgumentParser
import Foundation
import Rensa
import RensaWorkloads
import RensaCluster
import RensaGraph

/// Every 997th condensed distance, one per line with 17 digits: a sample that peers
/// reproduce for the agreement check without writing n²/2 numbers.
func writeDistanceSample<S: BinaryFloatingPoint>(_ values: [S], to path: String) throws {
  var text = ""
  var k = 0
  while k < values.count {
    text += String(format: "%.17g\n", Double(values[k]))
    k += 997
  }
  try text.write(toFile: path, atomically: true, encoding: .utf8)
}

extension BenchCommand {
  struct GenerateBinary: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "generate-binary", abstract: "Write a seeded random binary matrix (entities × features).")
    @Option(help: "Rows.") var rows = 10_000
    @Option(help: "Columns.") var columns = 400
    @Option(help: "Share of set bits.") var density = 0.05
    @Option(help: "Seed.") var seed: UInt64 = 1
    @Option(help: "Planted co-clusters (1: none, uniform bits).") var blocks = 1
    @Option(help: "With --blocks: share of set bits inside a block.") var inside = 0.3
    @Option(help: "Instead: the groups × techniques of an ATT&CK STIX bundle (.json or .json.xz).") var stix: String?
    @Option(help: "Instead: the advisories × CWEs of CISA's ICS advisories (CSAF folder or .tar.xz).") var csaf: String?
    @Option(help: "Output file.") var out: String

    func validate() throws {
      if rows < 2 || rows > 1_000_000 { throw ValidationError("--rows must be between 2 and 1,000,000") }
      if columns < 1 || columns > 1_000_000 { throw ValidationError("--columns must be between 1 and 1,000,000") }
      if !(density > 0 && density <= 1) { throw ValidationError("--density must be in (0, 1]") }
      if blocks < 1 || blocks > min(rows, columns) { throw ValidationError("--blocks must be between 1 and min(rows, columns)") }
      if blocks > 1 {
        let share = 1 / Double(blocks)
        let outside = (density - inside * share) / (1 - share)
        if !(inside > 0 && inside <= 1) || !(outside >= 0 && outside <= 1) {
          throw ValidationError(
            "--inside \(inside) with \(blocks) blocks cannot give density \(density): the bits outside the blocks "
              + "would need probability \(outside); choose --inside between \(density) and \(min(1, density * Double(blocks)))")
        }
      }
    }

    func run() throws {
      if stix != nil || csaf != nil {
        do {
          if let stix {
            let (kb, _) = try STIXImporter.read(path: stix)
            try writeMatrix(IncidenceMatrix.attack(kb, entities: .groups), source: "attack-groups", what: ("groups", "techniques"))
          } else if let csaf {
            let (advisories, _) = try CSAFImporter.read(path: csaf)
            let m = IncidenceMatrix.advisories(advisories, rows: .advisories, features: .cwe).matrix
            try writeMatrix(m, source: "ics-advisories-cwe", what: ("advisories", "CWEs"))
          }
        } catch {
          BenchFailure.fail(error)
        }
        return
      }
      let ones = BinaryWorkloadFile.generate(
        rows: rows, columns: columns, density: density, seed: seed, blocks: blocks, inside: blocks > 1 ? inside : 0)
      var text = "# rensa-binary rows=\(rows) columns=\(columns) density=\(density) seed=\(seed)"
      text += blocks > 1 ? " blocks=\(blocks) inside=\(inside)\n" : "\n"
      text.reserveCapacity(ones.count * 10)
      for (r, c) in ones { text += "\(r)\t\(c)\n" }
      do { try text.write(toFile: out, atomically: true, encoding: .utf8) } catch { BenchFailure.fail(error) }
      print("wrote \(out): \(rows) × \(columns), \(ones.count) set bits")
    }
  }

}

extension BenchCommand.GenerateBinary {
  /// A real incidence matrix as a binary workload: the rows with at least one feature and
  /// the features of at least one row (an empty row or column has no co-clustering scale
  /// in scikit-learn), in input order; the ids go to OUT.names (rows, a blank line,
  /// features).
  func writeMatrix(_ all: IncidenceMatrix, source: String, what: (rows: String, features: String)) throws {
    let rows = all.entities.indices.filter { i in (0..<all.features.count).contains { all.weights[i, $0] != 0 } }
    let columns = all.features.indices.filter { j in rows.contains { all.weights[$0, j] != 0 } }
    var text = "# rensa-binary rows=\(rows.count) columns=\(columns.count) source=\(source)\n"
    var ones = 0
    for (r, i) in rows.enumerated() {
      for (c, j) in columns.enumerated() where all.weights[i, j] != 0 {
        text += "\(r)\t\(c)\n"
        ones += 1
      }
    }
    try text.write(toFile: out, atomically: true, encoding: .utf8)
    let names = rows.map { all.entities[$0] }.joined(separator: "\n") + "\n\n" + columns.map { all.features[$0] }.joined(separator: "\n") + "\n"
    try names.write(toFile: out + ".names", atomically: true, encoding: .utf8)
    print("wrote \(out): \(rows.count) \(what.rows) × \(columns.count) \(what.features), \(ones) set bits (ids in \(out).names)")
  }
}

extension BenchCommand {
  struct Distances: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "distances", abstract: "Time all pairwise binary distances (condensed) on a generate-binary workload.")
    @OptionGroup var timing: Timing
    @Option(help: "Metric: jaccard, dice, overlap or cosine.") var metric: BinaryMetric = .jaccard
    @Flag(help: "Float (32-bit) distances.") var float = false
    @Option(help: "Threads (default: all processors).") var threads: Int?

    func run() throws {
      do {
        let (m, load) = try measure { try BinaryWorkloadFile.read(timing.file) }
        let times: [Double]
        if float {
          let (t, d) = try timedRuns(timing.repetitions) { try m.distances(metric, as: Float.self, threads: threads) }
          if let path = timing.resultOut { try writeDistanceSample(d.values, to: path) }
          times = t
        } else {
          let (t, d) = try timedRuns(timing.repetitions) { try m.distances(metric, as: Double.self, threads: threads) }
          if let path = timing.resultOut { try writeDistanceSample(d.values, to: path) }
          times = t
        }
        report([
          ("kernel", .string("distances-\(metric.rawValue)")), ("file", .string(timing.file)), ("rows", .int(m.rowCount)),
          ("columns", .int(m.columnCount)), ("float", .bool(float)), ("load_s", .double(load)),
          ("best_s", .double(times.min()!)), ("median_s", .double(median(times))), ("peak_rss_bytes", .int(peakRSS())),
        ])
      } catch {
        BenchFailure.fail(error)
      }
    }
  }

  struct LinkageTiming: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "linkage",
      abstract: "Time hierarchical clustering of the Jaccard distances of a generate-binary workload.",
      discussion: "The distances are computed first (not timed); the result is the linkage matrix, one merge per line.")
    @OptionGroup var timing: Timing
    @Option(help: "Method: single, complete, average, weighted, centroid, median or ward.") var method: LinkageMethod = .average

    func run() throws {
      do {
        let (m, load) = try measure { try BinaryWorkloadFile.read(timing.file) }
        let (d, build) = try measure { () throws -> CondensedDistances<Double> in try m.distances(.jaccard) }
        let (times, last) = try timedRuns(timing.repetitions) { try Linkage(d, method: method) }
        if let path = timing.resultOut {
          var text = ""
          for z in last.merges { text += "\(z.left)\t\(z.right)\t\(String(format: "%.17g", z.distance))\t\(z.size)\n" }
          try text.write(toFile: path, atomically: true, encoding: .utf8)
        }
        report([
          ("kernel", .string("linkage-\(method.rawValue)")), ("file", .string(timing.file)), ("rows", .int(m.rowCount)),
          ("load_s", .double(load)), ("build_s", .double(build)), ("best_s", .double(times.min()!)),
          ("median_s", .double(median(times))), ("peak_rss_bytes", .int(peakRSS())),
        ])
      } catch {
        BenchFailure.fail(error)
      }
    }
  }

  struct LeafOrderTiming: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "leaf-order",
      abstract: "Time optimal leaf ordering of the average linkage of a generate-binary workload's Jaccard distances.",
      discussion: "Distances and linkage are computed first (not timed); the result is the leaf order, one per line.")
    @OptionGroup var timing: Timing

    func run() throws {
      do {
        let (m, load) = try measure { try BinaryWorkloadFile.read(timing.file) }
        let (built, build) = try measure { () throws -> (CondensedDistances<Double>, Linkage) in
          let d: CondensedDistances<Double> = try m.distances(.jaccard)
          return (d, try Linkage(d, method: .average))
        }
        let (times, last) = try timedRuns(timing.repetitions) { try built.1.optimalLeafOrdering(built.0) }
        if let path = timing.resultOut {
          try (last.leafOrder.map(String.init).joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        }
        report([
          ("kernel", .string("leaf-order")), ("file", .string(timing.file)), ("rows", .int(m.rowCount)),
          ("cost", .double(last.leafOrderCost(built.0))), ("load_s", .double(load)), ("build_s", .double(build)),
          ("best_s", .double(times.min()!)), ("median_s", .double(median(times))), ("peak_rss_bytes", .int(peakRSS())),
        ])
      } catch {
        BenchFailure.fail(error)
      }
    }
  }

  struct CoclusterTiming: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "cocluster",
      abstract: "Time spectral co-clustering of a generate-binary workload.",
      discussion: "The result is the row labels, then the column labels, one per line.")
    @OptionGroup var timing: Timing
    @Option(help: "Blocks (co-clusters).") var clusters = 10
    @Option(help: "k-means restarts.") var restarts = 10
    @Option(help: "Seed of the k-means++ restarts.") var seed: UInt64 = 0
    @Option(help: "Threads (default: all processors).") var threads: Int?

    func run() throws {
      do {
        let (m, load) = try measure { try BinaryWorkloadFile.read(timing.file) }
        let (times, last) = try timedRuns(timing.repetitions) {
          try SpectralCoclustering.fit(m, clusters: clusters, seed: seed, restarts: restarts, threads: threads)
        }
        if let path = timing.resultOut {
          try ((last.rowLabels + last.columnLabels).map(String.init).joined(separator: "\n") + "\n")
            .write(toFile: path, atomically: true, encoding: .utf8)
        }
        report([
          ("kernel", .string("cocluster")), ("file", .string(timing.file)), ("rows", .int(m.rowCount)),
          ("columns", .int(m.columnCount)), ("clusters", .int(clusters)), ("inertia", .double(last.inertia)),
          ("load_s", .double(load)), ("best_s", .double(times.min()!)), ("median_s", .double(median(times))),
          ("peak_rss_bytes", .int(peakRSS())),
        ])
      } catch {
        BenchFailure.fail(error)
      }
    }
  }
}

extension BinaryMetric: ExpressibleByArgument {}
extension LinkageMethod: ExpressibleByArgument {}
