import Dispatch
import Foundation
import RensaGraph
import RensaLinearAlgebra
import InternalRensaUtilities

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
/// 2. take the singular vectors 2 … 1 + ⌈log₂ k⌉ of Aₙ (the first, trivial pair is
///    skipped);
/// 3. embed rows as D_r^(−1/2) U and columns as D_c^(−1/2) V;
/// 4. run k-means++ (seeded, `restarts` times, the lowest inertia kept) on the rows and
///    columns together.
///
/// **The singular vectors.** Only the leading few are needed, so they are taken from
/// the Gram matrix of the smaller side (AₙᵀAₙ or AₙAₙᵀ, s × s with s = min(n, m)): its
/// leading eigenpairs by LAPACK `dsyevr` (the others are not computed), and the other
/// side's vectors as Aₙv/‖Aₙv‖. The Gram matrix comes from BLAS `dsyrk` for a dense
/// input and from the nonzeros' outer products for a sparse or binary one (cost
/// Σ rᵢ² for rows of rᵢ entries), so a sparse N × 400 input is never made dense. This
/// is exact up to rounding (the singular vectors of a cluster of nearly equal singular
/// values are as ill-determined as in any SVD); a direction with a singular value
/// below 10⁻⁷ carries no signal and gets coordinate 0 on the larger side.
///
/// The result depends only on the input and the seed, not on the thread count.
/// scikit-learn's default is a randomized SVD, so labels can differ from it on data
/// without a clear block structure; on well-separated blocks both find the blocks
/// (tested, and checked against scikit-learn in the peer comparison).
public enum SpectralCoclustering {
  /// Co-clusters the rows and columns of a dense matrix into `clusters` blocks.
  ///
  /// - Parameters:
  ///   - matrix: nonnegative weights, entities × features.
  ///   - k: the number of blocks, 2 ≤ k ≤ min(rows, columns).
  ///   - seed: seed of the k-means++ restarts.
  ///   - restarts: k-means restarts; the lowest inertia is kept.
  ///   - threads: threads for the restarts (nil: all processors).
  ///   - memoryLimit: bytes the Gram matrix may take (nil: `MemoryBudget.defaultLimit`).
  /// - Throws: ``ClusterError/invalidWeights(_:)`` for negative or non-finite entries,
  ///   ``ClusterError/invalidParameter(_:)`` for k < 2 or k > min(rows, columns),
  ///   ``ClusterError/memoryLimitExceeded(_:)`` when the s × s Gram matrix exceeds `memoryLimit`.
  /// - Complexity: O(n·m·s) for the Gram matrix by `dsyrk`, O(s³) for its leading
  ///   eigenvectors, then k-means on n + m points of ⌈log₂ k⌉ coordinates.
  public static func fit(
    _ matrix: Matrix, clusters k: Int, seed: UInt64 = 0, restarts: Int = 10, threads: Int? = nil,
    memoryLimit: Int? = nil
  ) throws(ClusterError) -> Cocluster {
    let points = try embedding(matrix, clusters: k, memoryLimit: memoryLimit)
    return cluster(points, rows: matrix.rows, clusters: k, seed: seed, restarts: restarts, threads: threads)
  }

  /// Co-clusters the rows and columns of a sparse matrix: the Gram matrix of the
  /// smaller side is built from the nonzeros, the matrix is never made dense.
  ///
  /// - Throws: as the dense `fit`.
  /// - Complexity: O(Σ rᵢ²) over the rows (or columns, if there are fewer rows) of rᵢ
  ///   nonzeros, O(s³) for the eigenvectors, then k-means.
  public static func fit(
    _ matrix: SparseMatrix, clusters k: Int, seed: UInt64 = 0, restarts: Int = 10, threads: Int? = nil,
    memoryLimit: Int? = nil
  ) throws(ClusterError) -> Cocluster {
    let points = try embedding(matrix, clusters: k, memoryLimit: memoryLimit)
    return cluster(points, rows: matrix.rows, clusters: k, seed: seed, restarts: restarts, threads: threads)
  }

