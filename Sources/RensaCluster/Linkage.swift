import CRensaBits
import Foundation
import InternalRensaUtilities

/// The criterion by which hierarchical clustering merges clusters. Distances
/// between a new cluster and the others follow the Lance–Williams updates that
/// scipy uses (`scipy/cluster/_hierarchy_distance_update.pxi`), so heights agree
/// with `scipy.cluster.hierarchy.linkage` to rounding.
public enum LinkageMethod: String, Sendable, Hashable, CaseIterable {
  /// Nearest pair of members (minimum spanning tree).
  case single
  /// Farthest pair of members.
  case complete
  /// Mean over all pairs (UPGMA).
  case average
  /// Mean of the two merged clusters' distances (WPGMA).
  case weighted
  /// Distance of centroids; Euclidean input; heights may decrease (inversions).
  case centroid
  /// Distance of the WPGMC midpoints; Euclidean input; inversions possible.
  case median
  /// Increase of the within-cluster sum of squares (Ward); Euclidean input.
  case ward

  /// `d(xy, i)` after merging x and y, from `d(x, i)`, `d(y, i)` and `d(x, y)`.
  @inline(__always)
  func update(_ dxi: Double, _ dyi: Double, _ dxy: Double, _ nx: Int, _ ny: Int, _ ni: Int) -> Double {
    switch self {
    case .single: return min(dxi, dyi)
    case .complete: return max(dxi, dyi)
    case .average: return (Double(nx) * dxi + Double(ny) * dyi) / Double(nx + ny)
    case .weighted: return 0.5 * (dxi + dyi)
    case .centroid:
      let sx = Double(nx)
      let sy = Double(ny)
      return sqrtClamped((((sx * dxi * dxi) + (sy * dyi * dyi)) - (sx * sy * dxy * dxy) / (sx + sy)) / (sx + sy))
    case .median: return sqrtClamped(0.5 * (dxi * dxi + dyi * dyi) - 0.25 * dxy * dxy)
    case .ward:
      let t = 1.0 / Double(nx + ny + ni)
      return sqrtClamped(Double(ni + nx) * t * dxi * dxi + Double(ni + ny) * t * dyi * dyi - Double(ni) * t * dxy * dxy)
    }
  }
}

/// √x, with the tiny negative values rounding can produce taken as 0.
@inline(__always) func sqrtClamped(_ x: Double) -> Double { x > 0 ? x.squareRoot() : 0 }

/// One merge of a hierarchical clustering, in scipy's convention: clusters 0 ..< n are
/// the observations in input order, and cluster n + i is the one formed by merge i.
public struct Merge: Sendable, Hashable {
  /// The cluster drawn on the left: the smaller of the two ids, as scipy's `linkage`
  /// returns them, unless the tree was reordered
  /// (``Linkage/optimalLeafOrdering(_:memoryLimit:)``).
  public var left: Int
  /// The cluster drawn on the right (the larger id before any reordering).
  public var right: Int
  /// The height of the merge (the linkage distance).
  public var distance: Double
  /// Observations in the new cluster.
  public var size: Int

  public init(left: Int, right: Int, distance: Double, size: Int) {
    self.left = left
    self.right = right
    self.distance = distance
    self.size = size
  }
}

/// A hierarchical clustering: the n − 1 merges of n observations, equal to scipy's
/// linkage matrix `Z` (row i: `[left, right, distance, size]`).
///
/// ```swift
/// let d = try CondensedDistances(values: [662, 877, 255, 412, 996, 295, 468, 268,
///                                         400, 754, 564, 138, 219, 869, 669])
/// let z = try Linkage(d, method: .single)
/// z.merges[0]   // Merge(left: 2, right: 5, distance: 138, size: 2)
/// z.clusters(count: 2)
/// ```
///
/// ## Algorithms and ties
/// As scipy (after Müllner 2011): a minimum spanning tree (Prim) for single linkage;
/// the nearest-neighbour chain for complete, average, weighted and Ward; the generic
/// algorithm with a heap of nearest-neighbour candidates for centroid and median. The
/// merges of the first two are then sorted by height with a stable sort and relabelled
/// with a union–find, as scipy does, so that equal heights keep the order in which they
/// were found. Each algorithm scans candidates in index order and keeps the first
/// strictly smaller distance, which decides ties the same way as scipy's; where ties
/// make the merge order ambiguous, compare cophenetic distances, which do not depend
/// on it (for the monotone methods).
public struct Linkage: Sendable, Hashable {
  /// Number of observations n.
  public let observationCount: Int
  /// The n − 1 merges, in scipy's order.
  public let merges: [Merge]
  /// The method used.
  public let method: LinkageMethod

