// swift-tools-version: 6.1
//
// Rensa's package-benchmark suite. A separate package, so that users of the Rensa
// library never fetch the benchmark dependency. Run from the repository root:
//   swift package --package-path Benchmarks benchmark
// See Benchmarks/README.md.

import PackageDescription

let package = Package(
  name: "RensaBenchmarks",
  platforms: [.macOS(.v14)],
  dependencies: [
    .package(name: "Rensa", path: ".."),
    // The default traits need a package that is not available here; the malloc
    // interposer alone gives the allocation metrics.
    .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
  ],
  targets: [
    // Shared by the benchmark targets: the default configuration and workload helpers.
    .target(
      name: "RensaBenchmarkSupport",
      dependencies: [.product(name: "Benchmark", package: "benchmark")],
      path: "Sources/RensaBenchmarkSupport",
      swiftSettings: [.swiftLanguageMode(.v6)]
    ),
    .executableTarget(
      name: "GraphKernels",
      dependencies: [
        .product(name: "Benchmark", package: "benchmark"),
        "RensaBenchmarkSupport",
        .product(name: "RensaWorkloads", package: "Rensa"),
        .product(name: "RensaGraph", package: "Rensa"),
      ],
      path: "Benchmarks/GraphKernels",
      swiftSettings: [.swiftLanguageMode(.v6)],
      plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
    ),
    .executableTarget(
      name: "Clustering",
      dependencies: [
        .product(name: "Benchmark", package: "benchmark"),
        "RensaBenchmarkSupport",
        .product(name: "RensaWorkloads", package: "Rensa"),
        .product(name: "RensaCluster", package: "Rensa"),
        .product(name: "RensaGraph", package: "Rensa"),
      ],
      path: "Benchmarks/Clustering",
      swiftSettings: [.swiftLanguageMode(.v6)],
      plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
    ),
    .executableTarget(
      name: "Inoperability",
      dependencies: [
        .product(name: "Benchmark", package: "benchmark"),
        "RensaBenchmarkSupport",
        .product(name: "RensaWorkloads", package: "Rensa"),
        .product(name: "Rensa", package: "Rensa"),
        .product(name: "RensaLinearAlgebra", package: "Rensa"),
      ],
      path: "Benchmarks/Inoperability",
      swiftSettings: [.swiftLanguageMode(.v6)],
      plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
    ),
    .executableTarget(
      name: "Report",
      dependencies: [
        .product(name: "Benchmark", package: "benchmark"),
        "RensaBenchmarkSupport",
        .product(name: "RensaWorkloads", package: "Rensa"),
        .product(name: "Rensa", package: "Rensa"),
        .product(name: "RensaReport", package: "Rensa"),
      ],
      path: "Benchmarks/Report",
      swiftSettings: [.swiftLanguageMode(.v6)],
      plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
    ),
  ]
)
