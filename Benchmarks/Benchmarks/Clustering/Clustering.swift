// Benchmarks of the clustering kernels (binary distances, hierarchical linkage) at
// small, medium and large sizes on seeded random binary matrices (400 features, 5 %
// density: the workload of the peer comparison). Names contain no spaces or slashes.

import Benchmark
import RensaBenchmarkSupport
import RensaCluster
import RensaGraph

/// n × 400 random bits at 5 % density.
func randomBinary(_ n: Int, seed: UInt64) -> BinaryMatrix {
  var rng = Xoshiro256StarStar(seed: seed)
  var m = BinaryMatrix(rowCount: n, columnCount: 400)
  for r in 0..<n { for c in 0..<400 where rng.nextUnitDouble() < 0.05 { m[r, c] = true } }
  return m
}

let benchmarks: @Sendable () -> Void = {
  useRensaBenchmarkDefaults()

  for (label, n) in [("S", 1_000), ("M", 5_000), ("L", 10_000)] {
    benchmarkWithWorkload("Jaccard-float-\(label)", { randomBinary(n, seed: 1) }) { m -> CondensedDistances<Float> in
      try m.distances(.jaccard, as: Float.self)
    }
  }
  for (label, n) in [("S", 500), ("M", 2_000), ("L", 5_000)] {
    for method in [LinkageMethod.single, .average, .ward, .centroid] {
      benchmarkWithWorkload(
        "Linkage-\(method.rawValue)-\(label)", { () -> CondensedDistances<Double> in try! randomBinary(n, seed: 1).distances(.jaccard) }
      ) { try Linkage($0, method: method) }
    }
  }
}
