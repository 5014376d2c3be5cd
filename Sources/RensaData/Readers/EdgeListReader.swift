/// Reads dependency edge lists (CSV or TSV), the format of `rensa closure`.
///
/// ```text
/// # supplier → dependent; edges with the same group are alternatives
/// supplier,dependent,group
/// grid,hospital,power
/// generator,hospital,power
/// telecom-a,hospital,
/// ```
///
/// Columns: `supplier,dependent` first (required), then optionally `group`
/// (requirement-group label) and `need` (how many of the group's suppliers the
/// dependent needs; default 1, the same on every row of a group). Other columns
/// are accepted and ignored here (later analyses read `delay_h`, `probability`, …).
/// Ids are strings, trimmed; parallel duplicate edges are merged with a note.
///
/// An optional node table (`id` column first) declares the nodes: edges may then
/// only name declared ids, ids must be unique, and declared nodes without edges
/// are kept as isolated nodes.
///
/// Reading is all-or-nothing: every problem of the file is collected and thrown
/// as one ``DataError``.
public enum EdgeListReader {
  /// Parses an edge list.
  ///
  /// - Parameters:
  ///   - text: The file's contents.
  ///   - file: The name used in messages.
  ///   - delimiter: `,` or a tab (see ``delimiter(forPath:)``).
  ///   - nodes: An optional node table: its text and file name.
  /// - Throws: ``DataError`` listing every problem.
  public static func parse(
    _ text: String, file: String, delimiter: Character = ",", nodes: (text: String, file: String)? = nil
  ) throws(DataError) -> DependencyNetwork {
    var issues: [DataIssue] = []

    // Declared nodes.
    var declared: [String]? = nil
    var declaredLine: [String: Int] = [:]
    if let nodes {
      let nodeDelimiter = RensaData.delimiter(forPath: nodes.file)
      if let table = DelimitedTable.parse(nodes.text, file: nodes.file, delimiter: nodeDelimiter, issues: &issues) {
        if table.header.first?.lowercased() != "id" {
          issues.append(
            DataIssue(
              file: nodes.file, line: table.headerLine, field: table.header.first,
              reason: "the first column of a node table must be 'id'", hint: "header found: \(table.header.joined(separator: ","))"))
        } else {
          var list: [String] = []
          for row in table.rows {
            let id = row.fields[0]
            if id.isEmpty {
              issues.append(DataIssue(file: nodes.file, line: row.line, field: "id", reason: "empty node id"))
            } else if let first = declaredLine[id] {
              issues.append(
                DataIssue(file: nodes.file, line: row.line, field: "id", reason: "duplicate node id '\(id)'", hint: "first declared on line \(first)"))
            } else {
              declaredLine[id] = row.line
              list.append(id)
            }
          }
          if list.isEmpty && table.rows.isEmpty {
            issues.append(DataIssue(file: nodes.file, reason: "the node table has a header but no nodes"))
          }
          declared = list
        }
      }
    }

    guard let table = DelimitedTable.parse(text, file: file, delimiter: delimiter, issues: &issues) else {
      throw DataError(issues)
    }
    let header = table.header.map { $0.lowercased() }
    if header.count < 2 || header[0] != "supplier" || header[1] != "dependent" {
      let hint: String
      if header.count >= 2, Set(header.prefix(2)) == ["supplier", "dependent"] {
        hint = "the columns are swapped: edges go from supplier to dependent"
      } else if header.count == 1, delimiter == ",", header[0].contains("\t") {
        hint = "the file looks tab-separated; name it .tsv"
      } else {
        hint = "header found: \(table.header.joined(separator: String(delimiter)))"
      }
      issues.append(
        DataIssue(
          file: file, line: table.headerLine, reason: "the header must start with the columns 'supplier' and 'dependent'",
          hint: hint))
      throw DataError(issues)
    }
    let groupColumn = table.column("group")
    let needColumn = table.column("need")
    if needColumn != nil && groupColumn == nil {
      issues.append(
        DataIssue(file: file, line: table.headerLine, field: "need", reason: "a 'need' column requires a 'group' column"))
    }

    let timingColumns = EdgeAssembler.timingFields.compactMap { name in table.column(name).map { (name, $0) } }
    var assembler = EdgeAssembler(file: file, declared: declared, declaredIn: nodes?.file)
    assembler.issues = issues
    for row in table.rows {
      var group: String? = nil
      if let groupColumn, !row.fields[groupColumn].isEmpty { group = row.fields[groupColumn] }
      var need: String? = nil
      if let needColumn, !row.fields[needColumn].isEmpty { need = row.fields[needColumn] }
      var timing: [String: String] = [:]
      for (name, column) in timingColumns where !row.fields[column].isEmpty { timing[name] = row.fields[column] }
      assembler.add(supplier: row.fields[0], dependent: row.fields[1], group: group, need: need, timing: timing, line: row.line)
    }
    if table.rows.isEmpty && assembler.issues.isEmpty {
      assembler.issues.append(DataIssue(file: file, reason: "the file has a header but no edges"))
    }
    return try assembler.finish()
  }

