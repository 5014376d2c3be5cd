import Foundation
import InternalRensaUtilities
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
    if nodes == nil, let network = parseSimple(text, file: file, delimiter: delimiter) { return network }
    return try parseChecked(text, file: file, delimiter: delimiter, nodes: nodes)
  }

  /// ``parse(_:file:delimiter:nodes:)`` without the fast path: every row through the
  /// general reader (the reference the fast path is tested against).
  static func parseChecked(
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

  /// The common case read straight from the bytes: a header `supplier<d>dependent`,
  /// optionally followed by any of `delay_h`, `recovery_h`, `probability`, `group` and
  /// `need` (once each; `need` with `group`), then rows of two printable-ASCII ids with
  /// nothing to trim, plain numbers (digits, sign, point, exponent) or nothing in the timing
  /// columns, a printable-ASCII label or nothing in `group`, digits or nothing in `need`; no
  /// quotes, comments, blank lines, carriage returns or repeated edges, every group's need
  /// the same on its rows and no more than its suppliers (self-dependencies are kept and
  /// noted, as the general reader does). Ids are interned from
  /// their bytes (a `String` is made once per distinct id, not per field). Anything else —
  /// a number out of range included — returns nil before a result is made, and
  /// ``parse(_:file:delimiter:nodes:)`` reads the file with every check and message: this
  /// path only ever gives what that one would, which the tests compare on random files.
  static func parseSimple(_ text: String, file: String, delimiter: Character) -> DependencyNetwork? {
    guard let d = delimiter.asciiValue else { return nil }
    var text = text
    return text.withUTF8 { bytes -> DependencyNetwork? in
      let count = bytes.count
      var i = count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0
      let header: [UInt8] = Array("supplier".utf8) + [d] + Array("dependent".utf8)
      guard count - i > header.count, header.indices.allSatisfy({ bytes[i + $0] == header[$0] }) else { return nil }
      i += header.count
      // Columns after the first two: 0 delay_h, 1 recovery_h, 2 probability, 3 group, 4 need.
      let names = (EdgeAssembler.timingFields + ["group", "need"]).map { Array($0.utf8) }
      var timing: [Int] = []
      while i < count && bytes[i] == d {
        i += 1
        guard let k = names.indices.first(where: { k in
          i + names[k].count <= count && names[k].indices.allSatisfy { bytes[i + $0] == names[k][$0] }
            && (i + names[k].count == count || bytes[i + names[k].count] == d || bytes[i + names[k].count] == 0x0A)
        }), !timing.contains(k) else { return nil }
        timing.append(k)
        i += names[k].count
      }
      guard i < count, bytes[i] == 0x0A else { return nil }
      // A need column without a group column is the general reader's error.
      if timing.contains(4) && !timing.contains(3) { return nil }
      i += 1
      let columns = 2 + timing.count
      var groupLabels = ByteInterner(capacity: 64)
      var groupedEdges = IntegerMap(capacity: 64)  // supplier << 32 | dependent → group number
      var groupNeed = IntegerMap(capacity: 64)  // dependent << 32 | group number → need
      var groupSize = IntegerMap(capacity: 64)  // the same key → suppliers
      var groups: [UInt64] = []
      var interner = ByteInterner(capacity: max(16, count / 24))
      var dependencies: [DependencyNetwork.Dependency] = []
      dependencies.reserveCapacity(count / 16)
      var edges = IntegerMap(capacity: count / 16)
      var from = [Int](repeating: 0, count: columns)
      var to = [Int](repeating: 0, count: columns)
      var line = 2
      var selfDependencies: [String] = []
      while i < count {
        guard bytes[i] != 0x23 else { return nil }  // a comment line
        // The row's fields: exactly as many as the header's.
        var f = 0
        from[0] = i
        while true {
          if i == count || bytes[i] == 0x0A {
            to[f] = i
            f += 1
            break
          }
          if bytes[i] == d {
            to[f] = i
            f += 1
            guard f < columns else { return nil }
            from[f] = i + 1
          }
          i += 1
        }
        guard f == columns else { return nil }
        i += 1  // past the newline (or the end)
        guard let s = interner.intern(bytes, from[0], to[0]), let t = interner.intern(bytes, from[1], to[1]) else { return nil }
        if s == t { selfDependencies.append("\(interner.ids[s]) (line \(line))") }
        // Timing values as the general reader takes them (else it gives the error).
        var values: (delay: Double, recovery: Double, probability: Double) = (0, 0, 1)
        var group = -1
        var need: Int? = nil
        for (c, k) in timing.enumerated() where from[2 + c] < to[2 + c] && k >= 3 {
          if k == 3 {
            // A label as the general reader keeps it: printable ASCII, nothing to trim.
            guard let g = groupLabels.intern(bytes, from[2 + c], to[2 + c]) else { return nil }
            group = g
          } else {
            // A whole number ≥ 1, digits only.
            guard to[2 + c] - from[2 + c] <= 15 else { return nil }
            var k = 0
            for b in UnsafeBufferPointer(rebasing: bytes[from[2 + c]..<to[2 + c]]) {
              guard b >= 0x30 && b <= 0x39 else { return nil }
              k = k * 10 + Int(b - 0x30)
            }
            guard k >= 1 else { return nil }
            need = k
          }
        }
        if need != nil && group < 0 { return nil }  // 'need' without a group: an error there
        for (c, k) in timing.enumerated() where from[2 + c] < to[2 + c] && k < 3 {
          // Digits only, at most 15 of them: the integer, exactly what Double(text) reads.
          var whole = 0
          var digitsOnly = to[2 + c] - from[2 + c] <= 15
          for b in UnsafeBufferPointer(rebasing: bytes[from[2 + c]..<to[2 + c]]) {
            guard (b >= 0x30 && b <= 0x39) || b == 0x2B || b == 0x2D || b == 0x2E || b == 0x65 || b == 0x45 else { return nil }
            if b >= 0x30 && b <= 0x39 { whole = whole &* 10 &+ Int(b - 0x30) } else { digitsOnly = false }
          }
          let x: Double
          if digitsOnly {
            x = Double(whole)
          } else {
            guard let parsed = Double(String(decoding: UnsafeBufferPointer(rebasing: bytes[from[2 + c]..<to[2 + c]]), as: UTF8.self))
            else { return nil }
            x = parsed
          }
          guard x.isFinite, x >= 0, k != 2 || x <= 1 else { return nil }
          switch k {
          case 0: values.delay = x
          case 1: values.recovery = x
          default: values.probability = x
          }
        }
        let key = UInt64(s) << 32 | UInt64(t)
        if group < 0 {
          guard edges[key] == nil else { return nil }
          edges.set(key, dependencies.count)
        } else {
          // One row per supplier and dependent among the grouped rows (the same pair in two
          // groups, or twice in one, is left to the general reader).
          guard groupedEdges[key] == nil else { return nil }
          groupedEdges.set(key, group)
          let groupKey = UInt64(t) << 32 | UInt64(group)
          if let previous = groupNeed[groupKey] {
            guard previous == need ?? 1 else { return nil }  // needs that differ: an error there
            groupSize.set(groupKey, groupSize[groupKey]! + 1)
          } else {
            groupNeed.set(groupKey, need ?? 1)
            groupSize.set(groupKey, 1)
            groups.append(groupKey)
          }
        }
        dependencies.append(.init(
          supplier: s, dependent: t, group: group < 0 ? nil : groupLabels.ids[group], need: group < 0 ? 1 : need ?? 1,
          line: line, delay: values.delay, recovery: values.recovery, probability: values.probability))
        line += 1
      }
      guard !dependencies.isEmpty else { return nil }
      // A group needing more suppliers than it lists: an error there.
      for g in groups where groupNeed[g]! > groupSize[g]! { return nil }
      let ids = interner.ids
      let known = Set(ids)
      var notes = EdgeAssembler.nearDuplicateNotes(ids, file: file, containing: known.contains)
      if !selfDependencies.isEmpty { notes.append(EdgeAssembler.selfDependencyNote(selfDependencies, file: file)) }
      return DependencyNetwork(nodeIDs: ids, dependencies: dependencies, source: file, notes: notes)
    }
  }
}

