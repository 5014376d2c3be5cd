import Testing
import RensaGraph
import RensaLinearAlgebra
import _RensaTestSupport

func randomMatrix(_ rows: Int, _ columns: Int, _ rng: inout Xoshiro256StarStar) -> Matrix {
  Matrix(rows: rows, columns: columns, columnMajor: (0..<(rows * columns)).map { _ in rng.nextUnitDouble() * 2 - 1 })
}

func naiveProduct(_ a: Matrix, _ b: Matrix) -> Matrix {
  var c = Matrix(rows: a.rows, columns: b.columns)
  for i in 0..<a.rows {
    for j in 0..<b.columns {
      var s = 0.0
      for k in 0..<a.columns { s += a[i, k] * b[k, j] }
      c[i, j] = s
    }
  }
  return c
}

@Suite struct BLASTests {
  @Test func smallKnownProduct() {
    let a = Matrix(rowMajor: [[1, 2], [3, 4]])
    let b = Matrix(rowMajor: [[5, 6], [7, 8]])
    #expect((a * b) == Matrix(rowMajor: [[19, 22], [43, 50]]))
    #expect(a.multiplied(by: [1, 1]) == [3, 7])
    #expect(a.elements == [1, 3, 2, 4])  // column-major
  }

  @Test func gemmWithTransposesMatchesNaive() {
    var rng = Xoshiro256StarStar(seed: 1)
    for _ in 0..<50 {
      let m = Int(rng.next() % 9) + 1
      let n = Int(rng.next() % 9) + 1
      let k = Int(rng.next() % 9) + 1
      let a = randomMatrix(m, k, &rng)
      let b = randomMatrix(k, n, &rng)
      let c0 = randomMatrix(m, n, &rng)
      for (ta, tb) in [(false, false), (true, false), (false, true), (true, true)] {
        var c = c0
        Matrix.gemm(ta ? a.transposed : a, tb ? b.transposed : b, transposeA: ta, transposeB: tb, alpha: 2, beta: 0.5, into: &c)
        var expected = naiveProduct(a, b)
        for i in expected.elements.indices { expected.elements[i] = 2 * expected.elements[i] + 0.5 * c0.elements[i] }
        #expect((c - expected).maxAbs < 1e-12)
      }
    }
  }

  @Test func gramMatchesTransposeProduct() {
    var rng = Xoshiro256StarStar(seed: 2)
    for _ in 0..<30 {
      let a = randomMatrix(Int(rng.next() % 12) + 1, Int(rng.next() % 12) + 1, &rng)
      #expect((a.gram(transpose: true) - naiveProduct(a.transposed, a)).maxAbs < 1e-12)
      #expect((a.gram(transpose: false) - naiveProduct(a, a.transposed)).maxAbs < 1e-12)
    }
  }
}

@Suite struct LAPACKTests {
  @Test func solveKnownSystem() throws {
    let a = Matrix(rowMajor: [[2, 1], [1, 3]])
    let x = try a.solve([3, 5])
    #expect(abs(x[0] - 0.8) < 1e-15 && abs(x[1] - 1.4) < 1e-15)
  }

  @Test func solveResidualsOnRandomSystems() throws {
    var rng = Xoshiro256StarStar(seed: 3)
    for n in [1, 2, 5, 20, 100] {
      var a = randomMatrix(n, n, &rng)
      for i in 0..<n { a[i, i] += Double(n) }  // well conditioned
      let b = randomMatrix(n, 3, &rng)
      let x = try a.solve(b)
      let residual = (a * x - b).maxAbs
      #expect(residual < 1e-12 * Double(n))
      #expect(a.maxAbs < 1e6)  // operands unchanged (value semantics)
    }
  }

