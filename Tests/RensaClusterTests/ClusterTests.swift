import Foundation
@testable import RensaCluster
import RensaLinearAlgebra
import Testing
import _RensaTestSupport

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


/// scipy's own test vectors (`scipy/cluster/tests/hierarchy_test_data.py`), read from the
/// installed scipy of the peer virtualenv when it is there.
enum ScipyTestData {
  static let file: URL? = {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    let lib = root.appendingPathComponent("Benchmarks/Peers/.venv/lib")
    guard let versions = try? FileManager.default.contentsOfDirectory(atPath: lib.path) else { return nil }
    for v in versions.sorted() {
      let url = lib.appendingPathComponent("\(v)/site-packages/scipy/cluster/tests/hierarchy_test_data.py")
      if FileManager.default.fileExists(atPath: url.path) { return url }
    }
    return nil
  }()

  /// The numbers of the assignment `name = array(...)` or `name = {` … `}` entry.
  static func numbers(_ name: String, in text: String) -> [Double] {
    guard let start = text.range(of: "\n\(name) = ") else { return [] }
    let rest = text[start.upperBound...]
    var depth = 0
    var end = rest.startIndex
    for index in rest.indices {
      let ch = rest[index]
      if ch == "(" || ch == "[" || ch == "{" { depth += 1 }
      if ch == ")" || ch == "]" || ch == "}" {
        depth -= 1
        if depth == 0 {
          end = rest.index(after: index)
          break
        }
      }
    }
    let body = String(rest[rest.startIndex..<end]).replacingOccurrences(of: "array", with: "")
    var out: [Double] = []
    var token = ""
    for ch in body + " " {
      if ch.isNumber || ch == "." || ch == "-" || ch == "e" || ch == "+" {
        token.append(ch)
      } else {
        if let v = Double(token) { out.append(v) }
        token = ""
      }
    }
    return out
  }

  static func rows(_ values: [Double], width: Int) -> [[Double]] {
    stride(from: 0, to: values.count, by: width).map { Array(values[$0..<($0 + width)]) }
  }
}

@Suite(.enabled(if: ScipyTestData.file != nil, "skipped: scipy's test data not installed (run Benchmarks/Peers/setup.sh)"))
struct ScipyTestVectorTests {
  let text = try! String(contentsOf: ScipyTestData.file!, encoding: .utf8)

  func expectLinkage(_ z: Linkage, _ expected: [[Double]]) {
    #expect(z.merges.count == expected.count)
    for (m, row) in zip(z.merges, expected) {
      #expect(Double(m.left) == row[0] && Double(m.right) == row[1] && Double(m.size) == row[3])
      // The file prints 8 decimals.
      #expect(abs(m.distance - row[2]) <= 5e-9 * max(1, row[2]))
    }
  }

  @Test func ytdistSingleCompleteAverageWeighted() throws {
    let y = try CondensedDistances(values: ScipyTestData.numbers("ytdist", in: text))
    #expect(y.count == 6)
    for method in [LinkageMethod.single, .complete, .average, .weighted] {
      let expected = ScipyTestData.rows(ScipyTestData.numbers("linkage_ytdist_\(method.rawValue)", in: text), width: 4)
      #expect(expected.count == 5)
      expectLinkage(try Linkage(y, method: method), expected)
    }
  }

  @Test func optimalLeafOrderingEqualsScipys() throws {
    let y = try CondensedDistances(values: ScipyTestData.numbers("ytdist", in: text))
    let single = try Linkage(y, method: .single).optimalLeafOrdering(y)
    expectLinkage(single, ScipyTestData.rows(ScipyTestData.numbers("linkage_ytdist_single_olo", in: text), width: 4))
    let x = ScipyTestData.rows(ScipyTestData.numbers("X", in: text), width: 2)
    let d = try CondensedDistances.euclidean(Matrix(rowMajor: x))
    let ward = try Linkage(d, method: .ward).optimalLeafOrdering(d)
    expectLinkage(ward, ScipyTestData.rows(ScipyTestData.numbers("linkage_X_ward_olo", in: text), width: 4))
    // scipy's reordered matrix reads back with its children in their order.
    #expect(try Linkage(scipyMatrix: ward.scipyMatrix, method: .ward) == ward)
  }

  @Test func euclideanCentroidMedianWard() throws {
    let x = ScipyTestData.rows(ScipyTestData.numbers("X", in: text), width: 2)
    #expect(x.count == 6)
    let d = try CondensedDistances.euclidean(Matrix(rowMajor: x))
    for method in [LinkageMethod.centroid, .median, .ward] {
      let expected = ScipyTestData.rows(ScipyTestData.numbers("linkage_X_\(method.rawValue)", in: text), width: 4)
      expectLinkage(try Linkage(d, method: method), expected)
    }
  }

  /// Same partition up to renaming (scipy's `is_isomorphic`).
  func isomorphic(_ a: [Int], _ b: [Int]) -> Bool {
    guard a.count == b.count else { return false }
    var forward: [Int: Int] = [:]
    var backward: [Int: Int] = [:]
    for (x, y) in zip(a, b) {
      if let f = forward[x], f != y { return false }
      if let g = backward[y], g != x { return false }
      forward[x] = y
      backward[y] = x
    }
    return true
  }

  @Test func fclusterByDistanceAndMaxclust() throws {
    let q = ScipyTestData.rows(ScipyTestData.numbers("Q_X", in: text), width: 3)
    #expect(q.count == 30)
    let z = try Linkage(try CondensedDistances.euclidean(Matrix(rowMajor: q)), method: .single)
    for (criterion, cut) in [("fcluster_distance", { (t: Double) in z.clusters(threshold: t) }),
                             ("fcluster_maxclust", { (t: Double) in z.clusters(count: Int(t)) })] {
      // Entries "t: array([...])": the first number is t, then 30 labels.
      let values = ScipyTestData.numbers(criterion, in: text)
      #expect(values.count == 3 * 31)
      for entry in ScipyTestData.rows(values, width: 31) {
        let expected = entry.dropFirst().map { Int($0) }
        #expect(isomorphic(cut(entry[0]), expected), "\(criterion) t = \(entry[0])")
      }
    }
  }
}

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
