import RensaCluster
import RensaLinearAlgebra

/// Slow, obviously-correct references for the clustering kernels.
extension Naive {
  /// A binary distance from the sets of features of two rows, by the definitions.
  public static func binaryDistance(_ a: Set<Int>, _ b: Set<Int>, _ metric: BinaryMetric) -> Double {
    if a.isEmpty && b.isEmpty { return 0 }
    if a.isEmpty || b.isEmpty { return 1 }
    let c = Double(a.intersection(b).count)
    let x = Double(a.count)
    let y = Double(b.count)
    switch metric {
    case .jaccard: return 1 - c / Double(a.union(b).count)
    case .dice: return 1 - 2 * c / (x + y)
    case .overlap: return 1 - c / min(x, y)
    case .cosine: return 1 - c / (x * y).squareRoot()
    }
  }

  /// Agglomerative clustering by the textbook loop: at each step merge the closest
  /// pair of current clusters (ties: the pair first in (i, j) order of the cluster
  /// list), updating distances by Lance–Williams. Returns each merge's members and
  /// height, in merge order.
  public static func agglomerate(_ d: [[Double]], method: LinkageMethod) -> [(members: Set<Int>, height: Double)] {
    let n = d.count
    var clusters: [Set<Int>] = (0..<n).map { [$0] }
    var dist = d
    var result: [(Set<Int>, Double)] = []
    while clusters.count > 1 {
      var best = (0, 1, Double.infinity)
      for i in 0..<clusters.count {
        for j in (i + 1)..<clusters.count where dist[i][j] < best.2 { best = (i, j, dist[i][j]) }
      }
      let (x, y, h) = best
      let nx = clusters[x].count
      let ny = clusters[y].count
      var row = [Double](repeating: 0, count: clusters.count)
      for i in 0..<clusters.count where i != x && i != y {
        row[i] = lanceWilliams(method, dist[x][i], dist[y][i], h, nx, ny, clusters[i].count)
      }
      let merged = clusters[x].union(clusters[y])
      result.append((merged, h))
      // Replace x by the merged cluster, drop y.
      clusters[x] = merged
      for i in 0..<clusters.count where i != x {
        dist[x][i] = row[i]
        dist[i][x] = row[i]
      }
      clusters.remove(at: y)
      dist.remove(at: y)
      for i in dist.indices { dist[i].remove(at: y) }
    }
    return result
  }

  /// scipy's `nn_chain` (scipy/cluster/_hierarchy.pyx), transliterated line by line on
  /// a square matrix, then its stable sort by height and `label`: scipy's linkage
  /// matrix, ties included, for complete, average, weighted and Ward. The updates are
  /// scipy's formulas (`_hierarchy_distance_update.pxi`), written out here.
  public static func scipyNearestNeighbourChain(_ condensed: [Double], n: Int, method: LinkageMethod) -> [[Double]] {
    var d = [[Double]](repeating: [Double](repeating: 0, count: n), count: n)
    var k = 0
    for i in 0..<n {
      for j in (i + 1)..<n {
        d[i][j] = condensed[k]
        d[j][i] = condensed[k]
        k += 1
      }
    }
    func newDistance(_ dxi: Double, _ dyi: Double, _ dxy: Double, _ sx: Int, _ sy: Int, _ si: Int) -> Double {
      switch method {
      case .complete: return max(dxi, dyi)
      case .average: return (Double(sx) * dxi + Double(sy) * dyi) / Double(sx + sy)
      case .weighted: return 0.5 * (dxi + dyi)
      case .ward:
        let t = 1.0 / Double(sx + sy + si)
        let v = Double(si + sx) * t * dxi * dxi + Double(si + sy) * t * dyi * dyi - Double(si) * t * dxy * dxy
        return v > 0 ? v.squareRoot() : 0
      default: preconditionFailure("the nearest-neighbour chain is for complete, average, weighted and Ward")
      }
    }
    var z: [[Double]] = []
    var size = [Int](repeating: 1, count: n)
    var chain: [Int] = []
    for _ in 0..<(n - 1) {
      if chain.isEmpty { chain = [size.firstIndex { $0 > 0 }!] }
      var x = 0
      var y = 0
      var currentMin = Double.infinity
      while true {
        x = chain[chain.count - 1]
        if chain.count > 1 {
          y = chain[chain.count - 2]
          currentMin = d[x][y]
        } else {
          currentMin = .infinity
        }
        for i in 0..<n where size[i] > 0 && i != x {
          if d[x][i] < currentMin {
            currentMin = d[x][i]
            y = i
          }
        }
        if chain.count > 1 && y == chain[chain.count - 2] { break }
        chain.append(y)
      }
      chain.removeLast(2)
      if x > y { swap(&x, &y) }
      let nx = size[x]
      let ny = size[y]
      z.append([Double(x), Double(y), currentMin, Double(nx + ny)])
      size[x] = 0
      size[y] = nx + ny
      for i in 0..<n where size[i] > 0 && i != y {
        let v = newDistance(d[i][x], d[i][y], currentMin, nx, ny, size[i])
        d[i][y] = v
        d[y][i] = v
      }
    }
    // Stable sort by height, then scipy's `label` (union–find, new ids n, n + 1, …).
    z = z.indices.sorted { z[$0][2] != z[$1][2] ? z[$0][2] < z[$1][2] : $0 < $1 }.map { z[$0] }
    var parent = Array(0..<(2 * n - 1))
    var clusterSize = [Int](repeating: 1, count: 2 * n - 1)
    func find(_ v: Int) -> Int {
      var r = v
      while parent[r] != r { r = parent[r] }
      var w = v
      while parent[w] != r {
        let next = parent[w]
        parent[w] = r
        w = next
      }
      return r
    }
    for (row, merge) in z.enumerated() {
      let a = find(Int(merge[0]))
      let b = find(Int(merge[1]))
      z[row][0] = Double(min(a, b))
      z[row][1] = Double(max(a, b))
      let label = n + row
      parent[a] = label
      parent[b] = label
      clusterSize[label] = clusterSize[a] + clusterSize[b]
      z[row][3] = Double(clusterSize[label])
    }
    return z
  }

