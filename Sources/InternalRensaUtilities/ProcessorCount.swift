import Foundation

/// The number of processors available to this process.
package enum ProcessorCount {
  /// Processors this process may run on (at least 1): Foundation's
  /// `activeProcessorCount`, which honours the CPU affinity mask (`taskset`, a container's
  /// cpuset) on Linux. The one source of every kernel's default thread count (the
  /// clustering, linear-algebra and report code use the same value); results do not
  /// depend on it.
  package static var active: Int { max(1, ProcessInfo.processInfo.activeProcessorCount) }
}
