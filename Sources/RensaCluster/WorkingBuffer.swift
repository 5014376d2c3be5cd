import CRensaBits
import Dispatch
import Foundation
import InternalRensaUtilities

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A scratch array of `Double` for the linkage algorithms' working copy of the
/// distances: the package's one mapped buffer (`MappedBuffer`), 64-byte aligned, with
/// buffers of 32 MiB and more from anonymous `mmap` with transparent huge pages
/// requested (a fresh 400 MB array otherwise costs 100,000 page faults, a third of an
/// n = 10,000 clustering).
typealias WorkingBuffer = MappedBuffer<Double>

extension MappedBuffer where Element == Double {
  /// A buffer of `count` doubles whose pages are not touched yet (fill it in parallel so
  /// that the kernel zeroes them in parallel). Its contents are undefined until written.
  /// Memory the system refuses is a crash, as an array's would be.
  static func uninitialized(_ count: Int) -> WorkingBuffer {
    guard let buffer = MappedBuffer<Double>(uninitializedCount: count) else {
      fatalError("out of memory: \(count) doubles for the linkage's working copy")
    }
    return buffer
  }

  /// A buffer holding `values` widened to `Double`.
  static func copying<S: BinaryFloatingPoint>(_ values: [S]) -> WorkingBuffer {
    let buffer = uninitialized(values.count)
    let p = buffer.base
    let mappedBytes = buffer.mappedBytes
    // Fresh pages are zeroed by the kernel on first touch, in the touching thread: a
    // large copy is split over the processors so that they zero in parallel.
    let parts = mappedBytes > 0 ? max(1, min(8, ProcessorCount.active)) : 1
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
    return buffer
  }
}

/// The nearest-neighbour chain's working copy of the distances: entry (i, j), i < j, is
/// at `rowStart[i] + columnOffset[j]`, in one of two layouts.
///
/// - **Tiles** of 4 rows × 2 columns, one 64-byte cache line each, for large n. In
///   scipy's condensed order a cluster's entries with the clusters above it are
///   contiguous, but those with the clusters below it lie a row apart, a cache line
///   each; every merge reads two clusters' entries, and those strided reads, bound by
///   memory latency, were most of the chain's time once the distances outgrow the
///   caches. In tiles the strided entries of a cluster come four to a line (its row's
///   entries two to a line, in consecutive lines that the hardware prefetcher streams).
/// - **Condensed** (scipy's order: `rowStart[i] = n·i − i(i+1)/2 − i − 1`,
///   `columnOffset[j] = j`) for small n, where everything is in cache and a plain copy
///   is cheapest.
final class ChainDistances {
  let storage: WorkingBuffer
  let rowStart: UnsafeMutablePointer<Int>
  let columnOffset: UnsafeMutablePointer<Int>
  let n: Int

  /// A copy of condensed distances (widened to Double), on up to `threads` threads: in
  /// tiles with `lists`, and then the same pass over the distances also makes every
  /// cluster's first neighbour list (``NeighbourLists/initialise(_:)``); in condensed
  /// order without.
  init<S: BinaryFloatingPoint>(copying values: [S], n: Int, threads: Int, lists: NeighbourLists?) {
    self.n = n
    rowStart = .allocate(capacity: max(n, 1))
    columnOffset = .allocate(capacity: max(n, 1))
    guard let lists else {
      for i in 0..<n { rowStart[i] = Linkage.rowBase(i, n: n) }
      for j in 0..<n { columnOffset[j] = j }
      storage = WorkingBuffer.copying(values)
      return
    }
    let columnPairs = (n + 1) / 2
    let rowBlocks = (n + 3) / 4
    var tiles = 0
    for block in 0..<rowBlocks {
      // Block `block` holds the column pairs 2·block ..< columnPairs.
      let tileBase = (tiles - 2 * block) * 8
      for r in 0..<4 where 4 * block + r < n { rowStart[4 * block + r] = tileBase + 2 * r }
      tiles += columnPairs - 2 * block
    }
    for j in 0..<n { columnOffset[j] = (j >> 1) * 8 + (j & 1) }
    storage = WorkingBuffer.uninitialized(max(1, tiles) * 8)
    // Rows in blocks of four, split between the threads by entries.
    let parts = max(1, min(threads, rowBlocks))
    var bounds = [0]
    let total = n * (n - 1) / 2
    var done = 0
    for block in 0..<rowBlocks {
      for r in 0..<4 where 4 * block + r < n { done += n - 1 - (4 * block + r) }
      if bounds.count < parts && done >= total * bounds.count / parts { bounds.append(block + 1) }
    }
    while bounds.count <= parts { bounds.append(rowBlocks) }
    let offers = (0..<parts).map { _ in InitialLists(n) }
    // Concrete element types, so that the conversion is not a generic call per entry.
    if S.self == Double.self {
      unsafeBitCast(values, to: [Double].self).withUnsafeBufferPointer { fill($0, blocks: bounds, parts: parts, offers: offers) }
    } else if S.self == Float.self {
      unsafeBitCast(values, to: [Float].self).withUnsafeBufferPointer { fill($0, blocks: bounds, parts: parts, offers: offers) }
    } else {
      values.map { Double($0) }.withUnsafeBufferPointer { fill($0, blocks: bounds, parts: parts, offers: offers) }
    }
    lists.initialise(offers)
  }

