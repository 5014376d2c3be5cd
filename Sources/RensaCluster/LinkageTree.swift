/// Cuts, cophenetic distances and leaf order of a ``Linkage``.
extension Linkage {
  /// The two clusters merged into cluster `id`; nil for an observation.
  func children(_ id: Int) -> (Int, Int)? {
    id < observationCount ? nil : (merges[id - observationCount].left, merges[id - observationCount].right)
  }

  /// For each merge, the largest height in its subtree (scipy's `maxdists`): equal to
  /// the merge's own height for monotone linkages, larger after an inversion
  /// (centroid, median).
  public var maxDistances: [Double] {
    let n = observationCount
    var md = [Double](repeating: 0, count: merges.count)
    for (i, m) in merges.enumerated() {
      var v = m.distance
      if m.left >= n { v = max(v, md[m.left - n]) }
      if m.right >= n { v = max(v, md[m.right - n]) }
      md[i] = v
    }
    return md
  }

  /// Flat clusters: the maximal subtrees whose largest height is ≤ `threshold`
  /// (scipy's `fcluster(Z, t, 'distance')`). Members of a cluster have cophenetic
  /// distance ≤ threshold. Labels 1, 2, … in order of each cluster's first observation.
  public func clusters(threshold: Double) -> [Int] {
    flatClusters(maxDistances.map { $0 <= threshold })
  }

  /// At most `count` flat clusters: the cut at the smallest height that leaves no more
  /// than `count` (scipy's `fcluster(Z, k, 'maxclust')`). Fewer clusters result when
  /// merges share a height. Labels as in ``clusters(threshold:)``.
  ///
  /// - Precondition: `count ≥ 1`.
  public func clusters(count: Int) -> [Int] {
    precondition(count >= 1, "at least one cluster")
    let n = observationCount
    if count >= n { return Array(1...n) }
    let md = maxDistances
    let candidates = Array(Set(md)).sorted()
    // The number of clusters falls as the threshold rises: binary search the smallest.
    var lo = 0
    var hi = candidates.count - 1
    while lo < hi {
      let mid = (lo + hi) / 2
      if clusterCount(md.map { $0 <= candidates[mid] }) <= count { hi = mid } else { lo = mid + 1 }
    }
    return flatClusters(md.map { $0 <= candidates[lo] })
  }

  /// Clusters left by a cut closed under descent: each qualifying merge joins two.
  func clusterCount(_ keep: [Bool]) -> Int {
    observationCount - keep.filter { $0 }.count
  }

  /// Labels from a predicate on merges that is closed under descent (if a merge
  /// qualifies, so do the merges below it — true of the max-distance cuts).
  func flatClusters(_ keep: [Bool]) -> [Int] {
    let n = observationCount
    var parent = Array(0..<(2 * n - 1))
    func find(_ v: Int) -> Int {
      var r = v
      while parent[r] != r { r = parent[r] }
      return r
    }
    for (i, m) in merges.enumerated() where keep[i] {
      parent[find(m.left)] = n + i
      parent[find(m.right)] = n + i
    }
    var label: [Int: Int] = [:]
    return (0..<n).map { v in
      let root = find(v)
      if let l = label[root] { return l }
      label[root] = label.count + 1
      return label.count
    }
  }

  /// The cophenetic distances: for each pair, the height of the merge that first joins
  /// them (scipy's `cophenet(Z)`), in condensed order.
  public var copheneticDistances: CondensedDistances<Double> {
    let n = observationCount
    var values = [Double](repeating: 0, count: n * (n - 1) / 2)
    var members: [[Int]] = (0..<n).map { [$0] }
    members.reserveCapacity(2 * n - 1)
    for m in merges {
      let a = members[m.left]
      let b = members[m.right]
      for i in a { for j in b { values[CondensedDistances<Double>.index(i, j, count: n)] = m.distance } }
      members.append(a + b)
      members[m.left] = []
      members[m.right] = []
    }
    return CondensedDistances(count: n, unchecked: values)
  }

  /// The cophenetic correlation coefficient: Pearson's correlation between the
  /// cophenetic distances and `distances` (how faithfully the tree keeps them).
  /// NaN when either has zero variance.
  public func copheneticCorrelation<S>(_ distances: CondensedDistances<S>) -> Double {
    let c = copheneticDistances.values
    let d = distances.values.map { Double($0) }
    precondition(c.count == d.count, "distances of another number of observations")
    let mc = c.reduce(0, +) / Double(c.count)
    let md = d.reduce(0, +) / Double(d.count)
    var sxy = 0.0
    var sxx = 0.0
    var syy = 0.0
    for k in c.indices {
      let x = c[k] - mc
      let y = d[k] - md
      sxy += x * y
      sxx += x * x
      syy += y * y
    }
    return sxy / (sxx * syy).squareRoot()
  }

  /// The observations in dendrogram order, left to right (scipy's `leaves_list`): a
  /// depth-first walk from the root, left child first.
  public var leafOrder: [Int] {
    let n = observationCount
    var order: [Int] = []
    order.reserveCapacity(n)
    var stack = [2 * n - 2]
    while let id = stack.popLast() {
      if let (left, right) = children(id) {
        stack.append(right)
        stack.append(left)
      } else {
        order.append(id)
      }
    }
    return order
  }
}
