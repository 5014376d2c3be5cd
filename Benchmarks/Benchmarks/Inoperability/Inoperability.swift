// Benchmarks of the inoperability kernels (IIM solve, DIIM stepping and closed form,
// sparse IIM) at small, medium and large sizes, on the seeded workloads of
// InoperabilityWorkloads (the generator `rensa-bench generate-iim` and the peer
// comparison use). Names contain no spaces or slashes.

import Benchmark
import RensaBenchmarkSupport
import RensaWorkloads
import Rensa
import RensaLinearAlgebra


/// A dense model with ρ(A*) = 0.9 and its perturbation, resilience and scenarios.
struct DenseWorkload: Sendable {
  var model: InoperabilityModel
  var diim: DynamicInoperabilityModel
  var c: [Double]
  var initial: Matrix
  var segments: [DynamicInoperabilityModel.Segment]

  init(n: Int, scenarios: Int, steps: Int) {
    model = try! InoperabilityModel(
      sectors: (0..<n).map { "\($0)" }, interdependency: InoperabilityWorkloads.dense(n: n, rowSum: 0.9, seed: 1),
      origin: "benchmark")
    diim = try! DynamicInoperabilityModel(model: model, resilience: InoperabilityWorkloads.uniform(n, 0.05, 0.5, seed: 3))
    c = InoperabilityWorkloads.uniform(n, 0, 0.05, seed: 2)
    initial = Matrix(rows: n, columns: scenarios, columnMajor: InoperabilityWorkloads.uniform(n * scenarios, 0, 0.3, seed: 5))
    segments = [.init(
      steps: steps,
      perturbation: Matrix(rows: n, columns: scenarios, columnMajor: InoperabilityWorkloads.uniform(n * scenarios, 0, 0.05, seed: 4)))]
  }
}

let benchmarks: @Sendable () -> Void = {
  useRensaBenchmarkDefaults()

  for (label, n) in [("S", 200), ("M", 1_000), ("L", 2_000)] {
    benchmarkWithWorkload("IIM-solve-\(label)", { DenseWorkload(n: n, scenarios: 1, steps: 0) }) {
      try $0.model.equilibrium($0.c)
    }
    // DIIM, 100 steps: one scenario (matrix–vector) and 64 at once (GEMM); the closed
    // form over 1,000 steps (for 100 it would step: fewer flops).
    benchmarkWithWorkload("DIIM-step-1-\(label)", { DenseWorkload(n: n, scenarios: 1, steps: 100) }) {
      try $0.diim.simulate(initial: $0.initial, segments: $0.segments)
    }
    benchmarkWithWorkload("DIIM-step-64-\(label)", { DenseWorkload(n: n, scenarios: 64, steps: 100) }) {
      try $0.diim.simulate(initial: $0.initial, segments: $0.segments)
    }
    benchmarkWithWorkload("DIIM-closed-64-1000-\(label)", { DenseWorkload(n: n, scenarios: 64, steps: 1_000) }) {
      try $0.diim.aggregate(initial: $0.initial, segments: $0.segments)
    }
  }

  // Sparse IIM, 10 nonzeros per row, ρ = 0.9, tolerance 1e-10.
  for (label, n) in [("S", 10_000), ("M", 100_000), ("L", 1_000_000)] {
    benchmarkWithWorkload(
      "SparseIIM-bicgstab-\(label)",
      {
        (
          try! SparseInoperabilityModel(
            interdependency: InoperabilityWorkloads.sparse(n: n, perRow: 10, rowSum: 0.9, seed: 1), origin: "benchmark"),
          InoperabilityWorkloads.uniform(n, 0, 0.05, seed: 2)
        )
      }
    ) { try $0.0.equilibrium($0.1) }
  }
}
