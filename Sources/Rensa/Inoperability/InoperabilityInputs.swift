import RensaLinearAlgebra

/// A square matrix with sector labels, read from CSV: a header row naming the
/// columns (its first cell names the label column, e.g. `sector`) and one row per
/// sector starting with its label. Row i is the **affected** sector, column j the
/// **source** (as in `A*`). Columns may come in another order than rows; they are
/// matched by label.
public struct LabeledMatrix: Sendable {
  /// Sector labels in row order.
  public var labels: [String]
  /// The values, row i and column j in `labels` order.
  public var matrix: Matrix
  /// The line of each row in the file it was read from (empty when built in code), for
  /// messages about a cell.
  public var rowLines: [Int]

  public init(labels: [String], matrix: Matrix, rowLines: [Int] = []) {
    self.labels = labels
    self.matrix = matrix
    self.rowLines = rowLines
  }

  /// Reads a labelled square matrix.
  ///
  /// - Throws: `DataError` with every problem (`unreadable` for a file that cannot be read)
  ///   (line, column, reason): missing or extra labels, repeated labels, values
  ///   that are not numbers.
  public static func read(path: String) throws(DataError) -> LabeledMatrix {
    try parse(try readText(path), file: path, delimiter: delimiter(forPath: path))
  }

  /// Parses a labelled square matrix from text.
  public static func parse(_ text: String, file: String, delimiter: Character = ",") throws(DataError) -> LabeledMatrix {
    var issues: [DataIssue] = []
    let table = try DelimitedTable.parseAll(text, file: file, delimiter: delimiter)
    let columnLabels = Array(table.header.dropFirst())
    let rowLabels = table.rows.map { $0.fields[0] }
    var columnIndex: [String: Int] = [:]
    for (c, label) in columnLabels.enumerated() {
      if columnIndex[label] != nil {
        issues.append(DataIssue(file: file, line: table.headerLine, field: label, reason: "column repeated"))
      }
      columnIndex[label] = c
    }
    var seen: [String: Int] = [:]
    for row in table.rows {
      let label = row.fields[0]
      if label.isEmpty { issues.append(DataIssue(file: file, line: row.line, reason: "empty sector label in the first column")) }
      if let first = seen[label] {
        issues.append(DataIssue(file: file, line: row.line, field: label, reason: "row repeated (first on line \(first))"))
      }
      seen[label] = row.line
      if columnIndex[label] == nil && !label.isEmpty {
        issues.append(DataIssue(
          file: file, line: row.line, field: label, reason: "row has no matching column",
          hint: didYouMean(label, among: columnLabels).map { "did you mean '\($0)'?" } ?? "the matrix must be square, with the same labels on both sides"))
      }
    }
    for label in columnLabels where seen[label] == nil {
      issues.append(DataIssue(
        file: file, line: table.headerLine, field: label, reason: "column has no matching row",
        hint: didYouMean(label, among: rowLabels).map { "did you mean '\($0)'?" } ?? "add a row for it"))
    }
    if table.rows.isEmpty { issues.append(DataIssue(file: file, reason: "the matrix has no rows")) }
    if !issues.isEmpty {
      throw DataError(issues.inFileAndLineOrder)
    }
    let n = rowLabels.count
    var m = Matrix(rows: n, columns: n)
    for (i, row) in table.rows.enumerated() {
      for (j, label) in rowLabels.enumerated() {
        let c = columnIndex[label]! + 1
        m[i, j] = InputOutputTableReader.number(row.fields[c], file: file, line: row.line, column: table.header[c], issues: &issues)
      }
    }
    if !issues.isEmpty { throw DataError(issues) }
    return LabeledMatrix(labels: rowLabels, matrix: m, rowLines: table.rows.map(\.line))
  }

  /// The matrix as CSV (the format ``parse(_:file:delimiter:)`` reads), values
  /// with 17 significant digits so that they read back exactly.
  public func csv(corner: String = "sector") -> String {
    var out = ([corner] + labels).map(csvField).joined(separator: ",") + "\n"
    for i in labels.indices {
      out += ([csvField(labels[i])] + (0..<labels.count).map { "\(matrix[i, $0])" }).joined(separator: ",") + "\n"
    }
    return out
  }
}

/// Quotes a CSV field when it holds a comma, quote or line break.
func csvField(_ s: String) -> String {
  s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" })
    ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
}

