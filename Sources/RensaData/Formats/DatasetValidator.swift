/// Cross-record checks of a dataset: unique ids, references that resolve (with a
/// did-you-mean), consistent requirement groups, and rules between fields.
enum DatasetValidator {
  /// Warnings that do not make a dataset invalid: spellings of one reporter or
  /// operator that differ only in case, width, spaces or invisible characters (counted
  /// as one organisation; see ``Identity``), and incidents marked as exceeding their
  /// verification level with figures far below it.
  static func warnings(_ d: Dataset, file: String) -> [DataIssue] {
    var out: [DataIssue] = []
    for group in Identity.nearDuplicates(d.incidents.map(\.reporter)) {
      out.append(DataIssue(
        file: file, field: "incidents[].reporter",
        reason: "\(group.count) spellings of one reporter: \(group.map { "'\(printable($0))'" }.joined(separator: ", ")); they are counted as one organisation",
        hint: "write one spelling"))
    }
    for group in Identity.nearDuplicates(d.operators.map(\.id)) {
      out.append(DataIssue(
        file: file, field: "operators[].id",
        reason: "\(group.count) operator ids differ only in case, width, spaces or invisible characters: \(group.map { "'\(printable($0))'" }.joined(separator: ", "))",
        hint: "one organisation should have one id"))
    }
    // An incident marked as exceeding its service's verification level whose own figures
    // lie far below it (under a tenth of the users, or of the hours) is likely marked in
    // error: it would count in the plan's headline indicator.
    let services = Dictionary(d.services.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    var far: [String] = []
    for inc in d.incidents where inc.exceededVerificationLevel {
      guard let id = inc.service, let level = services[id]?.verificationLevel, level.unit == "users" else { continue }
      let fewUsers = inc.affectedUsers.map { Double($0) * 10 < level.threshold } ?? false
      var short = false
      if let h = inc.durationHours, let m = level.minimumDurationHours { short = h * 10 < m }
      if fewUsers || short { far.append(inc.id) }
    }
    if !far.isEmpty {
      out.append(DataIssue(
        file: file, field: "incidents[].exceededVerificationLevel",
        reason: "\(far.count) incident(s) are marked as exceeding their service's verification level with figures under a tenth of it (\(far.prefix(5).map { "'\(printable($0))'" }.joined(separator: ", "))\(far.count > 5 ? ", …" : ""))",
        hint: "check exceededVerificationLevel, affectedUsers and durationHours: these incidents count in the report's headline"))
    }
    return out
  }

  static func validate(_ d: Dataset, into c: IssueCollector) {

    // Unique ids per collection; sectors and assets share the node namespace of dependencies.
    func unique(_ ids: [String], _ collection: String) -> Set<String> {
      var first: [String: Int] = [:]
      for (i, id) in ids.enumerated() where !id.isEmpty {
        if let j = first[id] {
          c.add(
            at: "\(collection)[\(i)]", field: "\(collection)[\(i)].id", "duplicate id '\(id)'",
            hint: "first used by \(c.describe("\(collection)[\(j)]"))")
        } else {
          first[id] = i
        }
      }
      return Set(first.keys)
    }
    let sectors = unique(d.sectors.map(\.id), "sectors")
    let operators = unique(d.operators.map(\.id), "operators")
    let assets = unique(d.assets.map(\.id), "assets")
    let services = unique(d.services.map(\.id), "services")
    let threats = unique(d.threats.map(\.id), "threats")
    // Incident ids are compared in their normal form (Identity.key): "QX-1" and "qx-1 "
    // are one report, which a store must not keep twice.
    var firstIncident: [String: Int] = [:]
    for (i, inc) in d.incidents.enumerated() where !inc.id.isEmpty {
      let key = Identity.key(inc.id)
      if let j = firstIncident[key] {
        let other = d.incidents[j].id
        c.add(
          at: "incidents[\(i)]", field: "incidents[\(i)].id",
          other == inc.id ? "duplicate id '\(inc.id)'" : "duplicate id '\(printable(inc.id))': the same as '\(printable(other))' once case, width, spaces and invisible characters are normalised",
          hint: "first used by \(c.describe("incidents[\(j)]"))")
      } else {
        firstIncident[key] = i
      }
    }
    _ = unique(d.topics.map(\.id), "topics")
    _ = unique(d.scenarios.map(\.id), "scenarios")
    _ = unique(d.exercises.map(\.id), "exercises")
    // One record of the sharing indicators per year.
    var firstYear: [Int: Int] = [:]
    for (i, s) in d.sharingIndicators.enumerated() {
      if let j = firstYear[s.year] {
        c.add(
          at: "sharingIndicators[\(i)]", field: "sharingIndicators[\(i)].year", "a second record for \(s.year)",
          hint: "first given by \(c.describe("sharingIndicators[\(j)]")); one record per year")
      } else {
        firstYear[s.year] = i
      }
    }
    for (i, a) in d.assets.enumerated() where sectors.contains(a.id) {
      c.add(at: "assets[\(i)]", field: "assets[\(i)].id", "'\(a.id)' is also a sector id",
        hint: "sectors and assets share one namespace in dependencies")
    }
    let nodes = sectors.union(assets)

    func reference(_ value: String?, in set: Set<String>, _ what: String, at path: String, field: String) {
      guard let value, !value.isEmpty, !set.contains(value) else { return }
      // "sector or asset" refers into sectors and assets; one of them unreadable, no check.
      let collections = what.components(separatedBy: " or ").map { $0 + "s" }
      guard !collections.contains(where: c.unreadableCollections.contains) else { return }
      let suggestion = didYouMean(value, among: set)
      c.add(
        at: path, field: "\(path).\(field)", "unknown \(what) '\(value)'",
        hint: suggestion.map { "did you mean '\($0)'?" })
    }

    for (i, t) in d.threats.enumerated() {
      for (j, sector) in t.sectors.enumerated() {
        reference(sector, in: sectors, "sector", at: "threats[\(i)]", field: "sectors[\(j)]")
      }
    }
    for (i, o) in d.operators.enumerated() { reference(o.sector, in: sectors, "sector", at: "operators[\(i)]", field: "sector") }
    var siteIndex: [String: Int] = [:]
    for (i, site) in d.sites.enumerated() {
      if let j = siteIndex[site.id] {
        c.add(at: "sites[\(i)]", field: "sites[\(i)].id", "a second site '\(site.id)'", hint: "first given by \(c.describe("sites[\(j)]"))")
      } else {
        siteIndex[site.id] = i
      }
      for (k, h) in site.hazards.enumerated() where h.trimmingSpaces().isEmpty {
        c.add(at: "sites[\(i)]", field: "sites[\(i)].hazards[\(k)]", "an empty hazard zone", hint: "name the zone, e.g. flood:arakawa-l2")
      }
    }
    let siteIDs = Set(siteIndex.keys)
    for (i, a) in d.assets.enumerated() {
      reference(a.sector, in: sectors, "sector", at: "assets[\(i)]", field: "sector")
      reference(a.operator, in: operators, "operator", at: "assets[\(i)]", field: "operator")
      reference(a.site, in: siteIDs, "site", at: "assets[\(i)]", field: "site")
      for (k, v) in a.vendors.enumerated() where v.trimmingSpaces().isEmpty {
        c.add(at: "assets[\(i)]", field: "assets[\(i)].vendors[\(k)]", "an empty vendor name", hint: "name the vendor or service provider")
      }
    }
    for (i, s) in d.services.enumerated() {
      reference(s.sector, in: sectors, "sector", at: "services[\(i)]", field: "sector")
      for (j, a) in s.assets.enumerated() {
        reference(a, in: assets, "asset", at: "services[\(i)]", field: "assets[\(j)]")
      }
    }

    // Dependencies: endpoints, no self-dependency, consistent groups, no duplicates.
    var groups: [String: (need: Int, index: Int, suppliers: Set<String>)] = [:]
    var seen: [String: Int] = [:]
    for (i, dep) in d.dependencies.enumerated() {
      let path = "dependencies[\(i)]"
      reference(dep.supplier, in: nodes, "sector or asset", at: path, field: "supplier")
      reference(dep.dependent, in: nodes, "sector or asset", at: path, field: "dependent")
      if !dep.supplier.isEmpty && dep.supplier == dep.dependent {
        c.add(at: path, field: path, "'\(dep.supplier)' depends on itself")
      }
      let key = "\(dep.supplier)\u{0}\(dep.dependent)\u{0}\(dep.group ?? "")"
      if let j = seen[key] {
        c.add(at: path, field: path, "duplicate dependency \(dep.supplier) → \(dep.dependent)",
          hint: "same as \(c.describe("dependencies[\(j)]"))")
      }
      seen[key] = i
      if let group = dep.group {
        let groupKey = "\(dep.dependent)\u{0}\(group)"
        if var g = groups[groupKey] {
          if g.need != dep.need {
            c.add(
              at: path, field: "\(path).need",
              "group '\(group)' of '\(dep.dependent)' needs \(dep.need) here but \(g.need) in dependencies[\(g.index)]")
          }
          g.suppliers.insert(dep.supplier)
          groups[groupKey] = g
        } else {
          groups[groupKey] = (dep.need, i, [dep.supplier])
        }
      } else if dep.need != 1 {
        c.add(at: path, field: "\(path).need", "'need' is \(dep.need) but the dependency has no group")
      }
    }
    for (key, g) in groups where g.need > g.suppliers.count {
      let parts = key.split(separator: "\u{0}", omittingEmptySubsequences: false)
      c.add(
        at: "dependencies[\(g.index)]", field: "dependencies[\(g.index)].need",
        "group '\(parts[1])' of '\(parts[0])' needs \(g.need) suppliers but lists only \(g.suppliers.count)")
    }

    // Incidents.
    for (i, inc) in d.incidents.enumerated() {
      let path = "incidents[\(i)]"
      reference(inc.sector, in: sectors, "sector", at: path, field: "sector")
      reference(inc.operator, in: operators, "operator", at: path, field: "operator")
      reference(inc.service, in: services, "service", at: path, field: "service")
      reference(inc.threat, in: threats, "threat", at: path, field: "threat")
      reference(inc.originSector, in: sectors, "sector", at: path, field: "originSector")
      let causes = [inc.threatType] + inc.otherCauses
      for (k, cause) in inc.otherCauses.enumerated() where causes.prefix(k + 1).contains(cause) {
        c.add(
          at: path, field: "\(path).otherCauses[\(k)]",
          cause == inc.threatType ? "'\(cause.rawValue)' is already the incident's threatType" : "'\(cause.rawValue)' is listed twice")
      }
      if inc.isNearMiss && inc.exceededVerificationLevel {
        c.add(
          at: path, field: "\(path).nearMiss", "a near miss did not fail, so it cannot exceed the verification level",
          hint: "set exceededVerificationLevel to false, or nearMiss to false if the service failed")
      }
      var seenProperties = Set<SecurityProperty>()
      for (k, p) in inc.affectedProperties.enumerated() where !seenProperties.insert(p).inserted {
        c.add(at: path, field: "\(path).affectedProperties[\(k)]", "'\(p.rawValue)' is listed twice")
      }
      if causes.contains(.spillover) {
        if inc.originSector == nil {
          c.add(at: path, field: "\(path).originSector", "a spill-over incident needs its originating sector")
        } else if inc.originSector == inc.sector {
          c.add(at: path, field: "\(path).originSector", "the originating sector must differ from the affected sector")
        }
      } else if inc.originSector != nil {
        c.add(at: path, field: "\(path).originSector", "only spill-over incidents have an originating sector",
          hint: "add spillover to threatType or otherCauses, or remove originSector")
      }
      if let reported = inc.reported, reported < inc.occurred {
        c.add(at: path, field: "\(path).reported", "reported \(reported) before it occurred \(inc.occurred)")
      }
      if let service = inc.service, let s = d.services.first(where: { $0.id == service }), s.sector != inc.sector {
        c.add(at: path, field: "\(path).service", "service '\(service)' belongs to sector '\(s.sector)', not '\(inc.sector)'")
      }
    }

    // Scenarios: events name known sectors or assets, or existing dependencies, once each.
    let pairs = Set(d.dependencies.map { "\($0.supplier)\u{0}\($0.dependent)" })
    for (i, scenario) in d.scenarios.enumerated() {
      if scenario.events.isEmpty {
        c.add(at: "scenarios[\(i)]", field: "scenarios[\(i)].events", "a scenario needs at least one event")
      }
      var first: [ScenarioEvent.Target: Int] = [:]
      for (j, event) in scenario.events.enumerated() {
        let path = "scenarios[\(i)].events[\(j)]"
        switch event.target {
        case .node(let id):
          reference(id, in: nodes, "sector or asset", at: path, field: "node")
        case .dependency(let supplier, let dependent):
          reference(supplier, in: nodes, "sector or asset", at: path, field: "supplier")
          reference(dependent, in: nodes, "sector or asset", at: path, field: "dependent")
          if nodes.contains(supplier) && nodes.contains(dependent) && !pairs.contains("\(supplier)\u{0}\(dependent)")
            && !c.unreadableCollections.contains("dependencies")
          {
            c.add(
              at: path, field: path, "the dataset has no dependency \(supplier) → \(dependent)",
              hint: pairs.contains("\(dependent)\u{0}\(supplier)") ? "the dependency runs \(dependent) → \(supplier)" : nil)
          }
        }
        // A duration too small to move the end past the start in floating point (1e-300
        // after 24 h) would be an outage that ends when it begins.
        if let d = event.durationHours, d > 0, !(event.startHours + d > event.startHours) {
          c.add(
            at: path, field: "\(path).durationHours",
            "\(NumberFormat.significant(d, digits: 6)) h is too short to end after the start at \(NumberFormat.significant(event.startHours, digits: 6)) h",
            hint: "give a duration of at least \(NumberFormat.significant(event.startHours.ulp * 2, digits: 3)) h")
        }
        if event.target == .node("") { continue }  // missing target, reported by the reader
        if let k = first[event.target] {
          c.add(
            at: path, field: path, "'\(event.targetDescription)' already has an event in this scenario",
            hint: "see scenarios[\(i)].events[\(k)]; one event per target")
        } else {
          first[event.target] = j
        }
      }
    }
  }
}
