import Foundation
import RensaData
import RensaLinearAlgebra

/// Binary inoperability workloads (documented in Docs/Benchmarks.md), read by the
/// `bench iim|diim|sparse-iim` timings and by the numpy/scipy peers alike.
///
/// Dense (`RENSAIIM`): magic (8 bytes), n and s (Int64 little-endian), then as
/// little-endian Float64: A* (n·n, column-major), c* (n), k (n), C (n·s,
/// column-major), Q0 (n·s).
/// Sparse (`RENSASPR`): magic, n and nnz (Int64), row starts (n + 1 Int64),
/// columns (nnz Int32), values (nnz Float64), c* (n Float64).
public enum InoperabilityWorkloadFile {
  public struct Dense: Sendable {
    public var n: Int
    public var scenarios: Int
    public var astar: Matrix
    public var c: [Double]
    public var k: [Double]
    public var perturbations: Matrix
    public var initial: Matrix
  }

  static func append<T>(_ values: [T], to data: inout Data) {
    values.withUnsafeBytes { data.append(contentsOf: $0) }
  }

  public static func writeDense(n: Int, scenarios: Int, seed: UInt64, to path: String) throws {
    var data = Data("RENSAIIM".utf8)
    append([Int64(n), Int64(scenarios)], to: &data)
    append(InoperabilityWorkloads.dense(n: n, rowSum: 0.9, seed: seed).elements, to: &data)
    append(InoperabilityWorkloads.uniform(n, 0, 0.05, seed: seed + 1), to: &data)
    append(InoperabilityWorkloads.uniform(n, 0.05, 0.5, seed: seed + 2), to: &data)
    append(InoperabilityWorkloads.uniform(n * scenarios, 0, 0.05, seed: seed + 3), to: &data)
    append(InoperabilityWorkloads.uniform(n * scenarios, 0, 0.3, seed: seed + 4), to: &data)
    try data.write(to: URL(fileURLWithPath: path), options: .atomic)
  }

  public static func writeSparse(n: Int, perRow: Int, seed: UInt64, to path: String) throws {
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
        throw DataError([DataIssue(file: path, reason: "not a \(magic) workload file", hint: "write one with `rensa-bench generate-iim`")])
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

  public static func readDense(_ path: String) throws -> Dense {
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

  public static func readSparse(_ path: String) throws -> (SparseMatrix, [Double]) {
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
