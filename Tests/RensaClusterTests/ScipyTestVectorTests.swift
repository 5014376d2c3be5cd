import Foundation
@testable import RensaCluster
import RensaLinearAlgebra
import Testing
import _RensaTestSupport

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
