/// A monotone priority queue (radix heap, Ahuja et al. 1990) on non-negative `Double`
/// keys, for label-setting searches whose extracted keys never decrease.
///
/// Keys are compared by their IEEE-754 bit patterns, which order non-negative finite
/// doubles exactly as their values. An item goes to the bucket of the highest bit in
/// which its key differs from the last extracted key; extraction refills bucket 0 from
/// the lowest non-empty bucket. Push is O(1), pop amortised O(64).
///
/// - Precondition: every pushed key is ≥ the last popped key, finite and ≥ 0.
struct RadixHeap {
  private var keys: [[UInt64]] = Array(repeating: [], count: 65)
  private var values: [[UInt32]] = Array(repeating: [], count: 65)
  private var last: UInt64 = 0
  private(set) var count = 0

  var isEmpty: Bool { count == 0 }

  /// Whether an item with the same key as the last popped one is waiting.
  var hasMoreAtLastKey: Bool { !keys[0].isEmpty }

  @inline(__always)
  private func bucket(_ key: UInt64) -> Int {
    key == last ? 0 : 64 - (key ^ last).leadingZeroBitCount
  }

  mutating func reserve(_ capacity: Int) {
    keys[0].reserveCapacity(capacity)
    values[0].reserveCapacity(capacity)
  }

  @inline(__always)
  mutating func push(_ time: Double, _ value: UInt32) {
    let key = (time + 0.0).bitPattern  // +0.0 turns -0.0 into 0.0
    let b = bucket(key)
    keys[b].append(key)
    values[b].append(value)
    count += 1
  }

  /// Removes and returns an item with the smallest key.
  @inline(__always)
  mutating func pop() -> (time: Double, value: UInt32) {
    if keys[0].isEmpty {
      var i = 1
      while keys[i].isEmpty { i += 1 }
      // The new minimum becomes the reference; redistribute bucket i below it.
      var minimum = UInt64.max
      for k in keys[i] where k < minimum { minimum = k }
      last = minimum
      let movingKeys = keys[i]
      let movingValues = values[i]
      keys[i].removeAll(keepingCapacity: true)
      values[i].removeAll(keepingCapacity: true)
      for j in movingKeys.indices {
        let b = bucket(movingKeys[j])
        keys[b].append(movingKeys[j])
        values[b].append(movingValues[j])
      }
    }
    let key = keys[0].removeLast()
    let value = values[0].removeLast()
    count -= 1
    return (Double(bitPattern: key), value)
  }
}