  /// Clusters the observations whose distances are `distances`.
  ///
  /// Centroid, median and Ward assume Euclidean distances (as in scipy). From 4,096
  /// observations the nearest-neighbour chain keeps each cluster's nearest few
  /// candidates (neighbour lists) over a working copy in cache-line tiles, and uses a
  /// second thread when `threads` (nil: the processors available) allows; the result is
  /// the same either way.
  ///
  /// - Throws: ``ClusterError/tooFewObservations(needed:got:)`` for fewer than 2.
  /// - Complexity: O(n²) time for single, complete, average, weighted and Ward;
  ///   O(n²) to O(n³) for centroid and median (O(n² log n) typically); O(n²)
  ///   memory (one working copy of the distances).
  public init<S>(_ distances: CondensedDistances<S>, method: LinkageMethod, threads: Int? = nil) throws(ClusterError) {
    try self.init(distances, method: method, threads: threads, listsFrom: NeighbourLists.worthwhileFrom)
  }

  /// As the public initialiser, with the size from which the nearest-neighbour chain
  /// keeps neighbour lists (in tiles) chosen: tests take both paths at any size.
  init<S>(_ distances: CondensedDistances<S>, method: LinkageMethod, threads: Int?, listsFrom: Int) throws(ClusterError) {
    let n = distances.count
    let threadCount = min(2, threads ?? ProcessorCount.active)
    guard n >= 2 else { throw .tooFewObservations(needed: 2, got: n) }
    self.observationCount = n
    self.method = method
    // The kernels work on Double; Float distances are widened once (the working copy
    // the updating methods need anyway). Double arrays are taken as they are (a
    // conditional cast `as? [Double]` would copy element by element).
    switch method {
    case .single:
      let values: [Double] =
        S.self == Double.self ? unsafeBitCast(distances.values, to: [Double].self) : distances.values.map { Double($0) }
      merges = Linkage.label(Linkage.sortedStable(Linkage.minimumSpanningTree(values, n: n)), n: n)
    case .complete, .average, .weighted, .ward:
      // Neighbour lists pay off once the distances no longer fit the caches; below,
      // the scans run from cache and the lists' upkeep would cost more than it saves.
      let lists = n >= listsFrom ? NeighbourLists(n) : nil
      let work = ChainDistances(copying: distances.values, n: n, threads: threadCount, lists: lists)
      // One specialised chain per layout (the column offset is a table lookup only in tiles).
      let found =
        lists == nil
        ? Linkage.nearestNeighbourChain(work, layout: CondensedLayout(work), lists: lists, method: method, threads: threadCount)
        : Linkage.nearestNeighbourChain(work, layout: TiledLayout(work), lists: lists, method: method, threads: threadCount)
      merges = Linkage.label(Linkage.sortedStable(found), n: n)
    case .centroid, .median:
      let work = WorkingBuffer.copying(distances.values)
      merges = Linkage.generic(work.buffer, n: n, method: method)
    }
  }

  /// A linkage from merges already checked.
  init(observationCount: Int, merges: [Merge], method: LinkageMethod) {
    self.observationCount = observationCount
    self.merges = merges
    self.method = method
  }

  /// How far ahead strided condensed entries are prefetched.
  static let prefetchDistance = 24

  /// Start of row i's run in condensed order, minus i + 1, so that the pair (i, j),
  /// i < j, is at `rowBase(i, n: n) + j`.
  @inline(__always) static func rowBase(_ i: Int, n: Int) -> Int { n * i - i * (i + 1) / 2 - i - 1 }

