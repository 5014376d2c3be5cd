/// The threshold below which a service degradation must be verified and reported
/// (the plan's Annex 2), e.g. telecom: at least 30,000 users for at least 2 hours.
public struct VerificationLevel: Sendable, Hashable, Codable {
  /// What is measured, e.g. `users affected`, `supply loss`, `households`.
  public var metric: String
  /// Unit of `threshold`, e.g. `users`, `kW`, `households`; `event` when any occurrence counts.
  public var unit: String
  /// The level at or above which the event counts (≥ 0).
  public var threshold: Double
  /// Minimum duration in hours, when the level has one (≥ 0).
  public var minimumDurationHours: Double?
  /// The plan's wording.
  public var text: String

  public init(metric: String, unit: String, threshold: Double, minimumDurationHours: Double? = nil, text: String) {
    self.metric = metric
    self.unit = unit
    self.threshold = threshold
    self.minimumDurationHours = minimumDurationHours
    self.text = text
  }

  /// Whether an event of `amount` (in ``unit``) lasting `hours` reaches this level.
  public func isExceeded(amount: Double, hours: Double) -> Bool {
    amount >= threshold && hours >= (minimumDurationHours ?? 0)
  }
}

/// A critical-infrastructure service to be protected, with its verification level.
public struct Service: Sendable, Hashable, Codable {
  public var id: String
  public var name: String
  public var nameJa: String?
  /// The sector providing it.
  public var sector: String
  /// Assets (critical systems) that provide the service.
  public var assets: [String]
  /// The verification level of Annex 2.
  public var verificationLevel: VerificationLevel
  /// The operator's own service level, when set (free text).
  public var serviceLevel: String?

  public init(
    id: String, name: String, nameJa: String? = nil, sector: String, assets: [String] = [],
    verificationLevel: VerificationLevel, serviceLevel: String? = nil
  ) {
    self.id = id
    self.name = name
    self.nameJa = nameJa
    self.sector = sector
    self.assets = assets
    self.verificationLevel = verificationLevel
    self.serviceLevel = serviceLevel
  }
}
