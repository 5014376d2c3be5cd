import Foundation
@testable import RensaCluster
import RensaLinearAlgebra
import Testing
import _RensaTestSupport

@Suite struct SilhouetteTests {
  @Test func matchesTheDefinition() throws {
    var rng = Xoshiro256StarStar(seed: 19)
    for trial in 0..<10 {
      let n = 8 + trial * 3
      let points = Matrix(rows: n, columns: 2, columnMajor: (0..<(2 * n)).map { _ in rng.nextUnitDouble() * 10 })
      let d = try CondensedDistances.euclidean(points)
      let k = 2 + trial % 4
      let labels = (0..<n).map { $0 % k }
      let result = try Silhouette.scores(labels: labels, distances: d)
      for i in 0..<n {
        let own = (0..<n).filter { $0 != i && labels[$0] == labels[i] }
        let a = own.map { d[i, $0] }.reduce(0, +) / Double(own.count)
        var b = Double.infinity
        for c in 0..<k where c != labels[i] {
          let members = (0..<n).filter { labels[$0] == c }
          b = min(b, members.map { d[i, $0] }.reduce(0, +) / Double(members.count))
        }
        #expect(abs(result.scores[i] - (b - a) / max(a, b)) < 1e-12)
      }
    }
    // Two tight, distant groups score near 1; the profile prefers k = 2.
    let points = Matrix(rowMajor: [[0, 0], [0, 1], [1, 0], [100, 100], [100, 101], [101, 100]])
    let d = try CondensedDistances.euclidean(points)
    let z = try Linkage(d, method: .average)
    let profile = z.silhouetteProfile(d, counts: 2...4)
    #expect(profile.first?.clusters == 2 && profile.first!.silhouette > 0.98)
    #expect(profile.allSatisfy { $0.silhouette <= profile[0].silhouette })
    #expect(throws: ClusterError.self) { try Silhouette.scores(labels: [0, 0, 0, 0, 0, 0], distances: d) }
  }
}
