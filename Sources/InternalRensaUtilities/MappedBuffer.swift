#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A 64-byte-aligned buffer of `count` elements for the kernels' large working
/// structures: the closure's and the failure table's bit rows (`UInt64`, zeroed) and the
/// linkage's working copy of the distances (`Double`, written before it is read).
///
/// Buffers of 32 MiB and more (where glibc's `malloc` would `mmap` fresh pages anyway)
/// come straight from anonymous `mmap`, without clearing: the kernel hands out zero pages
/// lazily, so no time is spent clearing memory up front, pages are first touched (and
/// faulted in) by the parallel kernels that fill them, and pages that are never written
/// (the empty lower triangle of a closure) cost nothing. Transparent huge pages are
/// requested to cut the number of faults (a fresh 400 MB array otherwise costs 100,000
/// page faults, a third of an n = 10,000 clustering; with 4 KiB pages the hard-family
/// closure took 217 ms instead of 38 ms). Smaller buffers come from the heap, whose warm,
/// already-mapped memory is cheaper to clear than fresh pages are to fault in.
///
/// It is `@unchecked Sendable`: the kernels that share it write disjoint elements.
@usableFromInline
package final class MappedBuffer<Element: BitwiseCopyable>: @unchecked Sendable {
  /// The first element.
  @usableFromInline package let base: UnsafeMutablePointer<Element>
  /// The number of elements.
  @usableFromInline package let count: Int
  /// The bytes mapped with `mmap`, 0 for a heap buffer.
  package let mappedBytes: Int

  /// Buffers from this many bytes on are mapped, not allocated.
  package static var mappingThreshold: Int { 32 << 20 }

  /// `count` elements whose bytes are all zero, or `nil` if the system refuses the memory.
  package convenience init?(zeroedCount count: Int) {
    self.init(count: count, zeroed: true)
  }

  /// `count` elements whose contents are undefined until written; mapped pages are not
  /// touched yet (fill them in parallel, so that the kernel zeroes them in parallel).
  /// `nil` if the system refuses the memory.
  package convenience init?(uninitializedCount count: Int) {
    self.init(count: count, zeroed: false)
  }

  private init?(count: Int, zeroed: Bool) {
    let bytes = max(count, 1) * MemoryLayout<Element>.stride
    #if canImport(Glibc)
      if bytes >= Self.mappingThreshold {
        guard let raw = mmap(nil, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0), raw != MAP_FAILED
        else { return nil }
        _ = madvise(raw, bytes, 14)  // MADV_HUGEPAGE: faults are costly here; advisory
        self.base = raw.bindMemory(to: Element.self, capacity: max(count, 1))
        self.count = count
        self.mappedBytes = bytes
        return
      }
    #endif
    var raw: UnsafeMutableRawPointer? = nil
    guard posix_memalign(&raw, 64, bytes) == 0, let raw else { return nil }
    if zeroed { memset(raw, 0, bytes) }
    self.base = raw.bindMemory(to: Element.self, capacity: max(count, 1))
    self.count = count
    self.mappedBytes = 0
  }

  /// The elements as a buffer.
  package var buffer: UnsafeMutableBufferPointer<Element> { UnsafeMutableBufferPointer(start: base, count: count) }

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
