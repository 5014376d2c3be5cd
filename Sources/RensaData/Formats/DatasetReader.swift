import InternalRensaUtilities
import RensaGraph
/// Reads and validates a Rensa dataset document (JSON; Docs/DatasetFormat.md and the
/// JSON Schema `Docs/rensa-dataset.schema.json`).
///
/// Reading is all-or-nothing: every problem in the document is collected — wrong
/// types, unknown fields (with did-you-mean), values out of range, unknown enum values,
/// duplicate ids, dangling references — and thrown together as one ``DataError``
/// whose issues name the file, line, field path and reason.
public enum DatasetReader {
  /// Parses and validates a dataset document. Bulk tables named in its `tables` member
  /// are read relative to the directory of `file`.
  public static func parse(_ text: String, file: String) throws(DataError) -> Dataset {
    let root = try JSONNode.parse(text, file: file)
    let collector = IssueCollector(file: file)
    guard let object = collector.object(root, path: "") else { throw DataError(collector.issues) }
    let dataset = readDataset(object, baseDirectory: (file as NSString).deletingLastPathComponent)
    DatasetValidator.validate(dataset, into: collector)
    guard collector.issues.isEmpty else { throw DataError(collector.sortedIssues) }
    return dataset
  }

  /// What is worth a warning in a valid dataset: spellings of one reporter or operator
  /// that differ only in case, width, spaces or invisible characters (they count as one
  /// organisation; ``Identity``), and incidents marked as exceeding their verification
  /// level whose figures are under a tenth of it.
  public static func warnings(_ dataset: Dataset, file: String) -> [DataIssue] {
    DatasetValidator.warnings(dataset, file: file)
  }

  /// Reads a dataset file.
  ///
  /// - Throws: ``DataError`` listing every problem of its content, or
  ///   (``DataError/unreadable``) a file that cannot be read.
  public static func read(path: String) throws(DataError) -> Dataset {
    try parse(try readText(path), file: path)
  }

