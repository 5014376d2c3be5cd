import Foundation
import RensaGraph
import InternalRensaUtilities

/// An object of a MITRE ATT&CK knowledge base.
public struct AttackObject: Sendable, Hashable {
  public enum Kind: String, Sendable, Hashable, CaseIterable {
    case technique, group, software, campaign, asset, mitigation
    /// A STIX `vulnerability` with a CVE reference (as `rensa report --format stix` writes).
    case vulnerability
  }
  /// The ATT&CK id (`T0803`, `G0034`, `S0603`, `C0025`, `A0008`, `M0801`), or the CVE id
  /// of a vulnerability.
  public var id: String
  public var kind: Kind
  public var name: String
  /// Tactics of a technique (kill-chain phase names).
  public var tactics: [String]
  /// Sectors an asset belongs to (`x_mitre_sectors`, mostly "General").
  public var sectors: [String]
  /// Whether it is a sub-technique (`T1059.001`).
  public var isSubtechnique: Bool
  /// Its TLP marking: the most restrictive TLP marking definition among its
  /// `object_marking_refs` and `granular_markings`; nil when it has none (statements such
  /// as ATT&CK's copyright are not TLP).
  public var marking: SharingScope? = nil
}

/// A relationship between two ATT&CK objects, by their ATT&CK ids.
public struct AttackRelationship: Sendable, Hashable {
  /// `uses`, `targets`, `mitigates`, `attributed-to`, `subtechnique-of`.
  public var type: String
  public var source: String
  public var target: String
  /// Its TLP marking, as for objects.
  public var marking: SharingScope? = nil
}

/// The objects and relationships of one ATT&CK domain (ICS or Enterprise).
public struct AttackKnowledgeBase: Sendable, Hashable {
  public var objects: [AttackObject]
  public var relationships: [AttackRelationship]

  /// Objects of one kind, in bundle order.
  public func objects(_ kind: AttackObject.Kind) -> [AttackObject] { objects.filter { $0.kind == kind } }

  /// The knowledge base as a threat catalogue: every technique, and every group, software
  /// and campaign with the techniques it uses (`uses` relationships; a sub-technique
  /// counts as itself). All are intentional threats at operator level (an adversary
  /// acting against an operator's systems); ids are the ATT&CK ids.
  ///
  /// Markings: a threat is marked as its object, or `unmarked` when the object has no TLP
  /// marking; a group's, software's or campaign's threat is marked at least as strictly
  /// as every `uses` relationship (and technique) that gives it a technique, so that
  /// nothing of a RED relationship reaches a lower audience.
  public func threats(unmarked: SharingScope) -> [Threat] {
    var uses: [String: [String]] = [:]
    var usesMarking: [String: SharingScope] = [:]
    let kinds = Dictionary(objects.map { ($0.id, $0.kind) }, uniquingKeysWith: { a, _ in a })
    let markings = Dictionary(objects.map { ($0.id, $0.marking ?? unmarked) }, uniquingKeysWith: { a, b in max(a, b) })
    for r in relationships where r.type == "uses" && kinds[r.target] == .technique {
      if !(uses[r.source]?.contains(r.target) ?? false) { uses[r.source, default: []].append(r.target) }
      let marking = max(r.marking ?? unmarked, markings[r.target] ?? unmarked)
      usesMarking[r.source] = max(usesMarking[r.source] ?? marking, marking)
    }
    return objects.compactMap { o -> Threat? in
      switch o.kind {
      case .technique:
        return Threat(
          id: o.id, type: .intentional, scope: .operatorLevel, name: o.name,
          examples: o.tactics.isEmpty ? [] : ["tactics: \(o.tactics.joined(separator: ", "))"],
          identifiers: ThreatIdentifiers(attack: [o.id]), sharing: o.marking ?? unmarked)
      case .group, .software, .campaign:
        let own = o.marking ?? unmarked
        return Threat(
          id: o.id, type: .intentional, scope: .operatorLevel, name: o.name, examples: ["ATT&CK \(o.kind.rawValue)"],
          identifiers: ThreatIdentifiers(attack: (uses[o.id] ?? []).sorted()), sharing: max(own, usesMarking[o.id] ?? own))
      case .vulnerability:
        return Threat(
          id: o.id, type: .intentional, scope: .societyWide, name: o.name, identifiers: ThreatIdentifiers(cve: [o.id]),
          sharing: o.marking ?? unmarked)
      case .asset, .mitigation:
        return nil
      }
    }
  }

  /// Relationships of a type between two kinds, e.g. `uses` from groups to techniques.
  public func relationships(_ type: String, from: AttackObject.Kind, to: AttackObject.Kind) -> [AttackRelationship] {
    let kinds = Dictionary(objects.map { ($0.id, $0.kind) }, uniquingKeysWith: { a, _ in a })
    return relationships.filter { $0.type == type && kinds[$0.source] == from && kinds[$0.target] == to }
  }
}

