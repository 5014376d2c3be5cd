import Foundation
@testable import RensaCluster
import RensaLinearAlgebra
import Testing
import _RensaTestSupport

@Suite struct BinaryDistanceTests {
  @Test(arguments: BinaryMetric.allCases)
  func kernelMatchesTheDefinitions(metric: BinaryMetric) throws {
    var rng = Xoshiro256StarStar(seed: 41)
    for trial in 0..<20 {
      let rows = 2 + trial * 7
      let columns = [1, 63, 64, 65, 130, 400][trial % 6]
      let (m, sets) = randomBinary(rows, columns, density: [0.02, 0.1, 0.5][trial % 3], &rng)
      let d: CondensedDistances<Double> = try m.distances(metric)
      let f: CondensedDistances<Float> = try m.distances(metric, as: Float.self)
      #expect(d.count == rows && d.values.count == rows * (rows - 1) / 2)
      for i in 0..<rows {
        for j in (i + 1)..<rows {
          let expected = Naive.binaryDistance(sets[i], sets[j], metric)
          #expect(abs(d[i, j] - expected) <= 1e-15)
          #expect(f[i, j] == Float(d[i, j]))
        }
      }
    }
  }

  @Test func resultsDoNotDependOnTheThreadCount() throws {
    var rng = Xoshiro256StarStar(seed: 5)
    let (m, _) = randomBinary(900, 400, density: 0.05, &rng)  // 404,550 pairs: parallel
    let one: CondensedDistances<Double> = try m.distances(.jaccard, threads: 1)
    for threads in [2, 3, 8] {
      let many: CondensedDistances<Double> = try m.distances(.jaccard, threads: threads)
      #expect(many.values == one.values)
    }
  }

  @Test func emptyRowsFollowTheStatedRule() throws {
    let m = BinaryMatrix(rows: [[false, false], [false, false], [true, false]])
    for metric in BinaryMetric.allCases {
      let d: CondensedDistances<Double> = try m.distances(metric)
      #expect(d[0, 1] == 0 && d[0, 2] == 1 && d[1, 2] == 1)
    }
    #expect(m.emptyRows == [0, 1])
  }

  @Test func memoryIsEstimatedFirst() {
    let m = BinaryMatrix(rowCount: 100_000, columnCount: 10)
    #expect(throws: MemoryLimitExceeded.self) { let _: CondensedDistances<Double> = try m.distances(.jaccard, memoryLimit: 1 << 30) }
  }

  @Test func condensedIndexingAndSquareForm() throws {
    let d = try CondensedDistances(values: [1.0, 2, 3, 4, 5, 6])
    #expect(d.count == 4)
    #expect(d[0, 1] == 1 && d[0, 3] == 3 && d[1, 2] == 4 && d[2, 3] == 6 && d[3, 2] == 6 && d[2, 2] == 0)
    for k in 0..<6 {
      let (i, j) = CondensedDistances<Double>.pair(ofIndex: k, count: 4)
      #expect(CondensedDistances<Double>.index(i, j, count: 4) == k)
    }
    let square = d.squareForm
    #expect(try CondensedDistances(squareForm: square).values == d.values)
    #expect(throws: ClusterError.self) { try CondensedDistances(values: [1.0, 2]) }
    #expect(throws: ClusterError.self) { try CondensedDistances(values: [1.0, .nan, 3]) }
    #expect(throws: ClusterError.self) { try CondensedDistances(values: [1.0, -2, 3]) }
  }
}
