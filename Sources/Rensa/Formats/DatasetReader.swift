/// Reads and validates a Rensa dataset document (JSON; Docs/DatasetFormat.md and the
/// JSON Schema `Docs/rensa-dataset.schema.json`).
///
/// Reading is all-or-nothing: every problem in the document is collected — wrong
/// types, unknown fields (with did-you-mean), values out of range, unknown enum values,
/// duplicate ids, dangling references — and thrown together as one ``DataError``
/// whose issues name the file, line, field path and reason.
public enum DatasetReader {
  /// Parses and validates a dataset document.
  public static func parse(_ text: String, file: String) throws(DataError) -> Dataset {
    let root = try JSONNode.parse(text, file: file)
    let collector = IssueCollector(file: file)
    guard let object = collector.object(root, path: "") else { throw DataError(collector.issues) }
    let dataset = readDataset(object)
    DatasetValidator.validate(dataset, lines: collector.lines, into: collector)
    guard collector.issues.isEmpty else {
      throw DataError(collector.issues.sorted { ($0.line ?? 0, $0.field ?? "") < ($1.line ?? 0, $1.field ?? "") })
    }
    return dataset
  }

  /// Reads a dataset file.
  ///
  /// - Throws: ``InputFileError`` when it cannot be read, ``DataError`` for its content.
  public static func read(path: String) throws -> Dataset {
    try parse(try readTextFile(path), file: path)
  }

  static func readDataset(_ o: ObjectReader) -> Dataset {
    o.allow([
      "name", "description", "version", "provenance", "sectors", "operators", "assets", "services", "dependencies",
      "threats", "incidents", "topics", "$schema",
    ])
    return Dataset(
      name: o.string("name") ?? "",
      description: o.string("description") ?? "",
      version: o.string("version", required: false) ?? "1",
      provenance: o.string("provenance", required: false) ?? "",
      sectors: o.array("sectors", required: true) { s in
        s.allow(["id", "name", "nameJa", "notes"])
        return Sector(id: s.id(), name: s.string("name") ?? "", nameJa: s.string("nameJa", required: false),
          notes: s.string("notes", required: false))
      },
      operators: o.array("operators") { s in
        s.allow(["id", "name", "sector"])
        return Operator(id: s.id(), name: s.string("name") ?? "", sector: s.string("sector") ?? "")
      },
      assets: o.array("assets") { s in
        s.allow(["id", "name", "nameJa", "sector", "operator", "users", "notes"])
        return Asset(
          id: s.id(), name: s.string("name") ?? "", nameJa: s.string("nameJa", required: false), sector: s.string("sector") ?? "",
          operator: s.string("operator", required: false), users: s.int("users", required: false, minimum: 0),
          notes: s.string("notes", required: false))
      },
      services: o.array("services") { s in
        s.allow(["id", "name", "nameJa", "sector", "assets", "verificationLevel", "serviceLevel"])
        var level = VerificationLevel(metric: "", unit: "", threshold: 0, text: "")
        if let v = s.object("verificationLevel", required: true) {
          v.allow(["metric", "unit", "threshold", "minimumDurationHours", "text"])
          level = VerificationLevel(
            metric: v.string("metric") ?? "", unit: v.string("unit") ?? "", threshold: v.double("threshold", minimum: 0) ?? 0,
            minimumDurationHours: v.double("minimumDurationHours", required: false, minimum: 0), text: v.string("text") ?? "")
        }
        return Service(
          id: s.id(), name: s.string("name") ?? "", nameJa: s.string("nameJa", required: false), sector: s.string("sector") ?? "",
          assets: s.strings("assets"), verificationLevel: level, serviceLevel: s.string("serviceLevel", required: false))
      },
      dependencies: o.array("dependencies") { s in
        s.allow([
          "supplier", "dependent", "kind", "class", "group", "need", "timeToImpactHours", "delayHours", "recoveryHours",
          "probability", "coupling", "source",
        ])
        return Dependency(
          supplier: s.string("supplier") ?? "", dependent: s.string("dependent") ?? "",
          kind: s.enumeration("kind") ?? .other, class: s.enumeration("class") ?? .logical,
          group: s.string("group", required: false), need: s.int("need", required: false, minimum: 1) ?? 1,
          timeToImpactHours: s.double("timeToImpactHours", required: false, minimum: 0) ?? 0,
          delayHours: s.double("delayHours", required: false, minimum: 0) ?? 0,
          recoveryHours: s.double("recoveryHours", required: false, minimum: 0) ?? 0,
          probability: s.double("probability", required: false, minimum: 0, maximum: 1) ?? 1,
          coupling: s.double("coupling", required: false, minimum: 0, maximum: 1) ?? 0,
          source: s.string("source") ?? "")
      },
      threats: o.array("threats") { s in
        s.allow(["id", "type", "scope", "name", "nameJa", "examples", "identifiers"])
        return Threat(
          id: s.id(), type: s.enumeration("type") ?? .unintentional, scope: s.enumeration("scope") ?? .operatorLevel,
          name: s.string("name") ?? "", nameJa: s.string("nameJa", required: false), examples: s.strings("examples"),
          identifiers: readIdentifiers(s))
      },
      incidents: o.array("incidents", readIncident),
      topics: o.array("topics") { s in
        s.allow(["id", "year", "title", "priority", "status"])
        return AnalysisTopic(
          id: s.id(), year: s.int("year", minimum: 1900, maximum: 2200) ?? 0, title: s.string("title") ?? "",
          priority: s.int("priority", minimum: 1, maximum: 5) ?? 5, status: s.enumeration("status") ?? .planned)
      })
  }

