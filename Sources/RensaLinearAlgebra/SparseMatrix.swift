import Dispatch
import Foundation
import InternalRensaUtilities

/// A sparse matrix in compressed sparse row (CSR) form: the entries of row `i`
/// are `values[rowStarts[i] ..< rowStarts[i + 1]]`, in ascending column order
/// (`columnIndices`), without duplicates. The layout of scipy's `csr_matrix`.
///
/// ```swift
/// let a = try SparseMatrix(rows: 2, columns: 2, rowIndices: [0, 1, 1], columnIndices: [1, 0, 0],
///                          values: [0.8, 0.1, 0.1])   // duplicates are summed: a[1, 0] = 0.2
/// a.multiplied(by: [1, 1])                             // [0.8, 0.2]
/// ```
public struct SparseMatrix: Sendable, Hashable {
  /// Number of rows.
  public let rows: Int
  /// Number of columns.
  public let columns: Int
  /// `rows + 1` offsets into ``columnIndices`` and ``values``.
  public private(set) var rowStarts: [Int]
  /// Column of each stored entry, ascending within a row.
  public private(set) var columnIndices: [Int32]
  /// Value of each stored entry.
  public private(set) var values: [Double]

  /// Builds the matrix from coordinate triplets (any order). Entries at the same
  /// position are summed; entries that are exactly zero are not stored.
  ///
  /// - Throws: ``LinearAlgebraError/dimensionMismatch(_:)`` for arrays of unequal
  ///   length or an index out of range, ``LinearAlgebraError/nonFinite(_:)`` for
  ///   NaN or infinite values, ``LinearAlgebraError/tooLarge(_:)`` for more than
  ///   2³¹ − 1 columns.
  /// - Complexity: O(rows + nnz + Σ rᵢ log rᵢ) for rows of rᵢ entries.
  public init(rows: Int, columns: Int, rowIndices: [Int], columnIndices: [Int], values: [Double])
    throws(LinearAlgebraError)
  {
    guard rows >= 0 && columns >= 0 else { throw .dimensionMismatch("negative dimension \(rows)×\(columns)") }
    guard columns <= Int(Int32.max) else { throw .tooLarge("columns = \(columns)") }
    guard rowIndices.count == values.count && columnIndices.count == values.count else {
      throw .dimensionMismatch(
        "\(rowIndices.count) row indices, \(columnIndices.count) column indices, \(values.count) values")
    }
    var counts = [Int](repeating: 0, count: rows + 1)
    for k in values.indices {
      let i = rowIndices[k]
      let j = columnIndices[k]
      guard i >= 0 && i < rows && j >= 0 && j < columns else {
        throw .dimensionMismatch("entry \(k) at (\(i), \(j)) lies outside the \(rows)×\(columns) matrix")
      }
      guard values[k].isFinite else { throw .nonFinite("entry \(k) at (\(i), \(j))") }
      counts[i + 1] += 1
    }
    for i in 0..<rows { counts[i + 1] += counts[i] }
    var next = counts
    var cols = [Int32](repeating: 0, count: values.count)
    var vals = [Double](repeating: 0, count: values.count)
    for k in values.indices {
      let slot = next[rowIndices[k]]
      next[rowIndices[k]] += 1
      cols[slot] = Int32(columnIndices[k])
      vals[slot] = values[k]
    }
    // Sort each row by column and merge duplicates, compacting in place.
    var starts = [Int](repeating: 0, count: rows + 1)
    var write = 0
    var order: [Int] = []
    for i in 0..<rows {
      let lo = counts[i]
      let hi = counts[i + 1]
      starts[i] = write
      var sorted = true
      if hi - lo > 1 { for k in (lo + 1)..<hi where cols[k] <= cols[k - 1] { sorted = false; break } }
      if sorted {
        for k in lo..<hi where vals[k] != 0 {
          cols[write] = cols[k]
          vals[write] = vals[k]
          write += 1
        }
        continue
      }
      order.removeAll(keepingCapacity: true)
      order.append(contentsOf: lo..<hi)
      order.sort { cols[$0] != cols[$1] ? cols[$0] < cols[$1] : $0 < $1 }
      let rowCols = order.map { cols[$0] }
      let rowVals = order.map { vals[$0] }
      var k = 0
      while k < rowCols.count {
        var sum = 0.0
        let c = rowCols[k]
        while k < rowCols.count && rowCols[k] == c {
          sum += rowVals[k]
          k += 1
        }
        if sum != 0 {
          cols[write] = c
          vals[write] = sum
          write += 1
        }
      }
    }
    starts[rows] = write
    cols.removeSubrange(write...)
    vals.removeSubrange(write...)
    self.rows = rows
    self.columns = columns
    self.rowStarts = starts
    self.columnIndices = cols
    self.values = vals
  }

