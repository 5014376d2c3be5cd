/// A monotone priority queue (radix heap, Ahuja et al. 1990) on non-negative `Double`
/// keys, for label-setting searches whose extracted keys never decrease.
///
/// Keys are compared by their IEEE-754 bit patterns, which order non-negative finite
/// doubles exactly as their values. An item goes to the bucket of the highest bit in
/// which its key differs from the last extracted key; extraction refills bucket 0 from
/// the lowest non-empty bucket. Push is O(1), pop amortised O(64). Buckets are raw
/// growable buffers owned by a class, so pushes do no copy-on-write checks.
///
/// - Precondition: every pushed key is ≥ the last popped key, finite and ≥ 0.
final class RadixHeap {
  /// One bucket: keys and values side by side.
  struct Bucket {
    var keys: UnsafeMutablePointer<UInt64>? = nil
    var values: UnsafeMutablePointer<UInt32>? = nil
    var count = 0
    var capacity = 0

    @inline(__always)
    mutating func append(_ key: UInt64, _ value: UInt32) {
      if count == capacity { grow() }
      keys![count] = key
      values![count] = value
      count += 1
    }

    mutating func grow() {
      let newCapacity = max(16, capacity * 2)
      let k = UnsafeMutablePointer<UInt64>.allocate(capacity: newCapacity)
      let v = UnsafeMutablePointer<UInt32>.allocate(capacity: newCapacity)
      if let keys, let values {
        k.update(from: keys, count: count)
        v.update(from: values, count: count)
        keys.deallocate()
        values.deallocate()
      }
      keys = k
      values = v
      capacity = newCapacity
    }

    func free() {
      keys?.deallocate()
      values?.deallocate()
    }
  }

  private var buckets = UnsafeMutablePointer<Bucket>.allocate(capacity: 65)
  private var last: UInt64 = 0
  private(set) var count = 0

  init() { buckets.initialize(repeating: Bucket(), count: 65) }

  deinit {
    for i in 0..<65 { buckets[i].free() }
    buckets.deallocate()
  }

  var isEmpty: Bool { count == 0 }

  /// Whether an item with the same key as the last popped one is waiting.
  var hasMoreAtLastKey: Bool { buckets[0].count > 0 }

  @inline(__always)
  private func bucket(_ key: UInt64) -> Int {
    key == last ? 0 : 64 - (key ^ last).leadingZeroBitCount
  }

  @inline(__always)
  func push(_ time: Double, _ value: UInt32) {
    let key = (time + 0.0).bitPattern  // +0.0 turns -0.0 into 0.0
    buckets[bucket(key)].append(key, value)
    count += 1
  }

  /// Removes and returns an item with the smallest key.
  @inline(__always)
  func pop() -> (time: Double, value: UInt32) {
    if buckets[0].count == 0 {
      var i = 1
      while buckets[i].count == 0 { i += 1 }
      // The new minimum becomes the reference; redistribute bucket i below it.
      let source = buckets[i]
      var minimum = UInt64.max
      for j in 0..<source.count where source.keys![j] < minimum { minimum = source.keys![j] }
      last = minimum
      buckets[i].count = 0
      for j in 0..<source.count {
        let key = source.keys![j]
        // Every moved key lands in a bucket below i, never in i itself.
        buckets[bucket(key)].append(key, source.values![j])
      }
    }
    buckets[0].count -= 1
    let k = buckets[0].count
    count -= 1
    return (Double(bitPattern: buckets[0].keys![k]), buckets[0].values![k])
  }
}