  static func readIncident(_ s: ObjectReader) -> Incident {
    s.allow([
      "id", "occurred", "reported", "sector", "operator", "service", "threatType", "threat", "identifiers",
      "exceededVerificationLevel", "durationHours", "affectedUsers", "originSector", "sharing", "reporter", "synthetic",
      "summary",
    ])
    return Incident(
      id: s.id(), occurred: s.day("occurred") ?? CalendarDay("1970-01-01")!, reported: s.day("reported", required: false),
      sector: s.string("sector") ?? "", operator: s.string("operator", required: false),
      service: s.string("service", required: false), threatType: s.enumeration("threatType") ?? .unintentional,
      threat: s.string("threat", required: false), identifiers: readIdentifiers(s),
      exceededVerificationLevel: s.bool("exceededVerificationLevel") ?? false,
      durationHours: s.double("durationHours", required: false, minimum: 0),
      affectedUsers: s.int("affectedUsers", required: false, minimum: 0),
      originSector: s.string("originSector", required: false), sharing: s.enumeration("sharing") ?? .red,
      reporter: s.string("reporter") ?? "", synthetic: s.bool("synthetic") ?? false,
      summary: s.string("summary", required: false))
  }

  /// Parses an **incident file**: `{"operators": […], "incidents": […]}` (both in the
  /// dataset format), validated against `context` (its sectors, services and threats;
  /// operators may be declared in the file). Every problem is reported together.
  public static func parseIncidents(_ text: String, file: String, context: Dataset) throws(DataError)
    -> (operators: [Operator], incidents: [Incident])
  {
    let root = try JSONNode.parse(text, file: file)
    let collector = IssueCollector(file: file)
    guard let o = collector.object(root, path: "") else { throw DataError(collector.issues) }
    o.allow(["operators", "incidents", "$schema"])
    let operators = o.array("operators") { s in
      s.allow(["id", "name", "sector"])
      return Operator(id: s.id(), name: s.string("name") ?? "", sector: s.string("sector") ?? "")
    }
    let incidents = o.array("incidents", required: true, readIncident)
    var merged = context
    merged.operators = context.operators + operators
    merged.incidents = incidents
    DatasetValidator.validate(merged, lines: collector.lines, into: collector)
    guard collector.issues.isEmpty else {
      throw DataError(collector.issues.sorted { ($0.line ?? 0, $0.field ?? "") < ($1.line ?? 0, $1.field ?? "") })
    }
    return (operators, incidents)
  }