/// Imports MITRE ATT&CK STIX 2.1 bundles (ICS or Enterprise; a `.xz` file is
/// decompressed with the system's `xz`).
///
/// Kept: techniques (`attack-pattern`), groups (`intrusion-set`), software (`malware`,
/// `tool`), campaigns, assets (`x-mitre-asset`) and mitigations (`course-of-action`),
/// each under its ATT&CK id (references named `mitre-attack`, or `mitre-ics-attack` as
/// ICS bundles before v12 name them), and the relationships among them. An object whose
/// id is malformed (ICS v8.0 writes `0T800` once) is left out and reported, not guessed. Left out, and listed in
/// the ``ImportReport``: revoked and deprecated objects (one line each), relationships
/// that touch them or any object kind not kept (detection strategies, data components,
/// `revoked-by` links; one line per relationship type with its count), and objects of
/// other types (matrices, tactics, identities; one line per type).
public enum STIXImporter {
  static let kinds: [String: AttackObject.Kind] = [
    "attack-pattern": .technique, "intrusion-set": .group, "malware": .software, "tool": .software,
    "campaign": .campaign, "x-mitre-asset": .asset, "course-of-action": .mitigation, "vulnerability": .vulnerability,
  ]

  /// Reads a STIX 2.1 bundle (`.json`, or `.json.xz` decompressed as it streams).
  ///
  /// - Throws: ``DataError`` with every problem, or (``DataError/unreadable``) a file
  ///   that cannot be read or decompressed within the memory limit.
  public static func read(path: String) throws(DataError) -> (AttackKnowledgeBase, ImportReport) {
    let text: String
    if path.lowercased().hasSuffix(".xz") {
      text = try decompressXZ(path)
    } else {
      text = try readText(path)
    }
    return try parse(text, file: path)
  }

