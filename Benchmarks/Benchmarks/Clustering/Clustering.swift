// Benchmarks of the clustering kernels (binary distances, hierarchical linkage,
// spectral co-clustering) at small, medium and large sizes on seeded random binary
// matrices (400 features, 5 % density: the workloads of the peer comparison). Names
// contain no spaces or slashes.

import Benchmark
import RensaBenchmarkSupport
import RensaCluster
import RensaGraph
import RensaWorkloads

/// n × 400 random bits at 5 % density (`rensa-bench generate-binary --columns 400 --density 0.05`).
func randomBinary(_ n: Int, seed: UInt64) -> BinaryMatrix {
  BinaryWorkloadFile.matrix(rows: n, columns: 400, density: 0.05, seed: seed)
}

/// n × 400 bits at 5 % density with 10 planted co-clusters (30 % inside a block), as
/// `rensa-bench generate-binary --blocks 10 --inside 0.3`.
func plantedBinary(_ n: Int, seed: UInt64) -> BinaryMatrix {
  BinaryWorkloadFile.matrix(rows: n, columns: 400, density: 0.05, seed: seed, blocks: 10, inside: 0.3)
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
  for (label, n) in [("S", 1_000), ("M", 5_000), ("L", 10_000)] {
    benchmarkWithWorkload("Cocluster-blocks10-\(label)", { plantedBinary(n, seed: 1) }) {
      try SpectralCoclustering.fit($0, clusters: 10, seed: 0)
    }
  }
  for (label, n) in [("S", 200), ("M", 1_000)] {
    benchmarkWithWorkload(
      "OptimalLeafOrder-average-\(label)",
      { () -> (Linkage, CondensedDistances<Double>) in
        let d: CondensedDistances<Double> = try! randomBinary(n, seed: 1).distances(.jaccard)
        return (try! Linkage(d, method: .average), d)
      }
    ) { try $0.0.optimalLeafOrdering($0.1) }
  }
}
