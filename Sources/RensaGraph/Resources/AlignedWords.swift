#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A zero-filled, 64-byte-aligned buffer of `UInt64` words that is written once
/// while an analysis is built and only read afterwards.
///
/// Buffers of 32 MiB and more (where glibc's `malloc` would `mmap` fresh pages anyway)
/// come straight from anonymous `mmap`, without clearing: the kernel hands out zero pages
/// lazily, so no time is spent clearing memory up front, pages are first touched
/// (and faulted in) by the parallel kernels that fill them, and pages that are
/// never written (the empty lower triangle of a closure) cost nothing. Transparent
/// huge pages are requested to cut the number of faults. Smaller buffers come
/// from the heap, whose warm, already-mapped memory is cheaper to clear than
/// fresh pages are to fault in.
///
/// It is `@unchecked Sendable` because no API mutates it after construction.
@usableFromInline
final class AlignedWords: @unchecked Sendable {
  @usableFromInline let base: UnsafeMutablePointer<UInt64>
  @usableFromInline let count: Int
  private let mappedBytes: Int  // 0 when allocated with posix_memalign

  /// Allocates `count` zeroed words, or returns `nil` if the system refuses.
  init?(count: Int) {
    let bytes = max(count, 1) * MemoryLayout<UInt64>.stride
    #if canImport(Glibc)
      if bytes >= 32 << 20 {
        guard let raw = mmap(nil, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0),
          raw != MAP_FAILED
        else { return nil }
        _ = madvise(raw, bytes, 14)  // MADV_HUGEPAGE: faults are costly here; advisory
        self.base = raw.bindMemory(to: UInt64.self, capacity: max(count, 1))
        self.count = count
        self.mappedBytes = bytes
        return
      }
    #endif
    var raw: UnsafeMutableRawPointer? = nil
    guard posix_memalign(&raw, 64, bytes) == 0, let raw else { return nil }
    memset(raw, 0, bytes)
    self.base = raw.bindMemory(to: UInt64.self, capacity: max(count, 1))
    self.count = count
    self.mappedBytes = 0
  }

  deinit {
    #if canImport(Glibc)
      if mappedBytes > 0 {
        munmap(UnsafeMutableRawPointer(base), mappedBytes)
        return
      }
    #endif
    free(base)
  }
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