  static func readDataset(_ o: ObjectReader, baseDirectory: String) -> Dataset {
    o.allow([
      "name", "description", "version", "provenance", "sectors", "operators", "assets", "services", "dependencies",
      "threats", "incidents", "topics", "scenarios", "sharingIndicators", "exercises", "tables", "$schema", "countingYear",
      "sites",
    ])
    var dataset = Dataset(
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
      assets: o.array("assets", readAsset),
      services: o.array("services") { s in
        s.allow(["id", "name", "nameJa", "sector", "assets", "verificationLevel", "serviceLevel"])
        var level = VerificationLevel(metric: "", unit: "", threshold: 0, text: "")
        if let v = s.object("verificationLevel", required: true) {
          v.allow(["metric", "unit", "threshold", "minimumDurationHours", "text"])
          level = VerificationLevel(
            metric: v.string("metric") ?? "", unit: v.string("unit") ?? "", threshold: v.double("threshold", minimum: 0) ?? 0,
            minimumDurationHours: v.hours("minimumDurationHours"), text: v.string("text") ?? "")
        }
        return Service(
          id: s.id(), name: s.string("name") ?? "", nameJa: s.string("nameJa", required: false), sector: s.string("sector") ?? "",
          assets: s.strings("assets"), verificationLevel: level, serviceLevel: s.string("serviceLevel", required: false))
      },
      dependencies: o.array("dependencies", readDependency),
      threats: o.array("threats") { s in
        s.allow(["id", "type", "scope", "name", "nameJa", "examples", "identifiers", "sectors", "published", "cvss", "sharing"])
        // A catalogue threat without a marking is public (TLP:CLEAR): the plan's Annex 3 and
        // the public catalogues; importers always write the source's marking.
        let sharing: SharingScope? = s.member("sharing") == nil ? .clear : s.enumeration("sharing")
        return Threat(
          id: s.id(), type: s.enumeration("type") ?? .unintentional, scope: s.enumeration("scope") ?? .operatorLevel,
          name: s.string("name") ?? "", nameJa: s.string("nameJa", required: false), examples: s.strings("examples"),
          identifiers: readIdentifiers(s), sectors: s.strings("sectors"), published: s.day("published", required: false),
          cvss: s.double("cvss", required: false, minimum: 0, maximum: 10), sharing: sharing ?? .red)
      },
      incidents: o.array("incidents", readIncident),
      topics: o.array("topics") { s in
        s.allow(["id", "year", "title", "titleJa", "priority", "status", "usefulShare"])
        return AnalysisTopic(
          id: s.id(), year: s.int("year", minimum: 1900, maximum: 2200) ?? 0, title: s.string("title") ?? "",
          titleJa: s.string("titleJa", required: false),
          priority: s.int("priority", minimum: 1, maximum: 5) ?? 5, status: s.enumeration("status") ?? .planned,
          usefulShare: s.double("usefulShare", required: false, minimum: 0, maximum: 1))
      },
      scenarios: o.array("scenarios", readScenario),
      sharingIndicators: o.array("sharingIndicators") { s in
        s.allow(["year", "itemsSent", "itemsSharedInCEPTOARs", "operatorsAsked", "operatorsFindingUseful", "source"])
        let asked = s.int("operatorsAsked", required: false, minimum: 0)
        let useful = s.int("operatorsFindingUseful", required: false, minimum: 0)
        if let asked, let useful, useful > asked {
          s.collector.add(
            file: s.file, line: s.line, field: join(s.path, "operatorsFindingUseful"),
            "\(useful) operators found it useful, more than the \(asked) asked")
        }
        return SharingIndicator(
          year: s.int("year", minimum: 1900, maximum: 2200) ?? 0, itemsSent: s.int("itemsSent", required: false, minimum: 0),
          itemsSharedInCEPTOARs: s.int("itemsSharedInCEPTOARs", required: false, minimum: 0), operatorsAsked: asked,
          operatorsFindingUseful: useful, source: s.string("source") ?? "")
      },
      exercises: o.array("exercises") { s in
        s.allow(["id", "year", "name", "nameJa", "participants", "organisations", "usefulShare", "source"])
        return Exercise(
          id: s.id(), year: s.int("year", minimum: 1900, maximum: 2200) ?? 0, name: s.string("name") ?? "",
          nameJa: s.string("nameJa", required: false), participants: s.int("participants", required: false, minimum: 0),
          organisations: s.int("organisations", required: false, minimum: 0),
          usefulShare: s.double("usefulShare", required: false, minimum: 0, maximum: 1), source: s.string("source") ?? "")
      })
    if o.member("countingYear") != nil { dataset.countingYear = o.enumeration("countingYear") }
    dataset.sites = o.array("sites") { s in
      s.allow(["id", "name", "nameJa", "latitude", "longitude", "hazards"])
      let latitude = s.double("latitude", required: false, minimum: -90, maximum: 90)
      let longitude = s.double("longitude", required: false, minimum: -180, maximum: 180)
      if (s.member("latitude") == nil) != (s.member("longitude") == nil) {
        s.collector.add(
          file: s.file, line: s.line, field: join(s.path, s.member("latitude") == nil ? "latitude" : "longitude"),
          "a site's coordinates come in pairs: latitude and longitude", hint: "give both (WGS 84 degrees) or neither")
      }
      return Site(
        id: s.id(), name: s.string("name") ?? "", nameJa: s.string("nameJa", required: false), latitude: latitude,
        longitude: longitude, hazards: s.strings("hazards"))
    }
    if let tables = o.object("tables", required: false) {
      tables.allow(Set(DatasetTables.Kind.allCases.map(\.rawValue)))
      for kind in DatasetTables.Kind.allCases {
        guard let name = tables.string(kind.rawValue, required: false) else { continue }
        let line = tables.member(kind.rawValue)?.line
        // A table lies in the dataset's folder: a relative path, no "..", ending in .csv
        // or .tsv, and no link leading out of the folder. Otherwise a document could make
        // Rensa read any file and echo its first line in a message.
        let lower = name.lowercased()
        guard !name.hasPrefix("/"), !name.split(separator: "/").contains(".."), lower.hasSuffix(".csv") || lower.hasSuffix(".tsv") else {
          o.collector.add(
            line: line, field: "tables.\(kind.rawValue)", "'\(name)' is not a table beside the dataset",
            hint: "name a .csv or .tsv file by a path relative to the dataset's folder, without '..'")
          continue
        }
        let path = baseDirectory.isEmpty ? name : (baseDirectory as NSString).appendingPathComponent(name)
        if let real = realpath(path, nil), let folder = realpath(baseDirectory.isEmpty ? "." : baseDirectory, nil) {
          let inside = String(cString: real).hasPrefix(String(cString: folder) + "/")
          free(real)
          free(folder)
          if !inside {
            o.collector.add(
              line: line, field: "tables.\(kind.rawValue)", "'\(name)' leads outside the dataset's folder (through a link)",
              hint: "copy the table into the dataset's folder")
            continue
          }
        }
        let text: String
        do { text = try readTextFile(path) } catch {
          o.collector.add(line: line, field: "tables.\(kind.rawValue)", "cannot read the table \(error.description)")
          continue
        }
        let rows = DatasetTables.rows(of: kind, text: text, file: path, into: o.collector)
        switch kind {
        case .assets:
          dataset.assets += tableRecords(rows, start: dataset.assets.count, "assets", o.collector, readAsset)
        case .dependencies:
          dataset.dependencies += tableRecords(rows, start: dataset.dependencies.count, "dependencies", o.collector, readDependency)
        case .incidents:
          dataset.incidents += tableRecords(rows, start: dataset.incidents.count, "incidents", o.collector, readIncident)
        }
      }
    }
    return dataset
  }