  /// Co-clusters a binary matrix (each set bit a weight of 1), through its sparse form.
  ///
  /// - Throws: as the dense `fit`.
  public static func fit(
    _ matrix: BinaryMatrix, clusters k: Int, seed: UInt64 = 0, restarts: Int = 10, threads: Int? = nil,
    memoryLimit: Int? = nil
  ) throws(ClusterError) -> Cocluster {
    try fit(matrix.sparse, clusters: k, seed: seed, restarts: restarts, threads: threads, memoryLimit: memoryLimit)
  }

  /// The spectral embedding of steps 1–3: n + m points (rows, then columns) with
  /// ⌈log₂ k⌉ coordinates, the input of the k-means step. Each coordinate is defined
  /// up to its sign, as singular vectors are.
  ///
  /// - Parameters:
  ///   - matrix: nonnegative weights, entities × features.
  ///   - k: the number of blocks, which sets the number of coordinates.
  ///   - memoryLimit: bytes the Gram matrix may take (nil: `MemoryBudget.defaultLimit`).
  /// - Throws: as the dense `fit`.
  public static func embedding(_ matrix: Matrix, clusters k: Int, memoryLimit: Int? = nil) throws(ClusterError) -> Matrix {
    let n = matrix.rows
    let m = matrix.columns
    try checkParameters(rows: n, columns: m, clusters: k, memoryLimit: memoryLimit)
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
    let rowScale = rowSums.map(inverseRoot)
    let columnScale = columnSums.map(inverseRoot)
    var scaled = matrix
    for j in 0..<m { for i in 0..<n { scaled[i, j] *= rowScale[i] * columnScale[j] } }
    let rowsSmaller = n < m
    let gram = scaled.gram(transpose: !rowsSmaller)
    return try embed(gram: gram, rowsSmaller: rowsSmaller, rowScale: rowScale, columnScale: columnScale, clusters: k) { small in
      var other = Matrix(rows: rowsSmaller ? m : n, columns: small.columns)
      Matrix.gemm(scaled, small, transposeA: rowsSmaller, into: &other)
      return other
    }
  }

  /// The spectral embedding of a sparse matrix (see the dense form).
  public static func embedding(_ matrix: SparseMatrix, clusters k: Int, memoryLimit: Int? = nil) throws(ClusterError) -> Matrix {
    let n = matrix.rows
    let m = matrix.columns
    try checkParameters(rows: n, columns: m, clusters: k, memoryLimit: memoryLimit)
    var rowSums = [Double](repeating: 0, count: n)
    var columnSums = [Double](repeating: 0, count: m)
    let starts = matrix.rowStarts
    let columns = matrix.columnIndices
    var values = matrix.values
    for i in 0..<n {
      for p in starts[i]..<starts[i + 1] {
        let a = values[p]
        guard a.isFinite && a >= 0 else {
          throw .invalidWeights("entry (\(i), \(columns[p])) is \(a); weights must be finite and ≥ 0")
        }
        rowSums[i] += a
        columnSums[Int(columns[p])] += a
      }
    }
    let rowScale = rowSums.map(inverseRoot)
    let columnScale = columnSums.map(inverseRoot)
    for i in 0..<n { for p in starts[i]..<starts[i + 1] { values[p] *= rowScale[i] * columnScale[Int(columns[p])] } }
    let rowsSmaller = n < m
    // The Gram matrix of the smaller side: Σ over the lines of the other side of the
    // outer product of their nonzeros (upper triangle, then mirrored).
    let s = rowsSmaller ? n : m
    var gram = Matrix(rows: s, columns: s)
    let lines: (starts: [Int], indices: [Int32], values: [Double])
    if rowsSmaller {
      lines = transposed(rows: n, columns: m, starts: starts, indices: columns, values: values)
    } else {
      lines = (starts, columns, values)
    }
    gram.elements.withUnsafeMutableBufferPointer { g in
      for line in 0..<(lines.starts.count - 1) {
        let lo = lines.starts[line]
        let hi = lines.starts[line + 1]
        for p in lo..<hi {
          let a = Int(lines.indices[p])
          let va = lines.values[p]
          for q in p..<hi { g[a + Int(lines.indices[q]) * s] += va * lines.values[q] }
        }
      }
      for j in 0..<s { for i in (j + 1)..<s { g[i + j * s] = g[j + i * s] } }
    }
    return try embed(gram: gram, rowsSmaller: rowsSmaller, rowScale: rowScale, columnScale: columnScale, clusters: k) { small in
      // Aₙ·V (n × d) or Aₙᵀ·U (m × d) from the rows.
      let d = small.columns
      var other = Matrix(rows: rowsSmaller ? m : n, columns: d)
      let big = other.rows
      for i in 0..<n {
        for p in starts[i]..<starts[i + 1] {
          let j = Int(columns[p])
          let v = values[p]
          for c in 0..<d {
            if rowsSmaller {
              other.elements[j + c * big] += v * small.elements[i + c * n]
            } else {
              other.elements[i + c * big] += v * small.elements[j + c * m]
            }
          }
        }
      }
      return other
    }
  }

