import RensaLinearAlgebra

/// Slow, obviously-correct references for the inoperability models: plain loops
/// over nested arrays, no BLAS or LAPACK. Matrices are `[row][column]`.
extension Naive {
  /// A matrix as `[row][column]` nested arrays, the form the references take.
  public static func rows(_ m: Matrix) -> [[Double]] { (0..<m.rows).map { m.row($0) } }

  /// Solves `A·x = b` by Gaussian elimination with partial pivoting; nil if a
  /// pivot is exactly zero.
  public static func solve(_ a: [[Double]], _ b: [Double]) -> [Double]? {
    let n = b.count
    var m = a
    var x = b
    for col in 0..<n {
      var pivot = col
      for r in col..<n where abs(m[r][col]) > abs(m[pivot][col]) { pivot = r }
      if m[pivot][col] == 0 { return nil }
      m.swapAt(col, pivot)
      x.swapAt(col, pivot)
      for r in (col + 1)..<n {
        let f = m[r][col] / m[col][col]
        if f == 0 { continue }
        for c in col..<n { m[r][c] -= f * m[col][c] }
        x[r] -= f * x[col]
      }
    }
    for r in stride(from: n - 1, through: 0, by: -1) {
      var s = x[r]
      for c in (r + 1)..<n { s -= m[r][c] * x[c] }
      x[r] = s / m[r][r]
    }
    return x
  }

  /// The IIM equilibrium `q = (I − A*)⁻¹·c*` by elimination.
  public static func inoperability(_ astar: [[Double]], _ c: [Double]) -> [Double]? {
    let n = c.count
    let b = (0..<n).map { i in (0..<n).map { j in (i == j ? 1 : 0) - astar[i][j] } }
    return solve(b, c)
  }

  /// The bounded IIM `q = min(1, A*·q + c*)` by the Kleene iteration from 0 (it
  /// rises monotonically to the least fixed point for nonnegative A*).
  public static func boundedInoperability(_ astar: [[Double]], _ c: [Double], sweeps: Int = 200_000) -> [Double] {
    let n = c.count
    var q = [Double](repeating: 0, count: n)
    for _ in 0..<sweeps {
      var next = q
      var change = 0.0
      for i in 0..<n {
        var s = c[i]
        for j in 0..<n { s += astar[i][j] * q[j] }
        next[i] = min(1, s)
        change = max(change, abs(next[i] - q[i]))
      }
      q = next
      if change < 1e-16 { break }
    }
    return q
  }

  /// DIIM states `q(0) … q(T)` by the recursion as Lian & Haimes write it:
  /// `q(t+1) = q(t) + K·[A*·q(t) + c*(t) − q(t)]`.
  public static func diim(
    _ astar: [[Double]], resilience k: [Double], initial q0: [Double], perturbation: (Int) -> [Double], steps: Int
  ) -> [[Double]] {
    let n = q0.count
    var states = [q0]
    var q = q0
    for t in 0..<steps {
      let c = perturbation(t)
      var next = q
      for i in 0..<n {
        var s = c[i] - q[i]
        for j in 0..<n { s += astar[i][j] * q[j] }
        next[i] = q[i] + k[i] * s
      }
      q = next
      states.append(q)
    }
    return states
  }

  /// `A·B` by the textbook triple loop.
  public static func product(_ a: [[Double]], _ b: [[Double]]) -> [[Double]] {
    let n = a.count
    let m = b.first?.count ?? 0
    return (0..<n).map { i in
      (0..<m).map { j in
        var s = 0.0
        for k in 0..<b.count { s += a[i][k] * b[k][j] }
        return s
      }
    }
  }
}
