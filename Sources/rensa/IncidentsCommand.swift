import ArgumentParser
import Foundation
import Rensa
import RensaStore

struct IncidentsCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "incidents",
    abstract: "Keep incident reports across years in the incident store (SQLite).",
    discussion: """
      The store is \(IncidentStore.defaultPath.replacingOccurrences(of: NSHomeDirectory(), with: "~")) by default
      ($RENSA_STORE, else $XDG_DATA_HOME/rensa/incidents.sqlite, else ~/.local/share/rensa/incidents.sqlite);
      --store chooses another file.

      Examples:
        rensa incidents import reports-2026.json
        rensa incidents list --year 2026 --sector electric-power
        rensa incidents export > all-incidents.json
        rensa incidents remove INC-2026-0042 --reason "duplicate report"
      """,
    subcommands: [Import.self, List.self, Export.self, Remove.self])

  struct StoreOptions: ParsableArguments {
    @Option(help: "Incident store file (default: see `rensa incidents --help`).")
    var store: String?

    func open() throws -> IncidentStore { try IncidentStore(path: store ?? IncidentStore.defaultPath) }
  }

  struct Import: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Import an incident file; all or nothing.",
      discussion: """
        FILE is {"operators": [...], "incidents": [...]} in the dataset format
        (Docs/DatasetFormat.md). References are checked against --dataset (default: the
        built-in nisc-2009). A file with any problem imports nothing and lists every
        problem; identical records already stored are left unchanged; a stored id with
        different content is a conflict and imports nothing.
        """)
    @Argument(help: "Incident file (JSON).") var file: String
    @Option(name: [.customLong("dataset"), .customLong("data")],
            help: "Dataset (built-in name or file) whose sectors, services and threats the incidents refer to.")
    var data: String = BuiltinDatasets.nisc2009Name
    @OptionGroup var options: StoreOptions

    func run() throws {
      do {
        let context = data == BuiltinDatasets.nisc2009Name
          ? BuiltinDatasets.nisc2009(syntheticIncidents: nil) : try DatasetReader.read(path: data)
        let parsed = try DatasetReader.parseIncidents(try readTextFile(file), file: file, context: context)
        let store = try options.open()
        // Fault injection for the store's crash tests (Docs/Hardening.md): with
        // RENSA_FAULT_PAUSE_IMPORT_AFTER=N the import says so and waits after N records,
        // inside its transaction, for the test to kill it.
        let pauseAfter = ProcessInfo.processInfo.environment["RENSA_FAULT_PAUSE_IMPORT_AFTER"].flatMap { Int($0) }
        let summary = try store.importIncidents(parsed.incidents, operators: parsed.operators, source: file) { written in
          guard written == pauseAfter else { return }
          FileHandle.standardError.write(Data("rensa: fault injection: paused inside the import after \(written) records\n".utf8))
          Thread.sleep(forTimeInterval: 60)
        }
        print("\(file): \(summary.added) incident(s) added, \(summary.unchanged) already stored; \(try store.count()) in \(store.path)")
        // Spellings of one reporter across the store (counted as one organisation).
        let all = Dataset(name: store.path, description: "", operators: try store.operators(), incidents: try store.incidents())
        for warning in DatasetReader.warnings(all, file: store.path) {
          FileHandle.standardError.write(Data("warning: \(warning.description)\n".utf8))
        }
      } catch {
        RensaCLI.fail(error)
      }
    }
  }

  struct List: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "List stored incidents.")
    @Option(parsing: .unconditional, help: "Only this year (1900–2200).") var year: Int?

    func validate() throws {
      if let year, !(1900...2200).contains(year) { throw ValidationError("--year must be a year from 1900 to 2200, not \(year)") }
    }
    @Option(help: "Only this sector id.") var sector: String?
    @Flag(help: "Print JSON.") var json = false
    @OptionGroup var options: StoreOptions

    func run() throws {
      do {
        let incidents = try options.open().incidents(year: year, sector: sector)
        if json {
          print(DatasetWriter.incidentFile(operators: [], incidents: incidents), terminator: "")
          return
        }
        var rows = [["id", "occurred", "sector", "threat type", "exceeded", "sharing", "synthetic"]]
        for i in incidents {
          rows.append([
            i.id, i.occurred.description, i.sector, i.threatType.rawValue, i.exceededVerificationLevel ? "yes" : "no",
            i.sharing.rawValue, i.synthetic ? "SYNTHETIC" : "",
          ])
        }
        print(TextTable.render(rows, rightAligned: []))
        print("\(incidents.count) incident(s)")
      } catch {
        RensaCLI.fail(error)
      }
    }
  }

  struct Remove: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Remove incidents by id, all or nothing (to correct a report, remove it and import the corrected one).")
    @Argument(help: "Incident ids.") var ids: [String]
    @Option(help: "Why they are removed (kept in the store's log).") var reason: String
    @OptionGroup var options: StoreOptions

    func run() throws {
      do {
        let store = try options.open()
        let removed = try store.removeIncidents(ids: ids, reason: reason)
        print("\(removed) incident(s) removed; \(try store.count()) in \(store.path)")
      } catch {
        RensaCLI.fail(error)
      }
    }
  }

  struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Print every stored incident as an incident file (importable again).")
    @OptionGroup var options: StoreOptions

    func run() throws {
      do {
        let store = try options.open()
        print(DatasetWriter.incidentFile(operators: try store.operators(), incidents: try store.incidents()), terminator: "")
      } catch {
        RensaCLI.fail(error)
      }
    }
  }
}