  static func checkParameters(rows n: Int, columns m: Int, clusters k: Int, memoryLimit: Int?) throws(ClusterError) {
    guard k >= 2 && k <= min(n, m) else {
      throw .invalidParameter("co-clustering into \(k) blocks needs 2 ≤ k ≤ min(rows, columns) = \(min(n, m))")
    }
    // The Gram matrix, its copy inside dsyevr and the workspace: about 3 s² doubles.
    let s = min(n, m)
    try ClusterError.checkSquare(
      s, bytesPerEntry: 24, memoryLimit: memoryLimit,
      structure: "\(s) × \(s) Gram matrix of the co-clustering of a \(n) × \(m) matrix",
      alternative: "raise the memory limit, or keep fewer features (e.g. the most frequent ones)")
  }

  /// 1/√x, or 0 for an empty row or column.
  static func inverseRoot(_ x: Double) -> Double { x > 0 ? 1 / x.squareRoot() : 0 }

  /// The CSR arrays of the transpose.
  static func transposed(rows n: Int, columns m: Int, starts: [Int], indices: [Int32], values: [Double])
    -> (starts: [Int], indices: [Int32], values: [Double])
  {
    var counts = [Int](repeating: 0, count: m + 1)
    for j in indices { counts[Int(j) + 1] += 1 }
    for j in 0..<m { counts[j + 1] += counts[j] }
    var next = counts
    var rowsOf = [Int32](repeating: 0, count: indices.count)
    var valuesOf = [Double](repeating: 0, count: indices.count)
    for i in 0..<n {
      for p in starts[i]..<starts[i + 1] {
        let j = Int(indices[p])
        rowsOf[next[j]] = Int32(i)
        valuesOf[next[j]] = values[p]
        next[j] += 1
      }
    }
    return (counts, rowsOf, valuesOf)
  }

  /// Step 4: k-means on the embedded rows and columns.
  static func cluster(_ points: Matrix, rows n: Int, clusters k: Int, seed: UInt64, restarts: Int, threads: Int?)
    -> Cocluster
  {
    let result = KMeans.fit(points, clusters: k, seed: seed, restarts: restarts, threads: threads)
    return Cocluster(rowLabels: Array(result.labels[0..<n]), columnLabels: Array(result.labels[n...]), inertia: result.inertia)
  }

