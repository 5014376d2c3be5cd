import Foundation
import GRDB
import Rensa

/// The incident store: incident reports kept across years in an embedded SQLite
/// database, so analysts can add a year's reports and regenerate reports.
///
/// - Imports are transactions: a file with any problem, or any record that conflicts
///   with a stored one, writes nothing. Re-importing identical records changes nothing.
/// - The schema is versioned by migrations (``schemaVersions``); opening an older store
///   upgrades it.
/// - Each incident is stored as its canonical JSON (sorted keys) beside indexed columns
///   for the usual filters (year, sector, threat type, sharing scope).
///
/// The default location is ``defaultPath``: `$RENSA_STORE`, else
/// `$XDG_DATA_HOME/rensa/incidents.sqlite`, else `~/.local/share/rensa/incidents.sqlite`.
///
/// The database runs in SQLite's write-ahead-log mode: a reader (another process
/// listing or reporting) sees the last committed state while an import is under way,
/// and a process killed in the middle of an import leaves the store as it was before
/// it (SQLite's atomic commit; tested by killing imports with SIGKILL). The `-wal` and
/// `-shm` files beside the database belong to it: copy the store with `rensa
/// incidents export`, or while no process has it open.
public final class IncidentStore: Sendable {
  /// The database file.
  public let path: String
  let queue: DatabasePool

  /// Where the store lives unless a path is given.
  public static var defaultPath: String {
    let environment = ProcessInfo.processInfo.environment
    if let explicit = environment["RENSA_STORE"], !explicit.isEmpty { return explicit }
    let base = environment["XDG_DATA_HOME"].flatMap { $0.isEmpty ? nil : $0 }
      ?? (NSHomeDirectory() as NSString).appendingPathComponent(".local/share")
    return ((base as NSString).appendingPathComponent("rensa") as NSString).appendingPathComponent("incidents.sqlite")
  }

  /// The migrations, in order.
  public static let schemaVersions = ["v1-incidents", "v2-import-log", "v3-removals"]

  static var migrator: DatabaseMigrator {
    var migrator = DatabaseMigrator()
    migrator.registerMigration("v1-incidents") { db in
      try db.create(table: "incident") { t in
        t.primaryKey("id", .text)
        t.column("occurred", .text).notNull()
        t.column("year", .integer).notNull().indexed()
        t.column("sector", .text).notNull().indexed()
        t.column("threatType", .text).notNull()
        t.column("sharing", .text).notNull()
        t.column("synthetic", .boolean).notNull()
        t.column("record", .text).notNull()  // canonical JSON of the Incident
      }
    }
    migrator.registerMigration("v2-import-log") { db in
      try db.create(table: "importLog") { t in
        t.autoIncrementedPrimaryKey("id")
        t.column("source", .text).notNull()
        t.column("added", .integer).notNull()
        t.column("unchanged", .integer).notNull()
      }
    }
    migrator.registerMigration("v3-removals") { db in
      // Removals are logged beside imports: how many records a change removed.
      try db.alter(table: "importLog") { t in t.add(column: "removed", .integer).notNull().defaults(to: 0) }
    }
    return migrator
  }

