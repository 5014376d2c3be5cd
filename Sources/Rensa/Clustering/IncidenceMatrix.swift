import RensaCluster
import RensaLinearAlgebra

/// An entity × feature matrix (sectors × techniques, advisories × weaknesses, …) with
/// its labels: the input of the shared-threat clustering.
///
/// Read from CSV in one of two layouts (Docs/Clustering.md):
/// - **wide**: a header row of feature ids (its first cell names the entity column),
///   then one row per entity: its id and one cell per feature, 0/1 or a weight;
/// - **long**: columns `entity,feature` and optionally `weight` (default 1), one
///   incidence per row; a pair given twice is an error.
public struct IncidenceMatrix: Sendable {
  /// Entity ids in input order.
  public var entities: [String]
  /// Feature ids in input order.
  public var features: [String]
  /// Weights, entities × features (0 = absent).
  public var weights: Matrix

  public init(entities: [String], features: [String], weights: Matrix) {
    self.entities = entities
    self.features = features
    self.weights = weights
  }

  /// Whether every weight is 0 or 1.
  public var isBinary: Bool { weights.elements.allSatisfy { $0 == 0 || $0 == 1 } }

  /// The pattern of nonzero weights.
  public var binary: BinaryMatrix {
    var m = BinaryMatrix(rowCount: entities.count, columnCount: features.count)
    for j in 0..<features.count { for i in 0..<entities.count where weights[i, j] != 0 { m[i, j] = true } }
    return m
  }

  /// Entities with no feature.
  public var emptyEntities: [String] {
    (0..<entities.count).filter { i in (0..<features.count).allSatisfy { weights[i, $0] == 0 } }.map { entities[$0] }
  }

  /// The matrix without its ``emptyEntities``: the rows a distance can be taken
  /// between (an entity with no feature has no Jaccard or cosine distance to anything).
  ///
  /// - Complexity: O(entities × features).
  public var withoutEmptyEntities: IncidenceMatrix {
    let kept = (0..<entities.count).filter { i in (0..<features.count).contains { weights[i, $0] != 0 } }
    guard kept.count < entities.count else { return self }
    var w = Matrix(rows: kept.count, columns: features.count)
    for j in 0..<features.count { for (r, i) in kept.enumerated() { w[r, j] = weights[i, j] } }
    return IncidenceMatrix(entities: kept.map { entities[$0] }, features: features, weights: w)
  }

  /// Flat clusters as member lists: `labels` (one per entity, as
  /// `LinkageTree.clusters(threshold:)` or `clusters(count:)` give them, 1, 2, …) turned
  /// into the entities of each cluster, clusters in label order, members in row order.
  ///
  /// ```swift
  /// let matrix = incidence.withoutEmptyEntities
  /// let tree = try Linkage(try matrix.binary.distances(.jaccard), method: .average)
  /// let groups = matrix.clusters(tree.clusters(count: 3))   // [["electric-power", "gas"], …]
  /// ```
  ///
  /// - Precondition: one label per entity, each ≥ 1.
  public func clusters(_ labels: [Int]) -> [[String]] {
    precondition(labels.count == entities.count, "one label per entity")
    var members = [[String]](repeating: [], count: labels.max() ?? 0)
    for (i, label) in labels.enumerated() {
      precondition(label >= 1, "labels start at 1")
      members[label - 1].append(entities[i])
    }
    return members.filter { !$0.isEmpty }
  }

  /// Reads a matrix from a CSV or TSV file.
  ///
  /// - Throws: `DataError` (`unreadable` for a file that cannot be read) with every problem
  ///   (line, column, reason): cells that are not numbers, negative or NaN weights,
  ///   repeated entities, features or pairs, an empty matrix.
  public static func read(path: String) throws(DataError) -> IncidenceMatrix {
    try parse(try readText(path), file: path, delimiter: delimiter(forPath: path))
  }

  /// Parses a matrix from text.
  public static func parse(_ text: String, file: String, delimiter: Character = ",") throws(DataError) -> IncidenceMatrix {
    // Rows with the wrong number of fields are left out and reported together with
    // the problems of the cells of the others.
    var structural: [DataIssue] = []
    guard let table = DelimitedTable.parse(text, file: file, delimiter: delimiter, issues: &structural) else {
      throw DataError(structural)
    }
    // A header with problems (a repeated or empty column name) says nothing reliable
    // about the layout: its problems alone are reported.
    if structural.contains(where: { $0.line == table.headerLine }) { throw DataError(structural) }
    let lower = table.header.map { $0.lowercased() }
    var result: IncidenceMatrix? = nil
    var issues = structural
    do {
      if lower.contains("entity") && lower.contains("feature") && table.header.count <= 3 {
        result = try long(table, file: file)
      } else {
        result = try wide(table, file: file)
      }
    } catch {
      issues += error.issues
    }
    guard let result, issues.isEmpty else {
      throw DataError(issues.inFileAndLineOrder)
    }
    if result.entities.isEmpty || result.features.isEmpty {
      throw DataError([DataIssue(
        file: file, reason: "the matrix is empty (\(result.entities.count) entities, \(result.features.count) features)",
        hint: "give at least two entities and one feature")])
    }
    return result
  }

