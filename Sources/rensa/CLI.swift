import ArgumentParser
import Foundation
import Rensa
import RensaGraph
import RensaStore

/// Exit codes (sysexits.h), documented in Docs/CLI.md.
enum ExitStatus {
  static let usage: Int32 = 64
  static let dataError: Int32 = 65
  static let missingInput: Int32 = 66
  static let unavailable: Int32 = 69  // a structure does not fit the memory limit
  static let ioError: Int32 = 74
}

@main
struct RensaCLI: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "rensa",
    abstract: "Critical-infrastructure interdependency and common-threat analysis.",
    discussion: """
      Edges go from supplier to dependent: the direction in which a failure spreads.
      Run a subcommand with --help for its options and examples.
      """,
    version: RensaRelease.string,
    subcommands: [
      ClosureCommand.self, CascadeCommand.self, RestoreCommand.self, InoperabilityCommand.self, ClusterCommand.self,
      ReportCommand.self,
      ValidateCommand.self, DatasetsCommand.self, ImportCommand.self, IncidentsCommand.self, BenchCommand.self,
    ],
    defaultSubcommand: ClosureCommand.self
  )

  /// Prints an error as one line plus a hint and exits with the matching status.
  static func fail(_ error: any Error) -> Never {
    let (message, hint, status): (String, String?, Int32)
    switch error {
    case let e as DataError:
      if e.issues.count == 1 {
        // One problem: its own hint (a did-you-mean, what to do) on the hint line.
        var issue = e.issues[0]
        let own = issue.hint
        issue.hint = nil
        message = issue.description
        if let own {
          hint = own + (own.hasSuffix("?") || own.hasSuffix(".") ? " Nothing" : "; nothing") + " of the input was used"
        } else {
          hint = issue.line == nil ? "nothing of the input was used" : "fix the line above; nothing of the input was used"
        }
      } else {
        message = e.description
        hint = "fix the lines above; nothing of the input was used"
      }
      status = ExitStatus.dataError
    case let e as InputFileError:
      message = e.description
      switch e.kind {
      case .missing:
        hint = "check the path (relative paths start from the current folder); `rensa datasets` lists built-in data"
        status = ExitStatus.missingInput
      case .unreadable:
        hint = nil
        status = ExitStatus.ioError
      case .notText:
        hint = "save the file as UTF-8 (spreadsheet programs offer \"CSV UTF-8\"; iconv -f SHIFT_JIS -t UTF-8 converts)"
        status = ExitStatus.dataError
      case .tooLarge:
        hint = "nothing was read"
        status = ExitStatus.unavailable
      }
    case let e as MemoryLimitExceeded:
      message = e.description
      hint = nil
      status = ExitStatus.unavailable
    case let e as StoreError:
      message = e.description
      hint = "choose another file with --store or $RENSA_STORE"
      status = ExitStatus.ioError
    case let e as UsageError:
      message = e.message
      hint = e.hint
      status = ExitStatus.usage
    case let e as OutputError:
      message = e.message
      hint = "check that the folder exists and is writable"
      status = ExitStatus.ioError
    default:
      message = String(describing: error)
      hint = nil
      status = 1
    }
    var text = "rensa: error: \(message)\n"
    if let hint { text += "hint: \(hint)\n" }
    FileHandle.standardError.write(Data(text.utf8))
    Foundation.exit(status)
  }
}

/// An output file that could not be written.
struct OutputError: Error {
  var message: String
}

/// Writes files into `directory` (created if needed), all or none: each is written to
/// `NAME.partial` beside its final name, and they are renamed once all are written.
/// Ctrl-C (SIGINT) or SIGTERM meanwhile removes the partial files and exits with 130
/// (143), so an interrupted run never leaves a half-written file and leaves the previous
/// files as they were. Returns the paths written.
@discardableResult
func writeFiles(_ files: [(name: String, text: String)], into directory: String) throws(OutputError) -> [String] {
  func makeFolder(_ directory: String) throws(OutputError) {
    // Create the folder and its missing parents with mkdir(2), keeping the system's reason.
    var prefix = directory.hasPrefix("/") ? "/" : ""
    for component in directory.split(separator: "/") {
      prefix += component
      var isDirectory: ObjCBool = false
      if !(FileManager.default.fileExists(atPath: prefix, isDirectory: &isDirectory) && isDirectory.boolValue) {
        if mkdir(prefix, 0o777) != 0 && errno != EEXIST {
          throw OutputError(message: "cannot create the folder \(prefix): \(String(cString: strerror(errno)))")
        }
      }
      prefix += "/"
    }
  }
  Interruption.install()
  var pending: [(final: String, partial: String)] = []
  defer { Interruption.forget(pending.map(\.partial), remove: true) }
  for file in files {
    let path = (directory as NSString).appendingPathComponent(file.name)
    try makeFolder((path as NSString).deletingLastPathComponent)
    let partial = path + ".partial"
    Interruption.track(partial)
    pending.append((path, partial))
    do {
      try Data(file.text.utf8).write(to: URL(fileURLWithPath: partial))
    } catch {
      throw OutputError(message: "cannot write \(path): \(systemReason(error))")
    }
  }
  // Fault injection for the interruption tests (Docs/Hardening.md): every file is
  // written but none renamed yet.
  if ProcessInfo.processInfo.environment["RENSA_FAULT_PAUSE_BEFORE_RENAME"] != nil {
    FileHandle.standardError.write(Data("rensa: fault injection: paused before renaming \(pending.count) files\n".utf8))
    Thread.sleep(forTimeInterval: 60)
  }
  try Interruption.whileHeld { () throws(OutputError) in
    for (path, partial) in pending where rename(partial, path) != 0 {
      throw OutputError(message: "cannot write \(path): \(String(cString: strerror(errno)))")
    }
    pending = []
  }
  return files.map { (directory as NSString).appendingPathComponent($0.name) }
}

