import RensaLinearAlgebra

/// Reads input–output tables from CSV or TSV. Three layouts are recognised from
/// the header (Docs/Inoperability.md has examples of each):
///
/// 1. **Long** (one flow per row): columns `input_type, input_name, output_type,
///    output_name` and one value column (`value`, `value_M`, … : the one remaining
///    column). Row types (`input_type`): `industry`, `valueadded`, `total`; column
///    types (`output_type`): `industry`, `finaldemand`, `export`, `import`, `total`.
///    Missing pairs are 0; a pair given twice is an error.
/// 2. **Wide** (a matrix with labels): the header names the columns, the first field
///    of each row names the row. A label `type/name` carries its type; an untyped
///    label that names both a row and a column is an industry, an untyped row that
///    is not a column is value added (or total output if called `total`), and an
///    untyped column that is not a row is final demand (exports or imports if its
///    name starts with `export` or `import`, total output if called `total`).
/// 3. **Bare** (a matrix without row labels): the header names n industries, the
///    next n rows are the transactions in that order and an optional (n + 1)-th row
///    is total output.
///
/// Blank fields are 0. Industries with no activity at all (zero row, column, total
/// and vectors) are dropped with a note: published tables carry such placeholders.
public enum InputOutputTableReader {
  /// Reads a table from a file.
  ///
  /// - Throws: `DataError` (`unreadable` for a file that cannot be read) with
  ///   every problem (line, column, reason) if it is not a valid table.
  public static func read(path: String) throws(DataError) -> InputOutputTable {
    let text = try readText(path)
    return try parse(text, file: path, delimiter: delimiter(forPath: path))
  }

  /// Parses a table from text.
  public static func parse(_ text: String, file: String, delimiter: Character = ",") throws(DataError)
    -> InputOutputTable
  {
    let table = try DelimitedTable.parseAll(text, file: file, delimiter: delimiter)
    let lower = table.header.map { $0.lowercased() }
    let parts: Parts
    if ["input_type", "input_name", "output_type", "output_name"].allSatisfy(lower.contains) {
      parts = try long(table, file: file)
    } else if !table.rows.isEmpty && table.rows.allSatisfy({ Double($0.fields[0].trimmingSpaces) != nil || $0.fields[0].isEmpty })
      && Double(table.header[0]) == nil
    {
      parts = try bare(table, file: file)
    } else {
      parts = try wide(table, file: file)
    }
    return try parts.table(file: file)
  }

  /// The pieces of a table before checking.
  struct Parts {
    var sectors: [String] = []
    var flows: [[Double]] = []
    var total: [Double]? = nil
    var finalDemand: [LabeledVector] = []
    var exports: [LabeledVector] = []
    var imports: [LabeledVector] = []
    var valueAdded: [LabeledVector] = []

    func table(file: String) throws(DataError) -> InputOutputTable {
      let n = sectors.count
      // Drop industries the table records no activity for.
      var keep: [Int] = []
      var dropped: [String] = []
      let vectors = finalDemand + exports + imports + valueAdded
      for i in 0..<n {
        let empty =
          (0..<n).allSatisfy { flows[i][$0] == 0 && flows[$0][i] == 0 } && vectors.allSatisfy { $0.values[i] == 0 }
          && (total?[i] ?? 0) == 0
        if empty { dropped.append(sectors[i]) } else { keep.append(i) }
      }
      var z = Matrix(rows: keep.count, columns: keep.count)
      for (a, i) in keep.enumerated() { for (b, j) in keep.enumerated() { z[a, b] = flows[i][j] } }
      func pick(_ v: [LabeledVector]) -> [LabeledVector] {
        v.map { vector in LabeledVector(label: vector.label, values: keep.map { vector.values[$0] }) }
      }
      var notes: [String] = []
      if !dropped.isEmpty {
        notes.append("dropped \(dropped.count) industr\(dropped.count == 1 ? "y" : "ies") with no activity at all: \(dropped.joined(separator: ", "))")
      }
      return try InputOutputTable(
        sectors: keep.map { sectors[$0] }, transactions: z, totalOutput: total.map { t in keep.map { t[$0] } },
        finalDemand: pick(finalDemand), exports: pick(exports), imports: pick(imports), valueAdded: pick(valueAdded),
        source: file, notes: notes)
    }
  }

  enum Kind: String {
    case industry, valueAdded, finalDemand, export, `import`, total

    /// The kind as messages name it.
    var phrase: String {
      switch self {
      case .valueAdded: return "value-added"
      case .finalDemand: return "final-demand"
      default: return rawValue
      }
    }
  }