  /// `rowBase` of every row.
  static func rowBases(_ n: Int) -> [Int] { (0..<n).map { rowBase($0, n: n) } }

  /// A linkage from scipy's matrix `Z` ((n − 1) × 4). Each row's two clusters keep
  /// their order (the dendrogram draws the first on the left).
  ///
  /// - Throws: ``ClusterError/invalidParameter(_:)`` if a row uses a cluster before it
  ///   is formed or twice, or sizes or distances are inconsistent.
  public init(scipyMatrix z: [[Double]], method: LinkageMethod) throws(ClusterError) {
    let n = z.count + 1
    var used = [Bool](repeating: false, count: 2 * n - 1)
    var sizes = [Int](repeating: 1, count: 2 * n - 1)
    var merges: [Merge] = []
    for (i, row) in z.enumerated() {
      guard row.count == 4, row.allSatisfy({ $0.isFinite }) else {
        throw .invalidParameter("row \(i) of the linkage matrix is not 4 finite numbers")
      }
      let a = Int(row[0])
      let b = Int(row[1])
      guard Double(a) == row[0], Double(b) == row[1], a >= 0, b >= 0, a < n + i, b < n + i, a != b, !used[a], !used[b] else {
        throw .invalidParameter("row \(i) merges clusters \(row[0]) and \(row[1]), which do not both exist unmerged")
      }
      used[a] = true
      used[b] = true
      sizes[n + i] = sizes[a] + sizes[b]
      guard Int(row[3]) == sizes[n + i], row[2] >= 0 else {
        throw .invalidParameter("row \(i) has size \(row[3]) (expected \(sizes[n + i])) or a negative distance")
      }
      // The order of the two children is kept: it is the dendrogram's (left, right),
      // which scipy's optimal_leaf_ordering changes.
      merges.append(Merge(left: a, right: b, distance: row[2], size: sizes[n + i]))
    }
    self.observationCount = n
    self.merges = merges
    self.method = method
  }

  /// scipy's linkage matrix: `[left, right, distance, size]` per merge.
  public var scipyMatrix: [[Double]] {
    merges.map { [Double($0.left), Double($0.right), $0.distance, Double($0.size)] }
  }

  // MARK: Algorithms

  /// Prim's algorithm on the complete graph; merges in the order found. The unmerged
  /// observations are kept in a compact list, so each step scans only them.
  static func minimumSpanningTree(_ distances: [Double], n: Int) -> [Merge] {
    var best = [Double](repeating: .infinity, count: n)
    var remaining = Array(1..<n)  // unmerged observations, ascending
    var merges: [Merge] = []
    merges.reserveCapacity(n - 1)
    let base = rowBases(n)
    var x = 0
    distances.withUnsafeBufferPointer { d in
      best.withUnsafeMutableBufferPointer { best in
        for _ in 0..<(n - 1) {
          var currentMin = Double.infinity
          var y = 0
          var position = 0
          let bx = base[x]
          for (k, i) in remaining.enumerated() {
            let dist = i < x ? d[base[i] + x] : d[bx + i]
            if k + 8 < remaining.count {
              let ahead = remaining[k + 8]
              if ahead < x { rensa_prefetch(d.baseAddress! + base[ahead] + x) }
            }
            if best[i] > dist { best[i] = dist }
            if best[i] < currentMin {
              currentMin = best[i]
              y = i
              position = k
            }
          }
          merges.append(Merge(left: x, right: y, distance: currentMin, size: 0))
          remaining.remove(at: position)
          x = y
        }
      }
    }
    return merges
  }

