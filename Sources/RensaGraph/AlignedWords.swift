#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A zero-filled, 64-byte-aligned buffer of `UInt64` words that is written once
/// while an analysis is built and only read afterwards.
///
/// It is `@unchecked Sendable` because no API mutates it after construction.
@usableFromInline
final class AlignedWords: @unchecked Sendable {
  @usableFromInline let base: UnsafeMutablePointer<UInt64>
  @usableFromInline let count: Int

  /// Allocates `count` zeroed words, or returns `nil` if the system refuses.
  init?(count: Int) {
    let bytes = max(count, 1) * MemoryLayout<UInt64>.stride
    var raw: UnsafeMutableRawPointer? = nil
    guard posix_memalign(&raw, 64, bytes) == 0, let raw else { return nil }
    memset(raw, 0, bytes)
    self.base = raw.bindMemory(to: UInt64.self, capacity: max(count, 1))
    self.count = count
  }

  deinit { free(base) }
}

/// A pointer that may cross into a `@Sendable` closure; the code that uses it
/// guarantees that concurrent writers touch disjoint words.
@usableFromInline
struct SendablePointer<T>: @unchecked Sendable {
  @usableFromInline let pointer: UnsafeMutablePointer<T>
  @usableFromInline init(_ pointer: UnsafeMutablePointer<T>) { self.pointer = pointer }
}

extension UnsafeMutablePointer where Pointee == UInt64 {
  /// Sets bits `from ..< to` of the bit row starting at `self`.
  @inlinable
  func setBits(from: Int, to: Int) {
    guard from < to else { return }
    let firstWord = from >> 6
    let lastWord = (to - 1) >> 6
    let firstMask = ~UInt64(0) << UInt64(from & 63)
    let lastMask = ~UInt64(0) >> UInt64(63 - ((to - 1) & 63))
    if firstWord == lastWord {
      self[firstWord] |= firstMask & lastMask
      return
    }
    self[firstWord] |= firstMask
    var w = firstWord + 1
    while w < lastWord {
      self[w] = ~0
      w += 1
    }
    self[lastWord] |= lastMask
  }

  /// Whether bit `i` of the bit row starting at `self` is set.
  @inlinable
  func testBit(_ i: Int) -> Bool { (self[i >> 6] >> UInt64(i & 63)) & 1 != 0 }
}