  /// The sparse form of a dense matrix (exact zeros are dropped).
  public init(_ dense: Matrix) {
    var r: [Int] = []
    var c: [Int] = []
    var v: [Double] = []
    for i in 0..<dense.rows {
      for j in 0..<dense.columns where dense[i, j] != 0 {
        r.append(i)
        c.append(j)
        v.append(dense[i, j])
      }
    }
    // A dense matrix's indices are in range; NaN entries are kept as they are.
    self.rows = dense.rows
    self.columns = dense.columns
    var starts = [Int](repeating: 0, count: dense.rows + 1)
    for i in r { starts[i + 1] += 1 }
    for i in 0..<dense.rows { starts[i + 1] += starts[i] }
    self.rowStarts = starts
    self.columnIndices = c.map { Int32($0) }
    self.values = v
  }

  /// Number of stored (nonzero) entries.
  public var nonzeroCount: Int { values.count }

  /// Element `(row, column)` (a binary search in the row).
  public subscript(row: Int, column: Int) -> Double {
    precondition(row >= 0 && row < rows && column >= 0 && column < columns, "index out of range")
    var lo = rowStarts[row]
    var hi = rowStarts[row + 1]
    let target = Int32(column)
    while lo < hi {
      let mid = (lo + hi) / 2
      if columnIndices[mid] < target { lo = mid + 1 } else { hi = mid }
    }
    return lo < rowStarts[row + 1] && columnIndices[lo] == target ? values[lo] : 0
  }

  /// The dense form.
  public var dense: Matrix {
    var m = Matrix(rows: rows, columns: columns)
    for i in 0..<rows {
      for k in rowStarts[i]..<rowStarts[i + 1] { m[i, Int(columnIndices[k])] = values[k] }
    }
    return m
  }

  /// `y = A · x`.
  public func multiplied(by x: [Double]) -> [Double] {
    precondition(x.count == columns, "vector length \(x.count) differs from column count \(columns)")
    var y = [Double](repeating: 0, count: rows)
    x.withUnsafeBufferPointer { px in
      y.withUnsafeMutableBufferPointer { py in
        multiply(px, into: py, plus: nil)
      }
    }
    return y
  }

  /// `y = A · x (+ c)`, the kernel of the iterative solvers.
  @inline(__always)
  func multiply(_ x: UnsafeBufferPointer<Double>, into y: UnsafeMutableBufferPointer<Double>,
                plus c: UnsafeBufferPointer<Double>?) {
    rowStarts.withUnsafeBufferPointer { starts in
      columnIndices.withUnsafeBufferPointer { cols in
        values.withUnsafeBufferPointer { vals in
          for i in 0..<rows {
            var s = c?[i] ?? 0
            for k in starts[i]..<starts[i + 1] { s += vals[k] * x[Int(cols[k])] }
            y[i] = s
          }
        }
      }
    }
  }
}

/// How ``SparseMatrix/solveFixedPoint(_:method:tolerance:maxIterations:threads:)`` iterates.
public enum FixedPointMethod: String, Sendable, Hashable, CaseIterable {
  /// `x ← A·x + c`: the truncated Neumann series `Σ Aᵏ c`. For `A ≥ 0, c ≥ 0` the
  /// iterates rise monotonically to the solution.
  case jacobi
  /// Rows in order, each using the values already updated in the sweep, with
  /// the diagonal solved exactly. For a nonnegative `A` with spectral radius < 1
  /// it converges at least as fast as Jacobi (Stein–Rosenberg theorem).
  case gaussSeidel = "gauss-seidel"
  /// BiCGSTAB (van der Vorst 1992) on `(I − A)·x = c`: a Krylov method, two
  /// products per iteration, far fewer iterations than the sweeps when the
  /// spectral radius is close to 1. It solves the linear system whatever the
  /// spectral radius, so callers that need `x = Σ Aᵏ c` check that `x ≥ 0`
  /// (see `SparseInoperabilityModel`). On a breakdown it restarts from the
  /// current iterate, and after three breakdowns continues with Gauss–Seidel.
  case bicgstab
}

