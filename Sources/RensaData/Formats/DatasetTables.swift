/// Bulk CSV/TSV tables of a dataset document: assets, dependencies and incidents, one
/// record per row (Docs/DatasetFormat.md, "Bulk tables").
///
/// A document names its tables in `"tables": {"assets": "assets.csv", …}` (paths
/// relative to the document). Columns carry the names of the members of the record in
/// the JSON format; an empty cell means the member is absent. Numbers are written as in
/// JSON, booleans as `true` or `false`, and the incident identifier lists (`attack`,
/// `cwe`, `cve`, `capec`, `products`) as items separated by `;`. The rows are read by
/// the same rules as records in the document and validated with it; a problem names
/// the table file, the row's line and the column.
public enum DatasetTables {
  /// The kinds of record that may come in a table.
  public enum Kind: String, CaseIterable, Sendable {
    case assets, dependencies, incidents

    /// Columns, in the order the writer uses, with how a cell is read.
    var columns: [(name: String, type: ColumnType)] {
      switch self {
      case .assets:
        return [
          ("id", .string), ("name", .string), ("nameJa", .string), ("sector", .string), ("operator", .string),
          ("users", .number), ("notes", .string), ("products", .list), ("vendors", .list), ("site", .string),
        ]
      case .dependencies:
        return [
          ("supplier", .string), ("dependent", .string), ("kind", .string), ("class", .string), ("group", .string),
          ("need", .number), ("timeToImpactHours", .number), ("delayHours", .number), ("recoveryHours", .number),
          ("probability", .number), ("coupling", .number), ("source", .string),
        ]
      case .incidents:
        return [
          ("id", .string), ("occurred", .string), ("reported", .string), ("sector", .string), ("operator", .string),
          ("service", .string), ("threatType", .string), ("threat", .string), ("attack", .list), ("cwe", .list),
          ("cve", .list), ("capec", .list), ("products", .list), ("exceededVerificationLevel", .bool),
          ("durationHours", .number), ("affectedUsers", .number), ("originSector", .string), ("sharing", .string),
          ("reporter", .string), ("synthetic", .bool), ("summary", .string), ("provisional", .bool),
          ("otherCauses", .string), ("affectedProperties", .string), ("nearMiss", .bool), ("severity", .number),
        ]
      }
    }

    /// Columns that must be present in the header.
    var requiredColumns: [String] {
      switch self {
      case .assets: return ["id", "name", "sector"]
      case .dependencies: return ["supplier", "dependent", "kind", "class", "source"]
      case .incidents:
        return ["id", "occurred", "sector", "threatType", "exceededVerificationLevel", "sharing", "reporter", "synthetic"]
      }
    }
  }

  enum ColumnType { case string, number, bool, list }

  static let identifierColumns: Set<String> = ["attack", "cwe", "cve", "capec", "products"]

  /// Parses a table into one JSON object per row (with the row's line), so that the
  /// document's record readers apply unchanged. Header problems (unknown or missing
  /// columns) are reported once, on the header line, and the rows are then not read.
  static func rows(of kind: Kind, text: String, file: String, into c: IssueCollector) -> [(file: String, node: JSONNode)] {
    var issues: [DataIssue] = []
    let table = DelimitedTable.parse(text, file: file, delimiter: delimiter(forPath: file), issues: &issues)
    c.issues += issues
    guard let table else { return [] }
    let types = Dictionary(uniqueKeysWithValues: kind.columns.map { ($0.name, $0.type) })
    var headerOK = true
    for name in table.header where types[name] == nil {
      let suggestion = didYouMean(name, among: types.keys)
      c.add(
        file: file, line: table.headerLine, field: name, "unknown column in a table of \(kind.rawValue)",
        hint: suggestion.map { "did you mean '\($0)'?" } ?? "allowed: \(kind.columns.map(\.name).joined(separator: ", "))")
      headerOK = false
    }
    for name in kind.requiredColumns where !table.header.contains(name) {
      c.add(file: file, line: table.headerLine, field: name, "required column is missing")
      headerOK = false
    }
    guard headerOK else { return [] }
    if table.rows.isEmpty {
      c.add(file: file, line: table.headerLine, field: "", "the table has a header but no rows")
    }
    return table.rows.map { row in
      var members: [(key: String, line: Int, value: JSONNode)] = []
      var identifiers: [(key: String, line: Int, value: JSONNode)] = []
      for (name, cell) in zip(table.header, row.fields) where !cell.isEmpty {
        let value: JSONNode.Value
        switch types[name]! {
        case .string: value = .string(cell)
        case .number:
          guard let number = Self.number(cell) else {
            c.add(file: file, line: row.line, field: name, "'\(cell)' is not a number")
            c.unreadableCells.insert("\(file)\u{0}\(row.line)\u{0}\(name)")
            continue
          }
          value = .number(number, text: cell)
        case .bool:
          switch cell.lowercased() {
          case "true": value = .bool(true)
          case "false": value = .bool(false)
          default:
            c.add(file: file, line: row.line, field: name, "'\(cell)' is neither true nor false")
            c.unreadableCells.insert("\(file)\u{0}\(row.line)\u{0}\(name)")
            continue
          }
        case .list:
          let items = cell.split(separator: ";").map { $0.trimmingSpaces() }.filter { !$0.isEmpty }
          value = .array(items.map { JSONNode(value: .string($0), line: row.line) })
        }
        let member = (key: name, line: row.line, value: JSONNode(value: value, line: row.line))
        if kind == .incidents && identifierColumns.contains(name) { identifiers.append(member) } else { members.append(member) }
      }
      if !identifiers.isEmpty {
        members.append((key: "identifiers", line: row.line, value: JSONNode(value: .object(identifiers), line: row.line)))
      }
      return (file, JSONNode(value: .object(members), line: row.line))
    }
  }

  /// A number in JSON's notation (no `nan`, `inf` or hexadecimal).
  static func number(_ text: String) -> Double? {
    guard text.allSatisfy({ "0123456789+-.eE".contains($0) }), let value = Double(text), value.isFinite else { return nil }
    return value
  }
}
