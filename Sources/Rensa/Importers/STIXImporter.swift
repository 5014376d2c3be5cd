import Foundation

/// An object of a MITRE ATT&CK knowledge base.
public struct AttackObject: Sendable, Hashable {
  public enum Kind: String, Sendable, Hashable, CaseIterable {
    case technique, group, software, campaign, asset, mitigation
  }
  /// The ATT&CK id (`T0803`, `G0034`, `S0603`, `C0025`, `A0008`, `M0801`).
  public var id: String
  public var kind: Kind
  public var name: String
  /// Tactics of a technique (kill-chain phase names).
  public var tactics: [String]
  /// Sectors an asset belongs to (`x_mitre_sectors`, mostly "General").
  public var sectors: [String]
  /// Whether it is a sub-technique (`T1059.001`).
  public var isSubtechnique: Bool
}

/// A relationship between two ATT&CK objects, by their ATT&CK ids.
public struct AttackRelationship: Sendable, Hashable {
  /// `uses`, `targets`, `mitigates`, `attributed-to`, `subtechnique-of`.
  public var type: String
  public var source: String
  public var target: String
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
  public var threats: [Threat] {
    var uses: [String: [String]] = [:]
    let kinds = Dictionary(objects.map { ($0.id, $0.kind) }, uniquingKeysWith: { a, _ in a })
    for r in relationships where r.type == "uses" && kinds[r.target] == .technique {
      if !(uses[r.source]?.contains(r.target) ?? false) { uses[r.source, default: []].append(r.target) }
    }
    return objects.compactMap { o -> Threat? in
      switch o.kind {
      case .technique:
        return Threat(
          id: o.id, type: .intentional, scope: .operatorLevel, name: o.name,
          examples: o.tactics.isEmpty ? [] : ["tactics: \(o.tactics.joined(separator: ", "))"],
          identifiers: ThreatIdentifiers(attack: [o.id]))
      case .group, .software, .campaign:
        return Threat(
          id: o.id, type: .intentional, scope: .operatorLevel, name: o.name, examples: ["ATT&CK \(o.kind.rawValue)"],
          identifiers: ThreatIdentifiers(attack: (uses[o.id] ?? []).sorted()))
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
    "campaign": .campaign, "x-mitre-asset": .asset, "course-of-action": .mitigation,
  ]

  public static func read(path: String) throws -> (AttackKnowledgeBase, ImportReport) {
    let text: String
    if path.lowercased().hasSuffix(".xz") {
      text = try decompressXZ(path)
    } else {
      text = try readTextFile(path)
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
    _ = bundle.array("objects", required: true) { o -> Void in
      guard let type = o.string("type"), let stixID = o.string("id") else { return }
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
          // ATT&CK for ICS before v12 names its references "mitre-ics-attack".
          if let source = field("source_name"), source == "mitre-attack" || source == "mitre-ics-attack",
            let id = field("external_id")
          {
            externalID = id
            break
          }
        }
      }
      guard let externalID else {
        collector.add(
          line: o.line, field: "external_references", "\(type) '\(name.isEmpty ? stixID : name)' has no mitre-attack external id")
        return
      }
      guard isAttackID(externalID) else {
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
      objects.append(
        AttackObject(
          id: externalID, kind: kind, name: name, tactics: tactics, sectors: o.strings("x_mitre_sectors"),
          isSubtechnique: externalID.contains(".")))
    }
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
      relationships.append(AttackRelationship(type: type, source: s, target: t))
    }
    for (what, count) in skippedRelationships.sorted(by: { $0.key < $1.key }) {
      report.skipped.append(DataIssue(file: file, reason: "\(count) relationship(s) '\(what)' left out"))
    }
    for (type, count) in otherTypes.sorted(by: { $0.key < $1.key }) {
      report.skipped.append(DataIssue(file: file, reason: "\(count) object(s) of type '\(type)' not imported (not needed by Rensa)"))
    }
    guard collector.issues.isEmpty else { throw DataError(collector.issues) }
    for kind in AttackObject.Kind.allCases { report.imported[kind.rawValue] = objects.filter { $0.kind == kind }.count }
    report.imported["relationships"] = relationships.count
    return (AttackKnowledgeBase(objects: objects, relationships: relationships), report)
  }

  /// `T0800`, `T1059.001`, `G0034`, `S0603`, `C0025`, `A0008`, `M0801`.
  static func isAttackID(_ id: String) -> Bool {
    let chars = Array(id)
    guard chars.count == 5 || (chars.count == 9 && chars[5] == "."), "TGSCAM".contains(chars[0]) else { return false }
    let digits = chars.count == 5 ? Array(chars[1...]) : Array(chars[1..<5]) + Array(chars[6...])
    return digits.allSatisfy(\.isASCII) && digits.allSatisfy(\.isNumber)
  }

  /// Decompresses an `.xz` file with the system's `xz -dc`.
  static func decompressXZ(_ path: String) throws -> String {
    guard FileManager.default.fileExists(atPath: path) else {
      throw InputFileError(path: path, kind: .missing, detail: "no such file")
    }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["xz", "-dc", path]
    let output = Pipe()
    let errors = Pipe()
    process.standardOutput = output
    process.standardError = errors
    do { try process.run() } catch {
      throw InputFileError(path: path, kind: .unreadable, detail: "cannot run xz to decompress it (install xz-utils)")
    }
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else {
      let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
      // xz says "xz: PATH: Compressed data is corrupt"; keep its reason.
      var reason = message.trimmingCharacters(in: .whitespacesAndNewlines)
      if let range = reason.range(of: "\(path): ") { reason = String(reason[range.upperBound...]) }
      throw DataError([DataIssue(
        file: path, reason: "not a readable .xz archive (xz: \(reason))", hint: "download it again, or give the decompressed .json")])
    }
    guard let text = String(data: data, encoding: .utf8) else {
      throw InputFileError(path: path, kind: .notText, detail: "decompressed content is not UTF-8 text")
    }
    return text
  }
}
