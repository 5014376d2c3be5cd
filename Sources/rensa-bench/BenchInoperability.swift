import ArgumentParser
import Foundation
import Rensa
import RensaWorkloads
import RensaLinearAlgebra

/// Writes numbers one per line with 17 significant digits (they read back exactly).
func writeNumbers(_ values: [Double], to path: String) throws {
  var text = ""
  text.reserveCapacity(values.count * 24)
  for v in values {
    text += String(format: "%.17g", v)
    text += "\n"
  }
  try text.write(toFile: path, atomically: true, encoding: .utf8)
}

extension BenchCommand {
  struct GenerateIIM: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "generate-iim",
      abstract: "Write a seeded inoperability workload (dense: A*, c*, k, 64 scenarios; or sparse A*).")
    @Option(help: "Sectors.") var n = 2000
    @Option(help: "Scenarios (dense).") var scenarios = 64
    @Option(help: "Sparse: nonzeros per row (0: dense).") var perRow = 0
    @Option(help: "Seed.") var seed: UInt64 = 1
    @Option(help: "Output file.") var out: String

    func validate() throws {
      if n < 1 || n > 1 << 24 { throw ValidationError("--n must be between 1 and 2^24") }
      if perRow == 0 && n > 20_000 { throw ValidationError("a dense workload above n = 20,000 needs over 3 GB") }
      if scenarios < 1 || scenarios > 4096 { throw ValidationError("--scenarios must be between 1 and 4096") }
      if perRow < 0 { throw ValidationError("--per-row must be 0 or more") }
    }

    func run() throws {
      do {
        if perRow > 0 {
          try InoperabilityWorkloadFile.writeSparse(n: n, perRow: perRow, seed: seed, to: out)
          print("wrote \(out): sparse A*, n = \(n), \(perRow) entries per row, row sums 0.9")
        } else {
          try InoperabilityWorkloadFile.writeDense(n: n, scenarios: scenarios, seed: seed, to: out)
          print("wrote \(out): dense A*, n = \(n), \(scenarios) scenarios, row sums 0.9")
        }
      } catch {
        BenchFailure.fail(error)
      }
    }
  }

  struct IIM: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "iim", abstract: "Time the dense IIM equilibrium solve (I − A*)q = c* on a generate-iim workload.")
    @OptionGroup var timing: Timing

    func run() throws {
      do {
        let (w, load) = try measure { try InoperabilityWorkloadFile.readDense(timing.file) }
        let (model, build) = try measure {
          try InoperabilityModel(sectors: (0..<w.n).map { "\($0)" }, interdependency: w.astar, origin: timing.file)
        }
        let (times, last) = try timedRuns(timing.repetitions) { try model.equilibrium(w.c) }
        if let path = timing.resultOut { try writeNumbers(last.inoperability, to: path) }
        report([
          ("kernel", .string("iim")), ("file", .string(timing.file)), ("n", .int(w.n)), ("load_s", .double(load)),
          ("build_s", .double(build)), ("best_s", .double(times.min()!)), ("median_s", .double(median(times))),
          ("rho_upper", .double(last.spectralBound.upper)), ("peak_rss_bytes", .int(peakRSS())),
        ])
      } catch {
        BenchFailure.fail(error)
      }
    }
  }

  struct DIIM: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "diim",
      abstract: "Time DIIM runs (constant c*, from Q0) by stepping or in closed form on a generate-iim workload.",
      discussion: "The result is the final states then the cumulative states, column-major, one number per line.")
    @OptionGroup var timing: Timing
    @Option(help: "Steps.") var steps = 1000
    @Option(help: "Scenarios (the first S columns of the workload).") var scenarios = 64
    @Flag(help: "Closed form (powers by squaring) instead of stepping.") var closedForm = false

    func run() throws {
      do {
        let (w, load) = try measure { try InoperabilityWorkloadFile.readDense(timing.file) }
        guard scenarios >= 1 && scenarios <= w.scenarios else {
          throw UsageError(message: "--scenarios must be between 1 and \(w.scenarios)", hint: nil)
        }
        let s = scenarios
        let (diim, build) = try measure {
          let model = try InoperabilityModel(sectors: (0..<w.n).map { "\($0)" }, interdependency: w.astar, origin: timing.file)
          return try DynamicInoperabilityModel(model: model, resilience: w.k)
        }
        let initial = Matrix(rows: w.n, columns: s, columnMajor: Array(w.initial.elements[0..<(w.n * s)]))
        let segments = [DynamicInoperabilityModel.Segment(
          steps: steps, perturbation: Matrix(rows: w.n, columns: s, columnMajor: Array(w.perturbations.elements[0..<(w.n * s)])))]
        let (times, last) = try timedRuns(timing.repetitions) {
          closedForm ? try diim.aggregate(initial: initial, segments: segments) : try diim.simulate(initial: initial, segments: segments)
        }
        if let path = timing.resultOut { try writeNumbers(last.final.elements + last.cumulative.elements, to: path) }
        report([
          ("kernel", .string(closedForm ? "diim-closed-form" : "diim")), ("file", .string(timing.file)), ("n", .int(w.n)),
          ("scenarios", .int(s)), ("steps", .int(steps)), ("load_s", .double(load)), ("build_s", .double(build)),
          ("best_s", .double(times.min()!)), ("median_s", .double(median(times))), ("peak_rss_bytes", .int(peakRSS())),
        ])
      } catch {
        BenchFailure.fail(error)
      }
    }
  }

  struct SparseIIM: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "sparse-iim", abstract: "Time the sparse iterative IIM solve on a generate-iim --per-row workload.")
    @OptionGroup var timing: Timing
    @Option(help: "Method: bicgstab, gauss-seidel or jacobi.") var method: FixedPointMethod = .bicgstab
    @Option(help: "Relative residual tolerance.") var tolerance = 1e-10

    func run() throws {
      do {
        let ((a, c), load) = try measure { try InoperabilityWorkloadFile.readSparse(timing.file) }
        let (model, build) = try measure { try SparseInoperabilityModel(interdependency: a, origin: timing.file) }
        let (times, last) = try timedRuns(timing.repetitions) { try model.equilibrium(c, method: method, tolerance: tolerance) }
        if let path = timing.resultOut { try writeNumbers(last.inoperability, to: path) }
        report([
          ("kernel", .string("sparse-iim")), ("file", .string(timing.file)), ("n", .int(a.rows)), ("nnz", .int(a.nonzeroCount)),
          ("method", .string(method.rawValue)), ("iterations", .int(last.iterations)), ("residual", .double(last.residual)),
          ("load_s", .double(load)), ("build_s", .double(build)), ("best_s", .double(times.min()!)),
          ("median_s", .double(median(times))), ("peak_rss_bytes", .int(peakRSS())),
        ])
      } catch {
        BenchFailure.fail(error)
      }
    }
  }
}

