import Foundation
@testable import RensaCluster
import RensaLinearAlgebra
import Testing
import _RensaTestSupport

@Suite struct FrequentItemsetTests {
  @Test func matchesExhaustiveEnumeration() throws {
    var rng = Xoshiro256StarStar(seed: 23)
    for trial in 0..<30 {
      let n = 5 + trial * 7
      let m = 4 + trial % 9
      let (matrix, sets) = randomBinary(n, m, density: 0.2 + 0.02 * Double(trial % 10), &rng)
      let support = 1 + trial % 4
      let size = 1 + trial % 4
      let got = try FrequentItemsets.mine(matrix, minimumSupport: support, maxSize: size)
      let expected = Naive.frequentItemsets(sets, columns: m, minimumSupport: support, maxSize: size)
      #expect(got.count == expected.count, "trial \(trial)")
      let byItems = Dictionary(uniqueKeysWithValues: got.map { ($0.items, $0) })
      for e in expected {
        guard let g = byItems[e.items] else {
          Issue.record("trial \(trial): \(e.items) missing")
          continue
        }
        #expect(g.rows == e.rows)
        let share = Double(e.rows.count) / Double(n)
        let independent = e.items.reduce(1.0) { p, c in p * Double(sets.filter { $0.contains(c) }.count) / Double(n) }
        #expect(abs(g.lift - share / independent) <= 1e-12 * max(1, g.lift))
        if e.items.count > 1 {
          let best = e.items.indices.map { drop -> Double in
            var rest = e.items
            rest.remove(at: drop)
            let restRows = sets.filter { s in rest.allSatisfy { s.contains($0) } }.count
            return Double(e.rows.count) / Double(restRows)
          }.max()!
          #expect(abs(g.confidence - best) < 1e-12)
        }
      }
      // Ordered by size, then support.
      for (x, y) in zip(got, got.dropFirst()) {
        #expect(x.items.count < y.items.count || (x.items.count == y.items.count && x.support >= y.support))
      }
    }
  }

  @Test func worksAcrossWordBoundariesAndRefusesHugeAnswers() throws {
    // 130 rows: bitsets of three words; items 0 and 1 always together, item 2 in every other row.
    var m = BinaryMatrix(rowCount: 130, columnCount: 3)
    for r in 0..<130 {
      if r % 3 == 0 {
        m[r, 0] = true
        m[r, 1] = true
      }
      if r % 2 == 0 { m[r, 2] = true }
    }
    let sets = try FrequentItemsets.mine(m, minimumSupport: 20, maxSize: 3)
    let pair = try #require(sets.first { $0.items == [0, 1] })
    #expect(pair.support == 44 && abs(pair.lift - 130.0 / 44) < 1e-12 && pair.confidence == 1)
    let triple = try #require(sets.first { $0.items == [0, 1, 2] })
    #expect(triple.rows == stride(from: 0, to: 130, by: 6).map { $0 })
    #expect(throws: ClusterError.self) { try FrequentItemsets.mine(m, minimumSupport: 0) }
    #expect(throws: ClusterError.self) { try FrequentItemsets.mine(m, minimumSupport: 1, maxSize: 0) }
    #expect(throws: ClusterError.self) { try FrequentItemsets.mine(m, minimumSupport: 1, maxSize: 3, limit: 2) }
    #expect(try FrequentItemsets.mine(BinaryMatrix(rowCount: 0, columnCount: 0), minimumSupport: 1).isEmpty)
  }

  @Test func adjustedRandIndexMatchesScikitLearn() {
    // Values from sklearn.metrics.adjusted_rand_score.
    #expect(abs(adjustedRandIndex([0, 0, 1, 1], [0, 0, 1, 2]) - 0.5714285714285714) < 1e-15)
    #expect(abs(adjustedRandIndex([0, 0, 0, 1, 1, 1, 2, 2], [1, 1, 0, 0, 2, 2, 2, 2]) - 0.18181818181818182) < 1e-15)
    #expect(adjustedRandIndex([0, 1, 2, 3], [0, 0, 0, 0]) == 0)
    #expect(abs(adjustedRandIndex([5, 5, 7, 7, 9, 9, 9, 1, 1, 1], [0, 0, 0, 1, 1, 1, 2, 2, 2, 2]) - 0.3644067796610169) < 1e-15)
    #expect(adjustedRandIndex([3, 3, 1, 2], [0, 0, 7, 9]) == 1)
  }
}