/// The result of ``SparseMatrix/solveFixedPoint(_:method:tolerance:maxIterations:threads:)``.
public struct FixedPointSolution: Sendable, Hashable {
  /// The solution `x` of `x = A·x + c`.
  public var x: [Double]
  /// Sweeps performed.
  public var iterations: Int
  /// The true residual `‖c − (I − A)·x‖∞` of the returned `x`.
  public var residual: Double
  /// The observed contraction per sweep (ratio of the last two update norms); an
  /// estimate of the iteration's spectral radius.
  public var contraction: Double
}

extension SparseMatrix {
  /// Solves `x = A·x + c`, i.e. `(I − A)·x = c`, iteratively, for a square `A`
  /// whose iteration converges (spectral radius of `A` below 1 for Jacobi).
  ///
  /// Stops when the true residual `‖c − (I − A)·x‖∞ ≤ tolerance · ‖c‖∞`. Each
  /// sweep reads the matrix once: O(nnz) time, no extra memory beyond two vectors
  /// (BiCGSTAB: two products and seven vectors per iteration). BiCGSTAB's products
  /// run on `threads` threads (nil: automatic, parallel from 100,000 entries); the
  /// result is bitwise the same for any thread count.
  ///
  /// ```swift
  /// let a = SparseMatrix(Matrix(rowMajor: [[0, 0.8], [0.2, 0]]))
  /// let q = try a.solveFixedPoint([0, 0.6]).x   // [4/7, 5/7]
  /// ```
  ///
  /// - Throws: ``LinearAlgebraError/dimensionMismatch(_:)`` for a non-square `A` or a
  ///   `c` of the wrong length; ``LinearAlgebraError/nonFinite(_:)`` for NaN in `c`;
  ///   ``LinearAlgebraError/notConverged(method:iterations:residual:contraction:)``
  ///   if the tolerance is not reached in `maxIterations` sweeps or the iterates
  ///   grow (spectral radius ≥ 1); ``LinearAlgebraError/singular(pivot:)`` if
  ///   Gauss–Seidel meets a diagonal entry of exactly 1.
  public func solveFixedPoint(
    _ c: [Double], method: FixedPointMethod = .gaussSeidel, tolerance: Double = 1e-12,
    maxIterations: Int = 100_000, threads: Int? = nil
  ) throws(LinearAlgebraError) -> FixedPointSolution {
    guard rows == columns else { throw .dimensionMismatch("fixed point needs a square matrix, got \(rows)×\(columns)") }
    guard c.count == rows else { throw .dimensionMismatch("right-hand side has \(c.count) entries, matrix has \(rows) rows") }
    for v in c where !v.isFinite { throw .nonFinite("the right-hand side") }
    let scale = c.reduce(0) { max($0, abs($1)) }
    var x = [Double](repeating: 0, count: rows)
    if scale == 0 { return FixedPointSolution(x: x, iterations: 0, residual: 0, contraction: 0) }
    let goal = tolerance * scale
    var previousUpdate = Double.infinity
    var contraction = 0.0
    var iterations = 0
    switch method {
    case .jacobi:
      var next = x
      while true {
        x.withUnsafeBufferPointer { px in
          next.withUnsafeMutableBufferPointer { pn in
            c.withUnsafeBufferPointer { pc in multiply(px, into: pn, plus: pc) }
          }
        }
        iterations += 1
        // The residual of x is exactly next − x.
        var update = 0.0
        for i in 0..<rows { update = max(update, abs(next[i] - x[i])) }
        if previousUpdate.isFinite && previousUpdate > 0 { contraction = update / previousUpdate }
        previousUpdate = update
        if update <= goal {
          // Report the residual of the returned iterate (one more product).
          swap(&x, &next)
          let r = residual(of: x, c)
          return FixedPointSolution(x: x, iterations: iterations, residual: r, contraction: contraction)
        }
        swap(&x, &next)
        if !update.isFinite || iterations >= maxIterations || (iterations > 50 && contraction > 1.000001 && update > 1e6 * scale) {
          throw .notConverged(method: method.rawValue, iterations: iterations, residual: update, contraction: contraction)
        }
      }
    case .bicgstab:
      if let solution = try bicgstab(c, goal: goal, maxIterations: maxIterations, threads: threads) { return solution }
      // Repeated breakdowns: fall back to the sweeps.
      return try solveFixedPoint(c, method: .gaussSeidel, tolerance: tolerance, maxIterations: maxIterations)
    case .gaussSeidel:
      var diagonal = [Double](repeating: 0, count: rows)
      for i in 0..<rows {
        for k in rowStarts[i]..<rowStarts[i + 1] where Int(columnIndices[k]) == i { diagonal[i] = values[k] }
        if diagonal[i] == 1 { throw .singular(pivot: i) }
      }
      while true {
        var update = 0.0
        rowStarts.withUnsafeBufferPointer { starts in
          columnIndices.withUnsafeBufferPointer { cols in
            values.withUnsafeBufferPointer { vals in
              x.withUnsafeMutableBufferPointer { px in
                for i in 0..<rows {
                  // s = (A·x)_i + c_i with the current (partly updated) x.
                  var s = c[i]
                  for k in starts[i]..<starts[i + 1] { s += vals[k] * px[Int(cols[k])] }
                  // The row's residual before its update: s − x_i.
                  update = max(update, abs(s - px[i]))
                  px[i] += (s - px[i]) / (1 - diagonal[i])
                }
              }
            }
          }
        }
        iterations += 1
        if previousUpdate.isFinite && previousUpdate > 0 { contraction = update / previousUpdate }
        previousUpdate = update
        if update <= goal {
          let r = residual(of: x, c)
          if r <= goal {
            return FixedPointSolution(x: x, iterations: iterations, residual: r, contraction: contraction)
          }
        }
        if !update.isFinite || iterations >= maxIterations || (iterations > 50 && contraction > 1.000001 && update > 1e6 * scale) {
          throw .notConverged(method: method.rawValue, iterations: iterations, residual: update, contraction: contraction)
        }
      }
    }
  }