  /// The nearest-neighbour chain (for reducible methods); merges in the order found,
  /// clusters named by a representative observation. Live clusters are kept in an
  /// ascending list, so scans skip merged ones; the entries of a row that lie in other
  /// rows' runs (pairs (i, x) with i < x) are prefetched ahead. With `threads` > 1, a
  /// ``ChainHelper`` takes the upper half of long scans and updates. With `lists`
  /// (large n, distances in tiles), a cluster's nearest neighbour comes from its
  /// ``NeighbourLists`` entry while that is known, and a scan refills it otherwise.
  static func nearestNeighbourChain<L: DistanceLayout>(
    _ distances: ChainDistances, layout: L, lists: NeighbourLists?, method: LinkageMethod, threads: Int
  ) -> [Merge] {
    let n = distances.n
    let size = UnsafeMutablePointer<Int>.allocate(capacity: n)
    size.initialize(repeating: 1, count: n)
    let active = UnsafeMutablePointer<Int>.allocate(capacity: n)
    for i in 0..<n { active[i] = i }
    // Scratch: the main thread's and the helper's selections and joined clusters
    // (without lists, only the least key is wanted).
    let kept = lists == nil ? 1 : NeighbourLists.capacity
    var selection = Selection.allocate(capacity: kept)
    var low = Selection.allocate(capacity: kept)
    let high = Selection.allocate(capacity: kept)
    let joinedLow = UnsafeMutablePointer<(Int, Double)>.allocate(capacity: n)
    let joinedHigh = UnsafeMutablePointer<(Int, Double)>.allocate(capacity: n)
    defer {
      size.deallocate()
      active.deallocate()
      selection.free()
      low.free()
      high.free()
      joinedLow.deallocate()
      joinedHigh.deallocate()
    }
    // `active` lists the clusters in ascending order, merged ones included until the
    // next compaction (they have size 0 and the loops skip them): removing each merged
    // cluster at once moved half the list per merge, lines the helper thread had read.
    var count = n  // entries of `active`, merged ones included
    var dead = 0
    var chain = [Int](repeating: 0, count: n)
    var length = 0
    var merges: [Merge] = []
    merges.reserveCapacity(n - 1)
    let p = distances.storage.base
    let helper =
      threads > 1 && n >= 4096
      ? ChainHelper(
        d: p, layout: layout, size: size, active: active, lists: lists, selection: high, joined: joinedHigh,
        method: method)
      : nil
    defer { helper?.stop() }
    let parallelFrom = 1024
    @inline(__always) func at(_ i: Int, _ j: Int) -> Int {
      i < j ? layout.rowStart[i] + layout.column(j) : layout.rowStart[j] + layout.column(i)
    }
    for _ in 0..<(n - 1) {
      if length == 0 {
        var k = 0
        while size[active[k]] == 0 { k += 1 }
        chain[0] = active[k]
        length = 1
      }
      var x = 0
      var y = 0
      var currentMin = Double.infinity
      while true {
        x = chain[length - 1]
        // x's nearest live cluster: the least key (distance, index), from its list, or
        // scanned now (the nearest few kept).
        let nearestDistance: Double
        let nearestCluster: Int
        if let known = lists?.nearest(x) {
          (nearestDistance, nearestCluster) = known
        } else {
          if let helper, count >= parallelFrom {
            let mid = balancedSplit(count, active: active, clusters: x, x)
            helper.phase = .scan
            helper.range = mid..<count
            helper.x = x
            helper.post()
            scan(d: p, layout: layout, active: active, size: size, range: 0..<mid, x: x, into: &low)
            helper.wait()
            selection.merge(low, helper.selection)
          } else {
            scan(d: p, layout: layout, active: active, size: size, range: 0..<count, x: x, into: &selection)
          }
          lists?.set(x, selection)
          (nearestDistance, nearestCluster) = selection.least
        }
        // scipy's scan starts from the previous chain element and keeps the first
        // strictly smaller distance: the nearest only when it is strictly nearer.
        if length > 1 {
          let previous = chain[length - 2]
          let toPrevious = p[at(x, previous)]
          (currentMin, y) = nearestDistance < toPrevious ? (nearestDistance, nearestCluster) : (toPrevious, previous)
        } else {
          (currentMin, y) = (nearestDistance, nearestCluster)
        }
        if length > 1 && y == chain[length - 2] { break }
        chain[length] = y
        length += 1
      }
      length -= 2
      if x > y { swap(&x, &y) }
      let nx = size[x]
      let ny = size[y]
      merges.append(Merge(left: x, right: y, distance: currentMin, size: nx + ny))
      size[x] = 0
      size[y] = nx + ny
      // x is dead; compact the list once a sixteenth of it is.
      dead += 1
      if dead * 16 >= count {
        var live = 0
        for k in 0..<count where size[active[k]] > 0 {
          active[live] = active[k]
          live += 1
        }
        count = live
        dead = 0
      }
      if let helper, count >= parallelFrom {
        let mid = balancedSplit(count, active: active, clusters: x, y)
        helper.phase = .update
        helper.range = mid..<count
        helper.x = x
        helper.y = y
        helper.nx = nx
        helper.ny = ny
        helper.height = currentMin
        helper.post()
        let joined = update(
          d: p, layout: layout, active: active, size: size, lists: lists, range: 0..<mid, x: x, y: y, nx: nx, ny: ny,
          height: currentMin, method: method, into: &low, joined: joinedLow)
        helper.wait()
        selection.merge(low, helper.selection)
        // Lower half first: the joined clusters in index order.
        (joinedLow + joined).update(from: joinedHigh, count: helper.joinedCount)
        lists?.merged(
          x, into: y, size: size, joined: UnsafeBufferPointer(start: joinedLow, count: joined + helper.joinedCount), selection: selection)
      } else {
        let joined = update(
          d: p, layout: layout, active: active, size: size, lists: lists, range: 0..<count, x: x, y: y, nx: nx, ny: ny,
          height: currentMin, method: method, into: &selection, joined: joinedLow)
        lists?.merged(x, into: y, size: size, joined: UnsafeBufferPointer(start: joinedLow, count: joined), selection: selection)
      }
    }
    return merges
  }

