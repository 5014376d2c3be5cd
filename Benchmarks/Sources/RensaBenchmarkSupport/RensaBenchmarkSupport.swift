// What every Rensa benchmark target shares: the default configuration with the CI
// gate's tolerances, and benchmarks whose workload lives only while they run.

import Benchmark

/// Sets package-benchmark's default configuration for a Rensa target.
///
/// CI checks a subset against Benchmarks/Thresholds (.ci/check-benchmarks). Wall-clock
/// p90 on this 2-core VM swings by up to 90 % between runs (bursty memory latency), so a
/// wall-clock regression must double to fail; allocation counts are nearly deterministic
/// (a few from the harness and Dispatch vary) and may grow by 20; peak memory by 60 %:
/// large buffers are madvised for transparent huge pages, and whether the kernel has
/// 2 MiB pages to give moves the same run's peak resident set between 274 and 401 MB.
public func useRensaBenchmarkDefaults() {
  Benchmark.defaultConfiguration = .init(
    metrics: [.wallClock, .mallocCountTotal, .peakMemoryResident],
    warmupIterations: 1,
    maxDuration: .seconds(2),
    maxIterations: 50,
    thresholds: [
      .wallClock: .init(relative: [.p90: 100]),
      .mallocCountTotal: .init(absolute: [.p90: 20]),
      .peakMemoryResident: .init(relative: [.p90: 60]),
    ]
  )
}

/// A workload built in a benchmark's setup and released in its teardown.
final class Slot<T>: @unchecked Sendable {
  var value: T?
}

/// A benchmark whose workload is built by `make` in its setup and freed in its teardown,
/// so that it does not weigh on the other benchmarks' peak memory; `body` is measured.
public func benchmarkWithWorkload<T, R>(
  _ name: String, _ make: @escaping @Sendable () -> T, _ body: @escaping @Sendable (T) throws -> R
) {
  let slot = Slot<T>()
  Benchmark(
    name,
    closure: { benchmark in
      let workload = slot.value!
      for _ in benchmark.scaledIterations { blackHole(try body(workload)) }
    },
    setup: { slot.value = make() },
    teardown: { slot.value = nil })
}