  /// Row ranges with about equal numbers of entries, one per thread: products with
  /// at least 100,000 entries run on up to `activeProcessorCount` (≤ 8) threads.
  /// Each row's sum is accumulated by one thread in column order, so the result
  /// is bitwise the same for any number of threads.
  func productChunks(threads requested: Int?) -> [Range<Int>] {
    let threads =
      requested.map { max(1, $0) } ?? (nonzeroCount >= 100_000 ? min(8, max(1, ProcessorCount.active)) : 1)
    guard threads > 1 && rows > 1 else { return [0..<rows] }
    var chunks: [Range<Int>] = []
    var start = 0
    for t in 1...threads {
      let target = nonzeroCount * t / threads
      var end = start
      while end < rows && (t == threads || rowStarts[end + 1] <= target) { end += 1 }
      if t == threads { end = rows }
      chunks.append(start..<end)
      start = end
    }
    return chunks.filter { !$0.isEmpty }
  }

  /// `y = x − A·x`, the operator `I − A`, over `chunks` of rows in parallel.
  func applyIMinusA(
    _ x: UnsafeMutableBufferPointer<Double>, into y: UnsafeMutableBufferPointer<Double>, chunks: [Range<Int>]
  ) {
    rowStarts.withUnsafeBufferPointer { starts in
      columnIndices.withUnsafeBufferPointer { cols in
        values.withUnsafeBufferPointer { vals in
          nonisolated(unsafe) let (starts, cols, vals, x, y) = (starts, cols, vals, x, y)
          let kernel: @Sendable (Range<Int>) -> Void = { range in
            for i in range {
              var s = 0.0
              for k in starts[i]..<starts[i + 1] { s += vals[k] * x[Int(cols[k])] }
              y[i] = x[i] - s
            }
          }
          if chunks.count == 1 {
            kernel(chunks[0])
          } else {
            DispatchQueue.concurrentPerform(iterations: chunks.count) { kernel(chunks[$0]) }
          }
        }
      }
    }
  }

