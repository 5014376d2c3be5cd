import CRensaBLAS
import Foundation

/// The LU factorisation `P · A = L · U` of a square matrix, with partial pivoting
/// (LAPACK `dgetrf`), kept so that many right-hand sides can be solved later
/// (`dgetrs`) without factorising again. The inverse is never formed.
///
/// ```swift
/// let lu = try LUFactorization(Matrix(rowMajor: [[2, 1], [1, 3]]))
/// let x = try lu.solve(Matrix(column: [3, 5]))          // [0.8, 1.4]
/// let y = try lu.solve(Matrix(column: [1, 0]), transpose: true)
/// ```
public struct LUFactorization: Sendable {
  /// The order of the matrix.
  public let order: Int
  /// `L` (unit lower triangle, diagonal implicit) and `U` in one column-major array.
  var factors: [Double]
  /// LAPACK's 1-based row interchanges.
  var pivots: [LapackInt]

  /// Factorises a copy of `a`.
  ///
  /// - Throws: ``LinearAlgebraError/singular(pivot:)`` if a pivot is exactly zero,
  ///   ``LinearAlgebraError/dimensionMismatch(_:)`` if `a` is not square,
  ///   ``LinearAlgebraError/nonFinite(_:)`` for NaN or infinite entries.
  /// - Complexity: O(n³).
  public init(_ a: Matrix) throws(LinearAlgebraError) {
    guard a.isSquare else { throw .dimensionMismatch("LU needs a square matrix, got \(a.rows)×\(a.columns)") }
    try checkFinite(a, "the matrix")
    try self.init(factorising: a.elements, order: a.rows)
  }

  /// Factorises `elements` (column-major, `order × order`) in place, taking
  /// ownership of the array: no copy is made. The caller checks finiteness.
  public init(factorising elements: consuming [Double], order: Int) throws(LinearAlgebraError) {
    guard elements.count == order * order else {
      throw .dimensionMismatch("\(elements.count) elements for an \(order)×\(order) matrix")
    }
    var n = try lapackDimension(order, "n")
    var m = n
    var lda = max(1, n)
    var info: LapackInt = 0
    var a = consume elements
    var pivots = [LapackInt](repeating: 0, count: order)
    if order > 0 { dgetrf_(&m, &n, &a, &lda, &pivots, &info) }
    if info < 0 { throw .illegalArgument(routine: "dgetrf", position: Int(-info)) }
    if info > 0 { throw .singular(pivot: Int(info) - 1) }
    self.order = order
    self.factors = a
    self.pivots = pivots
  }

  /// Solves `A · X = B` (or `Aᵀ · X = B` with `transpose`), overwriting `b` with `X`.
  ///
  /// - Complexity: O(n² · columns of B).
  public func solve(inPlace b: inout Matrix, transpose: Bool = false) throws(LinearAlgebraError) {
    guard b.rows == order else {
      throw .dimensionMismatch("right-hand side has \(b.rows) rows, matrix has \(order)")
    }
    try checkFinite(b, "the right-hand side")
    if order == 0 || b.columns == 0 { return }
    var n = try lapackDimension(order, "n")
    var nrhs = try lapackDimension(b.columns, "right-hand sides")
    var lda = n
    var ldb = n
    var info: LapackInt = 0
    var trans = CChar(UInt8(ascii: transpose ? "T" : "N"))
    factors.withUnsafeBufferPointer { pa in
      pivots.withUnsafeBufferPointer { pp in
        b.elements.withUnsafeMutableBufferPointer { pb in
          dgetrs_(&trans, &n, &nrhs, pa.baseAddress, &lda, pp.baseAddress, pb.baseAddress, &ldb, &info, 1)
        }
      }
    }
    if info < 0 { throw .illegalArgument(routine: "dgetrs", position: Int(-info)) }
  }

  /// Solves `A · X = B` (or `Aᵀ · X = B` with `transpose`).
  public func solve(_ b: Matrix, transpose: Bool = false) throws(LinearAlgebraError) -> Matrix {
    var x = b
    try solve(inPlace: &x, transpose: transpose)
    return x
  }

  /// Solves `A · x = b` for one vector.
  public func solve(_ b: [Double], transpose: Bool = false) throws(LinearAlgebraError) -> [Double] {
    try solve(Matrix(column: b), transpose: transpose).elements
  }

  /// The inverse `A⁻¹`, formed explicitly. Prefer solving:
  /// forming the inverse costs about three times a factorisation and loses accuracy.
  public func inverse() throws(LinearAlgebraError) -> Matrix {
    var x = Matrix.identity(order)
    try solve(inPlace: &x)
    return x
  }

