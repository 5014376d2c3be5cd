import ArgumentParser
import Foundation
import Rensa
import RensaLinearAlgebra

/// Binary inoperability workloads (documented in Docs/Benchmarks.md), read by the
/// `bench iim|diim|sparse-iim` timings and by the numpy/scipy peers alike.
///
/// Dense (`RENSAIIM`): magic (8 bytes), n and s (Int64 little-endian), then as
/// little-endian Float64: A* (n·n, column-major), c* (n), k (n), C (n·s,
/// column-major), Q0 (n·s).
/// Sparse (`RENSASPR`): magic, n and nnz (Int64), row starts (n + 1 Int64),
/// columns (nnz Int32), values (nnz Float64), c* (n Float64).
enum InoperabilityWorkloadFile {
  struct Dense {
    var n: Int
    var scenarios: Int
    var astar: Matrix
    var c: [Double]
    var k: [Double]
    var perturbations: Matrix
    var initial: Matrix
  }

  static func append<T>(_ values: [T], to data: inout Data) {
    values.withUnsafeBytes { data.append(contentsOf: $0) }
  }

  static func writeDense(n: Int, scenarios: Int, seed: UInt64, to path: String) throws {
    var data = Data("RENSAIIM".utf8)
    append([Int64(n), Int64(scenarios)], to: &data)
    append(InoperabilityWorkloads.dense(n: n, rowSum: 0.9, seed: seed).elements, to: &data)
    append(InoperabilityWorkloads.uniform(n, 0, 0.05, seed: seed + 1), to: &data)
    append(InoperabilityWorkloads.uniform(n, 0.05, 0.5, seed: seed + 2), to: &data)
    append(InoperabilityWorkloads.uniform(n * scenarios, 0, 0.05, seed: seed + 3), to: &data)
    append(InoperabilityWorkloads.uniform(n * scenarios, 0, 0.3, seed: seed + 4), to: &data)
    try data.write(to: URL(fileURLWithPath: path), options: .atomic)
  }

  static func writeSparse(n: Int, perRow: Int, seed: UInt64, to path: String) throws {
    let a = InoperabilityWorkloads.sparse(n: n, perRow: perRow, rowSum: 0.9, seed: seed)
    var data = Data("RENSASPR".utf8)
    append([Int64(n), Int64(a.nonzeroCount)], to: &data)
    append(a.rowStarts.map { Int64($0) }, to: &data)
    append(a.columnIndices, to: &data)
    append(a.values, to: &data)
    append(InoperabilityWorkloads.uniform(n, 0, 0.05, seed: seed + 1), to: &data)
    try data.write(to: URL(fileURLWithPath: path), options: .atomic)
  }

  /// A cursor over the bytes of a workload file.
  struct Reader {
    let data: Data
    var offset = 8
    let path: String

    init(path: String, magic: String) throws {
      guard let data = FileManager.default.contents(atPath: path) else {
        throw InputFileError(path: path, kind: .missing, detail: "cannot be read")
      }
      guard data.count >= 24, String(decoding: data.prefix(8), as: UTF8.self) == magic else {
        throw DataError([DataIssue(file: path, reason: "not a \(magic) workload file", hint: "write one with `rensa bench generate-iim`")])
      }
      self.data = data
      self.path = path
    }

    mutating func read<T>(_ count: Int, as: T.Type) throws -> [T] {
      let bytes = count * MemoryLayout<T>.stride
      guard offset + bytes <= data.count else {
        throw DataError([DataIssue(file: path, reason: "the file ends early (at byte \(data.count), needs \(offset + bytes))")])
      }
      var out = [T]()
      out.reserveCapacity(count)
      data.withUnsafeBytes { raw in
        let base = raw.baseAddress!.advanced(by: offset)
        for i in 0..<count { out.append(base.loadUnaligned(fromByteOffset: i * MemoryLayout<T>.stride, as: T.self)) }
      }
      offset += bytes
      return out
    }
  }

  static func readDense(_ path: String) throws -> Dense {
    var r = try Reader(path: path, magic: "RENSAIIM")
    let header = try r.read(2, as: Int64.self)
    let n = Int(header[0])
    let s = Int(header[1])
    guard n > 0, s > 0, n < 1 << 20, s < 1 << 20 else {
      throw DataError([DataIssue(file: path, reason: "implausible sizes n = \(n), s = \(s)")])
    }
    let a = try r.read(n * n, as: Double.self)
    let c = try r.read(n, as: Double.self)
    let k = try r.read(n, as: Double.self)
    let cs = try r.read(n * s, as: Double.self)
    let q0 = try r.read(n * s, as: Double.self)
    return Dense(
      n: n, scenarios: s, astar: Matrix(rows: n, columns: n, columnMajor: a), c: c, k: k,
      perturbations: Matrix(rows: n, columns: s, columnMajor: cs), initial: Matrix(rows: n, columns: s, columnMajor: q0))
  }

  static func readSparse(_ path: String) throws -> (SparseMatrix, [Double]) {
    var r = try Reader(path: path, magic: "RENSASPR")
    let header = try r.read(2, as: Int64.self)
    let n = Int(header[0])
    let nnz = Int(header[1])
    guard n > 0, nnz >= 0, n < 1 << 31, nnz < 1 << 33 else {
      throw DataError([DataIssue(file: path, reason: "implausible sizes n = \(n), nnz = \(nnz)")])
    }
    let starts = try r.read(n + 1, as: Int64.self)
    let columns = try r.read(nnz, as: Int32.self)
    let values = try r.read(nnz, as: Double.self)
    let c = try r.read(n, as: Double.self)
    var rows = [Int](repeating: 0, count: nnz)
    for i in 0..<n {
      guard starts[i] <= starts[i + 1], starts[i + 1] <= nnz else {
        throw DataError([DataIssue(file: path, reason: "row starts are not ascending at row \(i)")])
      }
      for k in Int(starts[i])..<Int(starts[i + 1]) { rows[k] = i }
    }
    let a = try SparseMatrix(rows: n, columns: n, rowIndices: rows, columnIndices: columns.map { Int($0) }, values: values)
    return (a, c)
  }
}

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
        RensaCLI.fail(error)
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
        RensaCLI.fail(error)
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
        RensaCLI.fail(error)
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
        RensaCLI.fail(error)
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
        RensaCLI.fail(error)
      }
    }
  }
}

extension FixedPointMethod: ExpressibleByArgument {}
