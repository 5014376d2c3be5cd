import InternalRensaUtilities
import RensaGraph
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

  /// A dataset document with its assets, dependencies and incidents in bulk CSV tables
  /// (`<prefix>assets.csv`, `<prefix>dependencies.csv`, `<prefix>incidents.csv`, named
  /// in the document's `tables` member; a table with no rows is not written). When a
  /// record cannot be held exactly by a table — an empty optional text, or an identifier
  /// containing `;` — its whole collection stays in the document, so that reading the
  /// output gives an equal dataset, in the same order.
  public static func tables(_ d: Dataset, prefix: String = "") -> (document: String, tables: [(name: String, text: String)]) {
    var inline = d
    var files: [(name: String, text: String)] = []
    var references: [(String, JSONValue)] = []
    func emit<T>(_ kind: DatasetTables.Kind, _ records: [T], _ row: (T) -> [String: String]?, keep: ([T]) -> Void) {
      var lines = [kind.columns.map(\.name).joined(separator: ",")]
      for record in records {
        guard let cells = row(record) else {
          // Keep the whole collection in the document, in its order.
          keep(records)
          return
        }
        lines.append(kind.columns.map { csvField(cells[$0.name] ?? "") }.joined(separator: ","))
      }
      keep([])
      guard lines.count > 1 else { return }
      let name = "\(prefix)\(kind.rawValue).csv"
      files.append((name, lines.joined(separator: "\n") + "\n"))
      references.append((kind.rawValue, .string(name)))
    }
    func exact(_ values: [String?]) -> Bool { values.allSatisfy { $0 == nil || !$0!.isEmpty } }
    emit(.assets, d.assets, { a in
      // A product or vendor holding ';' cannot be a list cell: such collections stay in the document.
      guard exact([a.id, a.name, a.nameJa, a.sector, a.operator, a.notes, a.site]),
        !(a.products + a.vendors).contains(where: { $0.contains(";") || $0.trimmingSpaces() != $0 || $0.isEmpty })
      else { return nil }
      var c: [String: String] = ["id": a.id, "name": a.name, "sector": a.sector]
      c["nameJa"] = a.nameJa
      c["operator"] = a.operator
      c["users"] = a.users.map(String.init)
      c["notes"] = a.notes
      if !a.products.isEmpty { c["products"] = a.products.joined(separator: ";") }
      if !a.vendors.isEmpty { c["vendors"] = a.vendors.joined(separator: ";") }
      c["site"] = a.site
      return c
    }, keep: { inline.assets = $0 })
    emit(.dependencies, d.dependencies, { x in
      // A delay distribution has no table column: such collections stay in the document.
      guard exact([x.supplier, x.dependent, x.group, x.source]), x.delayDistribution == nil else { return nil }
      var c: [String: String] = [
        "supplier": x.supplier, "dependent": x.dependent, "kind": x.kind.rawValue, "class": x.class.rawValue,
        "need": String(x.need), "timeToImpactHours": numberText(x.timeToImpactHours), "delayHours": numberText(x.delayHours),
        "recoveryHours": numberText(x.recoveryHours), "probability": numberText(x.probability),
        "coupling": numberText(x.coupling), "source": x.source,
      ]
      c["group"] = x.group
      return c
    }, keep: { inline.dependencies = $0 })
    emit(.incidents, d.incidents, { i in
      let ids = i.identifiers
      let lists = [ids.attack, ids.cwe, ids.cve, ids.capec, ids.products]
      guard exact([i.id, i.sector, i.operator, i.service, i.threat, i.originSector, i.reporter, i.summary]),
        lists.allSatisfy({ list in list.allSatisfy { !$0.isEmpty && !$0.contains(";") && $0 == $0.trimmingSpaces() } })
      else { return nil }
      var c: [String: String] = [
        "id": i.id, "occurred": i.occurred.description, "sector": i.sector, "threatType": i.threatType.rawValue,
        "attack": ids.attack.joined(separator: ";"), "cwe": ids.cwe.joined(separator: ";"), "cve": ids.cve.joined(separator: ";"),
        "capec": ids.capec.joined(separator: ";"), "products": ids.products.joined(separator: ";"),
        "exceededVerificationLevel": String(i.exceededVerificationLevel), "sharing": i.sharing.rawValue,
        "reporter": i.reporter, "synthetic": String(i.synthetic),
      ]
      c["reported"] = i.reported?.description
      c["operator"] = i.operator
      c["service"] = i.service
      c["threat"] = i.threat
      c["durationHours"] = i.durationHours.map(numberText)
      c["affectedUsers"] = i.affectedUsers.map(String.init)
      c["originSector"] = i.originSector
      c["summary"] = i.summary
      c["provisional"] = i.provisional.map { $0 ? "true" : "false" }
      if !i.otherCauses.isEmpty { c["otherCauses"] = i.otherCauses.map(\.rawValue).joined(separator: ";") }
      if !i.affectedProperties.isEmpty { c["affectedProperties"] = i.affectedProperties.map(\.rawValue).joined(separator: ";") }
      c["nearMiss"] = i.nearMiss.map { $0 ? "true" : "false" }
      c["severity"] = i.severity.map(String.init)
      return c
    }, keep: { inline.incidents = $0 })
    guard case .object(var members) = value(inline) else { return ("", files) }
    if !references.isEmpty { members.append(("tables", .object(references))) }
    return (JSONValue.object(members).serialized(pretty: true) + "\n", files)
  }

  /// A number as the document writes it: whole numbers without a fraction, others in
  /// the shortest form that reads back exactly.
  static func numberText(_ x: Double) -> String {
    x == x.rounded() && abs(x) < 1e15 ? String(Int(x)) : "\(x)"
  }

  /// One CSV field, quoted when it must be (delimiters, quotes, line breaks, surrounding
  /// spaces, or a leading `#` that would read as a comment).
  static func csvField(_ text: String) -> String {
    let needsQuotes =
      text.contains { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" } || text.hasPrefix("#")
      || text != text.trimmingSpaces()
    return needsQuotes ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
  }

  static func value(_ d: Dataset) -> JSONValue {
    func optional(_ pairs: inout [(String, JSONValue)], _ key: String, _ value: String?) {
      if let value { pairs.append((key, .string(value))) }
    }
    func number(_ x: Double) -> JSONValue { .number(x) }  // dataset values are finite
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
      if !a.products.isEmpty { p.append(("products", strings(a.products))) }
      if !a.vendors.isEmpty { p.append(("vendors", strings(a.vendors))) }
      optional(&p, "site", a.site)
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
      if let d = x.delayDistribution {
        let fields: [(String, JSONValue)]
        switch d {
        case .uniform(let low, let high): fields = [("kind", .string("uniform")), ("low", number(low)), ("high", number(high))]
        case .triangular(let low, let mode, let high):
          fields = [("kind", .string("triangular")), ("low", number(low)), ("mode", number(mode)), ("high", number(high))]
        case .lognormal(let median, let sigma):
          fields = [("kind", .string("lognormal")), ("median", number(median)), ("sigma", number(sigma))]
        }
        p.append(("delayDistribution", .object(fields)))
      }
      return .object(p)
    }
    let threats = d.threats.map { t -> JSONValue in
      var p: [(String, JSONValue)] = [
        ("id", .string(t.id)), ("type", .string(t.type.rawValue)), ("scope", .string(t.scope.rawValue)),
        ("name", .string(t.name)),
      ]
      optional(&p, "nameJa", t.nameJa)
      p += [("examples", strings(t.examples)), ("identifiers", identifiers(t.identifiers))]
      if !t.sectors.isEmpty { p.append(("sectors", strings(t.sectors))) }
      optional(&p, "published", t.published?.description)
      if let cvss = t.cvss { p.append(("cvss", number(cvss))) }
      p.append(("sharing", .string(t.sharing.rawValue)))
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
      if let provisional = i.provisional { p.append(("provisional", .bool(provisional))) }
      if !i.otherCauses.isEmpty { p.append(("otherCauses", .array(i.otherCauses.map { .string($0.rawValue) }))) }
      if !i.affectedProperties.isEmpty { p.append(("affectedProperties", .array(i.affectedProperties.map { .string($0.rawValue) }))) }
      if let nearMiss = i.nearMiss { p.append(("nearMiss", .bool(nearMiss))) }
      if let severity = i.severity { p.append(("severity", .int(severity))) }
      return .object(p)
    }
    let topics = d.topics.map { t -> JSONValue in
      var p: [(String, JSONValue)] = [("id", .string(t.id)), ("year", .int(t.year)), ("title", .string(t.title))]
      optional(&p, "titleJa", t.titleJa)
      p += [("priority", .int(t.priority)), ("status", .string(t.status.rawValue))]
      if let u = t.usefulShare { p.append(("usefulShare", number(u))) }
      return .object(p)
    }
    let scenarios = d.scenarios.map { sc -> JSONValue in
      var p: [(String, JSONValue)] = [("id", .string(sc.id)), ("name", .string(sc.name))]
      optional(&p, "nameJa", sc.nameJa)
      p.append(("description", .string(sc.description)))
      optional(&p, "descriptionJa", sc.descriptionJa)
      p.append(("source", .string(sc.source)))
      let events = sc.events.map { e -> JSONValue in
        var q: [(String, JSONValue)]
        switch e.target {
        case .node(let id): q = [("node", .string(id))]
        case .dependency(let supplier, let dependent): q = [("supplier", .string(supplier)), ("dependent", .string(dependent))]
        }
        q.append(("startHours", number(e.startHours)))
        if let h = e.durationHours { q.append(("durationHours", number(h))) }
        q.append(("probability", number(e.probability)))
        optional(&q, "source", e.source)
        return .object(q)
      }
      p.append(("events", .array(events)))
      return .object(p)
    }
    var members: [(String, JSONValue)] = [
      ("name", .string(d.name)), ("description", .string(d.description)), ("version", .string(d.version)),
      ("provenance", .string(d.provenance)), ("sectors", .array(sectors)), ("operators", .array(operators)),
      ("assets", .array(assets)), ("services", .array(services)), ("dependencies", .array(dependencies)),
      ("threats", .array(threats)), ("incidents", .array(incidents)), ("topics", .array(topics)),
    ]
    if let c = d.countingYear { members.insert(("countingYear", .string(c.rawValue)), at: 4) }
    if !d.sites.isEmpty {
      members.append(("sites", .array(d.sites.map { site in
        var p: [(String, JSONValue)] = [("id", .string(site.id)), ("name", .string(site.name))]
        optional(&p, "nameJa", site.nameJa)
        if let v = site.latitude { p.append(("latitude", number(v))) }
        if let v = site.longitude { p.append(("longitude", number(v))) }
        if !site.hazards.isEmpty { p.append(("hazards", strings(site.hazards))) }
        return .object(p)
      })))
    }
    if !d.scenarios.isEmpty { members.append(("scenarios", .array(scenarios))) }
    if !d.sharingIndicators.isEmpty {
      members.append(("sharingIndicators", .array(d.sharingIndicators.map { s in
        var p: [(String, JSONValue)] = [("year", .int(s.year))]
        if let v = s.itemsSent { p.append(("itemsSent", .int(v))) }
        if let v = s.itemsSharedInCEPTOARs { p.append(("itemsSharedInCEPTOARs", .int(v))) }
        if let v = s.operatorsAsked { p.append(("operatorsAsked", .int(v))) }
        if let v = s.operatorsFindingUseful { p.append(("operatorsFindingUseful", .int(v))) }
        p.append(("source", .string(s.source)))
        return .object(p)
      })))
    }
    if !d.exercises.isEmpty {
      members.append(("exercises", .array(d.exercises.map { e in
        var p: [(String, JSONValue)] = [("id", .string(e.id)), ("year", .int(e.year)), ("name", .string(e.name))]
        optional(&p, "nameJa", e.nameJa)
        if let v = e.participants { p.append(("participants", .int(v))) }
        if let v = e.organisations { p.append(("organisations", .int(v))) }
        if let v = e.usefulShare { p.append(("usefulShare", number(v))) }
        p.append(("source", .string(e.source)))
        return .object(p)
      })))
    }
    return JSONValue.object(members)
  }
}
