import CRensaBLAS

/// LAPACK's 32-bit integer type.
typealias LapackInt = Int32

@inline(__always)
func lapackDimension(_ value: Int, _ what: String) throws(LinearAlgebraError) -> LapackInt {
  guard value >= 0 && value <= Int(Int32.max) else { throw .tooLarge("\(what) = \(value)") }
  return LapackInt(value)
}

@inline(__always)
func checkFinite(_ m: Matrix, _ what: String) throws(LinearAlgebraError) {
  for x in m.elements where !x.isFinite { throw .nonFinite(what) }
}

/// The result of ``Matrix/symmetricEigen()``.
public struct SymmetricEigenDecomposition: Sendable, Hashable {
  /// Eigenvalues in ascending order.
  public var values: [Double]
  /// Orthonormal eigenvectors, column `j` belonging to `values[j]`.
  public var vectors: Matrix
}

/// The result of ``Matrix/svd()``: `A = U · diag(S) · Vᵀ` (thin form).
public struct SingularValueDecomposition: Sendable, Hashable {
  /// Left singular vectors, `m × min(m, n)`, orthonormal columns.
  public var u: Matrix
  /// Singular values, descending, non-negative; `min(m, n)` of them.
  public var singularValues: [Double]
  /// Right singular vectors transposed, `min(m, n) × n`, orthonormal rows.
  public var vt: Matrix
}

extension Matrix {
  /// Solves `A · X = B` by LU factorisation with partial pivoting (LAPACK `dgesv`).
  /// Neither operand is modified; the inverse is never formed.
  ///
  /// ```swift
  /// let a = Matrix(rowMajor: [[2, 1], [1, 3]])
  /// let x = try a.solve(Matrix(column: [3, 5]))   // [0.8, 1.4]
  /// ```
  ///
  /// - Throws: ``LinearAlgebraError/singular(pivot:)`` for an exactly singular
  ///   matrix, ``LinearAlgebraError/dimensionMismatch(_:)`` for wrong shapes,
  ///   ``LinearAlgebraError/nonFinite(_:)`` for NaN or infinite input.
  /// - Complexity: O(n³ + n² · nrhs).
  public func solve(_ b: Matrix) throws(LinearAlgebraError) -> Matrix {
    guard isSquare else { throw .dimensionMismatch("solve needs a square matrix, got \(rows)×\(columns)") }
    guard b.rows == rows else {
      throw .dimensionMismatch("right-hand side has \(b.rows) rows, matrix has \(rows)")
    }
    try checkFinite(self, "the coefficient matrix")
    try checkFinite(b, "the right-hand side")
    var n = try lapackDimension(rows, "n")
    var nrhs = try lapackDimension(b.columns, "right-hand sides")
    if rows == 0 || b.columns == 0 { return b }
    var a = elements
    var x = b.elements
    var pivots = [LapackInt](repeating: 0, count: rows)
    var lda = n
    var ldb = n
    var info: LapackInt = 0
    dgesv_(&n, &nrhs, &a, &lda, &pivots, &x, &ldb, &info)
    if info < 0 { throw .illegalArgument(routine: "dgesv", position: Int(-info)) }
    if info > 0 { throw .singular(pivot: Int(info) - 1) }
    return Matrix(rows: b.rows, columns: b.columns, columnMajor: x)
  }

  /// Solves `A · x = b` for one vector.
  public func solve(_ b: [Double]) throws(LinearAlgebraError) -> [Double] {
    try solve(Matrix(column: b)).elements
  }

  /// Eigenvalues and eigenvectors of a symmetric matrix (LAPACK `dsyevr`, MRRR).
  /// Only the upper triangle is read.
  ///
  /// - Throws: ``LinearAlgebraError/noConvergence(routine:info:)`` on an internal
  ///   failure, ``LinearAlgebraError/dimensionMismatch(_:)`` if not square.
  /// - Complexity: O(n³).
  public func symmetricEigen() throws(LinearAlgebraError) -> SymmetricEigenDecomposition {
    try symmetricEigen(range: nil)
  }

  /// The `count` largest eigenvalues of a symmetric matrix and their eigenvectors
  /// (LAPACK `dsyevr` with an index range: the others are not computed). Values are in
  /// **descending** order here, column `j` of `vectors` belonging to `values[j]`. Only
  /// the upper triangle is read.
  ///
  /// ```swift
  /// let top = try Matrix(rowMajor: [[2, 1], [1, 2]]).symmetricEigen(largest: 1)
  /// top.values   // [3.0]; top.vectors ≈ ±[0.707, 0.707]ᵀ
  /// ```
  ///
  /// - Throws: as ``symmetricEigen()``, and ``LinearAlgebraError/dimensionMismatch(_:)``
  ///   unless 0 ≤ count ≤ n.
  /// - Complexity: O(n³) for the reduction to tridiagonal form, O(n · count) after it.
  public func symmetricEigen(largest count: Int) throws(LinearAlgebraError) -> SymmetricEigenDecomposition {
    guard count >= 0 && count <= rows else {
      throw .dimensionMismatch("\(count) eigenpairs requested of a \(rows)×\(columns) matrix")
    }
    if count == 0 { return SymmetricEigenDecomposition(values: [], vectors: Matrix(rows: rows, columns: 0)) }
    let ascending = try symmetricEigen(range: (rows - count + 1, rows))
    var vectors = Matrix(rows: rows, columns: count)
    for j in 0..<count {
      let from = count - 1 - j
      for i in 0..<rows { vectors.elements[i + j * rows] = ascending.vectors.elements[i + from * rows] }
    }
    return SymmetricEigenDecomposition(values: ascending.values.reversed(), vectors: vectors)
  }