  static func readIdentifiers(_ s: ObjectReader) -> ThreatIdentifiers {
    guard let i = s.object("identifiers", required: false) else { return ThreatIdentifiers() }
    i.allow(["attack", "cwe", "cve", "capec", "products"])
    return ThreatIdentifiers(
      attack: i.strings("attack"), cwe: i.strings("cwe"), cve: i.strings("cve"), capec: i.strings("capec"),
      products: i.strings("products"))
  }
}

/// Collects the problems of one document.
final class IssueCollector {
  let file: String
  var issues: [DataIssue] = []
  /// Line of every object read, by path (for the validator's messages).
  var lines: [String: Int] = [:]

  init(file: String) { self.file = file }

  func add(line: Int?, field: String, _ reason: String, hint: String? = nil) {
    issues.append(DataIssue(file: file, line: line, field: field.isEmpty ? nil : field, reason: reason, hint: hint))
  }

  func object(_ node: JSONNode, path: String) -> ObjectReader? {
    guard case .object(let members) = node.value else {
      add(line: node.line, field: path, "expected an object, found \(node.typeName)")
      return nil
    }
    lines[path] = node.line
    var seen: [String: Int] = [:]
    for m in members {
      if let first = seen[m.key] {
        add(line: m.line, field: join(path, m.key), "duplicate member (first on line \(first))")
      }
      seen[m.key] = m.line
    }
    return ObjectReader(collector: self, path: path, line: node.line, members: members)
  }
}

func join(_ path: String, _ key: String) -> String { path.isEmpty ? key : path + "." + key }

/// Typed access to one JSON object's members, recording problems instead of throwing.
struct ObjectReader {
  let collector: IssueCollector
  let path: String
  let line: Int
  let members: [(key: String, line: Int, value: JSONNode)]

  func member(_ key: String) -> (line: Int, value: JSONNode)? {
    members.first { $0.key == key }.map { ($0.line, $0.value) }
  }

  /// Reports members not in `allowed`, with a did-you-mean.
  func allow(_ allowed: Set<String>) {
    for m in members where !allowed.contains(m.key) {
      let suggestion = didYouMean(m.key, among: allowed)
      collector.add(
        line: m.line, field: join(path, m.key), "unknown field",
        hint: suggestion.map { "did you mean '\($0)'?" } ?? "allowed: \(allowed.sorted().joined(separator: ", "))")
    }
  }

  private func missing(_ key: String, required: Bool) {
    if required { collector.add(line: line, field: join(path, key), "required field is missing") }
  }

  func string(_ key: String, required: Bool = true) -> String? {
    guard let (l, node) = member(key) else {
      missing(key, required: required)
      return nil
    }
    if case .null = node.value, !required { return nil }
    guard case .string(let s) = node.value else {
      collector.add(line: l, field: join(path, key), "expected a string, found \(node.typeName)")
      return nil
    }
    if required && s.trimmingCharacters(in: .whitespaces).isEmpty {
      collector.add(line: l, field: join(path, key), "must not be empty")
    }
    return s
  }

  /// The object's `id`: required, non-empty, no surrounding spaces.
  func id() -> String {
    guard let value = string("id") else { return "" }
    if value != value.trimmingCharacters(in: .whitespaces) {
      collector.add(line: member("id")?.line, field: join(path, "id"), "has leading or trailing spaces")
    }
    return value
  }