  static func kind(ofType type: String) -> Kind? {
    let t = type.lowercased().filter { $0 != "_" && $0 != " " && $0 != "-" }
    switch t {
    case "industry", "industries", "sector", "sectors", "intermediate": return .industry
    case "valueadded", "va", "primaryinput", "primaryinputs": return .valueAdded
    case "finaldemand", "fd", "finaluse": return .finalDemand
    case "export", "exports": return .export
    case "import", "imports": return .import
    case "total", "totaloutput", "output", "x": return .total
    default: return nil
    }
  }

  static func number(_ field: String, file: String, line: Int, column: String, issues: inout [DataIssue]) -> Double {
    let s = field.trimmingSpaces
    if s.isEmpty { return 0 }
    if let v = Double(s), v.isFinite { return v }
    issues.append(DataIssue(file: file, line: line, field: column, reason: "'\(field)' is not a finite number"))
    return 0
  }

  static func long(_ table: DelimitedTable, file: String) throws(DataError) -> Parts {
    var issues: [DataIssue] = []
    let it = table.column("input_type")!
    let inName = table.column("input_name")!
    let ot = table.column("output_type")!
    let outName = table.column("output_name")!
    let others = table.header.indices.filter { ![it, inName, ot, outName].contains($0) }
    let valueColumn: Int
    if let v = others.first(where: { table.header[$0].lowercased().hasPrefix("value") }) {
      valueColumn = v
    } else if others.count == 1 {
      valueColumn = others[0]
    } else {
      throw DataError([DataIssue(
        file: file, line: table.headerLine, reason: "no value column",
        hint: "name the column of flows 'value' (found: \(others.map { table.header[$0] }.joined(separator: ", ")))")])
    }
    let valueName = table.header[valueColumn]
    struct Entry { var line: Int; var rowKind: Kind; var row: String; var columnKind: Kind; var column: String; var value: Double }
    var entries: [Entry] = []
    var industries: [String] = []
    var industryIndex: [String: Int] = [:]
    func addIndustry(_ s: String) {
      if industryIndex[s] == nil {
        industryIndex[s] = industries.count
        industries.append(s)
      }
    }
    for row in table.rows {
      let f = row.fields
      guard let rk = kind(ofType: f[it]), [.industry, .valueAdded, .total].contains(rk) else {
        issues.append(DataIssue(
          file: file, line: row.line, field: table.header[it], reason: "unknown row type '\(f[it])'",
          hint: "use industry, valueadded or total"))
        continue
      }
      guard let ck = kind(ofType: f[ot]), [.industry, .finalDemand, .export, .import, .total].contains(ck) else {
        issues.append(DataIssue(
          file: file, line: row.line, field: table.header[ot], reason: "unknown column type '\(f[ot])'",
          hint: "use industry, finaldemand, export, import or total"))
        continue
      }
      if rk != .industry && ck != .industry {
        issues.append(DataIssue(
          file: file, line: row.line, reason: "a \(rk.phrase) row meets a \(ck.phrase) column",
          hint: "only industry × industry, industry × final use and primary input × industry cells exist"))
        continue
      }
      if f[inName].isEmpty { issues.append(DataIssue(file: file, line: row.line, field: table.header[inName], reason: "empty name")); continue }
      if f[outName].isEmpty { issues.append(DataIssue(file: file, line: row.line, field: table.header[outName], reason: "empty name")); continue }
      let v = number(f[valueColumn], file: file, line: row.line, column: valueName, issues: &issues)
      if rk == .industry { addIndustry(f[inName]) }
      if ck == .industry { addIndustry(f[outName]) }
      entries.append(Entry(line: row.line, rowKind: rk, row: f[inName], columnKind: ck, column: f[outName], value: v))
    }
    let n = industries.count
    var parts = Parts()
    parts.sectors = industries
    parts.flows = [[Double]](repeating: [Double](repeating: 0, count: n), count: n)
    var vectors: [Kind: [String]] = [:]
    var vectorValues: [String: [Double]] = [:]
    var totalRow: [Double]? = nil
    var totalColumn: [Double]? = nil
    var seen: [String: Int] = [:]
    for e in entries {
      let key = "\(e.rowKind.rawValue)/\(e.row)\u{0}\(e.columnKind.rawValue)/\(e.column)"
      if let first = seen[key] {
        issues.append(DataIssue(
          file: file, line: e.line, reason: "the cell \(e.row) → \(e.column) is given twice (first on line \(first))"))
        continue
      }
      seen[key] = e.line
      switch (e.rowKind, e.columnKind) {
      case (.industry, .industry):
        parts.flows[industryIndex[e.row]!][industryIndex[e.column]!] = e.value
      case (.industry, .total):
        if totalColumn == nil { totalColumn = [Double](repeating: 0, count: n) }
        totalColumn![industryIndex[e.row]!] = e.value
      case (.total, .industry):
        if totalRow == nil { totalRow = [Double](repeating: 0, count: n) }
        totalRow![industryIndex[e.column]!] = e.value
      case (.industry, let k):
        let label = e.column
        if vectorValues[label] == nil {
          vectors[k, default: []].append(label)
          vectorValues[label] = [Double](repeating: 0, count: n)
        }
        vectorValues[label]![industryIndex[e.row]!] = e.value
      case (let k, .industry):
        let label = e.row
        if vectorValues[label] == nil {
          vectors[k, default: []].append(label)
          vectorValues[label] = [Double](repeating: 0, count: n)
        }
        vectorValues[label]![industryIndex[e.column]!] = e.value
      default: break
      }
    }
    if !issues.isEmpty { throw DataError(issues) }
    func collect(_ k: Kind) -> [LabeledVector] { (vectors[k] ?? []).map { LabeledVector(label: $0, values: vectorValues[$0]!) } }
    parts.finalDemand = collect(.finalDemand)
    parts.exports = collect(.export)
    parts.imports = collect(.import)
    parts.valueAdded = collect(.valueAdded)
    parts.total = try reconcileTotals(totalRow, totalColumn, industries, file: file)
    return parts
  }