  /// Writes the tiles of the row blocks `blocks[t] ..< blocks[t + 1]` on thread t, and
  /// makes the offers of those rows to `offers[t]`. A C kernel (vectorised) copies a
  /// row's entries up to the next one that some selection keeps; `T` is `Double` or
  /// `Float`.
  private func fill<T: BinaryFloatingPoint & Sendable>(_ source: UnsafeBufferPointer<T>, blocks: [Int], parts: Int, offers: [InitialLists]) {
    let n = n
    let columnPairs = (n + 1) / 2
    nonisolated(unsafe) let out = storage.base
    nonisolated(unsafe) let rowStart = rowStart
    nonisolated(unsafe) let columnOffset = columnOffset
    nonisolated(unsafe) let source = source
    DispatchQueue.concurrentPerform(iterations: parts) { t in
      let lists = offers[t]
      let worst = lists.worst
      for block in blocks[t]..<blocks[t + 1] {
        // Each block's tiles (diagonal padding included) are written whole, so every
        // page is first touched here.
        let first = 4 * block
        for r in 0..<4 {
          let i = first + r
          let start = rowStart[first] + 2 * r
          if i >= n {
            for c in (2 * block)..<columnPairs {
              out[start + c * 8] = 0
              out[start + c * 8 + 1] = 0
            }
            continue
          }
          // Diagonal tile entries with j ≤ i are padding.
          for j in (4 * block)...i { out[start + columnOffset[j]] = 0 }
          // Row i's entries, src[j] for j > i; each offered to i's and to j's selection.
          let src = source.baseAddress! + Linkage.rowBase(i, n: n)
          var j = i + 1
          while j < n {
            j =
              T.self == Double.self
              ? rensa_tile_row_f64(UnsafeRawPointer(src).assumingMemoryBound(to: Double.self), out + start, worst, worst[i], j, n)
              : rensa_tile_row_f32(UnsafeRawPointer(src).assumingMemoryBound(to: Float.self), out + start, worst, worst[i], j, n)
            guard j < n else { break }
            let v = Double(src[j])
            if v < worst[i] { lists.keep(i, v, j) }
            if v < worst[j] { lists.keep(j, v, i) }
            j += 1
          }
          if n & 1 == 1 { out[start + columnOffset[n - 1] + 1] = 0 }
        }
      }
    }
  }

  deinit {
    rowStart.deallocate()
    columnOffset.deallocate()
  }
}

/// How the chain finds entry (i, j), i < j, in a ``ChainDistances``:
/// `rowStart[i] + column(j)`. One conforming type per layout, so that each gets its own
/// specialised chain.
protocol DistanceLayout: SendableMetatype {
  var rowStart: UnsafePointer<Int> { get }
  func column(_ j: Int) -> Int
}

/// scipy's condensed order: the column offset is the index.
struct CondensedLayout: DistanceLayout {
  let rowStart: UnsafePointer<Int>
  init(_ d: ChainDistances) { rowStart = UnsafePointer(d.rowStart) }
  @inline(__always) func column(_ j: Int) -> Int { j }
}

/// Tiles of 4 rows × 2 columns: the column offset from a table.
struct TiledLayout: DistanceLayout {
  let rowStart: UnsafePointer<Int>
  let offsets: UnsafePointer<Int>
  init(_ d: ChainDistances) {
    rowStart = UnsafePointer(d.rowStart)
    offsets = UnsafePointer(d.columnOffset)
  }
  @inline(__always) func column(_ j: Int) -> Int { offsets[j] }
}