  static func weight(_ field: String, file: String, line: Int, column: String, issues: inout [DataIssue]) -> Double {
    let s = field.trimmingSpaces
    if s.isEmpty { return 0 }
    guard let v = Double(s), v.isFinite else {
      issues.append(DataIssue(file: file, line: line, field: column, reason: "'\(field)' is not a finite number"))
      return 0
    }
    if v < 0 {
      issues.append(DataIssue(
        file: file, line: line, field: column, reason: "weight \(NumberFormat.significant(v, digits: 15)) is negative",
        hint: "weights are ≥ 0; 0 = absent"))
      return 0
    }
    return v
  }

  static func wide(_ table: DelimitedTable, file: String) throws(DataError) -> IncidenceMatrix {
    var issues: [DataIssue] = []
    let features = Array(table.header.dropFirst())
    // An empty or repeated feature id is an empty or repeated column name, which the
    // table reader reports.
    var entities: [String] = []
    var seen: [String: Int] = [:]
    var rows: [[Double]] = []
    for row in table.rows {
      let id = row.fields[0]
      if id.isEmpty { issues.append(DataIssue(file: file, line: row.line, reason: "empty entity id in the first column")) }
      if let first = seen[id] { issues.append(DataIssue(file: file, line: row.line, field: id, reason: "entity repeated (first on line \(first))")) }
      seen[id] = row.line
      entities.append(id)
      rows.append(features.indices.map { weight(row.fields[$0 + 1], file: file, line: row.line, column: features[$0], issues: &issues) })
    }
    // "entity,threat" with ids in the cells is a long matrix with a misnamed column.
    if features.count == 1, let k = issues.firstIndex(where: { $0.reason.hasSuffix("is not a finite number") }) {
      issues[k].hint = "a long matrix names its columns entity,feature[,weight]"
    }
    if !issues.isEmpty { throw DataError(issues) }
    var m = Matrix(rows: entities.count, columns: features.count)
    for (i, r) in rows.enumerated() { for (j, v) in r.enumerated() { m[i, j] = v } }
    return IncidenceMatrix(entities: entities, features: features, weights: m)
  }

  static func long(_ table: DelimitedTable, file: String) throws(DataError) -> IncidenceMatrix {
    var issues: [DataIssue] = []
    let wc = table.column("weight")
    guard let ec = table.column("entity"), let fc = table.column("feature"), table.header.count == 2 || wc != nil else {
      let unknown = table.header.first { !["entity", "feature", "weight"].contains($0.lowercased()) }
      throw DataError([DataIssue(
        file: file, line: table.headerLine, reason: unknown.map { "unknown column '\($0)'" } ?? "columns repeated",
        hint: "a long matrix has the columns entity,feature and optionally weight, each once")])
    }
    var entities: [String] = []
    var features: [String] = []
    var entityIndex: [String: Int] = [:]
    var featureIndex: [String: Int] = [:]
    var cells: [Int: [Int: (Double, Int)]] = [:]
    for row in table.rows {
      let e = row.fields[ec]
      let f = row.fields[fc]
      if e.isEmpty || f.isEmpty {
        issues.append(DataIssue(file: file, line: row.line, field: e.isEmpty ? "entity" : "feature", reason: "empty id"))
        continue
      }
      let w = wc.map { weight(row.fields[$0], file: file, line: row.line, column: "weight", issues: &issues) } ?? 1
      let i = entityIndex[e] ?? {
        entityIndex[e] = entities.count
        entities.append(e)
        return entities.count - 1
      }()
      let j = featureIndex[f] ?? {
        featureIndex[f] = features.count
        features.append(f)
        return features.count - 1
      }()
      if let (_, line) = cells[i]?[j] {
        issues.append(DataIssue(file: file, line: row.line, reason: "the pair \(e), \(f) is given twice (first on line \(line))"))
        continue
      }
      cells[i, default: [:]][j] = (w, row.line)
    }
    if !issues.isEmpty { throw DataError(issues) }
    var m = Matrix(rows: entities.count, columns: features.count)
    for (i, row) in cells { for (j, cell) in row { m[i, j] = cell.0 } }
    return IncidenceMatrix(entities: entities, features: features, weights: m)
  }
}

/// A feature and the entities it touches (a common threat and the sectors it reaches).
public struct FeatureReach: Sendable, Hashable {
  /// The feature id.
  public var feature: String
  /// Entities with a nonzero weight for it, in entity order.
  public var entities: [String]
  /// `entities.count` divided by the number of entities.
  public var share: Double
  /// The sum of its weights (incident or advisory counts when the matrix holds counts).
  public var total: Double
}

extension IncidenceMatrix {
  /// Features ranked by how many entities they touch (most first; ties by the total
  /// weight, then in feature order): the threats common to most sectors.
  public var featuresByReach: [FeatureReach] {
    let n = entities.count
    let reach = features.indices.map { j -> FeatureReach in
      let hit = (0..<n).filter { weights[$0, j] != 0 }
      let total = (0..<n).reduce(0.0) { $0 + weights[$1, j] }
      return FeatureReach(feature: features[j], entities: hit.map { entities[$0] }, share: n > 0 ? Double(hit.count) / Double(n) : 0, total: total)
    }
    return reach.indices.sorted { a, b in
      if reach[a].entities.count != reach[b].entities.count { return reach[a].entities.count > reach[b].entities.count }
      if reach[a].total != reach[b].total { return reach[a].total > reach[b].total }
      return a < b
    }.map { reach[$0] }
  }
}
