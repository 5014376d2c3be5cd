import Dispatch
import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A scratch array of `Double` for the linkage algorithms' working copy of the
/// distances. Buffers of 32 MiB and more come from anonymous `mmap` with transparent
/// huge pages requested: a fresh 400 MB array otherwise costs 100,000 page faults,
/// a third of an n = 10,000 clustering.
final class WorkingBuffer {
  let base: UnsafeMutablePointer<Double>
  let count: Int
  private let mappedBytes: Int

  /// A buffer holding `values` widened to `Double`.
  init<S: BinaryFloatingPoint>(copying values: [S]) {
    let bytes = max(values.count, 1) * MemoryLayout<Double>.stride
    var pointer: UnsafeMutablePointer<Double>? = nil
    var mapped = 0
    #if canImport(Glibc)
      if bytes >= 32 << 20, let raw = mmap(nil, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0),
        raw != MAP_FAILED
      {
        _ = madvise(raw, bytes, 14)  // MADV_HUGEPAGE (advisory)
        pointer = raw.bindMemory(to: Double.self, capacity: max(values.count, 1))
        mapped = bytes
      }
    #endif
    if pointer == nil { pointer = UnsafeMutablePointer<Double>.allocate(capacity: max(values.count, 1)) }
    let p = pointer!
    // Fresh pages are zeroed by the kernel on first touch, in the touching thread: a
    // large copy is split over the processors so that they zero in parallel.
    let parts = mapped > 0 ? max(1, min(8, ProcessInfo.processInfo.activeProcessorCount)) : 1
    let total = values.count
    nonisolated(unsafe) let destination = p
    if S.self == Double.self {
      unsafeBitCast(values, to: [Double].self).withUnsafeBufferPointer { src in
        guard let s = src.baseAddress else { return }
        nonisolated(unsafe) let source = s
        DispatchQueue.concurrentPerform(iterations: parts) { t in
          let lo = total * t / parts
          let hi = total * (t + 1) / parts
          (destination + lo).update(from: source + lo, count: hi - lo)
        }
      }
    } else if S.self == Float.self {
      unsafeBitCast(values, to: [Float].self).withUnsafeBufferPointer { src in
        guard let s = src.baseAddress else { return }
        nonisolated(unsafe) let source = s
        DispatchQueue.concurrentPerform(iterations: parts) { t in
          let lo = total * t / parts
          let hi = total * (t + 1) / parts
          for k in lo..<hi { destination[k] = Double(source[k]) }
        }
      }
    } else {
      for (k, v) in values.enumerated() { p[k] = Double(v) }
    }
    self.base = p
    self.count = values.count
    self.mappedBytes = mapped
  }

  var buffer: UnsafeMutableBufferPointer<Double> { UnsafeMutableBufferPointer(start: base, count: count) }

  deinit {
    #if canImport(Glibc)
      if mappedBytes > 0 {
        munmap(UnsafeMutableRawPointer(base), mappedBytes)
        return
      }
    #endif
    base.deallocate()
  }
}
