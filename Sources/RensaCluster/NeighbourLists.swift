/// The nearest-neighbour chain asks, again and again, for the nearest live cluster to
/// the one at its top, and answering by a scan of the condensed matrix (half of whose
/// entries for a cluster lie a cache line apart) is where the chain spent three
/// quarters of its time: about three scans per merge. Most of those scans repeat an
/// earlier one after the neighbour found then has merged away. `NeighbourLists` keeps,
/// per cluster, the few nearest candidates a scan saw, and keeps them exact through
/// the merges, so that a cluster is scanned again only when all of them are gone.
///
/// **Keys.** Candidates are ordered by the key (distance, cluster index). The nearest
/// neighbour is the least key: the first cluster in index order at the least
/// distance, which is what a scan from +∞ keeping the first strictly smaller distance
/// finds (scipy's rule).
///
/// **Invariant.** Cluster i's list holds *exactly* the live clusters whose key is at
/// most i's limit (the key of the last candidate the scan kept; (+∞, −1) when the scan
/// kept every live cluster at a finite distance; −∞ before the first scan), sorted. An
/// empty list means the nearest is beyond the limit: the chain scans again. Only
/// finite distances are ever listed.
///
/// **Merges.** When x merges into y, the only changes for another live cluster i are:
/// x is gone, and d(i, y) has a new value. So: x leaves every list holding it; y leaves
/// every list holding it and joins again, at its new distance, the lists whose limit
/// admits the new key; a list over capacity drops its last candidate and lowers its
/// limit to the new last. Each step keeps the invariant, whatever the new distances
/// are (no reducibility of the method is assumed), so the chain asks exactly scipy's
/// questions and gets exactly scipy's answers, ties included.
///
/// Which lists hold a cluster is found through `watchers` (clusters whose list took
/// it in); entries go stale when a list drops a candidate and are checked on use.
final class NeighbourLists {
  /// Candidates kept per cluster.
  static let capacity = 8
  /// Observations from which the chain keeps lists: 4,096 observations' distances take
  /// 64 MiB, twice the last-level cache here. (At 1,000 and 2,000 rows the lists made the
  /// chain 2.1× and 1.4× slower; at 10,000 rows, 1.3× faster.)
  static let worthwhileFrom = 4096

  let distance: UnsafeMutablePointer<Double>
  let cluster: UnsafeMutablePointer<Int>
  let length: UnsafeMutablePointer<Int>
  let limitDistance: UnsafeMutablePointer<Double>
  let limitCluster: UnsafeMutablePointer<Int>
  private var watchers: [[Int32]]
  let n: Int

  init(_ n: Int) {
    self.n = n
    let k = Self.capacity
    distance = .allocate(capacity: n * k)
    distance.initialize(repeating: .infinity, count: n * k)
    cluster = .allocate(capacity: n * k)
    cluster.initialize(repeating: 0, count: n * k)
    length = .allocate(capacity: n)
    length.initialize(repeating: 0, count: n)
    // Never scanned: the limit admits nothing (−∞).
    limitDistance = .allocate(capacity: n)
    limitDistance.initialize(repeating: -.infinity, count: n)
    limitCluster = .allocate(capacity: n)
    limitCluster.initialize(repeating: -1, count: n)
    watchers = [[Int32]](repeating: [], count: n)
  }

  deinit {
    distance.deallocate()
    cluster.deallocate()
    length.deallocate()
    limitDistance.deallocate()
    limitCluster.deallocate()
  }

  /// Sets every cluster's list from the offers of the first pass (``InitialLists``, one
  /// per part of the rows, in ascending row order): the same lists as one scan per
  /// cluster.
  func initialise(_ parts: [InitialLists]) {
    var merged = Selection.allocate()
    var folded = Selection.allocate()
    defer {
      merged.free()
      folded.free()
    }
    for j in 0..<n {
      // Earlier parts hold lower rows, so they win equal distances.
      var current = parts[0].selection(j)
      for part in parts.dropFirst() {
        merged.merge(current, part.selection(j))
        swap(&merged, &folded)
        current = folded
      }
      set(j, current)
    }
  }