  /// BiCGSTAB for `(I − A)·x = c`; nil after three breakdowns.
  func bicgstab(_ c: [Double], goal: Double, maxIterations: Int, threads: Int?) throws(LinearAlgebraError)
    -> FixedPointSolution?
  {
    let n = rows
    var x = [Double](repeating: 0, count: n)
    var r = c
    var rHat = c
    var p = [Double](repeating: 0, count: n)
    var v = [Double](repeating: 0, count: n)
    var sv = [Double](repeating: 0, count: n)
    var t = [Double](repeating: 0, count: n)
    var rhoOld = 1.0
    var alpha = 1.0
    var omega = 1.0
    var iterations = 0
    var breakdowns = 0
    let chunks = productChunks(threads: threads)
    var previousNorm = Double.infinity
    var contraction = 0.0
    func dot(_ a: UnsafeMutableBufferPointer<Double>, _ b: UnsafeMutableBufferPointer<Double>) -> Double {
      var s0 = 0.0, s1 = 0.0, s2 = 0.0, s3 = 0.0
      var i = 0
      while i + 4 <= n {
        s0 += a[i] * b[i]; s1 += a[i + 1] * b[i + 1]; s2 += a[i + 2] * b[i + 2]; s3 += a[i + 3] * b[i + 3]
        i += 4
      }
      while i < n { s0 += a[i] * b[i]; i += 1 }
      return (s0 + s1) + (s2 + s3)
    }
    func maxAbs(_ a: UnsafeMutableBufferPointer<Double>) -> Double {
      var m = 0.0
      for i in 0..<n { m = max(m, abs(a[i])) }
      return m
    }
    while true {
      var restart = false
      var done = false
      x.withUnsafeMutableBufferPointer { x in
        r.withUnsafeMutableBufferPointer { r in
          rHat.withUnsafeMutableBufferPointer { rHat in
            p.withUnsafeMutableBufferPointer { p in
              v.withUnsafeMutableBufferPointer { v in
                sv.withUnsafeMutableBufferPointer { s in
                  t.withUnsafeMutableBufferPointer { t in
                    while iterations < maxIterations {
                      let rho = dot(rHat, r)
                      if rho == 0 || !rho.isFinite { restart = true; return }
                      let beta = (rho / rhoOld) * (alpha / omega)
                      for i in 0..<n { p[i] = r[i] + beta * (p[i] - omega * v[i]) }
                      applyIMinusA(p, into: v, chunks: chunks)
                      let denominator = dot(rHat, v)
                      if denominator == 0 || !denominator.isFinite { restart = true; return }
                      alpha = rho / denominator
                      for i in 0..<n { s[i] = r[i] - alpha * v[i] }
                      iterations += 1
                      if maxAbs(s) <= goal {
                        for i in 0..<n { x[i] += alpha * p[i] }
                        done = true
                        return
                      }
                      applyIMinusA(s, into: t, chunks: chunks)
                      let tt = dot(t, t)
                      if tt == 0 || !tt.isFinite { restart = true; return }
                      omega = dot(t, s) / tt
                      if omega == 0 || !omega.isFinite { restart = true; return }
                      for i in 0..<n {
                        x[i] += alpha * p[i] + omega * s[i]
                        r[i] = s[i] - omega * t[i]
                      }
                      let norm = maxAbs(r)
                      if previousNorm.isFinite && previousNorm > 0 { contraction = norm / previousNorm }
                      previousNorm = norm
                      if norm <= goal { done = true; return }
                      rhoOld = rho
                    }
                  }
                }
              }
            }
          }
        }
      }
      if done {
        // The recursive residual drifts from the true one: check, and continue from x if needed.
        let trueResidual = residual(of: x, c)
        if trueResidual <= goal {
          return FixedPointSolution(x: x, iterations: iterations, residual: trueResidual, contraction: contraction)
        }
        restart = true
      }
      if iterations >= maxIterations {
        throw .notConverged(method: "bicgstab", iterations: iterations, residual: previousNorm, contraction: contraction)
      }
      if restart {
        breakdowns += 1
        if breakdowns > 3 { return nil }
        // Restart from x: r = c − (I − A)x, the shadow residual reset to it.
        let ax = multiplied(by: x)
        for i in 0..<n { r[i] = c[i] - x[i] + ax[i] }
        rHat = r
        for i in 0..<n { p[i] = 0; v[i] = 0 }
        rhoOld = 1
        alpha = 1
        omega = 1
      }
    }
  }

  /// `‖c − (I − A)·x‖∞`.
  public func residual(of x: [Double], _ c: [Double]) -> Double {
    let ax = multiplied(by: x)
    var r = 0.0
    for i in 0..<rows { r = max(r, abs(c[i] + ax[i] - x[i])) }
    return r
  }
}