extension BenchCommand {
  struct DGEMM: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "dgemm",
      abstract: "Measure the dense floating-point rate: DGEMM and the LU factorisation (GFLOP/s) at size n.")
    @Option(help: "Matrix order.") var n = 4000
    @Option(name: .customLong("repeat"), help: "Repetitions (the best is reported).") var repetitions = 3

    func validate() throws {
      if n < 1 || n > 20_000 { throw ValidationError("--n must be between 1 and 20,000") }
    }

    func run() throws {
      do {
        let a = InoperabilityWorkloads.dense(n: n, rowSum: 0.9, seed: 1)
        var c = Matrix(rows: n, columns: n)
        var gemm: [Double] = []
        var lu: [Double] = []
        let b = Matrix.identity(n) - a
        for _ in 0..<max(1, repetitions) {
          let start = ContinuousClock.now
          Matrix.gemm(a, a, into: &c)
          gemm.append(seconds(ContinuousClock.now - start))
          let copy = b.elements
          let luStart = ContinuousClock.now
          _ = try LUFactorization(factorising: copy, order: n)
          lu.append(seconds(ContinuousClock.now - luStart))
        }
        let nd = Double(n)
        report([
          ("kernel", .string("dgemm")), ("n", .int(n)), ("blas_threads", .int(BLASThreads.count)),
          ("dgemm_s", .double(gemm.min()!)), ("dgemm_gflops", .double(2 * nd * nd * nd / gemm.min()! / 1e9)),
          ("lu_s", .double(lu.min()!)), ("lu_gflops", .double(2.0 / 3 * nd * nd * nd / lu.min()! / 1e9)),
        ])
      } catch {
        BenchFailure.fail(error)
      }
    }
  }
}

extension FixedPointMethod: ExpressibleByArgument {}
