// swift-tools-version: 6.1
//
// Rensa (連鎖, "chain reaction"): critical-infrastructure interdependency and
// common-threat analysis. See README.md.

import PackageDescription

// MARK: - Public API

let products: [Product] = [
  .library(name: "RensaGraph", targets: ["RensaGraph"]),
  .library(name: "RensaLinearAlgebra", targets: ["RensaLinearAlgebra"]),
  .library(name: "RensaCluster", targets: ["RensaCluster"]),
  .library(name: "RensaLP", targets: ["RensaLP"]),
  .library(name: "RensaData", targets: ["RensaData"]),
  .library(name: "Rensa", targets: ["Rensa"]),
  .library(name: "RensaReport", targets: ["RensaReport"]),
  .library(name: "RensaStore", targets: ["RensaStore"]),
  .executable(name: "rensa", targets: ["rensa"]),
  // Seeded workload generators (graph families, IIM workloads, scaled datasets, binary
  // matrices) shared by the tests, `rensa-bench` and the Benchmarks package.
  .library(name: "RensaWorkloads", targets: ["RensaWorkloads"]),
  // Workloads and kernel timings for Benchmarks/Peers and the instruction gate; not
  // installed by `make run`.
  .executable(name: "rensa-bench", targets: ["rensa-bench"]),
]

// MARK: - Implementation details

let strict: [SwiftSetting] = [
  .swiftLanguageMode(.v6),
  // Invariant checks stay out of release builds unless RENSA_INTERNAL_CHECKS is set
  // (as swift-collections does with COLLECTIONS_INTERNAL_CHECKS).
  .define("RENSA_INTERNAL_CHECKS", .when(configuration: .debug)),
]