  /// Reads an edge list from a file (`.tsv` is tab-separated), with an optional node table.
  ///
  /// - Throws: ``DataError`` for bad content, or (``DataError/unreadable``) a file that
  ///   cannot be read.
  public static func read(path: String, nodesPath: String? = nil) throws(DataError) -> DependencyNetwork {
    let text = try readText(path)
    var nodes: (text: String, file: String)? = nil
    if let nodesPath { nodes = (try readText(nodesPath), nodesPath) }
    return try parse(text, file: path, delimiter: delimiter(forPath: path), nodes: nodes)
  }
}

/// Turns edges read from a file into a ``DependencyNetwork``: resolves node ids (against
/// declared nodes, when there are any), checks requirement groups (`need` a whole number
/// ≥ 1, the same on every edge of a group, no more than the group's suppliers), merges
/// parallel duplicates and notes self-dependencies. Shared by the edge-list and GraphML
/// readers so that both follow one set of rules.
struct EdgeAssembler {
  let file: String
  let declared: [String]?
  let declaredIn: String?
  var issues: [DataIssue] = []
  var notes: [DataIssue] = []
  /// Duplicate rows merged, and how many of them are named in a note each.
  var mergedDuplicates = 0
  static let notedDuplicates = 10
  private var ids: [String]
  private var indexByID: [String: Int] = [:]
  private var dependencies: [DependencyNetwork.Dependency] = []
  private var seen: [String: Int] = [:]  // edge key → first line
  private var firstIndex: [String: Int] = [:]  // edge key → index in dependencies
  private var groupNeed: [String: (need: Int, line: Int)] = [:]
  private var groupSuppliers: [String: Set<Int>] = [:]
  private var selfDependencies: [String] = []

  init(file: String, declared: [String]?, declaredIn: String?) {
    self.file = file
    self.declared = declared
    self.declaredIn = declaredIn
    self.ids = declared ?? []
    for (i, id) in ids.enumerated() { indexByID[id] = i }
  }

  mutating func resolve(_ id: String, line: Int, field: String) -> Int? {
    if id.isEmpty {
      issues.append(DataIssue(file: file, line: line, field: field, reason: "empty node id"))
      return nil
    }
    if let i = indexByID[id] { return i }
    // Control characters (a newline inside a quoted field, a tab, ESC) make an id that no
    // message or table can show; refuse them where they are.
    if Identity.containsControlCharacter(id) {
      issues.append(DataIssue(
        file: file, line: line, field: field, reason: "the node id '\(Identity.printable(id))' holds a control character",
        hint: "ids are one line of printable text"))
      return nil
    }
    if let declared {
      let suggestion = didYouMean(id, among: declared)
      issues.append(
        DataIssue(
          file: file, line: line, field: field, reason: "unknown node '\(id)': not declared in \(declaredIn ?? file)",
          hint: suggestion.map { "did you mean '\($0)'?" }))
      return nil
    }
    indexByID[id] = ids.count
    ids.append(id)
    return ids.count - 1
  }

  /// Optional timing fields of an edge: hours until the dependency is lost after its
  /// supplier fails, hours of recovery after it returns, transmission probability.
  static let timingFields = ["delay_h", "recovery_h", "probability"]

