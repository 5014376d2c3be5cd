import Foundation
import Testing
import _RensaTestSupport
import Rensa
import RensaStore

@Suite struct IncidentStoreTests {
  func temporaryStore() throws -> IncidentStore {
    try IncidentStore(path: NSTemporaryDirectory() + "rensa-store-\(UUID().uuidString)/incidents.sqlite")
  }

  var history: [Incident] { BuiltinDatasets.nisc2009().incidents }

  @Test func importIsIdempotentAndFiltersWork() throws {
    let store = try temporaryStore()
    #expect(try store.appliedMigrations() == IncidentStore.schemaVersions)
    let first = try store.importIncidents(history, source: "all")
    #expect(first.added == history.count && first.unchanged == 0)
    let again = try store.importIncidents(history, source: "all")
    #expect(again.added == 0 && again.unchanged == history.count)
    #expect(try store.count() == history.count)
    let expected = history.filter { $0.occurred.year == 2024 && $0.sector == "water" }
    #expect(try store.incidents(year: 2024, sector: "water") == expected.sorted { ($0.occurred, $0.id) < ($1.occurred, $1.id) })
    // Reopening the same file keeps everything and applies no migration twice.
    let reopened = try IncidentStore(path: store.path)
    #expect(try reopened.count() == history.count)
  }

  @Test func aConflictWritesNothing() throws {
    let store = try temporaryStore()
    try store.importIncidents(Array(history.prefix(10)), source: "first")
    // An update that lowers a stored marking, and one id twice with different content:
    // both conflicts are listed, and none of the ten new records is written.
    var lowered = history[3]
    lowered.sharing = .clear
    lowered.durationHours = (lowered.durationHours ?? 0) + 1
    #expect(history[3].sharing > .clear)
    var twice = history[10]
    twice.affectedUsers = (twice.affectedUsers ?? 0) + 7
    let batch = [lowered] + Array(history[10..<20]) + [twice]
    do {
      try store.importIncidents(batch, source: "second.json")
      Issue.record("expected conflicts")
    } catch let error as DataError {
      #expect(error.issues.count == 2)
      #expect(error.issues[0].reason.contains("an update may not lower its marking to TLP:CLEAR"))
      #expect(error.issues[1].reason.contains("'\(twice.id)' appears twice with different content"))
    }
    #expect(try store.count() == 10)
    #expect(try store.history(of: history[3].id).count == 1)
  }

  /// An operator's first report is fragmentary; its updates are kept as versions, the
  /// store counts the latest, and the history says when, from where and what changed.
  @Test func updatesAreKeptAsVersions() throws {
    let store = try temporaryStore()
    var first = history[5]
    first.provisional = true
    first.durationHours = nil
    first.affectedUsers = nil
    try store.importIncidents([first] + Array(history.prefix(5)), source: "first.json")
    var second = first
    second.provisional = nil
    second.durationHours = 36
    let summary = try store.importIncidents([second], source: "update-1.json")
    #expect(summary.added == 0 && summary.updated == 1 && summary.unchanged == 0)
    var third = second
    third.affectedUsers = 120_000
    try store.importIncidents([third], source: "update-2.json")
    // The same update again changes nothing.
    #expect(try store.importIncidents([third], source: "update-2.json").unchanged == 1)
    #expect(try store.count() == 6)
    #expect(try store.incidents().first { $0.id == first.id } == third)
    let versions = try store.history(of: first.id.lowercased())
    #expect(versions.map(\.version) == [1, 2, 3])
    #expect(versions.map(\.source) == ["first.json", "update-1.json", "update-2.json"])
    #expect(versions.map(\.changed) == [[], ["durationHours", "provisional"], ["affectedUsers"]])
    #expect(versions.map(\.incident) == [first, second, third])
    #expect(versions.allSatisfy { $0.recordedAt.hasSuffix("Z") })
    #expect(try store.updatedCount() == 1)
    // Removing the incident removes its versions.
    try store.removeIncidents(ids: [first.id], reason: "test")
    #expect(try store.history(of: first.id).isEmpty && store.updatedCount() == 0)
  }