  @Test func singularAndMalformedSystemsThrowTypedErrors() {
    let singular = Matrix(rowMajor: [[1, 2], [2, 4]])
    #expect(throws: LinearAlgebraError.singular(pivot: 1)) { try singular.solve([1, 2]) }
    #expect(throws: LinearAlgebraError.self) { try Matrix(rowMajor: [[1, 2, 3]]).solve([1]) }
    #expect(throws: LinearAlgebraError.self) { try Matrix.identity(2).solve([1, 2, 3]) }
    #expect(throws: LinearAlgebraError.nonFinite("the coefficient matrix")) {
      try Matrix(rowMajor: [[.nan, 0], [0, 1]]).solve([1, 1])
    }
    #expect(LinearAlgebraError.singular(pivot: 1).description.contains("column 2"))
  }

  @Test func symmetricEigenKnownAndIdentities() throws {
    let e = try Matrix(rowMajor: [[2, 1], [1, 2]]).symmetricEigen()
    #expect(abs(e.values[0] - 1) < 1e-14 && abs(e.values[1] - 3) < 1e-14)
    var rng = Xoshiro256StarStar(seed: 4)
    for n in [1, 3, 10, 40] {
      let r = randomMatrix(n, n, &rng)
      let a = r + r.transposed
      let d = try a.symmetricEigen()
      #expect(d.values == d.values.sorted())
      var lambda = Matrix(rows: n, columns: n)
      for i in 0..<n { lambda[i, i] = d.values[i] }
      #expect((a * d.vectors - d.vectors * lambda).maxAbs < 1e-12 * Double(n))
      #expect((d.vectors.gram() - Matrix.identity(n)).maxAbs < 1e-12 * Double(n))
    }
  }

  @Test func largestEigenpairsMatchTheFullDecomposition() throws {
    var rng = Xoshiro256StarStar(seed: 6)
    for (n, count) in [(1, 1), (5, 2), (12, 12), (40, 4), (60, 0)] {
      let r = randomMatrix(n, n, &rng)
      let a = r + r.transposed
      let full = try a.symmetricEigen()
      let top = try a.symmetricEigen(largest: count)
      #expect(top.values.count == count && top.vectors.columns == count && top.vectors.rows == n)
      for j in 0..<count {
        #expect(abs(top.values[j] - full.values[n - 1 - j]) < 1e-12 * Double(n))
        // A v = λ v for each returned pair, and the vectors are orthonormal.
        let v = Matrix(column: top.vectors.column(j))
        #expect((a * v - v * Matrix(rowMajor: [[top.values[j]]])).maxAbs < 1e-11 * Double(n))
      }
      if count > 0 { #expect((top.vectors.gram() - Matrix.identity(count)).maxAbs < 1e-12 * Double(n)) }
    }
    #expect(throws: LinearAlgebraError.self) { try Matrix.identity(3).symmetricEigen(largest: 4) }
    #expect(throws: LinearAlgebraError.self) { try Matrix.identity(3).symmetricEigen(largest: -1) }
  }

  @Test func svdReconstructsAndIsOrthogonal() throws {
    let known = try Matrix(rowMajor: [[3, 0], [0, -2]]).svd()
    #expect(abs(known.singularValues[0] - 3) < 1e-14 && abs(known.singularValues[1] - 2) < 1e-14)
    var rng = Xoshiro256StarStar(seed: 5)
    for (m, n) in [(1, 1), (5, 3), (3, 5), (30, 30), (50, 7)] {
      let a = randomMatrix(m, n, &rng)
      let s = try a.svd()
      let k = min(m, n)
      #expect(s.singularValues == s.singularValues.sorted(by: >))
      #expect(s.singularValues.allSatisfy { $0 >= 0 })
      var sigma = Matrix(rows: k, columns: k)
      for i in 0..<k { sigma[i, i] = s.singularValues[i] }
      #expect((s.u * sigma * s.vt - a).maxAbs < 1e-12 * Double(max(m, n)))
      #expect((s.u.gram() - Matrix.identity(k)).maxAbs < 1e-12 * Double(k))
      #expect((s.vt.gram(transpose: false) - Matrix.identity(k)).maxAbs < 1e-12 * Double(k))
    }
  }

  @Test func emptyMatrices() throws {
    #expect(try Matrix(rows: 0, columns: 0).symmetricEigen().values.isEmpty)
    #expect(try Matrix(rows: 0, columns: 3).svd().singularValues.isEmpty)
    #expect(try Matrix(rows: 0, columns: 0).solve(Matrix(rows: 0, columns: 1)).rows == 0)
  }

  @Test func threadControl() {
    let before = BLASThreads.count
    BLASThreads.set(1)
    #expect(BLASThreads.count == 1)
    BLASThreads.set(before)
  }
}