  /// Steps 2–3 from the Gram matrix of the smaller side; `project` maps vectors of
  /// the smaller side (columns of a matrix) to Aₙv or Aₙᵀu on the larger side.
  static func embed(
    gram: Matrix, rowsSmaller: Bool, rowScale: [Double], columnScale: [Double], clusters k: Int,
    project: (Matrix) -> Matrix
  ) throws(ClusterError) -> Matrix {
    let n = rowScale.count
    let m = columnScale.count
    let s = gram.rows
    let wanted = min(1 + ceilLog2(k), s)
    let dims = wanted - 1
    guard dims >= 1 else { throw .invalidParameter("too few singular vectors for \(k) blocks") }
    let eigen: SymmetricEigenDecomposition
    do { eigen = try gram.symmetricEigen(largest: wanted) } catch { throw .invalidParameter("the eigen-decomposition failed: \(error)") }
    // Vectors 2 … wanted of the smaller side, and their images on the larger side.
    var small = Matrix(rows: s, columns: dims)
    for c in 0..<dims { for i in 0..<s { small.elements[i + c * s] = eigen.vectors.elements[i + (c + 1) * s] } }
    var large = project(small)
    let big = large.rows
    for c in 0..<dims {
      var norm = 0.0
      for i in 0..<big { norm += large.elements[i + c * big] * large.elements[i + c * big] }
      norm = norm.squareRoot()
      // ‖Aₙv‖ is the singular value: below 1e-7 the direction carries no signal.
      let factor = norm > 1e-7 ? 1 / norm : 0
      for i in 0..<big { large.elements[i + c * big] *= factor }
    }
    let (u, v) = rowsSmaller ? (small, large) : (large, small)
    // Points: rows then columns.
    var points = Matrix(rows: n + m, columns: dims)
    for c in 0..<dims {
      for i in 0..<n { points[i, c] = rowScale[i] * u.elements[i + c * n] }
      for j in 0..<m { points[n + j, c] = columnScale[j] * v.elements[j + c * m] }
    }
    return points
  }

  static func ceilLog2(_ k: Int) -> Int {
    var bits = 0
    while (1 << bits) < k { bits += 1 }
    return bits
  }
}

extension BinaryMatrix {
  /// The sparse (CSR) form, each set bit an entry of 1.
  public var sparse: SparseMatrix {
    var rowIndices: [Int] = []
    var columnIndices: [Int] = []
    let total = rowCounts.reduce(0) { $0 + Int($1) }
    rowIndices.reserveCapacity(total)
    columnIndices.reserveCapacity(total)
    for r in 0..<rowCount {
      forEachSetBit(ofRow: r) { c in
        rowIndices.append(r)
        columnIndices.append(c)
      }
    }
    // Indices are in range and the values finite by construction.
    return try! SparseMatrix(
      rows: rowCount, columns: columnCount, rowIndices: rowIndices, columnIndices: columnIndices,
      values: [Double](repeating: 1, count: total))
  }
}

