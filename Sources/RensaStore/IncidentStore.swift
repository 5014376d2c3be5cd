import Foundation
import GRDB
import RensaData

/// The incident store: incident reports kept across years in an embedded SQLite
/// database, so analysts can add a year's reports and regenerate reports.
///
/// - Imports are transactions: a file with any problem, or any record that conflicts
///   with a stored one, writes nothing. Re-importing identical records changes nothing.
/// - Every version of an incident is kept. An operator's first report is often
///   fragmentary and followed by updates (cause found, duration known, users counted): a
///   record whose id is stored with different content is a new version of it (when,
///   from which file, which fields changed), and the store counts its latest state
///   (``incidents(year:sector:)``, ``history(of:)``). A version may not lower the
///   incident's marking.
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
  public static let schemaVersions = [
    "v1-incidents", "v2-import-log", "v3-removals", "v4-identity-keys", "v5-versions", "v6-publications",
  ]

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
    migrator.registerMigration("v4-identity-keys") { db in
      // Ids are compared in their normal form (Identity.key): "QX-1" and "qx-1 " are one
      // report. Stored ids keep their spelling; `key` holds the normal form.
      try db.alter(table: "incident") { t in t.add(column: "key", .text) }
      for id in try String.fetchAll(db, sql: "SELECT id FROM incident") {
        try db.execute(sql: "UPDATE incident SET key = ? WHERE id = ?", arguments: [Identity.key(id), id])
      }
      try db.create(index: "incident_key", on: "incident", columns: ["key"])
      // Operators declared by incident files, so that an export can be imported again.
      try db.create(table: "operator") { t in
        t.primaryKey("id", .text)
        t.column("name", .text).notNull()
        t.column("sector", .text).notNull()
      }
    }
    migrator.registerMigration("v5-versions") { db in
      // Every version of an incident: the first report and each update, with when it was
      // recorded, the file it came from and the fields it changed. Incidents stored
      // before keep their record as version 1.
      try db.create(table: "incidentVersion") { t in
        t.column("key", .text).notNull()
        t.column("version", .integer).notNull()
        t.column("recordedAt", .text).notNull()
        t.column("source", .text).notNull()
        t.column("changed", .text).notNull()
        t.column("record", .text).notNull()
        t.primaryKey(["key", "version"])
      }
      try db.execute(sql: """
        INSERT INTO incidentVersion (key, version, recordedAt, source, changed, record)
        SELECT key, 1, '', 'stored before versions were kept', '', record FROM incident
        """)
      try db.alter(table: "importLog") { t in t.add(column: "updated", .integer).notNull().defaults(to: 0) }
    }
    migrator.registerMigration("v6-publications") { db in
      // The publication ledger: what each published report showed of each year (one
      // entry per kind, year, counting convention and edition; the entry is the report
      // module's JSON), so that a later report shows a published year exactly so.
      try db.create(table: "publication") { t in
        t.column("kind", .text).notNull()
        t.column("year", .integer).notNull()
        t.column("fiscal", .boolean).notNull()
        t.column("edition", .text).notNull()
        t.column("entry", .text).notNull()
        t.primaryKey(["kind", "year", "fiscal", "edition"])
      }
    }
    return migrator
  }

  /// One entry of the publication ledger.
  public struct Publication: Sendable, Hashable {
    public var kind: String
    public var year: Int
    public var fiscal: Bool
    public var edition: String
    /// The entry's own JSON (RensaReport's `PublishedYear`).
    public var entry: String

    public init(kind: String, year: Int, fiscal: Bool, edition: String, entry: String) {
      self.kind = kind
      self.year = year
      self.fiscal = fiscal
      self.edition = edition
      self.entry = entry
    }
  }

  /// The publication ledger, in (kind, year, convention, edition) order.
  public func publications() throws -> [Publication] {
    do {
      return try queue.read { db in
        guard try db.tableExists("publication") else { return [] }
        return try Row.fetchAll(db, sql: "SELECT kind, year, fiscal, edition, entry FROM publication ORDER BY kind, year, fiscal, edition").map {
          Publication(kind: $0["kind"], year: $0["year"], fiscal: $0["fiscal"], edition: $0["edition"], entry: $0["entry"])
        }
      }
    } catch {
      throw StoreError(path: path, opening: error)
    }
  }

  /// Records publications in one transaction. What the ledger already holds for a kind,
  /// year, convention and edition is kept as it is (a year is published once).
  ///
  /// - Returns: the entries added.
  @discardableResult
  public func recordPublications(_ entries: [Publication]) throws -> [Publication] {
    do {
      return try queue.write { db in
        var added: [Publication] = []
        for p in entries {
          try db.execute(
            sql: "INSERT OR IGNORE INTO publication (kind, year, fiscal, edition, entry) VALUES (?, ?, ?, ?, ?)",
            arguments: [p.kind, p.year, p.fiscal, p.edition, p.entry])
          if db.changesCount > 0 { added.append(p) }
        }
        return added
      }
    } catch {
      throw StoreError.wrap(error, path: path)
    }
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
    } catch {
      throw StoreError(path: path, opening: error)
    }
    // Never write into a store this version does not understand, or one that is damaged.
    try Self.checkSound(queue, path: path)
    do {
      try Self.migrator.migrate(queue)
    } catch {
      throw StoreError(path: path, opening: error)
    }
  }

  /// Refuses a store written by a newer Rensa (migrations this version does not know)
  /// and a damaged one (`PRAGMA quick_check`), before anything is read or written.
  static func checkSound(_ queue: DatabasePool, path: String) throws(StoreError) {
    do {
      let (applied, check) = try queue.read { db -> ([String], [String]) in
        let applied = try db.tableExists("grdb_migrations") ? try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations") : []
        return (applied, try String.fetchAll(db, sql: "PRAGMA quick_check"))
      }
      let unknown = applied.filter { !schemaVersions.contains($0) }
      if !unknown.isEmpty {
        throw StoreError(
          path: path,
          reason: "the store was written by a newer Rensa (schema \(unknown.joined(separator: ", "))); this one knows up to \(schemaVersions.last!): nothing was read or written",
          kind: .newerSchema)
      }
      if check != ["ok"] {
        throw StoreError(
          path: path,
          reason: "the store is damaged (SQLite's integrity check: \(check.prefix(3).joined(separator: "; "))\(check.count > 3 ? "; …" : "")): nothing was read or written",
          kind: .damaged)
      }
    } catch let error as StoreError {
      throw error
    } catch {
      throw StoreError(path: path, opening: error)
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
    } catch {
      throw StoreError(path: path, opening: error)
    }
    try Self.checkSound(queue, path: path)
    do {
      applied = try queue.read { try Self.migrator.appliedMigrations($0) }
    } catch {
      throw StoreError(path: path, opening: error)
    }
    // A store without the newest additive migrations (tables that only add) is read as
    // it is: a report reads an older store without upgrading it (its ledger is empty).
    let additive = ["v6-publications"]
    guard applied == Self.schemaVersions || (applied.count < Self.schemaVersions.count
      && Array(Self.schemaVersions.prefix(applied.count)) == applied
      && Self.schemaVersions.dropFirst(applied.count).allSatisfy(additive.contains))
    else {
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
    /// Stored incidents given a new version (an update of an earlier report).
    public var updated: Int = 0
  }

  /// One version of an incident.
  public struct Version: Sendable, Hashable {
    /// 1 for the first report, then 2, 3, …
    public var version: Int
    /// When it was recorded (UTC, ISO 8601; empty for records stored before versions were kept).
    public var recordedAt: String
    /// The file it was imported from.
    public var source: String
    /// The fields that differ from the previous version (empty for the first).
    public var changed: [String]
    public var incident: Incident
  }

  /// Imports incidents in one transaction: new ids are added, a stored id with different
  /// content becomes a new version of that incident, identical records change nothing.
  ///
  /// - Throws: `DataError` (Rensa) listing every conflict (nothing is written then): an id
  ///   twice in the batch with different content, a version that lowers the incident's
  ///   marking, an operator stored differently; `StoreError` or GRDB errors for database
  ///   failures.
  ///
  /// `progress`, if given, is called inside the transaction after each record written,
  /// with the number written so far (for a progress display, or to stop the process at
  /// a chosen point in fault tests).
  @discardableResult
  public func importIncidents(
    _ incidents: [Incident], operators: [Operator] = [], source: String, progress: ((Int) -> Void)? = nil
  ) throws -> ImportSummary {
    let encoded = try incidents.map { ($0, try Self.encode($0)) }
    return try queue.write { db in
      var conflicts: [DataIssue] = []
      for o in operators {
        if let row = try Row.fetchOne(db, sql: "SELECT name, sector FROM operator WHERE id = ?", arguments: [o.id]) {
          let name: String = row["name"]
          let sector: String = row["sector"]
          if name != o.name || sector != o.sector {
            conflicts.append(DataIssue(
              file: source, field: "operators",
              reason: "operator '\(o.id)' is already stored as '\(name)' of sector '\(sector)', not '\(o.name)' of '\(o.sector)'"))
          }
        } else {
          try db.execute(sql: "INSERT INTO operator (id, name, sector) VALUES (?, ?, ?)", arguments: [o.id, o.name, o.sector])
        }
      }
      var added = 0
      var unchanged = 0
      var updated = 0
      let now = ISO8601DateFormatter().string(from: Date())
      var seen: [String: (id: String, json: String)] = [:]
      for (incident, json) in encoded {
        let key = Identity.key(incident.id)
        if let earlier = seen[key] {
          if earlier.json != json {
            conflicts.append(DataIssue(
              file: source, field: "incidents",
              reason: earlier.id == incident.id
                ? "incident '\(incident.id)' appears twice with different content"
                : "incidents '\(earlier.id)' and '\(incident.id)' are one id once normalised, with different content"))
          }
          continue
        }
        seen[key] = (incident.id, json)
        if let row = try Row.fetchOne(db, sql: "SELECT id, record, sharing FROM incident WHERE key = ?", arguments: [key]) {
          let storedID: String = row["id"]
          let stored: String = row["record"]
          let storedSharing = SharingScope(rawValue: row["sharing"]) ?? .red
          if stored == json {
            unchanged += 1
          } else if storedID != incident.id {
            // An update names the incident as stored; another spelling of the id (case,
            // width, spaces, invisible characters) is more likely a mistake than an update.
            conflicts.append(DataIssue(
              file: source, field: "incidents",
              reason: "incident '\(incident.id)' is already stored as '\(storedID)' (the same id once case, width, spaces and invisible characters are normalised) with different content",
              hint: "an update of an incident uses the id as stored ('\(storedID)')"))
          } else if incident.sharing < storedSharing {
            conflicts.append(DataIssue(
              file: source, field: "incidents",
              reason: "incident '\(incident.id)' is stored as TLP:\(storedSharing.rawValue)\(storedID == incident.id ? "" : " (as '\(storedID)')"); "
                + "an update may not lower its marking to TLP:\(incident.sharing.rawValue)",
              hint: "keep the marking, or remove the incident (rensa incidents remove) and import it again"))
          } else {
            // An update: a new version, and the incident's latest state.
            let version = (try Int.fetchOne(db, sql: "SELECT MAX(version) FROM incidentVersion WHERE key = ?", arguments: [key]) ?? 0) + 1
            try db.execute(
              sql: "INSERT INTO incidentVersion (key, version, recordedAt, source, changed, record) VALUES (?, ?, ?, ?, ?, ?)",
              arguments: [key, version, now, source, Self.changedFields(stored, json).joined(separator: ","), json])
            try db.execute(
              sql: "UPDATE incident SET id = ?, occurred = ?, year = ?, sector = ?, threatType = ?, sharing = ?, synthetic = ?, record = ? WHERE key = ?",
              arguments: [
                incident.id, incident.occurred.description, incident.occurred.year, incident.sector, incident.threatType.rawValue,
                incident.sharing.rawValue, incident.synthetic, json, key,
              ])
            updated += 1
            progress?(added + updated)
          }
          continue
        }
        try db.execute(
          sql: "INSERT INTO incident (id, key, occurred, year, sector, threatType, sharing, synthetic, record) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
          arguments: [
            incident.id, key, incident.occurred.description, incident.occurred.year, incident.sector, incident.threatType.rawValue,
            incident.sharing.rawValue, incident.synthetic, json,
          ])
        try db.execute(
          sql: "INSERT INTO incidentVersion (key, version, recordedAt, source, changed, record) VALUES (?, 1, ?, ?, '', ?)",
          arguments: [key, now, source, json])
        added += 1
        progress?(added + updated)
      }
      // Throwing inside `write` rolls the whole transaction back.
      if !conflicts.isEmpty { throw DataError(conflicts) }
      try db.execute(
        sql: "INSERT INTO importLog (source, added, unchanged, updated) VALUES (?, ?, ?, ?)", arguments: [source, added, unchanged, updated])
      return ImportSummary(added: added, unchanged: unchanged, updated: updated)
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
        // The incident and its versions: a removed report is gone (the log says why).
        try db.execute(sql: "DELETE FROM incidentVersion WHERE key = (SELECT key FROM incident WHERE id = ?)", arguments: [id])
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
    let records: [String]
    do {
      records = try queue.read { db in try String.fetchAll(db, sql: sql, arguments: StatementArguments(arguments)) }
    } catch {
      throw StoreError(path: path, opening: error)
    }
    return try records.enumerated().map { k, record in
      do { return try JSONDecoder().decode(Incident.self, from: Data(record.utf8)) } catch {
        throw StoreError(
          path: path, reason: "stored record \(k + 1) is not an incident this Rensa can read (\(Self.describe(error))): nothing was used",
          kind: .damaged)
      }
    }
  }

  /// Operators declared by the imported incident files, by id.
  public func operators() throws -> [Operator] {
    do {
      return try queue.read { db in
        try Row.fetchAll(db, sql: "SELECT id, name, sector FROM operator ORDER BY id").map {
          Operator(id: $0["id"], name: $0["name"], sector: $0["sector"])
        }
      }
    } catch {
      throw StoreError(path: path, opening: error)
    }
  }

  /// Every version of the incident `id` (compared in its normal form, `Identity.key`),
  /// oldest first; empty when no such incident is stored.
  public func history(of id: String) throws -> [Version] {
    let rows: [Row]
    do {
      rows = try queue.read { db in
        try Row.fetchAll(
          db, sql: "SELECT version, recordedAt, source, changed, record FROM incidentVersion WHERE key = ? ORDER BY version",
          arguments: [Identity.key(id)])
      }
    } catch {
      throw StoreError(path: path, opening: error)
    }
    return try rows.map { row in
      let record: String = row["record"]
      let changed: String = row["changed"]
      let incident: Incident
      do { incident = try JSONDecoder().decode(Incident.self, from: Data(record.utf8)) } catch {
        throw StoreError(path: path, reason: "a stored version of '\(id)' is not an incident this Rensa can read (\(Self.describe(error)))", kind: .damaged)
      }
      return Version(
        version: row["version"], recordedAt: row["recordedAt"], source: row["source"],
        changed: changed.isEmpty ? [] : changed.split(separator: ",").map(String.init), incident: incident)
    }
  }

  /// How many stored incidents have more than one version (were updated after their first report).
  public func updatedCount() throws -> Int {
    do {
      return try queue.read { db in
        try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM (SELECT key FROM incidentVersion GROUP BY key HAVING COUNT(*) > 1)") ?? 0
      }
    } catch {
      throw StoreError(path: path, opening: error)
    }
  }

  /// The top-level fields whose values differ between two canonical JSON records, sorted.
  static func changedFields(_ before: String, _ after: String) -> [String] {
    let a = (try? JSONSerialization.jsonObject(with: Data(before.utf8))) as? [String: Any] ?? [:]
    let b = (try? JSONSerialization.jsonObject(with: Data(after.utf8))) as? [String: Any] ?? [:]
    var keys = Swift.Set<String>()
    for k in a.keys { keys.insert(k) }
    for k in b.keys { keys.insert(k) }
    return keys.filter { k in
      switch (a[k], b[k]) {
      case (nil, nil): return false
      case (let x?, let y?):
        let encode = { (v: Any) in try? JSONSerialization.data(withJSONObject: ["v": v], options: [.sortedKeys]) }
        return encode(x) != encode(y)
      default: return true
      }
    }.sorted()
  }

  /// Number of stored incidents.
  public func count() throws -> Int { try queue.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM incident") ?? 0 } }

  /// SQLite's `PRAGMA integrity_check`: `["ok"]` for a sound database, else the problems.
  public func integrityCheck() throws -> [String] { try queue.read { try String.fetchAll($0, sql: "PRAGMA integrity_check") } }

  /// A decoding error in words: the field and what was wrong.
  static func describe(_ error: any Error) -> String {
    guard let e = error as? DecodingError else { return "\(error)" }
    func path(_ context: DecodingError.Context) -> String {
      context.codingPath.map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(separator: ".")
    }
    switch e {
    case .keyNotFound(let key, let context): return "field '\(path(context).isEmpty ? key.stringValue : path(context) + "." + key.stringValue)' is missing"
    case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
      return "field '\(path(context))': \(context.debugDescription)"
    @unknown default: return "\(e)"
    }
  }

  /// An incident as the store records it: canonical JSON, keys sorted (what versions are
  /// compared by, and what ``history(of:)`` reads back).
  public static func canonicalJSON(_ incident: Incident) throws -> String { try encode(incident) }

  static func encode(_ incident: Incident) throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    return String(decoding: try encoder.encode(incident), as: UTF8.self)
  }
}

/// The incident store could not be opened or used.
public struct StoreError: Error, Sendable, Hashable, CustomStringConvertible {
  public enum Kind: Sendable, Hashable {
    /// Cannot be opened, read or written (permissions, a full disk, not a database).
    case io
    /// Written by a newer Rensa.
    case newerSchema
    /// SQLite's integrity check fails.
    case damaged
  }
  public var path: String
  public var reason: String
  public var kind: Kind
  public var description: String { "\(path): \(reason)" }

  public init(path: String, reason: String, kind: Kind = .io) {
    self.path = path
    self.reason = reason
    self.kind = kind
  }

  /// A database error said in words (not "SQLite error 13").
  init(path: String, opening error: any Error) {
    self.path = path
    self.kind = .io
    guard let e = error as? DatabaseError else {
      reason = "cannot open the incident store: \(error)"
      return
    }
    switch e.resultCode.primaryResultCode {
    case .SQLITE_FULL: reason = "the disk is full: the incident store cannot be written (nothing was changed)"
    case .SQLITE_CORRUPT, .SQLITE_NOTADB:
      reason = "this file is not a sound Rensa incident store (SQLite: \(e.message ?? "not a database"))"
      kind = .damaged
    case .SQLITE_READONLY, .SQLITE_PERM, .SQLITE_CANTOPEN:
      reason = "the incident store cannot be opened for writing here (permissions or a read-only file system)"
    case .SQLITE_BUSY, .SQLITE_LOCKED: reason = "another process has held the incident store for 30 s; try again when it is done"
    case .SQLITE_IOERR: reason = "reading or writing the incident store failed (an I/O error of the disk)"
    case .SQLITE_ERROR:
      reason = "this file is not a Rensa incident store of a known schema (SQLite: \(e.message ?? "error"))"
      kind = .damaged
    default: reason = "the incident store failed (SQLite: \(e.message ?? "result code \(e.resultCode.rawValue)"))"
    }
  }

  /// Any error of a store operation in words: a ``StoreError`` or a database error is
  /// said plainly, others pass through.
  public static func wrap(_ error: any Error, path: String) -> any Error {
    if error is DatabaseError { return StoreError(path: path, opening: error) }
    return error
  }
}