@Suite struct LUAndEigenTests {
  @Test func luSolvesMatchNaiveEliminationAndTransposes() throws {
    var rng = Xoshiro256StarStar(seed: 11)
    for trial in 0..<40 {
      let n = 1 + trial % 12
      let a = randomMatrix(n, n, &rng) + Matrix.identity(n)
      let b = randomMatrix(n, 3, &rng)
      let lu = try LUFactorization(a)
      let x = try lu.solve(b)
      let rows = (0..<n).map { a.row($0) }
      for c in 0..<3 {
        let reference = try #require(Naive.solve(rows, b.column(c)))
        for i in 0..<n { #expect(abs(x[i, c] - reference[i]) <= 1e-9 * max(1, abs(reference[i]))) }
      }
      // Aᵀ·y = b through the same factors.
      let y = try lu.solve(b.column(0), transpose: true)
      let reference = try #require(Naive.solve((0..<n).map { a.column($0) }, b.column(0)))
      for i in 0..<n { #expect(abs(y[i] - reference[i]) <= 1e-9 * max(1, abs(reference[i]))) }
      // The inverse times A is the identity.
      let identity = try lu.inverse() * a
      #expect((identity - Matrix.identity(n)).maxAbs < 1e-9)
    }
  }

  @Test func luRejectsSingularAndNonFinite() {
    #expect(throws: LinearAlgebraError.singular(pivot: 1)) { try LUFactorization(Matrix(rowMajor: [[1, 2], [2, 4]])) }
    #expect(throws: LinearAlgebraError.nonFinite("the matrix")) { try LUFactorization(Matrix(rowMajor: [[1, .nan], [0, 1]])) }
    #expect(throws: LinearAlgebraError.self) { try LUFactorization(Matrix(rows: 2, columns: 3)) }
  }

  @Test func eigenvaluesOfKnownMatrices() throws {
    // A rotation by 90° has eigenvalues ±i; a triangular matrix its diagonal.
    let rotation = try Matrix(rowMajor: [[0, -1], [1, 0]]).eigenvalues()
    #expect(rotation.real.allSatisfy { abs($0) < 1e-15 })
    #expect(Set(rotation.imaginary.map { $0.rounded() }) == [1, -1])
    #expect(abs(rotation.spectralRadius - 1) < 1e-15)
    let triangular = try Matrix(rowMajor: [[3, 1, 2], [0, -5, 1], [0, 0, 0.5]]).eigenvalues()
    #expect(triangular.real.sorted() == [-5, 0.5, 3])
    #expect(triangular.spectralRadius == 5)
    // The Haimes–Jiang matrix [[0, 0.8], [0.2, 0]] has eigenvalues ±0.4.
    #expect(abs(try Matrix(rowMajor: [[0, 0.8], [0.2, 0]]).eigenvalues().spectralRadius - 0.4) < 1e-15)
  }

  @Test func powerBySquaringMatchesRepeatedProducts() {
    var rng = Xoshiro256StarStar(seed: 5)
    let a = randomMatrix(6, 6, &rng)
    var product = Matrix.identity(6)
    for k in 0...13 {
      #expect((a.power(k) - product).maxAbs <= 1e-10 * max(1, product.maxAbs))
      product = product * a
    }
  }

  @Test func norms() {
    let a = Matrix(rowMajor: [[1, -2], [3, 4]])
    #expect(a.infinityNorm == 7)
    #expect(a.oneNorm == 6)
  }
}

@Suite struct SparseMatrixTests {
  @Test func tripletsAreSortedAndDuplicatesSummed() throws {
    let a = try SparseMatrix(
      rows: 3, columns: 3, rowIndices: [2, 0, 0, 2, 1, 0], columnIndices: [1, 2, 0, 1, 1, 2],
      values: [1, 2, 3, 4, 0, 5])
    #expect(a.rowStarts == [0, 2, 2, 3])
    #expect(a.columnIndices == [0, 2, 1])
    #expect(a.values == [3, 7, 5])
    #expect(a[0, 2] == 7 && a[1, 1] == 0 && a[2, 1] == 5)
    #expect(a.multiplied(by: [1, 2, 3]) == [24, 0, 10])
    #expect(SparseMatrix(a.dense) == a)
    #expect(throws: LinearAlgebraError.self) {
      try SparseMatrix(rows: 2, columns: 2, rowIndices: [2], columnIndices: [0], values: [1])
    }
    #expect(throws: LinearAlgebraError.nonFinite("entry 0 at (0, 0)")) {
      try SparseMatrix(rows: 2, columns: 2, rowIndices: [0], columnIndices: [0], values: [.infinity])
    }
  }