  /// Where the main thread's part of `active[0..<count]` ends and the helper's begins,
  /// so that both take about as long, for a scan (`a` = `b` = x) or an update (x and y).
  /// Entry (i, c) with i < c is read a cache line apart from the previous one (strided),
  /// with i > c from c's own run (streamed); strided entries cost about 2.5 times as much
  /// (measured at 10,000 observations: an even split left the lower part, mostly
  /// strided, 1.55 times as long as the upper). With this split the parts take about as
  /// long, but the update as a whole is hardly faster: both cores share the memory
  /// bandwidth that bounds it.
  static func balancedSplit(_ count: Int, active: UnsafePointer<Int>, clusters a: Int, _ b: Int) -> Int {
    let list = UnsafeBufferPointer(start: active, count: count)
    let ranks = (lowerBound(list, a), lowerBound(list, b))
    let strided = 5
    let streamed = 2
    // Cost of entries 0..<m, increasing in m.
    func cost(_ m: Int) -> Int {
      strided * (min(m, ranks.0) + min(m, ranks.1)) + streamed * (max(0, m - ranks.0) + max(0, m - ranks.1))
    }
    let half = cost(count) / 2
    var lo = 0
    var hi = count
    while lo < hi {
      let mid = (lo + hi) >> 1
      if cost(mid) < half { lo = mid + 1 } else { hi = mid }
    }
    return lo
  }

  /// The least keys (distance, index) of the live clusters `active[range]` from x, into
  /// `selection` (reset first); entries of merged clusters (size 0) are skipped.
  static func scan<L: DistanceLayout>(
    d: UnsafeMutablePointer<Double>, layout: L, active: UnsafePointer<Int>, size: UnsafePointer<Int>, range: Range<Int>,
    x: Int, into selection: inout Selection
  ) {
    selection.reset()
    let base = layout.rowStart
    let bx = base[x]
    let cx = layout.column(x)
    // Clusters below x: the entries (i, x) lie in other rows' runs (prefetched ahead);
    // clusters above x: row x's own run, read in order.
    let split = range.lowerBound + lowerBound(UnsafeBufferPointer(start: active + range.lowerBound, count: range.count), x)
    let ahead = prefetchDistance
    var worst = selection.worst
    for k in range.lowerBound..<split {
      if k + ahead < split { rensa_prefetch(d + base[active[k + ahead]] + cx) }
      let i = active[k]
      let dist = d[base[i] + cx]
      if dist < worst && size[i] > 0 {
        selection.keep(dist, i)
        worst = selection.worst
      }
    }
    for k in split..<range.upperBound {
      let i = active[k]
      if i == x { continue }
      let dist = d[bx + layout.column(i)]
      if dist < worst && size[i] > 0 {
        selection.keep(dist, i)
        worst = selection.worst
      }
    }
  }