/// The partial files being written, removed if the process is interrupted.
enum Interruption {
  nonisolated(unsafe) static var partial = Set<String>()
  nonisolated(unsafe) static var sources: [DispatchSourceSignal] = []
  static let lock = NSLock()

  /// Installs the SIGINT and SIGTERM handlers (once).
  static func install() {
    lock.lock()
    defer { lock.unlock() }
    guard sources.isEmpty else { return }
    for (number, status) in [(SIGINT, Int32(130)), (SIGTERM, Int32(143))] {
      signal(number, SIG_IGN)
      let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
      source.setEventHandler {
        // Holding the lock: never between a rename and its bookkeeping.
        lock.lock()
        for path in partial { unlink(path) }
        FileHandle.standardError.write(Data("\nrensa: interrupted; no file was half-written\n".utf8))
        _exit(status)
      }
      source.resume()
      sources.append(source)
    }
  }

  static func track(_ path: String) {
    lock.lock()
    partial.insert(path)
    lock.unlock()
  }

  static func forget(_ paths: [String], remove: Bool) {
    lock.lock()
    for path in paths {
      partial.remove(path)
      if remove { unlink(path) }
    }
    lock.unlock()
  }

  static func whileHeld(_ body: () throws(OutputError) -> Void) throws(OutputError) {
    lock.lock()
    defer { lock.unlock() }
    try body()
    partial.removeAll()
  }
}

/// The operating system's reason for a failed file operation ("Permission denied"),
/// rather than Foundation's generic wording.
func systemReason(_ error: any Error) -> String {
  let ns = error as NSError
  if let underlying = ns.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
    return String(cString: strerror(Int32(underlying.code)))
  }
  if ns.domain == NSPOSIXErrorDomain { return String(cString: strerror(Int32(ns.code))) }
  return ns.localizedDescription
}

/// Writes `dataset` as `<directory>/dataset.json` with its bulk tables beside it, and
/// says so on standard error.
func writeDatasetWithTables(_ dataset: Dataset, into directory: String) throws(OutputError) {
  let (document, tables) = DatasetWriter.tables(dataset)
  let paths = try writeFiles(tables + [("dataset.json", document)], into: directory)
  FileHandle.standardError.write(Data("rensa: wrote \(paths.joined(separator: ", "))\n".utf8))
}

/// A command-line argument that does not fit the data.
struct UsageError: Error {
  var message: String
  var hint: String?
}

/// Parses sizes such as `512M`, `2G`, `1.5GiB` or a plain byte count.
struct ByteSize: ExpressibleByArgument {
  var bytes: Int
  init?(argument: String) {
    guard let bytes = MemoryBudget.parseBytes(argument) else { return nil }
    self.bytes = bytes
  }
  static var defaultCompletionKind: CompletionKind { .default }
}

struct DatasetsCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "datasets", abstract: "List the datasets built into Rensa, or print one.",
    discussion: """
      Examples:
        rensa datasets                                  # name and summary of each
        rensa datasets --export nisc-2009 > mine.json   # a starting point for your own dataset
        rensa datasets --export nisc-2009 --tables mine # the same, incidents etc. as CSV tables
      """)

  @Option(help: "Print the named built-in dataset (nisc-2009 as a dataset document, example-network and cisa-sector-mapping as CSV).")
  var export: String?

  @Option(
    name: .customLong("tables"),
    help: "With --export nisc-2009: write dataset.json and its assets, dependencies and incidents as CSV tables into this folder.")
  var tablesDirectory: String?

  func run() throws {
    guard let name = export else {
      for entry in BuiltinDatasets.catalogue { print("\(entry.name)\t\(entry.summary)") }
      return
    }
    switch name {
    case BuiltinDatasets.nisc2009Name:
      if let tablesDirectory {
        do { try writeDatasetWithTables(BuiltinDatasets.nisc2009(), into: tablesDirectory) } catch { RensaCLI.fail(error) }
      } else {
        print(DatasetWriter.json(BuiltinDatasets.nisc2009()), terminator: "")
      }
    case BuiltinDatasets.exampleNetworkName: print(BuiltinDatasets.exampleNetworkCSV, terminator: "")
    case BuiltinDatasets.cisaSectorMappingName: print(CISASectorMapping.standard.csv, terminator: "")
    default:
      let names = BuiltinDatasets.catalogue.map(\.name)
      RensaCLI.fail(
        UsageError(
          message: "no built-in dataset is called '\(name)'",
          hint: didYouMean(name, among: names).map { "did you mean '\($0)'?" } ?? "built-in: \(names.joined(separator: ", "))"))
    }
  }
}
