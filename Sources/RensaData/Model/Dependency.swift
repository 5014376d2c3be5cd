import RensaGraph

/// A dependency from a **supplier** to a **dependent** (sectors or assets): the
/// direction in which a failure spreads.
///
/// Times are hours. `timeToImpactHours` is how long the dependent holds out on its
/// own backup after losing the supplier (a battery, a generator's fuel);
/// `delayHours` is any further propagation delay; `recoveryHours` is how long the
/// dependent needs after the supplier is back. Dependencies of one dependent with
/// the same `group` are alternatives, of which `need` must work.
public struct Dependency: Sendable, Hashable, Codable {
  public var supplier: String
  public var dependent: String
  public var kind: DependencyKind
  public var `class`: DependencyClass
  /// Requirement group label; `nil` means this supplier is required on its own.
  public var group: String?
  /// Suppliers of the group that must work (k of k-of-n, ≥ 1).
  public var need: Int
  /// Hours the dependent holds out on backup after losing the supplier (≥ 0).
  public var timeToImpactHours: Double
  /// Further propagation delay in hours (≥ 0).
  public var delayHours: Double
  /// Hours the dependent needs to recover after the supplier returns (≥ 0).
  public var recoveryHours: Double
  /// Probability that a supplier failure is transmitted (0...1).
  public var probability: Double
  /// Coupling strength for inoperability models: share of the dependent's operation
  /// lost when the supplier is fully inoperable (0...1).
  public var coupling: Double
  /// Citation, or `assumption: …` when the value is the dataset author's assumption.
  public var source: String
  /// The uncertainty of the total delay (time to impact + delay) for the Monte Carlo
  /// analysis; nil: the nominal value in every trial.
  public var delayDistribution: DelayDistribution?

  public init(
    supplier: String, dependent: String, kind: DependencyKind, class: DependencyClass, group: String? = nil,
    need: Int = 1, timeToImpactHours: Double = 0, delayHours: Double = 0, recoveryHours: Double = 0,
    probability: Double = 1, coupling: Double = 0, source: String, delayDistribution: DelayDistribution? = nil
  ) {
    self.delayDistribution = delayDistribution
    self.supplier = supplier
    self.dependent = dependent
    self.kind = kind
    self.class = `class`
    self.group = group
    self.need = need
    self.timeToImpactHours = timeToImpactHours
    self.delayHours = delayHours
    self.recoveryHours = recoveryHours
    self.probability = probability
    self.coupling = coupling
    self.source = source
  }

  /// Whether the values rest on an assumption of the dataset's author.
  public var isAssumption: Bool { source.lowercased().hasPrefix("assumption") }
}