  /// x's nearest live cluster, if known.
  @inline(__always) func nearest(_ x: Int) -> (Double, Int)? {
    length[x] > 0 ? (distance[x * Self.capacity], cluster[x * Self.capacity]) : nil
  }

  /// Whether i's list must hold cluster j at distance d.
  @inline(__always) func admits(_ i: Int, _ d: Double, _ j: Int) -> Bool {
    d < limitDistance[i] || (d == limitDistance[i] && j <= limitCluster[i])
  }

  /// Sets x's list from a scan's selection (all live clusters were offered).
  func set(_ x: Int, _ selection: Selection) {
    let k = Self.capacity
    let count = selection.count
    for c in 0..<count {
      distance[x * k + c] = selection.distance[c]
      cluster[x * k + c] = selection.cluster[c]
      watchers[selection.cluster[c]].append(Int32(x))
    }
    length[x] = count
    if count == k {
      limitDistance[x] = selection.distance[k - 1]
      limitCluster[x] = selection.cluster[k - 1]
    } else {
      limitDistance[x] = .infinity
      limitCluster[x] = -1
    }
  }

  /// Forgets x's list (x merged away).
  func clear(_ x: Int) {
    length[x] = 0
    limitDistance[x] = -.infinity
  }

  /// Brings the lists up to date after x merged into y: `size[i] > 0` for the live
  /// clusters; `joined` are the live clusters whose list admits y's new key, with
  /// d(i, y); `selection` is y's own list (every live cluster offered).
  func merged(
    _ x: Int, into y: Int, size: UnsafePointer<Int>, joined: UnsafeBufferPointer<(Int, Double)>, selection: Selection
  ) {
    for i in watchers[x] where size[Int(i)] > 0 && Int(i) != y { remove(x, from: Int(i)) }
    for i in watchers[y] where size[Int(i)] > 0 && Int(i) != y { remove(y, from: Int(i)) }
    watchers[x] = []
    watchers[y] = []
    for (i, d) in joined {
      insert(y, at: d, into: i)
      watchers[y].append(Int32(i))
    }
    clear(x)
    set(y, selection)
  }

  /// Removes cluster j from i's list if it is there.
  private func remove(_ j: Int, from i: Int) {
    let k = Self.capacity
    let base = i * k
    let count = length[i]
    var c = 0
    while c < count && cluster[base + c] != j { c += 1 }
    guard c < count else { return }
    while c + 1 < count {
      distance[base + c] = distance[base + c + 1]
      cluster[base + c] = cluster[base + c + 1]
      c += 1
    }
    length[i] = count - 1
  }

  /// Inserts cluster j at distance d into i's list, which admits it and does not hold
  /// it. A full list keeps the lesser keys: the greater of the new key and its last
  /// leaves, and the limit becomes the last key kept (every key up to it is listed).
  private func insert(_ j: Int, at d: Double, into i: Int) {
    let k = Self.capacity
    let base = i * k
    let full = length[i] == k
    var c = length[i]
    if full {
      let lastDistance = distance[base + k - 1]
      let lastCluster = cluster[base + k - 1]
      if d > lastDistance || (d == lastDistance && j > lastCluster) {
        limitDistance[i] = lastDistance
        limitCluster[i] = lastCluster
        return
      }
      c = k - 1
    } else {
      length[i] = c + 1
    }
    while c > 0 && (distance[base + c - 1] > d || (distance[base + c - 1] == d && cluster[base + c - 1] > j)) {
      distance[base + c] = distance[base + c - 1]
      cluster[base + c] = cluster[base + c - 1]
      c -= 1
    }
    distance[base + c] = d
    cluster[base + c] = j
    if full {
      limitDistance[i] = distance[base + k - 1]
      limitCluster[i] = cluster[base + k - 1]
    }
  }
}