  static func reconcileTotals(_ row: [Double]?, _ column: [Double]?, _ sectors: [String], file: String) throws(DataError)
    -> [Double]?
  {
    guard let row, let column else { return row ?? column }
    var issues: [DataIssue] = []
    for i in sectors.indices where abs(row[i] - column[i]) > 1e-6 * max(abs(row[i]), abs(column[i]), 1) {
      issues.append(DataIssue(
        file: file, field: sectors[i], reason: "total output differs between the total row (\(row[i])) and the total column (\(column[i]))"))
    }
    if !issues.isEmpty { throw DataError(issues) }
    return row
  }

  static func split(_ label: String) -> (Kind?, String) {
    if let slash = label.firstIndex(of: "/"), let k = kind(ofType: String(label[..<slash])) {
      return (k, String(label[label.index(after: slash)...]))
    }
    return (nil, label)
  }

  static func wide(_ table: DelimitedTable, file: String) throws(DataError) -> Parts {
    var issues: [DataIssue] = []
    let columnLabels = table.header.dropFirst().map { split($0) }
    let rowLabels = table.rows.map { split($0.fields[0]) }
    let untypedColumns = Set(columnLabels.filter { $0.0 == nil }.map(\.1))
    let untypedRows = Set(rowLabels.filter { $0.0 == nil }.map(\.1))
    func isTotal(_ name: String) -> Bool { ["total", "total output", "total_output", "x"].contains(name.lowercased()) }
    func columnKind(_ l: (Kind?, String)) -> Kind {
      if let k = l.0 { return k }
      if untypedRows.contains(l.1) { return .industry }
      let lower = l.1.lowercased()
      if isTotal(l.1) { return .total }
      if lower.hasPrefix("export") { return .export }
      if lower.hasPrefix("import") { return .import }
      return .finalDemand
    }
    func rowKind(_ l: (Kind?, String)) -> Kind {
      if let k = l.0 { return k }
      if untypedColumns.contains(l.1) { return .industry }
      return isTotal(l.1) ? .total : .valueAdded
    }
    let cKinds = columnLabels.map(columnKind)
    let rKinds = rowLabels.map(rowKind)
    // Industries in column order; every industry row must have its column.
    let industries = zip(columnLabels, cKinds).filter { $0.1 == .industry }.map(\.0.1)
    var index: [String: Int] = [:]
    for (i, s) in industries.enumerated() {
      if index[s] != nil {
        issues.append(DataIssue(file: file, line: table.headerLine, field: s, reason: "industry column repeated"))
      }
      index[s] = i
    }
    let n = industries.count
    var parts = Parts()
    parts.sectors = industries
    parts.flows = [[Double]](repeating: [Double](repeating: 0, count: n), count: n)
    var seenRows: [String: Int] = [:]
    var totalRow: [Double]? = nil
    var totalColumn: [Double]? = nil
    var columnVectors: [Int: [Double]] = [:]
    for (r, row) in table.rows.enumerated() {
      let (_, name) = rowLabels[r]
      let rk = rKinds[r]
      if let first = seenRows[row.fields[0]] {
        issues.append(DataIssue(file: file, line: row.line, field: row.fields[0], reason: "row repeated (first on line \(first))"))
        continue
      }
      seenRows[row.fields[0]] = row.line
      switch rk {
      case .industry:
        guard let i = index[name] else {
          issues.append(DataIssue(
            file: file, line: row.line, field: row.fields[0], reason: "industry row has no matching column",
            hint: didYouMean(name, among: industries).map { "did you mean '\($0)'?" } ?? "the header must name every industry"))
          continue
        }
        for (c, k) in cKinds.enumerated() {
          let v = number(row.fields[c + 1], file: file, line: row.line, column: table.header[c + 1], issues: &issues)
          switch k {
          case .industry: parts.flows[i][index[columnLabels[c].1]!] = v
          case .total:
            if totalColumn == nil { totalColumn = [Double](repeating: 0, count: n) }
            totalColumn![i] = v
          default: columnVectors[c, default: [Double](repeating: 0, count: n)][i] = v
          }
        }
      case .valueAdded, .total:
        var values = [Double](repeating: 0, count: n)
        for (c, k) in cKinds.enumerated() {
          let field = row.fields[c + 1]
          if k == .industry {
            values[index[columnLabels[c].1]!] = number(field, file: file, line: row.line, column: table.header[c + 1], issues: &issues)
          } else if !field.trimmingSpaces.isEmpty && Double(field.trimmingSpaces) != 0 && k != .total {
            // Value added × final use is not a cell of the model; say so rather than drop it.
            issues.append(DataIssue(
              file: file, line: row.line, field: table.header[c + 1],
              reason: "a \(rk.phrase) row has a value in a \(k.phrase) column",
              hint: "only industry rows may have final-use entries; leave the cell blank"))
          }
        }
        if rk == .total { totalRow = values } else { parts.valueAdded.append(LabeledVector(label: name, values: values)) }
      default:
        issues.append(DataIssue(
          file: file, line: row.line, field: row.fields[0], reason: "a row cannot be of type \(rk.phrase)",
          hint: "row types are industry, valueadded and total"))
      }
    }
    let missing = industries.filter { name in !rowLabels.contains { rowKind($0) == .industry && $0.1 == name } }
    for name in missing {
      issues.append(DataIssue(file: file, field: name, reason: "industry column has no matching row", hint: "the first column must name every industry"))
    }
    if n == 0 {
      issues.append(DataIssue(
        file: file, line: table.headerLine, reason: "no industries found",
        hint: "industries are labels that name both a row (first column) and a column (header)"))
    }
    if !issues.isEmpty { throw DataError(issues) }
    for (c, k) in cKinds.enumerated() where ![.industry, .total].contains(k) {
      let v = LabeledVector(label: columnLabels[c].1, values: columnVectors[c] ?? [Double](repeating: 0, count: n))
      switch k {
      case .export: parts.exports.append(v)
      case .import: parts.imports.append(v)
      default: parts.finalDemand.append(v)
      }
    }
    parts.total = try reconcileTotals(totalRow, totalColumn, industries, file: file)
    return parts
  }

