import Foundation

/// Paths the tests use: the repository, its fixtures, the shared datasets and the built CLI.
public enum TestPaths {
  /// The repository root (three levels above this file).
  public static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()

  public static func fixture(_ name: String) -> URL {
    repository.appendingPathComponent("Tests/Fixtures/\(name)")
  }

  /// `../shared/datasets` beside the repository, or `$RENSA_SHARED_DATASETS`.
  public static let sharedDatasets: URL = {
    if let override = ProcessInfo.processInfo.environment["RENSA_SHARED_DATASETS"] {
      return URL(fileURLWithPath: override)
    }
    return repository.deletingLastPathComponent().appendingPathComponent("shared/datasets")
  }()

  public static func sharedDataset(_ relative: String) -> URL? {
    let url = sharedDatasets.appendingPathComponent(relative)
    return FileManager.default.fileExists(atPath: url.path) ? url : nil
  }

  /// The `rensa` executable built beside the test bundle.
  public static let rensaExecutable: URL? = {
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

  /// What a run of the built `rensa` gave.
  public struct Run: Sendable {
    public var status: Int32
    public var stdout: String
    public var stderr: String
  }

  /// Runs the built `rensa` with `arguments` (and extra environment variables), with
  /// standard output to a pipe, or to the file `stdoutPath` (e.g. `/dev/full`).
  public static func runRensa(
    _ arguments: [String], environment: [String: String] = [:], directory: String? = nil, stdoutPath: String? = nil
  ) throws -> Run {
    guard let executable = rensaExecutable else { throw TestSupportError("the rensa executable was not built beside the tests") }
    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
    if !environment.isEmpty { process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, b in b } }
    if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
    let out = Pipe()
    let err = Pipe()
    if let stdoutPath {
      guard let handle = FileHandle(forWritingAtPath: stdoutPath) else { throw TestSupportError("cannot write \(stdoutPath)") }
      process.standardOutput = handle
    } else {
      process.standardOutput = out
    }
    process.standardError = err
    try process.run()
    let stdout = stdoutPath == nil ? out.fileHandleForReading.readDataToEndOfFile() : Data()
    let stderr = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return Run(
      status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
      stderr: String(decoding: stderr, as: UTF8.self))
  }

  /// Runs SQL on a database file with Python's sqlite3 (false when python3 is absent).
  public static func runSQLite(_ path: String, _ sql: String) throws -> Bool {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", "-c", "import sqlite3, sys; db = sqlite3.connect(sys.argv[1]); db.executescript(sys.argv[2]); db.commit()", path, sql]
    do { try process.run() } catch { return false }
    process.waitUntilExit()
    return process.terminationStatus == 0
  }
}

/// A test's precondition that does not hold (the CLI not built, a file not writable).
public struct TestSupportError: Error, CustomStringConvertible {
  public var description: String
  public init(_ description: String) { self.description = description }
}