  /// A random nonnegative sparse matrix with row sums `rowSum` (so ρ ≤ rowSum).
  func randomStable(_ n: Int, perRow: Int, rowSum: Double, _ rng: inout Xoshiro256StarStar) throws -> SparseMatrix {
    var r: [Int] = []
    var c: [Int] = []
    var v: [Double] = []
    for i in 0..<n {
      let weights = (0..<perRow).map { _ in rng.nextUnitDouble() + 0.01 }
      let total = weights.reduce(0, +)
      for w in weights {
        r.append(i)
        c.append(Int(rng.next() % UInt64(n)))
        v.append(w / total * rowSum)
      }
    }
    return try SparseMatrix(rows: n, columns: n, rowIndices: r, columnIndices: c, values: v)
  }

  @Test(arguments: FixedPointMethod.allCases)
  func fixedPointSolversAgreeWithLU(method: FixedPointMethod) throws {
    var rng = Xoshiro256StarStar(seed: 17)
    for trial in 0..<30 {
      let n = 2 + trial * 3
      let a = try randomStable(n, perRow: 1 + trial % 5, rowSum: 0.5 + 0.45 * rng.nextUnitDouble(), &rng)
      let c = (0..<n).map { _ in rng.nextUnitDouble() }
      let solution = try a.solveFixedPoint(c, method: method, tolerance: 1e-13)
      let exact = try LUFactorization(Matrix.identity(n) - a.dense).solve(c)
      for i in 0..<n { #expect(abs(solution.x[i] - exact[i]) <= 1e-10 * max(1, abs(exact[i]))) }
      #expect(solution.residual <= 1e-13 * c.max()!)
      if method != .bicgstab { #expect(solution.contraction < 1) }  // Krylov residuals are not monotone
    }
  }

  @Test func bicgstabIsIdenticalForEveryThreadCount() throws {
    var rng = Xoshiro256StarStar(seed: 23)
    let a = try randomStable(30_000, perRow: 8, rowSum: 0.9, &rng)  // 240,000 entries: parallel products
    let c = (0..<30_000).map { _ in rng.nextUnitDouble() * 0.1 }
    let one = try a.solveFixedPoint(c, method: .bicgstab, tolerance: 1e-12, threads: 1)
    for threads in [2, 3, 7] {
      let many = try a.solveFixedPoint(c, method: .bicgstab, tolerance: 1e-12, threads: threads)
      #expect(many.x == one.x)
      #expect(many.iterations == one.iterations)
    }
    let exact = try a.solveFixedPoint(c, method: .gaussSeidel, tolerance: 1e-13)
    for i in 0..<30_000 { #expect(abs(one.x[i] - exact.x[i]) < 1e-10) }
  }

  @Test func divergenceIsReportedNotLooped() throws {
    // ρ = 1.2: the iterates grow; the solver says so instead of running forever.
    let a = SparseMatrix(Matrix(rowMajor: [[0, 1.2], [1, 0]]))
    // BiCGSTAB solves the linear system whatever ρ: x = (I − A)⁻¹·1 = [-11, -10].
    let krylov = try a.solveFixedPoint([1, 1], method: .bicgstab)
    #expect(abs(krylov.x[0] + 11) < 1e-9 && abs(krylov.x[1] + 10) < 1e-9)
    for method in [FixedPointMethod.jacobi, .gaussSeidel] {
      do {
        _ = try a.solveFixedPoint([1, 1], method: method, maxIterations: 10_000)
        Issue.record("expected divergence")
      } catch let LinearAlgebraError.notConverged(_, iterations, _, contraction) {
        #expect(iterations < 10_000)
        #expect(contraction >= 1)
      }
    }
    #expect(throws: LinearAlgebraError.singular(pivot: 0)) {
      try SparseMatrix(Matrix(rowMajor: [[1, 0], [0, 0]])).solveFixedPoint([1, 1])
    }
  }
}
