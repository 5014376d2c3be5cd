/// Silhouette scores (Rousseeuw 1987) of a flat clustering, for choosing the number
/// of clusters. For observation i in cluster C: a = mean distance to the other members
/// of C, b = the smallest mean distance to the members of another cluster, and
/// s = (b − a) / max(a, b); s = 0 for a member of a singleton (as scikit-learn).
public enum Silhouette {
  /// Per-observation scores and their mean.
  ///
  /// - Throws: ``ClusterError/invalidParameter(_:)`` unless 2 ≤ number of clusters ≤ n − 1
  ///   and `labels` has one entry per observation.
  /// - Complexity: O(n²).
  public static func scores<S>(labels: [Int], distances: CondensedDistances<S>) throws(ClusterError) -> (scores: [Double], mean: Double) {
    let n = distances.count
    guard labels.count == n else { throw .invalidParameter("\(labels.count) labels for \(n) observations") }
    var ids: [Int: Int] = [:]
    let cluster = labels.map { l in
      if let c = ids[l] { return c }
      ids[l] = ids.count
      return ids.count - 1
    }
    let k = ids.count
    guard k >= 2 && k <= n - 1 else { throw .invalidParameter("silhouettes need 2 ≤ clusters ≤ n − 1, got \(k) clusters of \(n)") }
    var sizes = [Int](repeating: 0, count: k)
    for c in cluster { sizes[c] += 1 }
    var sums = [Double](repeating: 0, count: n * k)  // sums[i * k + c]: Σ d(i, j), j in c
    distances.values.withUnsafeBufferPointer { d in
      var index = 0
      for i in 0..<n {
        for j in (i + 1)..<max(i + 1, n) {
          let v = Double(d[index])
          sums[i * k + cluster[j]] += v
          sums[j * k + cluster[i]] += v
          index += 1
        }
      }
    }
    var scores = [Double](repeating: 0, count: n)
    for i in 0..<n {
      let own = cluster[i]
      guard sizes[own] > 1 else { continue }
      let a = sums[i * k + own] / Double(sizes[own] - 1)
      var b = Double.infinity
      for c in 0..<k where c != own && sizes[c] > 0 { b = min(b, sums[i * k + c] / Double(sizes[c])) }
      let m = max(a, b)
      scores[i] = m > 0 ? (b - a) / m : 0
    }
    return (scores, scores.reduce(0, +) / Double(n))
  }
}

extension Linkage {
  /// The mean silhouette of the cut into k clusters, for each k in `counts` whose cut
  /// has between 2 and n − 1 clusters (others are left out).
  public func silhouetteProfile<S>(_ distances: CondensedDistances<S>, counts: ClosedRange<Int>) -> [(clusters: Int, silhouette: Double)] {
    counts.compactMap { k in
      let labels = clusters(count: k)
      let found = Set(labels).count
      guard found == k, let s = try? Silhouette.scores(labels: labels, distances: distances) else { return nil }
      return (k, s.mean)
    }
  }
}