  /// Opens (creating folders and the file if needed) and migrates the store at `path`.
  ///
  /// - Throws: ``StoreError`` when the file cannot be opened or is not a Rensa store.
  public init(path: String = IncidentStore.defaultPath) throws(StoreError) {
    self.path = path
    do {
      let folder = (path as NSString).deletingLastPathComponent
      if !folder.isEmpty { try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) }
      var configuration = Configuration()
      // A second writer waits for the first instead of failing at once.
      configuration.busyMode = .timeout(30)
      queue = try DatabasePool(path: path, configuration: configuration)
      try Self.migrator.migrate(queue)
    } catch {
      throw StoreError(path: path, reason: "cannot open the incident store: \(error)")
    }
  }

  /// Opens an existing store for reading only: nothing is created, migrated or
  /// written, and a reader opened while an import runs sees the state before it.
  ///
  /// - Throws: ``StoreError`` when there is no store at `path`, or it is not a Rensa
  ///   store of this version (open it once for writing to upgrade it).
  public init(readingFrom path: String) throws(StoreError) {
    self.path = path
    guard FileManager.default.fileExists(atPath: path) else {
      throw StoreError(path: path, reason: "no incident store here (rensa incidents import creates one)")
    }
    let applied: [String]
    do {
      var configuration = Configuration()
      configuration.readonly = true
      configuration.busyMode = .timeout(30)
      queue = try DatabasePool(path: path, configuration: configuration)
      applied = try queue.read { try Self.migrator.appliedMigrations($0) }
    } catch {
      throw StoreError(path: path, reason: "cannot open the incident store: \(error)")
    }
    guard applied == Self.schemaVersions else {
      throw StoreError(
        path: path, reason: "the store has schema \(applied.last ?? "none"), not \(Self.schemaVersions.last!): open it once with rensa incidents import or list to upgrade it")
    }
  }

  /// Migrations applied to this store.
  public func appliedMigrations() throws(StoreError) -> [String] {
    do { return try queue.read { try Self.migrator.appliedMigrations($0) } } catch { throw StoreError(path: path, reason: "\(error)") }
  }

  /// What an import did.
  public struct ImportSummary: Sendable, Hashable {
    public var added: Int
    public var unchanged: Int
  }

  /// Imports incidents in one transaction.
  ///
  /// - Throws: `DataError` (Rensa) listing every incident whose id is stored with different
  ///   content (nothing is written then); `StoreError` or GRDB errors for database failures.
  ///
  /// `progress`, if given, is called inside the transaction after each record written,
  /// with the number written so far (for a progress display, or to stop the process at
  /// a chosen point in fault tests).
  @discardableResult
  public func importIncidents(_ incidents: [Incident], source: String, progress: ((Int) -> Void)? = nil) throws -> ImportSummary {
    let encoded = try incidents.map { ($0, try Self.encode($0)) }
    return try queue.write { db in
      var conflicts: [DataIssue] = []
      var added = 0
      var unchanged = 0
      var seen: [String: String] = [:]
      for (incident, json) in encoded {
        if let earlier = seen[incident.id] {
          if earlier != json {
            conflicts.append(DataIssue(file: source, field: "incidents", reason: "incident '\(incident.id)' appears twice with different content"))
          }
          continue
        }
        seen[incident.id] = json
        if let stored = try String.fetchOne(db, sql: "SELECT record FROM incident WHERE id = ?", arguments: [incident.id]) {
          if stored == json {
            unchanged += 1
          } else {
            conflicts.append(
              DataIssue(
                file: source, field: "incidents", reason: "incident '\(incident.id)' is already stored with different content",
                hint: "give corrected reports a new id, or remove the old one first"))
          }
          continue
        }
        try db.execute(
          sql: "INSERT INTO incident (id, occurred, year, sector, threatType, sharing, synthetic, record) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
          arguments: [
            incident.id, incident.occurred.description, incident.occurred.year, incident.sector, incident.threatType.rawValue,
            incident.sharing.rawValue, incident.synthetic, json,
          ])
        added += 1
        progress?(added)
      }
      // Throwing inside `write` rolls the whole transaction back.
      if !conflicts.isEmpty { throw DataError(conflicts) }
      try db.execute(sql: "INSERT INTO importLog (source, added, unchanged) VALUES (?, ?, ?)", arguments: [source, added, unchanged])
      return ImportSummary(added: added, unchanged: unchanged)
    }
  }

  /// Removes the incidents with these ids in one transaction (to correct a report: remove
  /// it, then import the corrected record), and logs the removal.
  ///
  /// - Throws: `DataError` (Rensa) naming every id that is not stored, with a
  ///   did-you-mean; nothing is removed then.
  /// - Returns: the number removed.
  @discardableResult
  public func removeIncidents(ids: [String], reason: String) throws -> Int {
    try queue.write { db in
      let wanted = Set(ids).sorted()
      var missing: [String] = []
      for id in wanted where try Int.fetchOne(db, sql: "SELECT 1 FROM incident WHERE id = ?", arguments: [id]) == nil {
        missing.append(id)
      }
      if !missing.isEmpty {
        let stored = try String.fetchAll(db, sql: "SELECT id FROM incident")
        throw DataError(
          missing.map { id in
            DataIssue(
              file: path, field: "id", reason: "no incident '\(id)' is stored",
              hint: didYouMean(id, among: stored).map { "did you mean '\($0)'?" })
          })
      }
      var removed = 0
      for id in wanted {
        try db.execute(sql: "DELETE FROM incident WHERE id = ?", arguments: [id])
        removed += db.changesCount
      }
      try db.execute(
        sql: "INSERT INTO importLog (source, added, unchanged, removed) VALUES (?, 0, 0, ?)",
        arguments: ["remove: \(reason)", removed])
      return removed
    }
  }

  /// Stored incidents, by occurrence then id, optionally of one year and/or sector.
  public func incidents(year: Int? = nil, sector: String? = nil) throws -> [Incident] {
    var sql = "SELECT record FROM incident"
    var conditions: [String] = []
    var arguments: [any DatabaseValueConvertible] = []
    if let year {
      conditions.append("year = ?")
      arguments.append(year)
    }
    if let sector {
      conditions.append("sector = ?")
      arguments.append(sector)
    }
    if !conditions.isEmpty { sql += " WHERE " + conditions.joined(separator: " AND ") }
    sql += " ORDER BY occurred, id"
    let records = try queue.read { db in try String.fetchAll(db, sql: sql, arguments: StatementArguments(arguments)) }
    return try records.map { try JSONDecoder().decode(Incident.self, from: Data($0.utf8)) }
  }

  /// Number of stored incidents.
  public func count() throws -> Int { try queue.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM incident") ?? 0 } }

  /// SQLite's `PRAGMA integrity_check`: `["ok"]` for a sound database, else the problems.
  public func integrityCheck() throws -> [String] { try queue.read { try String.fetchAll($0, sql: "PRAGMA integrity_check") } }

  static func encode(_ incident: Incident) throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    return String(decoding: try encoder.encode(incident), as: UTF8.self)
  }
}

/// The incident store could not be opened or used.
public struct StoreError: Error, Sendable, Hashable, CustomStringConvertible {
  public var path: String
  public var reason: String
  public var description: String { "\(path): \(reason)" }
}
