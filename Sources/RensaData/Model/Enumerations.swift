import InternalRensaUtilities
import Foundation

/// Enumerations of the domain model. Their raw values are the strings of the dataset
/// format (Docs/DatasetFormat.md).

/// What a dependency carries.
public enum DependencyKind: String, Sendable, Hashable, CaseIterable, Codable {
  case power, telecom, water, fuel, data, staff, transport, finance, other
}

/// Rinaldi's classes of interdependency (Rinaldi, Peerenboom & Kelly 2001).
public enum DependencyClass: String, Sendable, Hashable, CaseIterable, Codable {
  /// Material output of one is input to the other (power, water, fuel).
  case physical
  /// Depends on information transmitted through an information system.
  case cyber
  /// A local event affects both (shared location, shared right of way).
  case geographic
  /// Any other link (policy, markets, staff).
  case logical
}

/// The plan's four threat types (Annex 3).
public enum ThreatType: String, Sendable, Hashable, CaseIterable, Codable {
  /// 1: intentional causes such as cyber attacks.
  case intentional
  /// 2: unintentional causes: operation or configuration errors, bugs, equipment failure.
  case unintentional
  /// 3: disaster or disease: earthquake, flood, lightning, fire, pandemic.
  case disaster
  /// 4: spill-over from a failure in another sector (loss of power, telecom, water).
  case spillover
}

/// Who has to respond to a threat (Annex 3's two columns).
public enum ThreatScope: String, Sendable, Hashable, CaseIterable, Codable {
  /// A response across society is needed.
  case societyWide = "society-wide"
  /// The operator handles it.
  case operatorLevel = "operator"
}

/// Traffic Light Protocol 2.0: the range within which information may be shared.
/// Ordered from the widest audience (``clear``) to the narrowest (``red``).
public enum SharingScope: String, Sendable, Hashable, CaseIterable, Codable, Comparable {
  case clear = "CLEAR"
  case green = "GREEN"
  case amber = "AMBER"
  case amberStrict = "AMBER+STRICT"
  case red = "RED"

  var rank: Int { Self.allCases.firstIndex(of: self)! }
  public static func < (a: SharingScope, b: SharingScope) -> Bool { a.rank < b.rank }

  /// Whether an audience cleared for `audience` may see information marked `self`.
  public func isVisible(to audience: SharingScope) -> Bool { self <= audience }

  /// A TLP label as sources write it: TLP 2.0 (`CLEAR`, `GREEN`, `AMBER`,
  /// `AMBER+STRICT`, `RED`) or TLP 1.0 (`WHITE`, which TLP 2.0 renamed CLEAR), with or
  /// without the `TLP:` prefix, in any case, `AMBER-STRICT` or `AMBER STRICT` for
  /// AMBER+STRICT. nil for anything else.
  public init?(marking text: String) {
    var label = text.trimmingSpaces().uppercased()
    if label.hasPrefix("TLP:") { label.removeFirst(4) } else if label.hasPrefix("TLP ") { label.removeFirst(4) }
    label = label.trimmingSpaces().replacingOccurrences(of: "-", with: "+")
      .replacingOccurrences(of: " ", with: "+")
    if label == "WHITE" { label = "CLEAR" }
    guard let scope = SharingScope(rawValue: label) else { return nil }
    self = scope
  }
}

/// Progress of an analysis topic through the year.
/// How a dataset's incidents are counted into years: by calendar year, or by the
/// Japanese fiscal year (年度, 1 April – 31 March, named after the year it starts in).
/// A publication uses one convention: two editions of the same records in different
/// conventions differ by January–March alone (Docs/Report.md, "Languages and years").
public enum CountingConvention: String, Sendable, Hashable, CaseIterable, Codable {
  case calendar, fiscal
}

/// The security property an incident affected (ISO/IEC 27000's CIA).
public enum SecurityProperty: String, Sendable, Hashable, CaseIterable, Codable {
  case confidentiality, integrity, availability
}

public enum TopicStatus: String, Sendable, Hashable, CaseIterable, Codable {
  case planned
  case inProgress = "in-progress"
  case completed
  case dropped
}
