/// The redundancy audit: for every requirement group with an alternative to spare (a
/// dependent needing k of n suppliers, k < n), what its alternatives share that defeats
/// the redundancy — the plan's interdependency and common-threat analyses joined.
///
/// A **cause** is a set of nodes that fail together:
/// - every asset running one **product** (vendor/product as ``ProductReference/key``
///   compares them, whatever the version),
/// - every asset with one **vendor or service provider**,
/// - every asset at one **site**, or in one **hazard zone**,
/// - one **upstream node** (any single node of the model).
///
/// A cause is a **hidden common mode** of a group when the failures it starts, through
/// the cascade with every group's k-of-n honoured (``FailurePropagation``), take down
/// more than `n − k` of the group's suppliers. Products, vendors, sites and zones are
/// causes when at least two nodes of the model share them (one node alone is an upstream
/// node). Computed exactly by ``CommonModeAudit`` (64 causes per bit-parallel pass).
///
/// ```swift
/// let audit = CommonModes(dataset: dataset)
/// for f in audit.findings where f.shared.kind != .upstream {
///   print(f.dependent, "loses", f.failedAlternatives, "to", f.shared)
/// }
/// ```
public struct CommonModes: Sendable {
  /// What the lost alternatives share.
  public struct Shared: Sendable, Hashable, CustomStringConvertible {
    public enum Kind: String, Sendable, Hashable, CaseIterable { case product, vendor, site, hazard, upstream }
    public var kind: Kind
    /// The product key (`vendor/product`), vendor key, site id, hazard zone, or node id.
    public var value: String
    public var description: String { "\(kind.rawValue):\(value)" }

    public init(kind: Kind, value: String) {
      self.kind = kind
      self.value = value
    }
  }

  /// One redundant group lost to one cause.
  public struct Finding: Sendable, Hashable {
    /// The node that needs the group, the group's label (nil: not grouped) and its suppliers.
    public var dependent: String
    public var group: String?
    public var alternatives: [String]
    public var needed: Int
    public var shared: Shared
    /// The nodes that carry the cause (fail first).
    public var carriers: [String]
    /// The group's suppliers that fail.
    public var failedAlternatives: [String]
    /// Every node that fails from the cause, the carriers included (sorted by id).
    public var failed: [String]
  }

  /// Every hidden common mode: attribute causes first (product, vendor, site, hazard),
  /// then upstream nodes; within a kind by the number of failed nodes (most first), then
  /// dependent and cause.
  public let findings: [Finding]
  /// Redundant groups audited, and causes tried by kind.
  public let redundantGroups: Int
  public let causesTried: [Shared.Kind: Int]

  /// - Parameters:
  ///   - dataset: the model: its assets' products, vendors and sites, and its dependencies.
  ///   - upstream: whether every single node is tried as a cause too.
  ///   - threadCount: threads (nil: the active processors); the result does not depend on it.
  public init(dataset: Dataset, upstream: Bool = true, threadCount: Int? = nil) {
    let network = dataset.dependencyNetwork
    var carriers: [Shared: Set<String>] = [:]
    let sites = Dictionary(dataset.sites.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    for a in dataset.assets {
      for p in a.productReferences { carriers[Shared(kind: .product, value: p.key), default: []].insert(a.id) }
      for vendor in a.vendors { carriers[Shared(kind: .vendor, value: ProductReference.normal(vendor)), default: []].insert(a.id) }
      if let s = a.site {
        carriers[Shared(kind: .site, value: s), default: []].insert(a.id)
        for h in sites[s]?.hazards ?? [] { carriers[Shared(kind: .hazard, value: h), default: []].insert(a.id) }
      }
    }
    self.init(network: network, carriers: carriers, upstream: upstream, threadCount: threadCount)
  }

  /// The audit of a network with the attributes of its nodes given directly.
  ///
  /// - Parameters:
  ///   - network: the dependency network (its requirement groups are audited).
  ///   - carriers: for each shared product, vendor, site or zone, the ids of the nodes
  ///     carrying it (ids not in the network are ignored; fewer than two carriers in it:
  ///     not a cause).
  ///   - upstream: whether every single node is tried as a cause too.
  ///   - threadCount: threads (nil: the active processors); the result does not depend on it.
  public init(network: DependencyNetwork, carriers: [Shared: Set<String>], upstream: Bool = true, threadCount: Int? = nil) {
    let graph = network.requirementGraph
    let ids = network.nodeIDs
    var nodeSets: [Shared: Set<Int>] = [:]
    for (shared, nodes) in carriers { nodeSets[shared] = Set(nodes.compactMap(network.index(of:))) }
    let order: [Shared.Kind] = [.product, .vendor, .site, .hazard, .upstream]
    var causes: [(shared: Shared, nodes: [Int])] = nodeSets.filter { $0.value.count >= 2 }
      .map { ($0.key, $0.value.sorted()) }
      .sorted { (order.firstIndex(of: $0.shared.kind)!, $0.shared.value) < (order.firstIndex(of: $1.shared.kind)!, $1.shared.value) }
    if upstream { causes += ids.indices.map { (Shared(kind: .upstream, value: ids[$0]), [$0]) } }
    var tried: [Shared.Kind: Int] = [:]
    for c in causes { tried[c.shared.kind, default: 0] += 1 }
    causesTried = tried
    let audit = CommonModeAudit(graph, causes: causes.map(\.nodes), threadCount: threadCount)
    redundantGroups = audit.redundantGroups
    // Group labels: the dependency group of the dependent whose suppliers these are.
    var label: [String: String] = [:]
    for d in network.dependencies { if let g = d.group { label["\(d.dependent)\u{0}\(d.supplier)"] = g } }
    let propagation = FailurePropagation(graph)
    var failedOf: [Int: [Int]] = [:]
    var out: [Finding] = []
    for m in audit.modes {
      let failed = failedOf[m.cause] ?? {
        let f = propagation.failed(from: causes[m.cause].nodes)
        failedOf[m.cause] = f
        return f
      }()
      let failedSet = Set(failed)
      let suppliers = graph.suppliers(ofGroup: m.group).map(Int.init)
      out.append(Finding(
        dependent: ids[m.dependent], group: suppliers.first.flatMap { label["\(m.dependent)\u{0}\($0)"] },
        alternatives: suppliers.map { ids[$0] }.sorted(), needed: m.needed, shared: causes[m.cause].shared,
        carriers: causes[m.cause].nodes.map { ids[$0] }.sorted(),
        failedAlternatives: suppliers.filter(failedSet.contains).map { ids[$0] }.sorted(),
        failed: failed.map { ids[$0] }.sorted()))
    }
    findings = out.sorted {
      (order.firstIndex(of: $0.shared.kind)!, -$0.failed.count, $0.dependent, $0.shared.value)
        < (order.firstIndex(of: $1.shared.kind)!, -$1.failed.count, $1.dependent, $1.shared.value)
    }
  }
}
