/// The redundancy audit: for every requirement group with an alternative to spare (a
/// dependent needing k of n suppliers, k < n), what its alternatives share that defeats
/// the redundancy — the plan's interdependency and common-threat analyses joined.
///
/// A **cause** is a set of nodes that fail together:
/// - every asset running one **product** (vendor/product as ``ProductReference/key``
///   compares them, whatever the version),
/// - every asset with one **vendor or service provider**,
/// - every asset exposed to one **CVE** (with the KEV catalogue or CSAF advisories given;
///   as ``CommonCause`` `cve:` decides exposure),
/// - every asset at one **site**, or in one **hazard zone**,
/// - one **upstream node** (any single node of the model).
///
/// A cause is a **hidden common mode** of a group when the failures it starts, through
/// the cascade with every group's k-of-n honoured (``FailurePropagation``), take down
/// more than `n − k` of the group's suppliers. Products, vendors, sites and zones are
/// causes when at least two nodes of the model share them (one node alone is an upstream
/// node). Computed exactly by ``CommonModeAudit`` (64 causes per bit-parallel pass).
/// Shared attributes are listed group by group (``findings``); single upstream nodes,
/// which in a national model each defeat many groups, are summarised per group
/// (``upstream``: how many nodes, and the nearest) and ranked (``upstreamRanking``).
///
/// ```swift
/// let audit = CommonModes(dataset: dataset)
/// for f in audit.findings where f.shared.kind != .upstream {
///   print(f.dependent, "loses", f.failedAlternatives, "to", f.shared, "with", audit.failedNodes(f.cause))
/// }
/// ```
public struct CommonModes: Sendable {
  /// What the lost alternatives share.
  public struct Shared: Sendable, Hashable, CustomStringConvertible {
    public enum Kind: String, Sendable, Hashable, CaseIterable { case product, vendor, cve, site, hazard, upstream }
    public var kind: Kind
    /// The product key (`vendor/product`), vendor key, site id, hazard zone, or node id.
    public var value: String
    public var description: String { "\(kind.rawValue):\(value)" }

    public init(kind: Kind, value: String) {
      self.kind = kind
      self.value = value
    }
  }

  /// A cause that defeats at least one group: what is shared, the nodes carrying it and
  /// how many nodes fail from it (``failedNodes(_:)`` lists them).
  public struct Cause: Sendable, Hashable {
    public var shared: Shared
    /// The nodes that carry it (fail first), by id.
    public var carriers: [String]
    /// Every node that fails from it, the carriers included.
    public var failedCount: Int
  }

  /// One redundant group lost to one cause.
  public struct Finding: Sendable, Hashable {
    /// The node that needs the group, the group's label (nil: not grouped) and its suppliers.
    public var dependent: String
    public var group: String?
    public var alternatives: [String]
    public var needed: Int
    /// The cause (index into ``causes``) and what it shares.
    public var cause: Int
    public var shared: Shared
    /// The group's suppliers that fail.
    public var failedAlternatives: [String]
    /// Every node that fails from the cause.
    public var failedCount: Int
  }

  /// A redundant group that single upstream nodes defeat: how many of them, and the
  /// nearest (fewest nodes failing with them).
  public struct UpstreamFinding: Sendable, Hashable {
    public var dependent: String
    public var group: String?
    public var alternatives: [String]
    public var needed: Int
    /// Nodes whose failure alone defeats the group.
    public var count: Int
    /// Up to three of them, fewest failed nodes first: (node, nodes failing with it).
    public var nearest: [String]
    public var nearestFailedCounts: [Int]
  }

  /// Every hidden common mode of a shared product, vendor, site or hazard zone; by kind,
  /// then the number of failed nodes (most first), then dependent and cause.
  public let findings: [Finding]
  /// The groups single upstream nodes defeat (with `upstream`), most defeating nodes first.
  public let upstream: [UpstreamFinding]
  /// The upstream nodes that defeat most groups: (node, groups), at most 25, most first.
  public let upstreamRanking: [(node: String, groups: Int)]
  /// The causes the findings name (each once, however many groups it defeats).
  public let causes: [Cause]
  /// Shared attributes listed per group: those failing fewest nodes (the nearest), then
  /// in cause order.
  public static let findingsPerGroup = 4
  /// The (group, shared attribute) pairs that defeat a group beyond the
  /// ``findingsPerGroup`` kept for it: in a model where most causes fail most of it,
  /// every cause defeats every group, and listing them all would not fit in memory.
  public let omittedFindings: Int
  /// Redundant groups audited, and causes tried by kind.
  public let redundantGroups: Int
  public let causesTried: [Shared.Kind: Int]
  let network: DependencyNetwork
  let causeNodes: [[Int]]