  public static func parse(_ text: String, file: String) throws(DataError) -> (AttackKnowledgeBase, ImportReport) {
    let root = try JSONNode.parse(text, file: file)
    let collector = IssueCollector(file: file)
    guard let bundle = collector.object(root, path: ""), bundle.string("type") == "bundle" else {
      if collector.issues.isEmpty { collector.add(line: root.line, field: "type", "not a STIX bundle") }
      throw DataError(collector.issues)
    }
    var report = ImportReport()
    var objects: [AttackObject] = []
    var attackID: [String: String] = [:]  // STIX id → ATT&CK id, for kept objects
    var excluded: [String: String] = [:]  // STIX id → why
    var otherTypes: [String: Int] = [:]
    var relationshipNodes: [ObjectReader] = []
    var definitions: [String: SharingScope?] = [:]  // marking-definition id → TLP level (nil: not TLP)
    var objectRefs: [Int: (line: Int, refs: [String])] = [:]  // index in `objects` → its marking refs
    _ = bundle.array("objects", required: true) { o -> Void in
      guard let type = o.string("type"), let stixID = o.string("id") else { return }
      if type == "marking-definition" {
        definitions[stixID] = Self.tlpLevel(ofDefinition: o)
        return
      }
      if type == "relationship" {
        relationshipNodes.append(o)
        return
      }
      guard let kind = kinds[type] else {
        otherTypes[type, default: 0] += 1
        return
      }
      let name = o.string("name") ?? ""
      if case .bool(true)? = o.member("revoked")?.value.value {
        excluded[stixID] = "revoked"
        report.skipped.append(DataIssue(file: file, line: o.line, reason: "revoked \(type) '\(name)' left out"))
        return
      }
      if case .bool(true)? = o.member("x_mitre_deprecated")?.value.value {
        excluded[stixID] = "deprecated"
        report.skipped.append(DataIssue(file: file, line: o.line, reason: "deprecated \(type) '\(name)' left out"))
        return
      }
      var externalID: String? = nil
      if case .array(let refs)? = o.member("external_references")?.value.value {
        for ref in refs {
          guard case .object(let members) = ref.value else { continue }
          func field(_ key: String) -> String? {
            if case .string(let s)? = members.first(where: { $0.key == key })?.value.value { return s }
            return nil
          }
          // ATT&CK for ICS before v12 names its references "mitre-ics-attack"; a
          // vulnerability is named by its CVE reference.
          let sources = kind == .vulnerability ? ["cve"] : ["mitre-attack", "mitre-ics-attack"]
          if let source = field("source_name"), sources.contains(source), let id = field("external_id") {
            externalID = id
            break
          }
        }
      }
      guard let externalID else {
        collector.add(
          line: o.line, field: "external_references",
          "\(type) '\(name.isEmpty ? stixID : name)' has no \(kind == .vulnerability ? "cve" : "mitre-attack") external id")
        return
      }
      guard kind == .vulnerability ? isCVE(externalID) : isAttackID(externalID) else {
        // e.g. "0T800" in ICS v8.0: reported, not guessed.
        excluded[stixID] = "malformed-id"
        report.skipped.append(
          DataIssue(file: file, line: o.line, reason: "\(type) '\(name)' left out: malformed ATT&CK id '\(externalID)'"))
        return
      }
      var tactics: [String] = []
      if case .array(let phases)? = o.member("kill_chain_phases")?.value.value {
        for phase in phases {
          if case .object(let m) = phase.value, case .string(let p)? = m.first(where: { $0.key == "phase_name" })?.value.value {
            tactics.append(p)
          }
        }
      }
      attackID[stixID] = externalID
      objectRefs[objects.count] = (o.line, Self.markingRefs(o))
      objects.append(
        AttackObject(
          id: externalID, kind: kind, name: name, tactics: tactics, sectors: o.strings("x_mitre_sectors"),
          isSubtechnique: externalID.contains(".")))
    }
    // Markings: the most restrictive TLP level among an object's references; a reference
    // that neither the bundle nor the TLP standards define cannot be read, so it counts
    // as TLP:RED (reported).
    var unresolved: [String: Int] = [:]
    func marking(_ refs: [String]) -> SharingScope? {
      var level: SharingScope? = nil
      for ref in refs {
        let found: SharingScope??
        if let known = Self.standardTLP[ref] { found = .some(known) } else { found = definitions[ref] }
        switch found {
        case .none:
          unresolved[ref, default: 0] += 1
          level = .red
        case .some(.none): continue  // a statement or another non-TLP marking
        case .some(.some(let l)): level = max(level ?? l, l)
        }
      }
      return level
    }
    for (i, entry) in objectRefs { objects[i].marking = marking(entry.refs) }
    var relationships: [AttackRelationship] = []
    var skippedRelationships: [String: Int] = [:]
    for r in relationshipNodes {
      guard let type = r.string("relationship_type"), let source = r.string("source_ref"), let target = r.string("target_ref")
      else { continue }
      if case .bool(true)? = r.member("revoked")?.value.value {
        skippedRelationships["\(type) (revoked relationship)", default: 0] += 1
        continue
      }
      if case .bool(true)? = r.member("x_mitre_deprecated")?.value.value {
        skippedRelationships["\(type) (deprecated relationship)", default: 0] += 1
        continue
      }
      guard let s = attackID[source], let t = attackID[target] else {
        let why = [source, target].compactMap { excluded[$0] }.first.map { "touches a \($0) object" } ?? "links object kinds not kept"
        skippedRelationships["\(type) (\(why))", default: 0] += 1
        continue
      }
      relationships.append(AttackRelationship(type: type, source: s, target: t, marking: marking(Self.markingRefs(r))))
    }
    for (ref, count) in unresolved.sorted(by: { $0.key < $1.key }) {
      report.skipped.append(DataIssue(
        file: file, reason: "marking '\(ref)' (on \(count) object(s)) is neither in the bundle nor a TLP marking definition: those objects are marked TLP:RED"))
    }
    let marked = Dictionary(grouping: objects.compactMap(\.marking), by: { $0 }).mapValues(\.count)
    for (level, count) in marked.sorted(by: { $0.key < $1.key }) {
      report.skipped.append(DataIssue(file: file, reason: "\(count) object(s) marked TLP:\(level.rawValue) by the bundle keep that marking"))
    }
    for (what, count) in skippedRelationships.sorted(by: { $0.key < $1.key }) {
      report.skipped.append(DataIssue(file: file, reason: "\(count) relationship(s) '\(what)' left out"))
    }
    for (type, count) in otherTypes.sorted(by: { $0.key < $1.key }) {
      report.skipped.append(DataIssue(file: file, reason: "\(count) object(s) of type '\(type)' not imported (not needed by Rensa)"))
    }
    guard collector.issues.isEmpty else { throw DataError(collector.issues) }
    for kind in AttackObject.Kind.allCases {
      let n = objects.filter { $0.kind == kind }.count
      if kind != .vulnerability || n > 0 { report.imported[kind.rawValue] = n }
    }
    report.imported["relationships"] = relationships.count
    return (AttackKnowledgeBase(objects: objects, relationships: relationships), report)
  }

  /// The TLP marking definitions that STIX 2.1 predefines (TLP 1.0, §7.2.1.4) and that
  /// the OASIS TLP 2.0 extension (extension-definition--60a3c5c5-…) publishes.
  static let standardTLP: [String: SharingScope] = [
    "marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9": .clear,  // TLP 1.0 WHITE
    "marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da": .green,
    "marking-definition--f88d31f6-486f-44da-b317-01333bde0b82": .amber,
    "marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed": .red,
    "marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487": .clear,  // TLP 2.0
    "marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb": .green,
    "marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421": .amber,
    "marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003": .amberStrict,
    "marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1": .red,
  ]

