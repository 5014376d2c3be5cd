import Foundation
import RensaGraph
import RensaLinearAlgebra
import InternalRensaUtilities

/// Seeded random inoperability workloads for tests, benchmarks and the peer
/// comparison (`rensa-bench generate-iim`). Every row of the generated `A*` sums
/// to exactly `rowSum` before rounding, so its spectral radius is `rowSum`
/// (the all-ones vector is a Perron vector): a stable model with a known ρ.
public enum InoperabilityWorkloads {
  /// A dense positive `A*`, n × n, row sums `rowSum`.
  public static func dense(n: Int, rowSum: Double, seed: UInt64) -> Matrix {
    var rng = Xoshiro256StarStar(seed: seed)
    var m = Matrix(rows: n, columns: n)
    var sums = [Double](repeating: 0, count: n)
    for j in 0..<n {
      for i in 0..<n {
        let v = rng.nextUnitDouble() + 1e-3
        m.elements[i + j * n] = v
        sums[i] += v
      }
    }
    for j in 0..<n { for i in 0..<n { m.elements[i + j * n] *= rowSum / sums[i] } }
    return m
  }

  /// A sparse `A*` with `perRow` entries per row at random columns (duplicates
  /// merged), row sums `rowSum`.
  public static func sparse(n: Int, perRow: Int, rowSum: Double, seed: UInt64) -> SparseMatrix {
    var rng = Xoshiro256StarStar(seed: seed)
    var rows: [Int] = []
    var columns: [Int] = []
    var values: [Double] = []
    rows.reserveCapacity(n * perRow)
    columns.reserveCapacity(n * perRow)
    values.reserveCapacity(n * perRow)
    var weights = [Double](repeating: 0, count: perRow)
    for i in 0..<n {
      var total = 0.0
      for k in 0..<perRow {
        weights[k] = rng.nextUnitDouble() + 1e-3
        total += weights[k]
      }
      for k in 0..<perRow {
        rows.append(i)
        columns.append(Int(rng.next() % UInt64(n)))
        values.append(weights[k] / total * rowSum)
      }
    }
    // Indices are in range and values finite by construction.
    return try! SparseMatrix(rows: n, columns: n, rowIndices: rows, columnIndices: columns, values: values)
  }

  /// `count` values uniform in [lo, hi).
  public static func uniform(_ count: Int, _ lo: Double, _ hi: Double, seed: UInt64) -> [Double] {
    var rng = Xoshiro256StarStar(seed: seed)
    return (0..<count).map { _ in lo + (hi - lo) * rng.nextUnitDouble() }
  }
}