  /// Every node that fails from a cause (through the cascade, groups honoured), by id;
  /// O(n + m) each, computed when asked (a national model's causes can each fail much of
  /// it, so the audit keeps only the counts).
  public func failedNodes(_ cause: Int) -> [String] {
    let propagation = FailurePropagation(network.requirementGraph)
    return propagation.failed(from: causeNodes[cause]).map { network.nodeIDs[$0] }.sorted()
  }

  /// - Parameters:
  ///   - dataset: the model: its assets' products, vendors and sites, and its dependencies.
  ///   - upstream: whether every single node is tried as a cause too.
  ///   - knownExploited: the KEV catalogue's entries: CVEs as shared weaknesses.
  ///   - advisories: CSAF advisories: CVEs as shared weaknesses, by product status and version.
  ///   - threadCount: threads (nil: the active processors); the result does not depend on it.
  public init(
    dataset: Dataset, upstream: Bool = true, knownExploited: [KnownExploitedVulnerability] = [], advisories: [SecurityAdvisory] = [],
    threadCount: Int? = nil
  ) {
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
    for (cve, assets) in Self.exposures(dataset, knownExploited: knownExploited, advisories: advisories) {
      carriers[Shared(kind: .cve, value: cve)] = assets
    }
    self.init(network: network, carriers: carriers, upstream: upstream, threadCount: threadCount)
  }