  /// The TLP level a marking definition of the bundle defines: STIX 2.1's
  /// `definition_type: "tlp"` with `definition.tlp`, the TLP 2.0 extension's `tlp_2_0`,
  /// or a name `TLP:…`. nil for a definition that is not TLP (a statement); a TLP
  /// definition whose level cannot be read counts as RED.
  static func tlpLevel(ofDefinition o: ObjectReader) -> SharingScope? {
    func text(_ node: JSONNode?, _ key: String) -> String? {
      guard case .object(let members)? = node?.value, case .string(let s)? = members.first(where: { $0.key == key })?.value.value
      else { return nil }
      return s
    }
    if o.member("definition_type").map({ if case .string("tlp") = $0.value.value { true } else { false } }) == true {
      return text(o.member("definition")?.value, "tlp").flatMap { SharingScope(marking: $0) } ?? .red
    }
    if case .object(let extensions)? = o.member("extensions")?.value.value {
      for e in extensions { if let level = text(e.value, "tlp_2_0") { return SharingScope(marking: level) ?? .red } }
    }
    if case .string(let name)? = o.member("name")?.value.value, name.uppercased().hasPrefix("TLP:") {
      return SharingScope(marking: name) ?? .red
    }
    return nil
  }

  /// Marking references of an object: `object_marking_refs` and every
  /// `granular_markings[].marking_ref` (a marked part marks the whole record here).
  static func markingRefs(_ o: ObjectReader) -> [String] {
    var refs: [String] = []
    if case .array(let items)? = o.member("object_marking_refs")?.value.value {
      for item in items { if case .string(let s) = item.value { refs.append(s) } }
    }
    if case .array(let items)? = o.member("granular_markings")?.value.value {
      for item in items {
        if case .object(let m) = item.value, case .string(let s)? = m.first(where: { $0.key == "marking_ref" })?.value.value {
          refs.append(s)
        }
      }
    }
    return refs
  }

  /// `T0800`, `T1059.001`, `G0034`, `S0603`, `C0025`, `A0008`, `M0801`.
  /// `CVE-YYYY-NNNN…`.
  static func isCVE(_ id: String) -> Bool {
    let parts = id.split(separator: "-", omittingEmptySubsequences: false)
    return parts.count == 3 && parts[0] == "CVE" && parts[1].count == 4 && parts[2].count >= 4
      && (parts[1] + parts[2]).allSatisfy { $0.isASCII && $0.isNumber }
  }

  static func isAttackID(_ id: String) -> Bool {
    let chars = Array(id)
    guard chars.count == 5 || (chars.count == 9 && chars[5] == "."), "TGSCAM".contains(chars[0]) else { return false }
    let digits = chars.count == 5 ? Array(chars[1...]) : Array(chars[1..<5]) + Array(chars[6...])
    return digits.allSatisfy(\.isASCII) && digits.allSatisfy(\.isNumber)
  }

  /// Decompresses an `.xz` file with the system's `xz -dc`, counting the bytes as they
  /// stream: more than the reading budget allows (`textReadingBytesPerByte` per byte
  /// under `MemoryBudget.defaultLimit`) stops `xz` and is refused (a small archive can
  /// unpack to gigabytes).
  static func decompressXZ(_ path: String) throws(DataError) -> String {
    guard FileManager.default.fileExists(atPath: path) else {
      throw DataError(InputFileError(path: path, kind: .missing, detail: "no such file"))
    }
    let limit = MemoryBudget.defaultLimit
    let allowed = limit / textReadingBytesPerByte
    var data = Data()
    let outcome: XZStream.Outcome
    do {
      outcome = try XZStream.decompress(path, limit: allowed) { chunk in
        data.append(chunk)
        return true
      }
    } catch { throw DataError(error) }
    if outcome.exceeded {
      throw DataError(InputFileError(
        path: path, kind: .tooLarge,
        detail: "decompresses to more than \(formatBytes(allowed)); reading that into records needs more than the memory limit of "
          + "\(formatBytes(limit)) (set RENSA_MEMORY_LIMIT higher if the machine has that much)"))
    }
    guard outcome.status == 0 else {
      throw DataError([DataIssue(
        file: path, reason: "not a readable .xz archive (xz: \(outcome.reason))", hint: "download it again, or give the decompressed .json")])
    }
    guard let text = String(data: data, encoding: .utf8) else {
      throw DataError(InputFileError(path: path, kind: .notText, detail: "decompressed content is not UTF-8 text"))
    }
    return text
  }
}
