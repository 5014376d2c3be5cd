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
    subcommands: [ClosureCommand.self, ValidateCommand.self, DatasetsCommand.self, ImportCommand.self, IncidentsCommand.self, BenchCommand.self],
    defaultSubcommand: ClosureCommand.self
  )

  /// Prints an error as one line plus a hint and exits with the matching status.
  static func fail(_ error: any Error) -> Never {
    let (message, hint, status): (String, String?, Int32)
    switch error {
    case let e as DataError:
      message = e.issues.count == 1 ? e.issues[0].description : e.description
      hint = "fix the lines above; nothing was imported"
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
        hint = "save the file as UTF-8 CSV or TSV"
        status = ExitStatus.dataError
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

/// A command-line argument that does not fit the data.
struct UsageError: Error {
  var message: String
  var hint: String?
}

/// Parses sizes such as `512M`, `2G`, `1.5GiB` or a plain byte count.
struct ByteSize: ExpressibleByArgument {
  var bytes: Int
  init?(argument: String) {
    let text = argument.trimmingCharacters(in: .whitespaces).uppercased()
    let units: [(String, Double)] = [
      ("TIB", 0x1p40), ("GIB", 0x1p30), ("MIB", 0x1p20), ("KIB", 0x1p10),
      ("TB", 1e12), ("GB", 1e9), ("MB", 1e6), ("KB", 1e3),
      ("T", 0x1p40), ("G", 0x1p30), ("M", 0x1p20), ("K", 0x1p10), ("B", 1),
    ]
    var factor = 1.0
    var number = Substring(text)
    for (suffix, value) in units where text.hasSuffix(suffix) {
      factor = value
      number = text.dropLast(suffix.count)
      break
    }
    guard let value = Double(number.trimmingCharacters(in: .whitespaces)), value >= 0, value * factor < 9e18 else {
      return nil
    }
    bytes = Int(value * factor)
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
      """)

  @Option(help: "Print the named built-in dataset (nisc-2009 as a dataset document, example-network as CSV).")
  var export: String?

  func run() throws {
    guard let name = export else {
      for entry in BuiltinDatasets.catalogue { print("\(entry.name)\t\(entry.summary)") }
      return
    }
    switch name {
    case BuiltinDatasets.nisc2009Name: print(DatasetWriter.json(BuiltinDatasets.nisc2009()), terminator: "")
    case BuiltinDatasets.exampleNetworkName: print(BuiltinDatasets.exampleNetworkCSV, terminator: "")
    default:
      let names = BuiltinDatasets.catalogue.map(\.name)
      RensaCLI.fail(
        UsageError(
          message: "no built-in dataset is called '\(name)'",
          hint: didYouMean(name, among: names).map { "did you mean '\($0)'?" } ?? "built-in: \(names.joined(separator: ", "))"))
    }
  }
}
