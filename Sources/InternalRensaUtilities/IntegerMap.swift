/// A hash map from 64-bit integer keys to `Int` values with open addressing and linear
/// probing: what the readers use for keys they have already reduced to integers (an edge
/// as supplier and dependent), where `Dictionary`'s seeded SipHash was the largest cost.
/// Deterministic (no per-process seed): iteration order is never exposed.
package struct IntegerMap {
  private var keys: [UInt64]
  private var values: [Int]
  private var used: [Bool]
  private var mask: Int
  package private(set) var count = 0

  /// A map sized for about `capacity` keys.
  package init(capacity: Int = 16) {
    var size = 16
    while size < capacity * 2 { size <<= 1 }
    keys = [UInt64](repeating: 0, count: size)
    values = [Int](repeating: 0, count: size)
    used = [Bool](repeating: false, count: size)
    mask = size - 1
  }

  @inline(__always) private func slot(_ key: UInt64) -> Int {
    // Fibonacci hashing of the key, then a final mix so that nearby keys spread.
    var h = key &* 0x9E37_79B9_7F4A_7C15
    h ^= h >> 29
    return Int(truncatingIfNeeded: h) & mask
  }

  /// The value of `key`, if any.
  package subscript(key: UInt64) -> Int? {
    var i = slot(key)
    while used[i] {
      if keys[i] == key { return values[i] }
      i = (i + 1) & mask
    }
    return nil
  }

  /// Sets the value of `key`.
  package mutating func set(_ key: UInt64, _ value: Int) {
    if (count + 1) * 2 > keys.count { grow() }
    var i = slot(key)
    while used[i] {
      if keys[i] == key {
        values[i] = value
        return
      }
      i = (i + 1) & mask
    }
    used[i] = true
    keys[i] = key
    values[i] = value
    count += 1
  }

  private mutating func grow() {
    let oldKeys = keys
    let oldValues = values
    let oldUsed = used
    let size = keys.count * 2
    keys = [UInt64](repeating: 0, count: size)
    values = [Int](repeating: 0, count: size)
    used = [Bool](repeating: false, count: size)
    mask = size - 1
    count = 0
    for i in oldKeys.indices where oldUsed[i] { set(oldKeys[i], oldValues[i]) }
  }
}
