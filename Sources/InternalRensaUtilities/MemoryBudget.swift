#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// How much memory an analysis may allocate, and the error it throws beyond it.
///
/// Every analysis that builds an all-pairs structure computes the bytes it
/// needs **before** allocating and refuses with ``MemoryLimitExceeded`` above
/// the limit, so a large request never wakes the operating system's
/// out-of-memory killer.
package enum MemoryBudget {
  /// Physical memory of the machine in bytes, further capped by the cgroup
  /// (container) memory limit where one is set.
  package static var usableMemory: Int {
    var bytes = physicalMemory
    if let cgroup = cgroupMemoryLimit(), cgroup > 0, cgroup < bytes { bytes = cgroup }
    return bytes
  }

  /// Physical memory in bytes (`sysconf(_SC_PHYS_PAGES) × page size`).
  package static var physicalMemory: Int {
    #if canImport(Glibc) || canImport(Darwin)
      let pages = sysconf(Int32(_SC_PHYS_PAGES))
      let size = sysconf(Int32(_SC_PAGESIZE))
      if pages > 0 && size > 0 { return pages * size }
    #endif
    return 8 << 30
  }

  /// The default limit for one large structure: `$RENSA_MEMORY_LIMIT` when set (e.g.
  /// `8G`, `512M`), else half of ``usableMemory``.
  package static var defaultLimit: Int {
    if let text = getenv("RENSA_MEMORY_LIMIT").map({ String(cString: $0) }), let bytes = parseBytes(text) { return bytes }
    return usableMemory / 2
  }

  /// Bytes from text such as `512M`, `4G`, `2GiB`, `1.5GB` or `1000000` (K, M, G and T
  /// are powers of 1,024; KB, MB, GB and TB of 1,000); nil if it is not one.
  package static func parseBytes(_ text: String) -> Int? {
    func trimmed(_ s: Substring) -> Substring {
      var t = s
      while let f = t.first, f == " " || f == "\t" { t.removeFirst() }
      while let l = t.last, l == " " || l == "\t" { t.removeLast() }
      return t
    }
    let upper = String(trimmed(Substring(text))).uppercased()
    let units: [(String, Double)] = [
      ("TIB", 0x1p40), ("GIB", 0x1p30), ("MIB", 0x1p20), ("KIB", 0x1p10),
      ("TB", 1e12), ("GB", 1e9), ("MB", 1e6), ("KB", 1e3),
      ("T", 0x1p40), ("G", 0x1p30), ("M", 0x1p20), ("K", 0x1p10), ("B", 1),
    ]
    var factor = 1.0
    var number = Substring(upper)
    for (suffix, value) in units where upper.hasSuffix(suffix) {
      factor = value
      number = upper.dropLast(suffix.count)
      break
    }
    guard let value = Double(trimmed(number)), value >= 0, value * factor < 9e18 else { return nil }
    return Int(value * factor)
  }

  /// Reads `/sys/fs/cgroup/memory.max` (cgroup v2) or the v1 equivalent.
  package static func cgroupMemoryLimit() -> Int? {
    for path in ["/sys/fs/cgroup/memory.max", "/sys/fs/cgroup/memory/memory.limit_in_bytes"] {
      guard let file = fopen(path, "r") else { continue }
      defer { fclose(file) }
      var buffer = [CChar](repeating: 0, count: 64)
      guard fgets(&buffer, 64, file) != nil else { continue }
      let text = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
      if let value = Int(text.filter { $0.isNumber }), value > 0 { return value }
    }
    return nil
  }
}