  func strings(_ key: String) -> [String] {
    guard let (l, node) = member(key) else { return [] }
    guard case .array(let items) = node.value else {
      collector.add(line: l, field: join(path, key), "expected an array of strings, found \(node.typeName)")
      return []
    }
    return items.enumerated().compactMap { i, item in
      guard case .string(let s) = item.value else {
        collector.add(line: item.line, field: "\(join(path, key))[\(i)]", "expected a string, found \(item.typeName)")
        return nil
      }
      return s
    }
  }

  func number(_ key: String, required: Bool) -> (line: Int, value: Double, text: String)? {
    guard let (l, node) = member(key) else {
      missing(key, required: required)
      return nil
    }
    if case .null = node.value, !required { return nil }
    guard case .number(let v, let text) = node.value else {
      collector.add(line: l, field: join(path, key), "expected a number, found \(node.typeName)")
      return nil
    }
    return (l, v, text)
  }

  func double(_ key: String, required: Bool = true, minimum: Double? = nil, maximum: Double? = nil) -> Double? {
    guard let (l, v, _) = number(key, required: required) else { return nil }
    return inRange(v, minimum, maximum, key: key, line: l)
  }

  /// `value` if it lies within the bounds; otherwise records why and returns nil.
  private func inRange<T: Comparable>(_ value: T, _ minimum: T?, _ maximum: T?, key: String, line: Int) -> T? {
    if let minimum, value < minimum {
      collector.add(line: line, field: join(path, key), "\(value) is below the minimum \(minimum)")
      return nil
    }
    if let maximum, value > maximum {
      collector.add(line: line, field: join(path, key), "\(value) is above the maximum \(maximum)")
      return nil
    }
    return value
  }

  func int(_ key: String, required: Bool = true, minimum: Int? = nil, maximum: Int? = nil) -> Int? {
    guard let (l, v, text) = number(key, required: required) else { return nil }
    guard v == v.rounded(), abs(v) < 9e15, !text.contains("."), !text.lowercased().contains("e") else {
      collector.add(line: l, field: join(path, key), "expected a whole number, found \(text)")
      return nil
    }
    return inRange(Int(v), minimum, maximum, key: key, line: l)
  }

  func bool(_ key: String) -> Bool? {
    guard let (l, node) = member(key) else {
      missing(key, required: true)
      return nil
    }
    guard case .bool(let b) = node.value else {
      collector.add(line: l, field: join(path, key), "expected true or false, found \(node.typeName)")
      return nil
    }
    return b
  }

  func day(_ key: String, required: Bool = true) -> CalendarDay? {
    guard let text = string(key, required: required) else { return nil }
    guard let day = CalendarDay(text) else {
      collector.add(line: member(key)?.line, field: join(path, key), "'\(text)' is not a date", hint: "write YYYY-MM-DD")
      return nil
    }
    return day
  }

  func enumeration<E: RawRepresentable & CaseIterable>(_ key: String) -> E? where E.RawValue == String {
    guard let text = string(key) else { return nil }
    if let value = E(rawValue: text) { return value }
    let names = E.allCases.map(\.rawValue)
    let suggestion = didYouMean(text, among: names)
    collector.add(
      line: member(key)?.line, field: join(path, key), "'\(text)' is not one of \(names.joined(separator: ", "))",
      hint: suggestion.map { "did you mean '\($0)'?" })
    return nil
  }

  func object(_ key: String, required: Bool) -> ObjectReader? {
    guard let (_, node) = member(key) else {
      missing(key, required: required)
      return nil
    }
    return collector.object(node, path: join(path, key))
  }

  func array<T>(_ key: String, required: Bool = false, _ body: (ObjectReader) -> T) -> [T] {
    guard let (l, node) = member(key) else {
      missing(key, required: required)
      return []
    }
    guard case .array(let items) = node.value else {
      collector.add(line: l, field: join(path, key), "expected an array, found \(node.typeName)")
      return []
    }
    return items.enumerated().compactMap { i, item in
      collector.object(item, path: "\(join(path, key))[\(i)]").map(body)
    }
  }
}

import Foundation
