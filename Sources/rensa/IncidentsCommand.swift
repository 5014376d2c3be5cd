import ArgumentParser
import Foundation
import Rensa
import RensaReport
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
        rensa incidents show INC-2026-0042        (every version of one report)
        rensa incidents ledger                    (what rensa report --publish recorded)
      """,
    subcommands: [Import.self, List.self, Show.self, Export.self, Remove.self, Ledger.self])

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
        different content is an update: the store keeps it as a new version of that
        incident (rensa incidents show ID) and counts its latest state. An update may not
        lower an incident's marking (that conflict imports nothing).
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
        print(
          "\(file): \(summary.added) incident(s) added, \(summary.updated) updated (a new version each), "
            + "\(summary.unchanged) already stored; \(try store.count()) in \(store.path)")
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

  struct Ledger: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "List the publication ledger: each year a published report recorded (rensa report --publish).",
      discussion: """
        A later report from this store shows each of these years exactly as it was
        published, whatever its incidents have become (Docs/Report.md, "Revisions").
        """)
    @OptionGroup var options: StoreOptions

    func run() throws {
      do {
        let path = options.store ?? IncidentStore.defaultPath
        guard FileManager.default.fileExists(atPath: path) else {
          throw InputFileError(path: path, kind: .missing, detail: "no incident store here (rensa incidents import creates one)")
        }
        let store = try IncidentStore(readingFrom: path)
        let entries = try store.publications().map { p -> PublishedYear in
          guard let e = PublishedYear(json: p.entry) else {
            throw StoreError(path: path, reason: "publication ledger entry \(p.kind) \(p.year) \(p.edition) is not readable: the store is damaged")
          }
          return e
        }.sorted { ($0.year, $0.fiscalYear ? 1 : 0, $0.edition, $0.kind.rawValue) < ($1.year, $1.fiscalYear ? 1 : 0, $1.edition, $1.kind.rawValue) }
        guard !entries.isEmpty else {
          print("The publication ledger of \(path) is empty: rensa report --store \(path) --publish records an edition.")
          return
        }
        var rows = [["year", "counted by", "edition", "figures", "published", "withheld", "records", "recorded", "report"]]
        for e in entries {
          let withheld = e.cells.filter { $0.value == nil }.count
          rows.append([
            String(e.year), e.fiscalYear ? "fiscal year" : "calendar year", "TLP:\(e.edition.rawValue)",
            e.kind == .counts ? "counts" : "user-hours", String(e.cells.count - withheld), String(withheld), String(e.records.count),
            e.recordedAt, e.report,
          ])
        }
        print(TextTable.render(rows, rightAligned: [0, 4, 5, 6]))
      } catch {
        RensaCLI.fail(error)
      }
    }
  }

  struct Show: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Show one incident and every version of it: when, from which file, what changed.")
    @Argument(help: "Incident id.") var id: String
    @Flag(help: "Print JSON: the versions, oldest first.") var json = false
    @OptionGroup var options: StoreOptions

    func run() throws {
      do {
        // Showing reads a store; it must not create an empty one from a mistyped path.
        let path = options.store ?? IncidentStore.defaultPath
        guard FileManager.default.fileExists(atPath: path) else {
          throw InputFileError(path: path, kind: .missing, detail: "no incident store here (rensa incidents import creates one)")
        }
        let store = try options.open()
        let versions = try store.history(of: id)
        guard let latest = versions.last else {
          let stored = try store.incidents().map(\.id)
          throw DataError([DataIssue(
            file: store.path, field: "id", reason: "no incident '\(id)' is stored",
            hint: didYouMean(id, among: stored).map { "did you mean '\($0)'?" } ?? "rensa incidents list shows the stored ids")])
        }
        if json {
          let items = versions.map { v in
            "{\"version\": \(v.version), \"recordedAt\": \(JSONValue.string(v.recordedAt).serialized()), "
              + "\"source\": \(JSONValue.string(v.source).serialized()), "
              + "\"changed\": [\(v.changed.map { JSONValue.string($0).serialized() }.joined(separator: ", "))], "
              + "\"incident\": \(Self.canonical(v.incident))}"
          }
          print("[\n" + items.joined(separator: ",\n") + "\n]")
          return
        }
        let i = latest.incident
        print("\(i.id): \(i.occurred), sector \(i.sector), \(i.threatType.rawValue)\(i.threat.map { " (\($0))" } ?? ""), "
          + "\(i.exceededVerificationLevel ? "exceeded" : "within") the verification level, TLP:\(i.sharing.rawValue)"
          + (i.isProvisional ? ", PROVISIONAL" : "") + (i.synthetic ? ", SYNTHETIC" : ""))
        print("\(versions.count) version\(versions.count == 1 ? "" : "s"):")
        var rows = [["version", "recorded", "from", "what changed"]]
        var previous: [String: String] = [:]
        for v in versions {
          let fields = Self.fields(v.incident)
          let changes = v.changed.map { f in "\(f): \(previous[f] ?? "–") → \(fields[f] ?? "–")" }
          rows.append([String(v.version), v.recordedAt.isEmpty ? "–" : v.recordedAt, v.source, v.version == 1 ? "first report" : changes.joined(separator: "; ")])
          previous = fields
        }
        print(TextTable.render(rows, rightAligned: [0]))
      } catch {
        RensaCLI.fail(error)
      }
    }

    /// The incident as the store records it (`IncidentStore.canonicalJSON`).
    static func canonical(_ i: Incident) -> String { (try? IncidentStore.canonicalJSON(i)) ?? "null" }

    /// An incident's fields as the store records them (its canonical JSON), as text.
    static func fields(_ i: Incident) -> [String: String] {
      guard let data = try? IncidentStore.canonicalJSON(i).data(using: .utf8),
        let record = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any]
      else { return [:] }
      var out: [String: String] = [:]
      for (k, v) in record {
        if let s = v as? String {
          out[k] = s
        } else if let d = try? JSONSerialization.data(withJSONObject: ["v": v], options: [.sortedKeys]) {
          // {"v":…} → …
          out[k] = String(decoding: d.dropFirst(5).dropLast(), as: UTF8.self)
        }
      }
      return out
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
