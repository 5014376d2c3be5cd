import ArgumentParser
import Foundation
import Rensa
import RensaGraph
import RensaReport
import RensaStore
import InternalRensaUtilities

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
      ValidateCommand.self, DatasetsCommand.self, ImportCommand.self, IncidentsCommand.self,
    ],
    defaultSubcommand: ClosureCommand.self
  )

  /// Runs the command; whatever the way out, standard output is flushed and checked
  /// last (``checkStandardOutput()``).
  static func main() {
    atexit { RensaCLI.checkStandardOutput() }
    // A memory limit that cannot be read is refused, not silently ignored.
    if let text = ProcessInfo.processInfo.environment["RENSA_MEMORY_LIMIT"], MemoryBudget.parseBytes(text) == nil {
      fail(UsageError(
        message: "RENSA_MEMORY_LIMIT is '\(text)', which is not a size",
        hint: "write bytes or a size such as 512M, 8G or 1.5GB (K, M, G, T: powers of 1,024; KB, MB, GB, TB: of 1,000), or unset it"))
    }
    Self.main(nil)
  }

  /// Flushes standard output at exit (``StandardOutput``) and fails with 74 and a
  /// message when any of it could not be written.
  static func checkStandardOutput() { StandardOutput.finish() }

  /// Prints an error as one line plus a hint and exits with the matching status.
  static func fail(_ error: any Error) -> Never {
    let (message, hint, status): (String, String?, Int32)
    // A database error is said in words (StoreError), never as "SQLite error 13".
    var error = StoreError.wrap(error, path: "the incident store")
    // A file that could not be read is said as such (exit 66, 74 or 69), whichever reader met it.
    if let e = error as? DataError, let file = e.unreadable { error = file }
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
      } else if e.issues.count > RensaCLI.problemsShown {
        // Millions of problems help nobody: the first ones, then a summary by reason.
        let shown = e.issues.prefix(RensaCLI.problemsShown).map { "  " + $0.description }.joined(separator: "\n")
        var kinds: [String: Int] = [:]
        for issue in e.issues.dropFirst(RensaCLI.problemsShown) { kinds[RensaCLI.kind(of: issue), default: 0] += 1 }
        let summary = kinds.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.prefix(10)
          .map { "    \($0.value) × \($0.key)" }.joined(separator: "\n")
        message = "\(e.issues.count) problems in the input; the first \(RensaCLI.problemsShown):\n\(shown)\n"
          + "  … and \(e.issues.count - RensaCLI.problemsShown) more, most often:\n\(summary)"
        hint = "fix the problems above and run again to see the rest; nothing of the input was used"
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
        if e.detail.contains("NUL byte") {
          hint = "a text file (CSV, TSV, JSON, GraphML) has no NUL bytes; is it the file you meant?"
        } else if e.detail.contains("(convert it:") {
          hint = "save it as UTF-8 (spreadsheet programs offer \"CSV UTF-8\"), or convert it as shown"
        } else {
          hint = "save the file as UTF-8 (spreadsheet programs offer \"CSV UTF-8\"; iconv -f SHIFT_JIS -t UTF-8 converts)"
        }
        status = ExitStatus.dataError
      case .tooLarge:
        hint = "nothing was read"
        status = ExitStatus.unavailable
      }
    case let e as PrintError:
      message = e.description
      hint = ReportPrinter.installHint + "; nothing was written"
      status = ExitStatus.unavailable
    case var e as MemoryLimitExceeded:
      // The library names its APIs and options; the CLI names its flags.
      let refused = e.alternative.hasPrefix("the system refused the allocation; ") ? "the system refused the allocation; " : ""
      switch e.remedy {
      case .singleSourceQueries:
        e.alternative = refused + "use the single-source queries (`rensa closure --from/--to`), which need O(n + m) memory, "
          + "or raise the limit (`--memory-limit`)"
      case .failureCounts:
        e.alternative = refused + "raise the limit (`--memory-limit`), or use the Rensa library's "
          + "FailureTable.failureCounts (O(n) memory) or FailurePropagation for single failures"
      case .other: break
      }
      message = e.description
      hint = nil
      status = ExitStatus.unavailable
    case let e as StoreError:
      message = e.description
      switch e.kind {
      case .io:
        hint = e.reason.contains("disk is full") ? "free some space and run again" : "choose another file with --store or $RENSA_STORE"
        status = ExitStatus.ioError
      case .newerSchema:
        hint = "use the Rensa that wrote it, or export the incidents with it (rensa incidents export) and import them here"
        status = ExitStatus.dataError
      case .damaged:
        hint = "restore the store from a copy, or import the incidents into a new one (--store)"
        status = ExitStatus.dataError
      }
    case let e as UsageError:
      message = e.message
      hint = e.hint
      status = ExitStatus.usage
    case let e as OutputError:
      message = e.message
      // The library's hint, in the CLI's own words where a flag says it better.
      switch e.reason {
      case .emptyName: hint = "name a folder, e.g. --out reports"
      case .notAFolder: hint = "--out names a folder to write the files into"
      case .other: hint = e.hint
      }
      status = e.kind == .usage ? ExitStatus.usage : ExitStatus.ioError
    default:
      message = String(describing: error)
      hint = nil
      status = 1
    }
    // Text from the input reaches the terminal escaped (no control sequences).
    var text = "rensa: error: \(Identity.printable(message, keepingNewlines: true))\n"
    if let hint { text += "hint: \(Identity.printable(hint, keepingNewlines: true))\n" }
    FileHandle.standardError.write(Data(text.utf8))
    Foundation.exit(status)
  }

  /// How many problems of one input are listed before the rest is summarised.
  static let problemsShown = 100

  /// A problem's kind for the summary: its field without indices, and its reason with
  /// quoted values and numbers taken out.
  static func kind(of issue: DataIssue) -> String {
    func generalise(_ text: String, brackets: Bool) -> String {
      var out = ""
      var quoted = false
      var inBracket = false
      var lastWasDigit = false
      for ch in text {
        if quoted {
          if ch == "'" { quoted = false; out += "…'" }
          continue
        }
        if brackets && inBracket {
          if ch == "]" { inBracket = false; out += "]" }
          continue
        }
        if ch == "'" && !brackets { quoted = true; out.append(ch); continue }
        if ch == "[" && brackets { inBracket = true; out += "["; continue }
        if ch.isASCII && ch.isNumber {
          if !lastWasDigit { out += "N" }
          lastWasDigit = true
          continue
        }
        lastWasDigit = false
        out.append(ch)
      }
      return out
    }
    let field = issue.field.map { generalise($0, brackets: true) }
    return (field.map { "field '\($0)': " } ?? "") + generalise(issue.reason, brackets: false)
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
  Interruption.install()  // Ctrl-C removes the partial files
  let paths = try AtomicFiles.write(tables + [("dataset.json", document)], into: directory)
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
