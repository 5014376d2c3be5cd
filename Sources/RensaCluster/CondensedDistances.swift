import RensaLinearAlgebra

/// Pairwise distances of n observations in scipy's **condensed** order (the order of
/// `scipy.spatial.distance.pdist`): the distance between i < j is at index
/// `n·i − i·(i + 1)/2 + (j − i − 1)`, so row 0's n − 1 distances come first, then
/// row 1's n − 2, and so on; n(n − 1)/2 in all.
///
/// `Scalar` is `Double`, or `Float` to halve the memory for large n.
public struct CondensedDistances<Scalar: BinaryFloatingPoint & Sendable>: Sendable {
  /// Number of observations n.
  public let count: Int
  /// The n(n − 1)/2 distances in condensed order.
  public internal(set) var values: [Scalar]

  /// Distances from values in condensed order.
  ///
  /// - Throws: ``ClusterError/invalidDistances(_:)`` if the length is not n(n − 1)/2
  ///   for any n, or a value is negative, NaN or infinite.
  public init(values: [Scalar]) throws(ClusterError) {
    let m = values.count
    // n(n − 1)/2 = m  ⇒  n = (1 + √(1 + 8m)) / 2.
    let n = Int(((1 + (1 + 8 * Double(m)).squareRoot()) / 2).rounded())
    guard n * (n - 1) / 2 == m else { throw .invalidDistances("\(m) values is not n(n − 1)/2 for any n") }
    for (k, v) in values.enumerated() where !(v.isFinite && v >= 0) {
      let (i, j) = Self.pair(ofIndex: k, count: n)
      throw .invalidDistances("distance between \(i) and \(j) is \(v); distances must be finite and ≥ 0")
    }
    self.count = max(n, 1)
    self.values = values
  }

  /// Distances without checks (the kernels produce valid values).
  init(count: Int, unchecked values: [Scalar]) {
    self.count = count
    self.values = values
  }

  /// Position of the pair i ≠ j in ``values``.
  @inlinable
  public static func index(_ i: Int, _ j: Int, count n: Int) -> Int {
    let (a, b) = i < j ? (i, j) : (j, i)
    return n * a - a * (a + 1) / 2 + (b - a - 1)
  }

  /// The pair (i, j), i < j, at position `k`.
  public static func pair(ofIndex k: Int, count n: Int) -> (Int, Int) {
    var i = 0
    var start = 0
    while start + (n - i - 1) <= k {
      start += n - i - 1
      i += 1
    }
    return (i, i + 1 + (k - start))
  }

  /// The distance between i and j (0 when i == j).
  public subscript(i: Int, j: Int) -> Scalar {
    i == j ? 0 : values[Self.index(i, j, count: count)]
  }

  /// The symmetric n × n matrix with zeros on the diagonal (scipy's `squareform`).
  public var squareForm: Matrix {
    var m = Matrix(rows: count, columns: count)
    var k = 0
    for i in 0..<count {
      for j in (i + 1)..<max(i + 1, count) {
        let v = Double(values[k])
        m[i, j] = v
        m[j, i] = v
        k += 1
      }
    }
    return m
  }

  /// Bytes the distances of n observations need: n(n − 1)/2 scalars.
  public static func byteCount(observations n: Int) -> Int {
    n < 2 ? 0 : n * (n - 1) / 2 * MemoryLayout<Scalar>.stride
  }
}

extension CondensedDistances where Scalar == Double {
  /// Distances from a square matrix (its upper triangle; the matrix must be symmetric
  /// with a zero diagonal).
  ///
  /// - Throws: ``ClusterError/invalidDistances(_:)`` naming the first entry that is
  ///   asymmetric, non-zero on the diagonal, negative or not finite.
  public init(squareForm m: Matrix) throws(ClusterError) {
    guard m.isSquare else { throw .invalidDistances("a distance matrix must be square, got \(m.rows)×\(m.columns)") }
    let n = m.rows
    var values: [Double] = []
    values.reserveCapacity(n * (n - 1) / 2)
    for i in 0..<n {
      if m[i, i] != 0 { throw .invalidDistances("diagonal entry (\(i), \(i)) is \(m[i, i]), not 0") }
      for j in (i + 1)..<max(i + 1, n) {
        if m[i, j] != m[j, i] { throw .invalidDistances("entries (\(i), \(j)) and (\(j), \(i)) differ") }
        values.append(m[i, j])
      }
    }
    try self.init(values: values)
  }
}

extension CondensedDistances where Scalar == Double {
  /// Euclidean distances between the rows of `points` (observations × coordinates),
  /// summing squared differences (as scipy's `pdist(X, 'euclidean')`, not through a
  /// Gram matrix, which loses accuracy for close points).
  ///
  /// - Throws: ``ClusterError/invalidWeights(_:)`` for NaN or infinite coordinates.
  /// - Complexity: O(n² · d).
  public static func euclidean(_ points: Matrix) throws(ClusterError) -> CondensedDistances<Double> {
    let n = points.rows
    let d = points.columns
    for (k, v) in points.elements.enumerated() where !v.isFinite {
      throw .invalidWeights("coordinate (\(k % max(n, 1)), \(k / max(n, 1))) is \(v)")
    }
    let rows = (0..<n).map { points.row($0) }
    var values: [Double] = []
    values.reserveCapacity(n * (n - 1) / 2)
    for i in 0..<n {
      for j in (i + 1)..<max(i + 1, n) {
        var s = 0.0
        for c in 0..<d {
          let diff = rows[i][c] - rows[j][c]
          s += diff * diff
        }
        values.append(s.squareRoot())
      }
    }
    return CondensedDistances(count: max(n, 1), unchecked: values)
  }
}
