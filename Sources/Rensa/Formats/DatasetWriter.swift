/// Writes a ``Dataset`` as a dataset document (the format ``DatasetReader`` reads).
///
/// Output is deterministic: members in a fixed order, optional members omitted when
/// absent, two-space indentation. Reading the output gives an equal dataset.
public enum DatasetWriter {
  /// An incident file, `{"operators": […], "incidents": […]}` (what
  /// `DatasetReader.parseIncidents` reads).
  public static func incidentFile(operators: [Operator], incidents: [Incident]) -> String {
    var document = Dataset(name: "", description: "")
    document.operators = operators
    document.incidents = incidents
    guard case .object(let members) = value(document) else { return "" }
    return JSONValue.object(members.filter { $0.0 == "operators" || $0.0 == "incidents" }).serialized(pretty: true) + "\n"
  }

  public static func json(_ d: Dataset) -> String { value(d).serialized(pretty: true) + "\n" }

  static func value(_ d: Dataset) -> JSONValue {
    func optional(_ pairs: inout [(String, JSONValue)], _ key: String, _ value: String?) {
      if let value { pairs.append((key, .string(value))) }
    }
    func number(_ x: Double) -> JSONValue { x == x.rounded() && abs(x) < 1e15 ? .int(Int(x)) : .double(x) }
    func strings(_ list: [String]) -> JSONValue { .array(list.map { .string($0) }) }
    func identifiers(_ i: ThreatIdentifiers) -> JSONValue {
      .object([
        ("attack", strings(i.attack)), ("cwe", strings(i.cwe)), ("cve", strings(i.cve)), ("capec", strings(i.capec)),
        ("products", strings(i.products)),
      ])
    }
    let sectors = d.sectors.map { s -> JSONValue in
      var p: [(String, JSONValue)] = [("id", .string(s.id)), ("name", .string(s.name))]
      optional(&p, "nameJa", s.nameJa)
      optional(&p, "notes", s.notes)
      return .object(p)
    }
    let operators = d.operators.map { o -> JSONValue in
      .object([("id", .string(o.id)), ("name", .string(o.name)), ("sector", .string(o.sector))])
    }
    let assets = d.assets.map { a -> JSONValue in
      var p: [(String, JSONValue)] = [("id", .string(a.id)), ("name", .string(a.name))]
      optional(&p, "nameJa", a.nameJa)
      p.append(("sector", .string(a.sector)))
      optional(&p, "operator", a.operator)
      if let users = a.users { p.append(("users", .int(users))) }
      optional(&p, "notes", a.notes)
      return .object(p)
    }
    let services = d.services.map { s -> JSONValue in
      var p: [(String, JSONValue)] = [("id", .string(s.id)), ("name", .string(s.name))]
      optional(&p, "nameJa", s.nameJa)
      p.append(("sector", .string(s.sector)))
      p.append(("assets", strings(s.assets)))
      var v: [(String, JSONValue)] = [
        ("metric", .string(s.verificationLevel.metric)), ("unit", .string(s.verificationLevel.unit)),
        ("threshold", number(s.verificationLevel.threshold)),
      ]
      if let h = s.verificationLevel.minimumDurationHours { v.append(("minimumDurationHours", number(h))) }
      v.append(("text", .string(s.verificationLevel.text)))
      p.append(("verificationLevel", .object(v)))
      optional(&p, "serviceLevel", s.serviceLevel)
      return .object(p)
    }
    let dependencies = d.dependencies.map { x -> JSONValue in
      var p: [(String, JSONValue)] = [
        ("supplier", .string(x.supplier)), ("dependent", .string(x.dependent)), ("kind", .string(x.kind.rawValue)),
        ("class", .string(x.class.rawValue)),
      ]
      optional(&p, "group", x.group)
      p += [
        ("need", .int(x.need)), ("timeToImpactHours", number(x.timeToImpactHours)), ("delayHours", number(x.delayHours)),
        ("recoveryHours", number(x.recoveryHours)), ("probability", number(x.probability)),
        ("coupling", number(x.coupling)), ("source", .string(x.source)),
      ]
      return .object(p)
    }
    let threats = d.threats.map { t -> JSONValue in
      var p: [(String, JSONValue)] = [
        ("id", .string(t.id)), ("type", .string(t.type.rawValue)), ("scope", .string(t.scope.rawValue)),
        ("name", .string(t.name)),
      ]
      optional(&p, "nameJa", t.nameJa)
      p += [("examples", strings(t.examples)), ("identifiers", identifiers(t.identifiers))]
      return .object(p)
    }
    let incidents = d.incidents.map { i -> JSONValue in
      var p: [(String, JSONValue)] = [("id", .string(i.id)), ("occurred", .string(i.occurred.description))]
      optional(&p, "reported", i.reported?.description)
      p.append(("sector", .string(i.sector)))
      optional(&p, "operator", i.operator)
      optional(&p, "service", i.service)
      p.append(("threatType", .string(i.threatType.rawValue)))
      optional(&p, "threat", i.threat)
      p += [("identifiers", identifiers(i.identifiers)), ("exceededVerificationLevel", .bool(i.exceededVerificationLevel))]
      if let h = i.durationHours { p.append(("durationHours", number(h))) }
      if let u = i.affectedUsers { p.append(("affectedUsers", .int(u))) }
      optional(&p, "originSector", i.originSector)
      p += [("sharing", .string(i.sharing.rawValue)), ("reporter", .string(i.reporter)), ("synthetic", .bool(i.synthetic))]
      optional(&p, "summary", i.summary)
      return .object(p)
    }
    let topics = d.topics.map { t -> JSONValue in
      .object([
        ("id", .string(t.id)), ("year", .int(t.year)), ("title", .string(t.title)), ("priority", .int(t.priority)),
        ("status", .string(t.status.rawValue)),
      ])
    }
    return JSONValue.object([
      ("name", .string(d.name)), ("description", .string(d.description)), ("version", .string(d.version)),
      ("provenance", .string(d.provenance)), ("sectors", .array(sectors)), ("operators", .array(operators)),
      ("assets", .array(assets)), ("services", .array(services)), ("dependencies", .array(dependencies)),
      ("threats", .array(threats)), ("incidents", .array(incidents)), ("topics", .array(topics)),
    ])
  }
}
