/// External identifiers that tie a threat or incident to public catalogues.
public struct ThreatIdentifiers: Sendable, Hashable, Codable {
  /// MITRE ATT&CK technique ids (T0800, T1190, …).
  public var attack: [String]
  /// CWE ids (CWE-79, …).
  public var cwe: [String]
  /// CVE ids (CVE-2021-44228, …).
  public var cve: [String]
  /// CAPEC ids.
  public var capec: [String]
  /// Vendors and products, as `vendor` or `vendor/product`.
  public var products: [String]

  public init(attack: [String] = [], cwe: [String] = [], cve: [String] = [], capec: [String] = [], products: [String] = []) {
    self.attack = attack
    self.cwe = cwe
    self.cve = cve
    self.capec = capec
    self.products = products
  }

  public var isEmpty: Bool { attack.isEmpty && cwe.isEmpty && cve.isEmpty && capec.isEmpty && products.isEmpty }
}

/// A cause that can lead to an IT failure (the plan's Annex 3).
public struct Threat: Sendable, Hashable, Codable {
  public var id: String
  public var type: ThreatType
  public var scope: ThreatScope
  public var name: String
  public var nameJa: String?
  /// Examples given for it.
  public var examples: [String]
  public var identifiers: ThreatIdentifiers
  /// Sectors known to be exposed to it (e.g. an advisory's critical-infrastructure
  /// sectors); empty when not known.
  public var sectors: [String]
  /// When it became known (an advisory's release, a KEV entry's addition), if known.
  public var published: CalendarDay?
  /// Severity as a CVSS base score (0–10), if known.
  public var cvss: Double?
  /// TLP marking of the entry, as its source gave it (a CSAF advisory's
  /// `document.distribution.tlp.label`, a STIX object's TLP marking definition), or the
  /// default the import stated. Reports for an audience below it leave the entry out:
  /// its name, identifiers and products appear nowhere, and incidents that name it count
  /// as "threat not identified".
  public var sharing: SharingScope

  public init(
    id: String, type: ThreatType, scope: ThreatScope, name: String, nameJa: String? = nil, examples: [String] = [],
    identifiers: ThreatIdentifiers = ThreatIdentifiers(), sectors: [String] = [], published: CalendarDay? = nil,
    cvss: Double? = nil, sharing: SharingScope = .clear
  ) {
    self.id = id
    self.type = type
    self.scope = scope
    self.name = name
    self.nameJa = nameJa
    self.examples = examples
    self.identifiers = identifiers
    self.sectors = sectors
    self.published = published
    self.cvss = cvss
    self.sharing = sharing
  }
}

/// A topic of the year's common threat analysis: planned at the start, completed (or
/// not) by the end.
public struct AnalysisTopic: Sendable, Hashable, Codable {
  public var id: String
  public var year: Int
  public var title: String
  /// The title in Japanese (the Japanese report's text; English when absent).
  public var titleJa: String?
  /// The operators' evaluation of the topic's analysis: the share (0–1) of responding
  /// operators who found it useful (§IV-1); nil: not evaluated (yet).
  public var usefulShare: Double?
  /// 1 (highest) … 5.
  public var priority: Int
  public var status: TopicStatus

  public init(
    id: String, year: Int, title: String, titleJa: String? = nil, priority: Int, status: TopicStatus, usefulShare: Double? = nil
  ) {
    self.usefulShare = usefulShare
    self.id = id
    self.year = year
    self.title = title
    self.titleJa = titleJa
    self.priority = priority
    self.status = status
  }
}
