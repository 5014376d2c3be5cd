import Foundation
@testable import RensaCluster
import RensaLinearAlgebra
import Testing
import _RensaTestSupport

@Suite struct CoclusteringTests {
  /// k planted blocks: rows r and columns c of block b are linked with probability
  /// `inside`, others with `outside`; rows and columns shuffled.
  func planted(_ k: Int, rows: Int, columns: Int, inside: Double, outside: Double, seed: UInt64)
    -> (Matrix, [Int], [Int])
  {
    var rng = Xoshiro256StarStar(seed: seed)
    let rowBlock = (0..<rows).map { _ in Int(rng.next() % UInt64(k)) }
    let columnBlock = (0..<columns).map { _ in Int(rng.next() % UInt64(k)) }
    var a = Matrix(rows: rows, columns: columns)
    for i in 0..<rows {
      for j in 0..<columns where rng.nextUnitDouble() < (rowBlock[i] == columnBlock[j] ? inside : outside) { a[i, j] = 1 }
    }
    return (a, rowBlock, columnBlock)
  }

  func samePartition(_ a: [Int], _ b: [Int]) -> Bool {
    var forward: [Int: Int] = [:]
    var backward: [Int: Int] = [:]
    for (x, y) in zip(a, b) {
      if forward[x, default: y] != y || backward[y, default: x] != x { return false }
      forward[x] = y
      backward[y] = x
    }
    return a.count == b.count
  }

  @Test func wellSeparatedBlocksAreRecovered() throws {
    for (k, seed) in [(2, UInt64(1)), (3, 2), (4, 5), (5, 3)] {
      let (a, rows, columns) = planted(k, rows: 60 * k, columns: 40 * k, inside: 0.6, outside: 0.02, seed: seed)
      let result = try SpectralCoclustering.fit(a, clusters: k, seed: 7)
      #expect(samePartition(result.rowLabels, rows), "rows, k = \(k)")
      #expect(samePartition(result.columnLabels, columns), "columns, k = \(k)")
      // The same seed gives the same labels.
      #expect(try SpectralCoclustering.fit(a, clusters: k, seed: 7) == result)
    }
  }

  /// Each column of `got` equals the same column of `expected` or its negative.
  func equalUpToSigns(_ got: Matrix, _ expected: Matrix, tolerance: Double) -> Bool {
    guard got.rows == expected.rows && got.columns == expected.columns else { return false }
    for c in 0..<got.columns {
      let sign: Double = zip(got.column(c), expected.column(c)).reduce(0) { $0 + $1.0 * $1.1 } < 0 ? -1 : 1
      let scale = max(expected.column(c).map(abs).max() ?? 0, 1e-300)
      for i in 0..<got.rows where abs(got[i, c] - sign * expected[i, c]) > tolerance * scale { return false }
    }
    return true
  }

  @Test func embeddingMatchesTheFullSVD() throws {
    // Dense and sparse inputs, more rows than columns and more columns than rows,
    // against dgesdd of the scaled matrix (the textbook route) up to signs.
    var rng = Xoshiro256StarStar(seed: 41)
    var compared = 0
    for trial in 0..<24 {
      let (n, m) = trial % 2 == 0 ? (30 + trial * 3, 12 + trial) : (10 + trial, 40 + trial * 2)
      let k = 2 + trial % 7
      let density = [0.15, 0.4, 1.0][trial % 3]
      var a = Matrix(rows: n, columns: m)
      for i in 0..<n { for j in 0..<m where rng.nextUnitDouble() < density { a[i, j] = trial % 4 < 2 ? 1 : rng.nextUnitDouble() * 5 } }
      let expected = try Naive.coclusterEmbedding(a, clusters: k)
      // Only compare where the singular values are well separated (else the vectors
      // are not determined, in any SVD).
      var scaled = a
      let rs = (0..<n).map { i in (0..<m).reduce(0.0) { $0 + a[i, $1] } }
      let cs = (0..<m).map { j in (0..<n).reduce(0.0) { $0 + a[$1, j] } }
      for i in 0..<n { for j in 0..<m where a[i, j] != 0 { scaled[i, j] = a[i, j] / (rs[i] * cs[j]).squareRoot() } }
      let sv = try scaled.svd().singularValues
      let needed = expected.columns + 2
      let gap = (1..<min(needed, sv.count)).map { sv[$0 - 1] - sv[$0] }.min() ?? 1
      guard gap > 1e-6 else { continue }
      let dense = try SpectralCoclustering.embedding(a, clusters: k)
      let sparse = try SpectralCoclustering.embedding(SparseMatrix(a), clusters: k)
      #expect(equalUpToSigns(dense, expected, tolerance: 1e-7), "dense, trial \(trial)")
      #expect(equalUpToSigns(sparse, expected, tolerance: 1e-7), "sparse, trial \(trial)")
      compared += 1
    }
    #expect(compared >= 16, "only \(compared) of 24 random matrices had separated singular values")
  }

