import Foundation
@testable import RensaCluster
import RensaLinearAlgebra
import Testing
import _RensaTestSupport

/// Random bit matrices with their row sets, for the property tests of this target.
func randomBinary(_ rows: Int, _ columns: Int, density: Double, _ rng: inout Xoshiro256StarStar) -> (BinaryMatrix, [Set<Int>]) {
  var m = BinaryMatrix(rowCount: rows, columnCount: columns)
  var sets = [Set<Int>](repeating: [], count: rows)
  for r in 0..<rows {
    for c in 0..<columns where rng.nextUnitDouble() < density {
      m[r, c] = true
      sets[r].insert(c)
    }
  }
  return (m, sets)
}
