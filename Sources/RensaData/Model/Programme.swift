/// The plan's own indicators of information sharing (§IV-1) for one year: what the
/// centre sent, what was shared within the CEPTOARs, and how many operators found it
/// useful. Programme statistics, not incident reports: they are published as given.
public struct SharingIndicator: Sendable, Hashable, Codable {
  public var year: Int
  /// Items of information the centre sent to the sectors.
  public var itemsSent: Int?
  /// Items shared within the CEPTOARs (the sectors' capability for engineering of
  /// protection, technical operation, analysis and response).
  public var itemsSharedInCEPTOARs: Int?
  /// Operators asked whether the information was useful, and how many said it was.
  public var operatorsAsked: Int?
  public var operatorsFindingUseful: Int?
  /// Where the figures come from (a citation, or `illustrative: …`).
  public var source: String

  public init(
    year: Int, itemsSent: Int? = nil, itemsSharedInCEPTOARs: Int? = nil, operatorsAsked: Int? = nil,
    operatorsFindingUseful: Int? = nil, source: String
  ) {
    self.year = year
    self.itemsSent = itemsSent
    self.itemsSharedInCEPTOARs = itemsSharedInCEPTOARs
    self.operatorsAsked = operatorsAsked
    self.operatorsFindingUseful = operatorsFindingUseful
    self.source = source
  }

  /// Whether the figures are examples rather than published figures.
  public var isIllustrative: Bool { source.lowercased().hasPrefix("illustrative") }
}

/// A cross-sector exercise (分野横断的演習) of one year: who took part and whether they
/// found it useful.
public struct Exercise: Sendable, Hashable, Codable {
  public var id: String
  public var year: Int
  public var name: String
  public var nameJa: String?
  /// People taking part, and the organisations they came from.
  public var participants: Int?
  public var organisations: Int?
  /// Share (0–1) of the responding participants who found it useful.
  public var usefulShare: Double?
  /// Where the figures come from (a citation, or `illustrative: …`).
  public var source: String

  public init(
    id: String, year: Int, name: String, nameJa: String? = nil, participants: Int? = nil, organisations: Int? = nil,
    usefulShare: Double? = nil, source: String
  ) {
    self.id = id
    self.year = year
    self.name = name
    self.nameJa = nameJa
    self.participants = participants
    self.organisations = organisations
    self.usefulShare = usefulShare
    self.source = source
  }

  /// Whether the figures are examples rather than published figures.
  public var isIllustrative: Bool { source.lowercased().hasPrefix("illustrative") }
}