  /// For each CVE, the assets exposed to it (as ``CommonCause`` `cve:` decides: a CSAF
  /// advisory that names the product for the CVE decides by version; otherwise the
  /// products KEV, the dataset's threats and its incidents name with the CVE), found
  /// through an index by vendor rather than CVE by CVE.
  static func exposures(
    _ dataset: Dataset, knownExploited: [KnownExploitedVulnerability], advisories: [SecurityAdvisory]
  ) -> [String: Set<String>] {
    // Named entries: compact vendor key → (CVE, product keys).
    var named: [String: [(cve: String, products: [String])]] = [:]
    let names = VendorNames(known: knownExploited.map(\.vendor) + advisories.flatMap(\.vendors))
    func add(_ cve: String, vendor: String, product: String) {
      let keys = ProductReference.productKeys(product)
      for v in Set(names.keys(vendor) + [VendorNames.key(vendor)]) { named[VendorNames.compact(v), default: []].append((cve.uppercased(), keys)) }
    }
    func add(_ cve: String, _ text: String) { if let p = try? ProductReference.parse(text).get() { add(cve, vendor: p.vendor, product: p.product) } }
    for k in knownExploited { add(k.cve, vendor: k.vendor, product: k.product) }
    for t in dataset.threats { for c in t.identifiers.cve { t.identifiers.products.forEach { add(c, $0) } } }
    for i in dataset.incidents { for c in i.identifiers.cve { i.identifiers.products.forEach { add(c, $0) } } }
    // Advisories by the compact keys of their products' vendors.
    var byVendor: [String: [Int]] = [:]
    for (k, a) in advisories.enumerated() {
      for v in Set(a.treeProducts.flatMap { names.keys($0.vendor) + [VendorNames.key($0.vendor)] }) { byVendor[VendorNames.compact(v), default: []].append(k) }
    }
    var out: [String: Set<String>] = [:]
    for asset in dataset.assets {
      for p in asset.productReferences {
        let vendor = VendorNames.compact(VendorNames.key(p.vendor))
        let product = ProductReference.normal(p.product)
        var decided: [String: Bool] = [:]
        for k in Set(byVendor[vendor] ?? []) {
          for (cve, status) in advisories[k].statuses(of: p, names: names) {
            let exposed = status == nil || status == .affected
            decided[cve.uppercased()] = (decided[cve.uppercased()] ?? false) || exposed
          }
        }
        for (cve, exposed) in decided where exposed { out[cve, default: []].insert(asset.id) }
        for e in named[vendor] ?? [] where decided[e.cve] == nil && e.products.contains(where: { ProductReference.productKey($0, names: product) }) {
          out[e.cve, default: []].insert(asset.id)
        }
      }
    }
    return out
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
    let order = Shared.Kind.allCases
    var tries: [(shared: Shared, nodes: [Int])] = nodeSets.filter { $0.value.count >= 2 }
      .map { ($0.key, $0.value.sorted()) }
      .sorted { (order.firstIndex(of: $0.shared.kind)!, $0.shared.value) < (order.firstIndex(of: $1.shared.kind)!, $1.shared.value) }
    let attributeCauses = tries.count
    if upstream { tries += ids.indices.map { (Shared(kind: .upstream, value: ids[$0]), [$0]) } }
    var tried: [Shared.Kind: Int] = [:]
    for c in tries { tried[c.shared.kind, default: 0] += 1 }
    causesTried = tried
    let audit = CommonModeAudit(
      graph, causes: tries.map(\.nodes), summarisingFrom: attributeCauses, modesPerGroup: Self.findingsPerGroup, threadCount: threadCount)
    redundantGroups = audit.redundantGroups
    omittedFindings = audit.listedModeCount - audit.modes.count
    // Group labels: the dependency group of the dependent whose suppliers these are.
    var label: [String: String] = [:]
    for d in network.dependencies { if let g = d.group { label["\(d.dependent)\u{0}\(d.supplier)"] = g } }
    // Only the causes that defeat a group are kept, renumbered in order.
    var kept: [Int: Int] = [:]
    var keptCauses: [Cause] = []
    var keptNodes: [[Int]] = []
    var out: [Finding] = []
    for m in audit.modes {
      let c = kept[m.cause] ?? {
        kept[m.cause] = keptCauses.count
        keptCauses.append(Cause(
          shared: tries[m.cause].shared, carriers: tries[m.cause].nodes.map { ids[$0] }.sorted(), failedCount: m.failedNodes))
        keptNodes.append(tries[m.cause].nodes)
        return keptCauses.count - 1
      }()
      let suppliers = graph.suppliers(ofGroup: m.group).map(Int.init)
      out.append(Finding(
        dependent: ids[m.dependent], group: suppliers.first.flatMap { label["\(m.dependent)\u{0}\($0)"] },
        alternatives: suppliers.map { ids[$0] }.sorted(), needed: m.needed, cause: c, shared: tries[m.cause].shared,
        failedAlternatives: m.failedSuppliers == suppliers.count ? suppliers.map { ids[$0] }.sorted() : [], failedCount: m.failedNodes))
    }
    // The alternatives lost when not all are: from the cause's cascade (rare: k-of-n groups).
    let propagation = FailurePropagation(graph)
    for k in out.indices where out[k].failedAlternatives.isEmpty {
      let mask = propagation.failureMask(from: keptNodes[out[k].cause])
      out[k].failedAlternatives = out[k].alternatives.filter { network.index(of: $0).map { mask[$0] } ?? false }
    }
    var upstreamFindings: [UpstreamFinding] = []
    for summary in audit.summaries {
      let suppliers: [Int] = graph.suppliers(ofGroup: summary.group).map(Int.init)
      let groupLabel: String? = suppliers.first.flatMap { label["\(summary.dependent)\u{0}\($0)"] }
      let nearest: [String] = summary.examples.map { tries[$0.cause].shared.value }
      let nearestCounts: [Int] = summary.examples.map(\.failedNodes)
      upstreamFindings.append(UpstreamFinding(
        dependent: ids[summary.dependent], group: groupLabel, alternatives: suppliers.map { ids[$0] }.sorted(),
        needed: Int(graph.needed[summary.group]), count: summary.count, nearest: nearest, nearestFailedCounts: nearestCounts))
    }
    self.upstream = upstreamFindings.sorted { a, b in
      a.count != b.count ? a.count > b.count : (a.dependent, a.group ?? "") < (b.dependent, b.group ?? "")
    }
    var ranking: [(node: String, groups: Int)] = []
    for (k, n) in audit.groupsDefeated.enumerated() where k >= attributeCauses && n > 0 { ranking.append((tries[k].shared.value, n)) }
    upstreamRanking = Array(ranking.sorted { a, b in a.groups != b.groups ? a.groups > b.groups : a.node < b.node }.prefix(25))
    causes = keptCauses
    causeNodes = keptNodes
    self.network = network
    findings = out.sorted {
      (order.firstIndex(of: $0.shared.kind)!, -$0.failedCount, $0.dependent, $0.shared.value)
        < (order.firstIndex(of: $1.shared.kind)!, -$1.failedCount, $1.dependent, $1.shared.value)
    }
  }
}
