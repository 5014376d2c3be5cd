import CRensaBLAS

/// Controls the number of threads OpenBLAS uses.
///
/// Set it to 1 inside your own parallel regions. `OPENBLAS_NUM_THREADS` sets the
/// initial value.
public enum BLASThreads {
  /// The current OpenBLAS thread count.
  public static var count: Int { Int(openblas_get_num_threads()) }
  /// Sets the OpenBLAS thread count (≥ 1).
  public static func set(_ count: Int) { openblas_set_num_threads(Int32(max(1, count))) }
}

extension Matrix {
  /// General matrix product by BLAS `dgemm`:
  /// `C ← alpha · op(A) · op(B) + beta · C`, where `op(X)` is `X` or `Xᵀ`.
  ///
  /// - Complexity: O(m · n · k) floating-point operations.
  public static func gemm(
    _ a: Matrix, _ b: Matrix, transposeA: Bool = false, transposeB: Bool = false,
    alpha: Double = 1, beta: Double = 0, into c: inout Matrix
  ) {
    let m = transposeA ? a.columns : a.rows
    let k = transposeA ? a.rows : a.columns
    let kb = transposeB ? b.columns : b.rows
    let n = transposeB ? b.rows : b.columns
    precondition(k == kb, "gemm: inner dimensions \(k) and \(kb) differ")
    precondition(c.rows == m && c.columns == n, "gemm: result must be \(m)×\(n), is \(c.rows)×\(c.columns)")
    guard m > 0 && n > 0 else { return }
    if k == 0 {
      for i in c.elements.indices { c.elements[i] *= beta }
      return
    }
    a.elements.withUnsafeBufferPointer { pa in
      b.elements.withUnsafeBufferPointer { pb in
        c.elements.withUnsafeMutableBufferPointer { pc in
          if n == 1 && !transposeB {
            // One column: the matrix–vector kernel (dgemm with n = 1 is slower).
            cblas_dgemv(
              CblasColMajor, transposeA ? CblasTrans : CblasNoTrans, Int32(a.rows), Int32(a.columns), alpha,
              pa.baseAddress, Int32(max(1, a.rows)), pb.baseAddress, 1, beta, pc.baseAddress, 1)
            return
          }
          cblas_dgemm(
            CblasColMajor, transposeA ? CblasTrans : CblasNoTrans, transposeB ? CblasTrans : CblasNoTrans,
            Int32(m), Int32(n), Int32(k), alpha, pa.baseAddress, Int32(max(1, a.rows)),
            pb.baseAddress, Int32(max(1, b.rows)), beta, pc.baseAddress, Int32(max(1, m)))
        }
      }
    }
  }

  /// The product `lhs · rhs` (BLAS `dgemm`).
  public static func * (lhs: Matrix, rhs: Matrix) -> Matrix {
    var c = Matrix(rows: lhs.rows, columns: rhs.columns)
    gemm(lhs, rhs, into: &c)
    return c
  }

  /// The product `self · x` for a vector `x` (BLAS `dgemv`).
  public func multiplied(by x: [Double]) -> [Double] {
    precondition(x.count == columns, "vector length \(x.count) differs from column count \(columns)")
    var y = [Double](repeating: 0, count: rows)
    guard rows > 0 && columns > 0 else { return y }
    elements.withUnsafeBufferPointer { pa in
      x.withUnsafeBufferPointer { px in
        y.withUnsafeMutableBufferPointer { py in
          cblas_dgemv(
            CblasColMajor, CblasNoTrans, Int32(rows), Int32(columns), 1, pa.baseAddress, Int32(rows),
            px.baseAddress, 1, 0, py.baseAddress, 1)
        }
      }
    }
    return y
  }

  /// The Gram matrix by BLAS `dsyrk`: `alpha · AᵀA` (`transpose: true`, columns × columns)
  /// or `alpha · AAᵀ` (`transpose: false`, rows × rows). Both triangles are filled.
  ///
  /// - Complexity: about half the flops of the equivalent `gemm`.
  public func gram(transpose: Bool = true, alpha: Double = 1) -> Matrix {
    let n = transpose ? columns : rows
    let k = transpose ? rows : columns
    var c = Matrix(rows: n, columns: n)
    guard n > 0 && k > 0 else { return c }
    elements.withUnsafeBufferPointer { pa in
      c.elements.withUnsafeMutableBufferPointer { pc in
        cblas_dsyrk(
          CblasColMajor, CblasUpper, transpose ? CblasTrans : CblasNoTrans, Int32(n), Int32(k), alpha,
          pa.baseAddress, Int32(max(1, rows)), 0, pc.baseAddress, Int32(n))
      }
    }
    // Mirror the upper triangle into the lower one.
    for j in 0..<n { for i in (j + 1)..<n { c.elements[i + j * n] = c.elements[j + i * n] } }
    return c
  }
}