  /// A store written before `v3-removals` (made here with Python's sqlite3 exactly as
  /// GRDB laid out v1 and v2) opens, is migrated and keeps its records.
  @Test(.enabled(if: Python.hasSQLite3, "skipped: python3 is not available"))
  func anOlderStoreIsUpgraded() throws {
    let path = NSTemporaryDirectory() + "rensa-old-store-\(UUID().uuidString).sqlite"
    let incident = history[0]
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    let record = String(decoding: try encoder.encode(incident), as: UTF8.self)
    let script = """
      import sqlite3, sys
      db = sqlite3.connect(sys.argv[1])
      db.executescript(
          "CREATE TABLE grdb_migrations (identifier TEXT NOT NULL PRIMARY KEY);"
          "INSERT INTO grdb_migrations VALUES ('v1-incidents'), ('v2-import-log');"
          "CREATE TABLE incident (id TEXT PRIMARY KEY, occurred TEXT NOT NULL, year INTEGER NOT NULL,"
          " sector TEXT NOT NULL, threatType TEXT NOT NULL, sharing TEXT NOT NULL, synthetic BOOLEAN NOT NULL,"
          " record TEXT NOT NULL);"
          "CREATE TABLE importLog (id INTEGER PRIMARY KEY AUTOINCREMENT, source TEXT NOT NULL,"
          " added INTEGER NOT NULL, unchanged INTEGER NOT NULL);")
      a = sys.argv
      db.execute("INSERT INTO incident VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                 (a[2], a[3], int(a[3][:4]), a[4], a[5], a[6], 1, a[7]))
      db.commit()
      """
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    p.arguments = [
      "python3", "-c", script, path, incident.id, incident.occurred.description, incident.sector,
      incident.threatType.rawValue, incident.sharing.rawValue, record,
    ]
    try p.run()
    p.waitUntilExit()
    #expect(p.terminationStatus == 0)
    let store = try IncidentStore(path: path)
    #expect(try store.appliedMigrations() == IncidentStore.schemaVersions)
    #expect(try store.incidents() == [incident])
    // The incident stored before versions were kept is its own version 1.
    let versions = try store.history(of: incident.id)
    #expect(versions.count == 1 && versions[0].incident == incident && versions[0].source == "stored before versions were kept")
    #expect(try store.removeIncidents(ids: [incident.id], reason: "after upgrade") == 1)
  }

  @Test func removalIsAllOrNothingAndACorrectionCanFollow() throws {
    let store = try temporaryStore()
    try store.importIncidents(Array(history.prefix(10)), source: "first")
    let (a, b) = (history[2].id, history[5].id)
    do {
      try store.removeIncidents(ids: [a, b, b + "x"], reason: "test")
      Issue.record("expected an unknown id to be refused")
    } catch let error as DataError {
      #expect(error.issues.map(\.reason) == ["no incident '\(b)x' is stored"])
      #expect(error.issues[0].hint == "did you mean '\(b)'?")
    }
    #expect(try store.count() == 10)  // nothing removed
    #expect(try store.removeIncidents(ids: [a, b, a], reason: "duplicates") == 2)
    #expect(try store.count() == 8 && !(try store.incidents()).contains { $0.id == a })
    // The corrected record can now be imported under the same id.
    var corrected = history[2]
    corrected.durationHours = 99
    #expect(try store.importIncidents([corrected], source: "fix").added == 1)
    #expect(try store.incidents().first { $0.id == a }?.durationHours == 99)
  }

  @Test func exportReadsBackAsAnIncidentFile() throws {
    let store = try temporaryStore()
    try store.importIncidents(history, source: "all")
    let base = BuiltinDatasets.nisc2009()
    let file = DatasetWriter.incidentFile(operators: base.operators, incidents: try store.incidents())
    let parsed = try DatasetReader.parseIncidents(file, file: "export.json", context: BuiltinDatasets.nisc2009(syntheticIncidents: nil))
    #expect(Set(parsed.incidents.map(\.id)) == Set(history.map(\.id)))
    #expect(parsed.incidents.sorted { $0.id < $1.id } == history.sorted { $0.id < $1.id })
  }

  @Test func incidentFilesAreValidatedAgainstTheContext() {
    let text = """
      {"incidents": [
        {"id": "x1", "occurred": "2026-01-05", "sector": "electric-powr", "threatType": "intentional",
         "exceededVerificationLevel": true, "sharing": "GREEN", "reporter": "r", "synthetic": false},
        {"id": "x2", "occurred": "2026-02-31", "sector": "water", "threatType": "spillover",
         "exceededVerificationLevel": false, "sharing": "AMBER", "reporter": "r", "synthetic": false}
      ]}
      """
    do {
      _ = try DatasetReader.parseIncidents(text, file: "in.json", context: BuiltinDatasets.nisc2009(syntheticIncidents: nil))
      Issue.record("expected a DataError")
    } catch {
      #expect(error.issues.contains { $0.line == 2 && $0.hint == "did you mean 'electric-power'?" })
      #expect(error.issues.contains { $0.line == 4 && $0.field == "incidents[1].occurred" })
      #expect(error.issues.contains { $0.line == 4 && $0.field == "incidents[1].originSector" })
    }
  }
}
