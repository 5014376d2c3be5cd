import Foundation

/// Python 3 as the tests use it: an outside implementation (jsonschema, scipy's HiGHS,
/// sqlite3) to check Rensa against. Tests that need it skip with a message without it.
public enum Python {
  /// Whether python3 with the `jsonschema` package runs (the schema tests).
  public static let hasJSONSchema = has("jsonschema")
  /// Whether python3 with `sqlite3` runs (stores written by hand).
  public static let hasSQLite3 = has("sqlite3")

  /// Whether `python3` runs and imports `modules`.
  public static func has(_ modules: String) -> Bool {
    (try? run(["-c", "import \(modules)"], quiet: true).status) == 0
  }

  /// Runs `python3 arguments…`; its exit status and standard output.
  public static func run(_ arguments: [String], quiet: Bool = false) throws -> (status: Int32, stdout: String) {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    p.arguments = ["python3"] + arguments
    let out = Pipe()
    p.standardOutput = out
    if quiet { p.standardError = FileHandle.nullDevice }
    try p.run()
    let data = out.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    return (p.terminationStatus, String(decoding: data, as: UTF8.self))
  }
}
