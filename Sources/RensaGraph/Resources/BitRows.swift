import InternalRensaUtilities

// Bit rows of the word-parallel kernels (the closure, the failure table). Their storage
// is InternalRensaUtilities' MappedBuffer<UInt64>, zeroed.

/// A pointer that may cross into a `@Sendable` closure; the code that uses it
/// guarantees that concurrent writers touch disjoint words.
@usableFromInline
struct SendablePointer<T>: @unchecked Sendable {
  @usableFromInline let pointer: UnsafeMutablePointer<T>
  @usableFromInline init(_ pointer: UnsafeMutablePointer<T>) { self.pointer = pointer }
}

/// A read-only pointer shared by threads that only read through it.
struct SendableConstPointer<T>: @unchecked Sendable {
  let pointer: UnsafePointer<T>
  init(_ pointer: UnsafePointer<T>) { self.pointer = pointer }
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