  /// Adds one edge `supplier → dependent`; `need` and `timing` (by field name) are the
  /// texts given, if any.
  mutating func add(
    supplier: String, dependent: String, group: String?, need needText: String?, timing: [String: String] = [:], line: Int
  ) {
    let s = resolve(supplier, line: line, field: "supplier")
    let d = resolve(dependent, line: line, field: "dependent")
    var values: [String: Double] = [:]
    for (field, text) in timing {
      let maximum = field == "probability" ? 1.0 : Double.greatestFiniteMagnitude
      if let x = Double(text), x.isFinite, x >= 0, x <= maximum, text.allSatisfy({ "0123456789+-.eE".contains($0) }) {
        values[field] = x
      } else {
        issues.append(
          DataIssue(
            file: file, line: line, field: field,
            reason: "'\(text)' is not \(field == "probability" ? "a probability in [0, 1]" : "a number of hours ≥ 0")"))
      }
    }
    var need = 1
    if let needText {
      if let k = Int(needText), k >= 1 {
        need = k
        if group == nil {
          issues.append(
            DataIssue(
              file: file, line: line, field: "need", reason: "'need' is given but 'group' is empty",
              hint: "need applies to a requirement group"))
        }
      } else {
        issues.append(DataIssue(file: file, line: line, field: "need", reason: "'\(needText)' is not a whole number ≥ 1"))
      }
    }
    guard let s, let d else { return }
    if s == d { selfDependencies.append("\(ids[s]) (line \(line))") }
    if let group {
      let groupKey = "\(d)\u{0}\(group)"
      if let previous = groupNeed[groupKey], previous.need != need {
        issues.append(
          DataIssue(
            file: file, line: line, field: "need",
            reason: "group '\(group)' of '\(ids[d])' needs \(need) here but \(previous.need) on line \(previous.line)",
            hint: "every edge of a group must give the same 'need'"))
      } else if groupNeed[groupKey] == nil {
        groupNeed[groupKey] = (need, line)
      }
      groupSuppliers[groupKey, default: []].insert(s)
    }
    let key = "\(s)\u{0}\(d)\u{0}\(group ?? "")"
    if let first = seen[key] {
      let kept = dependencies[firstIndex[key]!]
      if kept.delay != values["delay_h"] ?? 0 || kept.recovery != values["recovery_h"] ?? 0
        || kept.probability != values["probability"] ?? 1
      {
        issues.append(
          DataIssue(
            file: file, line: line, reason: "duplicate of the edge on line \(first) with different timing",
            hint: "give one row per supplier, dependent and group"))
      } else {
        // The first few are named; the rest are counted (a file of millions of
        // repeated rows must not print millions of notes).
        mergedDuplicates += 1
        if mergedDuplicates <= Self.notedDuplicates {
          notes.append(DataIssue(file: file, line: line, reason: "duplicate of the edge on line \(first); merged"))
        }
      }
      return
    }
    seen[key] = line
    firstIndex[key] = dependencies.count
    dependencies.append(
      .init(
        supplier: s, dependent: d, group: group, need: need, line: line, delay: values["delay_h"] ?? 0,
        recovery: values["recovery_h"] ?? 0, probability: values["probability"] ?? 1))
  }

  /// The network, or every problem found.
  mutating func finish() throws(DataError) -> DependencyNetwork {
    for (key, value) in groupNeed {
      let count = groupSuppliers[key]?.count ?? 0
      if value.need > count {
        let parts = key.split(separator: "\u{0}", omittingEmptySubsequences: false)
        let dependent = ids[Int(parts[0])!]
        issues.append(
          DataIssue(
            file: file, line: value.line, field: "need",
            reason: "group '\(parts[1])' of '\(dependent)' needs \(value.need) suppliers but lists only \(count)"))
      }
    }
    if mergedDuplicates > Self.notedDuplicates {
      notes.append(DataIssue(
        file: file, reason: "\(mergedDuplicates - Self.notedDuplicates) more duplicate rows merged (\(mergedDuplicates) in all)"))
    }
    // Ids that differ only in case, width or invisible characters are almost always one
    // node written two ways: said, not merged (ids are case-sensitive).
    for group in Identity.nearDuplicates(ids, containing: { indexByID[$0] != nil }).prefix(10) {
      notes.append(DataIssue(
        file: file,
        reason: "node ids that differ only in case, width, spaces or invisible characters are kept apart: "
          + group.map { "'\(Identity.printable($0))'" }.joined(separator: ", ")))
    }
    if !selfDependencies.isEmpty {
      notes.append(
        DataIssue(
          file: file,
          reason: "self-dependencies kept (they do not change what else is reached): "
            + selfDependencies.joined(separator: ", ")))
    }
    guard issues.isEmpty else {
      throw DataError(issues.inFileAndLineOrder)
    }
    return DependencyNetwork(nodeIDs: ids, dependencies: dependencies, source: file, notes: notes)
  }
}