  /// The Lance–Williams update of d(i, y) for the live clusters `active[range]` after
  /// merging x into y. y's least keys among them go to `selection`; the clusters whose
  /// neighbour list admits y's new key, with that distance, to `joined` (in index
  /// order). Returns how many joined.
  static func update<L: DistanceLayout>(
    d: UnsafeMutablePointer<Double>, layout: L, active: UnsafePointer<Int>, size: UnsafePointer<Int>,
    lists: NeighbourLists?, range: Range<Int>, x: Int, y: Int, nx: Int, ny: Int, height: Double, method: LinkageMethod,
    into selection: inout Selection, joined: UnsafeMutablePointer<(Int, Double)>
  ) -> Int {
    selection.reset()
    // Without lists, y's nearest is not needed (the chain scans): nothing is kept.
    var worst = lists == nil ? -Double.infinity : selection.worst
    var joinedCount = 0
    let ahead = prefetchDistance
    let base = layout.rowStart
    let (bx, by, cx, cy) = (base[x], base[y], layout.column(x), layout.column(y))
    for k in range {
      let i = active[k]
      if k + ahead < range.upperBound {
        let next = active[k + ahead]
        if next < y { rensa_prefetch(d + base[next] + cy) }
        if next < x { rensa_prefetch(d + base[next] + cx) }
      }
      if i == y || size[i] == 0 { continue }
      let iy = i < y ? base[i] + cy : by + layout.column(i)
      let ix = i < x ? base[i] + cx : bx + layout.column(i)
      let new = method.update(d[ix], d[iy], height, nx, ny, size[i])
      d[iy] = new
      if new < worst {
        selection.keep(new, i)
        worst = selection.worst
      }
      if let lists, lists.admits(i, new, y) {
        joined[joinedCount] = (i, new)
        joinedCount += 1
      }
    }
    return joinedCount
  }

  /// The generic algorithm (Müllner 2011, fig. 3) with a binary heap of each cluster's
  /// nearest-neighbour candidate among higher indices; merges in order, already labelled.
  static func generic(_ d: UnsafeMutableBufferPointer<Double>, n: Int, method: LinkageMethod) -> [Merge] {
    var size = [Int](repeating: 1, count: n)
    var clusterID = Array(0..<n)
    var neighbour = [Int](repeating: 0, count: n - 1)
    var minDistance = [Double](repeating: 0, count: n - 1)
    var merges: [Merge] = []
    merges.reserveCapacity(n - 1)
    do {
      @inline(__always) func at(_ i: Int, _ j: Int) -> Int {
        i < j ? n * i - i * (i + 1) / 2 + (j - i - 1) : n * j - j * (j + 1) / 2 + (i - j - 1)
      }
      func nearest(_ x: Int) -> (Int, Double) {
        var best = Double.infinity
        var y = -1
        for i in (x + 1)..<n where size[i] > 0 {
          let dist = d[at(x, i)]
          if dist < best {
            best = dist
            y = i
          }
        }
        return (y, best)
      }
      for x in 0..<(n - 1) { (neighbour[x], minDistance[x]) = nearest(x) }
      var heap = IndexedMinHeap(minDistance)
      for k in 0..<(n - 1) {
        var x = 0
        var y = 0
        var dist = 0.0
        for _ in 0..<(n - k) {
          (x, dist) = heap.minimum
          y = neighbour[x]
          if dist == d[at(x, y)] { break }
          (y, dist) = nearest(x)
          neighbour[x] = y
          minDistance[x] = dist
          heap.change(x, to: dist)
        }
        heap.removeMinimum()
        var idX = clusterID[x]
        var idY = clusterID[y]
        let nx = size[x]
        let ny = size[y]
        if idX > idY { swap(&idX, &idY) }
        merges.append(Merge(left: idX, right: idY, distance: dist, size: nx + ny))
        size[x] = 0
        size[y] = nx + ny
        clusterID[y] = n + k
        for z in 0..<n {
          let nz = size[z]
          if nz == 0 || z == y { continue }
          d[at(z, y)] = method.update(d[at(z, x)], d[at(z, y)], dist, nx, ny, nz)
        }
        for z in 0..<x where size[z] > 0 && neighbour[z] == x { neighbour[z] = y }
        for z in 0..<y where size[z] > 0 {
          let candidate = d[at(z, y)]
          if candidate < minDistance[z] {
            neighbour[z] = y
            minDistance[z] = candidate
            heap.change(z, to: candidate)
          }
        }
        if y < n - 1 {
          let (z, candidate) = nearest(y)
          if z != -1 {
            neighbour[y] = z
            minDistance[y] = candidate
            heap.change(y, to: candidate)
          }
        }
      }
    }
    return merges
  }