/// k-means with greedy k-means++ seeding (Arthur & Vassilvitskii 2007; 2 + ⌊ln k⌋
/// candidates per centre, as scikit-learn) and Lloyd iterations,
/// stopped as scikit-learn's `KMeans` stops: when no label changes, or when the centres
/// moved by at most `tolerance` × the mean variance of the coordinates in total
/// (squared), or after `maxIterations`. Deterministic for a seed: restart r draws from stream r of
/// the seed's generator, restarts run in parallel, and the lowest inertia wins (the
/// first restart on a tie), so the result does not depend on the thread count.
public enum KMeans {
  /// The clustering of the rows of `points`.
  ///
  /// - Parameters:
  ///   - points: one point per row.
  ///   - k: the number of clusters, 1 ≤ k ≤ rows.
  ///   - seed: restart r draws from stream r of this seed.
  ///   - restarts: independent k-means++ starts; the lowest inertia wins.
  ///   - maxIterations: Lloyd iterations per restart at most.
  ///   - tolerance: the convergence tolerance, relative to the mean coordinate variance.
  ///   - threads: threads over the restarts (nil: all processors).
  /// - Returns: labels 0 ..< k per point (renumbered in order of first appearance),
  ///   and the inertia (sum of squared distances to the centres) of the best restart.
  public static func fit(
    _ points: Matrix, clusters k: Int, seed: UInt64, restarts: Int = 10, maxIterations: Int = 300,
    tolerance: Double = 1e-4, threads: Int? = nil
  ) -> (labels: [Int], inertia: Double) {
    let n = points.rows
    let d = points.columns
    precondition(k >= 1 && k <= max(n, 1), "k must be between 1 and the number of points")
    // Row-major copy: point i is x[i*d ..< (i+1)*d].
    var x = [Double](repeating: 0, count: n * d)
    for c in 0..<d { for i in 0..<n { x[i * d + c] = points.elements[i + c * n] } }
    // The tolerance in absolute terms: tolerance × the mean over coordinates of their variance.
    var variance = 0.0
    for c in 0..<d {
      var mean = 0.0
      for i in 0..<n { mean += x[i * d + c] }
      mean /= Double(max(n, 1))
      var v = 0.0
      for i in 0..<n { v += (x[i * d + c] - mean) * (x[i * d + c] - mean) }
      variance += v / Double(max(n, 1))
    }
    let shiftTolerance = tolerance * variance / Double(max(d, 1))
    let runs = max(1, restarts)
    let root = Xoshiro256StarStar(seed: seed)
    let results = UnsafeMutableBufferPointer<(labels: [Int], inertia: Double)>.allocate(capacity: runs)
    results.initialize(repeating: ([], .infinity))
    defer { results.deallocate() }
    nonisolated(unsafe) let slots = results
    let workers = max(1, min(runs, threads ?? ProcessorCount.active))
    let input = x
    DispatchQueue.concurrentPerform(iterations: workers) { w in
      var r = w
      while r < runs {
        slots[r] = lloyd(
          input, n: n, d: d, k: k, rng: root.stream(UInt64(r)), maxIterations: maxIterations,
          shiftTolerance: shiftTolerance)
        r += workers
      }
    }
    var best = results[0]
    for r in 1..<runs where results[r].inertia < best.inertia { best = results[r] }
    // Labels in order of first appearance, so equal partitions print equally.
    var rename = [Int](repeating: -1, count: k)
    var next = 0
    let labels = best.labels.map { l in
      if rename[l] < 0 {
        rename[l] = next
        next += 1
      }
      return rename[l]
    }
    return (labels, best.inertia)
  }

  /// One restart: k-means++ seeding, then Lloyd iterations, on points of `d` coordinates
  /// padded with zeros to `width` vectors of V (padding changes no distance).
  static func lloyd(
    _ points: [Double], n: Int, d: Int, k: Int, rng: Xoshiro256StarStar, maxIterations: Int, shiftTolerance: Double
  ) -> (labels: [Int], inertia: Double) {
    if d <= 4 { return lloyd(points, n: n, d: d, k: k, as: SIMD4<Double>.self, rng: rng, maxIterations, shiftTolerance) }
    return lloyd(points, n: n, d: d, k: k, as: SIMD8<Double>.self, rng: rng, maxIterations, shiftTolerance)
  }