  @Test func binarySparseAndDenseInputsAgree() throws {
    let (a, rows, columns) = planted(4, rows: 300, columns: 120, inside: 0.6, outside: 0.02, seed: 9)
    var bits = BinaryMatrix(rowCount: a.rows, columnCount: a.columns)
    for i in 0..<a.rows { for j in 0..<a.columns where a[i, j] != 0 { bits[i, j] = true } }
    let fromBits = try SpectralCoclustering.fit(bits, clusters: 4, seed: 3)
    let fromDense = try SpectralCoclustering.fit(a, clusters: 4, seed: 3)
    #expect(samePartition(fromBits.rowLabels, rows))
    #expect(samePartition(fromBits.columnLabels, columns))
    #expect(samePartition(fromDense.rowLabels, fromBits.rowLabels))
    #expect(abs(fromDense.inertia - fromBits.inertia) <= 1e-9 * fromDense.inertia)
    // The transpose co-clusters the same way, rows and columns swapped.
    let flipped = try SpectralCoclustering.fit(SparseMatrix(a.transposed), clusters: 4, seed: 3)
    #expect(samePartition(flipped.rowLabels, columns))
    #expect(samePartition(flipped.columnLabels, rows))
  }

  @Test func resultDoesNotDependOnTheThreadCount() throws {
    var rng = Xoshiro256StarStar(seed: 8)
    var a = Matrix(rows: 200, columns: 50)
    for i in 0..<200 { for j in 0..<50 where rng.nextUnitDouble() < 0.1 { a[i, j] = 1 } }
    let one = try SpectralCoclustering.fit(a, clusters: 5, seed: 11, threads: 1)
    for threads in [2, 3, 8] { #expect(try SpectralCoclustering.fit(a, clusters: 5, seed: 11, threads: threads) == one) }
    #expect(try SpectralCoclustering.fit(a, clusters: 5, seed: 12, threads: 1) != one)
  }

  @Test func memoryLimitIsCheckedFirst() {
    let a = try! SparseMatrix(rows: 3000, columns: 2000, rowIndices: [0, 1], columnIndices: [0, 1], values: [1, 1])
    do {
      _ = try SpectralCoclustering.fit(a, clusters: 2, memoryLimit: 1 << 20)
      Issue.record("no error")
    } catch {
      guard case .memoryLimitExceeded(let e) = error else { Issue.record("wrong error \(error)"); return }
      #expect(e.bytesNeeded == 2000 * 2000 * 24)
      #expect(error.description.contains("2000 × 2000 Gram matrix"))
    }
  }

  @Test func badInput() {
    #expect(throws: ClusterError.self) { try SpectralCoclustering.fit(Matrix(rowMajor: [[1, -1], [0, 1]]), clusters: 2) }
    #expect(throws: ClusterError.self) { try SpectralCoclustering.fit(Matrix(rowMajor: [[1, 0], [0, 1]]), clusters: 3) }
    #expect(throws: ClusterError.self) { try SpectralCoclustering.fit(Matrix(rowMajor: [[1, .nan], [0, 1]]), clusters: 2) }
  }

  @Test func kMeansFindsSeparatedGroups() {
    var rng = Xoshiro256StarStar(seed: 2)
    var points = Matrix(rows: 300, columns: 2)
    var truth: [Int] = []
    for i in 0..<300 {
      let g = i % 3
      truth.append(g)
      points[i, 0] = Double(g * 10) + rng.nextUnitDouble()
      points[i, 1] = Double((g % 2) * 10) + rng.nextUnitDouble()
    }
    let result = KMeans.fit(points, clusters: 3, seed: 1)
    #expect(samePartition(result.labels, truth))
    #expect(result.inertia < 300 * 0.5)
  }
}