/// Ids interned from their bytes: printable ASCII only (so that two ids are equal exactly
/// when their bytes are, as `String` compares them), nothing to trim at either end.
struct ByteInterner {
  private(set) var ids: [String] = []
  private var arena: [UInt8] = []
  private var starts: [Int] = [0]
  private var table: [Int32]
  private var mask: Int

  init(capacity: Int) {
    var size = 16
    while size < capacity * 2 { size <<= 1 }
    table = [Int32](repeating: -1, count: size)
    mask = size - 1
  }

  /// The number of the id in `bytes[from..<to]`, new or known; nil when the field is
  /// empty, has a byte outside printable ASCII or a quote, or a space at either end.
  mutating func intern(_ bytes: UnsafeBufferPointer<UInt8>, _ from: Int, _ to: Int) -> Int? {
    guard from < to, bytes[from] != 0x20, bytes[to - 1] != 0x20 else { return nil }
    for k in from..<to {
      let b = bytes[k]
      guard b >= 0x20 && b < 0x7F && b != 0x22 else { return nil }
    }
    let field = UnsafeBufferPointer(rebasing: bytes[from..<to])
    var slot = Self.hash(field) & mask
    while table[slot] >= 0 {
      let id = Int(table[slot])
      let a = starts[id]
      let length = starts[id + 1] - a
      if length == to - from && arena.withUnsafeBufferPointer({ memcmp($0.baseAddress! + a, bytes.baseAddress! + from, length) == 0 }) {
        return id
      }
      slot = (slot + 1) & mask
    }
    let id = ids.count
    table[slot] = Int32(id)
    arena.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[from..<to]))
    starts.append(arena.count)
    ids.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[from..<to]), as: UTF8.self))
    if ids.count * 2 > table.count { grow() }
    return id
  }

  /// FNV-1a of the bytes, folded to an `Int`.
  @inline(__always) private static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
    var h: UInt64 = 0xCBF2_9CE4_8422_2325
    for b in bytes { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01B3 }
    return Int(truncatingIfNeeded: h ^ (h >> 32))
  }

  private mutating func grow() {
    table = [Int32](repeating: -1, count: table.count * 2)
    mask = table.count - 1
    arena.withUnsafeBufferPointer { arena in
      for id in ids.indices {
        var slot = Self.hash(UnsafeBufferPointer(rebasing: arena[starts[id]..<starts[id + 1]])) & mask
        while table[slot] >= 0 { slot = (slot + 1) & mask }
        table[slot] = Int32(id)
      }
    }
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
  /// Integer keys, not strings built per row (the reader's hottest cost was formatting them):
  /// an edge is (supplier, dependent, group label's number or −1); a group (dependent, label).
  private struct EdgeKey: Hashable {
    var supplier: Int32
    var dependent: Int32
    var group: Int32
  }
  private struct GroupKey: Hashable {
    var dependent: Int32
    var group: Int32
  }
  private var groupNumbers: [String: Int32] = [:]
  private var groupLabels: [String] = []
  private var firstIndex: [EdgeKey: Int] = [:]  // grouped edge → index in dependencies (its line there)
  private var firstPlainIndex = IntegerMap()  // edge without a group, supplier << 32 | dependent → index
  private var groupNeed: [GroupKey: (need: Int, line: Int)] = [:]
  private var groupSuppliers: [GroupKey: Set<Int>] = [:]
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
    var groupNumber: Int32 = -1
    if let group {
      groupNumber = groupNumbers[group] ?? {
        groupNumbers[group] = Int32(groupLabels.count)
        groupLabels.append(group)
        return Int32(groupLabels.count - 1)
      }()
      let groupKey = GroupKey(dependent: Int32(d), group: groupNumber)
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
    let key = EdgeKey(supplier: Int32(s), dependent: Int32(d), group: groupNumber)
    let plainKey = UInt64(s) << 32 | UInt64(d)
    if let index = groupNumber < 0 ? firstPlainIndex[plainKey] : firstIndex[key] {
      let kept = dependencies[index]
      let first = kept.line
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
    if groupNumber < 0 { firstPlainIndex.set(plainKey, dependencies.count) } else { firstIndex[key] = dependencies.count }
    dependencies.append(
      .init(
        supplier: s, dependent: d, group: group, need: need, line: line, delay: values["delay_h"] ?? 0,
        recovery: values["recovery_h"] ?? 0, probability: values["probability"] ?? 1))
  }

  /// Ids that differ only in case, width or invisible characters are almost always one
  /// node written two ways: said (the first ten groups), not merged (ids are case-sensitive).
  static func nearDuplicateNotes(_ ids: [String], file: String, containing: (String) -> Bool) -> [DataIssue] {
    Identity.nearDuplicates(ids, containing: containing).prefix(10).map { group in
      DataIssue(
        file: file,
        reason: "node ids that differ only in case, width, spaces or invisible characters are kept apart: "
          + group.map { "'\(Identity.printable($0))'" }.joined(separator: ", "))
    }
  }

  /// The note listing the self-dependencies kept (`id (line n)` each).
  static func selfDependencyNote(_ list: [String], file: String) -> DataIssue {
    DataIssue(file: file, reason: "self-dependencies kept (they do not change what else is reached): " + list.joined(separator: ", "))
  }

  /// The network, or every problem found.
  mutating func finish() throws(DataError) -> DependencyNetwork {
    for (key, value) in groupNeed {
      let count = groupSuppliers[key]?.count ?? 0
      if value.need > count {
        issues.append(
          DataIssue(
            file: file, line: value.line, field: "need",
            reason: "group '\(groupLabels[Int(key.group)])' of '\(ids[Int(key.dependent)])' needs \(value.need) suppliers but lists only \(count)"))
      }
    }
    if mergedDuplicates > Self.notedDuplicates {
      notes.append(DataIssue(
        file: file, reason: "\(mergedDuplicates - Self.notedDuplicates) more duplicate rows merged (\(mergedDuplicates) in all)"))
    }
    notes += Self.nearDuplicateNotes(ids, file: file, containing: { indexByID[$0] != nil })
    if !selfDependencies.isEmpty { notes.append(Self.selfDependencyNote(selfDependencies, file: file)) }
    guard issues.isEmpty else {
      throw DataError(issues.inFileAndLineOrder)
    }
    return DependencyNetwork(nodeIDs: ids, dependencies: dependencies, source: file, notes: notes)
  }
}