  /// A stable sort of merges by height.
  static func sortedStable(_ merges: [Merge]) -> [Merge] {
    merges.indices.sorted { merges[$0].distance != merges[$1].distance ? merges[$0].distance < merges[$1].distance : $0 < $1 }
      .map { merges[$0] }
  }

  /// Renames representatives to cluster ids n, n + 1, … in merge order (union–find).
  static func label(_ merges: [Merge], n: Int) -> [Merge] {
    var parent = Array(0..<(2 * n - 1))
    var size = [Int](repeating: 1, count: 2 * n - 1)
    var next = n
    func find(_ v: Int) -> Int {
      var root = v
      while parent[root] != root { root = parent[root] }
      var p = v
      while parent[p] != root {
        let up = parent[p]
        parent[p] = root
        p = up
      }
      return root
    }
    return merges.map { m in
      let a = find(m.left)
      let b = find(m.right)
      parent[a] = next
      parent[b] = next
      size[next] = size[a] + size[b]
      next += 1
      return Merge(left: min(a, b), right: max(a, b), distance: m.distance, size: size[next - 1])
    }
  }
}

/// A binary min-heap over keys 0 ..< n with values that can change (the heap of the
/// generic algorithm). Sift-up on a decrease, sift-down otherwise.
struct IndexedMinHeap {
  var values: [Double]
  var keyAt: [Int]
  var indexOf: [Int]
  var size: Int

  init(_ values: [Double]) {
    self.values = values
    self.size = values.count
    self.keyAt = Array(0..<values.count)
    self.indexOf = Array(0..<values.count)
    for i in stride(from: size / 2 - 1, through: 0, by: -1) { siftDown(i) }
  }

  var minimum: (Int, Double) { (keyAt[0], values[0]) }

  mutating func removeMinimum() {
    swapAt(0, size - 1)
    size -= 1
    siftDown(0)
  }

  mutating func change(_ key: Int, to value: Double) {
    let index = indexOf[key]
    let old = values[index]
    values[index] = value
    if value < old { siftUp(index) } else { siftDown(index) }
  }

  mutating func siftUp(_ start: Int) {
    var index = start
    while index > 0 {
      let parent = (index - 1) >> 1
      guard values[parent] > values[index] else { break }
      swapAt(index, parent)
      index = parent
    }
  }

  mutating func siftDown(_ start: Int) {
    var index = start
    var child = 2 * index + 1
    while child < size {
      if child + 1 < size && values[child + 1] < values[child] { child += 1 }
      guard values[index] > values[child] else { break }
      swapAt(index, child)
      index = child
      child = 2 * index + 1
    }
  }

  mutating func swapAt(_ i: Int, _ j: Int) {
    values.swapAt(i, j)
    let ki = keyAt[i]
    let kj = keyAt[j]
    keyAt[i] = kj
    keyAt[j] = ki
    indexOf[ki] = j
    indexOf[kj] = i
  }
}

/// The first position in an ascending array whose value is not below `value`.
@inline(__always)
func lowerBound(_ a: UnsafeBufferPointer<Int>, _ value: Int) -> Int {
  var lo = 0
  var hi = a.count
  while lo < hi {
    let mid = (lo + hi) >> 1
    if a[mid] < value { lo = mid + 1 } else { hi = mid }
  }
  return lo
}
