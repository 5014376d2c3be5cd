import RensaGraph
import RensaLinearAlgebra
import InternalRensaUtilities

/// Distances between rows of nonnegative weights (entities × features, e.g. CVSS
/// scores or counts):
///
/// | metric | distance | scipy |
/// |---|---|---|
/// | cosine | 1 − x·y / (‖x‖ ‖y‖) | `pdist(X, 'cosine')` |
/// | weighted Jaccard (Ruzicka) | 1 − Σ min(xₖ, yₖ) / Σ max(xₖ, yₖ) | — |
///
/// Zero rows follow the binary rule: two zero rows are at distance 0, a zero row is
/// at distance 1 from any other.
public enum WeightedMetric: String, Sendable, Hashable, CaseIterable {
  case cosine
  case weightedJaccard = "weighted-jaccard"
}

extension CondensedDistances where Scalar == Double {
  /// Weighted distances between the rows of `weights` (rows = observations).
  ///
  /// Cosine goes through BLAS: the rows are normalised and their Gram matrix formed
  /// by `dsyrk` (O(n² d) in one call); weighted Jaccard compares rows directly.
  ///
  /// - Throws: ``ClusterError/invalidWeights(_:)`` naming the first weight that is
  ///   negative, NaN or infinite; `MemoryLimitExceeded` when the n × n Gram matrix of
  ///   the cosine would exceed `memoryLimit` (default: half the memory).
  public static func weighted(_ weights: Matrix, _ metric: WeightedMetric, memoryLimit: Int? = nil) throws -> CondensedDistances<Double> {
    let n = weights.rows
    let f = weights.columns
    for j in 0..<f {
      for i in 0..<n {
        let w = weights[i, j]
        if !(w.isFinite && w >= 0) { throw ClusterError.invalidWeights("weight (\(i), \(j)) is \(w); weights must be finite and ≥ 0") }
      }
    }
    let limit = memoryLimit ?? MemoryBudget.defaultLimit
    var values = [Double](repeating: 0, count: n * (n - 1) / 2)
    switch metric {
    case .cosine:
      let bytes = n * n * 8
      if bytes > limit {
        throw MemoryLimitExceeded(
          structure: "\(n) × \(n) Gram matrix for cosine distances", bytesNeeded: bytes, limit: limit,
          alternative: "use a binary metric, or fewer rows")
      }
      var normalised = weights
      var zero = [Bool](repeating: false, count: n)
      for i in 0..<n {
        // Scaled by the row's largest weight first, so that the squares neither
        // overflow (weights near 1e308) nor underflow (near 1e-308): the norm is then
        // exact to rounding whatever the magnitude, as in LAPACK's dnrm2.
        var largest = 0.0
        for j in 0..<f { largest = max(largest, weights[i, j]) }
        zero[i] = largest == 0
        guard largest > 0 else { continue }
        var s = 0.0
        for j in 0..<f {
          let x = weights[i, j] / largest
          s += x * x
        }
        let root = s.squareRoot()
        for j in 0..<f { normalised[i, j] = (weights[i, j] / largest) / root }
      }
      let gram = normalised.gram(transpose: false)
      var k = 0
      for i in 0..<n {
        for j in (i + 1)..<max(i + 1, n) {
          if zero[i] || zero[j] {
            values[k] = zero[i] && zero[j] ? 0 : 1
          } else {
            values[k] = max(0, 1 - gram[i, j])
          }
          k += 1
        }
      }
    case .weightedJaccard:
      // Σ min / Σ max does not change with a common scale: dividing by the largest
      // weight keeps the sums finite for weights near 1e308.
      var largest = 0.0
      for j in 0..<f { for i in 0..<n { largest = max(largest, weights[i, j]) } }
      let rows = (0..<n).map { i in weights.row(i).map { largest > 0 ? $0 / largest : $0 } }
      var k = 0
      for i in 0..<n {
        for j in (i + 1)..<max(i + 1, n) {
          var low = 0.0
          var high = 0.0
          for c in 0..<f {
            let a = rows[i][c]
            let b = rows[j][c]
            low += min(a, b)
            high += max(a, b)
          }
          values[k] = high > 0 ? 1 - low / high : 0
          k += 1
        }
      }
    }
    return CondensedDistances(count: max(n, 1), unchecked: values)
  }
}
