import Foundation
@testable import RensaCluster
import RensaLinearAlgebra
import Testing
import _RensaTestSupport

@Suite struct WeightedDistanceTests {
  @Test func cosineAndWeightedJaccardMatchTheDefinitions() throws {
    var rng = Xoshiro256StarStar(seed: 12)
    for trial in 0..<15 {
      let n = 2 + trial
      let f = 1 + trial % 7
      var w = Matrix(rows: n, columns: f)
      for i in 0..<n { for j in 0..<f where rng.nextUnitDouble() < 0.6 { w[i, j] = rng.nextUnitDouble() * 10 } }
      if trial % 3 == 0 { for j in 0..<f { w[0, j] = 0 } }  // an empty row
      let cosine = try CondensedDistances.weighted(w, .cosine)
      let ruzicka = try CondensedDistances.weighted(w, .weightedJaccard)
      for i in 0..<n {
        for j in (i + 1)..<n {
          let x = w.row(i)
          let y = w.row(j)
          let dot = zip(x, y).reduce(0) { $0 + $1.0 * $1.1 }
          let nx = x.reduce(0) { $0 + $1 * $1 }.squareRoot()
          let ny = y.reduce(0) { $0 + $1 * $1 }.squareRoot()
          let expectedCosine = nx == 0 && ny == 0 ? 0 : (nx == 0 || ny == 0 ? 1 : max(0, 1 - dot / (nx * ny)))
          #expect(abs(cosine[i, j] - expectedCosine) < 1e-12)
          let low = zip(x, y).reduce(0) { $0 + min($1.0, $1.1) }
          let high = zip(x, y).reduce(0) { $0 + max($1.0, $1.1) }
          #expect(abs(ruzicka[i, j] - (high > 0 ? 1 - low / high : 0)) < 1e-15)
        }
      }
    }
    #expect(throws: ClusterError.self) { try CondensedDistances.weighted(Matrix(rowMajor: [[1, -1], [0, 1]]), .cosine) }
    #expect(throws: ClusterError.self) { try CondensedDistances.weighted(Matrix(rowMajor: [[1, .nan], [0, 1]]), .weightedJaccard) }
  }

  @Test func binaryCosineEqualsWeightedCosineOnZeroOneRows() throws {
    var rng = Xoshiro256StarStar(seed: 3)
    let (m, sets) = randomBinary(20, 30, density: 0.3, &rng)
    var w = Matrix(rows: 20, columns: 30)
    for (i, s) in sets.enumerated() { for j in s { w[i, j] = 1 } }
    let a: CondensedDistances<Double> = try m.distances(.cosine)
    let b = try CondensedDistances.weighted(w, .cosine)
    for k in a.values.indices { #expect(abs(a.values[k] - b.values[k]) < 1e-12) }
  }
}