  /// Reads the rows of a bulk table as records of `collection`, numbered after the
  /// document's own records.
  static func tableRecords<T>(
    _ rows: [(file: String, node: JSONNode)], start: Int, _ collection: String, _ c: IssueCollector,
    _ body: (ObjectReader) -> T
  ) -> [T] {
    rows.enumerated().compactMap { k, row in
      c.object(row.node, path: "", file: row.file, location: "\(collection)[\(start + k)]").map(body)
    }
  }

  static func readAsset(_ s: ObjectReader) -> Asset {
    s.allow(["id", "name", "nameJa", "sector", "operator", "users", "notes", "products", "vendors", "site"])
    let products = s.strings("products")
    for (k, p) in products.enumerated() {
      if case .failure(let e) = ProductReference.parse(p) {
        s.collector.add(
          file: s.file, line: s.member("products")?.line, field: join(s.path, "products[\(k)]"), "'\(p)': \(e.reason)",
          hint: "e.g. cpe:2.3:h:siemens:scalance_s602:4.1:*:*:*:*:*:*:*, pkg:npm/lodash@4.17.21 or siemens/scalance_s602@4.1")
      }
    }
    return Asset(
      id: s.id(), name: s.string("name") ?? "", nameJa: s.string("nameJa", required: false), sector: s.string("sector") ?? "",
      operator: s.string("operator", required: false), users: s.int("users", required: false, minimum: 0, maximum: Limits.maximumUsers),
      notes: s.string("notes", required: false), products: products, vendors: s.strings("vendors"),
      site: s.string("site", required: false))
  }