/// One part's first pass over the distances (rows in ascending order): row i offers
/// each entry (i, j), j > i, to i's and to j's selection, so that every selection is
/// offered its clusters in ascending index order.
final class InitialLists: @unchecked Sendable {
  let distance: UnsafeMutablePointer<Double>
  let cluster: UnsafeMutablePointer<Int>
  let count: UnsafeMutablePointer<Int>
  /// Per cluster: offers below this are kept (+∞ until its selection is full).
  let worst: UnsafeMutablePointer<Double>

  init(_ n: Int) {
    let k = NeighbourLists.capacity
    distance = .allocate(capacity: max(n, 1) * k)
    cluster = .allocate(capacity: max(n, 1) * k)
    count = .allocate(capacity: max(n, 1))
    count.initialize(repeating: 0, count: max(n, 1))
    worst = .allocate(capacity: max(n, 1))
    worst.initialize(repeating: .infinity, count: max(n, 1))
  }

  deinit {
    distance.deallocate()
    cluster.deallocate()
    count.deallocate()
    worst.deallocate()
  }

  /// Keeps (v, j) in i's selection; call only when `v < worst[i]`.
  @inline(never) func keep(_ i: Int, _ v: Double, _ j: Int) {
    var s = selection(i)
    s.keep(v, j)
    count[i] = s.count
    worst[i] = s.worst
  }

  /// Cluster j's selection (a view of this storage).
  func selection(_ j: Int) -> Selection {
    let k = NeighbourLists.capacity
    var s = Selection(distance + j * k, cluster + j * k)
    s.count = count[j]
    s.worst = worst[j]
    return s
  }
}

/// The `capacity` least keys (distance, cluster) among the finite distances offered, in
/// ascending order. Within one pass clusters are offered in ascending index order, so
/// an equal distance offered later ranks after.
struct Selection {
  let distance: UnsafeMutablePointer<Double>
  let cluster: UnsafeMutablePointer<Int>
  /// Keys kept (at most ``NeighbourLists/capacity``; 1 where only the least is wanted).
  let capacity: Int
  var count = 0
  /// Offers below this are kept (+∞ until full).
  var worst = Double.infinity

  init(_ distance: UnsafeMutablePointer<Double>, _ cluster: UnsafeMutablePointer<Int>, capacity: Int = NeighbourLists.capacity) {
    self.distance = distance
    self.cluster = cluster
    self.capacity = capacity
  }

  /// Scratch storage for one selection (freed by `free`).
  static func allocate(capacity: Int = NeighbourLists.capacity) -> Selection {
    Selection(
      UnsafeMutablePointer<Double>.allocate(capacity: capacity), UnsafeMutablePointer<Int>.allocate(capacity: capacity),
      capacity: capacity)
  }

  func free() {
    distance.deallocate()
    cluster.deallocate()
  }

  mutating func reset() {
    count = 0
    worst = .infinity
  }

  /// The least key, or (+∞, 0) when nothing finite was offered (as a scan from +∞).
  var least: (Double, Int) { count > 0 ? (distance[0], cluster[0]) : (.infinity, 0) }

  /// Keeps (d, j) if it is among the least keys; call only when `d < worst`.
  @inline(never) mutating func keep(_ d: Double, _ j: Int) {
    let k = capacity
    var c = count < k ? count : k - 1
    while c > 0 && distance[c - 1] > d {
      distance[c] = distance[c - 1]
      cluster[c] = cluster[c - 1]
      c -= 1
    }
    distance[c] = d
    cluster[c] = j
    if count < k { count += 1 }
    if count == k { worst = distance[k - 1] }
  }

  /// The least keys of two selections over disjoint ranges, `low`'s clusters all below
  /// `high`'s (so `low` wins equal distances), into `self`.
  mutating func merge(_ low: Selection, _ high: Selection) {
    reset()
    var a = 0
    var b = 0
    let k = capacity
    while count < k && (a < low.count || b < high.count) {
      if b >= high.count || (a < low.count && low.distance[a] <= high.distance[b]) {
        distance[count] = low.distance[a]
        cluster[count] = low.cluster[a]
        a += 1
      } else {
        distance[count] = high.distance[b]
        cluster[count] = high.cluster[b]
        b += 1
      }
      count += 1
    }
    worst = count == k ? distance[k - 1] : .infinity
  }
}