  static func lloyd<V: SIMD>(
    _ points: [Double], n: Int, d: Int, k: Int, as: V.Type, rng generator: Xoshiro256StarStar, _ maxIterations: Int,
    _ shiftTolerance: Double
  ) -> (labels: [Int], inertia: Double) where V.Scalar == Double {
    var rng = generator
    let width = (d + V.scalarCount - 1) / V.scalarCount
    let x = UnsafeMutablePointer<V>.allocate(capacity: n * width)
    let centres = UnsafeMutablePointer<V>.allocate(capacity: k * width)
    let sums = UnsafeMutablePointer<V>.allocate(capacity: k * width)
    let counts = UnsafeMutablePointer<Int>.allocate(capacity: k)
    let nearest = UnsafeMutablePointer<Double>.allocate(capacity: n)
    defer {
      x.deallocate()
      centres.deallocate()
      sums.deallocate()
      counts.deallocate()
      nearest.deallocate()
    }
    x.initialize(repeating: V(), count: n * width)
    centres.initialize(repeating: V(), count: k * width)
    sums.initialize(repeating: V(), count: k * width)
    for i in 0..<n { for c in 0..<d { x[i * width + c / V.scalarCount][c % V.scalarCount] = points[i * d + c] } }
    var labels = [Int](repeating: 0, count: n)
    var inertia = 0.0
    @inline(__always) func distance2(_ i: Int, _ centre: Int) -> Double {
      var s = V()
      for w in 0..<width {
        let t = x[i * width + w] - centres[centre * width + w]
        s += t * t
      }
      return s.sum()
    }
    labels.withUnsafeMutableBufferPointer { labels in
      /// Assigns every point to its nearest centre; returns (inertia, any label changed).
      func assign() -> (Double, Bool) {
        var total = 0.0
        var changed = false
        for i in 0..<n {
          var bestC = 0
          var bestD = distance2(i, 0)
          for centre in 1..<k {
            let dist = distance2(i, centre)
            if dist < bestD {
              bestD = dist
              bestC = centre
            }
          }
          if labels[i] != bestC {
            labels[i] = bestC
            changed = true
          }
          total += bestD
        }
        return (total, changed)
      }
      // Greedy k-means++ (as scikit-learn's): the first centre uniformly; for each next
      // one, 2 + ⌊ln k⌋ candidates drawn with probability ∝ D², and the candidate that
      // leaves the smallest total D² kept (the first on a tie).
      let first = Int(rng.next() % UInt64(n))
      for w in 0..<width { centres[w] = x[first * width + w] }
      for i in 0..<n { nearest[i] = distance2(i, 0) }
      let trials = 2 + Int(log(Double(k)))
      for centre in 1..<k {
        var total = 0.0
        for i in 0..<n { total += nearest[i] }
        var bestPick = 0
        var bestPotential = Double.infinity
        for _ in 0..<trials {
          var pick = 0
          if total > 0 {
            var target = rng.nextUnitDouble() * total
            for i in 0..<n {
              target -= nearest[i]
              pick = i
              if target < 0 { break }
            }
          } else {
            pick = Int(rng.next() % UInt64(n))
          }
          for w in 0..<width { centres[centre * width + w] = x[pick * width + w] }
          var potential = 0.0
          for i in 0..<n { potential += min(nearest[i], distance2(i, centre)) }
          if potential < bestPotential {
            bestPotential = potential
            bestPick = pick
          }
        }
        for w in 0..<width { centres[centre * width + w] = x[bestPick * width + w] }
        for i in 0..<n { nearest[i] = min(nearest[i], distance2(i, centre)) }
      }
      for iteration in 0..<maxIterations {
        let (total, changed) = assign()
        inertia = total
        if !changed && iteration > 0 { break }
        sums.update(repeating: V(), count: k * width)
        counts.update(repeating: 0, count: k)
        for i in 0..<n {
          let l = labels[i]
          counts[l] += 1
          for w in 0..<width { sums[l * width + w] += x[i * width + w] }
        }
        // An emptied cluster keeps its centre.
        var shift = V()
        for centre in 0..<k where counts[centre] > 0 {
          let scale = 1 / Double(counts[centre])
          for w in 0..<width {
            let moved = sums[centre * width + w] * scale
            let t = moved - centres[centre * width + w]
            shift += t * t
            centres[centre * width + w] = moved
          }
        }
        if shift.sum() <= shiftTolerance || iteration == maxIterations - 1 {
          // Converged (or out of iterations): labels and inertia for the final centres.
          inertia = assign().0
          break
        }
      }
    }
    return (labels, inertia)
  }
}