  static func readDependency(_ s: ObjectReader) -> Dependency {
    s.allow([
      "supplier", "dependent", "kind", "class", "group", "need", "timeToImpactHours", "delayHours", "recoveryHours",
      "probability", "coupling", "source", "delayDistribution",
    ])
    var distribution: DelayDistribution? = nil
    if let d = s.object("delayDistribution", required: false) {
      d.allow(["kind", "low", "mode", "high", "median", "sigma"])
      let kind = d.string("kind") ?? ""
      switch kind {
      case "uniform":
        if let low = d.hours("low", required: true), let high = d.hours("high", required: true) { distribution = .uniform(low: low, high: high) }
      case "triangular":
        if let low = d.hours("low", required: true), let mode = d.hours("mode", required: true), let high = d.hours("high", required: true) {
          distribution = .triangular(low: low, mode: mode, high: high)
        }
      case "lognormal":
        if let median = d.hours("median", required: true), let sigma = d.double("sigma", minimum: 0, maximum: Limits.maximumLognormalSigma) {
          distribution = .lognormal(median: median, sigma: sigma)
        }
      default:
        let suggestion = didYouMean(kind, among: ["uniform", "triangular", "lognormal"])
        d.collector.add(
          file: d.file, line: d.member("kind")?.line, field: join(d.path, "kind"),
          "'\(kind)' is not one of uniform, triangular, lognormal", hint: suggestion.map { "did you mean '\($0)'?" })
      }
      if let problem = distribution?.problem {
        d.collector.add(file: d.file, line: d.line, field: d.path, problem)
      }
    }
    return Dependency(
      supplier: s.string("supplier") ?? "", dependent: s.string("dependent") ?? "",
      kind: s.enumeration("kind") ?? .other, class: s.enumeration("class") ?? .logical,
      group: s.string("group", required: false), need: s.int("need", required: false, minimum: 1) ?? 1,
      timeToImpactHours: s.hours("timeToImpactHours") ?? 0,
      delayHours: s.hours("delayHours") ?? 0,
      recoveryHours: s.hours("recoveryHours") ?? 0,
      probability: s.double("probability", required: false, minimum: 0, maximum: 1) ?? 1,
      coupling: s.double("coupling", required: false, minimum: 0, maximum: 1) ?? 0,
      source: s.string("source") ?? "", delayDistribution: distribution)
  }

  static func readScenario(_ s: ObjectReader) -> Scenario {
    s.allow(["id", "name", "nameJa", "description", "descriptionJa", "source", "events"])
    return Scenario(
      id: s.id(), name: s.string("name") ?? "", nameJa: s.string("nameJa", required: false),
      description: s.string("description") ?? "", descriptionJa: s.string("descriptionJa", required: false),
      source: s.string("source") ?? "",
      events: s.array("events", required: true) { e in
        e.allow(["node", "supplier", "dependent", "startHours", "durationHours", "probability", "source"])
        let node = e.string("node", required: false)
        let supplier = e.string("supplier", required: false)
        let dependent = e.string("dependent", required: false)
        var target = ScenarioEvent.Target.node("")
        switch (node, supplier, dependent) {
        case (let n?, nil, nil): target = .node(n)
        case (nil, let a?, let b?): target = .dependency(supplier: a, dependent: b)
        case (nil, nil, nil):
          e.collector.add(
            file: e.file, line: e.line, field: join(e.path, "node"), "required field is missing",
            hint: "an event names a failed sector or asset ('node'), or a cut dependency ('supplier' and 'dependent')")
        default:
          e.collector.add(
            file: e.file, line: e.line, field: e.path,
            "give either 'node', or both 'supplier' and 'dependent'")
        }
        let duration = e.hours("durationHours")
        if duration == 0 {
          e.collector.add(
            file: e.file, line: e.member("durationHours")?.line, field: join(e.path, "durationHours"),
            "must be positive", hint: "leave it out when the failure is not repaired within the scenario")
        }
        return ScenarioEvent(
          target: target, startHours: e.hours("startHours") ?? 0,
          durationHours: duration, probability: e.double("probability", required: false, minimum: 0, maximum: 1) ?? 1,
          source: e.string("source", required: false))
      })
  }

