import Foundation
@testable import RensaCluster
import RensaLinearAlgebra
import Testing
import _RensaTestSupport

@Suite struct OptimalLeafOrderingTests {
  @Test func reachesTheEnumeratedOptimum() throws {
    var rng = Xoshiro256StarStar(seed: 31)
    for trial in 0..<40 {
      let n = 3 + trial % 7
      var d = [[Double]](repeating: [Double](repeating: 0, count: n), count: n)
      var values: [Double] = []
      for i in 0..<n {
        for j in (i + 1)..<n {
          // Some ties (values on a grid of 8) and some distinct values.
          let v = trial % 2 == 0 ? (rng.nextUnitDouble() * 8).rounded() / 8 : rng.nextUnitDouble()
          d[i][j] = v
          d[j][i] = v
          values.append(v)
        }
      }
      let y = try CondensedDistances(values: values)
      for method in LinkageMethod.allCases {
        let z = try Linkage(y, method: method)
        let ordered = try z.optimalLeafOrdering(y)
        let optimum = Naive.optimalLeafOrderCost(z, d)
        #expect(abs(ordered.leafOrderCost(y) - optimum) <= 1e-12, "trial \(trial), \(method)")
        #expect(ordered.leafOrderCost(y) <= z.leafOrderCost(y) + 1e-12)
        // The same tree: merges equal up to the order of their two children.
        #expect(zip(ordered.merges, z.merges).allSatisfy { a, b in
          Set([a.left, a.right]) == Set([b.left, b.right]) && a.distance == b.distance && a.size == b.size
        })
        #expect(ordered.merges.last!.left == z.merges.last!.left)  // the root keeps its sides
        #expect(ordered.clusters(count: 2) == z.clusters(count: 2))
        #expect(Set(ordered.leafOrder) == Set(0..<n))
      }
    }
  }

  @Test func scipyIssue11227IsOptimalHere() throws {
    // scipy issue #11227: optimal_leaf_ordering on this complete linkage returns an order
    // whose neighbour sum exceeds that of 0, 1, 2, 3 (the optimum, 1.5175).
    let y = try CondensedDistances<Double>(values: [0.46680166, 0.7747411, 0.79942054, 0.28626558, 0.68441929, 0.74692541])
    let ordered = try Linkage(y, method: .complete).optimalLeafOrdering(y)
    #expect(ordered.leafOrder == [0, 1, 2, 3] || ordered.leafOrder == [3, 2, 1, 0])
    #expect(abs(ordered.leafOrderCost(y) - (0.46680166 + 0.28626558 + 0.74692541)) < 1e-12)
  }

  @Test func refusesMismatchedDistancesAndLargeInputs() throws {
    let y = try CondensedDistances<Double>(values: [1, 2, 3])
    let z = try Linkage(y, method: .average)
    #expect(throws: ClusterError.self) { try z.optimalLeafOrdering(try CondensedDistances<Double>(values: [1])) }
    do {
      _ = try z.optimalLeafOrdering(y, memoryLimit: 100)
      Issue.record("no error")
    } catch {
      #expect(error.description.contains("optimal leaf ordering of 3 observations"))
    }
    #expect(try z.optimalLeafOrdering(y, memoryLimit: 144).observationCount == 3)
  }
}
