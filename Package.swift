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
  .library(name: "Rensa", targets: ["Rensa"]),
  .library(name: "RensaStore", targets: ["RensaStore"]),
  .executable(name: "rensa", targets: ["rensa"]),
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

  .target(name: "RensaGraph", dependencies: ["CRensaBits"], swiftSettings: strict),
  .target(name: "RensaLinearAlgebra", dependencies: ["CRensaBLAS"], swiftSettings: strict),
  // Domain-free linear programmes (GLPK): least and greatest values over sparse rows.
  .target(name: "RensaLP", dependencies: ["CRensaGLPK"], swiftSettings: strict),
  // Domain-free clustering kernels: binary distances, hierarchical linkage (scipy's
  // conventions), cuts and cophenetic distances.
  .target(
    name: "RensaCluster", dependencies: ["CRensaBits", "RensaGraph", "RensaLinearAlgebra"], swiftSettings: strict),
  .target(
    name: "Rensa",
    dependencies: ["RensaGraph", "RensaLinearAlgebra", "RensaCluster", "RensaLP"],
    swiftSettings: strict
  ),
  // The incident store: an embedded SQLite database through GRDB.
  .target(
    name: "RensaStore",
    dependencies: ["Rensa", .product(name: "GRDB", package: "GRDB.swift")],
    swiftSettings: strict
  ),
  .executableTarget(
    name: "rensa",
    dependencies: [
      "Rensa",
      "RensaCluster",
      "RensaLinearAlgebra",
      "RensaStore",
      .product(name: "ArgumentParser", package: "swift-argument-parser"),
    ],
    swiftSettings: strict
  ),

  // Generators, naive reference implementations and oracles for the tests.
  .target(
    name: "_RensaTestSupport",
    dependencies: ["RensaGraph", "RensaLinearAlgebra", "RensaCluster", "RensaLP", "Rensa"],
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
  .testTarget(
    name: "RensaTests",
    dependencies: ["Rensa", "RensaLP", "RensaStore", "_RensaTestSupport"],
    exclude: ["Fixtures", "BadInput"],
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
  ],
  targets: targets
)