/// Reads per-sector values from CSV: a `sector` column and one value column
/// (`perturbation`, `k`, `recovery_steps`, …, named by the caller).
public enum SectorValues {
  /// Reads `column` for each sector of `sectors` (matched exactly, or by a unique
  /// prefix); sectors the file does not list get `missing` (nil: an error).
  ///
  /// - Throws: ``DataError`` for unknown or repeated sectors, values that are not
  ///   numbers, a missing column.
  ///
  /// `range`, when given, is where the values must lie; a value outside it is a problem
  /// of its line, reported with the others.
  public static func read(
    path: String, column: String, sectors: [String], missing: Double? = 0, range: ClosedRange<Double>? = nil
  ) throws(DataError) -> [Double] {
    try parse(
      try readText(path), file: path, column: column, sectors: sectors, missing: missing, range: range,
      delimiter: delimiter(forPath: path))
  }

  /// Parses per-sector values from text.
  public static func parse(
    _ text: String, file: String, column: String, sectors: [String], missing: Double? = 0, range: ClosedRange<Double>? = nil,
    delimiter: Character = ","
  ) throws(DataError) -> [Double] {
    var issues: [DataIssue] = []
    let table = try DelimitedTable.parseAll(text, file: file, delimiter: delimiter)
    guard let sc = table.column("sector") else {
      throw DataError([DataIssue(file: file, line: table.headerLine, reason: "no 'sector' column", hint: "columns: sector,\(column)")])
    }
    guard let vc = table.column(column) else {
      throw DataError([DataIssue(
        file: file, line: table.headerLine, reason: "no '\(column)' column",
        hint: didYouMean(column, among: table.header).map { "did you mean '\($0)'?" } ?? "columns: sector,\(column)")])
    }
    var values = [Double?](repeating: nil, count: sectors.count)
    var lines = [Int](repeating: 0, count: sectors.count)
    for row in table.rows {
      let name = row.fields[sc]
      guard let i = resolveSector(name, in: sectors) else {
        let ambiguous = sectors.filter { $0.hasPrefix(name) }.count > 1
        issues.append(DataIssue(
          file: file, line: row.line, field: "sector",
          reason: ambiguous ? "'\(name)' matches several sectors" : "unknown sector '\(name)'",
          hint: ambiguous ? "write more of the label" : didYouMean(name, among: sectors).map { "did you mean '\($0)'?" }))
        continue
      }
      if values[i] != nil {
        issues.append(DataIssue(file: file, line: row.line, field: "sector", reason: "\(sectors[i]) repeated (first on line \(lines[i]))"))
        continue
      }
      let field = row.fields[vc].trimmingSpaces
      guard let v = Double(field), v.isFinite else {
        issues.append(DataIssue(file: file, line: row.line, field: table.header[vc], reason: "'\(row.fields[vc])' is not a finite number"))
        continue
      }
      if let range, !range.contains(v) {
        let lower = NumberFormat.significant(range.lowerBound, digits: 6)
        let reason = range.upperBound == .greatestFiniteMagnitude
          ? "\(field) is below \(lower) (must be ≥ \(lower))"
          : "\(field) is outside \(lower)…\(NumberFormat.significant(range.upperBound, digits: 6))"
        issues.append(DataIssue(file: file, line: row.line, field: table.header[vc], reason: reason))
        // The sector has its (wrong) value: it is not also reported as missing.
      }
      values[i] = v
      lines[i] = row.line
    }
    if missing == nil {
      // One issue for all the sectors left out, not one each.
      let absent = sectors.indices.filter { values[$0] == nil }.map { sectors[$0] }
      if !absent.isEmpty {
        issues.append(DataIssue(
          file: file, field: column,
          reason: "no value for \(absent.count == 1 ? "the sector" : "\(absent.count) sectors"): " + absent.joined(separator: ", "),
          hint: "every sector needs a \(column)"))
      }
    }
    if !issues.isEmpty { throw DataError(issues) }
    return values.map { $0 ?? missing ?? 0 }
  }
}

/// A sector by exact label or unique prefix.
package func resolveSector(_ label: String, in sectors: [String]) -> Int? {
  if let i = sectors.firstIndex(of: label) { return i }
  let matches = sectors.indices.filter { sectors[$0].hasPrefix(label) }
  return matches.count == 1 ? matches[0] : nil
}

