import RensaGraph

/// A network of dependencies between named nodes (sectors, systems, assets),
/// each edge going from **supplier to dependent**, with optional redundancy.
///
/// Edges of one dependent that carry the same `group` label are alternatives:
/// the dependent needs `need` of them (default 1). An edge without a group is a
/// group of its own: that supplier is required (plain AND).
public struct DependencyNetwork: Sendable {
  /// One dependency as read from the input.
  public struct Dependency: Sendable, Hashable {
    /// Index of the supplier in ``DependencyNetwork/nodeIDs``.
    public var supplier: Int
    /// Index of the dependent.
    public var dependent: Int
    /// Requirement group label (alternatives share one), or nil for a required supplier.
    public var group: String?
    /// Suppliers of the group that must work (k of k-of-n); 1 when not given.
    public var need: Int
    /// Source line (for messages); 0 when built in code.
    public var line: Int
    /// Hours from the supplier's failure until this dependency is lost (cascade timeline).
    public var delay: Double
    /// Hours the dependent needs after the dependency returns.
    public var recovery: Double
    /// Probability that the supplier's failure is transmitted (Monte Carlo).
    public var probability: Double
    /// The uncertainty of `delay` (Monte Carlo); nil: the nominal delay.
    public var delayDistribution: DelayDistribution?

    public init(
      supplier: Int, dependent: Int, group: String? = nil, need: Int = 1, line: Int = 0, delay: Double = 0,
      recovery: Double = 0, probability: Double = 1, delayDistribution: DelayDistribution? = nil
    ) {
      self.delayDistribution = delayDistribution
      self.supplier = supplier
      self.dependent = dependent
      self.group = group
      self.need = need
      self.line = line
      self.delay = delay
      self.recovery = recovery
      self.probability = probability
    }
  }

  /// Node identifiers; a node's index is its position here (order of first appearance).
  public let nodeIDs: [String]
  /// The dependencies (parallel duplicates already merged).
  public let dependencies: [Dependency]
  /// Where the network came from ("edges.csv", "built-in example network", …).
  public let source: String
  /// Non-fatal observations made while loading (merged duplicates, self-dependencies).
  public let notes: [DataIssue]
  private let indexByID: [String: Int]

  /// Index of the node with identifier `id`.
  public func index(of id: String) -> Int? { indexByID[id] }

  /// Creates a network. Identifiers must be unique; every dependency must name
  /// valid indices and satisfy `1 <= need`.
  public init(nodeIDs: [String], dependencies: [Dependency], source: String = "network", notes: [DataIssue] = []) {
    self.nodeIDs = nodeIDs
    self.dependencies = dependencies
    self.source = source
    self.notes = notes
    var index: [String: Int] = [:]
    for (i, id) in nodeIDs.enumerated() {
      precondition(index[id] == nil, "duplicate node id '\(id)'")
      index[id] = i
    }
    self.indexByID = index
  }

  /// The graph of all dependencies (the all-AND reading).
  public var digraph: Digraph {
    Digraph(
      nodeCount: nodeIDs.count,
      sources: dependencies.map { UInt32(truncatingIfNeeded: $0.supplier) },
      destinations: dependencies.map { UInt32(truncatingIfNeeded: $0.dependent) })
  }

  /// The redundancy-aware reading: one requirement group per (dependent, group
  /// label), and one per ungrouped dependency.
  public var requirementGraph: RequirementGraph {
    var groups: [RequirementGraph.Group] = []
    var grouped: [String: Int] = [:]  // "dependent\u{0}label" → index in groups
    for d in dependencies {
      guard let label = d.group else {
        groups.append(.init(dependent: d.dependent, suppliers: [d.supplier], needed: 1))
        continue
      }
      let key = "\(d.dependent)\u{0}\(label)"
      if let g = grouped[key] {
        if !groups[g].suppliers.contains(d.supplier) { groups[g].suppliers.append(d.supplier) }
      } else {
        grouped[key] = groups.count
        groups.append(.init(dependent: d.dependent, suppliers: [d.supplier], needed: d.need))
      }
    }
    return RequirementGraph(nodeCount: nodeIDs.count, groups: groups)
  }

  /// The timed reading for the cascade analyses: delays, recoveries and requirement
  /// groups (labels numbered per network), edges in the order of ``dependencies``.
  public func timedGraph() throws(TimedDependencyGraph.InputError) -> TimedDependencyGraph {
    var labels: [String: Int] = [:]
    let edges = dependencies.map { d -> TimedDependencyGraph.Edge in
      var group: Int? = nil
      if let label = d.group {
        if let g = labels[label] { group = g } else {
          group = labels.count
          labels[label] = labels.count
        }
      }
      return .init(supplier: d.supplier, dependent: d.dependent, delay: d.delay, recovery: d.recovery, group: group, need: d.need)
    }
    return try TimedDependencyGraph(nodeCount: nodeIDs.count, edges: edges)
  }

  /// Whether any dependency carries a group (redundancy).
  public var hasRedundancy: Bool { dependencies.contains { $0.group != nil } }
}
