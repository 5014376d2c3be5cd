import RensaGraph
import InternalRensaUtilities

/// Monte Carlo over a dataset scenario: each event happens with its probability, each
/// dependency passes its supplier's failure on with its `probability` and, where it has a
/// `delayDistribution`, after a delay drawn from it; N trials from an explicit seed (`CascadeMonteCarlo` in RensaGraph states the draws).
///
/// Per node: the probability that it fails with a 95 % Wilson interval, and the median
/// and 95th percentile of its failure hour when it does. Per sector: the distribution of
/// node-hours lost within the horizon (the deterministic scenario's horizon), and the
/// probability that any of its nodes fails.
public struct ScenarioMonteCarlo: Sendable {
  public struct NodeEstimate: Sendable, Hashable {
    public var id: String
    public var probability: Double
    public var low: Double
    public var high: Double
    /// Median failure hour over the trials in which it fails.
    public var failureHourMedian: Double?
    /// 95th percentile of the failure hour over the trials in which it fails.
    public var failureHour95: Double?
  }

  public struct SectorEstimate: Sendable, Hashable {
    public var sector: String
    /// Share of trials in which any node of the sector fails.
    public var probabilityAffected: Double
    public var nodeHours5: Double
    public var nodeHoursMedian: Double
    public var nodeHours95: Double
    public var nodeHoursMean: Double
  }

  /// The deterministic analysis (every event happening): network, horizon, sectors.
  public let deterministic: ScenarioAnalysis
  public let trials: Int
  public let seed: UInt64
  public let nodes: [NodeEstimate]
  public let sectors: [SectorEstimate]

  /// Runs `trials` trials (fewer when `targetHalfWidth` is reached first).
  ///
  /// - Throws: ``DataError`` for an unknown scenario or invalid events.
  public init(
    dataset: Dataset, scenario: String, trials: Int, seed: UInt64, threads: Int? = nil,
    targetHalfWidth: Double? = nil, horizon: Double? = nil, progress: ((Int, Int) -> Void)? = nil
  ) throws(DataError) {
    let deterministic = try ScenarioAnalysis(dataset: dataset, scenario: scenario, horizon: horizon)
    try self.init(
      analysis: deterministic, trials: trials, seed: seed, threads: threads, targetHalfWidth: targetHalfWidth,
      progress: progress)
  }

  /// The Monte Carlo of a scenario analysis already made, so that callers running
  /// several analyses of one scenario build it once.
  ///
  /// - Throws: ``DataError`` for invalid events.
  public init(
    analysis deterministic: ScenarioAnalysis, trials: Int, seed: UInt64, threads: Int? = nil,
    targetHalfWidth: Double? = nil, progress: ((Int, Int) -> Void)? = nil
  ) throws(DataError) {
    self.deterministic = deterministic
    let cascade = deterministic.cascade
    let network = cascade.network
    let (failures, cuts) = deterministic.uncertainInputs
    let horizonHours = deterministic.horizon
    let sectorIDs = Array(Set(deterministic.sectorOfNode)).sorted()
    let sectorIndex = Dictionary(uniqueKeysWithValues: sectorIDs.enumerated().map { ($1, $0) })
    let nodeSector = deterministic.sectorOfNode.map { sectorIndex[$0]! }
    let result: CascadeMonteCarlo.Result
    do {
      let model = try CascadeMonteCarlo(
        cascade.graph, transmission: network.dependencies.map(\.probability), failures: failures, cuts: cuts,
        delays: network.dependencies.map(\.delayDistribution))
      result = try model.run(
        .init(
          trials: trials, seed: seed, threads: threads, targetHalfWidth: targetHalfWidth, progress: progress,
          measure: { timeline in
            // Node-hours lost per sector within the horizon; then, per sector, 1 if affected.
            var hours = [Double](repeating: 0, count: sectorIDs.count * 2)
            for v in timeline.order {
              let v = Int(v)
              let f = timeline.failedAt[v]
              guard f < horizonHours else { continue }
              hours[nodeSector[v]] += min(timeline.restoredAt[v], horizonHours) - f
              hours[sectorIDs.count + nodeSector[v]] = 1
            }
            return hours
          }))
    } catch {
      throw DataError([DataIssue(file: "scenario \(deterministic.scenario.id)", reason: error.description)])
    }
    self.trials = result.trials
    self.seed = seed
    nodes = network.nodeIDs.indices.map { v in
      let (lo, hi) = result.interval(v)
      return NodeEstimate(
        id: network.nodeIDs[v], probability: result.probability(v), low: lo, high: hi,
        failureHourMedian: result.failureHour(v, quantile: 0.5), failureHour95: result.failureHour(v, quantile: 0.95))
    }
    sectors = sectorIDs.enumerated().map { k, sector in
      let values = result.measures.map { $0[k] }.sorted()
      let affected = result.measures.filter { $0[sectorIDs.count + k] > 0 }.count
      return SectorEstimate(
        sector: sector, probabilityAffected: result.trials == 0 ? 0 : Double(affected) / Double(result.trials),
        nodeHours5: CascadeMonteCarlo.quantile(values, 0.05) ?? 0, nodeHoursMedian: CascadeMonteCarlo.quantile(values, 0.5) ?? 0,
        nodeHours95: CascadeMonteCarlo.quantile(values, 0.95) ?? 0,
        nodeHoursMean: values.isEmpty ? 0 : values.reduce(0, +) / Double(values.count))
    }
  }
}
