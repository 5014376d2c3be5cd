// swift-tools-version: 6.1
//
// Coverage-guided fuzzers of Rensa's parsers and importers (libFuzzer). Not part of the
// main build: Tests/Fuzz/run.sh builds this package with -sanitize=fuzzer,address and
// runs each fuzzer for a bounded time (Docs/Hardening.md).

import Foundation
import PackageDescription

// The main package is the repository two levels up; SwiftPM names a path dependency
// after its folder, which differs between clones.
let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

let package = Package(
  name: "RensaFuzz",
  dependencies: [.package(path: root.path)],
  targets: [
    .executableTarget(
      name: "rensa-fuzz",
      dependencies: [
        .product(name: "Rensa", package: root.lastPathComponent.lowercased()),
        .product(name: "RensaReport", package: root.lastPathComponent.lowercased()),
      ],
      // libFuzzer supplies main(); the module only defines LLVMFuzzerTestOneInput.
      swiftSettings: [.unsafeFlags(["-parse-as-library"])]
    )
  ]
)
