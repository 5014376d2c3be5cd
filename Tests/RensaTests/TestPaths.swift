import Foundation

/// Paths the tests use: the repository, its fixtures, the shared datasets and the built CLI.
enum TestPaths {
  /// The repository root (three levels above this file).
  static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()

  static func fixture(_ name: String) -> URL {
    repository.appendingPathComponent("Tests/RensaTests/Fixtures/\(name)")
  }

  /// `../shared/datasets` beside the repository, or `$RENSA_SHARED_DATASETS`.
  static let sharedDatasets: URL = {
    if let override = ProcessInfo.processInfo.environment["RENSA_SHARED_DATASETS"] {
      return URL(fileURLWithPath: override)
    }
    return repository.deletingLastPathComponent().appendingPathComponent("shared/datasets")
  }()

  static func sharedDataset(_ relative: String) -> URL? {
    let url = sharedDatasets.appendingPathComponent(relative)
    return FileManager.default.fileExists(atPath: url.path) ? url : nil
  }

  /// The `rensa` executable built beside the test bundle.
  static let rensaExecutable: URL? = {
    var candidates: [URL] = []
    if let first = CommandLine.arguments.first {
      candidates.append(URL(fileURLWithPath: first).deletingLastPathComponent())
    }
    candidates.append(Bundle.main.bundleURL)
    candidates.append(Bundle.main.bundleURL.deletingLastPathComponent())
    candidates.append(repository.appendingPathComponent(".build/debug"))
    for directory in candidates {
      let url = directory.appendingPathComponent("rensa")
      if FileManager.default.isExecutableFile(atPath: url.path) { return url }
    }
    return nil
  }()
}
