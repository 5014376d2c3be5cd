/// A complete Rensa dataset: the sector map, assets, services, dependencies, threat
/// catalogue, incident history, analysis topics and failure scenarios, with provenance.
///
/// Read one with ``DatasetReader`` (which validates everything and reports every
/// problem); write one with ``DatasetWriter``.
public struct Dataset: Sendable, Hashable, Codable {
  /// Short name, e.g. `nisc-2009`.
  public var name: String
  public var description: String
  /// Dataset version (free text).
  public var version: String
  /// Sources and assumptions, in prose.
  public var provenance: String
  public var sectors: [Sector]
  public var operators: [Operator]
  public var assets: [Asset]
  public var services: [Service]
  public var dependencies: [Dependency]
  public var threats: [Threat]
  public var incidents: [Incident]
  public var topics: [AnalysisTopic]
  /// Failure scenarios for the cascade analyses (initial failures with times and
  /// probabilities).
  public var scenarios: [Scenario]
  /// The plan's information-sharing indicators, one record per year (§IV-1).
  public var sharingIndicators: [SharingIndicator]
  /// Cross-sector exercises (§IV-1).
  public var exercises: [Exercise]
  /// Named locations of assets, with their hazard zones.
  public var sites: [Site] = []
  /// How the publisher counts incidents into years (nil: by calendar year). Reports below
  /// TLP:AMBER are written in this convention only.
  public var countingYear: CountingConvention?
  /// The convention reports use by default.
  public var countingConvention: CountingConvention { countingYear ?? .calendar }

  public init(
    name: String, description: String, version: String = "1", provenance: String = "", sectors: [Sector] = [],
    operators: [Operator] = [], assets: [Asset] = [], services: [Service] = [], dependencies: [Dependency] = [],
    threats: [Threat] = [], incidents: [Incident] = [], topics: [AnalysisTopic] = [],
    scenarios: [Scenario] = [], sharingIndicators: [SharingIndicator] = [], exercises: [Exercise] = []
  ) {
    self.sharingIndicators = sharingIndicators
    self.exercises = exercises
    self.name = name
    self.description = description
    self.version = version
    self.provenance = provenance
    self.sectors = sectors
    self.operators = operators
    self.assets = assets
    self.services = services
    self.dependencies = dependencies
    self.threats = threats
    self.incidents = incidents
    self.topics = topics
    self.scenarios = scenarios
  }

  /// Whether any incident is synthetic (reports must say so).
  public var hasSyntheticIncidents: Bool { incidents.contains { $0.synthetic } }

  /// The sector of every node of the dependency model: a sector is its own, an asset
  /// counts under its sector.
  public var sectorOfNode: [String: String] {
    var sectorOf: [String: String] = [:]
    for s in sectors { sectorOf[s.id] = s.id }
    for a in assets { sectorOf[a.id] = a.sector }
    return sectorOf
  }

  /// The dependency network for the closure and cascade analyses: every sector and
  /// asset that takes part in at least one dependency (node ids as in the dataset;
  /// order: sectors, then assets, as listed). Sectors or assets without dependencies
  /// are left out, so that a sector-level model is not padded with isolated assets.
  ///
  /// The one bridge from a dataset to the analyses of `Rensa`:
  ///
  /// ```swift
  /// let dataset = try DatasetReader.read(path: "national.json")
  /// let closure = try ClosureAnalysis(dataset.dependencyNetwork)
  /// ```
  public var dependencyNetwork: DependencyNetwork {
    let used = Set(dependencies.flatMap { [$0.supplier, $0.dependent] })
    let ids = (sectors.map(\.id) + assets.map(\.id)).filter { used.contains($0) }
    var index: [String: Int] = [:]
    for (i, id) in ids.enumerated() { index[id] = i }
    let edges = dependencies.compactMap { d -> DependencyNetwork.Dependency? in
      guard let s = index[d.supplier], let t = index[d.dependent] else { return nil }
      return .init(
        supplier: s, dependent: t, group: d.group, need: d.need, delay: d.timeToImpactHours + d.delayHours,
        recovery: d.recoveryHours, probability: d.probability, delayDistribution: d.delayDistribution)
    }
    return DependencyNetwork(nodeIDs: ids, dependencies: edges, source: "dataset \(name)")
  }
}
