import Foundation
@testable import RensaCluster
import RensaLinearAlgebra
import Testing
import _RensaTestSupport

@Suite struct LinkageTests {
  /// Random distances without ties.
  func randomDistances(_ n: Int, _ rng: inout Xoshiro256StarStar, euclidean: Bool) throws -> CondensedDistances<Double> {
    if euclidean {
      let points = Matrix(rows: n, columns: 3, columnMajor: (0..<(3 * n)).map { _ in rng.nextUnitDouble() * 10 })
      return try CondensedDistances.euclidean(points)
    }
    return try CondensedDistances(values: (0..<(n * (n - 1) / 2)).map { _ in rng.nextUnitDouble() * 100 })
  }

  @Test(arguments: LinkageMethod.allCases)
  func matchesTheTextbookAgglomeration(method: LinkageMethod) throws {
    var rng = Xoshiro256StarStar(seed: 77)
    let euclidean = [.centroid, .median, .ward].contains(method)
    for trial in 0..<25 {
      let n = 2 + trial * 2
      let d = try randomDistances(n, &rng, euclidean: euclidean)
      let z = try Linkage(d, method: method)
      #expect(z.merges.count == n - 1)
      let reference = Naive.agglomerate(Naive.rows(d.squareForm), method: method)
      // Heights in merge order (monotone methods: sorted, the same order).
      for (k, m) in z.merges.enumerated() {
        #expect(abs(m.distance - reference[k].height) <= 1e-12 * max(1, reference[k].height))
      }
      // The same clusters at every level: merge k forms exactly the reference's set.
      var members: [Set<Int>] = (0..<n).map { [$0] }
      for (k, m) in z.merges.enumerated() {
        let formed = members[m.left].union(members[m.right])
        #expect(formed == reference[k].members)
        #expect(formed.count == m.size)
        members.append(formed)
      }
    }
  }

  @Test func cutsCopheneticAndLeafOrder() throws {
    var rng = Xoshiro256StarStar(seed: 9)
    let d = try randomDistances(30, &rng, euclidean: true)
    for method in LinkageMethod.allCases {
      let z = try Linkage(d, method: method)
      for k in 1...30 {
        let labels = z.clusters(count: k)
        if [.centroid, .median].contains(method) {
          // Inversions: a cut by the largest height below can leave fewer (as scipy).
          #expect(Set(labels).count <= k)
        } else {
          #expect(Set(labels).count == k)  // no ties in random data
        }
        #expect(labels.first == 1)
      }
      let coph = z.copheneticDistances
      // Two observations share a cluster at threshold t iff their cophenetic distance ≤ t
      // (monotone methods; for centroid/median the max-distance criterion).
      if ![.centroid, .median].contains(method) {
        let t = z.merges[20].distance
        let labels = z.clusters(threshold: t)
        for i in 0..<30 { for j in (i + 1)..<30 { #expect((labels[i] == labels[j]) == (coph[i, j] <= t)) } }
      }
      #expect(Set(z.leafOrder) == Set(0..<30) && z.leafOrder.count == 30)
      let c = z.copheneticCorrelation(d)
      #expect(c > 0 && c <= 1)
    }
    // Single linkage's cophenetic distances are the minimax path distances: an ultrametric
    // below the original distances.
    let single = try Linkage(d, method: .single)
    let coph = single.copheneticDistances
    for k in d.values.indices { #expect(coph.values[k] <= d.values[k]) }
  }

  @Test func theHelperThreadChangesNothing() throws {
    // n ≥ 4,096 engages the second thread; Jaccard distances of binary rows are full of ties.
    var rng = Xoshiro256StarStar(seed: 31)
    let (m, _) = randomBinary(4_200, 64, density: 0.05, &rng)
    let d: CondensedDistances<Double> = try m.distances(.jaccard)
    for method in [LinkageMethod.average, .ward, .complete] {
      // Neighbour lists in tiles (from 4,096 rows), on two threads and one, and the
      // scanning chain in condensed order: one linkage.
      let listing = try Linkage(d, method: method, threads: 2)
      #expect(listing == (try Linkage(d, method: method, threads: 1)))
      #expect(listing == (try Linkage(d, method: method, threads: 1, listsFrom: .max)))
    }
  }

  /// The chain with neighbour lists in tiles (taken from 4,096 observations) and the
  /// chain that scans every time in condensed order (below that) both give exactly
  /// scipy's linkage matrix — the reference transliterates scipy's `nn_chain`, stable
  /// sort and `label` — on distances full of ties (a few distinct values), at sizes
  /// that exercise the tiles' padding (n mod 4) and lists that empty and fill again.
  @Test func neighbourListsGiveScipysLinkageExactly() throws {
    var rng = Xoshiro256StarStar(seed: 41)
    for trial in 0..<160 {
      let n = 2 + Int(rng.next() % 70)
      let levels = 1 + rng.next() % 6
      let values = (0..<(n * (n - 1) / 2)).map { _ in Double(rng.next() % levels) / Double(levels) }
      let d = try CondensedDistances(values: values)
      for method in [LinkageMethod.complete, .average, .weighted, .ward] {
        let reference = Naive.scipyNearestNeighbourChain(values, n: n, method: method)
        let scanning = try Linkage(d, method: method, threads: 1, listsFrom: .max)
        let listing = try Linkage(d, method: method, threads: 1, listsFrom: 0)
        #expect(scanning.scipyMatrix == reference, "trial \(trial), \(method), scanning")
        #expect(listing.scipyMatrix == reference, "trial \(trial), \(method), lists")
      }
      // Single-precision distances are widened as they are copied into the tiles.
      let narrow = values.map { Float($0) }
      let f = try CondensedDistances(values: narrow)
      let widened = narrow.map { Double($0) }
      for method in [LinkageMethod.average, .ward] {
        let reference = Naive.scipyNearestNeighbourChain(widened, n: n, method: method)
        #expect(try Linkage(f, method: method, threads: 1, listsFrom: 0).scipyMatrix == reference, "trial \(trial), Float")
      }
    }
  }

  @Test func linkageMatrixRoundTripsAndErrors() throws {
    let d = try CondensedDistances(values: [1.0, 2, 3])
    let z = try Linkage(d, method: .average)
    #expect(try Linkage(scipyMatrix: z.scipyMatrix, method: .average) == z)
    #expect(throws: ClusterError.self) { try Linkage(scipyMatrix: [[0, 0, 1, 2]], method: .single) }
    #expect(throws: ClusterError.tooFewObservations(needed: 2, got: 1)) {
      try Linkage(try CondensedDistances<Double>(values: []), method: .single)
    }
  }
}