  /// The Lance–Williams update, written from the definitions of each method.
  static func lanceWilliams(_ method: LinkageMethod, _ dxi: Double, _ dyi: Double, _ dxy: Double, _ nx: Int, _ ny: Int, _ ni: Int) -> Double {
    let (x, y, i) = (Double(nx), Double(ny), Double(ni))
    switch method {
    case .single: return min(dxi, dyi)
    case .complete: return max(dxi, dyi)
    case .average: return (x * dxi + y * dyi) / (x + y)
    case .weighted: return (dxi + dyi) / 2
    case .centroid: return max(0, (x * dxi * dxi + y * dyi * dyi) / (x + y) - x * y * dxy * dxy / ((x + y) * (x + y))).squareRoot()
    case .median: return max(0, dxi * dxi / 2 + dyi * dyi / 2 - dxy * dxy / 4).squareRoot()
    case .ward:
      return max(0, ((x + i) * dxi * dxi + (y + i) * dyi * dyi - i * dxy * dxy) / (x + y + i)).squareRoot()
    }
  }

  /// The co-clustering embedding by the textbook route: scale A to D_r^(−1/2) A D_c^(−1/2)
  /// entry by entry, take the full thin SVD (LAPACK `dgesdd`), keep singular vectors
  /// 2 … 1 + ⌈log₂ k⌉ and scale them back. Rows first, then columns.
  public static func coclusterEmbedding(_ a: Matrix, clusters k: Int) throws -> Matrix {
    let n = a.rows
    let m = a.columns
    let rowSums = (0..<n).map { i in (0..<m).reduce(0.0) { $0 + a[i, $1] } }
    let columnSums = (0..<m).map { j in (0..<n).reduce(0.0) { $0 + a[$1, j] } }
    let r = rowSums.map { $0 > 0 ? 1 / $0.squareRoot() : 0 }
    let c = columnSums.map { $0 > 0 ? 1 / $0.squareRoot() : 0 }
    var scaled = a
    for i in 0..<n { for j in 0..<m { scaled[i, j] = a[i, j] * r[i] * c[j] } }
    let svd = try scaled.svd()
    var bits = 0
    while (1 << bits) < k { bits += 1 }
    let dims = min(1 + bits, svd.singularValues.count) - 1
    var points = Matrix(rows: n + m, columns: dims)
    for d in 0..<dims {
      for i in 0..<n { points[i, d] = r[i] * svd.u[i, d + 1] }
      for j in 0..<m { points[n + j, d] = c[j] * svd.vt[d + 1, j] }
    }
    return points
  }

  /// Frequent itemsets by enumerating every set of up to `maxSize` columns and
  /// counting the rows that hold all of them: (items, rows).
  public static func frequentItemsets(_ rows: [Set<Int>], columns: Int, minimumSupport: Int, maxSize: Int)
    -> [(items: [Int], rows: [Int])]
  {
    var out: [(items: [Int], rows: [Int])] = []
    func extend(_ items: [Int], from start: Int) {
      if !items.isEmpty {
        let holding = rows.indices.filter { r in items.allSatisfy { rows[r].contains($0) } }
        if holding.count < minimumSupport { return }
        out.append((items, holding))
      }
      if items.count == maxSize { return }
      for c in start..<max(start, columns) { extend(items + [c], from: c + 1) }
    }
    extend([], from: 0)
    return out
  }

  /// The least sum of neighbouring-leaf distances over every way of swapping the
  /// children of the merges (2^(n−1) dendrograms), by enumeration.
  public static func optimalLeafOrderCost(_ linkage: Linkage, _ d: [[Double]]) -> Double {
    let n = linkage.observationCount
    let merges = linkage.merges
    var best = Double.infinity
    for mask in 0..<(1 << merges.count) {
      func leaves(_ id: Int) -> [Int] {
        if id < n { return [id] }
        let m = merges[id - n]
        let swap = mask >> (id - n) & 1 == 1
        return swap ? leaves(m.right) + leaves(m.left) : leaves(m.left) + leaves(m.right)
      }
      let order = leaves(2 * n - 2)
      best = min(best, zip(order, order.dropFirst()).reduce(0.0) { $0 + d[$1.0][$1.1] })
    }
    return best
  }
}