/// Expert judgement: sector-to-sector consequence scores mapped to `A*`.
///
/// An expert scores, for each pair (affected i, source j), how much of i's
/// operation is lost when j fails completely, on a six-level scale. Each level
/// stands for a band of inoperability and maps to the band's midpoint:
///
/// | score | level      | band of a*_ij | a*_ij |
/// |-------|------------|---------------|-------|
/// | 0     | none       | 0             | 0     |
/// | 1     | negligible | (0, 0.1]      | 0.05  |
/// | 2     | minor      | (0.1, 0.3]    | 0.2   |
/// | 3     | moderate   | (0.3, 0.6]    | 0.45  |
/// | 4     | major      | (0.6, 0.9]    | 0.75  |
/// | 5     | total      | (0.9, 1]      | 0.95  |
///
/// The bands follow the linguistic scales of the expert-elicited IIM studies
/// (Setola, De Porcellinis & Sforna 2009); the mapping is Rensa's decision, stated
/// here and overridable with ``init(levels:)``.
public struct ExpertJudgementScale: Sendable, Hashable {
  /// `a*` for scores 0, 1, …
  public var levels: [Double]

  /// The default six-level scale above.
  public static let standard = ExpertJudgementScale(levels: [0, 0.05, 0.2, 0.45, 0.75, 0.95])

  public init(levels: [Double]) { self.levels = levels }

  /// `A*` from a matrix of integer scores (row = affected, column = source).
  ///
  /// - Throws: ``DataError`` naming each cell whose score is not a whole number
  ///   on the scale, and a nonzero diagonal.
  public func interdependency(scores: LabeledMatrix, origin: String) throws(DataError) -> InoperabilityModel {
    var issues: [DataIssue] = []
    let n = scores.labels.count
    var a = Matrix(rows: n, columns: n)
    for i in 0..<n {
      for j in 0..<n {
        let s = scores.matrix[i, j]
        let field = "row \(scores.labels[i]), column \(scores.labels[j])"
        let line = scores.rowLines.indices.contains(i) ? scores.rowLines[i] : nil
        guard s == s.rounded(), s >= 0, s < Double(levels.count) else {
          issues.append(DataIssue(
            file: origin, line: line, field: field, reason: "score \(NumberFormat.significant(s, digits: 6)) is not on the scale",
            hint: "scores are whole numbers 0…\(levels.count - 1)"))
          continue
        }
        if i == j && s != 0 {
          issues.append(DataIssue(file: origin, line: line, field: field, reason: "a sector scored against itself", hint: "leave the diagonal 0"))
          continue
        }
        a[i, j] = levels[Int(s)]
      }
    }
    if !issues.isEmpty { throw DataError(issues) }
    return try InoperabilityModel(sectors: scores.labels, interdependency: a, origin: "\(origin) (expert scores)")
  }
}

extension InoperabilityModel {
  /// `A*` from a dataset's dependency couplings, at sector level, so that a dataset
  /// without an input–output table can be analysed.
  ///
  /// `a*_ij` (affected i, source j) is the sum of the couplings of the dependencies
  /// with supplier j and dependent i whose both ends are sectors. A dependency in
  /// a requirement group of g alternatives of which `need` must work contributes
  /// `coupling · need / g`: the linear model cannot express "all alternatives
  /// lost", so it spreads the group's coupling over its members (losing all of
  /// them costs `need · coupling`). Asset-level dependencies are not aggregated.
  ///
  /// - Throws: ``DataError`` if no sector-to-sector coupling exists, or the
  ///   resulting matrix is invalid (a diagonal entry ≥ 1).
  public init(couplingsOf dataset: Dataset) throws(DataError) {
    let sectors = dataset.sectors.map(\.id)
    var index: [String: Int] = [:]
    for (i, s) in sectors.enumerated() { index[s] = i }
    var groupSizes: [String: Int] = [:]
    for d in dataset.dependencies {
      if let g = d.group { groupSizes["\(d.dependent)\u{0}\(g)", default: 0] += 1 }
    }
    let n = sectors.count
    var a = Matrix(rows: n, columns: n)
    var used = 0
    for d in dataset.dependencies where d.coupling > 0 {
      guard let i = index[d.dependent], let j = index[d.supplier] else { continue }
      var share = 1.0
      if let g = d.group, let size = groupSizes["\(d.dependent)\u{0}\(g)"], size > 0 {
        share = Double(min(d.need, size)) / Double(size)
      }
      a[i, j] += d.coupling * share
      used += 1
    }
    if used == 0 {
      throw DataError([DataIssue(
        file: dataset.name, field: "dependencies",
        reason: "no sector-to-sector dependency has a coupling > 0",
        hint: "set 'coupling' on sector dependencies, or use an input–output table")])
    }
    try self.init(sectors: sectors, interdependency: a, origin: "\(dataset.name) (dependency couplings)")
  }
}
