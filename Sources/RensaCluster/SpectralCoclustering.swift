import RensaGraph
import RensaLinearAlgebra

/// Rows and columns of a matrix clustered together: each row (entity) and each column
/// (feature) gets one of k labels, so that label j names a block of entities and the
/// threats they share.
public struct Cocluster: Sendable, Hashable {
  /// Label (0 ..< k) of each row.
  public var rowLabels: [Int]
  /// Label (0 ..< k) of each column.
  public var columnLabels: [Int]
  /// The k-means objective on the spectral embedding (sum of squared distances to
  /// the centres), of the best restart.
  public var inertia: Double
}

/// Spectral co-clustering (Dhillon 2001), as scikit-learn's `SpectralCoclustering`:
///
/// 1. scale the nonnegative matrix A to Aₙ = D_r^(−1/2) A D_c^(−1/2), with D_r and D_c
///    the row and column sums (a row or column of zeros gets scale 0);
/// 2. take the singular vectors 2 … 1 + ⌈log₂ k⌉ of Aₙ (LAPACK `dgesdd`, exact; the
///    first, trivial pair is skipped);
/// 3. embed rows as D_r^(−1/2) U and columns as D_c^(−1/2) V;
/// 4. run k-means++ (seeded, `restarts` times, the lowest inertia kept) on the rows and
///    columns together.
///
/// The result depends only on the input and the seed. Singular vectors are exact
/// here, where scikit-learn's default is a randomized SVD, so labels can differ from
/// it on data without a clear block structure; on well-separated blocks both find the
/// blocks (tested).
public enum SpectralCoclustering {
  /// Co-clusters the rows and columns of `matrix` into `clusters` blocks.
  ///
  /// - Throws: ``ClusterError/invalidWeights(_:)`` for negative or non-finite entries,
  ///   ``ClusterError/invalidParameter(_:)`` for k < 2 or k > min(rows, columns).
  /// - Complexity: one thin SVD, O(n·m·min(n, m)), then k-means on n + m points.
  public static func fit(_ matrix: Matrix, clusters k: Int, seed: UInt64 = 0, restarts: Int = 10) throws(ClusterError) -> Cocluster {
    let n = matrix.rows
    let m = matrix.columns
    guard k >= 2 && k <= min(n, m) else {
      throw .invalidParameter("co-clustering into \(k) blocks needs 2 ≤ k ≤ min(rows, columns) = \(min(n, m))")
    }
    var rowSums = [Double](repeating: 0, count: n)
    var columnSums = [Double](repeating: 0, count: m)
    for j in 0..<m {
      for i in 0..<n {
        let a = matrix[i, j]
        guard a.isFinite && a >= 0 else { throw .invalidWeights("entry (\(i), \(j)) is \(a); weights must be finite and ≥ 0") }
        rowSums[i] += a
        columnSums[j] += a
      }
    }
    let rowScale = rowSums.map { $0 > 0 ? 1 / $0.squareRoot() : 0 }
    let columnScale = columnSums.map { $0 > 0 ? 1 / $0.squareRoot() : 0 }
    var scaled = matrix
    for j in 0..<m { for i in 0..<n { scaled[i, j] *= rowScale[i] * columnScale[j] } }
    let svd: SingularValueDecomposition
    do { svd = try scaled.svd() } catch { throw .invalidParameter("the SVD failed: \(error)") }
    let vectors = 1 + ceilLog2(k)
    let dims = min(vectors, svd.singularValues.count) - 1
    guard dims >= 1 else { throw .invalidParameter("too few singular vectors for \(k) blocks") }
    // Points: rows then columns, coordinates from singular vectors 1 ... dims.
    var points = Matrix(rows: n + m, columns: dims)
    for c in 0..<dims {
      for i in 0..<n { points[i, c] = rowScale[i] * svd.u[i, c + 1] }
      for j in 0..<m { points[n + j, c] = columnScale[j] * svd.vt[c + 1, j] }
    }
    let result = KMeans.fit(points, clusters: k, seed: seed, restarts: restarts)
    return Cocluster(rowLabels: Array(result.labels[0..<n]), columnLabels: Array(result.labels[n...]), inertia: result.inertia)
  }

  static func ceilLog2(_ k: Int) -> Int {
    var bits = 0
    while (1 << bits) < k { bits += 1 }
    return bits
  }
}

/// k-means with k-means++ seeding (Arthur & Vassilvitskii 2007) and Lloyd iterations,
/// deterministic for a seed: restart r draws from stream r of the seed's generator.
public enum KMeans {
  /// The clustering of the rows of `points`.
  ///
  /// - Returns: labels 0 ..< k per point (renumbered in order of first appearance),
  ///   and the inertia (sum of squared distances to the centres) of the best restart.
  public static func fit(_ points: Matrix, clusters k: Int, seed: UInt64, restarts: Int = 10, maxIterations: Int = 300)
    -> (labels: [Int], inertia: Double)
  {
    let n = points.rows
    let d = points.columns
    precondition(k >= 1 && k <= max(n, 1), "k must be between 1 and the number of points")
    let rows = (0..<n).map { points.row($0) }
    func distance2(_ a: [Double], _ b: [Double]) -> Double {
      var s = 0.0
      for c in 0..<d {
        let t = a[c] - b[c]
        s += t * t
      }
      return s
    }
    let root = Xoshiro256StarStar(seed: seed)
    var best: (labels: [Int], inertia: Double) = ([], .infinity)
    for r in 0..<max(1, restarts) {
      var rng = root.stream(UInt64(r))
      // k-means++: the first centre uniformly, the next ones with probability ∝ D².
      var centres = [rows[Int(rng.next() % UInt64(n))]]
      var nearest = rows.map { distance2($0, centres[0]) }
      while centres.count < k {
        let total = nearest.reduce(0, +)
        var pick = 0
        if total > 0 {
          var target = rng.nextUnitDouble() * total
          for i in 0..<n {
            target -= nearest[i]
            if target < 0 {
              pick = i
              break
            }
            pick = i
          }
        } else {
          pick = Int(rng.next() % UInt64(n))
        }
        centres.append(rows[pick])
        for i in 0..<n { nearest[i] = min(nearest[i], distance2(rows[i], rows[pick])) }
      }
      var labels = [Int](repeating: 0, count: n)
      var inertia = 0.0
      for iteration in 0..<maxIterations {
        var changed = iteration == 0
        inertia = 0
        for i in 0..<n {
          var bestC = 0
          var bestD = Double.infinity
          for c in 0..<k {
            let dist = distance2(rows[i], centres[c])
            if dist < bestD {
              bestD = dist
              bestC = c
            }
          }
          if labels[i] != bestC {
            labels[i] = bestC
            changed = true
          }
          inertia += bestD
        }
        if !changed { break }
        var sums = [[Double]](repeating: [Double](repeating: 0, count: d), count: k)
        var counts = [Int](repeating: 0, count: k)
        for i in 0..<n {
          counts[labels[i]] += 1
          for c in 0..<d { sums[labels[i]][c] += rows[i][c] }
        }
        for c in 0..<k where counts[c] > 0 { centres[c] = sums[c].map { $0 / Double(counts[c]) } }
      }
      if inertia < best.inertia { best = (labels, inertia) }
    }
    // Labels in order of first appearance, so equal partitions print equally.
    var rename: [Int: Int] = [:]
    let labels = best.labels.map { l in
      if let r = rename[l] { return r }
      rename[l] = rename.count
      return rename.count - 1
    }
    return (labels, best.inertia)
  }
}