let targets: [Target] = [
  // OpenBLAS (CBLAS + Fortran LAPACK symbols) from Debian's libopenblas-dev.
  .systemLibrary(
    name: "CRensaBLAS",
    pkgConfig: "openblas",
    providers: [.apt(["libopenblas-dev", "liblapack-dev"])]
  ),
  // GLPK (simplex, branch-and-cut) from Debian's libglpk-dev, for the report's disclosure audit.
  .systemLibrary(name: "CRensaGLPK", providers: [.apt(["libglpk-dev"])]),
  // Word kernels (popcount, OR) compiled for several ISA levels; the loader picks one.
  .target(name: "CRensaBits"),

  // What several targets share but is not API (package access): the memory budget, the
  // processor count, the PRNG, the one mapped buffer, byte formatting. After
  // swift-collections' InternalCollectionsUtilities.
  .target(name: "InternalRensaUtilities", swiftSettings: strict),

  .target(name: "RensaGraph", dependencies: ["CRensaBits", "InternalRensaUtilities"], swiftSettings: strict),
  .target(name: "RensaLinearAlgebra", dependencies: ["CRensaBLAS", "InternalRensaUtilities"], swiftSettings: strict),
  // Domain-free linear programmes (GLPK): least and greatest values over sparse rows.
  .target(name: "RensaLP", dependencies: ["CRensaGLPK"], swiftSettings: strict),
  // Domain-free clustering kernels: binary distances, hierarchical linkage (scipy's
  // conventions), cuts and cophenetic distances.
  .target(
    name: "RensaCluster", dependencies: ["CRensaBits", "InternalRensaUtilities", "RensaGraph", "RensaLinearAlgebra"],
    swiftSettings: strict),
  // The model, its readers, validation and importers, the built-in datasets and the
  // synthetic history: files in, a validated model out. Knows no analysis.
  .target(name: "RensaData", dependencies: ["InternalRensaUtilities", "RensaGraph"], swiftSettings: strict),
  // The analyses over the model: closure, cascade, scenarios, Monte Carlo, changes,
  // inoperability, clustering. Re-exports RensaData and the kernel modules its API uses.
  .target(
    name: "Rensa",
    dependencies: ["InternalRensaUtilities", "RensaData", "RensaGraph", "RensaLinearAlgebra", "RensaCluster"],
    swiftSettings: strict
  ),
  // The annual report: chapters, disclosure control (RensaLP), charts and renderers.
  .target(name: "RensaReport", dependencies: ["InternalRensaUtilities", "Rensa", "RensaLP"], swiftSettings: strict),
  // The incident store: an embedded SQLite database through GRDB, over the model alone.
  .target(
    name: "RensaStore",
    dependencies: ["RensaData", .product(name: "GRDB", package: "GRDB.swift")],
    swiftSettings: strict
  ),
  .executableTarget(
    name: "rensa",
    dependencies: [
      "InternalRensaUtilities",
      "Rensa",
      "RensaReport",
      "RensaCluster",
      "RensaLinearAlgebra",
      "RensaStore",
      .product(name: "ArgumentParser", package: "swift-argument-parser"),
    ],
    swiftSettings: strict
  ),

  .target(
    name: "RensaWorkloads",
    dependencies: ["InternalRensaUtilities", "RensaData", "RensaGraph", "RensaLinearAlgebra", "RensaCluster"],
    swiftSettings: strict
  ),
  .executableTarget(
    name: "rensa-bench",
    dependencies: [
      "CRensaBits", "InternalRensaUtilities", "Rensa", "RensaCluster", "RensaGraph", "RensaLinearAlgebra", "RensaWorkloads",
      .product(name: "ArgumentParser", package: "swift-argument-parser"),
    ],
    swiftSettings: strict
  ),

  // Naive reference implementations and oracles for the tests (the generators are in
  // RensaWorkloads, re-exported here).
  .target(
    name: "_RensaTestSupport",
    dependencies: [
      "InternalRensaUtilities", "RensaGraph", "RensaLinearAlgebra", "RensaCluster", "RensaLP", "RensaData", "Rensa",
      "RensaReport", "RensaWorkloads",
    ],
    swiftSettings: strict
  ),
  .testTarget(
    name: "RensaLPTests",
    dependencies: ["RensaLP"],
    swiftSettings: strict
  ),
  .testTarget(
    name: "RensaGraphTests",
    dependencies: ["RensaGraph", "CRensaBits", "_RensaTestSupport"],
    swiftSettings: strict
  ),
  .testTarget(
    name: "RensaClusterTests",
    dependencies: ["RensaCluster", "_RensaTestSupport"],
    swiftSettings: strict
  ),
  .testTarget(
    name: "RensaLinearAlgebraTests",
    dependencies: ["RensaLinearAlgebra", "_RensaTestSupport"],
    swiftSettings: strict
  ),
  // One test target per module, and the CLI end to end (with the bad-input catalogue),
  // after swift-argument-parser's unit / end-to-end split.
  .testTarget(
    name: "RensaDataTests",
    dependencies: ["RensaData", "Rensa", "_RensaTestSupport"],
    swiftSettings: strict
  ),
  .testTarget(
    name: "RensaTests",
    dependencies: ["Rensa", "_RensaTestSupport"],
    swiftSettings: strict
  ),
  .testTarget(
    name: "RensaReportTests",
    dependencies: ["RensaReport", "RensaLP", "_RensaTestSupport"],
    swiftSettings: strict
  ),
  .testTarget(
    name: "RensaStoreTests",
    dependencies: ["RensaStore", "_RensaTestSupport"],
    swiftSettings: strict
  ),
  .testTarget(
    name: "RensaCLITests",
    dependencies: ["Rensa", "RensaReport", "RensaStore", "_RensaTestSupport"],
    exclude: ["BadInput"],
    swiftSettings: strict
  ),
]

let package = Package(
  name: "Rensa",
  platforms: [.macOS(.v14)],
  products: products,
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
    // `swift package generate-documentation` (a command plugin: no code in the products).
    .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.5.0"),
  ],
  targets: targets
)
