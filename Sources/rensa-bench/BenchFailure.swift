import Foundation
import Rensa
import RensaGraph

/// A command-line argument that does not fit the workload.
struct UsageError: Error {
  var message: String
  var hint: String?
}

/// How `rensa-bench` ends on an error: one line on standard error and the exit status
/// of `rensa` (Docs/CLI.md): 64 usage, 65 data, 66 missing input, 69 memory, 74 I/O.
/// The benchmark tool is for developers; its errors are plain, not the analyst CLI's.
enum BenchFailure {
  static func fail(_ error: any Error) -> Never {
    let (message, status): (String, Int32)
    let error = (error as? DataError)?.unreadable ?? error
    switch error {
    case let e as DataError: (message, status) = (e.description, 65)
    case let e as InputFileError: (message, status) = (e.description, e.kind == .missing ? 66 : 74)
    case let e as MemoryLimitExceeded: (message, status) = (e.description, 69)
    case let e as UsageError: (message, status) = (e.message + (e.hint.map { " (\($0))" } ?? ""), 64)
    default: (message, status) = (String(describing: error), 1)
    }
    FileHandle.standardError.write(Data("rensa-bench: error: \(message)\n".utf8))
    exit(status)
  }
}