  /// `dsyevr` for all eigenpairs (`range == nil`) or those with 1-based indices
  /// `range.lower ... range.upper` in ascending order.
  private func symmetricEigen(range indices: (Int, Int)?) throws(LinearAlgebraError) -> SymmetricEigenDecomposition {
    guard isSquare else { throw .dimensionMismatch("eigen-decomposition needs a square matrix, got \(rows)×\(columns)") }
    try checkFinite(self, "the matrix")
    var n = try lapackDimension(rows, "n")
    if rows == 0 { return SymmetricEigenDecomposition(values: [], vectors: Matrix(rows: 0, columns: 0)) }
    let wanted = indices.map { $0.1 - $0.0 + 1 } ?? rows
    var a = elements
    var lda = n
    var vl = 0.0
    var vu = 0.0
    var il = LapackInt(indices?.0 ?? 0)
    var iu = LapackInt(indices?.1 ?? 0)
    var abstol = 0.0
    var found: LapackInt = 0
    var w = [Double](repeating: 0, count: rows)
    var z = [Double](repeating: 0, count: rows * wanted)
    var ldz = n
    var isuppz = [LapackInt](repeating: 0, count: 2 * rows)
    var info: LapackInt = 0
    var jobz = CChar(UInt8(ascii: "V"))
    var range = CChar(UInt8(ascii: indices == nil ? "A" : "I"))
    var uplo = CChar(UInt8(ascii: "U"))
    // Workspace query.
    var lwork: LapackInt = -1
    var liwork: LapackInt = -1
    var workSize = 0.0
    var iworkSize: LapackInt = 0
    dsyevr_(
      &jobz, &range, &uplo, &n, &a, &lda, &vl, &vu, &il, &iu, &abstol, &found, &w, &z, &ldz, &isuppz,
      &workSize, &lwork, &iworkSize, &liwork, &info, 1, 1, 1)
    if info != 0 { throw .illegalArgument(routine: "dsyevr", position: Int(-info)) }
    lwork = LapackInt(workSize.rounded(.up))
    liwork = iworkSize
    var work = [Double](repeating: 0, count: Int(lwork))
    var iwork = [LapackInt](repeating: 0, count: Int(liwork))
    dsyevr_(
      &jobz, &range, &uplo, &n, &a, &lda, &vl, &vu, &il, &iu, &abstol, &found, &w, &z, &ldz, &isuppz,
      &work, &lwork, &iwork, &liwork, &info, 1, 1, 1)
    if info < 0 { throw .illegalArgument(routine: "dsyevr", position: Int(-info)) }
    if info > 0 { throw .noConvergence(routine: "dsyevr", info: Int(info)) }
    let m = Int(found)
    return SymmetricEigenDecomposition(
      values: Array(w[0..<m]), vectors: Matrix(rows: rows, columns: m, columnMajor: Array(z[0..<(rows * m)])))
  }

  /// The thin singular value decomposition `A = U · diag(S) · Vᵀ` (LAPACK `dgesdd`,
  /// divide and conquer).
  ///
  /// - Throws: ``LinearAlgebraError/noConvergence(routine:info:)`` if the
  ///   bidiagonal SVD did not converge.
  /// - Complexity: O(m · n · min(m, n)).
  public func svd() throws(LinearAlgebraError) -> SingularValueDecomposition {
    try checkFinite(self, "the matrix")
    var m = try lapackDimension(rows, "rows")
    var n = try lapackDimension(columns, "columns")
    let k = min(rows, columns)
    if k == 0 {
      return SingularValueDecomposition(
        u: Matrix(rows: rows, columns: 0), singularValues: [], vt: Matrix(rows: 0, columns: columns))
    }
    var a = elements
    var lda = m
    var s = [Double](repeating: 0, count: k)
    var u = [Double](repeating: 0, count: rows * k)
    var ldu = m
    var vt = [Double](repeating: 0, count: k * columns)
    var ldvt = LapackInt(k)
    var iwork = [LapackInt](repeating: 0, count: 8 * k)
    var info: LapackInt = 0
    var jobz = CChar(UInt8(ascii: "S"))
    var lwork: LapackInt = -1
    var workSize = 0.0
    dgesdd_(&jobz, &m, &n, &a, &lda, &s, &u, &ldu, &vt, &ldvt, &workSize, &lwork, &iwork, &info, 1)
    if info != 0 { throw .illegalArgument(routine: "dgesdd", position: Int(-info)) }
    lwork = LapackInt(workSize.rounded(.up))
    var work = [Double](repeating: 0, count: Int(lwork))
    dgesdd_(&jobz, &m, &n, &a, &lda, &s, &u, &ldu, &vt, &ldvt, &work, &lwork, &iwork, &info, 1)
    if info < 0 { throw .illegalArgument(routine: "dgesdd", position: Int(-info)) }
    if info > 0 { throw .noConvergence(routine: "dgesdd", info: Int(info)) }
    return SingularValueDecomposition(
      u: Matrix(rows: rows, columns: k, columnMajor: u), singularValues: s,
      vt: Matrix(rows: k, columns: columns, columnMajor: vt))
  }
}
