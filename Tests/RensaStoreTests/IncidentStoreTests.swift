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
    var changed = history[3]
    changed.durationHours = (changed.durationHours ?? 0) + 1
    let batch = [changed] + Array(history[10..<20])  // ten new records and one conflict
    do {
      try store.importIncidents(batch, source: "second.json")
      Issue.record("expected a conflict")
    } catch let error as DataError {
      #expect(error.issues.count == 1)
      #expect(error.issues[0].reason.contains("'\(changed.id)' is already stored with different content"))
    }
    #expect(try store.count() == 10)  // none of the ten new records was written
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