  static func readIncident(_ s: ObjectReader) -> Incident {
    s.allow([
      "id", "occurred", "reported", "sector", "operator", "service", "threatType", "threat", "identifiers",
      "exceededVerificationLevel", "durationHours", "affectedUsers", "originSector", "sharing", "reporter", "synthetic",
      "summary", "provisional", "otherCauses", "affectedProperties", "nearMiss", "severity",
    ])
    return Incident(
      id: s.id(), occurred: s.day("occurred") ?? CalendarDay("1970-01-01")!, reported: s.day("reported", required: false),
      sector: s.string("sector") ?? "", operator: s.string("operator", required: false),
      service: s.string("service", required: false), threatType: s.enumeration("threatType") ?? .unintentional,
      threat: s.string("threat", required: false), identifiers: readIdentifiers(s),
      exceededVerificationLevel: s.bool("exceededVerificationLevel") ?? false,
      durationHours: s.hours("durationHours"),
      affectedUsers: s.int("affectedUsers", required: false, minimum: 0, maximum: Limits.maximumUsers),
      originSector: s.string("originSector", required: false), sharing: s.enumeration("sharing") ?? .red,
      reporter: s.string("reporter") ?? "", synthetic: s.bool("synthetic") ?? false,
      summary: s.string("summary", required: false), provisional: s.bool("provisional", required: false),
      otherCauses: s.enumerations("otherCauses"), affectedProperties: s.enumerations("affectedProperties"),
      nearMiss: s.bool("nearMiss", required: false), severity: s.int("severity", required: false, minimum: 0, maximum: 4))
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
    // An operator the dataset already declares identically is not declared twice (an
    // export of a store names the operators its files declared).
    let known = Set(context.operators.map { "\($0.id)\u{0}\($0.name)\u{0}\($0.sector)" })
    let declared = operators.filter { !known.contains("\($0.id)\u{0}\($0.name)\u{0}\($0.sector)") }
    merged.operators = context.operators + declared
    merged.incidents = incidents
    DatasetValidator.validate(merged, into: collector)
    guard collector.issues.isEmpty else { throw DataError(collector.sortedIssues) }
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

/// Collects the problems of one document and of the bulk tables it names.
final class IssueCollector {
  /// Where a record was read: the document, or a row of a table file.
  struct Location {
    var file: String
    var line: Int
    /// The record is a table row: fields are named by column, not by path.
    var isTableRow: Bool
  }

  let file: String
  var issues: [DataIssue] = []
  /// Table cells already reported as unreadable (`file`, line, column): their member is
  /// absent from the row, which is not reported again as missing.
  var unreadableCells = Set<String>()
  /// Collections (`sectors`) that are not arrays: references into them are not checked,
  /// so one wrong type is one error, not one per reference.
  var unreadableCollections = Set<String>()
  /// Location of every object read, by path (`assets[3]`; for the validator's messages).
  var locations: [String: Location] = [:]

  init(file: String) { self.file = file }

  func add(file: String? = nil, line: Int?, field: String, _ reason: String, hint: String? = nil) {
    issues.append(
      DataIssue(file: file ?? self.file, line: line, field: field.isEmpty ? nil : field, reason: reason, hint: hint))
  }

  /// A problem of the record at `path` (`dependencies[4]`), reported at its file and
  /// line; `field` is a path below it (`dependencies[4].need`), shortened to the column
  /// name for a table row.
  func add(at path: String, field: String, _ reason: String, hint: String? = nil) {
    guard let location = locations[path], location.isTableRow else {
      add(line: locations[path]?.line, field: field, reason, hint: hint)
      return
    }
    let column = field.hasPrefix(path + ".") ? String(field.dropFirst(path.count + 1)) : ""
    add(file: location.file, line: location.line, field: column, reason, hint: hint)
  }

  /// `path`, or `file line N` for a table row — for hints that point at another record.
  func describe(_ path: String) -> String {
    guard let location = locations[path], location.isTableRow else { return path }
    return "\(location.file) line \(location.line)"
  }

  /// The issues, the document's first, each file's in line order.
  var sortedIssues: [DataIssue] {
    issues.enumerated().sorted { a, b in
      let x = a.element
      let y = b.element
      let kx = (x.file == file ? 0 : 1, x.file, x.line ?? 0, x.field ?? "", a.offset)
      let ky = (y.file == file ? 0 : 1, y.file, y.line ?? 0, y.field ?? "", b.offset)
      return kx < ky
    }.map(\.element)
  }

  /// Reads `node` as an object. `file` and `location` are given for a table row: the
  /// row's file, and the record path it is known by (`assets[12]`).
  func object(_ node: JSONNode, path: String, file: String? = nil, location: String? = nil) -> ObjectReader? {
    let file = file ?? self.file
    guard case .object(let members) = node.value else {
      add(file: file, line: node.line, field: path, "expected an object, found \(node.typeName)")
      return nil
    }
    locations[location ?? path] = Location(file: file, line: node.line, isTableRow: location != nil)
    var seen: [String: Int] = [:]
    for m in members {
      if let first = seen[m.key] {
        add(file: file, line: m.line, field: join(path, m.key), "duplicate member (first on line \(first))")
      }
      seen[m.key] = m.line
    }
    return ObjectReader(collector: self, file: file, path: path, line: node.line, members: members)
  }
}

func join(_ path: String, _ key: String) -> String { path.isEmpty ? key : path + "." + key }

/// Typed access to one JSON object's members, recording problems instead of throwing.
struct ObjectReader {
  let collector: IssueCollector
  /// The file the object was read from.
  let file: String
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
        file: file, line: m.line, field: join(path, m.key), "unknown field",
        hint: suggestion.map { "did you mean '\($0)'?" } ?? "allowed: \(allowed.sorted().joined(separator: ", "))")
    }
  }

  private func missing(_ key: String, required: Bool) {
    guard required, !collector.unreadableCells.contains("\(file)\u{0}\(line)\u{0}\(key)") else { return }
    collector.add(file: file, line: line, field: join(path, key), "required field is missing")
  }

  func string(_ key: String, required: Bool = true) -> String? {
    guard let (l, node) = member(key) else {
      missing(key, required: required)
      return nil
    }
    if case .null = node.value, !required { return nil }
    guard case .string(let s) = node.value else {
      collector.add(file: file, line: l, field: join(path, key), "expected a string, found \(node.typeName)")
      return nil
    }
    if required && s.trimmingSpaces().isEmpty {
      collector.add(file: file, line: l, field: join(path, key), "must not be empty")
    }
    return s
  }

  /// The object's `id`: required, non-empty, no surrounding spaces.
  func id() -> String {
    guard let value = string("id") else { return "" }
    if value != value.trimmingSpaces() {
      collector.add(file: file, line: member("id")?.line, field: join(path, "id"), "has leading or trailing spaces")
    }
    return value
  }

  func strings(_ key: String) -> [String] {
    guard let (l, node) = member(key) else { return [] }
    guard case .array(let items) = node.value else {
      collector.add(file: file, line: l, field: join(path, key), "expected an array of strings, found \(node.typeName)")
      return []
    }
    return items.enumerated().compactMap { i, item in
      guard case .string(let s) = item.value else {
        collector.add(file: file, line: item.line, field: "\(join(path, key))[\(i)]", "expected a string, found \(item.typeName)")
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
      collector.add(file: file, line: l, field: join(path, key), "expected a number, found \(node.typeName)")
      return nil
    }
    return (l, v, text)
  }

  /// A number of hours: 0 ≤ x ≤ ``Limits/maximumHours``.
  func hours(_ key: String, required: Bool = false) -> Double? {
    double(key, required: required, minimum: 0, maximum: Limits.maximumHours)
  }

  func double(_ key: String, required: Bool = true, minimum: Double? = nil, maximum: Double? = nil) -> Double? {
    guard let (l, v, _) = number(key, required: required) else { return nil }
    return inRange(v, minimum, maximum, key: key, line: l)
  }

  /// `value` if it lies within the bounds; otherwise records why and returns nil.
  private func inRange<T: Comparable>(_ value: T, _ minimum: T?, _ maximum: T?, key: String, line: Int) -> T? {
    // Doubles as written by people: 0, not 0.0.
    func shown(_ x: T) -> String { (x as? Double).map { NumberFormat.significant($0, digits: 15) } ?? "\(x)" }
    if let minimum, value < minimum {
      collector.add(file: file, line: line, field: join(path, key), "\(shown(value)) is below the minimum \(shown(minimum))")
      return nil
    }
    if let maximum, value > maximum {
      let hint = (maximum as? Double) != Limits.maximumHours
        ? nil
        : "times are limited to ten years (87,600 h)"
          + (path.contains("events") && key == "durationHours" ? "; leave durationHours out for a failure not repaired within the scenario" : "")
      collector.add(
        file: file, line: line, field: join(path, key), "\(shown(value)) is above the maximum \(shown(maximum))", hint: hint)
      return nil
    }
    return value
  }

  func int(_ key: String, required: Bool = true, minimum: Int? = nil, maximum: Int? = nil) -> Int? {
    guard let (l, v, text) = number(key, required: required) else { return nil }
    guard v == v.rounded(), abs(v) < 9e15, !text.contains("."), !text.lowercased().contains("e") else {
      collector.add(file: file, line: l, field: join(path, key), "expected a whole number, found \(text)")
      return nil
    }
    return inRange(Int(v), minimum, maximum, key: key, line: l)
  }

  func bool(_ key: String, required: Bool = true) -> Bool? {
    guard let (l, node) = member(key) else {
      missing(key, required: required)
      return nil
    }
    guard case .bool(let b) = node.value else {
      collector.add(file: file, line: l, field: join(path, key), "expected true or false, found \(node.typeName)")
      return nil
    }
    return b
  }

  func day(_ key: String, required: Bool = true) -> CalendarDay? {
    guard let text = string(key, required: required) else { return nil }
    guard let day = CalendarDay(text) else {
      collector.add(file: file, line: member(key)?.line, field: join(path, key), CalendarDay.problem(with: text) ?? "'\(text)' is not a date")
      return nil
    }
    return day
  }

  /// An array of enumeration values (absent: empty); every bad value is listed.
  func enumerations<E: RawRepresentable & CaseIterable>(_ key: String) -> [E] where E.RawValue == String {
    guard let (l, node) = member(key) else { return [] }
    let names = E.allCases.map(\.rawValue)
    func parse(_ text: String, line: Int?, field: String) -> E? {
      if let value = E(rawValue: text) { return value }
      collector.add(
        file: file, line: line, field: field, "'\(text)' is not one of \(names.joined(separator: ", "))",
        hint: didYouMean(text, among: names).map { "did you mean '\($0)'?" })
      return nil
    }
    switch node.value {
    case .array(let items):
      return items.enumerated().compactMap { i, item in
        guard case .string(let s) = item.value else {
          collector.add(file: file, line: item.line, field: "\(join(path, key))[\(i)]", "expected a string, found \(item.typeName)")
          return nil
        }
        return parse(s, line: item.line, field: "\(join(path, key))[\(i)]")
      }
    case .string(let s):
      // The tables' form: values separated by ';'.
      return s.split(separator: ";").compactMap { parse($0.trimmingSpaces(), line: l, field: join(path, key)) }
    default:
      collector.add(file: file, line: l, field: join(path, key), "expected an array of strings, found \(node.typeName)")
      return []
    }
  }

  func enumeration<E: RawRepresentable & CaseIterable>(_ key: String) -> E? where E.RawValue == String {
    guard let text = string(key) else { return nil }
    if let value = E(rawValue: text) { return value }
    let names = E.allCases.map(\.rawValue)
    // A TLP label written another way (TLP 1.0's WHITE, "tlp:green", "amber-strict").
    let marking = E.self == SharingScope.self ? SharingScope(marking: text)?.rawValue : nil
    let suggestion = marking ?? didYouMean(text, among: names)
    collector.add(
      file: file, line: member(key)?.line, field: join(path, key), "'\(text)' is not one of \(names.joined(separator: ", "))",
      hint: suggestion.map { "did you mean '\($0)'?" })
    return nil
  }

  func object(_ key: String, required: Bool) -> ObjectReader? {
    guard let (_, node) = member(key) else {
      missing(key, required: required)
      return nil
    }
    return collector.object(node, path: join(path, key), file: file)
  }

  func array<T>(_ key: String, required: Bool = false, _ body: (ObjectReader) -> T) -> [T] {
    guard let (l, node) = member(key) else {
      missing(key, required: required)
      return []
    }
    guard case .array(let items) = node.value else {
      collector.add(file: file, line: l, field: join(path, key), "expected an array, found \(node.typeName)")
      collector.unreadableCollections.insert(join(path, key))
      return []
    }
    return items.enumerated().compactMap { i, item in
      collector.object(item, path: "\(join(path, key))[\(i)]", file: file).map(body)
    }
  }
}

import Foundation
