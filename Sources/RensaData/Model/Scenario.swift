/// A failure scenario: what fails first, when, for how long and with what probability —
/// a wide-area power outage, a large earthquake, a telecom outage.
///
/// Scenarios are the input of the cascade analyses: the deterministic timeline takes
/// every event with its start and duration, the Monte Carlo analysis draws each event
/// with its probability. Times are hours from the start of the scenario.
public struct Scenario: Sendable, Hashable, Codable {
  /// Identifier, e.g. `power-outage-72h`.
  public var id: String
  public var name: String
  public var nameJa: String?
  /// What the scenario represents, in prose.
  public var description: String
  /// The description in Japanese (the Japanese report's text; English when absent).
  public var descriptionJa: String?
  /// Citation, or `assumption: …` when the values are the dataset author's assumption.
  public var source: String
  /// The initial failures.
  public var events: [ScenarioEvent]

  public init(
    id: String, name: String, nameJa: String? = nil, description: String, descriptionJa: String? = nil, source: String,
    events: [ScenarioEvent]
  ) {
    self.id = id
    self.name = name
    self.nameJa = nameJa
    self.description = description
    self.descriptionJa = descriptionJa
    self.source = source
    self.events = events
  }

  /// Whether the values rest on an assumption of the dataset's author.
  public var isAssumption: Bool { source.lowercased().hasPrefix("assumption") }
}

/// One initial failure of a ``Scenario``: a sector or asset that fails, or one
/// dependency that is cut (a damaged pipe or line between two assets).
public struct ScenarioEvent: Sendable, Hashable, Codable {
  /// What fails.
  public enum Target: Sendable, Hashable, Codable {
    /// A sector or asset id.
    case node(String)
    /// The dependency `supplier → dependent` (every dependency between the two, whatever
    /// its group) is lost; the nodes themselves stay up.
    case dependency(supplier: String, dependent: String)
  }

  public var target: Target
  /// Hours from the start of the scenario when the failure begins (≥ 0).
  public var startHours: Double
  /// How long the failure lasts, in hours (> 0); `nil` when it is not repaired within the
  /// scenario.
  public var durationHours: Double?
  /// Probability that the failure happens in the scenario (0...1; 1 for a certain event).
  public var probability: Double
  /// Citation or `assumption: …` for this event's values, when they differ from the
  /// scenario's.
  public var source: String?

  public init(
    target: Target, startHours: Double = 0, durationHours: Double? = nil, probability: Double = 1, source: String? = nil
  ) {
    self.target = target
    self.startHours = startHours
    self.durationHours = durationHours
    self.probability = probability
    self.source = source
  }

  /// `node` or `supplier → dependent`, for messages.
  public var targetDescription: String {
    switch target {
    case .node(let id): return id
    case .dependency(let s, let d): return "\(s) → \(d)"
    }
  }

  /// Hour at which the failure ends, if it does.
  public var endHours: Double? { durationHours.map { startHours + $0 } }
}