  /// The determinant's sign and the logarithm of its absolute value (the product
  /// of U's diagonal overflows for large matrices).
  public var logAbsDeterminant: (sign: Double, logAbs: Double) {
    var sign = 1.0
    var log = 0.0
    for i in 0..<order {
      let u = factors[i + i * order]
      if u < 0 { sign = -sign }
      if Int(pivots[i]) != i + 1 { sign = -sign }
      log += Foundation.log(abs(u))
    }
    return (sign, log)
  }
}

/// The eigenvalues of a general real matrix: real and imaginary parts.
public struct Eigenvalues: Sendable, Hashable {
  /// Real parts.
  public var real: [Double]
  /// Imaginary parts; complex conjugate pairs appear consecutively, the one with
  /// the positive imaginary part first.
  public var imaginary: [Double]

  /// The largest modulus, `max |λ|`: the spectral radius (0 for an empty matrix).
  public var spectralRadius: Double {
    zip(real, imaginary).reduce(0) { max($0, ($1.0 * $1.0 + $1.1 * $1.1).squareRoot()) }
  }
}

extension Matrix {
  /// The eigenvalues of a general square matrix (LAPACK `dgeev`, no eigenvectors).
  ///
  /// - Throws: ``LinearAlgebraError/noConvergence(routine:info:)`` if the QR
  ///   algorithm failed, ``LinearAlgebraError/dimensionMismatch(_:)`` if not square.
  /// - Complexity: O(n³), about ten times an LU factorisation.
  public func eigenvalues() throws(LinearAlgebraError) -> Eigenvalues {
    guard isSquare else { throw .dimensionMismatch("eigenvalues need a square matrix, got \(rows)×\(columns)") }
    try checkFinite(self, "the matrix")
    if rows == 0 { return Eigenvalues(real: [], imaginary: []) }
    var n = try lapackDimension(rows, "n")
    var a = elements
    var lda = n
    var wr = [Double](repeating: 0, count: rows)
    var wi = [Double](repeating: 0, count: rows)
    var leftVectors = [Double](repeating: 0, count: 1)
    var rightVectors = [Double](repeating: 0, count: 1)
    var ldv: LapackInt = 1
    var info: LapackInt = 0
    var jobvl = CChar(UInt8(ascii: "N"))
    var jobvr = CChar(UInt8(ascii: "N"))
    var lwork: LapackInt = -1
    var workSize = 0.0
    dgeev_(&jobvl, &jobvr, &n, &a, &lda, &wr, &wi, &leftVectors, &ldv, &rightVectors, &ldv, &workSize, &lwork, &info, 1, 1)
    if info != 0 { throw .illegalArgument(routine: "dgeev", position: Int(-info)) }
    lwork = LapackInt(workSize.rounded(.up))
    var work = [Double](repeating: 0, count: Int(lwork))
    dgeev_(&jobvl, &jobvr, &n, &a, &lda, &wr, &wi, &leftVectors, &ldv, &rightVectors, &ldv, &work, &lwork, &info, 1, 1)
    if info < 0 { throw .illegalArgument(routine: "dgeev", position: Int(-info)) }
    if info > 0 { throw .noConvergence(routine: "dgeev", info: Int(info)) }
    return Eigenvalues(real: wr, imaginary: wi)
  }

  /// The induced ∞-norm, `max_i Σ_j |a_ij|` (the largest absolute row sum).
  public var infinityNorm: Double {
    var sums = [Double](repeating: 0, count: rows)
    for j in 0..<columns {
      let base = j * rows
      for i in 0..<rows { sums[i] += abs(elements[base + i]) }
    }
    return sums.max() ?? 0
  }

  /// The induced 1-norm, `max_j Σ_i |a_ij|` (the largest absolute column sum).
  public var oneNorm: Double {
    var best = 0.0
    for j in 0..<columns {
      var s = 0.0
      let base = j * rows
      for i in 0..<rows { s += abs(elements[base + i]) }
      best = max(best, s)
    }
    return best
  }

  /// `selfⁿ` for a square matrix by repeated squaring: about 2·log₂ n products
  /// (BLAS `dgemm`), never n.
  ///
  /// - Precondition: the matrix is square and `n ≥ 0`.
  public func power(_ n: Int) -> Matrix {
    precondition(isSquare, "power of a non-square \(rows)×\(columns) matrix")
    precondition(n >= 0, "negative matrix power \(n)")
    var result: Matrix? = nil
    var base = self
    var k = n
    while k > 0 {
      if k & 1 == 1 { result = result.map { $0 * base } ?? base }
      k >>= 1
      if k > 0 { base = base * base }
    }
    return result ?? Matrix.identity(rows)
  }
}