  static func bare(_ table: DelimitedTable, file: String) throws(DataError) -> Parts {
    var issues: [DataIssue] = []
    let n = table.header.count
    guard table.rows.count == n || table.rows.count == n + 1 else {
      throw DataError([DataIssue(
        file: file, reason: "a matrix without row labels must have \(n) rows (one per header column) and optionally a total-output row; it has \(table.rows.count)",
        hint: "or label the rows in the first column")])
    }
    var parts = Parts()
    parts.sectors = table.header
    parts.flows = table.rows.prefix(n).map { row in
      row.fields.enumerated().map { c, f in number(f, file: file, line: row.line, column: table.header[c], issues: &issues) }
    }
    if table.rows.count == n + 1 {
      let row = table.rows[n]
      parts.total = row.fields.enumerated().map { c, f in number(f, file: file, line: row.line, column: table.header[c], issues: &issues) }
    }
    if !issues.isEmpty { throw DataError(issues) }
    return parts
  }
}

extension String {
  /// The string without leading and trailing spaces and tabs.
  package var trimmingSpaces: String {
    var s = Substring(self)
    while let f = s.first, f == " " || f == "\t" { s.removeFirst() }
    while let l = s.last, l == " " || l == "\t" { s.removeLast() }
    return String(s)
  }
}
